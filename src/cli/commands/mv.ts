/** `papers mv [id...] --area <A/B>`: move papers (with their sub-notes) to the end of another area; no ids: a pick. */
import { checkMoveReadsBack, checkPapersKept, refuseMove, renderMovedItem } from '../../core/write/add.js';
import type { ListDocument, Paper } from '../../core/model/paper.js';
import { parseDocument } from '../../core/read/parse.js';
import type { Change } from '../../core/write/change.js';
import { movePaper } from '../../core/write/operations.js';
import { TOP_AREA } from '../../core/query/areas.js';
import { UsageError } from '../../core/model/errors.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { withAreaChoice } from '../area-choice.js';
import { targetsOf, withPaperChoice } from '../targets.js';
import { inSequence, parserFor } from './sequence.js';

export interface MvOptions extends MutationOptions {
  area?: string;
  top?: boolean;
  create?: boolean;
}

export async function runMv(ctx: CommandContext, ids: string[], options: MvOptions): Promise<void> {
  const target = areaOption(options);
  // --area is where the papers go, not a filter: a pick offers every paper.
  const targets = await targetsOf(ctx, ids, {}, { command: 'mv', verb: `Move to ${target}`, multiple: true });
  await withPaperChoice(ctx, targets, async (chosen) => {
    const parse = await parserFor(chosen, ctx.config.formats);
    await withAreaChoice(ctx, target, options.create === true, (area, create) =>
      runMutation(ctx, options, (doc) =>
        inSequence(doc, chosen, parse, (current, paper) => moveOne(current, paper, area, create, ctx.listLabel)),
      ),
    );
  });
}

/** `--area X` or `--top` (the top of the file, `--area /`). */
export function areaOption(options: { area?: string; top?: boolean }): string {
  if (options.top && options.area !== undefined) throw new UsageError('give --area or --top, not both');
  if (options.top) return TOP_AREA;
  if (options.area === undefined)
    throw new UsageError('mv needs --area <A/B> (or --top); e.g. papers mv alpa --area "MLSys/Distributed Training"');
  return options.area;
}

/** In a file with tables a paper may change form on the way (row <-> task item): written carefully and read back. */
export function moveOne(
  doc: ListDocument,
  paper: Paper,
  area: string,
  create: boolean,
  /** The list's file in a repository of several lists, for the message (CommandContext.listLabel). */
  file?: string,
): Change {
  if (!doc.papers.some((other) => other.source === 'row')) {
    const change = movePaper(doc, paper, area, create, undefined, file);
    checkPapersKept(doc, change.edits, { gained: paper, lost: paper }, parseDocument, () => refuseMove(paper.title));
    return change;
  }
  const change = movePaper(doc, paper, area, create, (...args) => renderMovedItem(...args, parseDocument), file);
  checkMoveReadsBack(doc, change, paper, parseDocument);
  checkPapersKept(doc, change.edits, { gained: paper, lost: paper }, parseDocument, () => refuseMove(paper.title));
  return change;
}
