/**
 * Paper tables: a GFM table with a status column (named so in any of the languages of formats/columns.ts,
 * or whose cells are state markers on most rows) and a title column. Each body row with any text is a
 * paper, read from its cells with the same inline rules as a task item; the status cell's marker, read
 * with the table's own vocabulary (formats/vocabulary.ts), says whether it is read, being read or unread.
 * Pure: no I/O.
 */
import type { Definition, Paragraph, PhrasingContent, Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { type InlineFacts, readInline } from './inline/read.js';
import type { Link, RowStatus, Span, TableLayout, TableRowInfo } from '../model/paper.js';
import { chooseLayout, type ColumnHints } from './formats/columns.js';
import { type CellReading, columnStatuses, readCell } from './formats/vocabulary.js';
import { parseVenue, parseYearOnly } from './venue.js';

// ---------------------------------------------------------------------------------------------
// Rows

/** What a row says: what a task item's text says, plus its status marker and cells. */
export interface RowFacts extends InlineFacts {
  marker: Span;
  row: TableRowInfo;
}

/** The trimmed content of a cell (between its pipes and the spaces around them). */
function cellContent(src: string, cell: TableCell, last: boolean): Span {
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
export function readTable(
  src: string,
  table: Table,
  definitions: Map<string, Definition>,
  hints: ColumnHints = {},
  known?: TableLayout,
): { head: Span; rows: { node: Table['children'][number]; facts: RowFacts }[] } | null {
  const [header, ...all] = table.children;
  if (!header) return null;
  // A row with no text in any cell is no paper (a spacer, or a row left for later).
  const body = all.filter((row) =>
    row.children.some((cell) => /\S/.test(toString(cell)) || cell.children.some((child) => child.type !== 'text')),
  );
  const spans = body.map((row) => row.children.map((cell, i) => cellContent(src, cell, i === row.children.length - 1)));
  const readings = body.map((row, r) => row.children.map((cell, c) => readCellAsShown(src, cell, spans[r]![c]!)));
  const words = body.map((row) => row.children.map((cell) => /\p{L}.*\p{L}/su.test(toString(cell))));
  const layout =
    chooseLayout(
      header.children.map((cell) => toString(cell)),
      readings,
      words,
      hints,
    ) ?? (known && known.columns === header.children.length ? known : null);
  if (!layout) return null;
  const column = readings.map((row) => row[layout.status]);
  const statuses = columnStatuses(column);
  // The delimiter row ends the line after the header.
  const headerEnd = header.position!.end.offset!;
  const newline = src.indexOf('\n', headerEnd);
  let delimiterEnd = newline < 0 ? src.length : src.indexOf('\n', newline + 1);
  if (delimiterEnd < 0) delimiterEnd = src.length;
  if (src[delimiterEnd - 1] === '\r') delimiterEnd--;
  const head = { start: header.position!.start.offset!, end: delimiterEnd };
  const rows = body.map((node, r) => ({
    node,
    facts: readRow(src, node.children, spans[r]!, layout, head, definitions, column[r], statuses[r]!),
  }));
  return { head, rows };
}

/**
 * How a cell reads: its text as written, or, where markup hides a marker from that (`**[✓](note.md)**`,
 * `[Read](notes/x.md)`, `<b>Done</b>`), its text as GitHub shows it — then the whole cell is the marker.
 */
function readCellAsShown(src: string, cell: TableCell, span: Span): CellReading {
  const raw = readCell(src.slice(span.start, span.end));
  if ((raw.meaning !== 'unknown' && !raw.mixed) || !cell.children.some((child) => child.type !== 'text')) return raw;
  const shown = readCell(toString(cell, { includeHtml: false }).trim());
  if (shown.meaning === 'unknown' || shown.meaning === 'empty' || shown.mixed) return raw;
  return { ...shown, start: 0, end: span.end - span.start };
}

function readRow(
  src: string,
  cells: TableCell[],
  spans: Span[],
  layout: TableLayout,
  head: Span,
  definitions: Map<string, Definition>,
  reading: CellReading | undefined,
  status: RowStatus,
): RowFacts {
  const ctx = { src, definitions };
  const inline = (i: number) => {
    const cell = cells[i];
    if (!cell) return null;
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: cell.children as PhrasingContent[],
      position: { start: at(src, spans[i]!.start), end: at(src, spans[i]!.end) },
    };
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
  let marker: Span;
  if (statusSpan && reading) {
    // The marker as written; an empty or unknown cell: the place a marker goes (the cell's start).
    const found =
      status === 'read' && reading.meaning === 'unknown'
        ? { start: 0, end: statusSpan.end - statusSpan.start }
        : reading;
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
