/**
 * Semantic Scholar's graph API, a fallback: `$PAPERS_S2_API/paper/<id>?fields=...` with `arXiv:<id>`
 * or `DOI:<doi>` as the id, and `$PAPERS_S2_API/paper/search?query=...&fields=...` (answers
 * `{"data":[...]}`). A paper: `{title, authors[{name}], year, venue, externalIds{DOI,ArXiv,DBLP}, url}`.
 */
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/model.js';
import type { Ref } from '../core/meta/ref.js';
import { shortVenueName } from '../core/meta/venue-form.js';
import { normalizeDoi } from '../core/identity.js';
import { getParsed, parseJson } from './http.js';
import { baseFrom, type LookupContext, type MetaSource } from './source.js';

const FIELDS = 'title,authors,year,venue,externalIds,url,publicationTypes';
const S2_GAP_MS = 1000;

interface S2Paper {
  title?: string;
  authors?: { name?: string }[];
  year?: number | null;
  venue?: string | null;
  externalIds?: { DOI?: string; ArXiv?: string; DBLP?: string } | null;
  url?: string;
  publicationTypes?: string[] | null;
}

function parsePaper(body: string): S2Paper {
  const json = parseJson(body) as S2Paper;
  if (!json || typeof json !== 'object' || typeof json.title !== 'string') throw new Error('no "title" in the answer');
  return json;
}

function parseResults(body: string): S2Paper[] {
  const json = parseJson(body) as { data?: S2Paper[] };
  if (!json || typeof json !== 'object' || (json.data !== undefined && !Array.isArray(json.data))) throw new Error('no "data" in the answer');
  return json.data ?? [];
}

export function metaFromS2(paper: S2Paper, ref: Ref | null): PaperMeta | null {
  const title = cleanMetaText(paper.title ?? '');
  if (title === '') return null;
  const meta = emptyMeta('Semantic Scholar', title);
  meta.authors = (paper.authors ?? []).map((a) => cleanMetaText(a.name ?? '')).filter(Boolean);
  meta.year = typeof paper.year === 'number' ? paper.year : null;
  const ids = paper.externalIds ?? {};
  meta.doi = ids.DOI && !/^10\.48550\//i.test(ids.DOI) ? normalizeDoi(ids.DOI) : null;
  meta.arxiv = ref?.kind === 'arxiv' ? ref.id : (ids.ArXiv ?? null);
  meta.dblpKey = ids.DBLP ?? null;
  const venue = shortVenueName(paper.venue);
  meta.venue = venue && !/arxiv/i.test(venue) ? venue : null;
  meta.venueYear = meta.venue ? meta.year : null;
  meta.kind = paper.publicationTypes?.includes('Conference') ? 'inproceedings' : paper.publicationTypes?.includes('JournalArticle') ? 'article' : 'misc';
  meta.publishedUrl = meta.doi ? `https://doi.org/${meta.doi}` : null;
  meta.url =
    ref && ref.kind !== 'search' && ref.kind !== 'dblp' && ref.url ? ref.url : meta.arxiv && (ref?.kind === 'arxiv' || !meta.doi) ? `https://arxiv.org/abs/${meta.arxiv}` : (meta.publishedUrl ?? paper.url ?? null);
  return meta;
}

export const s2: MetaSource = {
  name: 'Semantic Scholar',
  base: () => baseFrom('PAPERS_S2_API', 'https://api.semanticscholar.org/graph/v1'),
  supports: (ref) => ref.kind === 'arxiv' || ref.kind === 'doi' || ref.kind === 'search',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    const id = ref.kind === 'arxiv' ? `arXiv:${ref.id.replace(/v\d+$/, '')}` : ref.kind === 'doi' ? `DOI:${ref.doi}` : null;
    if (id === null) return null;
    const url = `${this.base()}/paper/${encodeURIComponent(id).replace(/%2F/gi, '/').replace(/%3A/gi, ':')}?fields=${FIELDS}`;
    const paper = await getParsed(url, { accept: 'application/json', minIntervalMs: S2_GAP_MS, useCache: ctx.useCache }, parsePaper);
    return paper ? metaFromS2(paper, ref) : null;
  },
  async search(query: string, ctx: LookupContext): Promise<PaperMeta[]> {
    const url = `${this.base()}/paper/search?query=${encodeURIComponent(query)}&limit=10&fields=${FIELDS}`;
    const papers = await getParsed(url, { accept: 'application/json', minIntervalMs: S2_GAP_MS, useCache: ctx.useCache }, parseResults);
    return (papers ?? []).map((paper) => metaFromS2(paper, null)).filter((meta) => meta !== null);
  },
};
