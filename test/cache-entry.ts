/**
 * For tests that plant damaged cache entries: both sections' words, where paper i's field and offsets
 * are (by the named layout, src/store/cache/layout.ts), and the file again with its checksums made right.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { withHeader } from '../src/store/cache/encode.js';
import {
  Count,
  HEADER_BYTES,
  HeadingColumn,
  int32View,
  LinkColumn,
  PaperColumn,
  paperWordAt,
  readHeader,
} from '../src/store/cache/layout.js';
import { runCliInProcess, tempDir, tempFile } from './helpers.js';

export function editableEntry(file: Buffer) {
  const layout = readHeader(file);
  if (!layout) throw new Error('not a cache entry of this format');
  const facts = Buffer.from(file.subarray(HEADER_BYTES, HEADER_BYTES + layout.factsBytes));
  const detail = Buffer.from(file.subarray(HEADER_BYTES + layout.factsBytes));
  const factsWords = int32View(facts);
  const detailWords = int32View(detail);
  const papers = factsWords[Count.Papers]!;
  const links = factsWords[Count.Links]!;
  const headings = factsWords[Count.Headings]!;
  const linkBase = Count.Total + papers * PaperColumn.Total;
  return {
    factsWords,
    detailWords,
    paperField: (column: keyof typeof PaperColumn, i: number) => paperWordAt(PaperColumn[column], papers, i),
    /** Link k's field (links are numbered across papers: paper i's first is its FirstLink). */
    linkField: (column: keyof typeof LinkColumn, k: number) => linkBase + LinkColumn[column] * links + k,
    headingField: (column: keyof typeof HeadingColumn, h: number) =>
      linkBase + links * LinkColumn.Total + HeadingColumn[column] * headings + h,
    detailRun: (i: number) => papers + 1 + detailWords[i]!,
    bytes: () => withHeader(facts, detail),
  };
}

const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex');

/** Where a list's cache entry is, under the cache folder `cache` (XDG_CACHE_HOME). */
const entryPath = (cache: string, text: string) => join(cache, 'papers', `${sha1(text)}.entry`);

/** `args` on `text` with no cache: exit code, messages and the bytes written. */
export async function uncachedRun(text: string, args: string[]) {
  const file = tempFile(text, 'reading.md');
  const result = await runCliInProcess(['--file', file, ...args], { env: { PAPERS_NO_CACHE: '1' } });
  return { status: result.status, stderr: result.stderr, text: readFileSync(file, 'utf8') };
}

/** `args` on `text` once its entry (stored by a `list`) was changed by `plant` and sealed again. */
export async function plantedRun(
  text: string,
  plant: (entry: ReturnType<typeof editableEntry>) => void,
  args: string[],
) {
  const cache = tempDir();
  const env = { XDG_CACHE_HOME: cache };
  const file = tempFile(text, 'reading.md');
  expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
  const path = entryPath(cache, text);
  const entry = editableEntry(readFileSync(path));
  plant(entry);
  writeFileSync(path, entry.bytes());
  const result = await runCliInProcess(['--file', file, ...args], { env });
  return { status: result.status, stderr: result.stderr, text: readFileSync(file, 'utf8') };
}

/** `args` on `text` whose cache entry is a real one (right checksums) of `decoy`, a text of the same length. */
export async function decoyRun(text: string, decoy: string, args: string[]) {
  expect(decoy.length).toBe(text.length);
  const cache = tempDir();
  const env = { XDG_CACHE_HOME: cache };
  const decoyFile = tempFile(decoy, 'decoy.md');
  expect((await runCliInProcess(['--file', decoyFile, 'list'], { env })).status).toBe(0);
  const file = tempFile(text, 'reading.md');
  copyFileSync(entryPath(cache, decoy), entryPath(cache, text));
  const result = await runCliInProcess(['--file', file, ...args], { env });
  return { status: result.status, stderr: result.stderr, text: readFileSync(file, 'utf8') };
}
