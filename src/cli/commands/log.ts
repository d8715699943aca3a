/**
 * `papers log [--since <day>] [--json] [--calendar]`: what was read when, from the dates in the lists
 * (core/read/dates.ts): newest first by month, as JSON, or as a calendar of the last year's days.
 */
import { calendarOf, type LogEntry, perMonth } from '../../core/query/reading-log.js';
import { formatPaperArea } from '../../core/query/workspace.js';
import { type CommandContext, outputWidth, printJson, stdoutColors } from '../context.js';
import { paperJson } from '../output/json.js';
import { sanitize } from '../output/sanitize.js';
import type { Palette } from '../output/style.js';
import { today } from '../today.js';
import { datedPapers, type Listed } from './dated-papers.js';

export interface LogOptions {
  since?: string;
  json?: boolean;
  calendar?: boolean;
}

export async function runLog(ctx: CommandContext, options: LogOptions): Promise<void> {
  const { entries, undated } = await datedPapers(ctx, options.since);
  if (options.json) {
    printJson(
      ctx,
      entries.map(({ date, paper }) => ({ readOn: date, ...paperJson(paper) })),
    );
    return;
  }
  const color = await stdoutColors(ctx);
  if (options.calendar) {
    ctx.stdout.write(renderCalendar(entries, color, outputWidth(ctx), options.since));
    return;
  }
  {
    const lines: string[] = [];
    for (const { month, count } of perMonth(entries)) {
      if (lines.length) lines.push('');
      lines.push(`${color.cyan(month)} ${color.dim(`(${count})`)}`);
      for (const { date, paper } of entries.filter((entry) => entry.date.startsWith(month))) {
        const venue = paper.venue ? `  ${color.yellow(sanitize(paper.venue))}` : '';
        const area = paper.area.length ? color.dim(`  ${sanitize(formatPaperArea(paper))}`) : '';
        lines.push(`  ${date.padEnd(10)}  ${sanitize(paper.id)}  ${sanitize(paper.title)}${venue}${area}`);
      }
    }
    if (lines.length) ctx.stdout.write(`${lines.join('\n')}\n`);
  }
  const since = options.since === undefined ? '' : ` since ${options.since}`;
  const none = undated ? `; ${undated} read paper${undated === 1 ? ' has' : 's have'} no date` : '';
  const hint =
    entries.length === 0 && undated === 0
      ? ' (done --date, or "doneDates": true in .papers.json, writes the day a paper is read)'
      : '';
  ctx.stdout.write(
    `${color.dim(`${entries.length} paper${entries.length === 1 ? '' : 's'} read with a date${since}${none}${hint}`)}\n`,
  );
}

/** Glyphs by papers read on a day: none, 1, 2, 3, 4 or more (the shape says it without colour). */
const LEVELS = ['·', '░', '▒', '▓', '█'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/** The last year (as many weeks as fit the width) of days, GitHub-contribution style. */
function renderCalendar(
  entries: readonly LogEntry<Listed>[],
  color: Palette,
  width: number | null,
  since: string | undefined,
): string {
  const weeks = Math.max(4, Math.min(53, Math.floor(((width ?? 110) - 4) / 2)));
  // It ends today; with --since, it starts at that day's week (and ends when the weeks that fit run out).
  let end = today();
  if (since !== undefined) {
    const from = Date.UTC(Number(since.slice(0, 4)), Number(since.slice(5, 7)) - 1, Number(since.slice(8, 10) || 1));
    const last = new Date(from + (weeks * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
    if (last < end) end = last;
  }
  const calendar = calendarOf(entries, end, weeks);
  let header = '    ';
  for (const { week, month } of calendar.monthStarts) {
    const at = 4 + week * 2;
    if (at < header.length) continue;
    header = header.padEnd(at) + MONTHS[Number(month.slice(5)) - 1]!;
  }
  const lines = [color.dim(header.trimEnd())];
  calendar.counts.forEach((row, d) => {
    const cells = row.map((count) =>
      count === null ? ' ' : count === 0 ? color.dim(LEVELS[0]!) : color.green(LEVELS[Math.min(count, 4)]!),
    );
    lines.push(`${color.dim(DAYS[d]!.padEnd(4))}${cells.join(' ')}`.trimEnd());
  });
  const shown = entries.filter(
    (entry) => entry.date.length === 10 && entry.date >= calendar.weeks[0]! && entry.date <= end,
  );
  const days = new Set(shown.map((entry) => entry.date)).size;
  const monthOnly = entries.filter((entry) => entry.date.length === 7).length;
  lines.push('');
  lines.push(
    color.dim(
      `less ${LEVELS.join(' ')} more · ${shown.length} paper${shown.length === 1 ? '' : 's'} on ${days} day${days === 1 ? '' : 's'} in ${weeks} weeks` +
        (monthOnly ? `; ${monthOnly} dated by month only (papers log lists them)` : ''),
    ),
  );
  return `${lines.join('\n')}\n`;
}
