/**
 * The end of a plain link destination, as the line scanner (scan.ts) and its tables (scan-table.ts) read
 * them: what is not plain here is left to remark.
 */

/** A character reference (`&amp;`, `&#40;`): remark decodes it, the scanner does not. */
export const CHARACTER_REFERENCE = /&[#A-Za-z0-9]+;/;

/**
 * The `)` that ends a destination starting at `from` (balanced parentheses inside); null when there is
 * none before `to` or the destination is one the scanner does not read (spaces, a title, `<…>`, quotes,
 * escapes, controls, character references). In a table cell a `|` ends the cell and an empty destination
 * is left to remark too.
 */
export function destinationEnd(src: string, from: number, to: number, inCell = false): number | null {
  let depth = 0;
  for (let j = from; j < to; j++) {
    const ch = src[j]!;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return (inCell && j === from) || CHARACTER_REFERENCE.test(src.slice(from, j)) ? null : j;
      depth--;
    } else if (endsPlainDestination(ch) || (inCell && ch === '|')) return null;
  }
  return null;
}

/** Inside a destination, what would make it something other than a plain URL: spaces (a title), `<…>`, quotes, escapes, controls. */
function endsPlainDestination(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code <= 0x20 || ch === '<' || ch === '>' || ch === '"' || ch === "'" || ch === '\\';
  return /\s/.test(ch);
}
