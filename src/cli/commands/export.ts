/**
 * `papers export --format bibtex|csl-json|csv [filters]`: the list as a bibliography, from the list
 * alone (asks no source; `papers cite` looks papers up). Writes to stdout.
 */
import { UsageError } from '../../core/model/errors.js';
import { type ExportEntry, toBibtex, toCslJson, toCsv } from '../../core/meta/export.js';
import { filterPapers, type PaperFilter } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { metaFromList } from './cite.js';
import { loadAllLists } from '../workspace.js';

export interface ExportOptions {
  format?: string;
  area?: string;
  venue?: string;
  year?: number | string;
  read?: boolean;
  unread?: boolean;
}

export async function runExport(ctx: CommandContext, options: ExportOptions): Promise<void> {
  const format = options.format ?? 'bibtex';
  if (!['bibtex', 'csl-json', 'csv'].includes(format))
    throw new UsageError(`--format takes bibtex, csl-json or csv, not "${format}"`);
  if (options.read && options.unread) throw new UsageError('give --read or --unread, not both');
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && !Number.isInteger(year))
    throw new UsageError(`--year takes a year like 2022, not "${options.year}"`);
  const filter: PaperFilter = {};
  if (options.area !== undefined) filter.area = options.area;
  if (options.venue !== undefined) filter.venue = options.venue;
  if (year !== undefined) filter.year = year;
  // --unread as in `papers list`: neither read nor being read.
  if (options.read || options.unread) filter.state = options.read ? 'read' : 'unread';
  const { doc } = await loadAllLists(ctx);
  const papers = filterPapers(doc.papers, filter);
  const entries: ExportEntry[] = papers.map((paper) => ({
    id: paper.id,
    meta: metaFromList(paper),
    read: paper.read,
    area: paper.area,
  }));
  const text =
    format === 'bibtex'
      ? toBibtex(entries)
      : format === 'csl-json'
        ? toCslJson(entries)
        : toCsv(
            entries,
            papers.map((paper) => paper.venue),
          );
  // To a file or pipe as it is; on a terminal, without control characters (the list's text is untrusted).
  ctx.stdout.write(ctx.stdout.isTTY ? text.split('\n').map(sanitize).join('\n') : text);
}
