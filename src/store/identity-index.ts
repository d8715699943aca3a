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
 * one for its duplicate checks: every paper's key hashes, worked out from the entry's columns (titles
 * and URLs; no paper's offsets decoded, which reading every paper cost), kept with the entry too, so that
 * the entry the write stores next copies them (splice-entry.ts) and keeps the index from then on.
 */
export function indexCachedModel(models: ListModels, doc: ListDocument): void {
  if (doc.identityCandidates) return;
  const entry = models.entryOfModel.get(doc);
  if (!entry || entry.facts.indexed) return;
  const { facts } = entry;
  const keys: number[][] = [];
  const papersByHash = new Map<number, number[]>();
  for (let i = 0; i < facts.paperCount; i++) {
    const hashes = paperKeyHashes({ title: facts.title(i), links: facts.links(i) });
    keys.push(hashes);
    for (const hash of hashes) {
      const papers = papersByHash.get(hash);
      if (papers) papers.push(i);
      else papersByHash.set(hash, [i]);
    }
  }
  entry.identityKeys = keys;
  // (not enumerable, as the cache's own index: see cache.ts modelOf)
  Object.defineProperty(doc, 'identityCandidates', {
    value: (wanted: readonly string[]) =>
      [...new Set(wanted.flatMap((key) => papersByHash.get(identityHash(key)) ?? []))].sort((a, b) => a - b),
  });
}
