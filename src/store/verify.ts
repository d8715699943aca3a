/**
 * A model that came from the cache may make reads fast, but it never decides which bytes a write changes
 * on its word alone: before a plan made on one is written, the parts of the text that hold an edit (and
 * the part before each, which could leave a code block open into it) are parsed again from the text
 * itself, with nothing from the cache, and the model must say exactly what that parse says about every
 * paper and heading there: titles, venues, states, links and every offset; each such paper's number is
 * its place and its id is one of the forms its title and venue give; and every heading's path follows
 * from the headings above it. A model that fails is not used for the write (the transaction plans again
 * on a fresh parse).
 *
 * What stays on the cache's word: the papers and headings of parts no edit touches. So when two papers
 * share a short id, which of them gets it (the one that comes first) and the names of the areas above a
 * touched part are the cache's. Only the user can write their cache (see private-dir.ts).
 */
import { splitIntoChunks } from '../core/read/chunks.js';
import type { Edit } from '../core/write/splice.js';
import { IdAssigner } from '../core/model/ids.js';
import type { Heading, ListDocument, Paper, Span } from '../core/model/paper.js';
import { splitBom } from '../core/model/text.js';
import type { ParseBudget } from './parse-budget.js';
import type { StoredText } from './read.js';
import type { Planned } from './transaction.js';

export async function modelHoldsWhereEdited(
  parser: ParseBudget,
  stored: StoredText,
  doc: ListDocument,
  edits: readonly Edit[],
): Promise<boolean> {
  const { text } = stored;
  // Read with the whole document in view (a legend, shared table headers, the user's rules): no part
  // alone says what it means, so there is nothing cheaper than a fresh parse.
  if (doc.readAsWhole || stored.rules || doc.text !== text) return false;
  if (!edits.every((edit) => 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) return false;
  if (!pathsFollow(doc)) return false;
  const { bomLength, body } = splitBom(text);
  const chunks = splitIntoChunks(body);
  const near = new Set<number>();
  for (const edit of edits) {
    const [start, end] = [edit.start - bomLength, edit.end - bomLength];
    chunks.forEach((chunk, i) => {
      // (An insertion where one part ends and the next begins re-reads both.)
      if (start <= chunk.end && end >= chunk.start) near.add(i).add(i - 1);
    });
  }
  near.delete(-1);
  for (const i of [...near].sort((a, b) => a - b)) {
    const chunk = chunks[i]!;
    const { doc: fresh, parts } = await parser.parse(stored.path, body.slice(chunk.start, chunk.end), null);
    // A part that ends inside a block may swallow the next one's first line: read as one, not here.
    if (parts.some((part) => part.model.openAtEnd)) return false;
    if (!partAgrees(doc, fresh, bomLength + chunk.start, bomLength + chunk.end, chunk.line)) return false;
  }
  return true;
}

/** Every heading's path follows from the headings above it (what `--area` names). */
function pathsFollow(doc: ListDocument): boolean {
  const h1Count = doc.headings.filter((heading) => heading.depth === 1).length;
  const areas: Heading[] = [];
  return doc.headings.every((heading, i) => {
    const isDocumentTitle = i === 0 && heading.depth === 1 && h1Count === 1;
    while (areas.length && areas[areas.length - 1]!.depth >= heading.depth) areas.pop();
    const path = isDocumentTitle ? [] : [...(areas[areas.length - 1]?.path ?? []), heading.text];
    if (!isDocumentTitle) areas.push(heading);
    return heading.isDocumentTitle === isDocumentTitle && samePath(heading.path, path);
  });
}

/**
 * The paper's number is its place, and its id is one its (freshly read) title and venue give: the first
 * form, a longer one, or a numbered one (which of them depends on the papers before it).
 */
function numberAndIdFollow(doc: ListDocument, paper: Paper): boolean {
  if (doc.papers[paper.number - 1] !== paper) return false;
  const forms = new IdAssigner();
  for (let tries = 0; tries < 64; tries++) if (forms.next(paper) === paper.id) return true;
  return false;
}

/** The model's papers and headings in [start, end) are exactly the fresh parse's of that part, moved by `start`. */
function partAgrees(doc: ListDocument, fresh: ListDocument, start: number, end: number, lineShift: number): boolean {
  const inPart = (span: Span) => start <= span.start && span.start < end;
  // The papers whose checkbox is in the part (in document order, found by a binary search: the offsets of
  // a cached paper are decoded only when read, and a write reads them for these alone).
  const first = firstCheckboxAtOrAfter(doc, start);
  const papers = doc.papers.slice(first, firstCheckboxAtOrAfter(doc, end));
  const headings = doc.headings.filter((heading) => inPart(heading.span));
  if (papers.length !== fresh.papers.length || headings.length !== fresh.headings.length) return false;
  const move = (span: Span | null): Span | null => span && { start: span.start + start, end: span.end + start };
  const headingsAgree = headings.every((heading, i) => {
    const other = fresh.headings[i]!;
    return heading.text === other.text && heading.depth === other.depth && sameSpan(heading.span, move(other.span));
  });
  return (
    headingsAgree &&
    papers.every((paper, i) => {
      const other = fresh.papers[i]!;
      const heading = doc.headings[paper.headingIndex];
      const otherHeading = fresh.headings[other.headingIndex];
      return (
        samePaperHere(paper, other, move, lineShift) &&
        numberAndIdFollow(doc, paper) &&
        // Under the same heading (a paper before the part's first heading has none in the part).
        (otherHeading
          ? heading !== undefined && sameSpan(heading.span, move(otherHeading.span))
          : !heading || !inPart(heading.span))
      );
    })
  );
}

function firstCheckboxAtOrAfter(doc: ListDocument, offset: number): number {
  let [lo, hi] = [0, doc.papers.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.papers[mid]!.checkbox.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function samePaperHere(a: Paper, b: Paper, move: (span: Span | null) => Span | null, lineShift: number): boolean {
  return (
    a.title === b.title &&
    a.venue === b.venue &&
    a.year === b.year &&
    a.read === b.read &&
    a.reading === b.reading &&
    a.source === b.source &&
    a.line === b.line + lineShift &&
    a.loose === b.loose &&
    sameSpan(a.checkbox, move(b.checkbox)) &&
    sameSpan(a.span, move(b.span)) &&
    sameSpan(a.body, move(b.body)) &&
    sameSpan(a.titleSpan, move(b.titleSpan)) &&
    sameSpan(a.venueSpan, move(b.venueSpan)) &&
    a.links.length === b.links.length &&
    a.links.every((link, i) => {
      const other = b.links[i]!;
      return (
        link.url === other.url &&
        link.label === other.label &&
        sameSpan(link.span, move(other.span)) &&
        sameSpan(link.urlSpan, move(other.urlSpan)) &&
        sameSpan(link.labelSpan, move(other.labelSpan)) &&
        sameSpan(link.outerSpan, move(other.outerSpan))
      );
    }) &&
    (a.row?.status ?? null) === (b.row?.status ?? null) &&
    sameSpan(a.row?.head ?? null, move(b.row?.head ?? null)) &&
    (a.row?.cells.length ?? 0) === (b.row?.cells.length ?? 0) &&
    (a.row?.cells ?? []).every((cell, i) => sameSpan(cell, move(b.row!.cells[i]!)))
  );
}

function sameSpan(a: Span | null, b: Span | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * The papers two plans touch (whose items hold an edit, or were removed) are the same papers: one by one
 * the same id, title and venue, and where a paper lies in text both versions share (before or after
 * everything that changed) the same place in it. Names alone are not enough: two papers may share one.
 */
export function sameTargets(a: Planned, b: Planned): boolean {
  const [before, after] = [touched(a), touched(b)];
  if (before.length !== after.length) return false;
  const [oldText, newText] = [a.stored.text, b.stored.text];
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  )
    suffix++;
  const shift = newText.length - oldText.length;
  return before.every((paper, i) => {
    const other = after[i]!;
    if (paper.id !== other.id || paper.title !== other.title || paper.venue !== other.venue) return false;
    if (paper.span.end <= prefix) return other.span.start === paper.span.start && other.span.end === paper.span.end;
    if (paper.span.start >= oldText.length - suffix)
      return other.span.start === paper.span.start + shift && other.span.end === paper.span.end + shift;
    return true; // the paper's own item changed: its identity is all there is to compare
  });
}

/** The papers a plan's edits fall in (the innermost item holding each), then those it removes. */
function touched(planned: Planned): Paper[] {
  const { papers } = planned.doc;
  const found: Paper[] = [];
  for (const edit of planned.change.edits) {
    let inner: Paper | undefined;
    for (const paper of papers) {
      if (paper.span.start > edit.start) break;
      if (edit.start < paper.span.end || paper.checkbox.start === edit.start) inner = paper;
    }
    if (inner && !found.includes(inner)) found.push(inner);
  }
  return [...found, ...planned.change.removed.filter((paper) => !found.some((other) => other.id === paper.id))];
}
