/** `.papers.json` "formats": the user names the status column and the markers where detection cannot know. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, tempDir } from './helpers.js';

const LIST =
  '## Papers\n\n| Paper | Status | Priority |\n|---|---|---|\n| Alpha | | Y |\n| Beta | | N |\n| Gamma | started | Y |\n';

function listWithConfig(config: unknown): string {
  const dir = tempDir();
  const file = join(dir, 'list.md');
  writeFileSync(file, LIST);
  writeFileSync(join(dir, '.papers.json'), JSON.stringify(config));
  chmodSync(join(dir, '.papers.json'), 0o644);
  return file;
}

describe('.papers.json formats', () => {
  it('without rules, the named Status column is read (started: being read)', async () => {
    const dir = tempDir();
    const file = join(dir, 'list.md');
    writeFileSync(file, LIST);
    expect((await listJsonInProcess(file)).map((paper) => paper.state)).toEqual(['unread', 'unread', 'reading']);
  });

  it('a status column and markers named by the user are read, written, and shown by explain', async () => {
    const file = listWithConfig({ formats: [{ statusColumn: 'Priority', markers: { read: ['Y'], unread: ['N'] } }] });
    expect((await listJsonInProcess(file)).map((paper) => paper.state)).toEqual(['read', 'unread', 'read']);
    const explain = await runCliInProcess(['--file', file, 'explain']);
    expect(explain.stdout).toContain('state: column 3 "Priority"');
    expect(explain.stdout).toMatch(/config: .*\.papers\.json \(1 format rule for this list, in effect above\)/);
    // done writes the marker the rules name for read; undone the one for unread, even once no row shows it.
    expect((await runCliInProcess(['--file', file, 'done', 'beta'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(LIST.replace('| Beta | | N |', '| Beta | | Y |'));
    expect((await runCliInProcess(['--file', file, 'undone', 'beta'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('markers apply under their heading only', async () => {
    // (`N` means "no" alone; the rule makes it "read" under Papers, and not elsewhere)
    const here = listWithConfig({
      formats: [{ heading: 'Papers', statusColumn: 'Priority', markers: { read: ['N', 'Y'] } }],
    });
    expect((await listJsonInProcess(here)).map((paper) => paper.state)).toEqual(['read', 'read', 'read']);
    const elsewhere = listWithConfig({
      formats: [{ heading: 'Elsewhere', statusColumn: 'Priority', markers: { read: ['N', 'Y'] } }],
    });
    expect((await listJsonInProcess(elsewhere)).map((paper) => paper.state)).toEqual(['read', 'unread', 'read']);
  });
});
