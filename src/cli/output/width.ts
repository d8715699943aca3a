/**
 * Display width in terminal columns (CJK and emoji take two) and fitting text into a width. Most lists
 * are plain ASCII, where a character is a column; string-width and its Unicode tables are loaded only
 * when some text is not (call prepareWidths first).
 */
// Printable ASCII, plus the ellipsis fit() adds and the `›` between a repository's file and the area
// (one column each, as string-width says): one column per UTF-16 unit.
const PRINTABLE_ASCII = /^[\x20-\x7e…›]*$/;

let unicodeWidth: ((text: string) => number) | null = null;
let segmenter: Intl.Segmenter | null = null;

/** Loads the Unicode width tables if any of these texts needs them. */
export async function prepareWidths(texts: Iterable<string>): Promise<void> {
  if (unicodeWidth) return;
  for (const text of texts) {
    if (!PRINTABLE_ASCII.test(text)) {
      unicodeWidth = (await import('string-width')).default;
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
