/**
 * DBLP: `$PAPERS_DBLP_API/search/publ/api?q=<words>&format=json&h=<n>` answers
 * `{"result":{"hits":{"hit":[{"info":{title, authors:{author}, venue, year, type, key, doi, ee}}]}}}`
 * (a lone author or hit may come as an object, not an array; titles end with a full stop), and
 * `$PAPERS_DBLP_API/rec/<key>.bib` answers the record as BibTeX. arXiv preprints are DBLP's venue "CoRR".
 */
import { bibFields, bibText } from '../core/meta/bibtex.js';
import { cleanText, cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/work.js';
import { venueName } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { arxivIdFromUrl, normalizeDoi, normalizeTitle } from '../core/query/identity.js';
import { getParsed, parseJson } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

const DBLP_GAP_MS = 1000;

interface DblpInfo {
  title?: string;
  authors?: { author?: DblpAuthor | DblpAuthor[] };
  venue?: string | string[];
  year?: string;
  type?: string;
  key?: string;
  doi?: string;
  ee?: string | string[];
}
type DblpAuthor = string | { text?: string };

function many<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function parseSearch(body: string): DblpInfo[] {
  const json = parseJson(body) as { result?: { hits?: { hit?: { info?: DblpInfo } | { info?: DblpInfo }[] } } };
  if (!json || typeof json !== 'object' || !json.result || typeof json.result !== 'object')
    throw new Error('no "result" in the answer');
  return many(json.result.hits?.hit).map((hit) => hit.info ?? {});
}

/** DBLP's venue string as a list writes it: `A-TEST@ESEC/SIGSOFT FSE` -> `A-TEST`, `Softw. Test. Verification Reliab.` -> `STVR`. */
function dblpVenue(venue: string | null | undefined, journal: boolean): string | null {
  if (!venue) return null;
  return journal
    ? venueName({ kind: 'journal', acronyms: [venue], abbreviations: [venue] })
    : venueName({ kind: 'conference', acronyms: [venue] });
}

function metaFromInfo(info: DblpInfo): PaperMeta | null {
  const title = cleanTitle(info.title ?? '');
  if (title === '') return null;
  const meta = emptyMeta('DBLP', title);
  meta.authors = many(info.authors?.author)
    .map((a) => cleanMetaText(typeof a === 'string' ? a : (a.text ?? '')))
    .filter(Boolean);
  meta.year = info.year && /^\d{4}$/.test(info.year) ? Number(info.year) : null;
  meta.dblpKey = info.key ?? null;
  const ee = many(info.ee);
  const arxiv = ee.map(arxivIdFromUrl).find((id) => id !== null) ?? null;
  const type = info.type ?? '';
  meta.kind = /journal/i.test(type)
    ? 'article'
    : /conference|workshop/i.test(type)
      ? 'inproceedings'
      : /books and theses/i.test(type)
        ? 'book'
        : /parts in books|collections/i.test(type)
          ? 'incollection'
          : 'misc';
  const rawVenue = many(info.venue)[0];
  const venue = /^corr$/i.test(rawVenue?.trim() ?? '') ? null : dblpVenue(rawVenue, meta.kind === 'article');
  if (venue && meta.kind !== 'misc') {
    meta.venue = venue;
    meta.venueYear = meta.year;
  }
  meta.doi = info.doi ? normalizeDoi(info.doi) : null;
  meta.arxiv = meta.venue ? null : arxiv;
  const published = meta.doi ? `https://doi.org/${meta.doi}` : (ee.find((url) => !arxivIdFromUrl(url)) ?? null);
  meta.publishedUrl = meta.venue ? published : null;
  meta.url = meta.venue ? published : arxiv ? `https://arxiv.org/abs/${arxiv}` : (ee[0] ?? null);
  meta.containerTitle = rawVenue ? cleanText(rawVenue, true) : null;
  return meta;
}

function parseBib(body: string): Map<string, string> {
  const fields = bibFields(body);
  if (!fields.has('title')) throw new Error('not a BibTeX record');
  return fields;
}

/**
 * Words only: DBLP's query syntax gives some punctuation a meaning (`|` is OR, `-` excludes, `$` ends a
 * word, `venue:` names a field), which a title's colons and hyphens must not trigger.
 */
function searchWords(query: string): string {
  return query.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function searchUrl(base: string, query: string, hits: number): string {
  return `${base}/search/publ/api?q=${encodeURIComponent(searchWords(query))}&format=json&h=${hits}`;
}

export async function dblpSearch(query: string, ctx: LookupContext, hits = 10): Promise<PaperMeta[]> {
  const infos = await getParsed(
    ctx,
    searchUrl(dblp.base(ctx.settings), query, hits),
    { accept: 'application/json', minIntervalMs: DBLP_GAP_MS },
    parseSearch,
  );
  return (infos ?? []).map(metaFromInfo).filter((meta) => meta !== null);
}

/** DBLP's BibTeX record for a key, verbatim; null when DBLP has no such key. */
export async function dblpBibtex(key: string, ctx: LookupContext): Promise<string | null> {
  const body = await getParsed(
    ctx,
    `${dblp.base(ctx.settings)}/rec/${key}.bib`,
    { accept: 'application/x-bibtex', minIntervalMs: DBLP_GAP_MS },
    (text) => {
      parseBib(text);
      return text.trim();
    },
  );
  return body;
}

/**
 * The published version of a paper with this title (same normalised title, a real venue, not CoRR),
 * checked against the DOI when both have one. Null when DBLP knows none.
 */
export async function findPublished(
  title: string,
  ctx: LookupContext,
  doi: string | null = null,
): Promise<PaperMeta | null> {
  const wanted = normalizeTitle(title);
  const hits = await dblpSearch(title, ctx);
  const same = hits.filter((hit) => normalizeTitle(hit.title) === wanted && hit.venue !== null);
  const byDoi = doi ? same.find((hit) => hit.doi === normalizeDoi(doi)) : undefined;
  return byDoi ?? same.find((hit) => hit.kind === 'inproceedings') ?? same[0] ?? null;
}

export const dblp: MetaSource = {
  name: 'DBLP',
  base: (settings) => settings.dblpApi,
  supports: (ref) => ref.kind === 'dblp' || ref.kind === 'search',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    if (ref.kind !== 'dblp') return null;
    const bib = await dblpBibtex(ref.key, ctx);
    if (bib === null) return null;
    const fields = parseBib(bib);
    const title = cleanTitle(fields.get('title') ?? '', { latex: true });
    // The search gives DBLP's short venue name; the record's booktitle writes it in braces (`{OSDI} 2022`).
    const hit = (await dblpSearch(title, ctx).catch(() => [])).find((meta) => meta.dblpKey === ref.key);
    const meta = hit ?? emptyMeta('DBLP', title);
    meta.title = title;
    meta.bibtex = bib;
    meta.dblpKey = ref.key;
    if (!hit) {
      meta.authors = (fields.get('author') ?? '')
        .split(/\s+and\s+/)
        .map((name) => cleanText(name, true))
        .filter(Boolean);
      const year = Number(fields.get('year'));
      meta.year = Number.isInteger(year) && year > 1000 ? year : null;
      meta.doi = fields.get('doi') ? normalizeDoi(bibText(fields.get('doi')!)) : null;
      // The booktitle braces the acronym: `{OSDI} 2022`, `{SIGIR} '21`.
      const braced = /\{([^{}]+)\}\s*(?:\(\d+\)\s*)?(?:(?:19|20)\d{2}|'\d{2})/.exec(fields.get('booktitle') ?? '');
      meta.kind = fields.has('booktitle')
        ? 'inproceedings'
        : fields.has('journal') && !/corr/i.test(fields.get('journal')!)
          ? 'article'
          : 'misc';
      meta.venue =
        meta.kind === 'inproceedings'
          ? venueName({ kind: 'conference', acronyms: [braced?.[1]], names: [fields.get('booktitle')] })
          : meta.kind === 'article'
            ? dblpVenue(fields.get('journal')!, true)
            : null;
      meta.containerTitle = cleanText(fields.get('booktitle') ?? fields.get('journal') ?? '', true) || null;
      meta.venueYear = meta.venue ? meta.year : null;
      const url = bibText(fields.get('url') ?? '') || null;
      meta.arxiv = fields.get('eprint') ? bibText(fields.get('eprint')!) : url ? arxivIdFromUrl(url) : null;
      meta.publishedUrl = meta.venue ? (meta.doi ? `https://doi.org/${meta.doi}` : url) : null;
      meta.url = meta.publishedUrl ?? (meta.arxiv ? `https://arxiv.org/abs/${meta.arxiv}` : url);
    }
    return meta;
  },
  search: (query, ctx) => dblpSearch(query, ctx),
};
