/**
 * Golden files for the editing commands: each folder under test/golden/ holds
 *   input.md        the list before
 *   args.json       the CLI arguments after `--file <copy>`, e.g. ["done", "roller"]
 *   expected.md     the list after, byte for byte (written by hand; UPDATE=1 rewrites it from the tool)
 *   expected.stdout optional: what the command prints (the copy is always named list.md)
 * The CLI's main() runs in-process on a copy of input.md in a temp dir, with that dir as its working
 * directory (one at a time: in-process runs share process.stdout).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliInProcess, tempDir } from './helpers.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE === '1';

const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Control characters, CR and a BOM shown, so that a failing comparison says where the bytes differ. */
function visible(text: string): string {
  return text.replace(/\uFEFF/g, '<BOM>').replace(/\r/g, '<CR>');
}

describe('golden edits', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.for(cases)('%s', async (name) => {
    const dir = join(GOLDEN, name);
    const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[];
    const cwd = tempDir();
    const file = join(cwd, 'list.md');
    copyFileSync(join(dir, 'input.md'), file);

    const result = await runCliInProcess(['--file', 'list.md', ...args], { cwd });
    expect(result.stderr, `stderr of papers ${args.join(' ')}`).toBe('');
    expect(result.status).toBe(0);

    const actual = readFileSync(file);
    const expectedPath = join(dir, 'expected.md');
    const stdoutPath = join(dir, 'expected.stdout');
    if (UPDATE) {
      writeFileSync(expectedPath, actual);
      if (existsSync(stdoutPath)) writeFileSync(stdoutPath, result.stdout);
      return;
    }
    const expected = readFileSync(expectedPath);
    expect(visible(actual.toString('utf8'))).toBe(visible(expected.toString('utf8')));
    expect(actual.equals(expected)).toBe(true);
    if (existsSync(stdoutPath)) expect(result.stdout).toBe(readFileSync(stdoutPath, 'utf8'));
  });
});
