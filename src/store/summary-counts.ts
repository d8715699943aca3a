/**
 * Every write also brings the file's summary counts (badges, `Total: 83 · Read: 69`) up to date, in
 * the same write. A change that knows how the counts move (done, undone, add, rm) needs no parse;
 * otherwise the result is parsed to count, loading the parser only for files that carry counts. The
 * move is added to the totals of the model planned on: a transaction never writes counts from a cached
 * model (transaction.ts `trusted` plans such a list again on a fresh parse).
 */
import { findCounts, withCounts } from '../core/read/counts.js';
import type { ListDocument } from '../core/model/paper.js';
import type { Change } from '../core/write/change.js';

export function withSummaryCounts(
  plan: (doc: ListDocument) => Change | Promise<Change>,
): (doc: ListDocument) => Promise<Change> {
  return async (doc) => {
    const change = await plan(doc);
    if (change.edits.length === 0 || findCounts(doc.text).length === 0) return change;
    if (change.delta) return withCounts(doc, change, () => []);
    const { parseDocument } = await import('../core/read/parse.js');
    return withCounts(doc, change, (text) => parseDocument(text).papers);
  };
}
