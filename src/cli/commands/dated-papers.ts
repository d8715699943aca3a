/**
 * The read papers of the lists with the day each was read (core/read/dates.ts): what `papers log` shows,
 * and `stats --by month` counts (on the hot path: log.ts's calendar and its rendering stay out of it).
 */
import type { PaperFacts } from '../../core/model/paper.js';
import { UsageError } from '../../core/model/errors.js';
import { type LogEntry, readingLog } from '../../core/query/reading-log.js';
import type { CommandContext } from '../context.js';
import { loadAllFacts } from '../workspace.js';

export type Listed = PaperFacts & { fileIndex?: number; file?: string };

/** The read papers with a date (since `since`), newest first, and how many read papers have none. */
export async function datedPapers(
  ctx: CommandContext,
  since?: string,
): Promise<{ entries: LogEntry<Listed>[]; undated: number }> {
  if (since !== undefined && !/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(since))
    throw new UsageError(`--since takes a day or a month, like 2026-11-01 or 2026-11; not "${since}"`);
  const { papers, files } = await loadAllFacts(ctx);
  // (On demand: the hot path has the dates as a file of their own, hot-dates.cjs.)
  const { readOnOf } = await import('../../core/read/dates.js');
  const textOf = (paper: Listed) => files[paper.fileIndex ?? 0]!.stored.text;
  return readingLog(papers as Listed[], (paper) => readOnOf(textOf(paper), paper), since);
}
