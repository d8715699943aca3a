/**
 * Damaged cache entries whose checksums are right (re-sealed after the damage, test/cache-entry.ts):
 * an offset past the text, an index past its section, a paper's offsets read from the wrong place. Each
 * is a miss when the entry is read (store/cache/decode.ts checks every word it will use), never an error
 * later from inside a command ("this is a bug" from `list`, `open`, `done`, `undo`), and never wrong
 * bytes: every command exits 0 and says and writes what it does without a cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editableEntry } from './cache-entry.js';
import { EXAMPLE, runBinInProcess, runCliInProcess, tempDir, tempFile } from './helpers.js';

type Entry = ReturnType<typeof editableEntry>;

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** The damage done to paper i's words (the paper a command names). */
const DAMAGES: [string, (entry: Entry, i: number) => void][] = [
  ['its title span ends past its part', (e, i) => (e.factsWords[e.paperField('TitleB', i)] = 50_000_000)],
  ['its id is no string of the blob', (e, i) => (e.factsWords[e.paperField('Id', i)] = 1_000_000)],
  [
    'its first link’s URL span ends past its part',
    (e, i) => (e.factsWords[e.linkField('UrlB', e.factsWords[e.paperField('FirstLink', i)]!)] = 50_000_000),
  ],
  ['its heading is past the headings', (e, i) => (e.factsWords[e.paperField('Heading', i)] = 10_000)],
  ['a heading’s path is past the path words', (e) => (e.factsWords[e.headingField('PathStart', 1)] = 10_000)],
  ['its offsets are read one word late', (e, i) => (e.detailWords[i] = e.detailWords[i]! + 1)],
  ['its item ends past the text', (e, i) => (e.detailWords[e.detailRun(i) + 1] = 50_000_000)],
];

/** Damages the cache entry of `file`'s current text (re-sealed: its checksums are right). */
function damage(cache: string, file: string, how: (entry: Entry, i: number) => void, i: number): void {
  const path = join(cache, 'papers', `${sha1(readFileSync(file))}.entry`);
  const entry = editableEntry(readFileSync(path));
  how(entry, i);
  writeFileSync(path, entry.bytes());
}

const WELDER = readFileSync(EXAMPLE, 'utf8')
  .split('\n')
  .filter((line) => /^\s*- \[[ x]\]/.test(line))
  .findIndex((line) => line.includes('Welder:'));

/** What a command prints and writes on a copy of the example with no cache at all. */
async function uncached(args: string[], before: string[] = []) {
  const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
  const env = { PAPERS_NO_CACHE: '1', XDG_STATE_HOME: tempDir() };
  for (const step of before)
    expect((await runBinInProcess(['--file', file, ...step.split(' ')], { env })).status).toBe(0);
  const result = await runCliInProcess(['--file', file, ...args], { env });
  return { ...result, stdout: result.stdout.replaceAll(file, 'FILE'), text: readFileSync(file, 'utf8') };
}

describe('a damaged cache entry with right checksums is a miss: same output, same bytes, exit 0', () => {
  it.each(DAMAGES)('%s', async (_, how) => {
    expect(WELDER).toBeGreaterThan(0);
    const commands: { args: string[]; before: string[] }[] = [
      { args: ['list'], before: [] },
      { args: ['list', '--json'], before: [] },
      { args: ['open', 'welder', '--print'], before: [] },
      { args: ['show', 'welder'], before: [] },
      { args: ['done', 'welder'], before: [] },
      { args: ['done', String(WELDER + 1)], before: [] },
      { args: ['undo'], before: ['done welder'] },
    ];
    for (const { args, before } of commands) {
      const want = await uncached(args, before);
      expect(want.status, want.stderr).toBe(0);
      const cache = tempDir();
      const env = { XDG_CACHE_HOME: cache, XDG_STATE_HOME: tempDir() };
      const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
      for (const step of before)
        expect((await runBinInProcess(['--file', file, ...step.split(' ')], { env })).status).toBe(0);
      // The entry of the text the command will read.
      expect((await runBinInProcess(['--file', file, 'list'], { env })).status).toBe(0);
      damage(cache, file, how, WELDER);
      // Both ways in: the hot path (list, done) and main() (every command).
      const got = await (args[0] === 'list' || args[0] === 'done' ? runBinInProcess : runCliInProcess)(
        ['--file', file, ...args],
        { env },
      );
      expect(got.stderr, args.join(' ')).not.toMatch(/bug/);
      expect(got.status, `${args.join(' ')}: ${got.stderr}`).toBe(0);
      expect(got.stdout.replaceAll(file, 'FILE'), args.join(' ')).toBe(want.stdout);
      expect(readFileSync(file, 'utf8'), args.join(' ')).toBe(want.text);
      // The damaged entry was replaced: the next run reads a good one.
      const again = await runBinInProcess(['--file', file, 'list'], { env });
      const copy = tempFile(readFileSync(file), 'reading.md');
      const fresh = await runBinInProcess(['--file', copy, 'list'], { env: { PAPERS_NO_CACHE: '1' } });
      expect(again.stdout, args.join(' ')).toBe(fresh.stdout);
    }
  });
});
