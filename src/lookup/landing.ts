/**
 * A paper's own page (USENIX, OpenReview, a publisher's): the `citation_*` meta tags that Google Scholar
 * reads (citation_title, citation_author, citation_publication_date, citation_doi, citation_arxiv_id).
 * resolve.ts then follows a DOI or arXiv id to its source, or asks DBLP for the venue of the title.
 */
import { cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/work.js';
import { venueName } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { ARXIV_ID, DOI, normalizeDoi } from '../core/query/identity.js';
import { LookupError } from './errors.js';
import { getParsed } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

/** `name`/`property` -> every `content`, in order, from the page's <meta> tags. */
function metaTags(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
    const key = attr('name') ?? attr('property');
    const content = attr('content');
    if (!key || !content) continue;
    const name = (key[1] ?? key[2] ?? key[3]!).toLowerCase();
    tags.set(name, [...(tags.get(name) ?? []), decodeEntities(content[1] ?? content[2] ?? content[3]!)]);
  }
  return tags;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return named[code.toLowerCase()] ?? whole;
  });
}

function metaFromPage(html: string, url: string): PaperMeta | null {
  const tags = metaTags(html);
  const first = (name: string) =>
    tags
      .get(name)
      ?.find((value) => value.trim() !== '')
      ?.trim() ?? null;
  const title = cleanTitle(first('citation_title') ?? '');
  const doi = first('citation_doi')?.replace(/^doi:\s*/i, '') ?? null;
  const arxiv = first('citation_arxiv_id');
  if (title === '' && !doi && !arxiv) return null;
  const meta = emptyMeta('page', title);
  meta.authors = (tags.get('citation_author') ?? []).map(cleanMetaText).filter(Boolean);
  const date = first('citation_publication_date') ?? first('citation_date') ?? first('citation_online_date');
  const year = date ? /(?:19|20)\d{2}/.exec(date) : null;
  meta.year = year ? Number(year[0]) : null;
  meta.doi = doi && DOI.test(normalizeDoi(doi)) ? normalizeDoi(doi) : null;
  meta.arxiv = arxiv && ARXIV_ID.test(arxiv) ? arxiv : null;
  const conference = first('citation_conference_title');
  const journal = first('citation_journal_title');
  meta.containerTitle = conference ?? journal;
  meta.kind = conference ? 'inproceedings' : journal ? 'article' : 'misc';
  meta.venue = conference
    ? venueName({ kind: 'conference', names: [conference] })
    : journal
      ? venueName({ kind: 'journal', abbreviations: [first('citation_journal_abbrev')], names: [journal] })
      : null;
  meta.venueYear = meta.venue ? meta.year : null;
  meta.url = url;
  return meta;
}

export const landing: MetaSource = {
  name: 'the paper page',
  base: () => '',
  supports: (ref) => ref.kind === 'page',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    if (ref.kind !== 'page') return null;
    const page = await getParsed(ctx, ref.url, { accept: 'text/html,application/xhtml+xml' }, (body) => body);
    if (page === null) return null;
    const meta = metaFromPage(page, ref.url);
    if (meta === null) {
      throw new LookupError(
        `${new URL(ref.url).host} names no paper in its page (no citation_title meta tag); search by title: papers add --lookup "<title words>"`,
      );
    }
    return meta;
  },
};
