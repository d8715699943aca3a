/**
 * `done`, `undone` and `reading` on a paper whose state is a marker the file chose — a table row's status
 * cell, or the marker before or after a checkbox-less item — write that list's own marker for the state:
 * the one its rows use most for it, else the one that goes with its marker of another state (`☑`→`☐`),
 * else the file's; `✅`/`⬜`/`⏳` only where the file has none. A list that writes unread as nothing gets
 * nothing (the marker and the space that parted it go). Exactly the marker's characters change.
 */
import type { Edit } from './splice.js';
import { InvalidInputError, PapersError } from '../model/errors.js';
import { findLegend, type Legend, legendState } from '../read/formats/legend.js';
import { isPaperOwnValue, type ReadState } from '../read/formats/meanings.js';
import { headerCells, statusColumnNamed } from '../read/formats/columns.js';
import { type CellReading, columnStatuses, letterSense, readCell, stateOf } from '../read/formats/vocabulary.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { type Change, displayName } from './change.js';
import { markerState, pairedMarker, stateOfPaper } from '../read/table-marker.js';

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
function statedState(doc: ListDocument, paper: Paper, meanings: Meanings): ReadState | null {
  const status = paper.row?.status;
  if (status === 'unknown') return null;
  if (paper.checkbox.start === paper.checkbox.end) return 'unread';
  // (a model kept across an edit may hold a paper whose marker the edit changed: trust only agreeing ones)
  const state = stateOfPaper(paper);
  const marker = markerOf(doc, paper);
  // (a legend or the user's rules give markers meanings of their own: `☑️` may be "reading" there)
  const alone = meanings.rules.get(marker.trim()) ?? legendState(meanings.legend, marker) ?? markerState(marker);
  return alone === null || alone === state ? state : null;
}

/** What markers mean in this file beyond themselves: the user's rules, and its legend. */
interface Meanings {
  rules: ReadonlyMap<string, ReadState>;
  legend: Legend;
}

/** Looked up once per edit (a model from the cache carries no legend: it is found again in the text). */
function meaningsOf(doc: ListDocument): Meanings {
  return { rules: doc.markerMeanings ?? new Map(), legend: doc.readAsWhole ? findLegend(doc.text) : new Map() };
}

/** The marker these papers use most for a state ('' when they write it as nothing); null when none is in it. */
function usual(doc: ListDocument, papers: Paper[], state: ReadState, meanings: Meanings): string | null {
  const counts = new Map<string, number>();
  for (const paper of papers) {
    if (statedState(doc, paper, meanings) !== state) continue;
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
function kindred(doc: ListDocument, list: Paper[], file: Paper[], state: ReadState, meanings: Meanings): Paper[] {
  if (list.length === 0) return [];
  const own = new Set(
    list.filter((paper) => statedState(doc, paper, meanings) !== state).map((paper) => markerOf(doc, paper)),
  );
  const lists = new Set<number>();
  for (const paper of file) {
    if (
      paper.listIndex !== list[0]!.listIndex &&
      statedState(doc, paper, meanings) !== state &&
      own.has(markerOf(doc, paper))
    )
      lists.add(paper.listIndex);
  }
  return file.filter((paper) => lists.has(paper.listIndex));
}

/** The marker of another state that goes with one the list uses, for `state`. */
function paired(doc: ListDocument, papers: Paper[], state: ReadState, meanings: Meanings): string | null {
  for (const other of ['read', 'unread', 'reading'] as const) {
    if (other === state) continue;
    const marker = usual(doc, papers, other, meanings);
    const pair = marker ? pairedMarker(marker, state) : null;
    if (pair !== null) return pair;
  }
  return null;
}

/**
 * The marker for a state near `paper` (or, with none, in the file): the list's own; else the one the
 * user's rules name (.papers.json "formats"); else the one the
 * file's lists that share this list's other markers use (`&cross;` beside `:heavy_check_mark:`); else
 * paired with the list's; else the file's, or paired with the file's; else `✅`/`⬜` (`reading`: null —
 * the file has none).
 */
export function markerFor(
  doc: ListDocument,
  paper: Paper | null,
  state: ReadState,
  source: Paper['source'] = 'row',
): string | null {
  const { list, file } = siblings(doc, paper, source);
  const meanings = meaningsOf(doc);
  // A marker the file's legend gives another meaning is not one for this state (`[x]` paired with the
  // list's `[ ]` where the legend's `☑️` is "reading"): the next choice is taken, then the legend's own.
  const fits = (marker: string | null): string | null =>
    marker !== null && (legendState(meanings.legend, marker) ?? state) !== state ? null : marker;
  const found =
    fits(usual(doc, list, state, meanings)) ??
    doc.ruleMarkers?.[state] ??
    fits(usual(doc, kindred(doc, list, file, state, meanings), state, meanings)) ??
    fits(paired(doc, list, state, meanings)) ??
    fits(usual(doc, file, state, meanings)) ??
    fits(paired(doc, file, state, meanings)) ??
    legendMarker(doc.text, meanings.legend, state);
  if (found !== null) return found;
  return state === 'reading' ? null : fits(OWN_MARKER[state]);
}

/**
 * The marker the file's legend names for a state, if it names one: as the text writes it where it
 * writes it with the emoji selector (`☑️`, which the legend's key leaves out).
 */
function legendMarker(text: string, legend: Legend, state: ReadState): string | null {
  for (const [marker, meant] of legend) {
    if (meant !== state) continue;
    return text.includes(`${marker}\uFE0F`) ? `${marker}\uFE0F` : marker;
  }
  return null;
}

/** Does a letter marker (`O`, `X`) written here still mean `state` beside the letters the rest of the column keeps? */
function lettersStillRead(doc: ListDocument, paper: Paper, marker: string, state: ReadState): boolean {
  const meaning = readCell(marker).meaning;
  if (meaning !== 'x' && meaning !== 'o') return true;
  const others = doc.papers.filter(
    (other) => other !== paper && other.source === 'row' && other.listIndex === paper.listIndex,
  );
  const meanings = [meaning, ...others.map((other) => readCell(markerOf(doc, other)).meaning)];
  return stateOf(meaning, letterSense(meanings)) === state;
}

/**
 * Does every other row of the paper's table read the same once its status cell holds `marker`? A cell is
 * read beside the others (vocabulary.ts columnStatuses): a column with no marker anybody knows reads its
 * filled cells as read, and `X` means "not done" only beside an `O`. The table is read by those rules
 * before and after, each other cell as the parser read it (cellAsRead).
 */
function othersReadAlike(doc: ListDocument, paper: Paper, marker: string): boolean {
  const table = doc.papers.filter((row) => row.source === 'row' && row.listIndex === paper.listIndex);
  const before = table.map((row) => cellAsRead(doc, row));
  const after = table.map((row, i) => (row === paper ? readCell(marker) : before[i]));
  const was = columnStatuses(before);
  const will = columnStatuses(after);
  return table.every((row, i) => row === paper || was[i] === will[i]);
}

/**
 * A row's status cell as the parser read it: a letter as written (what it means is the column's to say),
 * anything else as its status (a marker hidden by markup, or a cell no marker is known for, says so only
 * there: the model keeps no marker span for the latter).
 */
function cellAsRead(doc: ListDocument, row: Paper): CellReading {
  const written = readCell(markerOf(doc, row));
  if (written.meaning === 'x' || written.meaning === 'o') return written;
  return { ...written, meaning: row.row?.status ?? 'unknown' };
}

/**
 * Would taking this paper's marker away (unread as nothing) lose its list? A list without checkboxes is
 * read as one while more than half its entries carry a marker; a status column no header names is found
 * by its markers (the last one); an empty first cell of a row without a leading pipe ends that cell, and
 * the row loses a column.
 */
function nothingWouldLoseIt(doc: ListDocument, paper: Paper): boolean {
  const list = doc.papers.filter((other) => other.source === paper.source && other.listIndex === paper.listIndex);
  const marked = list.filter((other) => other.checkbox.start !== other.checkbox.end).length;
  if (paper.source === 'marked') return (marked - 1) * 2 <= list.length;
  const row = paper.row;
  if (!row) return false;
  const header = doc.text.slice(row.head.start, row.head.end).split(/\r?\n/)[0]!;
  if (marked <= 1 && !statusColumnNamed(headerCells(header), row.layout.status)) return true;
  const lineStart = doc.text.lastIndexOf('\n', paper.span.start - 1) + 1;
  return row.layout.status === 0 && !/^[ \t]*\|/.test(doc.text.slice(lineStart, paper.span.end));
}

function unchanged(message: string): Change {
  return { edits: [], message, createdAreas: [], touched: [], removed: [] };
}

/** The markers papers writes where a list has none of its own for a state: every column reads them alike. */
const OWN_MARKER: Record<ReadState, string> = { read: '✅', unread: '⬜', reading: '⏳' };

const VERB: Record<ReadState, string> = { read: 'read', unread: 'unread', reading: 'being read' };
const EXAMPLE: Record<ReadState, string> = { read: '✅ or "done"', unread: '⬜ or "todo"', reading: '⏳ or "reading"' };

/** The state a paper is in, and the change that puts it in `state`. */
export function setMarkerState(doc: ListDocument, paper: Paper, state: ReadState): Change {
  const name = displayName(paper);
  if (stateOfPaper(paper) === state) return unchanged(`${name} is already marked ${VERB[state]}`);
  const row = paper.row;
  const missingLast = row !== undefined && !row.cells[row.layout.status] && row.layout.status === row.cells.length;
  if (row && !row.cells[row.layout.status] && !missingLast) {
    throw new InvalidInputError(
      `the row on line ${paper.line} has no status cell (it has ${row.cells.length} cells); add one, e.g. "| ⬜ |", and try again`,
    );
  }
  let marker = markerFor(doc, paper, state, paper.source);
  if (marker !== null && paper.source === 'row' && !lettersStillRead(doc, paper, marker, state)) {
    // `X` means "not done" only beside an `O`: once the last `O` goes, an empty cell says it.
    marker = state === 'unread' ? '' : '✅';
  }
  if (marker === '' && nothingWouldLoseIt(doc, paper)) {
    // Unread written as nothing would lose the list (or a column): it is written as the marker paired with read.
    const paired = pairedMarker(markerOf(doc, paper), 'unread');
    marker = paired === null || paired === '' || readCell(paired).meaning === 'x' ? '⬜' : paired;
  }
  if (marker === null) {
    throw new InvalidInputError(
      `this list has no marker for "${VERB[state]}" (such as ${EXAMPLE[state]})${meaningsOf(doc).legend.size ? ' that its legend agrees with' : ''}; add one to a paper by hand, or name one in .papers.json "formats" markers, and try again`,
    );
  }
  if (paper.source === 'row' && !othersReadAlike(doc, paper, marker)) {
    // A column read by what it holds (filled cells read, or `X` beside `O`) would read another row
    // differently once this cell changes: the state's own marker, which every column reads alike.
    marker = OWN_MARKER[state];
    if (!othersReadAlike(doc, paper, marker)) {
      throw new PapersError(
        `marking ${name} ${VERB[state]} would change how other rows of its table read (line ${paper.line}): their cells mean what they do beside this one's (\`X\` is "not done" only beside an \`O\`; where no ✅ / ⬜ is left, any filled cell reads as read); mark it by hand, or use markers such as ✅ / ⬜ in that column, and try again`,
      );
    }
  }
  const edit =
    paper.source === 'marked'
      ? markedEdit(doc, paper, marker)
      : missingLast
        ? lastCellEdit(doc, paper, marker)
        : (alignedCellEdit(doc, paper, marker) ?? cellEdit(doc, paper, marker));
  const read = (paper.read ? -1 : 0) + (state === 'read' ? 1 : 0);
  return {
    edits: [edit],
    message: `Marked ${name} as ${VERB[state]}`,
    createdAreas: [],
    touched: [paper.span.start],
    removed: [],
    delta: { total: 0, read },
  };
}

/**
 * A row whose last cell, the status, is not there (`Title | 2015 |`, or no pipe after the last cell):
 * the marker goes after the row's last pipe, or after a new one.
 */
function lastCellEdit(doc: ListDocument, paper: Paper, marker: string): Edit {
  const text = doc.text;
  let end = paper.checkbox.start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  let last = end;
  while (last > paper.span.start && /[ \t]/.test(text[last - 1]!)) last--;
  if (text[last - 1] === '|') {
    // `Title | 2015 | ` and `Title | 2015 |` both become `Title | 2015 | ✅`.
    return text[last] === ' '
      ? { start: last + 1, end: last + 1, text: marker }
      : { start: last, end: last, text: ` ${marker}` };
  }
  return { start: last, end: last, text: ` | ${marker}` };
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
    if (
      other === paper ||
      other.source !== 'row' ||
      other.listIndex !== paper.listIndex ||
      other.checkbox.start === other.checkbox.end
    )
      continue;
    const around = cellAround(text, other.checkbox.start);
    const lead = text.slice(around.start, other.checkbox.start);
    const trail = text.slice(other.checkbox.end, around.end);
    if (!/^[ \t]*$/.test(lead) || !/^[ \t]*$/.test(trail)) continue;
    if (lead.length + trail.length === inner.length && lead.length > 1)
      return { start: cell.start, end: cell.end, text: lead + marker + trail };
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
