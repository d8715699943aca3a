/** `papers mv <id> --area <A/B>`: move a paper (with its sub-notes) to the end of another area. */
import { checkMoveReadsBack, renderNewItem } from '../../core/add.js';
import { movePaper } from '../../core/operations.js';
import { resolvePaper } from '../../core/query.js';
import type { GlobalOptions } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runMv(globals: GlobalOptions, id: string, options: MutationOptions & { area: string }): Promise<void> {
  await runMutation(globals, options, (doc) => {
    const paper = resolvePaper(doc.papers, id);
    const rows = doc.papers.some((p) => p.source === 'row');
    if (!rows) return movePaper(doc, paper, options.area);
    // A file with tables: a paper may change form on the way, so it is written carefully and read back.
    const change = movePaper(doc, paper, options.area, renderNewItem);
    checkMoveReadsBack(doc, change, paper);
    return change;
  });
}
