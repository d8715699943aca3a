/**
 * Short, readable ids from titles: `Rammer: Enabling ...` -> `rammer`, `The Tensor Algebra Compiler`
 * -> `tensor-algebra-compiler`. An id depends only on its paper's own title and venue, plus which earlier
 * papers already took the shorter forms, so adding, removing or marking other papers rarely changes it.
 */
import { normalizeKey } from '../read/venue.js';
import { isAsciiText } from './text.js';

/** Words an id leaves out (store/verify.ts looks for ids in the text with them in between). */
export const STOP_WORDS = new Set(
  'a an the of for on in with and to via by at from towards toward into using is are its our your as or'.split(' '),
);
const MAX_WORD = 16;
const MAX_CJK_WORD = 6;

interface Titled {
  title: string;
  venue: string | null;
}

/** Hands out ids one paper at a time, in document order. */
export class IdAssigner {
  /** `taken`: the ids of the papers before the first one this assigner is given (shared, and added to). */
  constructor(private readonly taken = new Set<string>()) {}

  next(paper: Titled): string {
    // Most papers get the first form: the longer ones are worked out only when it is taken.
    const first = firstIdForm(paper.title);
    const id = this.taken.has(first) ? this.firstFree(candidates(paper)) : first;
    this.taken.add(id);
    return id;
  }

  private firstFree(options: string[]): string {
    return options.find((candidate) => !this.taken.has(candidate)) ?? numbered(options[0]!, this.taken);
  }
}

/** The id a paper with this title gets when no paper before it has taken it (the only form it tries then). */
export function firstIdForm(title: string): string {
  // (The cold parse makes one per paper: an ASCII title, the common case, in one pass over its characters.)
  return isAsciiText(title) ? asciiFirstIdForm(title) : firstIdFormByRules(title);
}

/** firstIdForm by the rules as written (baseWords), for any title. */
export function firstIdFormByRules(title: string): string {
  return join(baseWords(title));
}

/**
 * firstIdForm of an ASCII title, without the arrays and regular expressions of the general rules (which
 * it must equal: test/ids.test.ts compares them): the name before a colon or spaced dash when it has one
 * to three meaningful words, else the first three meaningful words of the title.
 */
export function asciiFirstIdForm(title: string): string {
  const nameEnd = asciiNameEnd(title);
  // (Four words at most: a name of more is not taken, whatever the fourth.)
  const fromName = nameEnd < 0 ? null : meaningfulAsciiWords(title, nameEnd, 4);
  const words =
    fromName !== null && fromName.length >= 1 && fromName.length <= 3
      ? fromName
      : meaningfulAsciiWords(title, title.length, 3);
  // = join(words): ASCII words have no `-` to trim, and only a single word can be all digits.
  if (words.length === 0) return 'paper';
  const id = words.join('-');
  return words.length === 1 && isAllDigits(id) ? `p${id}` : id;
}

function isAllDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x30 || text.charCodeAt(i) > 0x39) return false;
  return true;
}

/** Where nameBeforeColon's name ends in an ASCII title (the separator's leading spaces left out), or -1. */
function asciiNameEnd(title: string): number {
  // The first position p >= 1 where spaces (maybe none) lead to `:` or to a space, `-` and a space.
  for (let p = 1; p < title.length && p <= 40; ) {
    let run = p;
    while (run < title.length && isAsciiSpace(title.charCodeAt(run))) run++;
    const at = title.charCodeAt(run);
    if (at === 0x3a || (run > p && at === 0x2d && isAsciiSpace(title.charCodeAt(run + 1)))) {
      for (let i = 0; i < p; i++) if (title.charCodeAt(i) === 0x0a || title.charCodeAt(i) === 0x0d) return -1;
      return p;
    }
    p = run === p ? p + 1 : run;
  }
  return -1;
}

/** \s in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * meaningful(slugWords(title.slice(0, end))).slice(0, limit) for ASCII text: its runs of letters and digits,
 * lower-cased and cut to MAX_WORD, without stop words unless every word is one.
 */
function meaningfulAsciiWords(title: string, end: number, limit: number): string[] {
  const kept: string[] = [];
  const stops: string[] = [];
  let stopsOnly = true;
  for (let i = 0; i < end; ) {
    while (i < end && !isAsciiWordChar(title.charCodeAt(i))) i++;
    const start = i;
    while (i < end && isAsciiWordChar(title.charCodeAt(i))) i++;
    if (i === start) break;
    const word = title.slice(start, Math.min(i, start + MAX_WORD)).toLowerCase();
    if (STOP_WORDS.has(word)) {
      if (stopsOnly) stops.push(word);
    } else {
      stopsOnly = false;
      if (kept.length === limit) break;
      kept.push(word);
    }
  }
  return stopsOnly ? stops.slice(0, limit) : kept;
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

function numbered(base: string, taken: Set<string>): string {
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The id forms a paper may take, shortest first: name or first words, then with the venue, then more words. */
function candidates(paper: Titled): string[] {
  const words = slugWords(paper.title);
  const base = baseWords(paper.title);
  const venue = paper.venue ? normalizeKey(paper.venue) : '';
  const list = [join(base)];
  if (venue) list.push(join([...base, venue]));
  list.push(join(meaningful(words).slice(0, 6)));
  if (venue) list.push(join([...meaningful(words).slice(0, 6), venue]));
  return list;
}

/** The words of the shortest form: the name before a colon, else the first three meaningful words. */
function baseWords(title: string): string[] {
  return shortPrefix(title) ?? meaningful(slugWords(title)).slice(0, 3);
}

/** `Rammer: Enabling ...` -> `Rammer`: the name before a colon or a spaced dash (at most 40 characters). */
export function nameBeforeColon(title: string): string | null {
  // = /^(.{1,40}?)\s*(?::|：|\s[-–—]\s)/ (the shortest name): the separator found by an unanchored search
  // from the second character, which is the regex's lazy match without its backtracking (the cold parse
  // calls this once per paper).
  SEPARATOR.lastIndex = 1;
  const found = SEPARATOR.exec(title);
  if (!found || found.index > 40) return null;
  const name = title.slice(0, found.index);
  return /[\n\r\u2028\u2029]/.test(name) ? null : name;
}
const SEPARATOR = /\s*(?::|：|\s[-–—]\s)/g;

/** `Rammer: Enabling ...` -> [`rammer`]: the name before a colon or dash, when it is one to three words. */
function shortPrefix(title: string): string[] | null {
  const name = nameBeforeColon(title);
  if (name === null) return null;
  const words = meaningful(slugWords(name));
  return words.length >= 1 && words.length <= 3 ? words : null;
}

function meaningful(words: string[]): string[] {
  const kept = words.filter((word) => !STOP_WORDS.has(word));
  return kept.length ? kept : words;
}

function slugWords(text: string): string[] {
  // ASCII needs no normalizing, and its letters and digits are all Latin words: the same words, sooner.
  if (isAsciiText(text))
    return text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word !== '')
      .map((word) => word.slice(0, MAX_WORD));
  // A word: letters and digits, each with the marks written on it (a mark alone is no word).
  return (idLetters(text).match(/(?:[\p{L}\p{N}]\p{M}*)+/gu) ?? []).map((word) =>
    /^[\p{Script=Latin}\p{N}]+$/u.test(word) ? word.slice(0, MAX_WORD) : firstLetters(word),
  );
}

/**
 * Text as ids spell it: lower case, accents of the Latin (and Greek, Cyrillic) alphabets dropped (`é` ->
 * `e`), every other mark kept with its letter and composed again (NFC), so that a word is the word as
 * typed: `ブ` stays `ブ` (not `フ` and a mark between two words), `नमस्ते` stays one word, and a Korean
 * syllable is one character, as a Korean keyboard types it (NFKD alone left the jamo apart). Emoji
 * variation selectors and enclosing marks (`❤️`, the keycap of `1️⃣`) go: they draw a symbol, they are
 * not part of a word. store/verify.ts reads the text before a paper the same way.
 */
export function idLetters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\p{Me}]/gu, '')
    .toLowerCase();
}

/** The first MAX_CJK_WORD characters of a word of a script without spaces, and the marks of the last. */
function firstLetters(word: string): string {
  const chars = [...word];
  let end = Math.min(chars.length, MAX_CJK_WORD);
  while (end < chars.length && /^\p{M}$/u.test(chars[end]!)) end++;
  return chars.slice(0, end).join('');
}

function join(words: string[]): string {
  const id = words.join('-').replace(/-+$/, '');
  if (id === '') return 'paper';
  // A bare number would read as a paper's list number.
  return /^\d+$/.test(id) ? `p${id}` : id;
}
