/**
 * Paper tables: a GFM table whose header has a status column (Status / Read / Done / State / ✓ / ✔)
 * and a title column (Paper / Title / Name / Papers). Each body row is a paper, read from its cells
 * with the same inline rules as a task item; the status cell's marker (`✅`, `⬜`, `[x]`, `yes` ...)
 * says whether it is read. Pure: no I/O.
 */
import type { Definition, Paragraph, PhrasingContent, Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { type InlineFacts, readInline } from './inline.js';
import type { Link, RowStatus, Span, TableLayout, TableRowInfo } from './model.js';
import { classifyStatus } from './table-marker.js';
import { parseVenue, parseYearOnly } from './venue.js';

const STATUS_NAMES = new Set(['status', 'read', 'done', 'state']);
const TITLE_NAMES = new Set(['paper', 'title', 'name', 'papers']);
const VENUE_NAMES = new Set(['venue', 'conference', 'where', 'conf']);
const YEAR_NAMES = new Set(['year']);
const LINK_NAMES = new Set(['links', 'link', 'resources', 'urls', 'url']);

/** A header cell's name: emoji, markup and punctuation removed, lower case; `✓`/`✔` kept as they are. */
export function headerName(text: string): string {
  const bare = text.replace(/[\uFE0E\uFE0F\s*_`]/g, '');
  if (/^[✓✔✅☑]$/u.test(bare)) return '✓';
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The layout of a table, when it is a paper table; else null. */
export function tableLayout(headerTexts: string[]): TableLayout | null {
  const names = headerTexts.map(headerName);
  const find = (set: Set<string>, extra?: string) => names.findIndex((name) => set.has(name) || name === extra);
  const status = find(STATUS_NAMES, '✓');
  const title = names.findIndex((name, i) => i !== status && TITLE_NAMES.has(name));
  if (status < 0 || title < 0) return null;
  const other = (set: Set<string>) => names.findIndex((name, i) => i !== status && i !== title && set.has(name));
  return { columns: names.length, status, title, venue: other(VENUE_NAMES), year: other(YEAR_NAMES), links: other(LINK_NAMES) };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** What a row says: what a task item's text says, plus its status marker and cells. */
export interface RowFacts extends InlineFacts {
  marker: Span;
  row: TableRowInfo;
}

/** The trimmed content of a cell (between its pipes and the spaces around them). */
export function cellContent(src: string, cell: TableCell, last: boolean): Span {
  let start = cell.position!.start.offset!;
  let end = cell.position!.end.offset!;
  if (src[start] === '|') start++;
  if (last) {
    // The trailing pipe, and the spaces after it.
    while (end > start && /[ \t]/.test(src[end - 1]!)) end--;
    if (end > start && src[end - 1] === '|' && !/(^|[^\\])(\\\\)*\\$/.test(src.slice(start, end - 1))) end--;
  }
  const open = start;
  while (start < end && /[ \t]/.test(src[start]!)) start++;
  while (end > start && /[ \t]/.test(src[end - 1]!)) end--;
  // An empty cell: the place after its pipe and one space, where a marker would be written.
  if (start === end) start = end = Math.min(open + (/[ \t]/.test(src[open] ?? '') ? 1 : 0), cell.position!.end.offset!);
  return { start, end };
}

/** The rows of a paper table, as papers' facts; null when the table is no paper table. */
export function readTable(src: string, table: Table, definitions: Map<string, Definition>): { head: Span; rows: { node: Table['children'][number]; facts: RowFacts }[] } | null {
  const [header, ...body] = table.children;
  if (!header) return null;
  const layout = tableLayout(header.children.map((cell) => toString(cell)));
  if (!layout) return null;
  // The delimiter row ends the line after the header.
  const headerEnd = header.position!.end.offset!;
  const newline = src.indexOf('\n', headerEnd);
  let delimiterEnd = newline < 0 ? src.length : src.indexOf('\n', newline + 1);
  if (delimiterEnd < 0) delimiterEnd = src.length;
  if (src[delimiterEnd - 1] === '\r') delimiterEnd--;
  const head = { start: header.position!.start.offset!, end: delimiterEnd };
  const rows = body.map((node) => ({ node, facts: readRow(src, node.children, layout, head, definitions) }));
  return { head, rows };
}

function readRow(src: string, cells: TableCell[], layout: TableLayout, head: Span, definitions: Map<string, Definition>): RowFacts {
  const spans = cells.map((cell, i) => cellContent(src, cell, i === cells.length - 1));
  const ctx = { src, definitions };
  const inline = (i: number) => {
    const cell = cells[i];
    if (!cell) return null;
    const paragraph: Paragraph = { type: 'paragraph', children: cell.children as PhrasingContent[], position: { start: at(src, spans[i]!.start), end: at(src, spans[i]!.end) } };
    return readInline(paragraph, ctx);
  };
  const titleFacts = inline(layout.title);
  const links: Link[] = [];
  cells.forEach((_, i) => {
    if (i === layout.status) return;
    const facts = i === layout.title ? titleFacts : inline(i);
    if (facts) links.push(...facts.links);
  });

  let venue = titleFacts?.venue ?? null;
  let venueSpan = titleFacts?.venueSpan ?? null;
  let year = titleFacts?.year ?? null;
  const venueCell = layout.venue >= 0 ? cells[layout.venue] : undefined;
  if (venueCell) {
    const text = toString(venueCell).replace(/\s+/g, ' ').trim();
    venue = /[\p{L}\p{N}]/u.test(text) ? text : null;
    venueSpan = venue === null ? null : spans[layout.venue]!;
    year = venue === null ? null : (parseVenue(venue)?.year ?? parseYearOnly(venue));
  }
  const yearCell = layout.year >= 0 ? cells[layout.year] : undefined;
  if (yearCell) year = parseYearOnly(toString(yearCell).trim()) ?? year;

  const statusSpan = spans[layout.status];
  let status: RowStatus = 'empty';
  let marker: Span;
  if (statusSpan) {
    const found = classifyStatus(src.slice(statusSpan.start, statusSpan.end));
    status = found.status;
    marker = { start: statusSpan.start + found.start, end: statusSpan.start + found.end };
  } else {
    const end = cells.length ? cells[cells.length - 1]!.position!.end.offset! : head.end;
    marker = { start: end, end };
  }
  return {
    title: titleFacts?.title ?? '(untitled)',
    titleSpan: titleFacts?.titleSpan ?? null,
    venue,
    venueSpan,
    year,
    links,
    marker,
    row: { cells: spans, layout, head, status },
  };
}

/** A point for the synthetic paragraph of a cell: only its offset is read. */
function at(_src: string, offset: number) {
  return { line: 1, column: 1, offset };
}

