/**
 * Progress rows for `stats` and `areas`: name, a bar whose filled part is read/total of its length, the
 * counts and a percentage. On a terminal the bar is coloured blocks and everything fits the width; to a
 * pipe it is plain ASCII (`#` read, `-` unread) of a fixed length and names are never cut.
 */
import { type Count, percent } from '../../core/query/stats.js';
import type { Palette } from './style.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fit, padEnd, padStart, prepareWidths } from './width.js';

export interface BarRow extends Count {
  name: string;
  /** Indent level (sub-areas). */
  depth: number;
}

const PIPE_BAR = 20;
const MIN_BAR = 6;
const MAX_BAR = 40;
const MIN_NAME = 8;
const GAP = '  ';

export interface BarStyle {
  color: Palette;
  /** Terminal (or $COLUMNS) width; null for a pipe: fixed bar, full names. */
  width: number | null;
  /** Unicode blocks (a terminal) or ASCII. */
  unicode: boolean;
}

/** How many of `length` cells are filled for this count: read/total of the bar, rounded to the nearest cell. */
function filledCells(count: Count, length: number): number {
  if (count.total === 0) return 0;
  const cells = Math.round((count.read / count.total) * length);
  // Some read shows at least one cell, and not all read never shows a full bar.
  if (count.read > 0 && cells === 0) return 1;
  if (count.read < count.total && cells === length) return length - 1;
  return cells;
}

export async function renderBars(rows: BarRow[], total: BarRow | null, style: BarStyle): Promise<string> {
  const all = total ? [...rows, total] : rows;
  const names = all.map((row) => '  '.repeat(row.depth) + sanitize(row.name));
  await prepareWidths(names);
  const counts = all.map((row) => `${row.read}/${row.total}`);
  const countWidth = Math.max(...counts.map((text) => text.length));
  const pctWidth = 4;
  let nameWidth = Math.max(...names.map(displayWidth));
  let barWidth = PIPE_BAR;
  if (style.width !== null) {
    const room = style.width - (GAP.length * 3 + countWidth + pctWidth);
    barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, room - nameWidth));
    if (room - barWidth < MIN_NAME) barWidth = Math.max(0, room - MIN_NAME);
    nameWidth = Math.max(0, Math.min(nameWidth, room - barWidth));
  }
  const { color } = style;
  const [full, empty] = style.unicode ? ['█', '░'] : ['#', '-'];
  const lines = all.map((row, i) => {
    const filled = filledCells(row, barWidth);
    const bar = barWidth === 0 ? '' : color.green(full.repeat(filled)) + color.dim(empty.repeat(barWidth - filled));
    const name = padEnd(fit(names[i]!, nameWidth), nameWidth);
    const cells = [name, bar, padStart(counts[i]!, countWidth), padStart(`${percent(row)}%`, pctWidth)];
    return cells
      .filter((cell) => cell !== '')
      .join(GAP)
      .trimEnd();
  });
  if (total && lines.length > 1) {
    const ruleWidth = nameWidth + (barWidth ? GAP.length + barWidth : 0) + GAP.length * 2 + countWidth + pctWidth;
    const rule = '─'.repeat(ruleWidth);
    lines.splice(lines.length - 1, 0, color.dim(style.unicode ? rule : rule.replace(/─/g, '-')));
  }
  return lines.join('\n');
}
