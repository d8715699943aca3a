/** `papers list`: filter, then a table for people or JSON for scripts. */
import { UsageError } from '../../core/errors.js';
import { filterPapers, type PaperFilter } from '../../core/query.js';
import { readListFile } from '../../store/read.js';
import { loadFacts } from '../../store/model.js';
import { listPath, outputWidth, printJson, stdoutColors } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { paperJson } from '../output/json.js';
import { renderPapersTable, summaryLine } from '../output/papers-table.js';

export interface ListOptions {
  unread?: boolean;
  read?: boolean;
  area?: string;
  venue?: string;
  year?: number;
  search?: string;
  json?: boolean;
}

export async function runList(globals: GlobalOptions, options: ListOptions): Promise<void> {
  if (options.read && options.unread) throw new UsageError('--read and --unread exclude each other; give one');
  const papers = await loadFacts(readListFile(listPath(globals)));
  const filter: PaperFilter = {};
  if (options.read) filter.read = true;
  if (options.unread) filter.read = false;
  if (options.area !== undefined) filter.area = options.area;
  if (options.venue !== undefined) filter.venue = options.venue;
  if (options.year !== undefined) filter.year = options.year;
  if (options.search !== undefined) filter.search = options.search;
  const shown = filterPapers(papers, filter);

  if (options.json) {
    printJson(shown.map(paperJson));
    return;
  }
  const color = await stdoutColors(globals);
  const table = await renderPapersTable(shown, color, outputWidth());
  if (table) process.stdout.write(`${table}\n`);
  process.stdout.write(`${color.dim(summaryLine(shown, papers.length))}\n`);
}
