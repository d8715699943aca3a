/**
 * The day a paper was read, written by `done` and taken out by `undone` when dates are on
 * (`.papers.json` "doneDates", or `done --date`), in the style the list already uses (see
 * read/dates.ts): `✅ 2026-11-28` at the end of the item (Obsidian Tasks), ` (read 2026-11-28)`, or the
 * row's cell in its table's date column. `undone` takes out exactly what `done` put in, so done then
 * undone gives the file's bytes back: the item's text ` ✅ <day>`, or the cell's `<day> ` (a date and
 * the space after it, when the cell was empty). Pure.
 */
import type { ListDocument, Paper } from '../model/paper.js';
import { headerCells } from '../read/formats/columns.js';
import { dateOnLine, isDateColumn, parseListDate, READ_DATE, TASKS_DATE } from '../read/dates.js';
import { mapOffset, type Edit } from './splice.js';
import type { Change } from './change.js';

/** The style of dates on the list's own lines, the more common of the two; null when it has neither. */
function lineDateStyle(text: string): 'tasks' | 'read' | null {
  const tasks = [...text.matchAll(TASKS_DATE)].length;
  const read = [...text.matchAll(READ_DATE)].length;
  if (tasks === 0 && read === 0) return null;
  return read > tasks ? 'read' : 'tasks';
}

/** The date column's cell of a table row, or null when its table has none. */
function dateCell(doc: ListDocument, paper: Paper): { start: number; end: number } | null {
  if (!paper.row) return null;
  const head = doc.text.slice(paper.row.head.start, paper.row.head.end);
  const header = headerCells(head.split(/\r?\n|\r/)[0]!.replace(/^[ \t>]*/, ''));
  const column = header.findIndex((cell, i) => i !== paper.row!.layout.status && isDateColumn(cell));
  return column < 0 ? null : (paper.row.cells[column] ?? null);
}

/** The edit that writes `day` for a paper being marked read; null when it has a date already, or nowhere to put one. */
function doneDateEdit(doc: ListDocument, paper: Paper, day: string): Edit | null {
  if (paper.source === 'row') {
    const cell = dateCell(doc, paper);
    if (!cell || cell.end > cell.start) return null;
    return { start: cell.start, end: cell.start, text: `${day} ` };
  }
  const body = doc.text.slice(paper.body.start, paper.body.end);
  if (dateOnLine(body)) return null;
  const style = lineDateStyle(doc.text) ?? (paper.source === 'marked' ? 'read' : 'tasks');
  return { start: paper.body.end, end: paper.body.end, text: style === 'tasks' ? ` ✅ ${day}` : ` (read ${day})` };
}

/** The edit that takes a paper's read date out as it is marked unread (what doneDateEdit wrote); null when it has none. */
function undoneDateEdit(doc: ListDocument, paper: Paper): Edit | null {
  if (paper.source === 'row') {
    const cell = dateCell(doc, paper);
    if (!cell || cell.end === cell.start || parseListDate(doc.text.slice(cell.start, cell.end)) === null) return null;
    return { start: cell.start, end: cell.end + (doc.text[cell.end] === ' ' ? 1 : 0), text: '' };
  }
  const body = doc.text.slice(paper.body.start, paper.body.end);
  let last: { index: number; length: number } | null = null;
  for (const pattern of [TASKS_DATE, READ_DATE])
    for (const match of body.matchAll(pattern))
      if (last === null || match.index > last.index) last = { index: match.index, length: match[0].length };
  if (!last) return null;
  const start = paper.body.start + last.index;
  return { start, end: start + last.length, text: '' };
}

/**
 * A change of a paper's state with its date written (`day`, marking read) or taken out (`day` null,
 * marking unread); the change as it was when it changes nothing or the paper has no place for a date.
 */
export function withDoneDate(doc: ListDocument, paper: Paper, change: Change, day: string | null): Change {
  if (change.edits.length === 0) return change;
  const edit = day === null ? undoneDateEdit(doc, paper) : doneDateEdit(doc, paper, day);
  if (!edit) return change;
  const edits = [...change.edits, edit];
  return { ...change, edits, touched: [mapOffset(edits, paper.checkbox.start)] };
}
