/**
 * Markers as GitHub shows them: `:heavy_check_mark:` (a gemoji shortcode), `&check;` and `&#10004;`
 * (character references) are drawn as symbols, so they are read as those symbols. Only the names of
 * symbols that mean something to a reading list are known here (marker-names.ts, derived from GitHub's
 * gemoji list and the HTML entity list by a test); any other name reads as the text it is.
 */
import { ENTITIES, SHORTCODES } from './marker-names.js';
import { type Meaning, symbolMeaningOf } from './meanings.js';

/** A symbol found in raw text: where it is written, and what it is drawn as. */
export interface SymbolToken {
  start: number;
  end: number;
  symbol: string;
}

const SHORTCODE = /:([a-z0-9_+-]+):/y;
const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const BOX = /\[([ xX✓✔])\]/y;

/** The symbol written at `at` (a shortcode, a character reference, a `[x]` box, or a character) and its end. */
export function symbolAt(raw: string, at: number): SymbolToken | null {
  const ch = raw[at];
  if (ch === undefined) return null;
  if (ch === ':') {
    SHORTCODE.lastIndex = at;
    const m = SHORTCODE.exec(raw);
    const symbol = m && SHORTCODES[m[1]!];
    if (m && symbol) return { start: at, end: at + m[0].length, symbol };
  } else if (ch === '&') {
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(raw);
    const symbol = m && decodeReference(m[1]!);
    if (m && symbol) return { start: at, end: at + m[0].length, symbol };
  } else if (ch === '[') {
    BOX.lastIndex = at;
    const m = BOX.exec(raw);
    if (m) return { start: at, end: at + m[0].length, symbol: m[1] === ' ' ? '☐' : '☑' };
  }
  const point = raw.codePointAt(at)!;
  let end = at + (point > 0xffff ? 2 : 1);
  // An emoji's variation selector belongs to it.
  while (raw[end] === '\uFE0F' || raw[end] === '\uFE0E') end++;
  return { start: at, end, symbol: raw.slice(at, end) };
}

function decodeReference(name: string): string | null {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : null;
  }
  return ENTITIES[name] ?? null;
}

/** The first symbol in raw[from, to) that has a meaning, with its meaning. */
export function firstMeaningfulSymbol(
  raw: string,
  from = 0,
  to = raw.length,
): (SymbolToken & { meaning: Meaning }) | null {
  for (let at = from; at < to; ) {
    const token = symbolAt(raw, at);
    if (!token || token.end > to) return null;
    const meaning = symbolMeaningOf(token.symbol);
    if (meaning) return { ...token, meaning };
    at = token.end;
  }
  return null;
}
