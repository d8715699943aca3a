/**
 * `papers list` as a table for people: number, id, read mark, title, venue (or year), area. On a
 * terminal it has a header row, short ids (the shortest prefix that still names the paper) and areas
 * cut from the left so that the leaf stays (`…/DNN Compiler`); the title gets the width that is left.
 */
import { isPlain, type Palette } from './style.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { formatPaperArea } from '../../core/query/workspace.js';
import { shortIds } from './short-ids.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fit, fitLeft, padEnd, plainWidth, prepareWidths } from './width.js';

const GAP = '  ';
const MIN_TITLE = 20;
const MAX_AREA = 28;
const MIN_AREA = 8;

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
  /** Every paper in the file (id and title), for short ids that read back as the paper they show. */
  all?: readonly { id: string; title: string }[];
}

/**
 * The table's lines (no line breaks), made one at a time as they are read. `papersTableText` gives the
 * same lines as blocks of text, which is what list.ts writes.
 */
export async function renderPapersTable(
  papers: PaperFacts[],
  color: Palette,
  options: TableOptions,
): Promise<Iterable<string>> {
  const table = await layOutTable(rowsOf(papers), color, options);
  function* lines(): Generator<string> {
    if (table.header !== null) yield table.header;
    const pieces = new Pieces();
    for (let r = 0; r < table.rows; r++) {
      table.pushRow(r, pieces);
      yield pieces.take();
    }
  }
  return lines();
}

/**
 * Rows per block of papersTableText: ~35 KB of text, under the 128 KB from which V8 gives a string pages
 * of its own and node's UTF-8 copy for the write is mapped afresh (1,000-row blocks: ~200 more pages
 * first touched by a 10,000-row list, each ~12 us here).
 */
const BLOCK_ROWS = 250;

/**
 * The table as blocks of lines, each line ending in `\n`, BLOCK_ROWS at a time: 50,000 rows as one string
 * (two bytes a character once an area holds `›`) and its UTF-8 copy cost more fresh memory than the rows
 * themselves. Each block is joined once from its cells' pieces: no string per cell or per line.
 */
export async function papersTableText(
  papers: PaperFacts[] | TableRows,
  color: Palette,
  options: TableOptions,
): Promise<Iterable<string>> {
  const table = await layOutTable(Array.isArray(papers) ? rowsOf(papers) : papers, color, options);
  function* blocks(): Generator<string> {
    const pieces = new Pieces();
    if (table.header !== null) {
      pieces.push(table.header);
      pieces.push('\n');
    }
    for (let r = 0; r < table.rows; r++) {
      table.pushRow(r, pieces);
      pieces.push('\n');
      if ((r + 1) % BLOCK_ROWS === 0) yield pieces.take();
    }
    if (pieces.length) yield pieces.take();
  }
  return blocks();
}

/**
 * The pieces of a block of lines, written over from the start for each block: an array emptied with
 * `length = 0` gives back its storage and grows again, copying, for the next block (5,000 rows: ~2 MB of
 * garbage; fresh memory is what costs here, see the bench's "fresh memory" line).
 */
class Pieces {
  private readonly items: string[] = [];
  /** How many of `items` are this block's (those after it are left over, from this block or another). */
  length = 0;

  push(piece: string): void {
    this.items[this.length++] = piece;
  }

  /** The piece at k (k < length). */
  at(k: number): string {
    return this.items[k]!;
  }

  /** The pieces from `first` joined, and removed. */
  joinFrom(first: number): string {
    const text = this.items.slice(first, this.length).join('');
    this.length = first;
    return text;
  }

  /** The block's text, and a new block begun. */
  take(): string {
    const { items } = this;
    // (what is left over after this block's pieces: of a longer block, or of a line trimmed or cut)
    for (let k = this.length; k < items.length; k++) items[k] = '';
    this.length = 0;
    return items.join('');
  }
}

interface TableLayout {
  /** The header line (a terminal), or null. */
  header: string | null;
  rows: number;
  /** Pushes row r's line (without its line break) onto `pieces`, as pieces. */
  pushRow(r: number, pieces: Pieces): void;
}

/**
 * The papers a table shows, a field at a time: paper objects (rowsOf), or a stored list's columns, which
 * make no object per paper.
 */
export interface TableRows {
  readonly count: number;
  number(r: number): number;
  id(r: number): string;
  read(r: number): boolean;
  reading(r: number): boolean;
  title(r: number): string;
  venue(r: number): string | null;
  year(r: number): number | null;
  /** The area's path (an array shared by the papers of one area). */
  area(r: number): string[];
  /** The area as the table names it (formatPaperArea). */
  areaName(r: number): string;
}

function rowsOf(papers: readonly PaperFacts[]): TableRows {
  return {
    count: papers.length,
    number: (r) => papers[r]!.number,
    id: (r) => papers[r]!.id,
    read: (r) => papers[r]!.read,
    reading: (r) => papers[r]!.reading,
    title: (r) => papers[r]!.title,
    venue: (r) => papers[r]!.venue,
    year: (r) => papers[r]!.year,
    area: (r) => papers[r]!.area,
    areaName: (r) => formatPaperArea(papers[r]!),
  };
}

const COLUMN_INDEX = Object.fromEntries(COLUMNS.map((column, i) => [column, i])) as Record<Column, number>;
const { number: NUMBER, id: ID, read: READ, title: TITLE, venue: VENUE, area: AREA } = COLUMN_INDEX;

const READ_MARKS = ['[ ]', '[x]', '[/]'] as const;
/** Printable ASCII: no character sanitize replaces, and one column each. */
const PLAIN_TEXT = /^[\x20-\x7e]*$/;

async function layOutTable(rows: TableRows, color: Palette, options: TableOptions): Promise<TableLayout> {
  const { width, terminal } = options;
  const columns = options.columns ?? COLUMNS;
  const count = rows.count;
  // Papers of one area share its path array: format (and measure) each area once.
  const areaText = new Map<string[], string>();
  const areaOf = (r: number) => {
    const area = rows.area(r);
    let text = areaText.get(area);
    // Papers at the top of the file (under the document title) have no area to show.
    if (text === undefined) areaText.set(area, (text = area.length === 0 ? '' : sanitize(rows.areaName(r))));
    return text;
  };
  const shortId =
    terminal && options.all
      ? shortIds(options.all)
      : terminal
        ? shortIds(Array.from({ length: count }, (_, r) => ({ id: rows.id(r), title: rows.title(r) })))
        : null;
  // The cells, a column at a time (no object per row); each cell's width in `cellWidths` (-1: measure
  // with the Unicode tables), COLUMNS.length per row.
  const numbers = new Array<string>(count);
  const ids = new Array<string>(count);
  const titles = new Array<string>(count);
  const venues = new Array<string>(count);
  const areas = new Array<string>(count);
  /** 0 unread, 1 read, 2 reading (READ_MARKS). */
  const states = new Uint8Array(count);
  const cellWidths = new Int32Array(count * COLUMNS.length);
  let unusual = false;
  /** The text as shown (sanitized) and its width at `at` in cellWidths. */
  const measured = (text: string, at: number): string => {
    // (Plain ASCII, nearly every cell: one test says both that sanitize keeps it and that it is its length.)
    if (PLAIN_TEXT.test(text)) {
      cellWidths[at] = text.length;
      return text;
    }
    const shown = sanitize(text);
    const plain = plainWidth(shown);
    if (plain < 0) unusual = true;
    cellWidths[at] = plain;
    return shown;
  };
  for (let r = 0; r < count; r++) {
    const at = r * COLUMNS.length;
    const number = String(rows.number(r));
    numbers[r] = number;
    cellWidths[at + NUMBER] = number.length;
    const id = rows.id(r);
    ids[r] = measured(shortId === null ? id : shortId(id), at + ID);
    const state = rows.read(r) ? 1 : rows.reading(r) ? 2 : 0;
    states[r] = state;
    cellWidths[at + READ] = READ_MARKS[state].length;
    titles[r] = measured(rows.title(r), at + TITLE);
    const venue = rows.venue(r);
    if (venue !== null) venues[r] = measured(venue, at + VENUE);
    else {
      const year = rows.year(r);
      venues[r] = measured(year === null ? '' : String(year), at + VENUE);
    }
    const area = areaOf(r);
    // (Papers of one area come together: measured once.)
    if (r > 0 && area === areas[r - 1]) {
      areas[r] = area;
      cellWidths[at + AREA] = cellWidths[at + AREA - COLUMNS.length]!;
    } else areas[r] = measured(area, at + AREA);
  }
  if (unusual) {
    const cellOf = [numbers, ids, null, titles, venues, areas] as const;
    const texts: string[] = [];
    for (let k = 0; k < cellWidths.length; k++)
      if (cellWidths[k]! < 0) texts.push(cellOf[k % COLUMNS.length]![(k / COLUMNS.length) | 0]!);
    await prepareWidths(texts);
    for (let k = 0; k < cellWidths.length; k++)
      if (cellWidths[k]! < 0) cellWidths[k] = displayWidth(cellOf[k % COLUMNS.length]![(k / COLUMNS.length) | 0]!);
  }
  const widthAt = (r: number, column: Column) => cellWidths[r * COLUMNS.length + COLUMN_INDEX[column]]!;
  const header = terminal && count > 0;
  const widthOf = (column: Column, cap = Infinity) => {
    let widest = header ? HEADERS[column].length : 0;
    for (let r = 0; r < count; r++) if (widthAt(r, column) > widest) widest = widthAt(r, column);
    return Math.min(cap, widest);
  };
  // The leaf of an area (`…/DNN Compiler`) is never cut: the area column is at least as wide as the
  // widest leaf, or it goes. (Only a width cuts anything.)
  let leaf = 0;
  if (width !== null)
    for (const area of areaText.values())
      leaf = Math.max(leaf, displayWidth(area.includes('/') ? `…/${area.slice(area.lastIndexOf('/') + 1)}` : area));
  const widths = Object.fromEntries(
    columns.map((column) => [
      column,
      widthOf(column, column === 'area' && width !== null ? Math.max(MAX_AREA, leaf) : Infinity),
    ]),
  ) as Record<Column, number>;
  if (width !== null && columns.includes('title')) {
    // The title matters most: the area gives way first (down to a third of the room), then both.
    const fixed = columns
      .filter((column) => column !== 'title' && column !== 'area')
      .reduce((sum, column) => sum + widths[column], 0);
    const room = width - fixed - GAP.length * (columns.length - 1);
    const areaWidth = columns.includes('area') ? widths.area : 0;
    if (widths.title + areaWidth > room) {
      // Too narrow for both: the area gives way down to its leaves (`…/DNN Compiler`); with no room for
      // them beside the title's minimum, the area column goes.
      const area =
        !columns.includes('area') || room < MIN_TITLE + Math.max(MIN_AREA, leaf)
          ? 0
          : Math.min(areaWidth, Math.max(MIN_AREA, leaf, room - widths.title, Math.floor(room / 3)));
      widths.area = area;
      widths.title = Math.max(MIN_TITLE / 2, room - area + (columns.includes('area') && area === 0 ? GAP.length : 0));
    }
  }
  const visible = columns.filter((column) => column !== 'area' || widths.area > 0);
  const last = visible.length - 1;
  // Without colours the last cell needs no padding: the line's end is trimmed anyway.
  const trimmedPad = isPlain(color);
  // Runs of spaces, made once per length: padding makes no string per cell.
  const runs: string[] = [];
  const run = (length: number) => (runs[length] ??= ' '.repeat(length));
  /** Pushes a cell's text padded to its column (cut first if too wide); `has` is the text's own width. */
  const pushCell = (pieces: Pieces, column: Column, text: string, has: number, state: number, isLast: boolean) => {
    const w = widths[column];
    const pad = has < w && !(isLast && trimmedPad) ? run(w - has) : '';
    if (has > w) {
      // Cut: the title from the right, the area from the left (its leaf matters most).
      if (column === 'title') pieces.push(padEnd(fit(text, w), w));
      else if (column === 'area') pieces.push(color.dim(padEnd(fitLeft(text, w), w)));
      else pieces.push(styled(column, text + pad, state));
    } else if (trimmedPad) {
      // No colours: the pieces as they are (joined once per block).
      pieces.push(column === 'number' ? pad : text);
      pieces.push(column === 'number' ? text : pad);
    } else if (column === 'number') pieces.push(color.dim(pad + text));
    else pieces.push(styled(column, text + pad, state));
  };
  const styled = (column: Column, text: string, state: number): string => {
    switch (column) {
      case 'number':
      case 'area':
        return color.dim(text);
      case 'id':
        return color.cyan(text);
      case 'read':
        return state === 1 ? color.green(text) : color.dim(text);
      case 'title':
        return text;
      case 'venue':
        return color.yellow(text);
    }
  };
  const cellText = (r: number, column: Column): string => {
    switch (column) {
      case 'number':
        return numbers[r]!;
      case 'id':
        return ids[r]!;
      case 'read':
        return READ_MARKS[states[r]! as 0 | 1 | 2];
      case 'title':
        return titles[r]!;
      case 'venue':
        return venues[r]!;
      case 'area':
        return areas[r]!;
    }
  };
  const headerLine = header
    ? visible
        .map((column) => color.dim(HEADERS[column].padEnd(widths[column])))
        .join(GAP)
        .trimEnd()
    : null;
  const pushRow = (r: number, pieces: Pieces) => {
    const first = pieces.length;
    for (let c = 0; c <= last; c++) {
      const column = visible[c]!;
      if (c) pieces.push(GAP);
      pushCell(pieces, column, cellText(r, column), widthAt(r, column), states[r]!, c === last);
    }
    trimRow(pieces, first);
  };
  if (!trimmedPad) return { header: headerLine, rows: count, pushRow };
  // Without colours (a pipe, NO_COLOR): a row's texts straight from the columns, with the padding after
  // a cell and the gap after it as one run of spaces (runs made once per length). A row with a cell to
  // cut is made as above.
  const textsOf: Record<Column, string[]> = {
    number: numbers,
    id: ids,
    read: Array.from(states, (state) => READ_MARKS[state as 0 | 1 | 2]),
    title: titles,
    venue: venues,
    area: areas,
  };
  const texts = visible.map((column) => textsOf[column]);
  const widthIndex = visible.map((column) => COLUMN_INDEX[column]);
  const columnWidths = visible.map((column) => widths[column]);
  const rightAligned = visible.map((column) => column === 'number');
  return {
    header: headerLine,
    rows: count,
    pushRow(r, pieces) {
      const first = pieces.length;
      // Spaces owed before the next text: the last cell's padding and the gap.
      let owed = 0;
      for (let c = 0; c <= last; c++) {
        const has = cellWidths[r * COLUMNS.length + widthIndex[c]!]!;
        const width = columnWidths[c]!;
        if (has > width) {
          pieces.length = first;
          pushRow(r, pieces);
          return;
        }
        if (c) owed += GAP.length;
        if (rightAligned[c]) owed += width - has;
        if (owed) pieces.push(run(owed));
        pieces.push(texts[c]![r]!);
        owed = rightAligned[c] ? 0 : width - has;
      }
      trimRow(pieces, first);
    },
  };
}

/** The row's pieces from `first` as one line without trailing white space (String#trimEnd), when it may have some. */
function trimRow(pieces: Pieces, first: number): void {
  if (endsInVisible(pieces, first)) return;
  pieces.push(pieces.joinFrom(first).trimEnd());
}

/** Whether the pieces from `first` end in a character String#trimEnd keeps (one between `!` and U+009F). */
function endsInVisible(pieces: Pieces, first: number): boolean {
  for (let k = pieces.length - 1; k >= first; k--) {
    const piece = pieces.at(k);
    if (piece.length === 0) continue;
    const code = piece.charCodeAt(piece.length - 1);
    return code > 0x20 && code < 0xa0;
  }
  return false;
}

/** The papers a filter kept: how many, and of them how many are read and how many being read. */
export interface ShownCounts {
  count: number;
  read: number;
  reading: number;
}

export function summaryLine(shown: ShownCounts, total: number, limited = shown.count): string {
  const { count, read, reading } = shown;
  const noun = total === 1 ? 'paper' : 'papers';
  const of = count === total ? `${total} ${noun}` : `${count} of ${total} ${noun}`;
  const cut = limited < count ? `; first ${limited} shown` : '';
  return `${of} (${read} read, ${reading ? `${reading} reading, ` : ''}${count - read - reading} unread${cut})`;
}
