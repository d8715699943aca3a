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

/**
 * A URL for `[label](url)` that reads back as exactly this URL: `<`, `>` and spaces percent-encoded
 * (the same address), backslashes and `&name;` sequences escaped (CommonMark would decode them), and
 * angle brackets around it when its parentheses are unbalanced.
 */
export function formatDestination(url: string): string {
  const safe = url
    .replace(/[<> ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  let depth = 0;
  let balanced = true;
  for (const ch of safe) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) balanced = false;
  }
  return balanced && depth === 0 ? safe : `<${safe}>`;
}
