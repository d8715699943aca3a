/**
 * Every rewrite keeps the bytes it did not mean to change, on every real list we have: through the core
 * for every paper (done/undone, note), with a re-parse of the result for a spread sample (of the parts
 * the edit touched: test/lists.ts), and through the CLI's main() for the first and last paper of each file.
 */

/** Lists over this many characters get fewer re-parses (SPREAD_BIG instead of SPREAD). */
const BIG = 50_000;
const SPREAD = 6;
const SPREAD_BIG = 3;
import { chmodSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countEdits, findCounts, totalsOf } from '../src/core/read/counts.js';
import { applyEdits, type Edit } from '../src/core/write/splice.js';
import type { ListDocument, Paper } from '../src/core/model/paper.js';
import { addPaper } from '../src/core/write/add.js';
import { InvalidInputError } from '../src/core/model/errors.js';
import { withReadBack } from '../src/core/write/read-back.js';
import { parseDocument } from '../src/core/read/parse.js';
import { attachLink, removePaper, setState } from '../src/core/write/operations.js';
import { formatAreaPath } from '../src/core/query/query.js';
import { listJsonInProcess, readBytes, realLists, runCliInProcess, tempCopy } from './helpers.js';
import { parsedList } from './lists.js';

const setRead = (doc: Parameters<typeof setState>[0], paper: Parameters<typeof setState>[1], read: boolean) =>
  setState(doc, paper, read ? 'read' : 'unread');

/**
 * The numbers of the lines that differ between `before` and `after`, compared line by line (line i of one
 * with line i of the other). `around` (the edits made) says where to look first: when the text before
 * the first edit and after the last one is the same in both, and the edited stretch holds as many line
 * breaks on each side, only the lines of that stretch can differ and only they are compared (a 200 KB list
 * is not split in two for each of its papers); otherwise every line is.
 */
function lineNumbersTouched(before: string, after: string, around?: readonly Edit[]): number[] {
  const changed: number[] = [];
  if (around?.length) {
    const start = Math.min(...around.map((edit) => edit.start));
    const tail = before.length - Math.max(...around.map((edit) => edit.end));
    const [beforeEnd, afterEnd] = [before.length - tail, after.length - tail];
    const breaks = (text: string, from: number, to: number) => text.slice(from, to).split('\n').length;
    if (
      afterEnd >= start &&
      before.slice(0, start) === after.slice(0, start) &&
      before.slice(beforeEnd) === after.slice(afterEnd) &&
      breaks(before, start, beforeEnd) === breaks(after, start, afterEnd)
    ) {
      // The whole lines the edited stretch touches, from the start of the first to the end of the last.
      const from = start === 0 ? 0 : before.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = (text: string, at: number) => (text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at));
      const a = before.slice(from, lineEnd(before, beforeEnd)).split('\n');
      const b = after.slice(from, lineEnd(after, afterEnd)).split('\n');
      let first = 1;
      for (let at = before.indexOf('\n'); at >= 0 && at < from; at = before.indexOf('\n', at + 1)) first++;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed.push(first + i);
      return changed;
    }
  }
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) changed.push(i + 1);
  return changed;
}

/**
 * How many characters differ between two strings of the same length. `from` is where the first
 * difference is looked for (the edit's start): the text before it and after the first difference is
 * compared whole (string equality, far faster than a loop per character on a 200 KB list, once per
 * paper); when either differs, every character is compared.
 */
function differingChars(a: string, b: string, from: number): number {
  const everyChar = () => {
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
    return differing;
  };
  if (a.slice(0, from) !== b.slice(0, from)) return everyChar();
  let first = from;
  while (first < a.length && a[first] === b[first]) first++;
  if (first === a.length) return 0;
  return a.slice(first + 1) === b.slice(first + 1) ? 1 : everyChar();
}

function linesOf(doc: ListDocument, paper: Paper): [number, number] {
  const first = doc.text.slice(0, paper.span.start).split('\n').length;
  const last = doc.text.slice(0, paper.span.end).split('\n').length;
  return [first, last];
}

/** `after` is `before` with one contiguous piece of text inserted. */
function isSingleInsertion(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  const inserted = after.length - before.length;
  return inserted > 0 && after.slice(prefix + inserted) === before.slice(prefix);
}

describe('edits on every real list (core, every paper)', () => {
  for (const file of realLists()) {
    const { text, doc, reparse } = parsedList(file);
    const spread = text.length > BIG ? SPREAD_BIG : SPREAD;

    it(`${basename(file)}: done/undone round-trips and changes one character`, () => {
      for (const paper of doc.papers) {
        const flip = setRead(doc, paper, !paper.read);
        expect(flip.edits).toHaveLength(1);
        const flipped = applyEdits(text, flip.edits);
        expect(flipped.length).toBe(text.length);
        expect(differingChars(text, flipped, flip.edits[0]!.start)).toBe(1);
        // One character changed, so every offset still holds: undo on the same model, text swapped.
        const back = setRead({ ...doc, text: flipped }, { ...paper, read: !paper.read }, paper.read);
        expect(applyEdits(flipped, back.edits) === text).toBe(true);
        expect(setRead(doc, paper, paper.read).edits).toEqual([]);
      }
    });

    it(`${basename(file)}: note changes only that paper's lines and reads back`, () => {
      for (const paper of doc.papers) {
        const url = `https://notes.example.org/${paper.number}`;
        const { edits } = attachLink(doc, paper, 'Note', url, parseDocument);
        const after = applyEdits(text, edits);
        const [first, last] = linesOf(doc, paper);
        for (const line of lineNumbersTouched(text, after, edits))
          expect(line >= first && line <= last, `line ${line} of #${paper.number}`).toBe(true);
        // Reading back parses the whole file: a spread sample of papers (fewer on big lists) keeps the suite fast.
        if (paper.number % Math.ceil(doc.papers.length / spread) !== 1) continue;
        const rereadDoc = reparse(after);
        const reread = rereadDoc.papers[paper.number - 1]!;
        expect(reread.links.find((link) => link.label.toLowerCase() === 'note')?.url).toBe(url);
        expect(reread.title).toBe(paper.title);
        expect(rereadDoc.papers.length).toBe(doc.papers.length);
      }
    });

    it(`${basename(file)}: a link with a label the list never uses reads back as a link, or is refused`, () => {
      // In a list of bare `[label](url)` links, `[zz](u)` after a title could read as part of the title.
      for (const paper of doc.papers) {
        if (paper.number % Math.ceil(doc.papers.length / spread) !== 1) continue;
        const url = `https://notes.example.org/${paper.number}`;
        let edits: Edit[];
        try {
          ({ edits } = attachLink(doc, paper, 'zz', url, parseDocument));
        } catch (error) {
          expect(error, `#${paper.number}`).toBeInstanceOf(InvalidInputError);
          continue;
        }
        const reread = reparse(applyEdits(text, edits)).papers[paper.number - 1]!;
        expect([reread.title, reread.venue], `#${paper.number}`).toEqual([paper.title, paper.venue]);
        const keys = (links: { label: string; url: string }[]) =>
          links.map((link) => `${link.label.toLowerCase()} ${link.url}`).sort();
        expect(keys(reread.links), `#${paper.number}`).toEqual(keys([...paper.links, { label: 'zz', url }]));
      }
    });

    it(`${basename(file)}: add into every area only inserts, reads back, and rm restores the bytes`, async () => {
      const areas = [...new Set(doc.headings.filter((h) => !h.isDocumentTitle).map((h) => formatAreaPath(h.path)))];
      // A spread sample of areas (the first always; fewer on big lists: each add re-parses the whole file).
      const sample = areas.filter((_, i) => i % Math.ceil(areas.length / spread) === 0);
      for (const area of [...sample, 'Brand New Area', `${areas[0] ?? 'Top'}/Brand New Sub`]) {
        const paper = {
          title: 'Zebra: Striped Tensors [Re] for *Fast* `Models`',
          venue: "OSDI'24",
          read: false,
          links: [{ label: 'Paper', url: 'https://example.org/zebra.pdf' }],
        };
        // The read-back add's plan makes (the scanner, remark only where it declines) is remark's own.
        const change = await withReadBack((readBack) => addPaper(doc, { area, paper }, readBack));
        expect(change).toEqual(addPaper(doc, { area, paper }, parseDocument));
        const after = applyEdits(text, change.edits);
        expect(isSingleInsertion(text, after), `add into ${area}`).toBe(true);
        const readBack = reparse(after);
        const added = readBack.papers.filter((p) => p.title === paper.title);
        expect(added, `add into ${area}`).toHaveLength(1);
        expect(added[0]!.venue).toBe("OSDI'24");
        expect(formatAreaPath(added[0]!.area).endsWith(area)).toBe(true);
        expect(added[0]!.links.map((link) => link.url)).toEqual(['https://example.org/zebra.pdf']);
        expect(readBack.papers.length).toBe(doc.papers.length + 1);
        // rm takes the item, not a heading add created: the identity holds for areas that existed.
        if (!areas.includes(area)) continue;
        const removed = applyEdits(after, removePaper(readBack, added[0]!).edits);
        expect(removed === text, `rm after add into ${area}`).toBe(true);
      }
    });
  }
});

describe('edits through the CLI (in-process main, on temp copies)', () => {
  for (const file of realLists()) {
    it(`${basename(file)}: done + undone on first and last paper give the file back (or, without papers, leave it alone)`, async () => {
      const papers = await listJsonInProcess(file);
      if (papers.length === 0) {
        const copy = writableCopy(file);
        expect((await runCliInProcess(['--file', copy, 'list'])).status).toBe(0);
        const done = await runCliInProcess(['--file', copy, 'done', '1']);
        expect(done.status).toBe(1);
        expect(done.stderr).toMatch(/no paper #1: the list has 0 papers/);
        expect(readBytes(copy).equals(readBytes(file))).toBe(true);
        return;
      }
      const copy = writableCopy(file);
      // A file that carries summary counts gets them right on the first write: the file comes back
      // with its counts in step, else byte for byte.
      const text = readFileSync(file, 'utf8');
      const marks = findCounts(text);
      const synced = Buffer.from(applyEdits(text, countEdits(marks, totalsOf(papers))), 'utf8');
      const countLines = new Set(marks.map((mark) => text.slice(0, mark.span.start).split('\n').length));
      for (const paper of [papers[0]!, papers[papers.length - 1]!]) {
        const [first, second] = paper.read ? ['undone', 'done'] : ['done', 'undone'];
        const one = await runCliInProcess(['--file', copy, first, paper.id]);
        expect(one.status, one.stderr).toBe(0);
        const changed = readBytes(copy);
        if (marks.length === 0 && /\[[ xX]\]/.test(text.split('\n')[paper.line - 1]!)) {
          expect(changed.length).toBe(synced.length);
          expect([...changed].filter((byte, i) => byte !== synced[i])).toHaveLength(1);
        } else {
          // A table row: its line and the count lines change, nothing else.
          const touched = lineNumbersTouched(synced.toString('utf8'), changed.toString('utf8'));
          expect(
            touched.every((line) => line === paper.line || countLines.has(line)),
            `${touched}`,
          ).toBe(true);
        }
        expect((await runCliInProcess(['--file', copy, second, String(paper.number)])).status).toBe(0);
        expect(readBytes(copy).equals(synced)).toBe(true);
      }
    });
  }
});

function writableCopy(file: string): string {
  const copy = tempCopy(file);
  chmodSync(copy, 0o644);
  return copy;
}
