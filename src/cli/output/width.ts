/**
 * Display width in terminal columns (CJK and emoji take two) and fitting text into a width. Most lists
 * are plain ASCII, where a character is a column, and most of the rest is a few kinds of characters
 * whose width is known here (knownWidth); string-width and its Unicode tables (~50 ms to load) are loaded
 * only when some text holds anything else (call prepareWidths first).
 */
// Printable ASCII, plus the ellipsis fit() adds and the `›` between a repository's file and the area
// (one column each, as string-width says): one column per UTF-16 unit.
const PRINTABLE_ASCII = /^[\x20-\x7e…›]*$/;
/** A code point that is an emoji by itself (what string-width counts as two columns, with or without U+FE0F after it). */
const EMOJI = /^\p{Emoji}$/u;
/** Digits, `#`, `*`, skin tones, regional indicators, hair and tag characters: emoji only as part of a sequence. */
const EMOJI_COMPONENT = /^\p{Emoji_Component}$/u;

let unicodeWidth: ((text: string) => number) | null = null;
let segmenter: Intl.Segmenter | null = null;

/**
 * The width string-width gives `text`, where every character of it is one this knows (-1 otherwise):
 * printable ASCII and Latin-1 (one column), dashes, quotes and dots of General Punctuation (one), CJK
 * ideographs, kana, Hangul syllables, CJK punctuation and fullwidth forms (two), and emoji standing alone,
 * or followed by U+FE0F (two). Each of those is a grapheme of its own unless something joins or modifies
 * it (ZWJ, a skin tone, a combining mark): none of those is known here, so such text is measured by
 * string-width. test/width.test.ts compares every code point with string-width.
 */
export function knownWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) width++;
    else if (code >= 0xa0 && code <= 0xff && code !== 0xad && code !== 0xa9 && code !== 0xae) width++;
    else if ((code >= 0x2010 && code <= 0x2027) || code === 0x2030 || code === 0x2032 || code === 0x2033) width++;
    else if (
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0x3041 && code <= 0x3096) ||
      (code >= 0x30a1 && code <= 0x30fa) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0x3001 && code <= 0x3003) ||
      (code >= 0x3008 && code <= 0x3011) ||
      (code >= 0xff01 && code <= 0xff60)
    )
      width += 2;
    else {
      const point = text.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      if (point < 0xa9 || !EMOJI.test(char) || EMOJI_COMPONENT.test(char)) return -1;
      width += 2;
      i += char.length - 1;
      if (text.charCodeAt(i + 1) === 0xfe0f) i++;
    }
  }
  return width;
}

/** Loads the Unicode width tables if any of these texts needs them. */
export async function prepareWidths(texts: Iterable<string>): Promise<void> {
  if (unicodeWidth) return;
  for (const text of texts) {
    if (!PRINTABLE_ASCII.test(text) && knownWidth(text) < 0) {
      unicodeWidth = (await import('./unicode-width.js')).stringWidth;
      return;
    }
  }
}

/** The width of printable ASCII text (its length); -1 for other text (see displayWidth). */
export function plainWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : -1;
}

export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const known = knownWidth(text);
  if (known >= 0) return known;
  if (!unicodeWidth) throw new Error('internal: prepareWidths() was not called for non-ASCII text');
  return unicodeWidth(text);
}

/** Cut to at most `width` columns, with `…` when something was cut. */
export function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return `${text.slice(0, width - 1)}…`;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Cut from the left to at most `width` columns, with `…` first: `…/DNN Compiler`. */
export function fitLeft(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const graphemes = [...segmenter.segment(text)].map(({ segment }) => segment);
  let out = '';
  let used = 0;
  for (let i = graphemes.length - 1; i >= 0; i--) {
    const w = displayWidth(graphemes[i]!);
    if (used + w > width - 1) break;
    out = graphemes[i]! + out;
    used += w;
  }
  // Start at a path separator when one is near: `…/DNN Compiler` rather than `…LSys/DNN Compiler`.
  const slash = out.indexOf('/');
  return `…${slash >= 0 && slash < out.length - 1 ? out.slice(slash) : out}`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
