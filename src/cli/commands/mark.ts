/** `papers done <id...>` and `papers undone <id...>`: only the checkbox character changes. */
import type { ReadState } from '../../core/read/formats/meanings.js';
import { combine } from '../../core/write/change.js';
import { setState } from '../../core/write/operations.js';
import { resolvePaper } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runMark(
  ctx: CommandContext,
  ids: string[],
  options: MutationOptions,
  state: ReadState,
): Promise<void> {
  await runMutation(ctx, options, (doc) => {
    const papers = [...new Set(ids.map((id) => resolvePaper(doc.papers, id)))];
    return combine(papers.map((paper) => setState(doc, paper, state)));
  });
}
