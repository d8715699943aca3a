/**
 * From a reference to a paper's metadata: the sources that can answer it, in order (the primary one,
 * then the fallbacks), then DBLP for the published venue of a preprint or a DOI.
 */
import { NotFoundError } from '../core/model/errors.js';
import { mergeHits } from '../core/meta/match.js';
import type { PaperMeta } from '../core/meta/work.js';
import { describeRef, type Ref } from '../core/meta/ref.js';
import { arxiv } from './arxiv.js';
import { crossref } from './crossref.js';
import { dblp, findPublished } from './dblp.js';
import { LookupError } from './errors.js';
import { openalex } from './openalex.js';
import { s2 } from './s2.js';
import { landing } from './landing.js';
import { hostOf, type LookupContext, type MetaSource } from './source.js';

/** Every source, primary ones first. */
const SOURCES: MetaSource[] = [arxiv, crossref, dblp, landing, s2, openalex];

export interface Resolved {
  meta: PaperMeta;
  /** Things the user should know (a fallback was used, the venue could not be checked). */
  warnings: string[];
}

export async function resolveRef(ref: Ref, ctx: LookupContext): Promise<Resolved> {
  const warnings: string[] = [];
  const asked: string[] = [];
  let firstError: LookupError | null = null;
  for (const source of SOURCES.filter((s) => s.supports(ref) && ref.kind !== 'search')) {
    asked.push(ref.kind === 'page' ? hostOf(ref.url) : hostOf(source.base(ctx.settings)));
    try {
      const meta = await source.lookup(ref, ctx);
      if (meta === null) continue;
      if (ref.kind === 'page') return fromPage(meta, ref.url, ctx, warnings);
      if (firstError) warnings.push(`${firstError.message}; used ${source.name} instead`);
      return { meta: await withPublishedVenue(meta, ctx, warnings), warnings };
    } catch (error) {
      if (!(error instanceof LookupError)) throw error;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  throw new NotFoundError(`no paper ${describeRef(ref)} at ${[...new Set(asked)].join(', ')}`);
}

/**
 * A paper page names a DOI or arXiv id: its source says more (the link stays the page). Else the
 * page's own tags, with DBLP's venue for that title.
 */
async function fromPage(meta: PaperMeta, url: string, ctx: LookupContext, warnings: string[]): Promise<Resolved> {
  const next: Ref | null = meta.doi
    ? { kind: 'doi', doi: meta.doi, url }
    : meta.arxiv
      ? { kind: 'arxiv', id: meta.arxiv, url }
      : null;
  if (next) {
    try {
      return await resolveRef(next, ctx);
    } catch (error) {
      if (!(error instanceof LookupError || error instanceof NotFoundError) || meta.title === '') throw error;
      warnings.push(`${error.message}; used what the page says`);
    }
  }
  return { meta: await withPublishedVenue(meta, ctx, warnings), warnings };
}

/** Search hits for title words, merged per paper: DBLP first, the others when DBLP cannot be asked. */
export async function searchTitle(
  query: string,
  ctx: LookupContext,
): Promise<{ candidates: PaperMeta[]; warnings: string[] }> {
  const warnings: string[] = [];
  let firstError: LookupError | null = null;
  for (const source of SOURCES.filter((s) => s.search !== undefined)) {
    try {
      const hits = await source.search!(query, ctx);
      if (firstError) warnings.push(`${firstError.message}; searched ${source.name} instead`);
      const candidates = mergeHits(hits);
      return { candidates, warnings };
    } catch (error) {
      if (!(error instanceof LookupError)) throw error;
      firstError ??= error;
    }
  }
  throw firstError ?? new NotFoundError(`no source can search for "${query}"`);
}

/**
 * A paper not from DBLP: DBLP's record of the same title names its venue the way lists do (`OSDI`),
 * and says whether a preprint has been published. Best effort: when DBLP cannot be asked, the paper
 * keeps what its own source said, with a warning.
 */
export async function withPublishedVenue(meta: PaperMeta, ctx: LookupContext, warnings: string[]): Promise<PaperMeta> {
  if (meta.source === 'DBLP') return meta;
  let published: PaperMeta | null;
  try {
    published = await findPublished(meta.title, ctx, meta.doi);
  } catch (error) {
    if (!(error instanceof LookupError)) throw error;
    warnings.push(`${error.message}; ${venueNote(meta, 'not checked for a published version')}`);
    return meta;
  }
  // An arXiv record that names its DOI: Crossref knows the venue better than the authors' journal_ref.
  if (!published)
    return (meta.venue === null || meta.source === 'arXiv') && meta.doi ? withCrossrefVenue(meta, ctx, warnings) : meta;
  return {
    ...meta,
    venue: published.venue,
    venueYear: published.venueYear,
    kind: published.kind,
    dblpKey: published.dblpKey,
    doi: meta.doi ?? published.doi,
    publishedUrl: meta.publishedUrl ?? published.publishedUrl,
    containerTitle: meta.source === 'Crossref' ? meta.containerTitle : published.containerTitle,
  };
}

/** A preprint whose arXiv record names the DOI of its published version, which DBLP does not know: Crossref's venue. */
async function withCrossrefVenue(meta: PaperMeta, ctx: LookupContext, warnings: string[]): Promise<PaperMeta> {
  try {
    const work = await crossref.lookup({ kind: 'doi', doi: meta.doi!, url: null }, ctx);
    if (!work?.venue) return meta;
    return {
      ...meta,
      venue: work.venue,
      venueYear: work.venueYear,
      kind: work.kind,
      containerTitle: work.containerTitle,
      publishedUrl: meta.publishedUrl ?? work.publishedUrl,
    };
  } catch (error) {
    if (!(error instanceof LookupError)) throw error;
    warnings.push(`${error.message}; ${venueNote(meta, 'the published version could not be checked')}`);
    return meta;
  }
}

/** What the venue is when a source could not be asked: the paper's own source's, arXiv for a preprint, else none. */
function venueNote(meta: PaperMeta, why: string): string {
  if (meta.venue)
    return `the venue is ${meta.source === 'arXiv' ? "arXiv's journal reference" : `${meta.source}'s`} (${why})`;
  return meta.arxiv ? `the venue is arXiv (${why})` : `the paper gets no venue (${why})`;
}
