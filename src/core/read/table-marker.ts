/**
 * Read-state markers as edits and the store's checks see them, one at a time and without their column:
 * what a marker means alone (formats/vocabulary.ts reads whole columns), the marker of the other state
 * that goes with one, and the cheap check that a cached row still holds the marker its state says. Kept
 * apart from table.ts so that commands that only check or swap a marker load no parser.
 */
import { type ReadState, SYMBOLS, withoutSelectors } from './formats/meanings.js';
import { readCell } from './formats/vocabulary.js';
import type { Span } from '../model/paper.js';

export type { ReadState } from './formats/meanings.js';

/** Each symbol with a meaning, as written alone (with and without its variation selector): no cell reading needed. */
const SINGLE_SYMBOLS = new Map<string, ReadState>();
for (const state of ['read', 'reading', 'unread'] as const) {
  for (const symbol of SYMBOLS[state]) {
    const bare = withoutSelectors(symbol);
    SINGLE_SYMBOLS.set(bare, state);
    SINGLE_SYMBOLS.set(`${bare}\uFE0F`, state);
  }
}

/** The state a paper is in. */
export function stateOfPaper(paper: { read: boolean; reading: boolean }): ReadState {
  return paper.read ? 'read' : paper.reading ? 'reading' : 'unread';
}

/**
 * What this marker text means by itself, when that is certain: '' is unread; letters (`x`, `O`), whose
 * meaning depends on their column, and text that is no marker give null.
 */
export function markerState(marker: string): ReadState | null {
  if (marker === '') return 'unread';
  const symbol = SINGLE_SYMBOLS.get(marker);
  if (symbol) return symbol;
  const reading = readCell(marker);
  if (reading.start !== 0 || reading.end !== marker.length) return null;
  const { meaning } = reading;
  return meaning === 'read' || meaning === 'reading' || meaning === 'unread' ? meaning : null;
}

/** Markers that go together, as written: read, unread, reading (null: none of its own). */
const FAMILIES: [string, string, string | null][] = [
  ['✅', '⬜', '⏳'],
  ['✅', '⬛', '⏳'],
  ['✅', '❌', '⏳'],
  ['✅', '🔲', '⏳'],
  ['☑️', '☐', null],
  ['☑', '☐', null],
  ['✔️', '❌', null],
  ['✔', '❌', null],
  ['✔', '✗', null],
  ['✓', '✗', null],
  ['√', '×', null],
  ['🟢', '🔴', '🟡'],
  [':white_check_mark:', ':white_large_square:', ':hourglass_flowing_sand:'],
  [':heavy_check_mark:', ':x:', ':hourglass_flowing_sand:'],
  [':ballot_box_with_check:', ':black_square_button:', null],
  ['&check;', '&cross;', null],
  ['&#10004;', '&#10008;', null],
  ['[x]', '[ ]', null],
  ['[X]', '[ ]', null],
  ['yes', 'no', null],
  ['done', 'todo', 'reading'],
  ['read', 'unread', 'reading'],
  ['已读', '未读', '在读'],
  ['已完成', '未完成', '进行中'],
  ['완료', '미완료', '진행중'],
  ['읽음', '안읽음', '읽는 중'],
  // (a lone `x` is a check whose unread is an empty cell; `O`/`X` together are a pair)
  ['x', '', null],
  ['X', '', null],
  ['O', 'X', null],
  ['o', 'x', null],
];

/**
 * The marker for `want` that goes with `marker` (of another state): `✅`↔`⬜`, `:heavy_check_mark:`↔`:x:`,
 * `Done`↔`Todo` (the case kept) ...; null when no family holds it (or the family has no such state).
 */
export function pairedMarker(marker: string, want: ReadState): string | null {
  const lower = marker.toLowerCase();
  for (const family of FAMILIES) {
    const [read, unread, reading] = family;
    const index = family.findIndex((m) => m !== null && (m === marker || (/^[a-z]+$/.test(m) && m === lower)));
    if (index < 0) continue;
    const to = want === 'read' ? read : want === 'unread' ? unread : reading;
    if (to === null) return null;
    return /^[A-Z]/.test(marker) && /^[a-z]/.test(to) ? to.charAt(0).toUpperCase() + to.slice(1) : to;
  }
  return null;
}

/**
 * A cheap check that a cached row (or marked item) belongs to this text: its marker says its state (an
 * empty marker: unread; a letter whose meaning needs its column, either of the two states it can mean).
 */
export function rowMarkerAgrees(text: string, paper: { read: boolean; reading: boolean; checkbox: Span }): boolean {
  const { start, end } = paper.checkbox;
  if (start > end || end > text.length) return false;
  const marker = text.slice(start, end);
  const state = stateOfPaper(paper);
  if (marker === '') return state === 'unread';
  // (the usual markers without reading the cell: a warm `list` checks every row of a big table)
  const symbol = SINGLE_SYMBOLS.get(marker);
  if (symbol) return symbol === state;
  const { meaning, start: from, end: to } = readCell(marker);
  // A column's own letters (`O`/`X`) and a lone mark of its own (read) are checked for what they can mean.
  if (meaning === 'unknown') return state === 'read';
  if (from !== 0 || to !== marker.length) return false;
  if (meaning === 'x' || meaning === 'o') return state !== 'reading';
  return meaning === state;
}
