/**
 * The metadata of a paper already in the list, for `cite` and `refresh`: by the arXiv id, DOI or DBLP
 * record its links name, else by its exact title on DBLP.
 */
import { NotFoundError } from '../core/model/errors.js';
import { identityOf, normalizeTitle } from '../core/query/identity.js';
import { mergeHits } from '../core/meta/match.js';
import type { PaperMeta } from '../core/meta/work.js';
import { type Ref, refFromUrl } from '../core/meta/ref.js';
import { dblpSearch } from './dblp.js';
import { resolveRef } from './resolve.js';
import type { LookupContext } from './source.js';

/** What the paper's links say it is: an arXiv id, a DOI, a DBLP record; null when none does. */
function refOfListed(paper: { title: string; links: { label: string; url: string }[] }): Ref | null {
  const identity = identityOf(paper);
  if (identity.doi) return { kind: 'doi', doi: identity.doi, url: null };
  if (identity.arxiv) return { kind: 'arxiv', id: identity.arxiv, url: null };
  for (const link of paper.links) {
    if (!/dblp/i.test(link.url)) continue;
    try {
      const ref = refFromUrl(link.url);
      if (ref.kind === 'dblp') return ref;
    } catch {
      // not a record link
    }
  }
  return null;
}

export async function metaOfListed(
  paper: { title: string; links: { label: string; url: string }[] },
  ctx: LookupContext,
): Promise<{ meta: PaperMeta | null; warnings: string[] }> {
  const ref = refOfListed(paper);
  if (ref) {
    try {
      return await resolveRef(ref, ctx);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const wanted = normalizeTitle(paper.title);
  const hits = mergeHits((await dblpSearch(paper.title, ctx)).filter((hit) => normalizeTitle(hit.title) === wanted));
  return { meta: hits[0] ?? null, warnings: [] };
}
