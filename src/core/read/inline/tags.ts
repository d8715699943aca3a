/**
 * Venue and year tags as lists write them beside a title: `[OSDI'20]`, `(ICML 2020)`, `2017.05 CVPR 2017`,
 * `(Wu et al., 2021)`, an arXiv id; readTag reads one, tagsIn finds the first in a comment.
 */
import type { Span } from '../../model/paper.js';
import { isKnownVenueName, type ParsedVenue, parseVenue, parseYearOnly, recogniseVenue } from '../venue.js';
import { type Flat, spanOf } from './flatten.js';

// (In the patterns below ， and ’ are escapes the pattern reads: the hot files are ASCII only, see
// scripts/ascii-regexps.mjs.)
const DATE = String.raw`(?:19|20)\d{2}[.\-/](?:1[0-2]|0?[1-9])(?:[.\-/]\d{1,2})?(?!\d)`;
/** `2017.05 CVPR 2017`, `2014.11,CVPR 2015`, `CVPR 2017, 2017.05`: a date (arXiv posting) beside the venue. */
/** Before a venue a bare year or a mistyped date counts too (`2012 *NeurIPS 2012*`, `20017.07 *ICCV 2017*`): the venue gives the year. */
const DATE_FIRST = new RegExp(
  String.raw`^(${DATE}|\d{4,5}(?:[.\-/]\d{1,2}){0,2})\s*[,\uff0c;]?\s+(.+)$|^(${DATE})\s*[,\uff0c;]?\s*(.+)$`,
);
/** `Wu et al., 2021`, `Vaswani and Shazeer 2017`: authors and a year, so the year. */
export const AUTHORS_YEAR = new RegExp(
  String.raw`^(?:[^()]*\bet\s+al\.?|\p{Lu}[\p{L}'\u2019\-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'\u2019\-]+)?),?\s+((?:19|20)\d{2})$`,
  'u',
);
/** What AUTHORS_YEAR needs (a year at the end), tested first: its Unicode classes compile on its first run. */
export const MAY_BE_AUTHORS_YEAR = (text: string): boolean => /(?:19|20)\d{2}$/.test(text);
const DATE_LAST = new RegExp(String.raw`^(.+?)\s*[,\uff0c;]?\s*(${DATE})$`);

export interface Tag {
  /** Where the venue is inside the tag's text. */
  venue: { text: string; start: number; end: number } | null;
  year: number | null;
}

/**
 * `text` as a tag's venue, with the year it holds (null for none), or null when a tag does not read it as
 * one: in parentheses, a known name only when it is not all capitals (see readTag). The name is parsed
 * once (the cold parse reads a tag per paper).
 */
function venueIn(text: string, paren: boolean): { year: number | null } | null {
  const parsed = parseVenue(text);
  if (parsed && plausible(text, parsed)) return parsed;
  return isKnownVenueName(text) && (!paren || /[a-z]/.test(text)) ? { year: parsed?.year ?? null } : null;
}

/**
 * What a bracketed or parenthesised tag says. Venue forms: a name with a year in any of the ways lists
 * write it (`OSDI'20`, `ICML 2020`, `ICLR2018`, `NeurIPS-21`, `MICCAI18`, `arXiv '23'`), a known name
 * without one (`arXiv`, `Nature`; in parentheses only a name that is not all capitals, since
 * `Title (CPO)` is an abbreviation), and either next to a date (`2017.05 CVPR 2017`). Year forms: `2015`,
 * `2015.02`, an arXiv id (`1909.11446`), and in parentheses authors with a year (`Wu et al., 2021`).
 * A tag's venue and year agree: the year is the venue's own when it has one.
 */
export function readTag(inner: string, paren: boolean): Tag | null {
  const whole = venueIn(inner, paren);
  if (whole) return { venue: { text: inner, start: 0, end: inner.length }, year: whole.year };
  const first = DATE_FIRST.exec(inner);
  const [date, rest] = first ? (first[1] !== undefined ? [first[1], first[2]!] : [first[3]!, first[4]!]) : ['', ''];
  // (A bare year or mistyped date only before a venue with its own year.)
  const afterDate = !first ? null : first[3] !== undefined ? venueIn(rest, paren) : plausibleVenue(rest);
  if (afterDate) {
    const start = inner.length - rest.length;
    return { venue: { text: rest, start, end: inner.length }, year: afterDate.year ?? parseYearOnly(date) };
  }
  const last = DATE_LAST.exec(inner);
  const beforeDate = last ? venueIn(last[1]!, paren) : null;
  if (last && beforeDate) {
    return {
      venue: { text: last[1]!, start: 0, end: last[1]!.length },
      year: beforeDate.year ?? parseYearOnly(last[2]!),
    };
  }
  const authors = paren && MAY_BE_AUTHORS_YEAR(inner) ? AUTHORS_YEAR.exec(inner) : null;
  const year = parseYearOnly(inner) ?? arxivYear(inner) ?? (authors ? Number(authors[1]) : null);
  return year === null ? null : { venue: null, year };
}

/** Bracketed tags already read in one parse, by their text: a long list repeats its venues (`[OSDI'20]`). */
export type TagMemo = Map<string, Tag | null>;

/** readTag of a bracketed tag (`[OSDI'20]`), read once per parse: the result is shared, never changed. */
export function readBracketTag(inner: string, memo: TagMemo | undefined): Tag | null {
  if (!memo) return readTag(inner, false);
  let tag = memo.get(inner);
  if (tag === undefined) memo.set(inner, (tag = readTag(inner, false)));
  return tag;
}

/**
 * The first venue (and the first year) in the bracketed or parenthesised groups of a comment, left to
 * right: `(_TIFS '23_) **(Traditional method, Analysis)**` after a linked title.
 */
export function tagsIn(
  flat: Flat,
  from: number,
  to: number,
): { venue: { text: string; span: Span } | null; year: number | null } {
  let venue: { text: string; span: Span } | null = null;
  let year: number | null = null;
  for (let i = from; i < to && !venue; i++) {
    const ch = flat.text[i];
    if ((ch !== '(' && ch !== '[') || flat.literal.has(i)) continue;
    const closeChar = ch === '(' ? ')' : ']';
    let depth = 0;
    let close = -1;
    for (let j = i; j < to; j++) {
      if (flat.literal.has(j)) continue;
      if (flat.text[j] === ch) depth++;
      else if (flat.text[j] === closeChar && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close < 0) break;
    const raw = flat.text.slice(i + 1, close);
    const lead = raw.length - raw.replace(/^[\s_*]+/, '').length;
    const inner = raw.slice(lead).replace(/[\s_*]+$/, '');
    const tag = readTag(inner, ch === '(');
    if (tag?.venue)
      venue = {
        text: tag.venue.text,
        span: spanOf(flat, i + 1 + lead + tag.venue.start, i + 1 + lead + tag.venue.end),
      };
    if (tag) year ??= tag.year;
    i = close;
  }
  return { venue, year };
}

/**
 * A name with a year that reads as a venue: every word of the name capitalised (`Neuro Computing 2020`,
 * `Medical Imaging 2016`), or a known venue (`Findings of EMNLP 2021`); not `Vaswani and Shazeer 2017`.
 */
function plausibleVenue(text: string): ParsedVenue | null {
  const parsed = parseVenue(text);
  return parsed && plausible(text, parsed) ? parsed : null;
}

function plausible(text: string, parsed: ParsedVenue): boolean {
  return (
    parsed.name.split(/\s+/).every((word) => /^[\p{Lu}\p{N}]/u.test(word)) || recogniseVenue(text)?.canonical != null
  );
}

/** A venue name the table does not know may still read as one when its first word is mostly capitals: `TVC`, `IET-IPR`. */
export function looksLikeAcronym(name: string): boolean {
  const word = name.split(/\s+/)[0]!;
  const letters = word.replace(/[^A-Za-z]/g, '');
  const capitals = letters.replace(/[^A-Z]/g, '').length;
  return capitals >= 2 && capitals * 2 >= letters.length;
}

/** `1909.11446` (an arXiv id) was posted in 2019. */
function arxivYear(inner: string): number | null {
  const m = /^\s*(?:arXiv:)?(\d{2})(\d{2})\.\d{4,5}(v\d+)?\s*$/i.exec(inner);
  return m ? 2000 + Number(m[1]) : null;
}
