/**
 * The parsed model of a stored list: from the cache when this text was seen before, else parsed. The
 * parser (and remark under it) is loaded only on a miss, so a warm start reads one JSON file.
 */
import type { ListDocument } from '../core/model.js';
import { ModelCache } from './cache.js';
import type { StoredText } from './read.js';
import { writeTarget } from './write.js';

export async function loadModel(stored: StoredText): Promise<ListDocument> {
  const cache = ModelCache.open();
  const realPath = cache ? writeTarget(stored.path) : stored.path;
  const known = cache?.exact(stored.fingerprint, stored.text);
  if (known && agreesWithText(known)) return known;
  const { parseDocumentParts } = await import('../core/parse.js');
  if (!cache) return parseDocumentParts(stored.text).doc;
  let { doc, parts } = parseDocumentParts(stored.text, { cache: cache.previousParts(realPath) });
  if (!agreesWithText(doc)) {
    // A stale or tampered entry: never trust it over the text.
    ({ doc, parts } = parseDocumentParts(stored.text));
  }
  cache.store(stored.fingerprint, realPath, doc, parts);
  return doc;
}

/** A cheap check that a model belongs to this text: every checkbox is where the model says. */
function agreesWithText(doc: ListDocument): boolean {
  return doc.papers.every((paper) => {
    const mark = doc.text[paper.checkbox.start];
    return (paper.read ? mark === 'x' || mark === 'X' : mark === ' ') && doc.text[paper.checkbox.start - 1] === '[';
  });
}
