/**
 * A task list as a paper table. A list the user wrote becomes `| Status | Paper | Venue | Links |`
 * (plus `Tags` and `Written as` where a line needs them, see shape.ts); a list an earlier convert wrote
 * from a table becomes that table again, byte for byte, by the note it left (record.ts).
 */
import type { Link, ListDocument, Paper, Span } from '../../model/paper.js';
import { lineEnd } from '../../model/text.js';
import { type Block, blockLines, lineNumber, linesOf, Refusal } from './block.js';
import { fill, renderRow, type RowStyle, toCell } from './cells.js';
import { type Fields, hasPlaceholder, renderShape } from './shape.js';
import { type ListRecord, type TableRecord, writeRecord } from './record.js';

/** A task item: bullet and spacing, checkbox character, the text after the checkbox, trailing blanks. */
const ITEM = /^((?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\](.*?)([ \t]*)$/;

const TABLE_STYLE: RowStyle = { lead: '|', trail: '|', pad: ' ', empty: ' ' };
/** The columns of a table written from a list; `Tags` and `Written as` only where a line needs them. */
export type Column = 'Status' | 'Paper' | 'Venue' | 'Links' | 'Tags' | 'Written as';
const READ_MARK = '✅';
const UNREAD_MARK = '⬜';

interface Line {
  text: string;
  start: number;
  paper: Paper;
}

/** The item lines of a list block, checked to be one line each, and the empty lines before each. */
function itemLines(doc: ListDocument, block: Block, what: string): { lines: Line[]; gaps: number[] } {
  const lines = blockLines(doc, block).filter((line) => !block.record || line.start > block.start);
  const byStart = new Map(block.papers.map((paper) => [paper.span.start, paper]));
  const items: Line[] = [];
  const gaps: number[] = [];
  let gap = 0;
  let within = -1;
  const others: number[] = [];
  for (const line of lines) {
    const paper = [...byStart.entries()].find(([at]) => at >= line.start && at <= line.start + line.text.length)?.[1];
    if (paper) {
      gaps.push(gap);
      gap = 0;
      // An item whose text runs on over the next lines (wrapped, no sub-items): one row, `<br>` at each break.
      const text = doc.text.slice(paper.span.start, paper.span.end).replace(/\s+$/, '');
      const bodyEnd = lineEnd(doc.text, paper.body.end);
      within = paper.span.start + text.length <= bodyEnd ? bodyEnd : -1;
      const end = within >= 0 ? within : line.start + line.text.length;
      items.push({ text: doc.text.slice(line.start, end), start: line.start, paper });
    } else if (line.start < within) continue;
    else if (line.text === '') gap++;
    else others.push(lineNumber(doc, line.start));
  }
  if (others.length)
    throw new Refusal(`${linesOf(others)}: not items of the ${what} a table row can hold (sub-items or other text)`);
  return { lines: items, gaps };
}

/** A line break inside an item, as a cell writes it (GitHub shows it; papers reads it as a space), and back. */
const toBr = (text: string) => text.replace(/\r?\n/g, '<br>');
export const fromBr = (text: string, eol: string) => text.replace(/<br>/g, eol);

/** `{empty lines: 2}` before a row's shape: the empty lines above its item, where they differ from the list's. */
const GAP = /^\{empty lines: (\d+)\} ?/;

export function gapOf(written: string, blank: number): { gap: number; shape: string } {
  const match = GAP.exec(written);
  return match ? { gap: Number(match[1]), shape: written.slice(match[0].length) } : { gap: blank, shape: written };
}

/** Where a line right under the block would run into a table (no empty line or heading between), or -1. */
function closeBelow(doc: ListDocument, block: Block): number {
  const next = doc.text.indexOf('\n', block.end);
  if (next < 0) return -1;
  const end = doc.text.indexOf('\n', next + 1);
  const line = doc.text.slice(next + 1, end < 0 ? doc.text.length : end).replace(/\r$/, '');
  return line.trim() !== '' && !/^ {0,3}#{1,6}(\s|$)/.test(line) ? next + 1 : -1;
}

/** Refuse a line right under the block, which a table would take as a row. */
function checkAfter(doc: ListDocument, block: Block): void {
  const below = closeBelow(doc, block);
  if (below >= 0)
    throw new Refusal(
      `line ${lineNumber(doc, below)} follows the list with no empty line between: a table would take it as a row`,
    );
}

// ---------------------------------------------------------------------------------------------
// A list the user wrote

interface Row {
  fields: Fields;
  shape: string;
  line: string;
  trailing: string;
  read: boolean;
}

/** Where the title, venue and links of an item are in its line (offsets into the file). */
function regions(text: string, paper: Paper, contentStart: number, contentEnd: number) {
  const inside = (span: Span | null) => span !== null && span.start >= contentStart && span.end <= contentEnd;
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  if (!paper.titleSpan || !inside(paper.titleSpan)) return null;
  const titleLink = paper.links.find(
    (link) => link.labelSpan.start <= paper.titleSpan!.start && paper.titleSpan!.end <= link.labelSpan.end,
  );
  const title: Span = balance(text, titleLink ? titleLink.span : paper.titleSpan, contentStart, contentEnd);
  let venue: Span | null =
    paper.venueSpan &&
    inside(paper.venueSpan) &&
    !overlaps(paper.venueSpan, title) &&
    !paper.links.some((link) => overlaps(link.outerSpan, paper.venueSpan!))
      ? paper.venueSpan
      : null;
  const after = Math.max(title.end, venue && venue.start > title.end ? venue.end : 0);
  const links = paper.links.filter((link: Link) => link !== titleLink && link.outerSpan.start >= after);
  let linkSpan: Span | null = links.length
    ? { start: links[0]!.outerSpan.start, end: links[links.length - 1]!.outerSpan.end }
    : null;
  if (linkSpan && !inside(linkSpan)) linkSpan = null;
  if (venue && linkSpan && overlaps(venue, linkSpan)) venue = null;
  return { title, venue, links: linkSpan };
}

function mostOf(values: number[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * A span widened over the emphasis marks it opens or closes but does not hold both of (a title read as
 * `[survey] **Deep` from `[survey] **Deep**`), so that a cell never holds half of a pair.
 */
function balance(text: string, span: Span, min: number, max: number): Span {
  let { start, end } = span;
  for (const mark of ['**', '__', '~~', '*', '_']) {
    const single = mark.length === 1 ? new RegExp(`(?<![${mark}])\\${mark}(?![${mark}])`, 'g') : null;
    const count = () =>
      single ? (text.slice(start, end).match(single) ?? []).length : text.slice(start, end).split(mark).length - 1;
    if (count() % 2 === 0) continue;
    if (end + mark.length <= max && text.startsWith(mark, end)) end += mark.length;
    else if (start - mark.length >= min && text.startsWith(mark, start - mark.length)) start -= mark.length;
  }
  return { start, end };
}

function rowOf(doc: ListDocument, line: Line, x: string): Row {
  const number = lineNumber(doc, line.start);
  if (/<br\b/i.test(line.text)) throw new Refusal(`line ${number} holds <br>, which convert writes for a line break`);
  if (/\r?\n[ \t]*\r?\n/.test(line.text) || /\r(?!\n)/.test(line.text))
    throw new Refusal(`line ${number}: an item of several paragraphs`);
  const flat = toBr(line.text);
  const match = ITEM.exec(flat);
  if (!match || line.paper.source !== 'task')
    throw new Refusal(`line ${number} is no top-level task item (indented, quoted or without a checkbox)`);
  if (hasPlaceholder(line.text)) throw new Refusal(`line ${number} holds text like {title}, which convert uses itself`);
  const [, lead, box, content, trailing] = match as unknown as [string, string, string, string, string];
  const contentStart = line.start + lead.length + 3;
  const contentEnd = line.start + line.text.length - trailing.length;
  const found = regions(doc.text, line.paper, contentStart, contentEnd);
  if (!found) throw new Refusal(`line ${number}: no title a table cell could hold`);
  const marks = [
    { span: found.title, name: 'title' },
    { span: found.venue, name: 'venue' },
    { span: found.links, name: 'links' },
  ]
    .filter((m): m is { span: Span; name: string } => m.span !== null)
    .sort((a, b) => a.span.start - b.span.start);
  const fields: Fields = { x: box, tags: '', title: '', venue: '', links: '' };
  const pieces: string[] = [];
  let at = contentStart;
  for (const mark of marks) {
    pieces.push(toBr(doc.text.slice(at, mark.span.start)));
    fields[mark.name as 'title'] = toBr(doc.text.slice(mark.span.start, mark.span.end));
    pieces.push(`{${mark.name}}`);
    at = mark.span.end;
  }
  pieces.push(toBr(doc.text.slice(at, contentEnd)));
  // The first run of other words (`[GAT]`, `[2015]`, `**[DRN]**`) goes in the Tags column.
  for (let i = 0; i < pieces.length; i += 2) {
    let piece = pieces[i]!;
    const left = i === 0 ? '' : /^[\])}*_~`]*/.exec(piece)![0];
    piece = piece.slice(left.length);
    const right = i === pieces.length - 1 ? '' : /[[({*_~`]*$/.exec(piece)![0];
    piece = piece.slice(0, piece.length - right.length);
    const inner = piece.trim();
    if (!/[\p{L}\p{N}]/u.test(inner)) continue;
    const before = piece.slice(0, piece.indexOf(inner));
    const afterInner = piece.slice(before.length + inner.length);
    fields.tags = inner;
    pieces[i] = `${left}${before}{tags}${afterInner}${right}`;
    break;
  }
  const read = line.paper.read;
  const standard = read ? x : ' ';
  if (line.paper.reading)
    throw new Refusal(`line ${number} is being read; a table row written by convert says read or not`);
  const shape = `${lead}[${box === standard ? '{x}' : box}]${pieces.join('')}`;
  const own = { ...fields, x: standard };
  if (renderShape(shape, own) !== `${lead}[${box}]${content}`)
    throw new Refusal(`line ${number}: convert cannot describe this line exactly`);
  for (const value of [fields.title, fields.venue, fields.links, fields.tags, shape])
    if (toCell(value) === null)
      throw new Refusal(`line ${number} holds "\\|", which a table cell cannot keep apart from "|"`);
  return { fields: own, shape, line: `${lead}[${box}]${content}`, trailing, read };
}

export function listToTable(doc: ListDocument, block: Block): string {
  const { lines, gaps } = itemLines(doc, block, 'list');
  // A line right under the list: the table gets an empty line before it, which converting back takes out.
  const tight = closeBelow(doc, block) >= 0;
  const blank = mostOf(gaps.slice(1), 0);
  const readChars = lines.filter((l) => l.paper.read).map((l) => ITEM.exec(l.text)?.[2] ?? 'x');
  const x = readChars.filter((c) => c === 'X').length > readChars.length / 2 ? 'X' : 'x';
  const rows = lines.map((line) => rowOf(doc, line, x));
  // The shape most lines have, each written with its own fields, is the list's; the others keep theirs.
  const counts = new Map<string, number>();
  for (const candidate of new Set(rows.map((row) => row.shape)))
    counts.set(candidate, rows.filter((row) => renderShape(candidate, row.fields) === row.line).length);
  const item = [...counts.entries()].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  const written = rows.map((row, i) => {
    const shape = renderShape(item, row.fields) === row.line ? '' : row.shape;
    return i > 0 && gaps[i] !== blank ? `{empty lines: ${gaps[i]}}${shape ? ` ${shape}` : ''}` : shape;
  });
  const columns: Column[] = ['Status', 'Paper', 'Venue', 'Links'];
  if (rows.some((row) => row.fields.tags !== '')) columns.push('Tags');
  if (written.some((w) => w !== '')) columns.push('Written as');
  const eol = doc.eol;
  const cell = (value: string) => toCell(value)!;
  const out = [
    writeRecord('list', { item, x, blank, ...(tight ? { tight } : {}) } satisfies ListRecord),
    renderRow(TABLE_STYLE, [...columns]),
    renderRow(
      TABLE_STYLE,
      columns.map((c) => '-'.repeat(c.length)),
    ).replace(/ /g, '-'),
    ...rows.map(
      (row, i) =>
        renderRow(
          TABLE_STYLE,
          columns.map((c) =>
            c === 'Status'
              ? row.read
                ? READ_MARK
                : UNREAD_MARK
              : c === 'Written as'
                ? cell(written[i]!)
                : cell(row.fields[c === 'Paper' ? 'title' : (c.toLowerCase() as 'venue' | 'links' | 'tags')]),
          ),
        ) + row.trailing,
    ),
  ];
  return out.join(eol) + (tight ? eol : '');
}

// ---------------------------------------------------------------------------------------------
// A list convert wrote from a table: the table again

const CELL_ITEM = /^- \[([ xX])\] (.*?)([ \t]*)$/;
const MAIN = /^(.+?)(?: \[([^[\]]*)\])?(?:: ((?:\[|<|!\[|https?:).*))?$/;

export function cellListToTable(doc: ListDocument, block: Block, record: TableRecord): string {
  const { lines, gaps } = itemLines(doc, block, 'list');
  if (gaps.some((gap, i) => i > 0 && gap !== 0))
    throw new Refusal('the list has empty lines between its items, which its table did not have');
  checkAfter(doc, block);
  const headers = record.head.includes('|') ? splitHeader(record.head) : [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = headers.filter((h) => h !== '');
  const extra = names.length ? new RegExp(` — (?=(?:${names.map(escape).join('|')}): )`) : null;
  const rows = lines.map((line, index) => {
    const number = lineNumber(doc, line.start);
    const match = CELL_ITEM.exec(line.text);
    if (!match) throw new Refusal(`line ${number} is not written as convert writes a table row`);
    const [, box, content, trailing] = match as unknown as [string, string, string, string];
    const [main, ...extras] = extra ? content.split(extra) : [content];
    const parts = MAIN.exec(main!);
    if (!parts) throw new Refusal(`line ${number} has no title`);
    const cells = headers.map(() => '');
    const { status, title, venue, links } = record.layout;
    if (line.paper.reading && !extras.some((e) => e.startsWith(`${headers[status]}: `)))
      throw new Refusal(`line ${number}: a task item cannot say "being read"`);
    cells[status] = box === ' ' ? record.unread : record.read;
    cells[title] = parts[1]!;
    if (venue >= 0) cells[venue] = parts[2] ?? record.none;
    else if (parts[2] !== undefined) throw new Refusal(`line ${number} has a venue, and the table no Venue column`);
    if (links >= 0) cells[links] = parts[3] ?? '';
    else if (parts[3] !== undefined) throw new Refusal(`line ${number} has links, and the table no Links column`);
    for (const e of extras) {
      const at = e.indexOf(': ');
      const column = headers.indexOf(e.slice(0, at));
      cells[column] = e.slice(at + 2);
    }
    const written = cells.map(toCell);
    if (written.some((c) => c === null))
      throw new Refusal(`line ${number} holds "\\|", which a table cell cannot keep apart from "|"`);
    const skeleton = record.count === lines.length ? record.rows?.[String(index)] : undefined;
    return ((skeleton && fill(skeleton, written as string[])) ?? renderRow(record, written as string[])) + trailing;
  });
  return [record.head, record.delimiter, ...rows].join(doc.eol);
}

export function splitHeader(line: string): string[] {
  const body = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && (body[i + 1] === '|' || body[i + 1] === '\\')) {
      cell += body[i]! + body[i + 1]!;
      i++;
    } else if (body[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += body[i];
  }
  cells.push(cell.trim());
  return cells;
}
