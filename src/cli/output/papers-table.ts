/**
 * `papers list` as a table for people: number, id, read mark, title, venue (or year), area. On a
 * terminal it has a header row, short ids (the shortest prefix that still names the paper) and areas
 * cut from the left so that the leaf stays (`…/DNN Compiler`); the title gets the width that is left.
 */
import type { Palette } from './style.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { formatPaperArea } from '../../core/query/workspace.js';
import { UsageError } from '../../core/model/errors.js';
import { startsWords, wordsOf } from '../../core/query/query.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fit, fitLeft, padEnd, plainWidth, prepareWidths } from './width.js';

const GAP = '  ';
const MIN_TITLE = 20;
const MAX_AREA = 28;
const MIN_AREA = 8;
/** On a terminal, ids longer than this show their shortest unique prefix. */
const MAX_ID = 14;

export const COLUMNS = ['number', 'id', 'read', 'title', 'venue', 'area'] as const;
export type Column = (typeof COLUMNS)[number];

const HEADERS: Record<Column, string> = {
  number: '#',
  id: 'ID',
  read: 'READ',
  title: 'TITLE',
  venue: 'VENUE',
  area: 'AREA',
};

export interface TableOptions {
  /** Terminal width; null for a pipe or file: nothing is cut. */
  width: number | null;
  /** A terminal: header row and short ids. */
  terminal: boolean;
  columns?: readonly Column[] | undefined;
  /** Every paper in the file (id and title), for short ids that read back as the paper they show. */
  all?: readonly { id: string; title: string }[];
}

type Row = Record<Column, string> & { isRead: boolean };

/** The table's lines (no line breaks), made one at a time as they are read (see list.ts writeLines). */
export async function renderPapersTable(
  papers: PaperFacts[],
  color: Palette,
  options: TableOptions,
): Promise<Iterable<string>> {
  const { width, terminal } = options;
  const columns = options.columns ?? COLUMNS;
  // Papers of one area share its path array: format each area once.
  const areaText = new Map<string[], string>();
  const areaOf = (paper: PaperFacts & { file?: string }) => {
    const area = paper.area;
    let text = areaText.get(area);
    // Papers at the top of the file (under the document title) have no area to show.
    if (text === undefined) areaText.set(area, (text = area.length === 0 ? '' : sanitize(formatPaperArea(paper))));
    return text;
  };
  const shortId = terminal ? shortIds(options.all ?? papers) : (id: string) => id;
  const rows: Row[] = papers.map((paper) => ({
    number: String(paper.number),
    id: sanitize(shortId(paper.id)),
    read: paper.read ? '[x]' : paper.reading ? '[/]' : '[ ]',
    title: sanitize(paper.title),
    venue: sanitize(paper.venue ?? (paper.year === null ? '' : String(paper.year))),
    area: areaOf(paper),
    isRead: paper.read,
  }));
  const cellWidths = await measureRows(rows);
  const widthAt = (r: number, column: Column) => cellWidths[r * COLUMNS.length + COLUMN_INDEX[column]]!;
  const header = terminal && rows.length > 0;
  const widthOf = (column: Column, cap = Infinity) => {
    let widest = header ? HEADERS[column].length : 0;
    for (let r = 0; r < rows.length; r++) if (widthAt(r, column) > widest) widest = widthAt(r, column);
    return Math.min(cap, widest);
  };
  // The leaf of an area (`…/DNN Compiler`) is never cut: the area column is at least as wide as the
  // widest leaf, or it goes.
  let leaf = 0;
  for (const row of rows)
    leaf = Math.max(
      leaf,
      displayWidth(row.area.includes('/') ? `…/${row.area.slice(row.area.lastIndexOf('/') + 1)}` : row.area),
    );
  const widths = Object.fromEntries(
    columns.map((column) => [
      column,
      widthOf(column, column === 'area' && width !== null ? Math.max(MAX_AREA, leaf) : Infinity),
    ]),
  ) as Record<Column, number>;
  if (width !== null && columns.includes('title')) {
    // The title matters most: the area gives way first (down to a third of the room), then both.
    const fixed = columns
      .filter((column) => column !== 'title' && column !== 'area')
      .reduce((sum, column) => sum + widths[column], 0);
    const room = width - fixed - GAP.length * (columns.length - 1);
    const areaWidth = columns.includes('area') ? widths.area : 0;
    if (widths.title + areaWidth > room) {
      // Too narrow for both: the area gives way down to its leaves (`…/DNN Compiler`); with no room for
      // them beside the title's minimum, the area column goes.
      const area =
        !columns.includes('area') || room < MIN_TITLE + Math.max(MIN_AREA, leaf)
          ? 0
          : Math.min(areaWidth, Math.max(MIN_AREA, leaf, room - widths.title, Math.floor(room / 3)));
      widths.area = area;
      widths.title = Math.max(MIN_TITLE / 2, room - area + (columns.includes('area') && area === 0 ? GAP.length : 0));
    }
  }
  /** The cell's text padded to its column (cut first if too wide); `has` is the text's own width. */
  const cell = (column: Column, text: string, has: number, row: Row): string => {
    const w = widths[column];
    const pad = has < w ? ' '.repeat(w - has) : '';
    switch (column) {
      case 'number':
        return color.dim(pad + text);
      case 'id':
        return color.cyan(text + pad);
      case 'read':
        return row.isRead ? color.green(text + pad) : color.dim(text + pad);
      case 'title':
        return has <= w ? text + pad : padEnd(fit(text, w), w);
      case 'venue':
        return color.yellow(text + pad);
      case 'area':
        // The leaf matters most: cut from the left.
        return color.dim(has <= w ? text + pad : padEnd(fitLeft(text, w), w));
    }
  };
  const visible = columns.filter((column) => column !== 'area' || widths.area > 0);
  const headerLine = header
    ? visible
        .map((column) => color.dim(HEADERS[column].padEnd(widths[column])))
        .join(GAP)
        .trimEnd()
    : null;
  // Made as they are written: 50,000 lines held at once would all outlive the young generation.
  function* lines(): Generator<string> {
    if (headerLine !== null) yield headerLine;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      let line = '';
      for (let c = 0; c < visible.length; c++) {
        const column = visible[c]!;
        line += (c ? GAP : '') + cell(column, row[column], widthAt(r, column), row);
      }
      yield line.trimEnd();
    }
  }
  return lines();
}

const COLUMN_INDEX = Object.fromEntries(COLUMNS.map((column, i) => [column, i])) as Record<Column, number>;

/**
 * Each row's cell widths, COLUMNS.length per row (one array: 50,000 rows make no 50,000 objects), with
 * the Unicode width tables loaded only if some text needs them.
 */
async function measureRows(rows: Row[]): Promise<Int32Array> {
  const widths = new Int32Array(rows.length * COLUMNS.length);
  const unusual: string[] = [];
  rows.forEach((row, r) => {
    COLUMNS.forEach((column, c) => {
      const width = plainWidth(row[column]);
      if (width < 0) unusual.push(row[column]);
      widths[r * COLUMNS.length + c] = width;
    });
  });
  if (!unusual.length) return widths;
  await prepareWidths(unusual);
  rows.forEach((row, r) => {
    COLUMNS.forEach((column, c) => {
      if (widths[r * COLUMNS.length + c]! < 0) widths[r * COLUMNS.length + c] = displayWidth(row[column]);
    });
  });
  return widths;
}

/**
 * id -> what the table shows for it on a terminal: the id itself when it is at most MAX_ID long; else
 * its shortest start that ends at a word (`cross-domain`, never `cross-dom…` or `mirage-`) and that
 * `<id>` reads back as this paper (query.ts resolvePaper): no other id starts so, no other title has
 * those words, it is no number and no other paper's id or title. When no shorter start does, the whole id.
 */
function shortIds(all: readonly { id: string; title: string }[]): (id: string) => string {
  const sortedIds = all.map((paper) => paper.id).sort();
  const titleWords = all.map((paper) => wordsOf(paper.title));
  const exactTitles = new Set(all.map((paper) => paper.title.toLowerCase()));
  const idSet = new Set(sortedIds);
  // Each title word, sorted, with the papers that hold it: the titles a start may fit are found by range.
  const words = new Map<string, number[]>();
  titleWords.forEach((list, index) => {
    for (const word of list) {
      const holders = words.get(word);
      if (holders === undefined) words.set(word, [index]);
      else if (holders[holders.length - 1] !== index) holders.push(index);
    }
  });
  const sortedWords = [...words.keys()].sort();
  const indexOf = new Map(all.map((paper, index) => [paper.id, index]));

  /** Another paper (than `self`) whose id starts with `prefix`, or whose title has its words. */
  const fitsAnother = (prefix: string, self: number): boolean => {
    let i = lowerBound(sortedIds, prefix);
    for (; i < sortedIds.length && sortedIds[i]!.startsWith(prefix); i++)
      if (indexOf.get(sortedIds[i]!) !== self) return true;
    const query = wordsOf(prefix);
    if (query.length === 0) return false;
    // Titles holding a word that starts like the query's first word (all of it, when more words follow).
    const first = query[0]!;
    for (let w = lowerBound(sortedWords, first); w < sortedWords.length && sortedWords[w]!.startsWith(first); w++) {
      if (query.length > 1 && sortedWords[w] !== first) continue;
      for (const index of words.get(sortedWords[w]!)!)
        if (index !== self && startsWords(titleWords[index]!, query)) return true;
    }
    return false;
  };

  const readsBack = (prefix: string, self: number) =>
    !/^\d+$/.test(prefix) && !idSet.has(prefix) && !exactTitles.has(prefix) && !fitsAnother(prefix, self);
  return (id) => {
    if (id.length <= MAX_ID) return id;
    const self = indexOf.get(id) ?? -1;
    // A start that ends at a word first, then any start that does not end in `-`.
    for (let dash = id.indexOf('-'); dash > 0 && dash <= MAX_ID; dash = id.indexOf('-', dash + 1))
      if (readsBack(id.slice(0, dash), self)) return id.slice(0, dash);
    for (let n = 3; n <= MAX_ID; n++) {
      const prefix = id.slice(0, n);
      if (!prefix.endsWith('-') && readsBack(prefix, self)) return prefix;
    }
    return id;
  };
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The fields a --format template may name. */
const FORMAT_FIELDS = ['number', 'id', 'read', 'title', 'venue', 'year', 'area', 'links', 'line'] as const;

/** A `{field}` that is not one of FORMAT_FIELDS is a usage error, not literal text. */
export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1]!)
    .filter((name) => !(FORMAT_FIELDS as readonly string[]).includes(name));
  if (unknown.length)
    throw new UsageError(
      `--format has no field ${unknown.map((name) => `{${name}}`).join(', ')}; the fields are ${FORMAT_FIELDS.map((name) => `{${name}}`).join(' ')}`,
    );
}

/** One line per paper from a template: `{id}\t{title}`; fields as in --json, links as their URLs. */
export function formatLines(papers: PaperFacts[], template: string): string {
  const text = template.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  return papers
    .map((paper) =>
      text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        switch (name) {
          case 'id':
          case 'title':
            return sanitize(paper[name]);
          case 'number':
          case 'line':
            return String(paper[name]);
          case 'read':
            return paper.read ? 'x' : ' ';
          case 'venue':
            return sanitize(paper.venue ?? '');
          case 'year':
            return paper.year === null ? '' : String(paper.year);
          case 'area':
            return sanitize(formatPaperArea(paper));
          case 'links':
            return sanitize(paper.links.map((link) => link.url).join(' '));
          default:
            return whole;
        }
      }),
    )
    .join('\n');
}

export function summaryLine(shown: PaperFacts[], total: number, limited = shown.length): string {
  const read = shown.filter((paper) => paper.read).length;
  const reading = shown.filter((paper) => paper.reading).length;
  const noun = total === 1 ? 'paper' : 'papers';
  const of = shown.length === total ? `${total} ${noun}` : `${shown.length} of ${total} ${noun}`;
  const cut = limited < shown.length ? `; first ${limited} shown` : '';
  return `${of} (${read} read, ${reading ? `${reading} reading, ` : ''}${shown.length - read - reading} unread${cut})`;
}
