/**
 * The shape of a task item: its line with the fields a table has columns for replaced by placeholders,
 * `- [{x}] {title}[{venue}]: {links}`. Everything else on the line (bullet, spacing, brackets, colons,
 * tags no column holds) stays in the shape as written, so shape + fields give the line back exactly.
 *
 * A field that is empty drops out of a shape with what hugs it: `{title}[{venue}]: {links}` with no
 * venue writes `{title}: {links}`, with no links `{title}[{venue}]`.
 */

export type Field = 'tags' | 'title' | 'venue' | 'links';
export type Fields = Record<Field, string> & { x: string };

const PLACEHOLDER = /(\{(?:x|tags|title|venue|links)\})/;

/** Text that would read as a placeholder, so cannot stand in a shape as itself. */
export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

const PAIRS: [string, string][] = [
  ['[', ']'],
  ['(', ')'],
  ['**', '**'],
  ['__', '__'],
  ['~~', '~~'],
  ['*', '*'],
  ['_', '_'],
  ['`', '`'],
];

/** The line a shape and fields make. */
export function renderShape(shape: string, fields: Fields): string {
  const parts = shape.split(PLACEHOLDER);
  const value = (i: number) => fields[parts[i]!.slice(1, -1) as keyof Fields];
  const empty = (i: number) => parts[i] !== '{x}' && value(i) === '';
  for (let i = 1; i < parts.length; i += 2) {
    if (!empty(i)) continue;
    let before = parts[i - 1]!;
    let after = parts[i + 1]!;
    for (let again = true; again; ) {
      again = false;
      for (const [open, close] of PAIRS)
        if (before.endsWith(open) && after.startsWith(close)) {
          before = before.slice(0, -open.length);
          after = after.slice(close.length);
          again = true;
          break;
        }
    }
    if (/\s$/.test(before) && /^\s/.test(after)) after = after.replace(/^\s+/, '');
    else if (/\s$/.test(before) && /^[:;,]/.test(after)) before = before.replace(/\s+$/, '');
    parts[i - 1] = before;
    parts[i + 1] = after;
  }
  // Empty fields at the end take the separators before them along.
  let last = parts.length - 2;
  while (last > 0 && empty(last)) last -= 2;
  if (last < parts.length - 2) {
    const tail = parts
      .slice(last + 1)
      .filter((_, j) => j % 2 === 0)
      .join('');
    parts.splice(last + 1, parts.length, tail.replace(/[\s:;,·—–-]+$/, ''));
  }
  return parts.map((part, i) => (i % 2 === 1 ? value(i) : part)).join('');
}
