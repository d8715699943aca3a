/**
 * OpenAlex, a fallback: `$PAPERS_OPENALEX_API/works/doi:<doi>` (an arXiv paper by its DataCite DOI,
 * 10.48550/arXiv.<id>) and `$PAPERS_OPENALEX_API/works?search=<words>` (answers `{"results":[...]}`).
 * A work: `{display_name, publication_year, authorships[{author{display_name}}], doi,
 * primary_location{source{display_name}}, type}`.
 */
import { cleanText, cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/work.js';
import { venueName } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { normalizeDoi } from '../core/query/identity.js';
import { getParsed, parseJson } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

interface OpenAlexWork {
  display_name?: string | null;
  title?: string | null;
  publication_year?: number | null;
  authorships?: { author?: { display_name?: string } }[];
  doi?: string | null;
  type?: string | null;
  primary_location?: {
    source?: { display_name?: string | null; type?: string | null; abbreviated_title?: string | null } | null;
  } | null;
}

function parseWork(body: string): OpenAlexWork {
  const json = parseJson(body) as OpenAlexWork;
  if (!json || typeof json !== 'object' || (typeof json.display_name !== 'string' && typeof json.title !== 'string'))
    throw new Error('no "display_name" in the answer');
  return json;
}

function parseWorks(body: string): OpenAlexWork[] {
  const json = parseJson(body) as { results?: OpenAlexWork[] };
  if (!json || typeof json !== 'object' || !Array.isArray(json.results)) throw new Error('no "results" in the answer');
  return json.results;
}

function metaFromWork(work: OpenAlexWork, ref: Ref | null): PaperMeta | null {
  const title = cleanTitle(work.display_name ?? work.title ?? '');
  if (title === '') return null;
  const meta = emptyMeta('OpenAlex', title);
  meta.authors = (work.authorships ?? []).map((a) => cleanMetaText(a.author?.display_name ?? '')).filter(Boolean);
  meta.year = typeof work.publication_year === 'number' ? work.publication_year : null;
  const doi = work.doi ? normalizeDoi(work.doi) : null;
  const arxivDoi = doi ? /^10\.48550\/arxiv\.(.+)$/i.exec(doi) : null;
  meta.arxiv = ref?.kind === 'arxiv' ? ref.id : arxivDoi ? arxivDoi[1]! : null;
  meta.doi = arxivDoi ? null : doi;
  const source = work.primary_location?.source ?? null;
  const sourceType = source?.type ?? '';
  const name = source?.display_name ? cleanText(source.display_name) : null;
  const repository = sourceType === 'repository' || /arxiv/i.test(name ?? '');
  meta.containerTitle = name && !repository ? name : null;
  meta.venue = name
    ? venueName({
        kind: repository
          ? 'preprint'
          : sourceType === 'journal'
            ? 'journal'
            : sourceType === 'conference'
              ? 'conference'
              : 'unknown',
        abbreviations: [source?.abbreviated_title],
        names: [name],
      })
    : null;
  meta.venueYear = meta.venue ? meta.year : null;
  meta.kind = !meta.containerTitle
    ? 'misc'
    : sourceType === 'conference'
      ? 'inproceedings'
      : sourceType === 'book series' || work.type === 'book-chapter'
        ? 'incollection'
        : sourceType === 'journal' || work.type === 'article'
          ? 'article'
          : 'misc';
  meta.publishedUrl = meta.doi ? `https://doi.org/${meta.doi}` : null;
  meta.url =
    ref && (ref.kind === 'arxiv' || ref.kind === 'doi') && ref.url
      ? ref.url
      : meta.arxiv && ref?.kind === 'arxiv'
        ? `https://arxiv.org/abs/${meta.arxiv}`
        : (meta.publishedUrl ?? (meta.arxiv ? `https://arxiv.org/abs/${meta.arxiv}` : null));
  return meta;
}

export const openalex: MetaSource = {
  name: 'OpenAlex',
  base: (settings) => settings.openalexApi,
  supports: (ref) => ref.kind === 'arxiv' || ref.kind === 'doi' || ref.kind === 'search',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    const doi =
      ref.kind === 'doi' ? ref.doi : ref.kind === 'arxiv' ? `10.48550/arXiv.${ref.id.replace(/v\d+$/, '')}` : null;
    if (doi === null) return null;
    const mailto = ctx.settings.mailto ? `?mailto=${encodeURIComponent(ctx.settings.mailto)}` : '';
    const work = await getParsed(
      ctx,
      `${this.base(ctx.settings)}/works/doi:${doi}${mailto}`,
      { accept: 'application/json' },
      parseWork,
    );
    return work ? metaFromWork(work, ref) : null;
  },
  async search(query: string, ctx: LookupContext): Promise<PaperMeta[]> {
    const works = await getParsed(
      ctx,
      `${this.base(ctx.settings)}/works?search=${encodeURIComponent(query)}&per-page=10`,
      { accept: 'application/json' },
      parseWorks,
    );
    return (works ?? []).map((work) => metaFromWork(work, null)).filter((meta) => meta !== null);
  },
};
