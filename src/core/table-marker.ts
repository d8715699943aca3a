/**
 * Read-state markers in a paper table's status cell: `✅ ✔ ✔️ ☑ ☑️ ✓ [x] x X yes done read` mean read,
 * `⬜ ⬛ ☐ ❌ ✗ [ ] no todo` (or nothing) unread. Kept apart from table.ts so that commands that only
 * check or flip a marker load no parser.
 */
import type { RowStatus, Span } from './model.js';

/** Symbols and words that mean read / unread in a status cell (longer forms first). */
const READ_SYMBOLS = ['✅', '✔️', '✔', '☑️', '☑', '✓', '[x]', '[X]'];
const UNREAD_SYMBOLS = ['⬜', '⬛', '☐', '❌', '✗', '[ ]'];
const READ_WORDS = ['x', 'yes', 'done', 'read'];
const UNREAD_WORDS = ['to read', 'to-read', 'to_read', 'unread', 'no', 'todo'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MARKER_RE = new RegExp(
  `(${[...READ_SYMBOLS, ...UNREAD_SYMBOLS].map(escape).join('|')})|(?<![\\p{L}\\p{N}])(${[...UNREAD_WORDS, ...READ_WORDS].map(escape).join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/** What a status cell may hold besides its marker: a note, a star, a link sign. */
// (Alternatives, not a class: a class with the variation selector would read as one combined character.)
const DECORATIONS = /📝|📄|📖|📑|🔗|⭐|🌟|🔥|💡|📌|📎|🏆|👍|\uFE0F/gu;

export interface Marker {
  status: RowStatus;
  /** Offsets relative to the text classified. */
  start: number;
  end: number;
}

/** The first read or unread marker in a status cell's text; an empty cell is 'empty', anything else 'unknown'. */
export function classifyStatus(cell: string): Marker {
  const m = MARKER_RE.exec(cell);
  if (m) {
    const found = m[0];
    const read = m[1] !== undefined ? READ_SYMBOLS.includes(found) : READ_WORDS.includes(found.toLowerCase());
    return { status: read ? 'read' : 'unread', start: m.index, end: m.index + found.length };
  }
  // Notes beside the marker (`📝`) are kept and ignored: a cell with only those has no marker.
  return { status: cell.replace(DECORATIONS, '').trim() === '' ? 'empty' : 'unknown', start: 0, end: 0 };
}

/** Is this marker text one that means read (true), unread (false)? Empty counts as unread. */
export function markerMeansRead(marker: string): boolean | null {
  if (marker === '') return false;
  const m = classifyStatus(marker);
  if (m.start !== 0 || m.end !== marker.length) return null;
  return m.status === 'read' ? true : m.status === 'unread' ? false : null;
}

/** The marker of the other state that goes with `marker`: `✅`↔`⬜`, `[x]`↔`[ ]`, `yes`↔`no` ... */
export function pairedMarker(marker: string, wantRead: boolean): string {
  const pairs: [string, string][] = [
    ['✅', '⬜'],
    ['✅', '⬛'],
    ['☑️', '☐'],
    ['☑', '☐'],
    ['✔️', '❌'],
    ['✔', '✗'],
    ['✓', '✗'],
    ['✅', '❌'],
    ['[x]', '[ ]'],
    ['[X]', '[ ]'],
    ['yes', 'no'],
    ['done', 'todo'],
    ['x', ''],
    ['read', ''],
  ];
  const lower = marker.toLowerCase();
  for (const [read, unread] of pairs) {
    const from = wantRead ? unread : read;
    if (from !== '' && (from === marker || (/^[a-z]+$/.test(from) && from === lower))) {
      const to = wantRead ? read : unread;
      return /^[A-Z]/.test(marker) ? to.charAt(0).toUpperCase() + to.slice(1) : to;
    }
  }
  return wantRead ? '✅' : '⬜';
}

/**
 * A cheap check that a cached row belongs to this text: its marker says its read state (an empty
 * marker stands before a pipe, a space or an unknown word).
 */
export function rowMarkerAgrees(text: string, paper: { read: boolean; checkbox: Span }): boolean {
  const { start, end } = paper.checkbox;
  if (start > end || end > text.length) return false;
  if (start === end) return !paper.read;
  return markerMeansRead(text.slice(start, end)) === paper.read;
}
