/** `papers stats [--by area|venue|year|month] [--json]` and `papers areas [--json]`: how far along, per group. */
import { UsageError } from '../../core/model/errors.js';
import type { Heading, ListDocument } from '../../core/model/paper.js';
import { isContentsHeading } from '../../core/query/areas.js';
import { formatAreaPath } from '../../core/query/query.js';
import { areaTree, countOf, groupPapers, percent, type StatsBy, type StatsGroup } from '../../core/query/stats.js';
import { outputWidth, printJson, stdoutColors } from '../context.js';
import type { CommandContext } from '../context.js';
import { renderBars } from '../output/bars.js';
import { perMonth } from '../../core/query/reading-log.js';
import { datedPapers } from './dated-papers.js';
import { loadAllLists } from '../workspace.js';

export interface StatsOptions {
  by?: string;
  json?: boolean;
}

const BY: StatsBy[] = ['area', 'venue', 'year'];

export async function runStats(ctx: CommandContext, options: StatsOptions): Promise<void> {
  if ((options.by ?? '').toLowerCase() === 'month') return byMonth(ctx, options.json === true);
  const by = (options.by ?? 'area').toLowerCase() as StatsBy;
  if (!BY.includes(by)) throw new UsageError(`--by takes area, venue, year or month, not "${options.by}"`);
  const { doc } = await loadAllLists(ctx);
  const groups = by === 'area' ? areaTree(areaHeadings(doc), doc.papers, false) : groupPapers(doc.papers, by);
  await show(ctx, by, groups, countOf(doc.papers), options.json === true);
}

export async function runAreas(ctx: CommandContext, options: { json?: boolean }): Promise<void> {
  const { doc } = await loadAllLists(ctx);
  await show(ctx, 'area', areaTree(areaHeadings(doc), doc.papers, true), countOf(doc.papers), options.json === true);
}

async function show(
  ctx: CommandContext,
  by: StatsBy,
  groups: StatsGroup[],
  total: { read: number; total: number },
  json: boolean,
): Promise<void> {
  if (json) {
    printJson(ctx, {
      by,
      groups: groups.map((group) => ({
        name: group.name,
        ...(by === 'area' ? { path: group.path, area: formatAreaPath(group.path), depth: group.depth } : {}),
        read: group.read,
        total: group.total,
        percent: percent(group),
      })),
      total: { read: total.read, total: total.total, percent: percent(total) },
    });
    return;
  }
  const color = await stdoutColors(ctx);
  const width = outputWidth(ctx);
  const rows = groups.map((group) => ({ name: group.name, depth: group.depth, read: group.read, total: group.total }));
  const text = await renderBars(
    rows,
    { name: 'Total', depth: 0, ...total },
    { color, width, unicode: ctx.stdout.isTTY === true },
  );
  ctx.stdout.write(`${text}\n`);
}

/** Papers read per month (by the dates papers log reads), newest first, with a bar against the busiest month. */
async function byMonth(ctx: CommandContext, json: boolean): Promise<void> {
  const { entries, undated } = await datedPapers(ctx);
  const months = perMonth(entries);
  if (json) {
    printJson(ctx, { by: 'month', groups: months.map(({ month, count }) => ({ name: month, read: count })), undated });
    return;
  }
  const color = await stdoutColors(ctx);
  const most = Math.max(1, ...months.map(({ count }) => count));
  const room = Math.max(10, Math.min(40, (outputWidth(ctx) ?? 80) - 16));
  const lines = months.map(
    ({ month, count }) =>
      `${month}  ${color.green('#'.repeat(Math.max(1, Math.round((count * room) / most))))} ${count}`,
  );
  lines.push(color.dim(`${entries.length} read with a date${undated ? `, ${undated} without` : ''}`));
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** The headings that are areas: a table of contents is none. */
function areaHeadings(doc: ListDocument): Heading[] {
  return doc.headings.filter((_, index) => !isContentsHeading(doc, index));
}
