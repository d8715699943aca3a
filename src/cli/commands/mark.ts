/** `papers done <id...>`, `undone` and `reading`: only the checkbox (or status marker) changes, and the day read when dates are on. */
import type { ReadState } from '../../core/read/formats/meanings.js';
import { combine } from '../../core/write/change.js';
import { setState } from '../../core/write/operations.js';
import { DAY, withDoneDate } from '../../core/write/dates.js';
import { UsageError } from '../../core/model/errors.js';
import { resolvePaper } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
import { today } from '../today.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export interface MarkOptions extends MutationOptions {
  /** `done --date [day]`: write the day it was read (today when no day is given); `undone --date`: take it out. */
  date?: string | boolean;
}

export async function runMark(
  ctx: CommandContext,
  ids: string[],
  options: MarkOptions,
  state: ReadState,
): Promise<void> {
  // Dates are opt-in: `.papers.json` "doneDates", or --date on this run.
  const dates = state !== 'reading' && (ctx.config.file?.doneDates === true || (options.date ?? false) !== false);
  const day = dates && state === 'read' ? dayOf(options.date) : null;
  await runMutation(ctx, options, (doc) => {
    const papers = [...new Set(ids.map((id) => resolvePaper(doc.papers, id)))];
    return combine(
      papers.map((paper) => {
        const change = setState(doc, paper, state);
        return dates ? withDoneDate(doc, paper, change, day) : change;
      }),
    );
  });
}

/** The day given to --date (checked), else today on this machine's calendar. */
function dayOf(given: string | boolean | undefined): string {
  if (typeof given === 'string') {
    if (!DAY.test(given)) throw new UsageError(`--date takes a day like 2026-11-28, not "${given}"`);
    return given;
  }
  return today();
}
