/**
 * `papers list` as a table for people: number, id, read mark, title, venue (or year), area. On a
 * terminal it has a header row, short ids (the shortest prefix that still names the paper) and areas
 * cut from the left so that the leaf stays (`…/DNN Compiler`); the title gets the width that is left.
 */
import type { Palette } from './style.js';
import type { PaperFacts } from '../../core/model.js';
import { formatAreaPath } from '../../core/query.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fit, fitLeft, padEnd, padStart, prepareWidths } from './width.js';

const GAP = '  ';
const MIN_TITLE = 20;
const MAX_AREA = 28;
const MIN_AREA = 8;
/** On a terminal, ids longer than this show their shortest unique prefix. */
const MAX_ID = 14;

export const COLUMNS = ['number', 'id', 'read', 'title', 'venue', 'area'] as const;
export type Column = (typeof COLUMNS)[number];

const HEADERS: Record<Column, string> = { number: '#', id: 'ID', read: 'READ', title: 'TITLE', venue: 'VENUE', area: 'AREA' };

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
  const shortId = terminal ? shortIds(options.allIds ?? papers.map((paper) => paper.id), options.allTitles ?? []) : (id: string) => id;
  const rows: Row[] = papers.map((paper) => ({
    number: String(paper.number),
    id: sanitize(shortId(paper.id)),
    read: paper.read ? '[x]' : '[ ]',
    title: sanitize(paper.title),
    venue: sanitize(paper.venue ?? (paper.year === null ? '' : String(paper.year))),
    area: areaOf(paper.area),
    isRead: paper.read,
  }));
  await prepareWidths(rows.flatMap((row) => [row.title, row.venue, row.area, row.id]));
  const header = terminal && rows.length > 0;
  const widthOf = (column: Column, cap = Infinity) => {
    let widest = header ? HEADERS[column].length : 0;
    for (const row of rows) widest = Math.max(widest, displayWidth(row[column]));
    return Math.min(cap, widest);
  };
  const widths = Object.fromEntries(columns.map((column) => [column, widthOf(column, column === 'area' && width !== null ? MAX_AREA : Infinity)])) as Record<Column, number>;
  if (width !== null && columns.includes('title')) {
    // The title matters most: the area gives way first (down to a third of the room), then both.
    const fixed = columns.filter((column) => column !== 'title' && column !== 'area').reduce((sum, column) => sum + widths[column], 0);
    const room = width - fixed - GAP.length * (columns.length - 1);
    const areaWidth = columns.includes('area') ? widths.area : 0;
    if (widths.title + areaWidth > room) {
      // Too narrow for both: the area column goes.
      // Room for the leaf (`…/DNN Compiler`) when the title keeps its minimum.
      let leaf = 0;
      for (const row of rows) leaf = Math.max(leaf, displayWidth(row.area.includes('/') ? `…/${row.area.slice(row.area.lastIndexOf('/') + 1)}` : row.area));
      const area =
        !columns.includes('area') || room < MIN_TITLE + MIN_AREA
          ? 0
          : Math.min(areaWidth, Math.max(MIN_AREA, Math.min(leaf, room - MIN_TITLE), room - widths.title, Math.floor(room / 3)));
      widths.area = area;
      widths.title = Math.max(MIN_TITLE / 2, room - area + (columns.includes('area') && area === 0 ? GAP.length : 0));
    }
  }
  const cell = (column: Column, text: string, row: Row | null): string => {
    const w = widths[column];
    switch (column) {
      case 'number':
        return color.dim(padStart(text, w));
      case 'id':
        return color.cyan(padEnd(text, w));
      case 'read':
        return row?.isRead ? color.green(padEnd(text, w)) : color.dim(padEnd(text, w));
      case 'title':
        return padEnd(fit(text, w), w);
      case 'venue':
        return color.yellow(padEnd(text, w));
      case 'area':
        // The leaf matters most: cut from the left.
        return color.dim(padEnd(fitLeft(text, w), w));
    }
  };
  const visible = columns.filter((column) => column !== 'area' || widths.area > 0);
  const lines = rows.map((row) => visible.map((column) => cell(column, row[column], row)).join(GAP).trimEnd());
  if (header) lines.unshift(visible.map((column) => color.dim(padEnd(HEADERS[column], widths[column]))).join(GAP).trimEnd());
  return lines.join('\n');
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
  const noun = total === 1 ? 'paper' : 'papers';
  const of = shown.length === total ? `${total} ${noun}` : `${shown.length} of ${total} ${noun}`;
  const cut = limited < shown.length ? `; first ${limited} shown` : '';
  return `${of} (${read} read, ${shown.length - read} unread${cut})`;
}
