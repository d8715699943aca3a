/**
 * A paper table as a task list. A table the user wrote becomes one item per row in one format,
 * `- [x] Title [Venue]: Links — Column: cell` (its header, delimiter row and cell style kept in the note
 * above, record.ts); a table an earlier convert wrote from a list becomes that list again, byte for byte.
 */
import type { ListDocument } from '../../model/paper.js';
import { type Block, blockLines, lineNumber, linesOf, Refusal } from './block.js';
import { fromCell, renderRow, rowStyleOf, skeletonOf, splitRow } from './cells.js';
import { type Column, fromBr, gapOf, splitHeader } from './from-list.js';
import { type ListRecord, type TableRecord, writeRecord } from './record.js';
import { type Fields, renderShape } from './shape.js';

/** The header, delimiter and row lines of a table block; every row a paper. */
function tableLines(doc: ListDocument, block: Block) {
  const lines = blockLines(doc, block).slice(block.record ? 1 : 0);
  // (The empty line under a table written from a list with a line right under it: see index.ts.)
  if (lines.length > 2 && lines[lines.length - 1]!.text === '') lines.pop();
  const [head, delimiter, ...rows] = lines;
  if (!head || !delimiter) throw new Refusal('no table');
  if (rows.length !== block.papers.length)
    throw new Refusal(
      `${linesOf(rows.filter((r) => !block.papers.some((p) => p.span.start >= r.start && p.span.start <= r.start + r.text.length)).map((r) => lineNumber(doc, r.start)))}: table rows that are no papers`,
    );
  if (/^[ \t>]/.test(head.text)) throw new Refusal('the table is indented or quoted');
  const next = doc.text.indexOf('\n', block.end);
  const tight = block.record?.kind === 'list' && block.record.record.tight === true;
  if (next >= 0 && !tight) {
    const end = doc.text.indexOf('\n', next + 1);
    const line = doc.text.slice(next + 1, end < 0 ? doc.text.length : end).replace(/\r$/, '');
    if (line.trim() !== '' && !/^ {0,3}#{1,6}(\s|$)/.test(line))
      throw new Refusal(
        `line ${lineNumber(doc, next + 1)} follows the table with no empty line between: a list would take it in`,
      );
  }
  return {
    head,
    delimiter,
    rows: rows.map((row, i) => {
      const trailing = /[ \t]*$/.exec(row.text)![0];
      return { ...row, body: row.text.slice(0, row.text.length - trailing.length), trailing, paper: block.papers[i]! };
    }),
  };
}

/** The most common value; of as common ones, the shortest (a bare `✅` over `✅ 📝`). */
const majority = (values: string[], fallback: string) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [string, number] = [fallback, 0];
  for (const next of counts)
    if (next[1] > best[1] || (next[1] === best[1] && next[0].length < best[0].length)) best = next;
  return best[0];
};

// ---------------------------------------------------------------------------------------------
// A table the user wrote

export function tableToList(doc: ListDocument, block: Block): string {
  const { head, delimiter, rows } = tableLines(doc, block);
  const style = rowStyleOf(rows.map((r) => r.body));
  const headers = splitHeader(head.text);
  const cells = rows.map((row) => splitRow(row.body).cells.map((c) => c.trim()));
  // Rows padded otherwise keep their spaces and pipes in the note.
  const skeletons: Record<string, string> = {};
  rows.forEach((row, i) => {
    if (renderRow(style, cells[i]!) !== row.body) skeletons[String(i)] = skeletonOf(row.body);
  });
  const short = rows.filter((_, i) => cells[i]!.length !== headers.length).map((r) => lineNumber(doc, r.start));
  if (short.length) throw new Refusal(`${linesOf(short)}: a row with more or fewer cells than the header`);
  const layout = rows[0]!.paper.row!.layout;
  const { status, title, venue, links } = layout;
  if (status < 0 || title < 0) throw new Refusal('no status or no title column');
  const read = majority(
    rows.flatMap((r, i) => (r.paper.read ? [cells[i]![status]!] : [])),
    '✅',
  );
  const unread = majority(
    rows.flatMap((r, i) => (!r.paper.read && !r.paper.reading ? [cells[i]![status]!] : [])),
    '',
  );
  const noVenue = (c: string) => /^(|—|–|-|--|N\/A|n\/a)$/.test(c);
  const none = venue >= 0 ? majority(cells.map((c) => c[venue]!).filter(noVenue), '') : '';
  const others = headers.map((h, i) => ({ h, i })).filter(({ i }) => ![title, links].includes(i));
  const names = others.map((o) => o.h);
  if (names.some((n, i) => n === '' || names.indexOf(n) !== i || /: | — /.test(n)))
    throw new Refusal('its header has empty or repeated column names, which the list would name its cells by');
  const items = rows.map((row, r) => {
    const c = cells[r]!.map(fromCell);
    const number = lineNumber(doc, row.start);
    if (c[title] === '') throw new Refusal(`line ${number}: a row with no title`);
    let main = c[title]!;
    const extras: string[] = [];
    for (const { h, i } of others) {
      const cell = c[i]!;
      if (i === status) {
        if (cell !== (row.paper.read ? read : unread)) extras.push(`${h}: ${cell}`);
      } else if (i === venue) {
        if (cell === none) continue;
        if (noVenue(cell) || /[[\]]/.test(cell)) extras.push(`${h}: ${cell}`);
        else main += ` [${cell}]`;
      } else if (cell !== '') extras.push(`${h}: ${cell}`);
    }
    if (links >= 0 && c[links] !== '') main += `: ${c[links]!}`;
    return `- [${row.paper.read ? 'x' : ' '}] ${[main, ...extras].join(' — ')}${row.trailing}`;
  });
  const record: TableRecord = {
    head: head.text,
    delimiter: delimiter.text,
    ...style,
    read,
    unread,
    none,
    layout: { status, title, venue, links },
    ...(Object.keys(skeletons).length ? { rows: skeletons, count: rows.length } : {}),
  };
  return [writeRecord('table', record), ...items].join(doc.eol);
}

// ---------------------------------------------------------------------------------------------
// A table convert wrote from a list: the list again

export function shapeTableToList(doc: ListDocument, block: Block, record: ListRecord): string {
  const { head, rows } = tableLines(doc, block);
  const headers = splitHeader(head.text);
  const column = (name: Column) => headers.indexOf(name);
  if (column('Status') < 0 || column('Paper') < 0)
    throw new Refusal('the table convert wrote has lost its Status or Paper column');
  const gaps: number[] = [];
  const items = rows.map((row) => {
    const number = lineNumber(doc, row.start);
    const cells = splitRow(row.body).cells.map((c) => fromCell(c.trim()));
    const cell = (name: Column) => (column(name) >= 0 ? (cells[column(name)] ?? '') : '');
    if (row.paper.reading) throw new Refusal(`line ${number}: a task item cannot say "being read"`);
    const fields: Fields = {
      x: row.paper.read ? record.x : ' ',
      tags: cell('Tags'),
      title: cell('Paper'),
      venue: cell('Venue'),
      links: cell('Links'),
    };
    const { gap, shape } = gapOf(cell('Written as'), record.blank);
    gaps.push(gap);
    return fromBr(renderShape(shape || record.item, fields), doc.eol) + row.trailing;
  });
  return items.map((item, i) => (i === 0 ? '' : doc.eol.repeat(gaps[i]! + 1)) + item).join('');
}
