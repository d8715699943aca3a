/**
 * The identity keys add's duplicate check looks up (core/query/identity.ts identityKeys), as the cache
 * keeps them: each paper's keys hashed (cache/layout.ts identityHash), in the entry's identity index.
 */
import type { ListDocument } from '../core/model/paper.js';
import { identityKeys } from '../core/query/identity.js';
import { identityHash } from './cache/layout.js';
import type { ListModels } from './stored-model.js';

/** A paper's identity key hashes, as the identity index keeps them (each key once). */
export function paperKeyHashes(paper: { title: string; links: readonly { url: string }[] }): number[] {
  return [...new Set(identityKeys(paper))].map(identityHash);
}

/**
 * A cached model whose entry keeps no identity index (a list read from scratch, EolBit.Unindexed) given
 * one for its duplicate checks, worked out as they read it: each paper's key hashes from the entry's
 * columns (titles and URLs; no paper's offsets decoded, which reading every paper cost), paper by paper
 * in the list's order, so that a duplicate near the top is found as soon as a full read would find it.
 * Once every paper's are worked out (a check that found none: the add goes on to its write) they are
 * kept with the entry, and the entry the write stores copies them (splice-entry.ts): the index is kept
 * from then on.
 */
export function indexCachedModel(models: ListModels, doc: ListDocument): void {
  if (doc.identityCandidates) return;
  const entry = models.entryOfModel.get(doc);
  if (!entry || entry.facts.indexed) return;
  const { facts } = entry;
  const keys: number[][] = [];
  const papersByHash = new Map<number, number[]>();
  function* candidates(wanted: readonly string[]): Generator<number> {
    const hashes = new Set(wanted.map(identityHash));
    // The papers worked out already (all before the next one), then the rest as they are worked out.
    const known = new Set<number>();
    for (const hash of hashes) for (const i of papersByHash.get(hash) ?? []) known.add(i);
    yield* [...known].sort((a, b) => a - b);
    while (keys.length < facts.paperCount) {
      const i = keys.length;
      const own = paperKeyHashes({ title: facts.title(i), links: facts.links(i) });
      keys.push(own);
      for (const hash of own) {
        const papers = papersByHash.get(hash);
        if (papers) papers.push(i);
        else papersByHash.set(hash, [i]);
      }
      if (keys.length === facts.paperCount) entry!.identityKeys = keys;
      if (own.some((hash) => hashes.has(hash))) yield i;
    }
  }
  if (facts.paperCount === 0) entry.identityKeys = keys;
  // (not enumerable, as the cache's own index: see cache.ts modelOf)
  Object.defineProperty(doc, 'identityCandidates', { value: candidates });
}
