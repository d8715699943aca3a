/**
 * A file's own marker vocabulary. A status cell (or the marker place of a checkbox-less item) is read as
 * GitHub draws it (decode.ts) and given a meaning (meanings.ts); then the values one column takes across
 * its rows settle what meaning alone cannot: `O`/`X` together are done/not done, while `x` alone is a
 * check; a column whose only value is one unknown mark beside empty cells reads that mark as done.
 */
import { firstMeaningfulSymbol, symbolAt } from './decode.js';
import { isColour, isDecoration, isWeakMarkerText, type Meaning, type ReadState, wordMeaningOf } from './meanings.js';
import type { RowStatus } from '../../model/paper.js';

/** How a cell reads: its marker's place in the cell text and what it means, or why there is none. */
export interface CellReading {
  /** A marker's meaning; 'empty' for a cell with nothing but decorations; 'unknown' for other text. */
  meaning: Meaning | 'empty' | 'unknown';
  /** The marker's place in the text read (the whole word, or the symbol as written); empty when none. */
  start: number;
  end: number;
  /** A date, percentage, placeholder or letter: a marker only in a column named as a status column. */
  weak?: boolean;
  /** The cell holds more than its marker and decorations (`✅ read twice`, `Attention✅`). */
  mixed?: boolean;
}

/** Markup around a word marker (`**已完成**`, `_done_`, `<b>Done</b>`): part of the marker as written. */
const MARKUP = /^(?:[*_~`]+|<(\w+)[^>]*>)|(?:[*_~`]+|<\/\w+>)$/g;

/**
 * What a cell says. A cell whose words (decorations aside) are one marker word, placeholder, date or
 * percentage is that marker, markup included; otherwise its first symbol with a meaning; otherwise empty
 * (only decorations or nothing) or unknown.
 */
export function readCell(raw: string): CellReading {
  // The cell without its decorations, each replaced by spaces of the same length (offsets stay).
  let plain = '';
  for (let at = 0; at < raw.length; ) {
    const token = symbolAt(raw, at)!;
    const text = raw.slice(at, token.end);
    plain += isDecoration(token.symbol) ? ' '.repeat(text.length) : text;
    at = token.end;
  }
  const start = plain.search(/\S/);
  if (start < 0) return { meaning: 'empty', start: 0, end: 0 };
  const end = plain.trimEnd().length;
  const words = plain.slice(start, end).replace(MARKUP, '').replace(MARKUP, '');
  const asWords = wordMeaningOf(words);
  if (asWords)
    return isWeakMarkerText(words) ? { meaning: asWords, start, end, weak: true } : { meaning: asWords, start, end };
  const symbol = firstMeaningfulSymbol(plain, start, end);
  if (symbol) {
    const reading: CellReading = { meaning: symbol.meaning, start: symbol.start, end: symbol.end };
    if (symbol.start !== start || symbol.end !== end) reading.mixed = true;
    if (isColour(symbol.symbol)) reading.weak = true;
    return reading;
  }
  return { meaning: 'unknown', start: 0, end: 0 };
}

/** Is this reading a marker (a state or a letter), not empty or unknown? */
export function isMarker(reading: CellReading): boolean {
  return reading.meaning !== 'empty' && reading.meaning !== 'unknown';
}

/** How a column's letters read, from the letters it uses: `O` beside `X` makes `X` "not done". */
export interface LetterSense {
  x: ReadState;
  o: ReadState;
}

export function letterSense(meanings: Iterable<CellReading['meaning']>): LetterSense {
  let o = false;
  let x = false;
  for (const meaning of meanings) {
    if (meaning === 'o') o = true;
    else if (meaning === 'x') x = true;
  }
  return { x: o && x ? 'unread' : 'read', o: 'read' };
}

/** A row's state in its column: what its marker means, with the column's letters; empty reads as unread. */
export function stateOf(meaning: CellReading['meaning'], letters: LetterSense): ReadState | 'empty' | 'unknown' {
  if (meaning === 'x' || meaning === 'o') return letters[meaning];
  return meaning;
}

/**
 * Each row's state as its status column reads it (`column`: the rows' status cells, undefined for a
 * row without one): a marker means its state, a letter what the column's letters make it; and a column
 * that holds no marker anybody here knows, only the author's own marks or words beside empty cells
 * (`| Y |`, `| 🐢 |`, `| rough |` / `| detailed |`), is filled in for what was read: a filled cell is read.
 * One cell's change can change how the others read (marker-edit.ts checks that an edit does not).
 */
export function columnStatuses(column: readonly (CellReading | undefined)[]): RowStatus[] {
  const letters = letterSense(column.map((reading) => reading?.meaning ?? 'empty'));
  const filled = filledMeansRead(column);
  return column.map((reading) =>
    !reading ? 'empty' : filled && reading.meaning === 'unknown' ? 'read' : stateOf(reading.meaning, letters),
  );
}

/** No known marker in the column, and both filled and empty cells. */
function filledMeansRead(column: readonly (CellReading | undefined)[]): boolean {
  let empty = 0;
  let filled = 0;
  for (const reading of column) {
    if (!reading || reading.meaning === 'empty') empty++;
    else if (reading.meaning !== 'unknown') return false;
    else filled++;
  }
  return filled > 0 && empty > 0;
}
