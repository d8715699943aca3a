/**
 * Entries without a checkbox whose state is a marker the author put before or after them: bullets and
 * numbered items (`- ✅ Title`, `* [Title](url) :heavy_check_mark:`, `12. Title ... :red_square:`) and
 * lines of a paragraph used as a list (`[✅] Title`, `[  ] Title`, `Title - 🔘`). GitHub draws none of
 * them as a checkbox, so a list is read so only when it marks its entries consistently: most entries carry
 * a marker in the same place. Pure text functions; parse-remark.ts applies them to the tree.
 */
import { firstMeaningfulSymbol, symbolAt } from './decode.js';
import { isColour, type ReadState, symbolMeaningOf } from './meanings.js';

/** Where an entry's marker is: before its text, or after it. */
export type MarkPlace = 'start' | 'end';

/** A marker found on an entry: its place, its span (absolute offsets) and its state. */
export interface EntryMark {
  place: MarkPlace;
  start: number;
  end: number;
  state: ReadState;
  /** Written inside a pseudo-checkbox (`[✅]`, `[  ]`): the marker is what is between the brackets. */
  boxed?: boolean;
  /** Where the entry's own text is once the marker (and the separator beside it) is taken off. */
  textStart: number;
  textEnd: number;
}

/**
 * A pseudo-checkbox at the start: `[✅]`, `[ ]`, `[  ]`, `[x]` (GitHub renders only `[ ]`/`[x]` directly
 * after a bullet as a checkbox: anywhere else, and with other contents, they are text).
 */
const PSEUDO_BOX = /\[(\s*)([^\]\s]{0,24}?)(\s*)\]/y;

/** The marker at the start of text[from, to): a pseudo-checkbox or a symbol with a meaning, then a space. */
export function markAtStart(text: string, from: number, to: number): EntryMark | null {
  let at = from;
  while (at < to && (text[at] === ' ' || text[at] === '\t')) at++;
  PSEUDO_BOX.lastIndex = at;
  const box = PSEUDO_BOX.exec(text);
  if (box && box.index + box[0].length < to && /\s/.test(text[box.index + box[0].length]!)) {
    const inner = box[2]!;
    const state: ReadState | null = inner === '' ? 'unread' : /^[xX]$/.test(inner) ? 'read' : stateOfSymbols(inner);
    // The marker is what is inside the brackets (an empty box: its spaces), so the brackets stay.
    const from = at + 1 + (inner === '' ? 0 : box[1]!.length);
    const until = from + (inner === '' ? box[1]!.length : inner.length);
    if (state)
      return {
        ...withText(text, 'start', from, until, state, to),
        textStart: textAfter(text, at + box[0].length, to),
        boxed: true,
      };
  }
  const token = symbolAt(text, at);
  if (!token || token.end >= to || !/\s/.test(text[token.end]!) || isColour(token.symbol)) return null;
  const state = symbolMeaningOf(token.symbol);
  return state ? withText(text, 'start', token.start, token.end, state, to) : null;
}

/** What a pseudo-checkbox's inside means: one symbol with a meaning (decoded), else nothing. */
function stateOfSymbols(inner: string): ReadState | null {
  const found = firstMeaningfulSymbol(inner);
  if (found?.start !== 0 || found.end !== inner.length) return null;
  return found.meaning === 'x' || found.meaning === 'o' ? 'read' : found.meaning;
}

const END_SHORTCODE = /:[a-z0-9_+-]+:$/;
const END_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$/;

/** The marker at the end of text[from, to): a symbol with a meaning after a space (and a dash or bar). */
export function markAtEnd(text: string, from: number, to: number): EntryMark | null {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  const tail = text.slice(Math.max(from, end - 40), end);
  let length = END_SHORTCODE.exec(tail)?.[0].length ?? END_REFERENCE.exec(tail)?.[0].length ?? 0;
  if (length === 0) {
    let start = end;
    while (start > from && (text[start - 1] === '\uFE0F' || text[start - 1] === '\uFE0E')) start--;
    const low = text.charCodeAt(start - 1);
    start -= low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    length = end - start;
  }
  const start = end - length;
  if (start <= from || !/\s/.test(text[start - 1]!)) return null;
  const token = symbolAt(text, start);
  if (!token || token.end !== end || isColour(token.symbol)) return null;
  const state = symbolMeaningOf(token.symbol);
  return state ? withText(text, 'end', start, end, state, from) : null;
}

/** The mark with the entry's own text beside it: after a start mark, before an end mark and its separator. */
function withText(
  text: string,
  place: MarkPlace,
  start: number,
  end: number,
  state: ReadState,
  limit: number,
): EntryMark {
  if (place === 'start') return { place, start, end, state, textStart: textAfter(text, end, limit), textEnd: -1 };
  let textEnd = start;
  while (textEnd > limit && /[ \t]/.test(text[textEnd - 1]!)) textEnd--;
  // `Title - 🔘`, `Title | ✅`, `Title: ✅`: the separator belongs to neither.
  if (textEnd > limit && /[-–—|:：]/.test(text[textEnd - 1]!) && /[ \t]/.test(text[textEnd - 2] ?? '')) {
    textEnd--;
    while (textEnd > limit && /[ \t]/.test(text[textEnd - 1]!)) textEnd--;
  }
  return { place, start, end, state, textStart: -1, textEnd };
}

function textAfter(text: string, from: number, limit: number): number {
  while (from < limit && /[ \t]/.test(text[from]!)) from++;
  return from;
}

/**
 * The place a list of entries marks its state, when it does so consistently: more than half of the
 * entries carry a marker there, and at least one of them (so a single marked line is enough, alone).
 */
export function consistentPlace(
  marks: readonly { start: EntryMark | null; end: EntryMark | null }[],
): MarkPlace | null {
  let atStart = 0;
  let atEnd = 0;
  for (const mark of marks) {
    if (mark.start) atStart++;
    if (mark.end) atEnd++;
  }
  const best = atStart >= atEnd ? 'start' : 'end';
  const count = Math.max(atStart, atEnd);
  return count > 0 && count * 2 > marks.length ? best : null;
}

/**
 * A paragraph line used as a list entry: a pseudo-checkbox before its text (`[✅] Title`, `[  ] Title`),
 * or a marker after it set apart by a dash or bar (`Title - 🔘`); prose that merely ends in an emoji is not.
 */
export function lineMark(src: string, line: { start: number; end: number }): EntryMark | null {
  const start = markAtStart(src, line.start, line.end);
  if (start?.boxed) return start;
  const end = markAtEnd(src, line.start, line.end);
  return end && /[-–—|]\s*$/.test(src.slice(line.start, end.start)) ? end : null;
}
