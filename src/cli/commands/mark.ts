/** `papers done <id...>` and `papers undone <id...>`: only the checkbox character changes. */
import type { Change } from '../../core/operations.js';
import { setRead } from '../../core/operations.js';
import { resolvePaper } from '../../core/query.js';
import type { GlobalOptions } from '../main.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runMark(globals: GlobalOptions, ids: string[], options: MutationOptions, read: boolean): Promise<void> {
  await runMutation(globals, options, (doc) => {
    const papers = [...new Set(ids.map((id) => resolvePaper(doc.papers, id)))];
    return combine(papers.map((paper) => setRead(doc, paper, read)));
  });
}

/** Several changes to different items, as one. */
export function combine(changes: Change[]): Change {
  return {
    edits: changes.flatMap((change) => change.edits),
    message: changes.map((change) => change.message).join('\n'),
    createdAreas: changes.flatMap((change) => change.createdAreas),
    touched: changes.flatMap((change) => change.touched),
    removed: changes.flatMap((change) => change.removed),
    ...(changes.every((change) => change.delta || change.edits.length === 0)
      ? { delta: changes.reduce((sum, change) => ({ total: sum.total + (change.delta?.total ?? 0), read: sum.read + (change.delta?.read ?? 0) }), { total: 0, read: 0 }) }
      : {}),
  };
}
