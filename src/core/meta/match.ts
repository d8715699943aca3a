/** Choosing among search hits for `--lookup "<title words>"`: pure rules, so they are the same everywhere. */
import { normalizeTitle } from '../query/identity.js';
import type { PaperMeta } from './work.js';

/**
 * One entry per paper: hits with the same normalised title are merged, the published one first, with
 * the preprint's arXiv id kept.
 */
export function mergeHits(hits: PaperMeta[]): PaperMeta[] {
  const byTitle = new Map<string, PaperMeta[]>();
  for (const hit of hits) {
    const key = normalizeTitle(hit.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), hit]);
  }
  return [...byTitle.values()].map((group) => {
    const published = group.find((hit) => hit.venue !== null) ?? group[0]!;
    const arxiv = group.find((hit) => hit.arxiv)?.arxiv ?? null;
    return { ...published, arxiv: published.arxiv ?? arxiv };
  });
}

/** The hit that clearly is the paper: the only one, or the only one whose title is the query's words. */
export function clearBest(query: string, candidates: PaperMeta[]): PaperMeta | null {
  if (candidates.length === 1) return candidates[0]!;
  const wanted = normalizeTitle(query);
  const exact = candidates.filter((hit) => normalizeTitle(hit.title) === wanted);
  return exact.length === 1 ? exact[0]! : null;
}

/** `Title (OSDI 2022, Zhu et al.)` for a menu or a message. */
export function describeHit(hit: PaperMeta): string {
  const where = [hit.venue ?? (hit.arxiv ? 'arXiv' : null), hit.venueYear ?? hit.year]
    .filter((part) => part !== null)
    .join(' ');
  const who = hit.authors.length ? `${hit.authors[0]}${hit.authors.length > 1 ? ' et al.' : ''}` : '';
  const details = [where, who].filter(Boolean).join(', ');
  return details ? `${hit.title} (${details})` : hit.title;
}
