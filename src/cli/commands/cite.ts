/**
 * `papers cite <id...>` and `papers cite --area A`: BibTeX (or JSON) for listed papers. DBLP's record when
 * DBLP has the paper, else one built from Crossref's or arXiv's metadata, else (nothing found) a @misc
 * from what the list says. Keys are stable: family name, year, first title word (`dao2022flashattention`).
 * Writes nothing to the list.
 */
import { UsageError } from '../../core/model/errors.js';
import { buildBibtex, citeKey, rekey, uniqueKeys } from '../../core/meta/bibtex.js';
import { emptyMeta, type PaperMeta } from '../../core/meta/work.js';
import type { Paper } from '../../core/model/paper.js';
import { filterPapers } from '../../core/query/query.js';
import { identityOf } from '../../core/query/identity.js';
import { isKnownVenueName, parseVenue } from '../../core/read/venue.js';
import { LookupError } from '../../lookup/errors.js';
import { dblpBibtex } from '../../lookup/dblp.js';
import { metaOfListed } from '../../lookup/listed.js';
import { printJson } from '../context.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { lookupContextOf } from '../lookup-context.js';
import { loadAllLists, resolveInLists } from '../workspace.js';

export interface CiteOptions {
  area?: string;
  format?: string;
  /** The same as --format json. */
  json?: boolean;
  cache?: boolean;
  /** Ask no source: every entry is built from the list. */
  offline?: boolean;
}

export async function runCite(ctx: CommandContext, ids: string[], options: CiteOptions): Promise<void> {
  if (options.json && options.format !== undefined && options.format !== 'bibtex' && options.format !== 'json')
    throw new UsageError(`--json prints JSON; --format ${options.format} asks for something else`);
  const format = options.json ? 'json' : (options.format ?? 'bibtex');
  if (format !== 'bibtex' && format !== 'json') throw new UsageError(`--format takes bibtex or json, not "${format}"`);
  if (ids.length === 0 && options.area === undefined)
    throw new UsageError(
      'cite needs paper ids or --area <A/B>; e.g. papers cite rammer roller, or papers cite --area MLSys > refs.bib',
    );
  const { doc } = await loadAllLists(ctx);
  const chosen: Paper[] = [];
  if (options.area !== undefined) chosen.push(...filterPapers(doc.papers, { area: options.area }));
  // (`2024/rammer`: the paper rammer of 2024.md, in a repository of lists)
  for (const id of ids) chosen.push(resolveInLists(ctx, doc.papers, id));
  const papers = [...new Set(chosen)];
  if (papers.length === 0) throw new UsageError(`no papers in area "${options.area}"`);
  const lookup = lookupContextOf(ctx, options);

  // One at a time: the sources are asked politely, in order.
  const found: { paper: Paper; meta: PaperMeta; record: string | null }[] = [];
  if (options.offline)
    ctx.stderr.write(
      `papers: --offline: ${papers.length === 1 ? 'the entry is' : 'the entries are'} built from the list, not looked up\n`,
    );
  // Once a source cannot be reached, the rest are built from the list too (each would wait for the same timeout).
  let unreachable: string | null = null;
  for (const paper of papers) {
    if (options.offline || unreachable !== null) {
      found.push({ paper, meta: metaFromList(paper), record: null });
      continue;
    }
    try {
      const { meta, warnings } = await metaOfListed(paper, lookup);
      for (const warning of warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
      if (meta === null)
        ctx.stderr.write(`papers: ${sanitize(paper.id)}: found nowhere; its entry is built from the list\n`);
      const record = meta?.dblpKey ? await dblpBibtex(meta.dblpKey, lookup) : null;
      found.push({ paper, meta: meta ?? metaFromList(paper), record });
    } catch (error) {
      if (!(error instanceof LookupError)) throw error;
      unreachable = error.message;
      ctx.stderr.write(
        `papers: ${sanitize(error.message)}; not looked up, ${papers.length - found.length === 1 ? 'the entry is' : 'the entries are'} built from the list (--offline says so on purpose)\n`,
      );
      found.push({ paper, meta: metaFromList(paper), record: null });
    }
  }
  const keys = uniqueKeys(found.map(({ meta }) => citeKey(meta)));
  const entries = found.map(({ paper, meta, record }, i) => ({
    id: paper.id,
    key: keys[i]!,
    title: meta.title,
    authors: meta.authors,
    venue: meta.venue,
    year: meta.venueYear ?? meta.year,
    doi: meta.doi,
    arxiv: meta.arxiv,
    url: meta.url,
    dblpKey: meta.dblpKey,
    bibtex: (record && rekey(record, keys[i]!)) ?? buildBibtex(meta, keys[i]!),
  }));
  if (format === 'json') printJson(ctx, entries);
  // Records come from other people's servers: control characters never reach the terminal (line breaks stay).
  else
    ctx.stdout.write(`${entries.map((entry) => entry.bibtex.split(/\r?\n/).map(sanitize).join('\n')).join('\n\n')}\n`);
}

/** Venue names that are journals: abbreviated ones (`J. Appl. Phys.`) and the short names lists use for well-known journals. */
const JOURNAL =
  /\.|^(?:Nature.*|Science|Cell|PNAS|JAMA|Lancet.*|eLife|TPAMI|PAMI|IJCV|JMLR|TMLR|TACL|TOG|TIP|TNNLS|TKDE|TMM|TVCG|TIFS|TCSVT|PLOS ONE|Scientific Reports|Neural Computation|Neurocomputing|Pattern Recognition)$/i;

/**
 * What the list itself says: title, venue (`OSDI'20` -> booktitle OSDI, year 2020), link, and the arXiv
 * id or DOI its links name. A venue that is a preprint server makes a @misc.
 */
export function metaFromList(paper: Paper): PaperMeta {
  const meta = emptyMeta('list', paper.title);
  const venue = paper.venue ? parseVenue(paper.venue) : null;
  const name = venue?.name ?? (paper.venue && isKnownVenueName(paper.venue) ? paper.venue.trim() : null);
  meta.year = venue?.year ?? paper.year;
  const identity = identityOf(paper);
  meta.arxiv = identity.arxiv;
  meta.doi = identity.doi;
  meta.url = paper.links.find((link) => /paper/i.test(link.label))?.url ?? paper.links[0]?.url ?? null;
  if (name && !/^(?:arxiv|corr|preprint)$/i.test(name)) {
    meta.venue = name;
    meta.venueYear = meta.year;
    meta.containerTitle = name;
    meta.kind = /^(?:biorxiv|medrxiv|chemrxiv|ssrn)$/i.test(name)
      ? 'misc'
      : JOURNAL.test(name)
        ? 'article'
        : 'inproceedings';
  }
  return meta;
}
