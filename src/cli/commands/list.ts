/** `papers list`: filter, then a table for people or JSON for scripts. */
import { areaFilter, closeNames, formatArea, normalizeArea, TOP_AREA } from '../../core/query/areas.js';
import { NotFoundError, UsageError } from '../../core/model/errors.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { parseVenue, venueMatches } from '../../core/read/venue.js';
import { filterPapers, type PaperFilter } from '../../core/query/query.js';
import { findCounts, staleCounts, type Totals, totalsOf } from '../../core/read/counts.js';
import { readCell } from '../../core/read/formats/vocabulary.js';
import { outputWidth, printJson, stdoutColors, readList } from '../context.js';
import { loadFactColumns } from '../../store/stored-model.js';
import type { StoredFacts } from '../../store/cache/decode.js';
import type { CommandContext, OutputStream } from '../context.js';
import { paperJson } from '../output/json.js';
import { checkTemplate, formatLines } from '../output/format-lines.js';
import {
  type Column,
  COLUMNS,
  papersTableText,
  type ShownCounts,
  summaryLine,
  type TableRows,
} from '../output/papers-table.js';
import { escapeJson, sanitize } from '../output/sanitize.js';
import { areaOfRepository, loadAllFacts } from '../workspace.js';

export interface ListOptions {
  unread?: boolean;
  reading?: boolean;
  read?: boolean;
  area?: string;
  venue?: string;
  year?: number;
  search?: string;
  json?: boolean;
  columns?: string;
  format?: string;
  sort?: string;
  limit?: number;
}

export const SORTS = ['file', 'area', 'venue', 'year', 'title'] as const;

export async function runList(ctx: CommandContext, options: ListOptions): Promise<void> {
  if ([options.read, options.unread, options.reading].filter(Boolean).length > 1)
    throw new UsageError('--read, --reading and --unread exclude each other; give one');
  const filter: PaperFilter = {};
  if (options.read) filter.state = 'read';
  if (options.reading) filter.state = 'reading';
  if (options.unread) filter.state = 'unread';
  if (options.area !== undefined) filter.area = options.area;
  if (options.venue !== undefined) filter.venue = options.venue;
  if (options.year !== undefined) filter.year = options.year;
  if (options.search !== undefined) filter.search = options.search;
  const json = options.json === true;
  if (!ctx.workspace && options.venue === undefined && options.year === undefined && options.search === undefined) {
    // One file, filtered on the read state and area only: a warm list is filtered on the cache's
    // columns, and objects are made only for the papers shown.
    const stored = readList(ctx);
    const loaded = await loadFactColumns(ctx.models, stored);
    if ('columns' in loaded) {
      const { columns } = loaded;
      const total = columns.paperCount;
      const read = columns.readCount();
      const unmarked = columns.rowsWithoutMarker().map((i) => columns.facts(i));
      warnAboutFile(ctx, stored.text, { total, read, unread: total - read }, unmarked, json, null);
      let inArea: ((area: readonly string[]) => boolean) | null = null;
      if (options.area !== undefined) {
        // (The papers' areas each once: which the name picks does not depend on how many papers share one.)
        inArea = areaFilter(columns.distinctAreas(), options.area);
        if (inArea === null) checkAreaExists(columns.allFacts(), options.area);
      }
      const indexes = columns.papersWhere(filter.state, inArea);
      if (!json && options.format === undefined && sortKey(options.sort) === 'file') {
        // The table alone, in file order: read straight from the columns, no paper object made.
        const limited = options.limit === undefined ? indexes : indexes.slice(0, options.limit);
        const counts = { count: indexes.length, read: 0, reading: 0 };
        for (const i of indexes) {
          if (columns.read(i)) counts.read++;
          if (columns.reading(i)) counts.reading++;
        }
        const rows = storedRows(columns, limited);
        return showTable(ctx, options, rows, limited.length, counts, total, () => columns.allFacts());
      }
      const shown = indexes.map((i) => columns.facts(i));
      return showPapers(
        ctx,
        options,
        shown,
        total,
        () => columns.allFacts(),
        () => stored.text,
      );
    }
    return listPapers(ctx, options, filter, [{ text: stored.text, papers: loaded.papers, label: null }], loaded.papers);
  }
  const { papers, files } = await loadAllFacts(ctx);
  const lists = files.map((file) => ({
    text: file.stored.text,
    papers: file.papers,
    label: ctx.workspace ? file.list.label : null,
  }));
  if (options.area !== undefined) {
    const area = areaOfRepository(ctx, papers, options.area);
    return listPapers(ctx, { ...options, area }, { ...filter, area }, lists, papers);
  }
  return listPapers(ctx, options, filter, lists, papers);
}

/** `list` of papers made whole (a parse, a repository of lists, a filter on more than state and area). */
function listPapers(
  ctx: CommandContext,
  options: ListOptions,
  filter: PaperFilter,
  files: { text: string; papers: PaperFacts[]; label: string | null }[],
  papers: PaperFacts[],
): Promise<void> {
  for (const file of files)
    warnAboutFile(ctx, file.text, totalsOf(file.papers), file.papers, options.json === true, file.label);
  if (options.area !== undefined) checkAreaExists(papers, options.area);
  if (options.venue !== undefined) checkVenueExists(papers, options.venue);
  const shown = filterPapers(papers, filter);
  const textOf = (paper: PaperFacts & { fileIndex?: number }) => files[paper.fileIndex ?? 0]!.text;
  return showPapers(ctx, options, shown, papers.length, () => papers, textOf);
}

/** The papers the filter kept, sorted and cut to --limit: as JSON, lines of a template, or the table and its summary. */
async function showPapers(
  ctx: CommandContext,
  options: ListOptions,
  shown: PaperFacts[],
  total: number,
  all: () => PaperFacts[],
  textOf: (paper: PaperFacts & { fileIndex?: number }) => string,
): Promise<void> {
  const sorted = sortPapers(shown, options.sort);
  const limited = options.limit === undefined ? sorted : sorted.slice(0, options.limit);

  if (options.json) {
    // readOn: the day (or month) the list says the paper was read (core/read/dates.ts; loaded for JSON only).
    const { readOnOf } = await import('../../core/read/dates.js');
    printJson(
      ctx,
      limited.map((paper) => ({ ...paperJson(paper), readOn: readOnOf(textOf(paper), paper) })),
    );
    return;
  }
  if (options.format !== undefined) {
    checkTemplate(options.format);
    if (limited.length) ctx.stdout.write(`${formatLines(limited, options.format)}\n`);
    return;
  }
  return showTable(ctx, options, limited, limited.length, stateCounts(shown), total, all);
}

/** The table and its summary line. */
async function showTable(
  ctx: CommandContext,
  options: ListOptions,
  rows: PaperFacts[] | TableRows,
  limited: number,
  shown: ShownCounts,
  total: number,
  all: () => PaperFacts[],
): Promise<void> {
  if (total === 0 && !ctx.workspace) {
    const { text } = readList(ctx);
    ctx.stderr.write(`${noItemsReason(ctx.filePath, text)}\n`);
  }
  const color = await stdoutColors(ctx);
  const table = await papersTableText(rows, color, {
    width: outputWidth(ctx),
    terminal: ctx.stdout.isTTY === true,
    columns: parseColumns(options.columns),
    // Short ids (a terminal only) must stay unique among all papers, not only those shown.
    ...(ctx.stdout.isTTY === true ? { all: all() } : {}),
  });
  await writeBlocks(ctx.stdout, table);
  // With chosen columns the output is for a pipe (`--columns id | papers done -`): the summary goes to stderr.
  const summary = summaryLine(shown, total, limited);
  if (options.columns === undefined) ctx.stdout.write(`${color.dim(summary)}\n`);
  else ctx.stderr.write(`${summary}\n`);
}

/**
 * The table's blocks of lines (papersTableText: BLOCK_ROWS lines each) to stdout as they are made. A pipe
 * is written without blocking: what its reader has not taken yet waits in papers' memory (~50 MB at the
 * peak of a 100,000-row list into `| cat`), so each block waits until the stream has passed the last on
 * ('drain').
 */
async function writeBlocks(stream: OutputStream, blocks: Iterable<string>): Promise<void> {
  for (const block of blocks) await writeAndWait(stream, block);
}

/** Writes `text`; resolves once the stream holds no more than it can take (at once, for a capture or a file). */
function writeAndWait(stream: OutputStream, text: string): Promise<void> {
  if (stream.write(text) !== false || !stream.once) return Promise.resolve();
  return new Promise((resolve) => stream.once!('drain', resolve));
}

function parseColumns(value: string | undefined): Column[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (unknown.length || names.length === 0)
    throw new UsageError(
      `--columns takes a comma-separated list of ${COLUMNS.join(', ')}; not "${unknown.join(', ') || value}"`,
    );
  return names as Column[];
}

/** A stored list's papers `indexes[r]` as table rows, read from its columns. */
function storedRows(columns: StoredFacts, indexes: readonly number[]): TableRows {
  return {
    count: indexes.length,
    // (as CachedPaper numbers them)
    number: (r) => indexes[r]! + 1,
    id: (r) => columns.id(indexes[r]!),
    read: (r) => columns.read(indexes[r]!),
    reading: (r) => columns.reading(indexes[r]!),
    title: (r) => columns.title(indexes[r]!),
    venue: (r) => columns.venue(indexes[r]!),
    year: (r) => columns.year(indexes[r]!),
    area: (r) => columns.area(indexes[r]!),
    // (formatPaperArea of a paper of one file)
    areaName: (r) => formatArea(columns.area(indexes[r]!)),
  };
}

function stateCounts(papers: readonly PaperFacts[]): ShownCounts {
  return {
    count: papers.length,
    read: papers.filter((paper) => paper.read).length,
    reading: papers.filter((paper) => paper.reading).length,
  };
}

/** Made on first use (only --sort needs it): creating a collator costs milliseconds. */
let collator: Intl.Collator | null = null;

/** File order, or by area, venue, year (newest first) or title; ties keep file order. */
function sortPapers(papers: PaperFacts[], sort: string | undefined): PaperFacts[] {
  const key = sortKey(sort);
  if (key === 'file') return papers;
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const { compare: byText } = collator;
  const compare: Record<string, (a: PaperFacts, b: PaperFacts) => number> = {
    area: (a, b) => byText(formatArea(a.area), formatArea(b.area)),
    venue: (a, b) =>
      (a.venue === null ? 1 : 0) - (b.venue === null ? 1 : 0) ||
      byText(parseVenue(a.venue ?? '')?.name ?? a.venue ?? '', parseVenue(b.venue ?? '')?.name ?? b.venue ?? '') ||
      (b.year ?? 0) - (a.year ?? 0),
    year: (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || 0,
    title: (a, b) => byText(a.title, b.title),
  };
  return [...papers].sort((a, b) => compare[key]!(a, b) || a.number - b.number);
}

/** The --sort key, checked. */
function sortKey(sort: string | undefined): string {
  const key = (sort ?? 'file').toLowerCase();
  if (!(SORTS as readonly string[]).includes(key))
    throw new UsageError(`--sort takes one of ${SORTS.join(', ')}; not "${sort}"`);
  return key;
}

/** An `--area` that names no area holding papers is a mistake, not an empty result. */
export function checkAreaExists(papers: PaperFacts[], wanted: string): void {
  if (
    areaFilter(
      papers.map((paper) => paper.area),
      wanted,
    ) !== null
  )
    return;
  const names = [...new Set(papers.map((paper) => formatArea(paper.area)).filter((name) => name !== TOP_AREA))];
  const close = closeNames(names, normalizeArea(wanted), (name) => [name, ...name.split('/')], { pieces: true });
  const hint = close.length
    ? `; did you mean ${close.map((name) => `"${name}"`).join(' or ')}?`
    : "; `papers list` shows each paper's area";
  throw new NotFoundError(`no area "${wanted}" holds papers${hint}`);
}

export function checkVenueExists(papers: PaperFacts[], wanted: string): void {
  if (papers.some((paper) => venueMatches(paper.venue, wanted))) return;
  const names = [
    ...new Set(
      papers
        .map((paper) => paper.venue)
        .filter((venue): venue is string => venue !== null)
        .map((venue) => parseVenue(venue)?.name ?? venue),
    ),
  ];
  const close = closeNames(names, wanted.replace(/[\s'’_-]*((19|20)\d{2}|\d{2})$/, ''), undefined, { pieces: true });
  const hint = close.length
    ? `; did you mean ${close.map((name) => `"${name}"`).join(' or ')}?`
    : names.length
      ? ''
      : ' (no paper in the list names a venue)';
  throw new NotFoundError(`no paper has the venue "${wanted}"${hint}`);
}

/** Why `list` found nothing at all: the file has no GFM task items (perhaps tables). */
function noItemsReason(path: string, text: string): string {
  // (`(?:\|[ \t]*)?`, not `\|?[ \t]*`: two runs of spaces side by side made a line of spaces quadratic)
  const tables = (text.match(/^[ \t>]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|/gm) ?? []).length;
  const bullets = (text.match(/^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\S/gm) ?? []).length;
  const found = [
    tables ? `${tables} table${tables === 1 ? '' : 's'}` : null,
    bullets ? `${bullets} plain list item${bullets === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  const what = found.length ? ` (${found.join(' and ')} found)` : '';
  return (
    `papers: no \`- [ ]\` task items or paper-table rows in ${sanitize(path)}${what}; papers reads GFM task items, e.g. ` +
    `"- [ ] Title[OSDI'22]: [[Paper](https://...)]", and tables with a Status and a Paper column`
  );
}

/**
 * On stderr, never changing the file: summary counts (badges, `Total: 83 · Read: 69`) that disagree
 * with the list, and tables that hold no papers because they have no status column.
 */
/** Notes on stderr about the file: stale counts, odd status cells, nothing recognised (JSON lines under --json). */
function warnAboutFile(
  ctx: CommandContext,
  text: string,
  totals: Totals,
  /** The file's papers (only its table rows whose status cell holds no marker are looked at). */
  papers: PaperFacts[],
  json: boolean,
  file: string | null,
): void {
  const say = (kind: 'warning' | 'note', code: string, said: string) => {
    // In a repository of lists, each note names its list.
    const message = file === null ? said : `${file}: ${said}`;
    ctx.stderr.write(
      json ? `${escapeJson(JSON.stringify({ [kind]: code, message }))}\n` : `${kind}: ${sanitize(message)}\n`,
    );
  };
  const stale = staleCounts(findCounts(text), totals);
  if (stale.length)
    say(
      'warning',
      'stale-counts',
      `the file's counts are out of date: ${stale.join('; ')}. The next papers edit updates them.`,
    );
  const odd = unknownStatusCells(text, papers);
  if (odd.length) {
    const shown = odd
      .slice(0, 5)
      .map(([line, cell]) => `line ${line}: "${cell}"`)
      .join(', ');
    say(
      'note',
      'unknown-status',
      `${odd.length} status cell${odd.length === 1 ? ' is' : 's are'} neither read nor unread (${shown}${odd.length > 5 ? ', ...' : ''}); they count as unread. Use ✅ / ⬜ (or the pair your table uses).`,
    );
  }
  if (totals.total === 0) {
    const tables = /^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|/m.test(text)
      ? ' Its tables have no status column (named Status, Read, 状态, 읽음 … or holding ✅ / ⬜ markers) beside a title column.'
      : '';
    say(
      'note',
      'nothing-recognised',
      `no papers found: the file has no task items (- [ ] Title), no table with a status column, and no list whose entries carry a state marker (- ✅ Title).${tables} Run \`papers explain\` to see what was skipped and why; \`papers track\` adds checkboxes to a plain list.`,
    );
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
    if (readCell(cell).meaning === 'unknown') found.push([paper.line, cell]);
  }
  return found;
}
