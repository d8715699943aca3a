/**
 * `add`: a new item at the end of an area, written in the file's style and checked by reading it back.
 * Apart from operations.ts because reading back needs the parser (and remark), which the other
 * commands do not load.
 */
import { InvalidInputError } from './errors.js';
import type { ListDocument, Paper } from './model.js';
import { applyEdits, type Edit } from './edit.js';
import { areaPathOf, type Change, displayName, type ItemWriter, place } from './operations.js';
import { findAreas } from './query.js';
import { newTable, renderRow, rowAfter, rowAnchor, tableTemplate } from './table-edit.js';
import { parseDocument } from './parse.js';
import { formatAreaPath } from './query.js';
import { type NewPaper, renderBody, renderItem } from './render.js';

export interface AddRequest {
  area: string;
  paper: NewPaper;
}

export function addPaper(doc: ListDocument, request: AddRequest): Change {
  const path = areaPathOf(request.area);
  const rowChange = addRow(doc, path, request.paper);
  if (rowChange) return rowChange;
  const placement = place(doc, path, writerFor(doc, path, request.paper), null);
  const created = placement.createdAreas.length ? ` (new area ${placement.createdAreas.map(formatAreaPath).join(', ')})` : '';
  const edits = [{ start: placement.at, end: placement.at, text: placement.text }];
  return {
    edits,
    message: `Added ${displayName(request.paper)} to ${formatAreaPath(placement.areaPath)}${created}`,
    createdAreas: placement.createdAreas,
    touched: [placement.at + placement.text.length - 1],
    removed: [],
    delta: { total: 1, read: request.paper.read ? 1 : 0 },
  };
}

/**
 * In an area whose papers end with a table, the new paper is a row at the end of that table; null
 * when the area has no table there.
 */
function addRow(doc: ListDocument, path: string[], paper: NewPaper): Change | null {
  const matches = findAreas(doc.headings, path);
  const anchor = matches.length === 1 ? rowAnchor(doc, matches[0]!, null) : null;
  if (!anchor) return null;
  const edit = rowAfter(doc, anchor, renderRow(doc, anchor, paper));
  checkRowReadsBack(doc, edit, paper);
  return {
    edits: [edit],
    message: `Added ${displayName(paper)} to ${formatAreaPath(anchor.area)}`,
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
function writerFor(doc: ListDocument, path: string[], paper: NewPaper): ItemWriter {
  const matches = findAreas(doc.headings, path);
  const at = matches.length === 1 ? matches[0]!.span.end : doc.text.length;
  const template = tableTemplate(doc, at);
  if (template) return () => newTable(doc, template, renderRow(doc, template, paper));
  return (prefix, styleNear) => renderNewItem(doc, prefix, styleNear, paper);
}

/** What a new row says must be what `list` reads from it: title, venue, links and read state. */
export function checkRowReadsBack(doc: ListDocument, edit: Edit, paper: NewPaper): void {
  const after = parseDocument(applyEdits(doc.text, [edit]));
  const at = edit.start + edit.text.length - 1;
  const got = after.papers.find((p) => p.span.start <= at && at < p.span.end);
  const same =
    got !== undefined &&
    got.title === paper.title &&
    got.venue === paper.venue &&
    got.read === paper.read &&
    got.links.length === paper.links.length &&
    got.links.every((link, i) => link.url === paper.links[i]!.url && link.label.toLowerCase() === paper.links[i]!.label.toLowerCase());
  if (!same) throw new InvalidInputError(`cannot write "${paper.title}" as a table row that reads back with the same title, venue and links; simplify the one that has unusual characters`);
}

/**
 * The new item's line: the first template (nearest existing item first) whose style renders a line
 * that reads back as exactly this paper; else the default style, which must read back too.
 */
export function renderNewItem(doc: ListDocument, prefix: string, styleNear: Paper | null, paper: NewPaper): string {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: read back with the file's definitions.
  const definitions = (doc.text.match(DEFINITION_LINES) ?? []).map((line) => `\n${line.replace(/^[ \t>]*/, '')}`).join('');
  const tasks = doc.papers.filter((p) => p.source !== 'row');
  const templates = styleNear ? nearestPapers(tasks, styleNear, 12) : tasks.slice(0, 12);
  for (const template of [...templates, null]) {
    const line = renderItem(doc, prefix, template, paper);
    if (readsBack(renderBody(doc, template, paper), paper, definitions)) return line;
  }
  throw new InvalidInputError(`cannot write "${paper.title}" so that it reads back with the same title, venue and links; simplify the one that has unusual characters`);
}

function nearestPapers(papers: Paper[], near: Paper, count: number): Paper[] {
  return [...papers].sort((a, b) => Math.abs(a.number - near.number) - Math.abs(b.number - near.number)).slice(0, count);
}

/** Parse the rendered paragraph alone and compare: what we write must be what `list` will read. */
/** Link reference definitions anywhere in the file (in quotes and lists too). */
const DEFINITION_LINES = /^[ \t>]*\[[^\]\n]+\]:.*$/gm;

function readsBack(body: string, paper: NewPaper, definitions: string): boolean {
  const parsed = parseDocument(`- [ ] ${body}\n${definitions}`).papers;
  if (parsed.length !== 1) return false;
  const got = parsed[0]!;
  return (
    got.title === paper.title &&
    got.venue === paper.venue &&
    got.links.length === paper.links.length &&
    got.links.every((link, i) => link.url === paper.links[i]!.url && link.label.toLowerCase() === paper.links[i]!.label.toLowerCase())
  );
}


/**
 * mv writes a paper anew when it changes form (a row into a task list, a task item into a table):
 * the moved paper must read back with the same title, venue, read state and links.
 */
export function checkMoveReadsBack(doc: ListDocument, change: Change, paper: Paper): void {
  if (change.edits.length === 0) return;
  const after = parseDocument(applyEdits(doc.text, change.edits));
  const at = change.touched[0];
  const got = at === undefined ? undefined : after.papers.find((p) => p.span.start <= at && at < p.span.end);
  const key = (p: { title: string; venue: string | null; read: boolean; links: { label: string; url: string }[] }) =>
    JSON.stringify([p.title, p.venue, p.read, p.links.map((link) => [link.label.toLowerCase(), link.url])]);
  if (!got || key(got) !== key(paper)) {
    throw new InvalidInputError(`cannot move "${paper.title}" there without changing its title, venue or links (the target is written in another form); move it by hand`);
  }
}
