/**
 * `papers done|undone|reading [id...]`: only the checkbox character (or a row's status marker) changes,
 * and the day read when dates are on. Without ids: a pick on the terminal, `-` for ids on stdin, or --all
 * with filters (targets.ts).
 */
import type { ReadState } from '../../core/read/formats/meanings.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { combine } from '../../core/write/change.js';
import { setState } from '../../core/write/operations.js';
import { UsageError } from '../../core/model/errors.js';
import { resolvePaper } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
import { today } from '../today.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { type TargetHow, type TargetOptions, targetsOf, withPaperChoice } from '../targets.js';

/** What each state's command offers without ids: the papers it would change. */
const HOW: Record<ReadState, TargetHow> = {
  read: { command: 'done', verb: 'Mark read', multiple: true, offers: (paper: PaperFacts) => !paper.read },
  unread: {
    command: 'undone',
    verb: 'Mark unread',
    multiple: true,
    offers: (paper: PaperFacts) => paper.read || paper.reading,
  },
  reading: {
    command: 'reading',
    verb: 'Mark as being read',
    multiple: true,
    offers: (paper: PaperFacts) => !paper.reading,
  },
};

export interface MarkOptions extends MutationOptions {
  /** `done --date [day]`: write the day it was read (today when no day is given); `undone --date`: take it out. */
  date?: string | boolean;
}

export async function runMark(
  ctx: CommandContext,
  ids: string[],
  options: MarkOptions & TargetOptions,
  state: ReadState,
): Promise<void> {
  // Dates are opt-in: `.papers.json` "doneDates", or --date on this run.
  const dates = state !== 'reading' && (ctx.config.file?.doneDates === true || (options.date ?? false) !== false);
  const day = dates && state === 'read' ? dayOf(options.date) : null;
  // Loaded only when dates are on: the hot path's bundle stays small for the plain done.
  const withDoneDate = dates ? (await import('../../core/write/dates.js')).withDoneDate : null;
  const targets = await targetsOf(ctx, ids, options, HOW[state]);
  await withPaperChoice(ctx, targets, (chosen) =>
    runMutation(ctx, options, (doc) => {
      const papers = [...new Set(chosen.map((target) => resolvePaper(doc.papers, target)))];
      return combine(
        papers.map((paper) => {
          const change = setState(doc, paper, state);
          return withDoneDate ? withDoneDate(doc, paper, change, day) : change;
        }),
      );
    }),
  );
}

/** The day given to --date (checked), else today on this machine's calendar. */
function dayOf(given: string | boolean | undefined): string {
  if (typeof given === 'string') {
    if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(given))
      throw new UsageError(`--date takes a day like 2026-11-28, not "${given}"`);
    return given;
  }
  return today();
}
