/**
 * How `add` reads what it is about to write back (add.ts): a parse exactly as parseDocument's (the line
 * scanner for the parts it reads, remark for the rest), with remark loaded only when something the
 * scanner declines is read. A plain new item needs no remark, so the hot path's add (dist/hot-add.cjs)
 * runs without loading it.
 */
import type { ListDocument } from '../model/paper.js';
import type { ChunkCache } from '../read/parts.js';

/** A text's model, as parseDocument gives it. */
export type ReadBack = (text: string) => ListDocument;

class RemarkNeeded extends Error {}

/**
 * `attempt` with a ReadBack: first one that reads with the scanner alone and stops where remark is needed,
 * then (only if it stopped) again with remark. `attempt` must be pure: it may run twice. The parts read
 * go to `cache` (the run's, store/parse-budget.ts freshParts: the parse after the write takes them),
 * and the parts the first attempt read are not read again by the second (a table list's row check reads
 * the whole file). A cache given must keep models unchanged (no ChunkCache.forThisParseOnly).
 */
export async function withReadBack<T>(attempt: (readBack: ReadBack) => T, cache?: ChunkCache): Promise<T> {
  const { parsePartsWith, partCacheForCall } = await import('../read/parts.js');
  cache ??= partCacheForCall();
  const declined = () => {
    throw new RemarkNeeded();
  };
  try {
    return attempt((text) => parsePartsWith(text, declined, cache).doc);
  } catch (error) {
    if (!(error instanceof RemarkNeeded)) throw error;
  }
  const { remarkPartModel } = await import('../read/parse-remark.js');
  return attempt((text) => parsePartsWith(text, remarkPartModel, cache).doc);
}
