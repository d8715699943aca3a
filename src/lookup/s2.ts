/**
 * Semantic Scholar's graph API, a fallback: `$PAPERS_S2_API/paper/<id>?fields=...` with `arXiv:<id>`
 * or `DOI:<doi>` as the id, and `$PAPERS_S2_API/paper/search?query=...&fields=...` (answers
 * `{"data":[...]}`). A paper: `{title, authors[{name}], year, venue, externalIds{DOI,ArXiv,DBLP}, url}`.
 */
import { cleanText, cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/work.js';
import { venueName } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { normalizeDoi } from '../core/query/identity.js';
import { getParsed, parseJson } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

const FIELDS = 'title,authors,year,venue,publicationVenue,journal,externalIds,url,publicationTypes';
const S2_GAP_MS = 1000;

interface S2Paper {
  title?: string;
  authors?: { name?: string }[];
  year?: number | null;
  venue?: string | null;
  publicationVenue?: { name?: string | null; type?: string | null; alternate_names?: string[] | null } | null;
  journal?: { name?: string | null } | null;
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
  if (!json || typeof json !== 'object' || (json.data !== undefined && !Array.isArray(json.data)))
    throw new Error('no "data" in the answer');
  return json.data ?? [];
}

/** Semantic Scholar's venue, through the venue-name rules: its alternate names give the acronym (`NeurIPS`), its full names the rest. */
function s2Venue(paper: S2Paper): string | null {
  const types = paper.publicationTypes ?? [];
  const place = paper.publicationVenue ?? null;
  const journal =
    place?.type === 'journal' ||
    (place?.type !== 'conference' && types.includes('JournalArticle') && !types.includes('Conference'));
  const alternates = (place?.alternate_names ?? []).filter(
    (name) => /^[A-Z][A-Za-z0-9&-]{1,11}$/.test(name) && /[A-Z].*[A-Z]/.test(name),
  );
  return venueName({
    kind: journal ? 'journal' : types.includes('Conference') || place?.type === 'conference' ? 'conference' : 'unknown',
    acronyms: journal ? [] : alternates,
    names: [place?.name, paper.venue, paper.journal?.name],
  });
}

/** DBLP keys end in the publication's two-digit year (`journals/natmi/BranCSBWS24`): better than Semantic Scholar's year, which is often the preprint's. */
function dblpKeyYear(key: string | undefined, year: number | null): number | null {
  const m = key && !/^journals\/corr\//.test(key) ? /(\d{2})[a-z]?$/.exec(key) : null;
  if (!m || year === null) return null;
  const candidate = 2000 + Number(m[1]) > year + 1 ? 1900 + Number(m[1]) : 2000 + Number(m[1]);
  return Math.abs(candidate - year) <= 1 ? candidate : null;
}

function metaFromS2(paper: S2Paper, ref: Ref | null): PaperMeta | null {
  const title = cleanTitle(paper.title ?? '');
  if (title === '') return null;
  const meta = emptyMeta('Semantic Scholar', title);
  meta.authors = (paper.authors ?? []).map((a) => cleanMetaText(a.name ?? '')).filter(Boolean);
  meta.year = typeof paper.year === 'number' ? paper.year : null;
  const ids = paper.externalIds ?? {};
  meta.doi = ids.DOI && !/^10\.48550\//i.test(ids.DOI) ? normalizeDoi(ids.DOI) : null;
  meta.arxiv = ref?.kind === 'arxiv' ? ref.id : (ids.ArXiv ?? null);
  meta.dblpKey = ids.DBLP && !/^journals\/corr\//.test(ids.DBLP) ? ids.DBLP : null;
  meta.venue = s2Venue(paper);
  meta.venueYear = meta.venue ? (dblpKeyYear(ids.DBLP, meta.year) ?? meta.year) : null;
  meta.containerTitle = meta.venue
    ? cleanText(paper.journal?.name || paper.publicationVenue?.name || paper.venue || '') || null
    : null;
  const types = paper.publicationTypes ?? [];
  meta.kind = !meta.venue
    ? 'misc'
    : types.includes('Conference')
      ? 'inproceedings'
      : types.includes('JournalArticle')
        ? 'article'
        : 'misc';
  meta.publishedUrl = meta.doi ? `https://doi.org/${meta.doi}` : null;
  meta.url =
    ref && ref.kind !== 'search' && ref.kind !== 'dblp' && ref.url
      ? ref.url
      : meta.arxiv && (ref?.kind === 'arxiv' || !meta.doi)
        ? `https://arxiv.org/abs/${meta.arxiv}`
        : (meta.publishedUrl ?? paper.url ?? null);
  return meta;
}

export const s2: MetaSource = {
  name: 'Semantic Scholar',
  base: (settings) => settings.s2Api,
  supports: (ref) => ref.kind === 'arxiv' || ref.kind === 'doi' || ref.kind === 'search',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    const id =
      ref.kind === 'arxiv' ? `arXiv:${ref.id.replace(/v\d+$/, '')}` : ref.kind === 'doi' ? `DOI:${ref.doi}` : null;
    if (id === null) return null;
    const url = `${this.base(ctx.settings)}/paper/${encodeURIComponent(id).replace(/%2F/gi, '/').replace(/%3A/gi, ':')}?fields=${FIELDS}`;
    const paper = await getParsed(ctx, url, { accept: 'application/json', minIntervalMs: S2_GAP_MS }, parsePaper);
    return paper ? metaFromS2(paper, ref) : null;
  },
  async search(query: string, ctx: LookupContext): Promise<PaperMeta[]> {
    const url = `${this.base(ctx.settings)}/paper/search?query=${encodeURIComponent(query)}&limit=10&fields=${FIELDS}`;
    const papers = await getParsed(ctx, url, { accept: 'application/json', minIntervalMs: S2_GAP_MS }, parseResults);
    return (papers ?? []).map((paper) => metaFromS2(paper, null)).filter((meta) => meta !== null);
  },
};
