/**
 * `papers track`: start tracking a list that has no state yet. Each entry of a plain list gets an unread
 * checkbox after its bullet (`- [ ] Title`), and each table that holds no papers gets a status column of
 * unread markers before its first column (`| Status | Title |` / `| ⬜ | … |`), in the file's own marker
 * when it has one. Only those bytes are added. Lists of links to the page's own headings (a table of
 * contents) and nested lists (notes under an entry) are left alone. Pure.
 */
import type { List, Nodes, Root, Table } from 'mdast';
import type { Edit } from './splice.js';
import { areaFilter } from '../query/areas.js';
import { UsageError } from '../model/errors.js';
import type { Heading, ListDocument } from '../model/paper.js';
import type { Change } from './change.js';

export interface TrackRequest {
  /** Only lists and tables under this area (a heading name or path). */
  area?: string;
}

export function trackPlan(doc: ListDocument, tree: Root, request: TrackRequest): Change {
  const shift = doc.bomLength;
  const headingPath = (offset: number): string[] => {
    let found: Heading | null = null;
    for (const heading of doc.headings) if (heading.span.start <= offset + shift) found = heading;
    return found?.path ?? [];
  };
  const inArea =
    request.area === undefined
      ? () => true
      : areaFilter(
          doc.headings.map((h) => h.path),
          request.area,
        );
  if (!inArea) throw new UsageError(`no area matches "${request.area}"; run \`papers areas\` to see them`);
  const taken = (start: number, end: number) =>
    doc.papers.some((paper) => paper.span.start < end + shift && start + shift < paper.span.end);
  const unread = fileUnreadMarker(doc);
  const edits: Edit[] = [];
  let items = 0;
  let tables = 0;
  const visit = (node: Nodes, depth: number): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'list' && depth === 0) {
      if (!taken(start, end) && inArea(headingPath(start)) && !isContents(node)) {
        for (const item of node.children) {
          const at = checkboxPlace(doc.text, item.position!.start.offset! + shift);
          if (at !== null && item.children[0]?.type === 'paragraph') {
            edits.push({ start: at, end: at, text: '[ ] ' });
            items++;
          }
        }
      }
      return;
    }
    if (node.type === 'table') {
      if (!taken(start, end) && inArea(headingPath(start)) && node.children.length > 1) {
        edits.push(...statusColumn(doc.text, node, shift, unread));
        tables++;
      }
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'blockquote') return;
    if ('children' in node)
      for (const child of node.children as Nodes[])
        visit(child, node.type === 'listItem' || node.type === 'list' ? depth + 1 : depth);
  };
  visit(tree, 0);
  const parts = [
    items ? `${items} entr${items === 1 ? 'y' : 'ies'} of plain lists` : '',
    tables ? `${tables} table${tables === 1 ? '' : 's'} (a Status column)` : '',
  ].filter(Boolean);
  const message = parts.length
    ? `Tracking ${parts.join(' and ')}, all unread`
    : `Nothing to track${request.area ? ` in "${request.area}"` : ''}: every list and table there already holds papers (or none holds entries)`;
  return { edits, message, createdAreas: [], touched: [], removed: [] };
}

/** Where `[ ] ` goes in a list item: after its bullet (`-`, `*`, `+`, `1.`) and the space after it. */
function checkboxPlace(text: string, itemStart: number): number | null {
  const m = /^(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(text.slice(itemStart, itemStart + 16));
  return m ? itemStart + m[0].length : null;
}

/** A table of contents: most items are a link to a heading of the page (`[Area](#area)`). */
function isContents(list: List): boolean {
  const anchors = list.children.filter((item) => {
    const paragraph = item.children[0];
    return (
      paragraph?.type === 'paragraph' &&
      paragraph.children.length === 1 &&
      paragraph.children[0]!.type === 'link' &&
      paragraph.children[0]!.url.startsWith('#')
    );
  }).length;
  return anchors * 2 > list.children.length;
}

/** The unread marker the file's tables already use, else `⬜`. */
function fileUnreadMarker(doc: ListDocument): string {
  for (const paper of doc.papers) {
    if (paper.source === 'row' && !paper.read && !paper.reading && paper.checkbox.end > paper.checkbox.start)
      return doc.text.slice(paper.checkbox.start, paper.checkbox.end);
  }
  return '⬜';
}

/** A status column before the first: `| Status ` / `|---` / `| ⬜ ` at the start of each row (`Status | ` without a leading pipe). */
function statusColumn(text: string, table: Table, shift: number, marker: string): Edit[] {
  const edits: Edit[] = [];
  const cell = (offset: number, value: string): Edit => ({
    start: offset,
    end: offset,
    text: text[offset] === '|' ? `| ${value} ` : `${value} | `,
  });
  const [header, ...rows] = table.children;
  const headerStart = header!.position!.start.offset! + shift;
  edits.push(cell(headerStart, 'Status'));
  // The delimiter row is the line after the header.
  let at = text.indexOf('\n', headerStart) + 1;
  while (text[at] === ' ' || text[at] === '\t') at++;
  edits.push({ start: at, end: at, text: text[at] === '|' ? '|---' : '--- | ' });
  for (const row of rows) edits.push(cell(row.position!.start.offset! + shift, marker));
  return edits;
}
