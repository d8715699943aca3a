/**
 * A link that `note` (or `set --paper`) writes must read back as that link, and leave the paper's title,
 * venue and other links as they were. In a list of bare `[label](url)` links, `[zz](u)` after a title
 * with no links yet reads as part of the title (`original GAN zz`): the paper's id would change.
 */
import type { ListDocument, Paper } from '../model/paper.js';
import { namedMarkers } from '../read/formats/legend.js';
import { definitionLines, lineEnd, lineStart, nextLineStart } from '../model/text.js';
import type { ReadBack } from './read-back.js';
import { applyEdits, type Edit } from './splice.js';

export interface LinkValue {
  label: string;
  url: string;
}

/**
 * The check of one paper's candidate edits (linkReadsBack), with what they share worked out once: the
 * file's definitions (a regular expression over the whole text) and the excerpts' line ranges.
 */
export function linkCheck(
  doc: ListDocument,
  paper: Paper,
  links: readonly LinkValue[],
  readBack: ReadBack,
): (edit: Edit) => boolean {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: an excerpt is read with the file's definitions.
  const definitions = definitionLines(doc.text)
    .map((definition) => `\n${definition}`)
    .join('');
  const ranges = doc.readAsWhole ? [] : excerptLines(doc, paper);
  return (edit) => linkReadsBack(doc, paper, edit, links, readBack, definitions, ranges);
}

/**
 * Whether `paper` with `edit` applied reads as the same title, venue, year and state with exactly `links`,
 * and the papers around it as they were. An excerpt is read before and after the edit, so the check
 * costs a line on most lists: a task item's own line; a marked entry's line, else its whole list (an
 * entry without a marker counts only in a list marked throughout); a row's whole table with its head
 * (which column holds the titles may depend on every row). When no excerpt reads the paper as the file
 * does (a legend elsewhere, tables read by another's header, a block quote around a table), the whole
 * edited text is read.
 */
function linkReadsBack(
  doc: ListDocument,
  paper: Paper,
  edit: Edit,
  links: readonly LinkValue[],
  readBack: ReadBack,
  definitions: string,
  ranges: readonly [number, number][],
): boolean {
  if (!legendHolds(doc.text, edit)) return false;
  for (const [start, end] of ranges) {
    const piece = excerpt(doc, paper, start, end, edit, definitions);
    if (piece === null) continue;
    const before = readBack(piece.text).papers;
    const target = innermost(before, piece.edit.start);
    if (!target) continue;
    // (In an excerpt, a marker's state may read otherwise than in the file, where a legend gives it: the
    // state is compared before and after the edit, the rest with the paper as the file reads it. Named
    // one by one: a cached paper's fields are getters, which a spread leaves out.)
    const asFileReads = {
      title: paper.title,
      venue: paper.venue,
      year: paper.year,
      read: target.read,
      reading: target.reading,
    };
    if (!sameFields(target, asFileReads, paper.links)) continue;
    const after = readBack(applyEdits(piece.text, [piece.edit])).papers;
    return (
      after.length === before.length &&
      after.every((p, i) => sameFields(p, before[i]!, before[i] === target ? links : before[i]!.links))
    );
  }
  return sameFields(innermost(readBack(applyEdits(doc.text, [edit])).papers, edit.start) ?? null, paper, links);
}

/**
 * Whether the file's legend (formats/legend.ts) stays what it was: a link's text could name markers
 * (`https://x.org/✅todo,⬜done`) and give every row of the file another state. A legend is found block
 * by block (blank lines apart), each adding what it names first, so the block that holds the edit
 * naming the same before and after keeps the file's legend.
 */
export function legendHolds(text: string, edit: Edit): boolean {
  let start = lineStart(text, edit.start);
  while (start > 0) {
    const above = lineStart(text, start - 1);
    if (text.slice(above, start).trim() === '') break;
    start = above;
  }
  const end = blockEnd(text, lineEnd(text, edit.end));
  const block = text.slice(start, end);
  const edited = applyEdits(block, [{ start: edit.start - start, end: edit.end - start, text: edit.text }]);
  // (Compared before the cutoff: a block that comes to name one marker makes a legend of another's one.)
  const named = (legend: ReadonlyMap<string, unknown>) => JSON.stringify([...legend]);
  return named(namedMarkers(block)) === named(namedMarkers(edited));
}

/** The end of the last line, from the line that ends at `end`, before a blank line (or the text's end). */
function blockEnd(text: string, end: number): number {
  for (let next = nextLineStart(text, end); next < text.length; next = nextLineStart(text, next)) {
    const close = lineEnd(text, next);
    if (text.slice(next, close).trim() === '') break;
    end = close;
  }
  return end;
}

/** The line ranges to read the paper in, smallest first (see linkReadsBack). */
function excerptLines(doc: ListDocument, paper: Paper): [number, number][] {
  const text = doc.text;
  const own: [number, number] = [lineStart(text, paper.span.start), lineEnd(text, paper.body.end)];
  if (paper.source === 'task') return [own];
  const siblings = doc.papers.filter((p) => p.listIndex === paper.listIndex);
  const first = siblings[0] ?? paper;
  const last = siblings[siblings.length - 1] ?? paper;
  if (paper.source === 'marked') return [own, [lineStart(text, first.span.start), lineEnd(text, last.body.end)]];
  // A row: every line of its table after the delimiter row, to the blank line that ends it.
  const head = paper.row!.head;
  return [[lineStart(text, nextLineStart(text, head.end)), blockEnd(text, lineEnd(text, last.span.start))]];
}

/** The paper whose span holds `offset` most closely: an item's span holds its nested items too. */
function innermost(papers: readonly Paper[], offset: number): Paper | undefined {
  let found: Paper | undefined;
  for (const p of papers) if (p.span.start <= offset && offset <= p.span.end) found = p;
  return found;
}

/**
 * The lines from `start` to `end` (a row: after its table's head), without the indent of the first (where
 * a line has it), with `edit` (in `paper`'s first line) moved into them; null when the edit is not
 * within them.
 */
function excerpt(
  doc: ListDocument,
  paper: Paper,
  start: number,
  end: number,
  edit: Edit,
  definitions: string,
): { text: string; edit: Edit } | null {
  const lines = doc.text.slice(start, end).split('\n');
  const indent = paper.row ? '' : /^[ \t]*/.exec(lines[0]!)![0];
  if (edit.start < lineStart(doc.text, paper.span.start) + indent.length || edit.start < start || edit.end > end)
    return null;
  const head = paper.row ? `${doc.text.slice(paper.row.head.start, paper.row.head.end)}\n` : '';
  // Where the edit lands: each line before it, and its own, lose the indent they have.
  let shift = head.length - start;
  let lineAt = start;
  const kept = lines.map((line) => {
    const cut = indent !== '' && line.startsWith(indent) ? indent.length : 0;
    if (lineAt <= edit.start) shift -= cut;
    lineAt += line.length + 1;
    return line.slice(cut);
  });
  return {
    text: `${head}${kept.join('\n')}\n${definitions}`,
    edit: { start: edit.start + shift, end: edit.end + shift, text: edit.text },
  };
}

type Fields = Pick<Paper, 'title' | 'venue' | 'year' | 'read' | 'reading'>;

/** The same title, venue, year and state, and the same links in any order (a row's new link may go before another cell's). */
function sameFields(got: Paper | null, paper: Fields, links: readonly LinkValue[]): boolean {
  if (got === null) return false;
  const keys = (list: readonly LinkValue[]) =>
    JSON.stringify(list.map((link) => [link.label.toLowerCase(), link.url]).sort());
  return (
    got.title === paper.title &&
    got.venue === paper.venue &&
    got.year === paper.year &&
    got.read === paper.read &&
    got.reading === paper.reading &&
    keys(got.links) === keys(links)
  );
}
