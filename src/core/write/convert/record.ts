/**
 * The note convert leaves above what it wrote, so that converting back gives the original bytes:
 * an HTML comment (GitHub shows nothing; the source shows what the block was), one line, JSON inside.
 *
 *   <!-- papers convert: was a list {"item":"- [{x}] {title}[{venue}]: {links}","x":"x","blank":0} -->
 *   <!-- papers convert: was a table {"head":"| Status | Paper |","delimiter":"|---|---|",...} -->
 */

export interface ListRecord {
  /** The shape of most items (shape.ts); a row whose line differs keeps its own in the `Written as` cell. */
  item: string;
  /** The checkbox character of read items. */
  x: string;
  /** Empty lines between items. */
  blank: number;
  /** The list had a line right under it, and convert put an empty line between (taken out again). */
  tight?: boolean;
}

export interface TableRecord {
  head: string;
  delimiter: string;
  /** Row style (cells.ts RowStyle). */
  lead: '|' | '';
  trail: '|' | '';
  pad: ' ' | '';
  empty: string;
  /** The status cell of read and of unread rows. */
  read: string;
  unread: string;
  /** The venue cell of a row with no venue (`—`, or empty). */
  none: string;
  /** Which column holds what (-1: none). */
  layout: { status: number; title: number; venue: number; links: number };
  /** Rows the style does not write (padded by hand): their skeletons (cells.ts) by row index, and how many rows there were. */
  rows?: Record<string, string>;
  count?: number;
}

const PREFIX = '<!-- papers convert: was a ';
const RECORD = /^<!-- papers convert: was a (list|table) (\{.*\}) -->[ \t]*$/;

export function writeRecord(kind: 'list', record: ListRecord): string;
export function writeRecord(kind: 'table', record: TableRecord): string;
export function writeRecord(kind: 'list' | 'table', record: ListRecord | TableRecord): string {
  // `-->` inside would end the comment early; JSON reads `\u003e` back as `>`.
  return `${PREFIX}${kind} ${JSON.stringify(record).replace(/>/g, '\\u003e')} -->`;
}

export type Record_ = { kind: 'list'; record: ListRecord } | { kind: 'table'; record: TableRecord };

/** The record a line holds, or null. */
export function readRecord(line: string): Record_ | null {
  const match = RECORD.exec(line);
  if (!match) return null;
  let value: unknown;
  try {
    value = JSON.parse(match[2]!);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const str = (key: string) => typeof v[key] === 'string';
  if (match[1] === 'list' && str('item') && str('x') && typeof v.blank === 'number')
    return { kind: 'list', record: value as ListRecord };
  if (
    match[1] === 'table' &&
    ['head', 'delimiter', 'lead', 'trail', 'pad', 'empty', 'read', 'unread', 'none'].every(str) &&
    typeof v.layout === 'object' &&
    v.layout !== null
  )
    return { kind: 'table', record: value as TableRecord };
  return null;
}
