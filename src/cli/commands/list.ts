/** `papers list`: filter, then a table for people or JSON for scripts. */
import { UsageError } from '../../core/errors.js';
import { filterPapers, type PaperFilter } from '../../core/query.js';
import { findCounts, staleCounts, totalsOf } from '../../core/counts.js';
import type { PaperFacts } from '../../core/model.js';
import { classifyStatus } from '../../core/table-marker.js';
import { readListFile } from '../../store/read.js';
import { loadFacts } from '../../store/model.js';
import { listPath, outputWidth, printJson, stdoutColors } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { paperJson } from '../output/json.js';
import { renderPapersTable, summaryLine } from '../output/papers-table.js';
import { sanitize } from '../output/sanitize.js';

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
  const stored = readListFile(listPath(globals));
  const papers = await loadFacts(stored);
  warnAboutFile(stored.text, papers);
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

/**
 * On stderr, never changing the file: summary counts (badges, `Total: 83 · Read: 69`) that disagree
 * with the list, and tables that hold no papers because they have no status column.
 */
function warnAboutFile(text: string, papers: PaperFacts[]): void {
  const stale = staleCounts(findCounts(text), totalsOf(papers));
  if (stale.length) {
    process.stderr.write(`warning: the file's counts are out of date: ${sanitize(stale.join('; '))}. The next papers edit updates them.\n`);
  }
  const odd = unknownStatusCells(text, papers);
  if (odd.length) {
    const shown = odd.slice(0, 5).map(([line, cell]) => `line ${line}: "${cell}"`).join(', ');
    process.stderr.write(`note: ${odd.length} status cell${odd.length === 1 ? ' is' : 's are'} neither read nor unread (${sanitize(shown)}${odd.length > 5 ? ', ...' : ''}); they count as unread. Use ✅ / ⬜ (or the pair your table uses).\n`);
  }
  if (papers.length === 0 && /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|/m.test(text)) {
    process.stderr.write('note: this file has tables, but none has a status column (Status / Read / Done) next to a title column (Paper / Title), so their rows are not tracked as papers. Add a Status column with ✅ / ⬜ to track them.\n');
  }
}

/** Table rows whose status cell holds something that is no marker (`🚧`, `50%`): their line and cell text. */
function unknownStatusCells(text: string, papers: PaperFacts[]): [number, string][] {
  const found: [number, string][] = [];
  for (const paper of papers) {
    if (paper.source !== 'row' || paper.checkbox.start !== paper.checkbox.end) continue;
    // An empty marker sits at the start of the cell's content: the cell runs to the next unescaped pipe.
    const rest = text.slice(paper.checkbox.start, text.indexOf('\n', paper.checkbox.start) >>> 0);
    const cell = /^(?:[^|\\]|\\.)*/.exec(rest)![0].trim();
    if (classifyStatus(cell).status === 'unknown') found.push([paper.line, cell]);
  }
  return found;
}
