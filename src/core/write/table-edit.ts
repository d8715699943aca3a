/**
 * Edits on paper-table rows, as surgical as on task items: `done`/`undone` replace the marker
 * characters in the status cell, `note` adds a link in the links cell, `rm` takes the row's line, new
 * rows copy the table's own style. Nothing here re-aligns other rows.
 */
import type { Edit } from './splice.js';
import { InvalidInputError } from '../model/errors.js';
import { escapeInline, escapeLabel, formatDestination } from './markdown-escape.js';
import type { Link, ListDocument, Paper, Span } from '../model/paper.js';
import type { AreaTarget } from '../query/areas.js';
import { displayName, type Change } from './change.js';
import type { NewPaper } from './render.js';
import { markerFor } from './marker-edit.js';
import { parseVenue } from '../read/venue.js';
import { lineEnd, lineStart, nextLineStart } from '../model/text.js';

// ---------------------------------------------------------------------------------------------
// note

/** Text for inside a table cell: every pipe not already escaped gets a backslash. */
export function cellText(markdown: string): string {
  let out = '';
  let backslashes = 0;
  for (const ch of markdown) {
    if (ch === '|' && backslashes % 2 === 0) out += '\\';
    out += ch;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  return out;
}

function linkText(label: string, url: string, like: Link | null, doc: ListDocument): string {
  const written = like ? doc.text.slice(like.labelSpan.start, like.labelSpan.end) : label;
  const lower = like && like.label === like.label.toLowerCase() && /[a-z]/.test(like.label);
  const shown = escapeLabel(lower ? label.toLowerCase() : label);
  const bold = /^\*\*.*\*\*$/s.test(written);
  return cellText(`[${bold ? `**${shown}**` : shown}](${formatDestination(url)})`);
}

/** Where links go in a row: the links column, else the cell that holds the row's last link, else the title cell. */
function linksCell(paper: Paper): number {
  const row = paper.row!;
  if (row.layout.links >= 0 && row.cells[row.layout.links]) return row.layout.links;
  const last = paper.links[paper.links.length - 1];
  if (last) {
    const index = row.cells.findIndex((cell) => cell.start <= last.span.start && last.span.end <= cell.end);
    if (index >= 0) return index;
  }
  return row.layout.title;
}

/** The separator between two links in a cell of this row's table (` / `), else the file's, else a space. */
function linkSeparator(doc: ListDocument, paper: Paper): string {
  const ordered = [
    paper,
    ...doc.papers.filter((p) => p.source === 'row' && p.listIndex === paper.listIndex),
    ...doc.papers.filter((p) => p.source === 'row'),
  ];
  for (const other of ordered) {
    for (let i = 1; i < other.links.length; i++) {
      const between = doc.text.slice(other.links[i - 1]!.outerSpan.end, other.links[i]!.outerSpan.start);
      if (/^[ \t,;/·•]*$/.test(between) && between !== '' && !between.includes('|')) return between;
      if (/^[ \t]*\\\|[ \t]*$/.test(between)) return between;
    }
  }
  return ' ';
}

/**
 * The ways to write the link into a row, in the order tried: a new URL in place of the old; a new link in
 * the row's link style (in the links cell, after its last link), then wrapped in brackets (`[[zz](u)]`).
 */
export function rowLinkEdits(doc: ListDocument, paper: Paper, label: string, url: string): Edit[] {
  const existing = paper.links.find((link) => link.label.toLowerCase() === label.toLowerCase());
  if (existing) {
    const text = existing.urlSpan ? cellText(formatDestination(url)) : linkText(existing.label, url, existing, doc);
    const span = existing.urlSpan ? writtenDestination(doc.text, existing.urlSpan) : existing.span;
    return [{ ...span, text }];
  }
  const row = paper.row!;
  const index = linksCell(paper);
  const cell = row.cells[index];
  const like = [...paper.links].reverse().find((link) => link.urlSpan) ?? fileLink(doc);
  const rendered = linkText(label, url, like, doc);
  if (!cell) throw new Error('internal: a row without its links cell');
  const inCell = paper.links.filter((link) => cell.start <= link.span.start && link.span.end <= cell.end);
  const last = inCell[inCell.length - 1];
  const forms = [...new Set([rendered, rendered.startsWith('[[') ? rendered : `[${rendered}]`])];
  // Then at the end of the title cell, when the links went elsewhere (a venue or year cell written as a link).
  const titleCell = row.cells[row.layout.title];
  const inTitleCell =
    index === row.layout.title || !titleCell || titleCell.start === titleCell.end
      ? []
      : forms.map((form) => ({ start: titleCell.end, end: titleCell.end, text: ` ${form}` }));
  if (last)
    return [
      ...forms.map((form) => ({
        start: last.outerSpan.end,
        end: last.outerSpan.end,
        text: linkSeparator(doc, paper) + form,
      })),
      ...inTitleCell,
    ];
  if (cell.start === cell.end) {
    const after = doc.text[cell.start];
    const pad = after === '|' && doc.text[cell.start - 1] === ' ' ? ' ' : '';
    return [...forms.map((form) => ({ start: cell.start, end: cell.end, text: form + pad })), ...inTitleCell];
  }
  return [...forms.map((form) => ({ start: cell.end, end: cell.end, text: ` ${form}` })), ...inTitleCell];
}

function fileLink(doc: ListDocument): Link | null {
  for (const paper of doc.papers)
    for (const link of paper.links) if (link.urlSpan && paper.source === 'row') return link;
  return null;
}

function writtenDestination(text: string, urlSpan: Span): Span {
  return text[urlSpan.start - 1] === '<' && text[urlSpan.end] === '>'
    ? { start: urlSpan.start - 1, end: urlSpan.end + 1 }
    : urlSpan;
}

// ---------------------------------------------------------------------------------------------
// rm

/**
 * Row edits that take or add whole lines find lines by LF; a lone CR also ends a line in markdown, so
 * such files are refused rather than cut in the wrong place.
 */
export function refuseLoneCr(doc: ListDocument): void {
  if (/\r(?!\n)/.test(doc.text)) {
    throw new InvalidInputError(
      'this file ends some lines with a lone CR (old Mac style); papers edits table rows only in files with LF or CRLF line endings. Convert the line endings first',
    );
  }
}

/** The row's whole line with its line ending (the line ending before it, for a last line without one). */
function rowRemoval(doc: ListDocument, paper: Paper): Edit {
  refuseLoneCr(doc);
  const text = doc.text;
  const start = lineStart(text, paper.span.start);
  const end = nextLineStart(text, paper.span.end);
  if (end === text.length && !/[\r\n]$/.test(text.slice(start, end))) {
    // The last line of the file: take the line ending before it instead.
    let from = start;
    if (text[from - 1] === '\n') from--;
    if (text[from - 1] === '\r') from--;
    return { start: from, end: lineEnd(text, paper.span.end), text: '' };
  }
  return { start, end, text: '' };
}

/**
 * The last row of a table takes the table with it (header, delimiter row, and the blank lines before
 * it, back to the previous content): what `add` inserts for a new table, so add then rm is identity.
 */
export function rowOrTableRemoval(doc: ListDocument, paper: Paper): Edit {
  const alone = !doc.papers.some(
    (other) => other !== paper && other.source === 'row' && other.listIndex === paper.listIndex,
  );
  if (!alone) return rowRemoval(doc, paper);
  const text = doc.text;
  const headLine = lineStart(text, paper.row!.head.start);
  let start = headLine;
  while (start > doc.contentStart && /\s/.test(text[start - 1]!)) start--;
  const end = lineEnd(text, paper.span.end);
  if (start > doc.contentStart) return { start, end, text: '' };
  return { start: headLine, end: nextLineStart(text, end), text: '' };
}

export function removeRow(doc: ListDocument, paper: Paper): Change {
  return {
    edits: [rowOrTableRemoval(doc, paper)],
    message: `Removed ${displayName(paper)}`,
    createdAreas: [],
    touched: [],
    removed: [paper],
    delta: { total: -1, read: paper.read ? -1 : 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// New rows

/**
 * A row for a new paper in the style of `template`'s table: its leading/trailing pipes and padding,
 * bold titles if the table bolds them, its marker pair, its empty-venue dash, its link separator.
 */
export function renderRow(doc: ListDocument, template: Paper, paper: NewPaper): string {
  const text = doc.text;
  const row = template.row!;
  const layout = row.layout;
  const siblings = doc.papers.filter((p) => p.source === 'row' && p.listIndex === template.listIndex);
  const lineFrom = lineStart(text, template.span.start);
  const indent = text.slice(lineFrom, template.span.start);
  const line = text.slice(template.span.start, lineEnd(text, template.span.end));
  const leading = line.startsWith('|');
  const trailing = /(^|[^\\])(\\\\)*\|[ \t]*$/.test(line);
  const pad = /\|[ \t]+\S/.test(line) || !leading ? ' ' : '';
  const cellOf = (p: Paper, i: number) => {
    const span = p.row!.cells[i];
    return span ? text.slice(span.start, span.end) : '';
  };
  const bold =
    siblings.length > 0 &&
    siblings.filter((p) => /^\*\*.*\*\*$/s.test(cellOf(p, layout.title))).length * 2 > siblings.length;
  // The table's own empty-venue cell (`—`, or nothing), else the one the file's other tables use (a new table).
  const emptyOf = (rows: Paper[]) => {
    const empties = rows
      .filter((p) => p.row!.layout.venue >= 0)
      .map((p) => cellOf(p, p.row!.layout.venue).trim())
      .filter((v) => !/[\p{L}\p{N}]/u.test(v));
    return empties.find((v) => v !== '') ?? empties[0];
  };
  const emptyVenue =
    layout.venue >= 0 ? (emptyOf(siblings) ?? emptyOf(doc.papers.filter((p) => p.source === 'row')) ?? '') : '';
  const cells: string[] = [];
  const noteMark =
    paper.links.some((l) => /^note$/i.test(l.label)) && siblings.some((p) => /📝/u.test(cellOf(p, layout.status)));
  for (let i = 0; i < layout.columns; i++) {
    let value = '';
    if (i === layout.status)
      value = markerFor(doc, template, paper.read ? 'read' : 'unread')! + (noteMark ? ' 📝' : '');
    else if (i === layout.title) {
      value = bold ? `**${cellText(escapeInline(paper.title))}**` : cellText(escapeInline(paper.title));
      // Without a venue column the venue is a tag after the title, as in a task item.
      if (layout.venue < 0 && paper.venue) value += `[${cellText(escapeInline(paper.venue))}]`;
    } else if (i === layout.venue) value = paper.venue ? cellText(escapeInline(paper.venue)) : emptyVenue;
    else if (i === layout.year) value = paper.venue ? String(parseVenue(paper.venue)?.year ?? '') : '';
    cells.push(value.trim());
  }
  const linksAt = layout.links >= 0 ? layout.links : layout.title;
  if (paper.links.length) {
    const like = template.links.find((l) => l.urlSpan) ?? fileLink(doc);
    const rendered = paper.links.map((l) => linkText(l.label, l.url, like, doc)).join(linkSeparator(doc, template));
    cells[linksAt] = cells[linksAt] ? `${cells[linksAt]} ${rendered}` : rendered;
  }
  let body = cells.map((cell) => (cell === '' ? pad : `${pad}${cell}${pad}`)).join('|');
  // Without a leading pipe the first cell starts the line.
  if (!leading) body = body.replace(/^[ \t]+/, '');
  return `${indent}${leading ? '|' : ''}${body}${trailing ? '|' : ''}`.replace(/[ \t]+$/, (m) => (trailing ? m : ''));
}

// ---------------------------------------------------------------------------------------------
// Where a new row goes

/**
 * The last paper of the target area's own, when it is a table row: a new paper goes after it, in its
 * table. The top of the file (`/`) has its own papers too: those above the first area heading.
 */
export function rowAnchor(doc: ListDocument, target: AreaTarget, moving: Paper | null): Paper | null {
  if (target.kind === 'missing') return null;
  const own = doc.papers.filter(
    (paper) =>
      paper !== moving && (target.kind === 'heading' ? paper.headingIndex === target.index : paper.area.length === 0),
  );
  const last = own[own.length - 1];
  return last && last.source === 'row' ? last : null;
}

/** The row for `paper` after `anchor`, as an insertion at the end of anchor's line. */
export function rowAfter(doc: ListDocument, anchor: Paper, row: string): Edit {
  refuseLoneCr(doc);
  const at = lineEnd(doc.text, anchor.span.end);
  return { start: at, end: at, text: doc.eol + row };
}

/** Does the file keep its papers in tables (more rows than task items)? Then new areas get a table. */
export function tableTemplate(doc: ListDocument, at: number): Paper | null {
  const rows = doc.papers.filter((paper) => paper.source === 'row');
  if (rows.length * 2 <= doc.papers.length) return null;
  return rows.filter((row) => row.span.end <= at).pop() ?? rows[0] ?? null;
}

/** A new table for a new area: the header and delimiter rows of the template's table, then one row. */
export function newTable(doc: ListDocument, template: Paper, row: string): string {
  const head = template.row!.head;
  const indent = doc.text.slice(lineStart(doc.text, head.start), head.start);
  const headText = doc.text
    .slice(head.start, head.end)
    .replace(/\r?\n[ \t]*/g, doc.eol + indent.replace(/[^ \t]/g, ''));
  return headText + doc.eol + row.replace(/^[ \t]*/, '');
}

/** The facts of an existing paper, to write it anew in another form (a row as a task item, or back). */
export function factsOf(paper: Paper): NewPaper {
  return {
    title: paper.title,
    venue: paper.venue,
    read: paper.read,
    links: paper.links.map((link) => ({ label: link.label, url: link.url })),
  };
}

/** The row's line as written, without its indentation: a row moved to a table with the same header keeps it. */
export function rowLine(doc: ListDocument, paper: Paper): string {
  return doc.text.slice(paper.span.start, lineEnd(doc.text, paper.span.end));
}

export function sameHead(doc: ListDocument, a: Paper, b: Paper): boolean {
  const head = (p: Paper) => doc.text.slice(p.row!.head.start, p.row!.head.end).replace(/\s+/g, ' ');
  return head(a) === head(b);
}
