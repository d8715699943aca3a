/**
 * `add`: a new item at the end of an area, written in the file's style and checked by reading it back.
 * Apart from operations.ts because reading back needs the parser, which the other commands do not load
 * (the caller passes it: read-back.ts).
 */
import { InvalidInputError } from '../model/errors.js';
import { applyEdits, type Edit } from './splice.js';
import type { ListDocument, Paper, Span } from '../model/paper.js';
import { type Change, displayName } from './change.js';
import { type ItemWriter, place, placementNote, targetOf } from './placement.js';
import type { AreaTarget } from '../query/areas.js';
import { newTable, renderRow, rowAfter, rowAnchor, tableTemplate } from './table-edit.js';
import type { ReadBack } from './read-back.js';
import { formatPlace } from '../query/query.js';
import { DEFAULT_STYLE, learnStyle, type RenderedBody, renderInStyle } from './item-style.js';
import { checkedMark, type NewPaper } from './render.js';
import { definitionLines } from '../model/text.js';

export interface AddRequest {
  area: string;
  paper: NewPaper;
  /** False: refuse a new area whose name is close to an existing one (default: create it). */
  create?: boolean;
  /** The list's file, for messages, in a repository of several lists (see formatPlace). */
  file?: string | undefined;
}

/** The change that adds the paper; `readBack` parses what it would write, to check it (read-back.ts). */
export function addPaper(doc: ListDocument, request: AddRequest, readBack: ReadBack): Change {
  const target = targetOf(doc, request.area, request.create ?? true, request.file);
  const rowChange = addRow(doc, target, request.paper, readBack, request.file);
  if (rowChange) return rowChange;
  const placement = place(doc, target, writerFor(doc, target, request.paper, readBack));
  const edits = [{ start: placement.at, end: placement.at, text: placement.text }];
  const added = { ...request.paper, reading: false };
  checkPapersKept(doc, edits, { gained: added }, readBack, () => {
    throw new InvalidInputError(
      `cannot add "${added.title}" here without changing how the entries around it read (a list of marked entries, \`- Title ✅\`); add the line by hand in the list's style`,
    );
  });
  return {
    edits,
    message: `Added ${displayName(request.paper)} to ${formatPlace(placement.areaPath, request.file)}${placementNote(placement)}`,
    createdAreas: placement.createdAreas,
    touched: [placement.at + placement.text.trimEnd().length - 1],
    removed: [],
    delta: { total: 1, read: request.paper.read ? 1 : 0 },
  };
}

/**
 * In an area whose papers end with a table, the new paper is a row at the end of that table; null
 * when the area has no table there.
 */
function addRow(
  doc: ListDocument,
  target: AreaTarget,
  paper: NewPaper,
  readBack: ReadBack,
  file: string | undefined,
): Change | null {
  const anchor = rowAnchor(doc, target, null);
  if (!anchor) return null;
  const edit = rowAfter(doc, anchor, renderRow(doc, anchor, paper));
  checkRowReadsBack(doc, edit, paper, readBack);
  return {
    edits: [edit],
    message: `Added ${displayName(paper)} to ${formatPlace(anchor.area, file)}`,
    createdAreas: [],
    touched: [edit.start + edit.text.length - 1],
    removed: [],
    delta: { total: 1, read: paper.read ? 1 : 0 },
  };
}

/**
 * How a new paper is written where place() puts it: a task item, or, in a file that keeps its papers
 * in tables, a new table (the header of the file's tables, then the row).
 */
function writerFor(doc: ListDocument, target: AreaTarget, paper: NewPaper, readBack: ReadBack): ItemWriter {
  const at = target.kind === 'heading' ? doc.headings[target.index]!.span.end : doc.text.length;
  const template = tableTemplate(doc, at);
  if (template) return () => newTable(doc, template, renderRow(doc, template, paper));
  return (prefix, styleNear, areaItems) => renderNewItem(doc, prefix, styleNear, areaItems, paper, readBack);
}

/**
 * How the area's marked entries (`- ✅ Title`, `- Title ✅`) write a paper in this state: the marker one
 * of them in that state has (or none, where such entries have none) and whether it comes before the
 * text; null for an area of task items. An area of marked entries none of which is in that state: the
 * new entry cannot be written in its style.
 */
function markedWay(doc: ListDocument, areaItems: Paper[], read: boolean): { marker: string; first: boolean } | null {
  const marked = areaItems.filter((item) => item.source === 'marked');
  if (marked.length === 0) return null;
  const like = marked.find((item) => item.read === read && !item.reading);
  if (!like)
    throw new InvalidInputError(
      `this area's entries carry state markers (- Title ✅), and none of them is ${read ? 'read' : 'unread'} to copy the marker from; add the line by hand in the list's style`,
    );
  const titleStart = like.titleSpan?.start ?? like.body.start;
  return { marker: doc.text.slice(like.checkbox.start, like.checkbox.end), first: like.checkbox.start < titleStart };
}

/** What a new row says must be what `list` reads from it: title, venue, links and read state. */
function checkRowReadsBack(doc: ListDocument, edit: Edit, paper: NewPaper, readBack: ReadBack): void {
  const after = readBack(applyEdits(doc.text, [edit]));
  const at = edit.start + edit.text.length - 1;
  const got = after.papers.find((p) => p.span.start <= at && at < p.span.end);
  const same =
    got !== undefined &&
    got.title === paper.title &&
    got.venue === paper.venue &&
    got.read === paper.read &&
    got.links.length === paper.links.length &&
    got.links.every(
      (link, i) => link.url === paper.links[i]!.url && link.label.toLowerCase() === paper.links[i]!.label.toLowerCase(),
    );
  if (!same)
    throw new InvalidInputError(
      `cannot write "${paper.title}" as a table row that reads back with the same title, venue and links; simplify the one that has unusual characters`,
    );
}

/** A table row moved into a task list becomes a task item in the file's style (see movePaper). */
export function renderMovedItem(
  doc: ListDocument,
  prefix: string,
  near: Paper | null,
  paper: NewPaper,
  readBack: ReadBack,
): string {
  return renderNewItem(doc, prefix, near, [], paper, readBack);
}

type ReadFacts = { title: string; venue: string | null; read: boolean; reading: boolean };

/**
 * Where a file has marked entries (`- Title ✅`), a new or moved line can change how the entries around
 * it read (a task item among them, an entry among task items, a list left too weakly marked): after
 * `edits` the file must read the papers it read (their titles, venues and states, in any order), with
 * `gained` added and `lost` taken away (mv within a file: both the moved paper); else `refuse`.
 */
export function checkPapersKept(
  doc: ListDocument,
  edits: readonly Edit[],
  moved: { gained?: ReadFacts; lost?: ReadFacts },
  readBack: ReadBack,
  refuse: () => never,
): void {
  if (edits.length === 0 || !doc.papers.some((p) => p.source === 'marked')) return;
  const fact = (p: ReadFacts) => JSON.stringify([p.title, p.venue, p.read, p.reading]);
  const expected = doc.papers.map(fact);
  if (moved.lost) expected.splice(expected.indexOf(fact(moved.lost)), 1);
  if (moved.gained) expected.push(fact(moved.gained));
  const got = readBack(applyEdits(doc.text, edits)).papers.map(fact);
  if (JSON.stringify(got.sort()) !== JSON.stringify(expected.sort())) refuse();
}

/** mv's refusal where checkPapersKept finds the move would change how the entries read. */
export function refuseMove(title: string): never {
  throw new InvalidInputError(
    `cannot move "${title}" there without changing how the entries around it read (marked entries, \`- Title ✅\`, and task items do not mix); move it by hand`,
  );
}

/** A move that changes a paper's form (row <-> task item) must read back as the same paper. */
export function checkMoveReadsBack(doc: ListDocument, change: Change, paper: Paper, readBack: ReadBack): void {
  if (change.edits.length === 0) return;
  const after = readBack(applyEdits(doc.text, change.edits));
  const at = change.touched[0];
  const got = at === undefined ? undefined : after.papers.find((p) => p.span.start <= at && at < p.span.end);
  const key = (p: { title: string; venue: string | null; read: boolean; links: { label: string; url: string }[] }) =>
    JSON.stringify([p.title, p.venue, p.read, p.links.map((link) => [link.label.toLowerCase(), link.url])]);
  if (!got || key(got) !== key(paper)) {
    throw new InvalidInputError(
      `cannot move "${paper.title}" there without changing its title, venue or links (the target is written in another form); move it by hand`,
    );
  }
}

/**
 * The new item's line, in the style learned from the area's items (and the file's), checked by reading
 * it back: the whole line must parse into exactly the parts that were written, where they were
 * written (no stray bracket left over). Else the default style, which must read back too.
 */
function renderNewItem(
  doc: ListDocument,
  prefix: string,
  styleNear: Paper | null,
  areaItems: Paper[],
  paper: NewPaper,
  readBack: ReadBack,
): string {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: read back with the file's definitions.
  const definitions = definitionLines(doc.text)
    .map((line) => `\n${line}`)
    .join('');
  const mark = paper.read ? checkedMark(doc, styleNear) : ' ';
  const gapOf = (near: Paper | null) => (near ? doc.text.slice(near.checkbox.end + 1, near.body.start) : ' ');
  const gap = /^[ \t]+$/.test(gapOf(styleNear)) ? gapOf(styleNear) : ' ';
  const learned = learnStyle(doc, areaItems, styleNear);
  const marked = markedWay(doc, areaItems, paper.read);
  for (const style of [
    learned,
    { ...DEFAULT_STYLE, paperLabel: learned.paperLabel, links: { ...DEFAULT_STYLE.links, like: learned.links.like } },
    DEFAULT_STYLE,
  ]) {
    const rendered = renderInStyle(doc, style, paper);
    if (!readsBack(rendered, paper, definitions, readBack)) continue;
    if (marked === null) return `${prefix}[${mark}]${gap}${rendered.body}`;
    // (addPaper reads the whole text back where there are marked entries)
    if (marked.marker === '') return `${prefix}${rendered.body}`;
    return marked.first ? `${prefix}${marked.marker} ${rendered.body}` : `${prefix}${rendered.body} ${marked.marker}`;
  }
  const linked = paper.venue === null ? undefined : definitionOf(doc.text, paper.venue);
  if (linked !== undefined)
    throw new InvalidInputError(
      `the venue tag [${paper.venue}] would read as a link: the file defines ${linked} (line ${doc.text.slice(0, doc.text.indexOf(linked)).split('\n').length}), and papers writes no link you did not give; give the venue another way (e.g. --venue "${paper.venue!.replace(/['’]/g, ' ')}") or write this line by hand`,
    );
  throw new InvalidInputError(
    `cannot write "${paper.title}" so that it reads back with the same title, venue and links; simplify the one that has unusual characters`,
  );
}

/** The definition line whose label is `label` (as markdown matches labels: case and spaces aside), if any. */
function definitionOf(text: string, label: string): string | undefined {
  const key = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  return definitionLines(text).find((line) => key(line.slice(1, line.indexOf(']:'))) === key(label));
}

/**
 * Parse the rendered paragraph alone and compare the whole line with what was meant: the same title,
 * venue and links, each read where it was written, and between them only the glue (no word, no stray
 * bracket).
 */
function readsBack(rendered: RenderedBody, paper: NewPaper, definitions: string, readBack: ReadBack): boolean {
  const lead = '- [ ] ';
  const parsed = readBack(`${lead}${rendered.body}\n${definitions}`).papers;
  if (parsed.length !== 1) return false;
  const got = parsed[0]!;
  const at = (offset: number) => offset + lead.length;
  // (the parser may end a title or venue before an escaped last character: `\:`, `&#65306;`)
  const sameSpan = (a: Span | null, b: Span | null) =>
    a === null || b === null
      ? a === b
      : a.start === at(b.start) &&
        a.end <= at(b.end) &&
        /^(?:\\?.|&?#?\w*;)?$/su.test(rendered.body.slice(a.end - lead.length, b.end));
  return (
    got.title === paper.title &&
    got.venue === paper.venue &&
    sameSpan(got.titleSpan, rendered.title) &&
    sameSpan(got.venueSpan, rendered.venue) &&
    got.links.length === rendered.links.length &&
    got.links.every((link, i) => {
      const meant = rendered.links[i]!;
      return (
        link.url === meant.url &&
        link.outerSpan.start === at(meant.start) &&
        link.label.toLowerCase() === meant.label.toLowerCase()
      );
    }) &&
    onlyGlue(rendered)
  );
}

/** The line without its parts: spaces, separators and balanced wrappers only (no stray `[` or `(`). */
function onlyGlue(rendered: RenderedBody): boolean {
  const spans = [rendered.title, rendered.venue, ...rendered.links].filter((span): span is Span => span !== null);
  let rest = rendered.body;
  for (const span of spans) rest = rest.slice(0, span.start) + ' '.repeat(span.end - span.start) + rest.slice(span.end);
  if (/[\p{L}\p{N}]/u.test(rest)) return false;
  let square = 0;
  let round = 0;
  for (const ch of rest) {
    if (ch === '[') square++;
    else if (ch === ']' && --square < 0) return false;
    else if (ch === '(') round++;
    else if (ch === ')' && --round < 0) return false;
  }
  return square === 0 && round === 0;
}
