/**
 * Crossref's REST API: `$PAPERS_CROSSREF_API/works/<doi>` answers `{"status":"ok","message":{...}}` with
 * `title[]`, `author[{given,family,name}]`, `container-title[]`, `short-container-title[]`,
 * `event{acronym}`, `issued{date-parts}`, `type`, `URL`. An unknown DOI is a 404.
 */
import { cleanText, cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type MetaKind, type PaperMeta } from '../core/meta/work.js';
import { venueName } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { normalizeDoi } from '../core/query/identity.js';
import { getParsed, parseJson } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

interface CrossrefWork {
  DOI?: string;
  title?: string[];
  subtitle?: string[];
  author?: { given?: string; family?: string; name?: string }[];
  'container-title'?: string[];
  'short-container-title'?: string[];
  event?: { acronym?: string; name?: string };
  institution?: { name?: string }[];
  issued?: CrossrefDate;
  'published-print'?: CrossrefDate;
  'published-online'?: CrossrefDate;
  published?: CrossrefDate;
  posted?: CrossrefDate;
  type?: string;
  URL?: string;
}
type CrossrefDate = { 'date-parts'?: (number | null)[][] };

function parseCrossref(body: string): CrossrefWork {
  const json = parseJson(body) as { status?: string; message?: CrossrefWork };
  if (!json || typeof json !== 'object' || !json.message || typeof json.message !== 'object')
    throw new Error('no "message" in the answer');
  return json.message;
}

/** The publication year; `issued: [[null]]` (it happens) falls back to the other dates, then to a year in the container's name. */
function yearOf(work: CrossrefWork): number | null {
  for (const date of [work['published-print'], work.issued, work.published, work['published-online'], work.posted]) {
    const year = date?.['date-parts']?.[0]?.[0];
    if (typeof year === 'number' && year > 1000) return year;
  }
  for (const text of [...(work['container-title'] ?? []), work.event?.name ?? '']) {
    const m = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Crossref's types -> BibTeX's. */
function kindOf(type: string): MetaKind {
  switch (type) {
    case 'proceedings-article':
      return 'inproceedings';
    case 'journal-article':
      return 'article';
    case 'book-chapter':
    case 'book-section':
    case 'book-part':
    case 'reference-entry':
      return 'incollection';
    case 'book':
    case 'monograph':
    case 'edited-book':
    case 'reference-book':
      return 'book';
    default:
      return 'misc';
  }
}

/** Series that hold proceedings and chapters: a part of the container title that is not the book's own name. */
const SERIES =
  /^(?:proceedings of spie|spie proceedings|lecture notes in (?:computer science|artificial intelligence|networks and systems|electrical engineering|business information processing)|communications in computer and information science|advances in intelligent systems and computing|ceur workshop proceedings|studies in computational intelligence|smart innovation, systems and technologies|springer proceedings in .*|ifip advances in information and communication technology)$/i;

function metaFromWork(work: CrossrefWork, ref: Ref & { kind: 'doi' }): PaperMeta | null {
  const title = cleanTitle(work.title?.[0] ?? '', { subtitle: work.subtitle?.[0] ?? null });
  if (title === '') return null;
  const meta = emptyMeta('Crossref', title);
  meta.authors = (work.author ?? [])
    .map((a) => cleanMetaText(a.name ?? [a.given, a.family].filter(Boolean).join(' ')))
    .filter(Boolean);
  meta.year = yearOf(work);
  meta.doi = normalizeDoi(work.DOI ?? ref.doi);
  meta.publishedUrl = `https://doi.org/${meta.doi}`;
  meta.url = ref.url ?? meta.publishedUrl;
  const containers = [...new Set((work['container-title'] ?? []).map((part) => cleanText(part)).filter(Boolean))];
  const series = containers.filter((part) => SERIES.test(part));
  const own = containers.filter((part) => !SERIES.test(part));
  meta.containerTitle = own.length ? own.join(': ') : (series[0] ?? null);
  meta.series = own.length && series.length ? series[0]! : null;
  const type = work.type ?? '';
  meta.kind = kindOf(type);
  const institution = (work.institution ?? []).map((i) => i.name ?? '');
  meta.venue =
    type === 'posted-content'
      ? venueName({ kind: 'preprint', names: institution })
      : venueName({
          kind:
            type === 'journal-article'
              ? 'journal'
              : type === 'proceedings-article' || meta.kind === 'incollection'
                ? 'conference'
                : 'unknown',
          acronyms: [work.event?.acronym],
          abbreviations: work['short-container-title'] ?? [],
          names: [...own, work.event?.name, ...series],
        });
  meta.venueYear = meta.venue ? meta.year : null;
  return meta;
}

function doiPath(doi: string): string {
  return encodeURIComponent(doi).replace(/%2F/gi, '/');
}

export const crossref: MetaSource = {
  name: 'Crossref',
  base: (settings) => settings.crossrefApi,
  supports: (ref) => ref.kind === 'doi',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    if (ref.kind !== 'doi') return null;
    const work = await getParsed(
      ctx,
      `${this.base(ctx.settings)}/works/${doiPath(ref.doi)}`,
      { accept: 'application/json' },
      parseCrossref,
    );
    return work ? metaFromWork(work, ref) : null;
  },
};
