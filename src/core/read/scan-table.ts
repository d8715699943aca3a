/**
 * The line scanner's tables (scan.ts): a GFM table of the plainest kind, read without remark. Every line
 * of it is `|`-framed (a pipe first and last, nothing after it), the delimiter row is dashes and colons,
 * every row has the header's number of cells, and each cell holds one of
 *
 *   - nothing, or plain words (no markup, escapes, character references, HTML or autolink literals, and
 *     no brackets: then `!` and `>` are text too);
 *   - `**words**` and nothing else, the words plain and starting and ending with a letter or digit (so
 *     that the asterisks are strong emphasis whatever is around them);
 *   - inline links `[words](destination)` with plain words between them (`[Paper](u) / [Note](v)`), the
 *     destinations as scan.ts reads them (no spaces, titles, `<…>`, quotes, escapes or references).
 *
 * For such a table the mdast tree remark builds is known exactly (each cell from its leading pipe to the
 * next, the last one to the row's end; text trimmed of the cell's spaces), so the scanner builds that
 * tree itself and reads it with table.ts, as the remark walker does (parse-remark.ts addTable). Anything
 * else (a backslash or a backtick anywhere in the table, a line after it that is not blank) sends the
 * part to remark. test/differential.test.ts compares the two on every real list.
 */
import type { PhrasingContent, Table, TableCell, TableRow } from 'mdast';
import type { Span } from '../model/paper.js';
import type { PartialPaper } from './parts.js';
import { readTable } from './table.js';
import { rowPaper } from './partial-paper.js';
import { CHARACTER_REFERENCE, destinationEnd } from './destination.js';

/**
 * Characters that start inline markup or escapes, controls, and brackets (so no `!` starts an image and
 * no `>` a tag: both are text here, as they are in a cell). `&` is text unless it starts a reference.
 */
const NOT_PLAIN = /[\\`*_~<\u0000-\u0008\u000b-\u001f\u007f[\]]/;
/** GFM autolink literals (`https://`, `www.`, `a@b.c`) would turn text into links. */
const AUTOLINK = /https?:|www\.|ftp:|mailto:|xmpp:|@/i;
const DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)+$/;
const WORD_EDGE = /^[\p{L}\p{N}]$/u;

/** A table's lines: where each starts and ends (without its line ending), and its 1-based line number. */
export interface TableLine {
  start: number;
  end: number;
  number: number;
}

/**
 * The papers of a table made of these lines (header, delimiter row, body rows), in a part with no
 * definitions; `[]` for a table that holds no papers; null when the table is not one read here.
 */
export function scanTable(
  src: string,
  lines: readonly TableLine[],
  headingIndex: number,
  listIndex: number,
): { papers: PartialPaper[]; isPaperTable: boolean } | null {
  const [headerLine, delimiterLine, ...bodyLines] = lines;
  if (!headerLine || !delimiterLine) return null;
  const delimiter = src.slice(delimiterLine.start, delimiterLine.end);
  if (!DELIMITER_ROW.test(delimiter)) return null;
  const columns = delimiter.split('|').length - 2;
  const rows: TableRow[] = [];
  for (const line of [headerLine, ...bodyLines]) {
    const row = scanRow(src, line, columns);
    if (!row) return null;
    rows.push(row);
  }
  const table: Table = {
    type: 'table',
    align: delimiter
      .slice(1, -1)
      .split('|')
      .map((cell) => {
        const trimmed = cell.trim();
        const left = trimmed.startsWith(':');
        const right = trimmed.endsWith(':');
        return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
      }),
    children: rows,
    position: { start: rows[0]!.position!.start, end: rows[rows.length - 1]!.position!.end },
  };
  const read = readTable(src, table, new Map());
  if (!read) return { papers: [], isPaperTable: false };
  const papers = read.rows.map(({ node, facts }) =>
    rowPaper(facts, headingIndex, {
      span: { start: node.position!.start.offset!, end: node.position!.end.offset! },
      line: node.position!.start.line,
      listIndex,
    }),
  );
  return { papers, isPaperTable: true };
}

function point(line: number, offset: number) {
  return { line, column: 1, offset };
}

/** A `|`-framed row of `columns` cells, as remark's tree has it; null when a cell is not plain enough. */
function scanRow(src: string, line: TableLine, columns: number): TableRow | null {
  const { start, end } = line;
  if (src.charCodeAt(start) !== 124 || src.charCodeAt(end - 1) !== 124 || end - start < 2) return null;
  const pipes: number[] = [];
  for (let at = src.indexOf('|', start); at >= 0 && at < end; at = src.indexOf('|', at + 1)) pipes.push(at);
  if (pipes.length !== columns + 1) return null;
  const cells: TableCell[] = [];
  for (let i = 0; i < columns; i++) {
    const cellStart = pipes[i]!;
    const cellEnd = i === columns - 1 ? end : pipes[i + 1]!;
    let from = cellStart + 1;
    let to = pipes[i + 1]!;
    while (from < to && (src[from] === ' ' || src[from] === '\t')) from++;
    while (to > from && (src[to - 1] === ' ' || src[to - 1] === '\t')) to--;
    const children = scanCell(src, from, to, line.number);
    if (!children) return null;
    cells.push({
      type: 'tableCell',
      children,
      position: { start: point(line.number, cellStart), end: point(line.number, cellEnd) },
    });
  }
  return {
    type: 'tableRow',
    children: cells,
    position: { start: point(line.number, start), end: point(line.number, end) },
  };
}

function plain(text: string): boolean {
  return !NOT_PLAIN.test(text) && !AUTOLINK.test(text) && !(text.includes('&') && CHARACTER_REFERENCE.test(text));
}

function textNode(src: string, from: number, to: number, line: number): PhrasingContent {
  return { type: 'text', value: src.slice(from, to), position: { start: point(line, from), end: point(line, to) } };
}

/** A cell's content (its spaces trimmed) as remark's phrasing nodes; null when it is not of the kinds above. */
function scanCell(src: string, from: number, to: number, line: number): PhrasingContent[] | null {
  if (from === to) return [];
  const content = src.slice(from, to);
  if (plain(content)) return [textNode(src, from, to, line)];
  if (content.length > 4 && content.startsWith('**') && content.endsWith('**')) {
    const words = content.slice(2, -2);
    if (!plain(words) || !WORD_EDGE.test(words[0]!) || !WORD_EDGE.test(words[words.length - 1]!)) return null;
    return [
      {
        type: 'strong',
        children: [textNode(src, from + 2, to - 2, line)],
        position: { start: point(line, from), end: point(line, to) },
      },
    ];
  }
  return scanLinks(src, from, to, line);
}

/** Inline links with plain words between them; null for anything else. */
function scanLinks(src: string, from: number, to: number, line: number): PhrasingContent[] | null {
  const nodes: PhrasingContent[] = [];
  let cursor = from;
  for (let open = src.indexOf('[', from); open >= 0 && open < to; open = src.indexOf('[', cursor)) {
    const close = src.indexOf(']', open + 1);
    // (`![…](…)` is an image)
    if (close < 0 || close >= to || src[close + 1] !== '(' || src[open - 1] === '!') return null;
    const destination = destinationEnd(src, close + 2, to, true);
    if (destination === null || close === open + 1) return null;
    const label: Span = { start: open + 1, end: close };
    if (!plain(src.slice(cursor, open)) || !plain(src.slice(label.start, label.end))) return null;
    if (open > cursor) nodes.push(textNode(src, cursor, open, line));
    nodes.push({
      type: 'link',
      url: src.slice(close + 2, destination),
      title: null,
      children: [textNode(src, label.start, label.end, line)],
      position: { start: point(line, open), end: point(line, destination + 1) },
    });
    cursor = destination + 1;
  }
  if (nodes.length === 0 || !plain(src.slice(cursor, to))) return null;
  if (cursor < to) nodes.push(textNode(src, cursor, to, line));
  return nodes;
}
