/**
 * Escaping user text (titles, venues, labels) so that reading the line back gives the same text, and
 * nothing in it turns into markup: links, emphasis, HTML, autolinks, or a venue tag.
 */
import { parseVenue } from '../read/venue.js';

// Characters that start inline markup anywhere in a line.
const ALWAYS = /[\\`*_[\]<>~&|]/g;

export function escapeInline(text: string): string {
  let out = text.replace(ALWAYS, (ch) => `\\${ch}`);
  // GFM autolinks: `https://x`, `www.x`, `a@b.c` would become links.
  out = out
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(?<![A-Za-z0-9])www\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/@/g, '\\@');
  // A title read back loses a trailing `(...)` group that looks like a venue, and separators at its ends.
  out = out.replace(/\)$/, '\\)').replace(/\($/, '\\(');
  // ASCII punctuation takes a backslash; other separators (`–`, `：`) a character reference, which reads as literal too.
  const literal = (ch: string) => (/[!-/:-@[-`{-~]/.test(ch) ? `\\${ch}` : `&#${ch.codePointAt(0)};`);
  out = out.replace(/^[:：,，;；|\-–—>)\]]/, literal);
  out = out.replace(/[:：,，;；\-–—]$/, literal);
  out = keepFromTitleRules(out, literal);
  // A `#` or a list marker at the very start cannot start a block here (the checkbox comes first).
  return out;
}

/**
 * The reader takes some words off a title (src/core/read/inline/title.ts): quotes around it, a to-do marker, an
 * author with an initial (`by L. Weng`, `Bittig T. et al.`), a venue or year after its last comma or dash
 * (`Foo, 2023`). It leaves escaped characters alone, so one character of each such place is escaped.
 */
function keepFromTitleRules(text: string, literal: (ch: string) => string): string {
  let out = text.replace(/^["“„«「]/, literal);
  out = out.replace(
    /^((?:TODO|TBD|WIP|FIXME)\b)([\s:：\-–—])/,
    (_, word: string, ch: string) => word + (ch === ' ' ? '&#32;' : literal(ch)),
  );
  // The space before a site after a bar (`Foo | GitHub` reads as a copied page title).
  out = out.replace(/\s+(\\?[|｜]\s*[\p{L}. &]+)$/u, '&#32;$1');
  // An initial's dot (`L. Weng`), and a space in a closing `(... et al)`.
  out = out.replace(/(^|[\s(])(\p{Lu})\./gu, '$1$2\\.');
  out = out.replace(/(\([^()]*\bet)\s+(al\b[^()]*\\\)$)/, '$1&#32;$2');
  // The last comma, semicolon or spaced dash (as the reader finds it), when a year or a venue follows it.
  for (let i = out.length - 1; i > 0; i--) {
    const ch = out[i]!;
    const separator =
      /[,，；–—]/.test(ch) ||
      (ch === ';' && !/&#?[A-Za-z0-9]+$/.test(out.slice(0, i))) ||
      (ch === '-' && out[i - 1] === ' ' && out[i + 1] === ' ');
    if (!separator) continue;
    const piece = out
      .slice(i + 1)
      .trim()
      .replace(/\\(.)/g, '$1');
    // Escaped when an odd number of backslashes comes before it (`\\,` is an escaped backslash, then a comma).
    const escaped = /\\*$/.exec(out.slice(0, i))![0].length % 2 === 1;
    if (!escaped && (/^(?:19|20)\d{2}$/.test(piece) || parseVenue(piece)))
      out = out.slice(0, i) + literal(ch) + out.slice(i + 1);
    break;
  }
  return out;
}

/** A heading's text: inline escaping, and a `#` at the end that would close the heading (`## C #`) kept. */
export function escapeHeading(text: string): string {
  return escapeInline(text).replace(/#$/, '\\#');
}

/**
 * A URL for `[label](url)` that reads back as exactly this URL: `<`, `>`, spaces and backticks
 * percent-encoded (the same address; a backtick would close a code span a backtick before it opened,
 * escaped or not), backslashes and `&name;` sequences escaped (CommonMark would decode them), and
 * its parentheses escaped when they are unbalanced. (Not `<url>`: its `>` closes raw HTML that text
 * before it opens, `<!Title` for one, and the link is then read as part of the title.)
 */
export function formatDestination(url: string): string {
  const safe = destinationValue(url)
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  let depth = 0;
  let balanced = true;
  for (const ch of safe) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) balanced = false;
  }
  return balanced && depth === 0 ? safe : safe.replace(/[()]/g, '\\$&');
}

/** The URL that formatDestination's text reads back as: `<`, `>`, spaces and backticks percent-encoded. */
export function destinationValue(url: string): string {
  return url.replace(/[<> `]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A link's label: escaped as inline text, and a leading `^` too (`[^1]` is a footnote where the file defines one). */
export function escapeLabel(text: string): string {
  return escapeInline(text).replace(/^\^/, '\\^');
}
