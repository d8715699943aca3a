/** `papers mv <id> --area <A/B>`: move a paper (with its sub-notes) to the end of another area. */
import { movePaper } from '../../core/operations.js';
import { resolvePaper } from '../../core/query.js';
import type { GlobalOptions } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runMv(globals: GlobalOptions, id: string, options: MutationOptions & { area: string }): Promise<void> {
  await runMutation(globals, options, (doc) => movePaper(doc, resolvePaper(doc.papers, id), options.area));
}
