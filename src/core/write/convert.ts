/**
 * `convert`: rewrite an area's task list as a paper table, or a paper table as a task list, keeping
 * every paper's title, venue, read state and links (the result is parsed back and compared before it
 * is used). Everything outside the converted blocks stays byte for byte.
 */
import { applyEdits, type Edit } from './splice.js';
import { InvalidInputError, NotFoundError } from '../model/errors.js';
import { escapeInline, formatDestination } from './markdown-escape.js';
import type { ListDocument, Paper } from '../model/paper.js';
import type { Change } from './change.js';
import { parseDocument } from '../read/parse.js';
import { areaFilter } from '../query/areas.js';
import { renderMovedItem } from './add.js';
import { formatAreaPath } from '../query/query.js';
import { itemPrefix } from './render.js';
import { cellText, factsOf, refuseLoneCr, renderRow } from './table-edit.js';
import { lineEnd, lineStart, nextLineStart } from '../model/text.js';

export type Form = 'table' | 'list';

export interface ConvertRequest {
  to: Form;
  /** Only this area (and its sub-areas); all when absent. */
  area?: string;
}

interface Block {
  papers: Paper[];
  start: number;
  end: number;
}

export function convert(doc: ListDocument, request: ConvertRequest): Change {
  const inWanted =
    request.area === undefined
      ? () => true
      : (areaFilter(
          doc.papers.map((paper) => paper.area),
          request.area,
        ) ?? (() => false));
  const inArea = doc.papers.filter((paper) => inWanted(paper.area));
  if (request.area !== undefined && inArea.length === 0)
    throw new NotFoundError(`no papers in an area "${request.area}"; see the areas with papers list`);
  refuseLoneCr(doc);
  const skipped: string[] = [];
  const blocks = request.to === 'table' ? listBlocks(doc, inArea, skipped) : tableBlocks(doc, inArea, skipped);
  const edits: Edit[] = [];
  let count = 0;
  for (const block of blocks) {
    const written = request.to === 'table' ? tableText(doc, block.papers) : listText(doc, block.papers);
    edits.push({ start: block.start, end: block.end, text: written + spacing(doc, block) });
    count += block.papers.length;
  }
  const notes = skipped.length ? `\n${skipped.join('\n')}` : '';
  if (edits.length === 0) {
    return {
      edits: [],
      message: `Nothing to convert to ${request.to === 'table' ? 'tables' : 'task lists'}${notes}`,
      createdAreas: [],
      touched: [],
      removed: [],
    };
  }
  checkReadsBack(doc, edits);
  const what =
    request.to === 'table'
      ? `${blocks.length} list${blocks.length === 1 ? '' : 's'} to tables`
      : `${blocks.length} table${blocks.length === 1 ? '' : 's'} to task lists`;
  return {
    edits,
    message: `Converted ${what} (${count} papers)${notes}`,
    createdAreas: [],
    touched: [],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

/** A block must not run into the line after it (a table would take a following line as a row, a list as lazy text). */
function spacing(doc: ListDocument, block: Block): string {
  const next = doc.text.slice(
    nextLineStart(doc.text, block.end),
    lineEnd(doc.text, nextLineStart(doc.text, block.end)),
  );
  return block.end < doc.text.length && next.trim() !== '' && !/^#{1,6}(\s|$)/.test(next) ? doc.eol : '';
}

// ---------------------------------------------------------------------------------------------
// list -> table

/** The task lists to convert: each a run of one-line top-level items, nothing else between them. */
function listBlocks(doc: ListDocument, papers: Paper[], skipped: string[]): Block[] {
  const byList = new Map<number, Paper[]>();
  for (const paper of papers)
    if (paper.source !== 'row') byList.set(paper.listIndex, [...(byList.get(paper.listIndex) ?? []), paper]);
  const blocks: Block[] = [];
  for (const items of byList.values()) {
    const first = items[0]!;
    const where = `line ${first.line} (${formatAreaPath(first.area) || 'no area'})`;
    const nested = items.some((item) =>
      items.some((other) => other !== item && other.span.start < item.span.start && item.span.end <= other.span.end),
    );
    const start = lineStart(doc.text, first.span.start);
    const end = lineEnd(doc.text, items[items.length - 1]!.span.end);
    const lines = new Set(items.map((item) => lineStart(doc.text, item.span.start)));
    let plain =
      !nested &&
      items.every((item) => !/[\r\n]/.test(doc.text.slice(item.span.start, item.span.end).replace(/[\r\n]+$/, '')));
    for (let at = start; plain && at < end; at = nextLineStart(doc.text, at)) {
      if (!lines.has(at) && doc.text.slice(at, lineEnd(doc.text, at)).trim() !== '') plain = false;
    }
    if (!plain || /[>]/.test(itemPrefix(doc, first))) {
      skipped.push(`skipped the list at ${where}: it has sub-items, other text or quote markers; convert it by hand`);
      continue;
    }
    blocks.push({ papers: items, start, end });
  }
  return blocks;
}

function tableText(doc: ListDocument, papers: Paper[]): string {
  const template = doc.papers.find((paper) => paper.source === 'row') ?? null;
  const eol = doc.eol;
  if (template) {
    const head = doc.text.slice(template.row!.head.start, template.row!.head.end).replace(/\r?\n[ \t]*/g, eol);
    return [head, ...papers.map((paper) => renderRow(doc, template, factsOf(paper)).replace(/^[ \t>]*/, ''))].join(eol);
  }
  const rows = papers.map((paper) => {
    const facts = factsOf(paper);
    const links = facts.links
      .map((link) => cellText(`[${escapeInline(link.label)}](${formatDestination(link.url)})`))
      .join(' / ');
    const venue = facts.venue === null ? '—' : cellText(escapeInline(facts.venue));
    return `| ${facts.read ? '✅' : '⬜'} | ${cellText(escapeInline(facts.title))} | ${venue} | ${links} |`.replace(
      / {2}\|$/,
      ' |',
    );
  });
  return ['| Status | Paper | Venue | Links |', '|--------|-------|-------|-------|', ...rows].join(eol);
}

// ---------------------------------------------------------------------------------------------
// table -> list

function tableBlocks(doc: ListDocument, papers: Paper[], skipped: string[]): Block[] {
  const byTable = new Map<number, Paper[]>();
  for (const paper of papers)
    if (paper.source === 'row') byTable.set(paper.listIndex, [...(byTable.get(paper.listIndex) ?? []), paper]);
  const blocks: Block[] = [];
  for (const rows of byTable.values()) {
    const first = rows[0]!;
    const all = doc.papers.filter((paper) => paper.listIndex === first.listIndex);
    if (all.length !== rows.length) continue;
    const layout = first.row!.layout;
    const known = new Set([layout.status, layout.title, layout.venue, layout.year, layout.links]);
    const extra = rows.some((row) => row.row!.cells.some((cell, i) => !known.has(i) && cell.end > cell.start));
    if (extra || /[>]/.test(doc.text.slice(lineStart(doc.text, first.row!.head.start), first.row!.head.start))) {
      skipped.push(
        `skipped the table at line ${first.line - 2} (${formatAreaPath(first.area) || 'no area'}): it has columns a task item cannot hold, or is quoted; convert it by hand`,
      );
      continue;
    }
    blocks.push({
      papers: rows,
      start: lineStart(doc.text, first.row!.head.start),
      end: lineEnd(doc.text, rows[rows.length - 1]!.span.end),
    });
  }
  return blocks;
}

function listText(doc: ListDocument, rows: Paper[]): string {
  const template = doc.papers.find((paper) => paper.source !== 'row') ?? null;
  const prefix = template
    ? itemPrefix(doc, template)
        .replace(/^[\s>]*/, '')
        .replace(/^\d+([.)])/, '1$1') || '- '
    : '- ';
  // Blank lines between items when the file's lists have them.
  return rows
    .map((row) => renderMovedItem(doc, prefix, template, factsOf(row)))
    .join(template?.loose ? doc.eol + doc.eol : doc.eol);
}

// ---------------------------------------------------------------------------------------------

function checkReadsBack(doc: ListDocument, edits: Edit[]): void {
  const after = parseDocument(applyEdits(doc.text, edits)).papers;
  const key = (paper: Paper) =>
    JSON.stringify([
      paper.title,
      paper.venue,
      paper.read,
      paper.area,
      paper.links.map((link) => [link.label.toLowerCase(), link.url]),
    ]);
  const before = doc.papers.map(key);
  const now = after.map(key);
  const lost = doc.papers.find((_, i) => before[i] !== now[i]);
  if (before.length !== now.length || lost) {
    const who = lost ? `"${lost.title}" (line ${lost.line})` : 'a paper';
    throw new InvalidInputError(
      `cannot convert without changing ${who}: it would not read back the same; convert that part by hand`,
    );
  }
}
