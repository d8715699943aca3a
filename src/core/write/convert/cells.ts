/**
 * Table cells as text: splitting a row line into its cells and back, and the one escape a cell needs
 * (a `|` in a cell is written `\|`). Both directions are exact inverses on the text convert writes.
 */

/** The cells of a GFM table row line, as written (untrimmed), and whether it has outer pipes. */
export interface SplitRow {
  /** Text before the first cell: indentation and the leading pipe, if any. */
  lead: string;
  /** Each cell's text between its pipes, spaces included. */
  cells: string[];
  /** The trailing pipe, if any (`|` or ``). */
  trail: string;
}

/** Split a row line at its unescaped pipes (`\|` and `\\` are escapes, as the GFM table reads them). */
export function splitRow(line: string): SplitRow {
  const lead = /^[ \t]*\|?/.exec(line)![0];
  const cells: string[] = [];
  let cell = '';
  for (let i = lead.length; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && (line[i + 1] === '|' || line[i + 1] === '\\')) {
      cell += ch + line[i + 1]!;
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  // After the last pipe: nothing (a trailing pipe) or the last cell (no trailing pipe).
  if (cell.trim() === '' && cells.length > 0) return { lead, cells, trail: '|' };
  cells.push(cell);
  return { lead, cells, trail: '' };
}

/** Markdown for inside a cell: every `|` escaped. Refused (null) where that would not read back: `\|`. */
export function toCell(markdown: string): string | null {
  if (/\\\|/.test(markdown)) return null;
  return markdown.replace(/\|/g, '\\|');
}

/** The markdown a cell holds: its `\|` unescaped. */
export function fromCell(cell: string): string {
  return cell.replace(/\\\|/g, '|');
}

/** How a table writes its rows: outer pipes, the spaces around a cell's text, and an empty cell. */
export interface RowStyle {
  lead: '|' | '';
  trail: '|' | '';
  pad: ' ' | '';
  empty: string;
}

export function renderRow(style: RowStyle, cells: string[]): string {
  const last = cells.length - 1;
  const cell = (c: string, i: number) =>
    c === ''
      ? style.empty
      : (i === 0 && style.lead === '' ? '' : style.pad) + c + (i === last && style.trail === '' ? '' : style.pad);
  return style.lead + cells.map(cell).join('|') + style.trail;
}

const STYLES: RowStyle[] = [];
for (const lead of ['|', ''] as const)
  for (const trail of ['|', ''] as const)
    for (const pad of [' ', ''] as const)
      for (const empty of [pad + pad, pad, '', ' ', '  '])
        if (!STYLES.some((s) => s.lead === lead && s.trail === trail && s.pad === pad && s.empty === empty))
          STYLES.push({ lead, trail, pad, empty });

/** The style that writes the most row lines exactly from their trimmed cells (the first, of as many). */
export function rowStyleOf(lines: string[]): RowStyle {
  const rows = lines.map((line) => splitRow(line).cells.map((c) => c.trim()));
  let best = STYLES[0]!;
  let most = -1;
  for (const style of STYLES) {
    const fits = lines.filter((line, i) => renderRow(style, rows[i]!) === line).length;
    if (fits > most) [best, most] = [style, fits];
  }
  return best;
}

/**
 * A row line with each cell's text taken out (`|  {}   | {} |`): the spaces and pipes of a row padded
 * by hand, which a style cannot say. `fill` puts cells back.
 */
export function skeletonOf(line: string): string {
  const { lead, cells, trail } = splitRow(line);
  const pieces = cells.map((cell) => {
    const text = cell.trim();
    if (text === '') return `${cell}{}`;
    const before = cell.slice(0, cell.indexOf(text));
    return `${before}{}${cell.slice(before.length + text.length)}`;
  });
  return lead + pieces.join('|') + trail;
}

/** A skeleton with cells in it, or null when it has room for another number of cells. */
export function fill(skeleton: string, cells: string[]): string | null {
  const parts = skeleton.split('{}');
  if (parts.length !== cells.length + 1) return null;
  return parts.map((part, i) => part + (cells[i] ?? '')).join('');
}
