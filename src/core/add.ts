/**
 * `add`: a new item at the end of an area, written in the file's style and checked by reading it back.
 * Apart from operations.ts because reading back needs the parser (and remark), which the other
 * commands do not load.
 */
import { InvalidInputError } from './errors.js';
import type { ListDocument, Paper } from './model.js';
import { areaPathOf, type Change, displayName, place } from './operations.js';
import { parseDocument } from './parse.js';
import { formatAreaPath } from './query.js';
import { type NewPaper, renderBody, renderItem } from './render.js';

export interface AddRequest {
  area: string;
  paper: NewPaper;
}

export function addPaper(doc: ListDocument, request: AddRequest): Change {
  const path = areaPathOf(request.area);
  const placement = place(doc, path, (prefix, styleNear) => renderNewItem(doc, prefix, styleNear, request.paper), null);
  const created = placement.createdAreas.length ? ` (new area ${placement.createdAreas.map(formatAreaPath).join(', ')})` : '';
  const edits = [{ start: placement.at, end: placement.at, text: placement.text }];
  return {
    edits,
    message: `Added ${displayName(request.paper)} to ${formatAreaPath(placement.areaPath)}${created}`,
    createdAreas: placement.createdAreas,
    touched: [placement.at + placement.text.length - 1],
    removed: [],
  };
}

/**
 * The new item's line: the first template (nearest existing item first) whose style renders a line
 * that reads back as exactly this paper; else the default style, which must read back too.
 */
function renderNewItem(doc: ListDocument, prefix: string, styleNear: Paper | null, paper: NewPaper): string {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: read back with the file's definitions.
  const definitions = (doc.text.match(DEFINITION_LINES) ?? []).map((line) => `\n${line.replace(/^[ \t>]*/, '')}`).join('');
  const templates = styleNear ? nearestPapers(doc, styleNear, 12) : doc.papers.slice(0, 12);
  for (const template of [...templates, null]) {
    const line = renderItem(doc, prefix, template, paper);
    if (readsBack(renderBody(doc, template, paper), paper, definitions)) return line;
  }
  throw new InvalidInputError(`cannot write "${paper.title}" so that it reads back with the same title, venue and links; simplify the one that has unusual characters`);
}

function nearestPapers(doc: ListDocument, near: Paper, count: number): Paper[] {
  return [...doc.papers].sort((a, b) => Math.abs(a.number - near.number) - Math.abs(b.number - near.number)).slice(0, count);
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

