/**
 * What was read when: the read papers with a date (read/dates.ts), newest first, by month, and as a
 * calendar of days (weeks across, Monday to Sunday down, as GitHub draws contributions). Pure: the
 * caller says which day is today.
 */
import type { PaperFacts } from '../model/paper.js';

export interface LogEntry<T> {
  /** `YYYY-MM-DD`, or `YYYY-MM` when the list says only the month. */
  date: string;
  paper: T;
}

/** The latest day a date can mean: a month means up to its end. */
function lastDayOf(date: string): string {
  return date.length === 7 ? `${date}-31` : date;
}

/**
 * The read papers with a date on or after `since` (a day or a month), newest first (file order within a
 * day), and how many read papers have no date.
 */
export function readingLog<T extends PaperFacts>(
  papers: readonly T[],
  dateOf: (paper: T) => string | null,
  since?: string,
): { entries: LogEntry<T>[]; undated: number } {
  const from = since === undefined ? '' : since.length === 7 ? `${since}-01` : since;
  const entries: LogEntry<T>[] = [];
  let undated = 0;
  for (const paper of papers) {
    if (!paper.read) continue;
    const date = dateOf(paper);
    if (date === null) undated++;
    else if (lastDayOf(date) >= from) entries.push({ date, paper });
  }
  // Stable: papers of one day keep their file order.
  entries.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
  return { entries, undated };
}

/** Papers read per month, newest first. */
export function perMonth(entries: readonly LogEntry<unknown>[]): { month: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { date } of entries) counts.set(date.slice(0, 7), (counts.get(date.slice(0, 7)) ?? 0) + 1);
  return [...counts].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([month, count]) => ({ month, count }));
}

const DAY_MS = 86_400_000;

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function msOf(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

export interface Calendar {
  /** The Monday of each week shown, oldest first. */
  weeks: string[];
  /** counts[row][week]: papers read that day (row 0 is Monday); null for days after `today`. */
  counts: (number | null)[][];
  /** The month a week's column starts, where it changes (for the labels above). */
  monthStarts: { week: number; month: string }[];
}

/** The last `weeks` weeks up to `today` (a day): papers read each day. Month-only dates have no day. */
export function calendarOf(entries: readonly LogEntry<unknown>[], today: string, weeks = 53): Calendar {
  const perDay = new Map<string, number>();
  for (const { date } of entries) if (date.length === 10) perDay.set(date, (perDay.get(date) ?? 0) + 1);
  const end = msOf(today);
  const weekday = (new Date(end).getUTCDay() + 6) % 7; // Monday 0
  const firstMonday = end - weekday * DAY_MS - (weeks - 1) * 7 * DAY_MS;
  const calendar: Calendar = { weeks: [], counts: Array.from({ length: 7 }, () => []), monthStarts: [] };
  for (let w = 0; w < weeks; w++) {
    const monday = firstMonday + w * 7 * DAY_MS;
    calendar.weeks.push(toDay(monday));
    const month = toDay(monday).slice(0, 7);
    if (w === 0 || calendar.weeks[w - 1]!.slice(0, 7) !== month) calendar.monthStarts.push({ week: w, month });
    for (let d = 0; d < 7; d++) {
      const ms = monday + d * DAY_MS;
      calendar.counts[d]!.push(ms > end ? null : (perDay.get(toDay(ms)) ?? 0));
    }
  }
  return calendar;
}
