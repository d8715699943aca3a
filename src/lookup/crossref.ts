/**
 * Crossref's REST API: `$PAPERS_CROSSREF_API/works/<doi>` answers `{"status":"ok","message":{...}}` with
 * `title[]`, `author[{given,family,name}]`, `container-title[]`, `short-container-title[]`,
 * `event{acronym}`, `issued{date-parts}`, `type`, `URL`. An unknown DOI is a 404.
 */
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/model.js';
import type { Ref } from '../core/meta/ref.js';
import { normalizeDoi } from '../core/identity.js';
import { getParsed, parseJson } from './http.js';
import { baseFrom, type LookupContext, type MetaSource } from './source.js';

interface CrossrefWork {
  DOI?: string;
  title?: string[];
  author?: { given?: string; family?: string; name?: string }[];
  'container-title'?: string[];
  'short-container-title'?: string[];
  event?: { acronym?: string; name?: string };
  issued?: { 'date-parts'?: (number | null)[][] };
  'published-print'?: { 'date-parts'?: (number | null)[][] };
  'published-online'?: { 'date-parts'?: (number | null)[][] };
  type?: string;
  URL?: string;
}

export function parseCrossref(body: string): CrossrefWork {
  const json = parseJson(body) as { status?: string; message?: CrossrefWork };
  if (!json || typeof json !== 'object' || !json.message || typeof json.message !== 'object') throw new Error('no "message" in the answer');
  return json.message;
}

function yearOf(work: CrossrefWork): number | null {
  for (const date of [work['published-print'], work.issued, work['published-online']]) {
    const year = date?.['date-parts']?.[0]?.[0];
    if (typeof year === 'number' && year > 1000) return year;
  }
  return null;
}

/** `SIGMETRICS '19` -> `SIGMETRICS`; a short container title when there is no event. */
function shortVenue(work: CrossrefWork): string | null {
  const acronym = work.event?.acronym?.replace(/\s*['’]?\s*\d{2,4}$/, '').trim();
  if (acronym) return acronym;
  const short = work['short-container-title']?.[0]?.trim();
  return short && short.length <= 24 ? short : null;
}

export function metaFromWork(work: CrossrefWork, ref: Ref & { kind: 'doi' }): PaperMeta | null {
  const title = cleanMetaText(work.title?.[0] ?? '');
  if (title === '') return null;
  const meta = emptyMeta('Crossref', title);
  meta.authors = (work.author ?? []).map((a) => cleanMetaText(a.name ?? [a.given, a.family].filter(Boolean).join(' '))).filter(Boolean);
  meta.year = yearOf(work);
  meta.doi = normalizeDoi(work.DOI ?? ref.doi);
  meta.publishedUrl = `https://doi.org/${meta.doi}`;
  meta.url = ref.url ?? meta.publishedUrl;
  meta.containerTitle = cleanMetaText(work['container-title']?.[0] ?? '') || null;
  const type = work.type ?? '';
  meta.kind = type === 'proceedings-article' ? 'inproceedings' : type === 'journal-article' ? 'article' : 'misc';
  if (type !== 'posted-content') {
    meta.venue = shortVenue(work);
    meta.venueYear = meta.venue ? meta.year : null;
  }
  return meta;
}

export function doiPath(doi: string): string {
  return encodeURIComponent(doi).replace(/%2F/gi, '/');
}

export const crossref: MetaSource = {
  name: 'Crossref',
  base: () => baseFrom('PAPERS_CROSSREF_API', 'https://api.crossref.org'),
  supports: (ref) => ref.kind === 'doi',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    if (ref.kind !== 'doi') return null;
    const work = await getParsed(`${this.base()}/works/${doiPath(ref.doi)}`, { accept: 'application/json', useCache: ctx.useCache }, parseCrossref);
    return work ? metaFromWork(work, ref) : null;
  },
};
