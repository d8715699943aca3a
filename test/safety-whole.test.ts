/**
 * A list read as a whole (a legend, tables that share a header line: core/read/parts.ts) is checked part
 * by part before a write on its cached model (store/verify.ts), with what the whole text says applied
 * the way a whole parse applies it. These planted and decoy entries (right checksums) are each wrong in
 * what a part alone does not show; every write here writes the bytes it writes without a cache.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Count, EolBit, Flag, RowRun, STATUSES, rowRunAt } from '../src/store/cache/layout.js';
import { decoyRun, type editableEntry, plantedRun, uncachedRun } from './cache-entry.js';
import { runCliInProcess, tempDir, tempFile } from './helpers.js';

/** `args` on `text` with no cache (it must succeed): the bytes written. */
async function uncached(text: string, args: string[]) {
  const result = await uncachedRun(text, args);
  expect(result.status, result.stderr).toBe(0);
  return result.text;
}

/** `args` on `text` on a planted entry (it must succeed): the bytes written. */
async function planted(text: string, plant: (entry: ReturnType<typeof editableEntry>) => void, args: string[]) {
  const result = await plantedRun(text, plant, args);
  expect(result.status, result.stderr).toBe(0);
  return result.text;
}

/** Paper i of the entry made read (its flags and, for a row, its status). */
function plantRead(entry: ReturnType<typeof editableEntry>, i: number): void {
  const flags = entry.paperField('Flags', i);
  entry.factsWords[flags] = (entry.factsWords[flags]! | Flag.Read) & ~Flag.Reading;
  const links = entry.factsWords[entry.paperField('LinkCount', i)]!;
  entry.detailWords[entry.detailRun(i) + rowRunAt(links) + RowRun.Status] = STATUSES.indexOf('read');
}

// A legend that makes ☑️ "reading" and count badges in the first part (`> - ` nests two deep: with
// PAPERS_MAX_DEPTH=1 a parse of that part is refused), then a part of prose, then the table's part.
const LEGEND = [
  '# Reading',
  '',
  '![Read](https://img.shields.io/badge/Read-1-green) ![To Read](https://img.shields.io/badge/To_Read-2-orange)',
  '',
  '> - Legend: ✅ read, ☑️ reading, ⬜ to read',
  '',
  '## About',
  '',
  'Papers I read.',
  '',
  '## Systems',
  '',
  '| Status | Paper | Venue |',
  '|:---:|---|---|',
  '| ☑️ | **Alpha: One** | OSDI |',
  '| ⬜ | **Beta: Two** | SOSP |',
  '| ✅ | **Gamma: Three** | ATC |',
  '',
].join('\n');

describe('a list read as a whole: a cached model is checked on the touched part, with the whole text in view', () => {
  it('done writes the bytes it writes without a cache, and the touched part alone is read (no full parse)', async () => {
    // (Alpha's ☑️ would not agree with its state by the legend: the cache checks markers as they read alone.)
    // Without the count badges: a list that carries summary counts is planned on a fresh parse of the
    // whole text, since they count every paper (test/safety-review2.test.ts).
    const text = LEGEND.replace('| ☑️ | **Alpha', '| ⬜ | **Alpha').replace(/^!\[Read\].*\n/m, '');
    expect(text).not.toContain('shields.io');
    const args = ['done', 'beta'];
    const expected = await uncached(text, args);
    expect(expected).toContain('| ✅ | **Beta: Two** |');
    const cache = tempDir();
    const file = tempFile(text, 'reading.md');
    expect((await runCliInProcess(['--file', file, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    // Only the table's part and the one before it are parsed: not the first (the legend is found on the
    // text), whose parse is refused at this depth.
    const done = await runCliInProcess(['--file', file, ...args], {
      env: { XDG_CACHE_HOME: cache, PAPERS_MAX_DEPTH: '1' },
    });
    expect(done.status, done.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // (and the run did take its model from the cache: without it, a parse of the whole is refused)
    const again = await runCliInProcess(['--file', tempFile(text, 'reading.md'), ...args], {
      env: { XDG_CACHE_HOME: tempDir(), PAPERS_MAX_DEPTH: '1' },
    });
    expect(again.status).not.toBe(0);
  });

  it("the legend's states: a row planted read that the legend reads as being read is caught (the counts would be wrong)", async () => {
    const args = ['done', 'beta'];
    const expected = await uncached(LEGEND, args);
    // Alpha (☑️: "reading" by the legend, "read" alone) planted read: its marker agrees with that alone.
    const got = await planted(LEGEND, (e) => plantRead(e, 0), args);
    expect(got).toBe(expected);
    expect(got).toContain('badge/Read-2-green');
  });

  it('the legend is the text’s: a model that says the list is not read as a whole is caught (the marker would be 💯)', async () => {
    // 💯 is "reading" by this legend, "read" alone. The touched table (⛔ has no marker paired with it for
    // read) takes the file's marker for read: none by the legend (✅ then), 💯 without it.
    const text = [
      '# Reading',
      '',
      '> - Legend: ✅ read, 💯 reading, ⛔ to read',
      '',
      '## Systems',
      '',
      '| Status | Paper | Venue |',
      '|:---:|---|---|',
      '| ⛔ | **Beta: Two** | SOSP |',
      '',
      '## Other',
      '',
      '| Status | Title | Venue |',
      '|:---:|---|---|',
      '| 💯 | **Alpha: One** | OSDI |',
      '',
    ].join('\n');
    const args = ['done', 'beta'];
    const expected = await uncached(text, args);
    expect(expected).toContain('| ✅ | **Beta: Two** |');
    const got = await planted(
      text,
      (e) => {
        // Not read as a whole, and Alpha (in a part no edit touches) read, as its marker reads alone.
        e.factsWords[Count.Eol] = e.factsWords[Count.Eol]! & ~EolBit.ReadAsWhole;
        plantRead(e, 1);
      },
      args,
    );
    expect(got).toBe(expected);
  });

  it('tables that share a header line: a decoy model that lacks the rows another table makes papers is caught', async () => {
    // Alone, B's table holds no papers (no header names its status, no row has a marker); with A's, it does.
    const text =
      '# R\n\n## A\n\n| 已录制 | 名字 |\n|---|---|\n| ✅ | AlexNet |\n|  | VGG |\n\n## B\n\n| 已录制 | 名字 |\n|---|---|\n|  | GoogleNet |\n|  | ResNet |\n';
    const header = '| 已录制 | 名字 |';
    const at = text.indexOf(header);
    // The decoy: A's header differs by one character, so no table shares it and B's rows are no papers.
    const decoy = `${text.slice(0, at)}| 已录制 | 名宇 |${text.slice(at + header.length)}`;
    expect(decoy.length).toBe(text.length);
    const args = ['add', 'New Paper', '--area', 'B'];
    const expected = await uncached(text, args);
    expect(expected).toContain('|  | ResNet |\n| | New Paper |\n');
    const got = await decoyRun(text, decoy, args);
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected);
  });

  it('a number checked on the whole text after the text up to the paper was read in the worker (markup-heavy): the write is done (was a crash)', async () => {
    // The table (no papers) makes the whole text read again; the markup-heavy part sends the text up to the
    // paper to the parse worker's path, whose parts were once moved in place and then read again, moved twice.
    const item = (n: number) => `- [ ] **[Paper ${n}](<https://e.org/${n}>)** \`x\` _y_`;
    const text = [
      '# R\n\n## Info\n\n| Key | Value |\n|---|---|\n| a | b |\n\n## L\n',
      [0, 1, 2, 3, 4].map(item).join('\n'),
      '\n## X\n\n## Y\n\n## T\n\n- [ ] One\n\n## N\n\n- [ ] Two\n\n## M\n\n- [ ] Three\n\n## Z\n\nThe end.\n',
    ].join('\n');
    const args = ['done', '8'];
    const expected = await uncached(text, args);
    expect(expected).toContain('- [x] Three\n');
    const file = tempFile(text, 'reading.md');
    const env = { XDG_CACHE_HOME: tempDir() };
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const done = await runCliInProcess(['--file', file, ...args], { env });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('tables that share a header line: a paper named by its number is checked against the whole text when a table after it shares a header with one before', async () => {
    // Alone, B's table holds no papers; the table of A, after the paper the number names, makes them papers:
    // paper 1 is GoogleNet, not Middle (the text up to Middle, read alone, says Middle). (N keeps B out of
    // the parts read for the edit: the part it touches and the one before.)
    const text =
      '# R\n\n## B\n\n| 已录制 | 名字 |\n|---|---|\n|  | GoogleNet |\n|  | ResNet |\n\n## N\n\nNotes.\n\n## M\n\n- [ ] Middle\n\n## A\n\n| 已录制 | 名字 |\n|---|---|\n| ✅ | AlexNet |\n|  | VGG |\n';
    const header = '| 已录制 | 名字 |';
    const at = text.lastIndexOf(header);
    // The decoy: A's header differs by one character, so B's rows are no papers and Middle is paper 1.
    const decoy = `${text.slice(0, at)}| 已录制 | 名宇 |${text.slice(at + header.length)}`;
    const args = ['done', '1'];
    const expected = await uncached(text, args);
    expect(expected).toContain('| ✅ | GoogleNet |');
    const got = await decoyRun(text, decoy, args);
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected);
  });
});
