/**
 * `done`, `undone` and `reading` on a paper whose state is a marker the file chose — a table row's status
 * cell, or the marker before or after a checkbox-less item — write that list's own marker for the state:
 * the one its rows use most for it, else the one that goes with its marker of another state (`☑`→`☐`),
 * else the file's; `✅`/`⬜`/`⏳` only where the file has none. A list that writes unread as nothing gets
 * nothing (the marker and the space that parted it go). Exactly the marker's characters change.
 */
import type { Edit } from './edit.js';
import { InvalidInputError } from './errors.js';
import { isPaperOwnValue, type ReadState } from './formats/meanings.js';
import type { ListDocument, Paper } from './model.js';
import { type Change, displayName } from './operations.js';
import { markerState, pairedMarker, stateOfPaper } from './table-marker.js';

/** The papers whose markers share a vocabulary with `paper`: its own list (or table), and the file's of its kind. */
function siblings(doc: ListDocument, paper: Paper | null, source: Paper['source']): { list: Paper[]; file: Paper[] } {
  const file = doc.papers.filter((other) => other.source === source);
  return { list: paper ? file.filter((other) => other.listIndex === paper.listIndex) : [], file };
}

/** The marker text a paper holds ('' for none). */
function markerOf(doc: ListDocument, paper: Paper): string {
  return doc.text.slice(paper.checkbox.start, paper.checkbox.end);
}

/** Which state a paper's marker stands for, as its list reads it (an empty or unknown cell: none). */
function statedState(doc: ListDocument, paper: Paper): ReadState | null {
  const status = paper.row?.status;
  if (status === 'unknown') return null;
  if (paper.checkbox.start === paper.checkbox.end) return 'unread';
  // (a model kept across an edit may hold a paper whose marker the edit changed: trust only agreeing ones)
  const state = stateOfPaper(paper);
  const alone = markerState(markerOf(doc, paper));
  // (a legend gives markers meanings of their own: `☑️` may be "reading" there)
  return alone === null || alone === state || doc.hasLegend ? state : null;
}

/** The marker these papers use most for a state ('' when they write it as nothing); null when none is in it. */
function usual(doc: ListDocument, papers: Paper[], state: ReadState): string | null {
  const counts = new Map<string, number>();
  for (const paper of papers) {
    if (statedState(doc, paper) !== state) continue;
    const marker = markerOf(doc, paper);
    if (isPaperOwnValue(marker)) continue;
    counts.set(marker, (counts.get(marker) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [marker, count] of counts) if (count > bestCount) [best, bestCount] = [marker, count];
  return best;
}

/** The papers of the file's other lists that write the other states with the markers this list uses. */
function kindred(doc: ListDocument, list: Paper[], file: Paper[], state: ReadState): Paper[] {
  if (list.length === 0) return [];
  const own = new Set(list.filter((paper) => statedState(doc, paper) !== state).map((paper) => markerOf(doc, paper)));
  const lists = new Set<number>();
  for (const paper of file) {
    if (paper.listIndex !== list[0]!.listIndex && statedState(doc, paper) !== state && own.has(markerOf(doc, paper))) lists.add(paper.listIndex);
  }
  return file.filter((paper) => lists.has(paper.listIndex));
}

/** The marker of another state that goes with one the list uses, for `state`. */
function paired(doc: ListDocument, papers: Paper[], state: ReadState): string | null {
  for (const other of ['read', 'unread', 'reading'] as const) {
    if (other === state) continue;
    const marker = usual(doc, papers, other);
    const pair = marker ? pairedMarker(marker, state) : null;
    if (pair !== null) return pair;
  }
  return null;
}

/**
 * The marker for a state near `paper` (or, with none, in the file): the list's own; else the one the
 * file's lists that share this list's other markers use (`&cross;` beside `:heavy_check_mark:`); else
 * paired with the list's; else the file's, or paired with the file's; else `✅`/`⬜` (`reading`: null —
 * the file has none).
 */
export function markerFor(doc: ListDocument, paper: Paper | null, state: ReadState, source: Paper['source'] = 'row'): string | null {
  const { list, file } = siblings(doc, paper, source);
  const found = usual(doc, list, state) ?? usual(doc, kindred(doc, list, file, state), state) ?? paired(doc, list, state) ?? usual(doc, file, state) ?? paired(doc, file, state);
  if (found !== null) return found;
  if (state === 'reading') return null;
  return state === 'read' ? '✅' : '⬜';
}

function unchanged(message: string): Change {
  return { edits: [], message, createdAreas: [], touched: [], removed: [] };
}

const VERB: Record<ReadState, string> = { read: 'read', unread: 'unread', reading: 'being read' };

/** The state a paper is in, and the change that puts it in `state`. */
export function setMarkerState(doc: ListDocument, paper: Paper, state: ReadState): Change {
  const name = displayName(paper);
  if (stateOfPaper(paper) === state) return unchanged(`${name} is already marked ${VERB[state]}`);
  const row = paper.row;
  if (row && !row.cells[row.layout.status]) {
    throw new InvalidInputError(`the row on line ${paper.line} has no status cell (it has ${row.cells.length} cells); add one, e.g. "| ⬜ |", and try again`);
  }
  const marker = markerFor(doc, paper, state, paper.source);
  if (marker === null) {
    throw new InvalidInputError(`this list has no marker for "being read" (such as ⏳ or "reading"); add one to a paper by hand, or name one in .papers.json "formats" markers, and try again`);
  }
  const edit = paper.source === 'marked' ? markedEdit(doc, paper, marker) : (alignedCellEdit(doc, paper, marker) ?? cellEdit(doc, paper, marker));
  const read = (paper.read ? -1 : 0) + (state === 'read' ? 1 : 0);
  return { edits: [edit], message: `Marked ${name} as ${VERB[state]}`, createdAreas: [], touched: [paper.span.start], removed: [], delta: { total: 0, read } };
}

/** The cell a status marker sits in, between its pipes (or the line's end): [after the pipe, before the next). */
function cellAround(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('|', at - 1) + 1;
  let end = at;
  while (end < text.length && text[end] !== '|' && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/**
 * A marker into an empty cell of a padded table, placed as the table's other rows place theirs: where a
 * row with a marker has `|   ✅  |` and this cell is `|     |` (the same spaces, less the marker), the
 * cell becomes `|   ✅  |` — so that undone then done gives the row back byte for byte.
 */
function alignedCellEdit(doc: ListDocument, paper: Paper, marker: string): Edit | null {
  if (paper.checkbox.start !== paper.checkbox.end || marker === '') return null;
  const text = doc.text;
  const cell = cellAround(text, paper.checkbox.start);
  const inner = text.slice(cell.start, cell.end);
  if (!/^[ \t]*$/.test(inner)) return null;
  for (const other of doc.papers) {
    if (other === paper || other.source !== 'row' || other.listIndex !== paper.listIndex || other.checkbox.start === other.checkbox.end) continue;
    const around = cellAround(text, other.checkbox.start);
    const lead = text.slice(around.start, other.checkbox.start);
    const trail = text.slice(other.checkbox.end, around.end);
    if (!/^[ \t]*$/.test(lead) || !/^[ \t]*$/.test(trail)) continue;
    if (lead.length + trail.length === inner.length && lead.length > 1) return { start: cell.start, end: cell.end, text: lead + marker + trail };
  }
  return null;
}

/** The marker in a status cell: exactly its characters; into an empty cell with the cell's spacing. */
function cellEdit(doc: ListDocument, paper: Paper, marker: string): Edit {
  const { start } = paper.checkbox;
  let { end } = paper.checkbox;
  let text = marker;
  const before = doc.text[start - 1];
  const after = doc.text[start];
  if (start === end && marker !== '') {
    // Something else in the cell (`📝`, `🚧`) stays, after the marker and a space; a cell written
    // without spaces stays without.
    if (after !== undefined && !/[ \t|\r\n]/.test(after)) text = `${marker} `;
    else if (after === '|' && before === ' ') text = `${marker} `;
  } else if (marker === '' && /[ \t]/.test(doc.text[end] ?? '') && !/[ \t|\r\n]/.test(doc.text[end + 1] ?? '|')) {
    // `✅ 📝` -> `📝`: the space that parted them goes with the marker.
    end++;
  }
  return { start, end, text };
}

/**
 * The marker of a checkbox-less item: replaced in place; added where the list writes it (before the text
 * with a space after, or after it with a space before); taken away with the space that parted it.
 */
function markedEdit(doc: ListDocument, paper: Paper, marker: string): Edit {
  const { start, end } = paper.checkbox;
  const atStart = start <= paper.body.start;
  if (start !== end && marker !== '') return { start, end, text: marker };
  if (start === end) return { start, end, text: atStart ? `${marker} ` : ` ${marker}` };
  // Removing: the space on the text's side goes too.
  if (atStart) return { start, end: /[ \t]/.test(doc.text[end] ?? '') ? end + 1 : end, text: '' };
  return { start: /[ \t]/.test(doc.text[start - 1] ?? '') ? start - 1 : start, end, text: '' };
}
