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
 *
 * A list read as a whole (parts.ts: a legend, tables that share a header line) is checked the same way,
 * part by part, with what the whole text says applied as the whole-document parse applies it: the
 * file's legend, found afresh in the text, gives the touched rows their states; and a touched part that
 * a table elsewhere could make read again (a line of it begins with the header line of some table in
 * the text) is no part to check alone. A summary count's digits (counts.ts finds them on the text) hold
 * no paper: its part need not be parsed for it.
 */
import { type Chunk, seamHolds, seamItem, splitDocument } from '../core/read/chunks.js';
import { findCounts } from '../core/read/counts.js';
import { findLegend, type Legend, legendState } from '../core/read/formats/legend.js';
import type { Edit } from '../core/write/splice.js';
import { IdAssigner, idLetters, STOP_WORDS } from '../core/model/ids.js';
import type { Heading, ListDocument, Paper, Span, TableLayout } from '../core/model/paper.js';
import type { Resolution } from '../core/query/query.js';
import { detectEol, splitBom } from '../core/model/text.js';
import type { ParseBudget } from './parse-budget.js';
import type { StoredText } from './read.js';

export async function modelHoldsWhereEdited(
  parser: ParseBudget,
  stored: StoredText,
  doc: ListDocument,
  edits: readonly Edit[],
  /** How the plan found the papers it names (query.ts RESOLUTIONS): checked on the text too. */
  resolved: readonly Resolution[] = [],
): Promise<boolean> {
  const { text } = stored;
  // The user's rules are read with every part (parts.ts parseWithRules): a fresh parse of the whole.
  if (stored.rules || doc.text !== text) return false;
  if (!edits.every((edit) => 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) return false;
  // A paper found by a title (whole, its start, a piece) was found because no other paper matched:
  // that is a fact about every paper, which only a fresh parse of the whole text tells.
  if (resolved.some(({ rule }) => rule === 'other')) return false;
  // File-wide facts a write uses (the line ending it writes, where the text starts) are read off the text.
  if (doc.eol !== detectEol(text) || doc.bomLength !== splitBom(text).bomLength) return false;
  if (!headingsFollow(doc)) return false;
  const { bomLength, body } = splitBom(text);
  // Each part is read with the definitions of the text as it is now, as a parse of the whole reads it.
  const { chunks, definitions } = splitDocument(body);
  const withDefinitions = definitions === '' ? {} : { definitions };
  const near = new Set<number>();
  const holding = (start: number, end: number) =>
    chunks.forEach((chunk, i) => {
      // (An insertion where one part ends and the next begins re-reads both.)
      if (start <= chunk.end && end >= chunk.start) near.add(i).add(i - 1);
    });
  const counts = edits.some(isDigits) ? findCounts(text) : [];
  const isCount = (edit: Edit) =>
    isDigits(edit) && counts.some(({ span }) => span.start === edit.start && span.end === edit.end);
  for (const edit of edits) if (!isCount(edit)) holding(edit.start - bomLength, edit.end - bomLength);
  // The papers the plan named are read afresh too, wherever they are.
  for (const { paper } of resolved) holding(paper.checkbox.start - bomLength, paper.checkbox.end - bomLength);
  near.delete(-1);
  // A part that goes on with a list of the part before (a seam, chunks.ts) is read with it: which paper
  // comes next in the list, or is its first, is a fact of both (rm, placement).
  for (const i of [...near]) if (chunks[i + 1]?.joins !== undefined) near.add(i + 1);
  const whole = new WholeText(text);
  // The parts read afresh here, for the reading of the text up to a paper below: read once.
  const freshParts = (await import('../core/read/parts.js')).partCacheForCall();
  /** The fresh parse of each part read, for the seams between them. */
  const freshOf = new Map<number, ListDocument>();
  for (const i of [...near].sort((a, b) => a - b)) {
    const chunk = chunks[i]!;
    const chunkText = body.slice(chunk.start, chunk.end);
    const { doc: fresh, parts } = await parser.parse(stored.path, chunkText, freshParts, withDefinitions);
    freshOf.set(i, fresh);
    // A part that ends inside a block may swallow the next one's first line: read as one, not here
    // (the document's last part has none after it).
    if (parts.some((part, p) => part.model.openAtEnd && (i < chunks.length - 1 || p < parts.length - 1))) return false;
    const start = bomLength + chunk.start;
    if (whole.mayBeReadAgain(fresh, chunkText)) return false;
    if (!whole.legendApplied(fresh, doc)) return false;
    if (!partAgrees(doc, fresh, start, bomLength + chunk.end, chunk.line)) return false;
    const before = freshOf.get(i - 1);
    if (chunk.joins !== undefined && before && !seamAgrees(doc, before, fresh, chunks[i - 1]!.line, chunk, start))
      return false;
  }
  // Which paper a number or an id names depends on the papers before it: where that is not settled by
  // the paper's own (now checked) title, the text up to it is parsed afresh and must agree.
  const unsettled = resolved.filter(
    ({ paper, rule }) => rule === 'number' || !idStandsAlone(text, doc.papers[paper.number - 1]!),
  );
  if (unsettled.length === 0) return true;
  const last = Math.max(...unsettled.map(({ paper }) => paper.checkbox.start - bomLength));
  const upTo = chunks.findIndex((chunk) => chunk.start <= last && last < chunk.end);
  if (upTo < 0) return false;
  let upToEnd = chunks[upTo]!.end;
  let { doc: fresh, parts } = await parser.parse(stored.path, body.slice(0, upToEnd), freshParts, withDefinitions);
  // Tables that share a header line are read knowing the tables after the paper too: when a part up to it
  // could be read again so, the whole text.
  if (upToEnd < body.length && whole.mayBeReadAgain(fresh, body.slice(0, upToEnd))) {
    upToEnd = body.length;
    ({ doc: fresh, parts } = await parser.parse(stored.path, body, freshParts, withDefinitions));
  }
  if (upToEnd < body.length && parts[parts.length - 1]?.model.openAtEnd) return false;
  return unsettled.every(({ paper }) => {
    const other = fresh.papers[paper.number - 1];
    return (
      other !== undefined &&
      other.checkbox.start + bomLength === paper.checkbox.start &&
      other.id === paper.id &&
      other.title === paper.title
    );
  });
}

function isDigits(edit: Edit): boolean {
  return /^\d+$/.test(edit.text);
}

/**
 * What the whole text says about a part that the part alone does not (parts.ts: applyLegend and
 * sameHeaderTables), found on the text itself, each at most once per check.
 */
class WholeText {
  private legend: Legend | undefined;
  private headers: string[] | undefined;

  constructor(private readonly text: string) {}

  /**
   * The file's legend applied to the part's fresh rows (and marked entries), as the whole parse applies
   * it; false when the model does not read the file as a whole while a legend there gives its rows their
   * states (a write's marker is chosen by the legend then: marker-edit.ts).
   */
  legendApplied(fresh: ListDocument, doc: ListDocument): boolean {
    const rows = fresh.papers.filter((paper) => paper.source !== 'task');
    if (rows.length === 0) return true;
    this.legend ??= findLegend(this.text);
    if (this.legend.size === 0) return true;
    if (!doc.readAsWhole) return false;
    for (const paper of rows) {
      const state = legendState(this.legend, fresh.text.slice(paper.checkbox.start, paper.checkbox.end));
      if (!state) continue;
      paper.read = state === 'read';
      paper.reading = state === 'reading';
      if (paper.row) paper.row = { ...paper.row, status: state };
    }
    return true;
  }

  /**
   * Whether the whole parse might read this part again knowing the file's table layouts: a line of it
   * (not the header of one of its own paper tables) begins with the header line of a table somewhere in
   * the text (any line over something that could be a delimiter row, with and without its container
   * marks: more lines than are headers of paper tables, never fewer).
   */
  mayBeReadAgain(fresh: ListDocument, chunkText: string): boolean {
    const headers = this.headerLines();
    if (headers.length === 0) return false;
    const heads = new Set(fresh.papers.flatMap((paper) => (paper.row ? [paper.row.head.start] : [])));
    for (let at = 0; at < chunkText.length; ) {
      const newline = chunkText.indexOf('\n', at);
      const end = newline < 0 ? chunkText.length : newline;
      let first = at;
      while (first < end && /\s/.test(chunkText[first]!)) first++;
      if (first < end && !heads.has(first)) {
        const line = chunkText.slice(first, end);
        if (headers.some((header) => line.startsWith(header))) return true;
      }
      at = end + 1;
    }
    return false;
  }

  /** Every line over a line that could be a table's delimiter row, trimmed, at each of its container marks (5 characters or more). */
  headerLines(): string[] {
    if (this.headers) return this.headers;
    const found = new Set<string>();
    // (No pipe, no table.)
    if (this.text.includes('|')) {
      const lines = this.text.split('\n');
      for (let i = 1; i < lines.length; i++) {
        if (!DELIMITER_LIKE.test(lines[i]!)) continue;
        let line = lines[i - 1]!.trim();
        for (;;) {
          if (line.length >= 5) found.add(line);
          const mark = CONTAINER_MARK.exec(line);
          if (!mark) break;
          line = line.slice(mark[0].length).trim();
        }
      }
    }
    return (this.headers = [...found]);
  }
}

/** A line that could be a delimiter row (or its part in a quote or list): dashes, colons, pipes, spaces. */
const DELIMITER_LIKE = /^[ \t>]*[|:\- \t]*-[|:\- \t]*\r?$/;
/** A block quote's mark, or a list item's bullet or number, at the start of a trimmed line. */
const CONTAINER_MARK = /^(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))/;

/**
 * Whether a paper's id is its own on the text, whatever the papers before it are: it is the first form its
 * title gives (the title verified already), and no title before the paper holds that form's words in a
 * row (only spaces, punctuation, markup and stop words between them; with a number n at the end, the
 * words before it fewer than n times, or a paper before could be numbered so). The search errs towards "maybe" only:
 * letters case-folded and composed as ids are (ids.ts idLetters), markup inside a word skipped
 * (emphasis, code, escapes, HTML tags), a character reference read as any letter. What it does not look
 * for: a paper before that takes the id as a longer form (its name and venue, or six words of its title)
 * because a paper before that one has its name (README, Safety).
 */
function idStandsAlone(text: string, paper: Paper | undefined): boolean {
  if (!paper) return false;
  const first = new IdAssigner().next(paper);
  if (paper.id !== first || first === 'paper') return false;
  const words = (/^p\d+$/.test(first) ? first.slice(1) : first).split('-');
  let before = text.slice(0, paper.span.start);
  // Text and id all ASCII (most lists): the same search without Unicode classes, whose patterns cost
  // milliseconds to compile and run slower over a long text (a 10,000-paper list's last paper: ~11 ms).
  // On ASCII text a letter, digit or mark is [A-Za-z0-9], and /i folds as /iu does.
  const beforeAscii = !/[^\x00-\x7f]/.test(before);
  if (!beforeAscii) before = idLetters(before);
  const ascii = beforeAscii && !/[^\x00-\x7f]/.test(first);
  const [wordChar, notWordChar, letterOrDigit] = ascii
    ? ['[A-Za-z0-9]', '[^A-Za-z0-9]', '[A-Za-z0-9]']
    : [String.raw`[\p{L}\p{N}\p{M}]`, String.raw`[^\p{L}\p{N}\p{M}]`, String.raw`[\p{L}\p{N}]`];
  const letter = /&#?[a-z0-9]+;/i.test(before) ? (c: string) => `(?:${c}|&#?[a-z0-9]+;)` : (c: string) => c;
  const inWord = String.raw`(?:[*_~\x60\\:]|<[^<>\n]*>)*`;
  const between = String.raw`(?:${notWordChar}|<[^<>\n]*>|(?:${[...STOP_WORDS].join('|')})(?!${letterOrDigit}))+`;
  // (a word cut short in the id, at 16 letters or 6 of a script without spaces, may go on in the title)
  const cut = (w: string) => w.length >= 16 || (/[^\x00-\x7f]/.test(w) && [...w].length >= 6);
  const word = (w: string) => [...w].map(letter).join(inWord) + (cut(w) ? `${wordChar}*` : '');
  const inARow = (list: readonly string[]) => new RegExp(list.map(word).join(between), ascii ? 'gi' : 'giu');
  if (inARow(words).test(before)) return false;
  // `foo-7` is also what the 7th paper named `foo` is called: each of those 7 (and each that took a
  // `foo-k` before them) has the words of `foo` in a row.
  const last = words[words.length - 1]!;
  if (words.length > 1 && /^\d+$/.test(last)) {
    const base = inARow(words.slice(0, -1));
    let seen = 0;
    while (base.test(before)) if (++seen >= Number(last)) return false;
  }
  return true;
}

/**
 * Every heading's path follows from the headings above it (what `--area` names), and its section ends
 * where the next heading of its level or above starts (where `add` and `mv` put a paper into it).
 */
function headingsFollow(doc: ListDocument): boolean {
  const h1Count = doc.headings.filter((heading) => heading.depth === 1).length;
  const areas: Heading[] = [];
  const open: Heading[] = [];
  const ends = new Map<Heading, number>();
  for (const heading of doc.headings) {
    while (open.length && open[open.length - 1]!.depth >= heading.depth) ends.set(open.pop()!, heading.span.start);
    open.push(heading);
  }
  if (!doc.headings.every((heading) => heading.sectionEnd === (ends.get(heading) ?? doc.text.length))) return false;
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
  // Which papers share a list (rm takes the next item of the same list, and renumbers it): as the text says.
  for (let i = 1; i < papers.length; i++) {
    const together = papers[i]!.listIndex === papers[i - 1]!.listIndex;
    if (together !== (fresh.papers[i]!.listIndex === fresh.papers[i - 1]!.listIndex)) return false;
  }
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

/**
 * At a seam between two parts read afresh (`before`, `after`: the part before it, the part at `start`):
 * it holds on their text (chunks.ts seamHolds), and the model has the two items in one list.
 */
function seamAgrees(
  doc: ListDocument,
  before: ListDocument,
  after: ListDocument,
  beforeLine: number,
  chunk: Chunk,
  start: number,
): boolean {
  if (!seamHolds({ line: beforeLine }, before, chunk, after)) return false;
  const at = firstCheckboxAtOrAfter(doc, start);
  const item = seamItem(doc.papers, chunk.joins!, at);
  return item !== undefined && at < doc.papers.length && item.listIndex === doc.papers[at]!.listIndex;
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
    sameLayout(a.row?.layout, b.row?.layout) &&
    sameSpan(a.row?.head ?? null, move(b.row?.head ?? null)) &&
    (a.row?.cells.length ?? 0) === (b.row?.cells.length ?? 0) &&
    (a.row?.cells ?? []).every((cell, i) => sameSpan(cell, move(b.row!.cells[i]!)))
  );
}

/** A table row's layout (which cell is the status, the title, ...): what a marker or field edit writes by. */
function sameLayout(a: TableLayout | undefined, b: TableLayout | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.columns === b.columns &&
    a.status === b.status &&
    a.title === b.title &&
    a.venue === b.venue &&
    a.year === b.year &&
    a.links === b.links
  );
}

function sameSpan(a: Span | null, b: Span | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
