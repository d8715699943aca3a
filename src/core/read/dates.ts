/**
 * When a paper was read, as the list says it (pure):
 *  - on its own line: `✅ 2026-11-28` (Obsidian Tasks' done date; its `⏳`/`📅` dates are other dates),
 *    or `(read 2026-11-28)`;
 *  - in a date column of its table (`Date`, `Read on`, `Finished`, `完成日期` ...);
 *  - else by the heading it sits under, in a reading log: `## 2023-05`, `### May 2023`, `## 2023年5月`.
 * A date is `YYYY-MM-DD`, or `YYYY-MM` when the list says only the month. Only a read paper has one.
 */
import type { PaperFacts } from '../model/paper.js';
import { lineEnd, lineStart } from '../model/text.js';
import { headerCells, headerName } from './formats/columns.js';

/** `✅ 2026-11-28` (the check may carry VS16), as Obsidian Tasks writes it; the last on the line counts. */
export const TASKS_DATE = / ✅\uFE0F? (\d{4}-\d{2}-\d{2})(?![\d-])/gu;
/** `(read 2026-11-28)`, `(read on 2026-11-28)`. */
export const READ_DATE = / \(read (?:on )?(\d{4}-\d{2}-\d{2})\)/giu;

/** Header names (as headerName gives them) of a table's read-date column. */
const DATE_COLUMNS = new Set([
  'date',
  'read on',
  'date read',
  'read date',
  'finished',
  'finished on',
  'completed',
  'completed on',
  'done on',
  'read at',
  '日期',
  '完成日期',
  '阅读日期',
  '读完日期',
  '阅读时间',
  '完成时间',
  '날짜',
  '읽은 날짜',
  '日付',
  '読了日',
]);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as the list writes it (`2024-05-01`, `2024/5/1`, `2024.05`, `May 2023`, `2023年5月`), or null. */
export function parseListDate(text: string): string | null {
  const bare = text
    .replace(/[*_`]/g, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .trim();
  const pad = (n: string) => n.padStart(2, '0');
  const valid = (y: string, m: string, d?: string) => {
    const month = Number(m);
    const day = d === undefined ? 1 : Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
  };
  let m = /^((?:19|20)\d{2})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/.exec(bare);
  if (m) return valid(m[1]!, m[2]!, m[3]);
  m = /^((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(bare);
  if (m) return valid(m[1]!, m[2]!, m[3]);
  m = /^([A-Za-z]{3,9})\.?,? ((?:19|20)\d{2})$/.exec(bare) ?? /^((?:19|20)\d{2}),? ([A-Za-z]{3,9})$/.exec(bare);
  if (m) {
    const [word, year] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const month = MONTHS.findIndex((name) => word.toLowerCase().startsWith(name));
    if (month >= 0 && (word.length === 3 || fullMonthName(word))) return `${year}-${pad(String(month + 1))}`;
  }
  return null;
}

function fullMonthName(word: string): boolean {
  return /^(january|february|march|april|may|june|july|august|september|sept|october|november|december)$/i.test(word);
}

/** The date in a paper's own line (`✅ …`, `(read …)`), and its style; null when the line has none. */
export function dateOnLine(line: string): { date: string; style: 'tasks' | 'read' } | null {
  let found: { date: string; style: 'tasks' | 'read'; at: number } | null = null;
  for (const [pattern, style] of [
    [TASKS_DATE, 'tasks'],
    [READ_DATE, 'read'],
  ] as const) {
    for (const match of line.matchAll(pattern))
      if (found === null || match.index > found.at) found = { date: match[1]!, style, at: match.index };
  }
  return found && { date: found.date, style: found.style };
}

/** Is this header cell the table's read-date column? */
export function isDateColumn(headerCell: string): boolean {
  return DATE_COLUMNS.has(headerName(headerCell));
}

/**
 * The header cells of the table a row (at `offset`) belongs to: the line above its delimiter row,
 * found by walking up the table's lines; null when the row is not in a table.
 */
function tableHeaderAbove(text: string, offset: number): string[] | null {
  let start = lineStart(text, offset);
  for (let guard = 0; start > 0 && guard < 100_000; guard++) {
    const above = lineStart(text, start - 1);
    const line = text.slice(above, start).replace(/\r?\n$|\r$/, '');
    if (
      /^[ \t>]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*(?:\|[ \t]*)?$/.test(line) &&
      line.includes('-')
    ) {
      if (above === 0) return null;
      const headStart = lineStart(text, above - 1);
      return headerCells(
        text
          .slice(headStart, above)
          .replace(/\r?\n$|\r$/, '')
          .replace(/^[ \t>]*/, ''),
      );
    }
    if (!line.includes('|')) return null;
    start = above;
  }
  return null;
}

/** The date in a row's date column (its header names one), or null. */
function dateInRow(text: string, paper: Pick<PaperFacts, 'checkbox'>): string | null {
  const header = tableHeaderAbove(text, paper.checkbox.start);
  if (!header) return null;
  const column = header.findIndex(isDateColumn);
  if (column < 0) return null;
  const from = lineStart(text, paper.checkbox.start);
  const cells = headerCells(text.slice(from, lineEnd(text, paper.checkbox.start)).replace(/^[ \t>]*/, ''));
  return parseListDate(cells[column] ?? '');
}

/** The date of the innermost heading of an area that is a date (a reading log's `## 2023-05`), or null. */
function dateOfArea(area: readonly string[]): string | null {
  for (let i = area.length - 1; i >= 0; i--) {
    const date = parseListDate(area[i]!);
    if (date) return date;
  }
  return null;
}

/** When a read paper was read, as its list says (see the file's comment); null for one not read or undated. */
export function readOnOf(text: string, paper: PaperFacts, area: readonly string[] = paper.area): string | null {
  if (!paper.read) return null;
  const at = paper.checkbox.start;
  if (paper.source === 'row') {
    const inRow = dateInRow(text, paper);
    if (inRow) return inRow;
  } else {
    const onLine = dateOnLine(text.slice(lineStart(text, at), lineEnd(text, at)));
    if (onLine) return onLine.date;
  }
  return dateOfArea(area);
}
