/**
 * `papers list` as a table for people: number, id, read mark, title, venue (or year), area. On a
 * terminal it has a header row, short ids (the shortest prefix that still names the paper) and areas
 * cut from the left so that the leaf stays (`…/DNN Compiler`); the title gets the width that is left.
 */
import type { Palette } from './style.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { UsageError } from '../../core/model/errors.js';
import { formatAreaPath } from '../../core/query/query.js';
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
  /** Every paper's id in the file, for short ids that stay unique. */
  allIds?: readonly string[];
  allTitles?: readonly string[];
}

type Row = Record<Column, string> & { isRead: boolean };

export async function renderPapersTable(papers: PaperFacts[], color: Palette, options: TableOptions): Promise<string> {
  const { width, terminal } = options;
  const columns = options.columns ?? COLUMNS;
  // Papers of one area share its path array: format each area once.
  const areaText = new Map<string[], string>();
  const areaOf = (area: string[]) => {
    let text = areaText.get(area);
    if (text === undefined) areaText.set(area, (text = sanitize(formatAreaPath(area))));
    return text;
  };
  const shortId = terminal
    ? shortIds(options.allIds ?? papers.map((paper) => paper.id), options.allTitles ?? [])
    : (id: string) => id;
  const rows: Row[] = papers.map((paper) => ({
    number: String(paper.number),
    id: sanitize(shortId(paper.id)),
    read: paper.read ? '[x]' : paper.reading ? '[/]' : '[ ]',
    title: sanitize(paper.title),
    venue: sanitize(paper.venue ?? (paper.year === null ? '' : String(paper.year))),
    area: areaOf(paper.area),
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
  const widths = Object.fromEntries(
    columns.map((column) => [column, widthOf(column, column === 'area' && width !== null ? MAX_AREA : Infinity)]),
  ) as Record<Column, number>;
  if (width !== null && columns.includes('title')) {
    // The title matters most: the area gives way first (down to a third of the room), then both.
    const fixed = columns
      .filter((column) => column !== 'title' && column !== 'area')
      .reduce((sum, column) => sum + widths[column], 0);
    const room = width - fixed - GAP.length * (columns.length - 1);
    const areaWidth = columns.includes('area') ? widths.area : 0;
    if (widths.title + areaWidth > room) {
      // Too narrow for both: the area column goes.
      // Room for the leaf (`…/DNN Compiler`) when the title keeps its minimum.
      let leaf = 0;
      for (const row of rows)
        leaf = Math.max(
          leaf,
          displayWidth(row.area.includes('/') ? `…/${row.area.slice(row.area.lastIndexOf('/') + 1)}` : row.area),
        );
      const area =
        !columns.includes('area') || room < MIN_TITLE + MIN_AREA
          ? 0
          : Math.min(
              areaWidth,
              Math.max(MIN_AREA, Math.min(leaf, room - MIN_TITLE), room - widths.title, Math.floor(room / 3)),
            );
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
  const lines: string[] = [];
  if (header)
    lines.push(
      visible
        .map((column) => color.dim(HEADERS[column].padEnd(widths[column])))
        .join(GAP)
        .trimEnd(),
    );
  rows.forEach((row, r) => {
    let line = '';
    for (let c = 0; c < visible.length; c++) {
      const column = visible[c]!;
      line += (c ? GAP : '') + cell(column, row[column], widthAt(r, column), row);
    }
    lines.push(line.trimEnd());
  });
  return lines.join('\n');
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
 * id -> the shortest prefix of it that `<id>` resolves to the same paper (no other id starts with it,
 * no title is exactly it), when the id is longer than MAX_ID; else the id itself.
 */
function shortIds(ids: readonly string[], titles: readonly string[]): (id: string) => string {
  const titleSet = new Set(titles.map((title) => title.toLowerCase()));
  const sorted = [...ids].sort();
  return (id) => {
    if (id.length <= MAX_ID) return id;
    const i = binarySearch(sorted, id);
    const before = sorted[i - 1] ?? '';
    const after = sorted[i + 1] ?? '';
    let n = Math.max(common(id, before), common(id, after)) + 1;
    while (n < id.length && (titleSet.has(id.slice(0, n)) || /^\d+$/.test(id.slice(0, n)))) n++;
    // End the prefix at a word break when that is close.
    const dash = id.indexOf('-', n);
    if (dash > 0 && dash <= MAX_ID) n = dash;
    if (n >= id.length) return fit(id, MAX_ID);
    return n > MAX_ID ? fit(id, MAX_ID) : id.slice(0, Math.max(n, 3));
  };
}

function common(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function binarySearch(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else if (sorted[mid]! > value) hi = mid - 1;
    else return mid;
  }
  return lo;
}

/** The fields a --format template may name. */
export const FORMAT_FIELDS = ['number', 'id', 'read', 'title', 'venue', 'year', 'area', 'links', 'line'] as const;

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
            return sanitize(formatAreaPath(paper.area));
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
