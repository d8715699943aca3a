/**
 * Escaping user text (titles, venues, labels) so that reading the line back gives the same text, and
 * nothing in it turns into markup: links, emphasis, HTML, autolinks, or a venue tag.
 */

// Characters that start inline markup anywhere in a line.
const ALWAYS = /[\\`*_[\]<>~&|]/g;

export function escapeInline(text: string): string {
  let out = text.replace(ALWAYS, (ch) => `\\${ch}`);
  // GFM autolinks: `https://x`, `www.x`, `a@b.c` would become links.
  out = out.replace(/:(?=\/\/)/g, '\\:').replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`).replace(/@/g, '\\@');
  // A title read back loses a trailing `(...)` group that looks like a venue, and separators at its ends.
  out = out.replace(/\)$/, '\\)').replace(/\($/, '\\(');
  // ASCII punctuation takes a backslash; other separators (`–`, `：`) a character reference, which reads as literal too.
  const literal = (ch: string) => (/[!-/:-@[-`{-~]/.test(ch) ? `\\${ch}` : `&#${ch.codePointAt(0)};`);
  out = out.replace(/^[:：,，;；|\-–—>)\]]/, literal);
  out = out.replace(/[:：,，;；\-–—]$/, literal);
  // A `#` or a list marker at the very start cannot start a block here (the checkbox comes first).
  return out;
}

/** A heading's text: inline escaping, and a `#` at the end that would close the heading (`## C #`) kept. */
export function escapeHeading(text: string): string {
  return escapeInline(text).replace(/#$/, '\\#');
}

/** A URL for `[label](url)`: angle brackets when parentheses are unbalanced or it holds spaces. */
export function formatDestination(url: string): string {
  let depth = 0;
  let balanced = true;
  for (const ch of url) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) balanced = false;
  }
  if (depth !== 0) balanced = false;
  return balanced && !/[\s<>]/.test(url) ? url : `<${url.replace(/>/g, '%3E')}>`;
}
