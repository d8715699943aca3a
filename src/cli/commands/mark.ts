/**
 * `papers done|undone|reading [id...]`: only the checkbox character (or a row's status marker) changes.
 * Without ids: a pick on the terminal, `-` for ids on stdin, or --all with filters (targets.ts).
 */
import type { ReadState } from '../../core/read/formats/meanings.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { combine } from '../../core/write/change.js';
import { setState } from '../../core/write/operations.js';
import { resolvePaper } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
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

export async function runMark(
  ctx: CommandContext,
  ids: string[],
  options: MutationOptions & TargetOptions,
  state: ReadState,
): Promise<void> {
  const targets = await targetsOf(ctx, ids, options, HOW[state]);
  await withPaperChoice(ctx, targets, (chosen) =>
    runMutation(ctx, options, (doc) => {
      const papers = [...new Set(chosen.map((target) => resolvePaper(doc.papers, target)))];
      return combine(papers.map((paper) => setState(doc, paper, state)));
    }),
  );
}
