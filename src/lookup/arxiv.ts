/**
 * arXiv's export API: `$PAPERS_ARXIV_API?id_list=<id>` answers an Atom feed with one <entry> per paper
 * (title, authors, published date, arxiv:doi, arxiv:journal_ref). An unknown id gives no entry, or an
 * entry titled "Error" whose id points at api/errors. arXiv asks for 3 s between requests.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cleanText, cleanTitle } from '../core/meta/clean.js';
import { cleanMetaText, emptyMeta, type PaperMeta } from '../core/meta/work.js';
import { journalRefVenue } from '../core/meta/venue-name.js';
import type { Ref } from '../core/meta/ref.js';
import { arxivIdFromUrl, normalizeDoi } from '../core/query/identity.js';
import { getParsed } from './http.js';
import type { LookupContext, MetaSource } from './source.js';

const ARXIV_GAP_MS = 3000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

interface AtomEntry {
  id?: string;
  title?: string;
  summary?: string;
  published?: string;
  author?: { name?: string }[];
  doi?: string;
  journal_ref?: string;
  link?: { '@_href'?: string; '@_title'?: string; '@_rel'?: string }[];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String((value as { '#text': unknown })['#text']);
  return value === undefined || value === null ? '' : String(value);
}

/** The entries of an Atom feed body; throws when it is not one. */
function parseAtom(body: string): AtomEntry[] {
  if (XMLValidator.validate(body) !== true) throw new Error('not well-formed XML');
  const doc = parser.parse(body) as { feed?: { entry?: AtomEntry[] } };
  if (!doc.feed || typeof doc.feed !== 'object') throw new Error('not an Atom feed');
  return doc.feed.entry ?? [];
}

function metaFromEntry(entry: AtomEntry, given: Ref & { kind: 'arxiv' }): PaperMeta | null {
  const idUrl = text(entry.id);
  if (/api\/errors/.test(idUrl) || cleanMetaText(text(entry.title)) === 'Error') return null;
  const title = cleanTitle(text(entry.title), { latex: true });
  if (title === '') return null;
  const id = arxivIdFromUrl(idUrl.replace(/^http:/, 'https:')) ?? given.id;
  const meta = emptyMeta('arXiv', title);
  meta.authors = (entry.author ?? []).map((author) => cleanMetaText(text(author.name))).filter((name) => name !== '');
  const year = /^(\d{4})-/.exec(text(entry.published));
  meta.year = year ? Number(year[1]) : null;
  // The id the user gave (with its version, if any) names the link; the feed's id has the latest version.
  meta.arxiv = given.id.replace(/v\d+$/, '') === id.replace(/v\d+$/, '') ? given.id : id;
  meta.url = given.url ?? `https://arxiv.org/abs/${meta.arxiv}`;
  const doi = text(entry.doi).trim();
  if (doi) {
    meta.doi = normalizeDoi(doi);
    meta.publishedUrl = `https://doi.org/${meta.doi}`;
  }
  // The authors' journal_ref names where it was published: the venue until DBLP or Crossref says better.
  const journal = cleanText(text(entry.journal_ref), true);
  const published = journalRefVenue(journal);
  meta.containerTitle = published?.container ?? null;
  meta.venue = published?.name ?? null;
  meta.venueYear = published ? (published.year ?? meta.year) : null;
  meta.kind = published
    ? /\b(?:proc(?:eedings)?|conference|symposium|workshop)\b/i.test(journal)
      ? 'inproceedings'
      : 'article'
    : 'misc';
  return meta;
}

export const arxiv: MetaSource = {
  name: 'arXiv',
  base: (settings) => settings.arxivApi,
  supports: (ref) => ref.kind === 'arxiv',
  async lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null> {
    if (ref.kind !== 'arxiv') return null;
    const url = `${this.base(ctx.settings)}?id_list=${ref.id}&max_results=1`;
    const entries = await getParsed(
      ctx,
      url,
      { accept: 'application/atom+xml', minIntervalMs: ARXIV_GAP_MS },
      parseAtom,
    );
    if (!entries || entries.length === 0) return null;
    return metaFromEntry(entries[0]!, ref);
  },
};
