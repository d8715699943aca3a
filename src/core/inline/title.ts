/** Finding the title in flattened text: runs between label links, with tags and separators taken off their ends. */
import type { Span } from '../model.js';
import { parseVenue, parseYearOnly } from '../venue.js';
import { type Flat, LINK_MARK, spanOf } from './flatten.js';

interface Segment {
  start: number;
  end: number;
}

export function splitAtMarks(flat: Flat): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 0; i <= flat.text.length; i++) {
    if (i === flat.text.length || flat.text[i] === LINK_MARK) {
      segments.push({ start, end: i });
      start = i + 1;
    }
  }
  return segments;
}

interface Cleaned {
  start: number;
  end: number;
  venue: { text: string; span: Span } | null;
  year: number | null;
}

const SEPARATORS = /[\s:：,，;；|\-–—>)\]]/;
const TRAILING_SEPARATORS = /[\s:：,，;；|\-–—([]/;

/** Takes tags and separators off both ends of a run of text; notes a venue or year found there. */
export function cleanSegment(flat: Flat, segment: Segment): Cleaned {
  const text = flat.text;
  // An escaped bracket right against a link wraps it (`\[[paper](u)\]`, `**\[**[Paper](u)`): markup, not text.
  const wrapper = (i: number): boolean =>
    (i === segment.end - 1 && text[i] === '[' && segment.end < text.length) || (i === segment.start && text[i] === ']' && i > 0);
  const markup = (i: number, pattern: RegExp): boolean => (!flat.literal.has(i) || wrapper(i)) && pattern.test(text[i]!);
  let { start, end } = segment;
  let venue: Cleaned['venue'] = null;
  let year: number | null = null;
  const note = (inner: string, s: number, e: number): 'venue' | 'year' | null => {
    const parsed = parseVenue(inner);
    if (parsed) {
      if (!venue) venue = { text: inner.trim(), span: spanOf(flat, s, e) };
      year ??= parsed.year;
      return 'venue';
    }
    const y = parseYearOnly(inner) ?? arxivYear(inner);
    if (y !== null) {
      year ??= y;
      return 'year';
    }
    return null;
  };

  // Leading tags: `[ICML 2020] [GAT] Title`. A tag run starts with a venue or a year; a title may itself
  // begin with a bracket (`[Re] ...`), so other tags are only dropped after one of those.
  let inTagRun = false;
  for (;;) {
    while (start < end && markup(start, SEPARATORS)) start++;
    if (!markup(start, /\[/)) break;
    const close = unescapedIndex(flat, ']', start);
    if (close < 0 || close >= end) break;
    const inner = text.slice(start + 1, close);
    const kind = note(inner, start + 1, close);
    if (kind || inner.trim() === '' || inTagRun) {
      inTagRun = true;
      start = close + 1;
      continue;
    }
    break;
  }

  // Trailing tags: `Title[OSDI'20]:`, `Title (NeurIPS '17)`, `Title [arxiv'20][Nvidia]`.
  let untaggedVenue: Cleaned['venue'] = null;
  for (;;) {
    while (end > start && markup(end - 1, TRAILING_SEPARATORS)) end--;
    const last = text[end - 1];
    if ((last !== ']' && last !== ')') || flat.literal.has(end - 1)) break;
    const openChar = last === ']' ? '[' : '(';
    const open = matchingOpen(flat, start, end - 1, openChar, last);
    if (open < 0 || open === start) break;
    const inner = text.slice(open + 1, end - 1);
    const kind = note(inner, open + 1, end - 1);
    // Square tags at the end are labels, not title words (the leftmost one is the venue slot when no
    // tag looks like a venue: `Title [Blog]`); parentheses only when they hold a venue or year.
    if (kind || last === ']') {
      if (!kind && inner.trim() !== '') untaggedVenue = { text: inner.trim(), span: spanOf(flat, open + 1, end - 1) };
      end = open;
      continue;
    }
    break;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, venue: venue ?? untaggedVenue, year };
}

function matchingOpen(flat: Flat, min: number, closeAt: number, openChar: string, closeChar: string): number {
  let depth = 0;
  for (let i = closeAt; i >= min; i--) {
    if (flat.literal.has(i)) continue;
    if (flat.text[i] === closeChar) depth++;
    else if (flat.text[i] === openChar && --depth === 0) return i;
  }
  return -1;
}

function unescapedIndex(flat: Flat, ch: string, from: number): number {
  for (let i = flat.text.indexOf(ch, from); i >= 0; i = flat.text.indexOf(ch, i + 1)) if (!flat.literal.has(i)) return i;
  return -1;
}

/** `1909.11446` (an arXiv id) was posted in 2019. */
function arxivYear(inner: string): number | null {
  const m = /^\s*(?:arXiv:)?(\d{2})(\d{2})\.\d{4,5}(v\d+)?\s*$/i.exec(inner);
  return m ? 2000 + Number(m[1]) : null;
}

export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
