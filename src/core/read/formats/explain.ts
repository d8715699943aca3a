/**
 * How a file was read, for `papers explain`: each list and table that holds papers (its lines, its kind,
 * where the state is, the markers it uses and what each means, its title/venue/year/links columns), the
 * legend if the file has one, and what was skipped and why (tables with no status or title column, lists
 * with neither checkboxes nor markers, HTML tables). Built from the parsed model (what the commands act on)
 * and the markdown tree (for what holds no papers). Pure.
 */
import type { Nodes, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ListDocument, Paper } from '../../model/paper.js';
import { headerCells, headerName, roleOf, statusColumnNamed } from './columns.js';
import { findLegend } from './legend.js';
import type { ReadState } from './meanings.js';

export interface MarkerUse {
  /** The marker as written ('' for none: an empty cell, or nothing before/after the entry). */
  marker: string;
  state: ReadState;
  count: number;
}

export interface ReadBlock {
  kind: 'task list' | 'table' | 'list without checkboxes' | 'lines used as a list';
  /** First and last line (1-based). */
  lines: [number, number];
  papers: number;
  read: number;
  reading: number;
  /** Where the state is written. */
  state: string;
  markers: MarkerUse[];
  /** For a table: the header of each column it reads (null where it has none). */
  columns?: { status: string; title: string; venue: string | null; year: string | null; links: string | null };
}

export interface SkippedBlock {
  lines: [number, number];
  what: string;
  why: string;
}

export interface Explanation {
  papers: number;
  read: number;
  reading: number;
  blocks: ReadBlock[];
  legend: { marker: string; state: ReadState }[];
  skipped: SkippedBlock[];
}

const stateOf = (paper: Paper): ReadState => (paper.read ? 'read' : paper.reading ? 'reading' : 'unread');

export function explain(doc: ListDocument, tree: Root): Explanation {
  const groups = new Map<string, Paper[]>();
  for (const paper of doc.papers) {
    const key = `${paper.source}:${paper.listIndex}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(paper);
  }
  const blocks = [...groups.values()].map((papers) => describe(doc, papers));
  const taken = blocks.map((block) => block.lines);
  return {
    papers: doc.papers.length,
    read: doc.papers.filter((paper) => paper.read).length,
    reading: doc.papers.filter((paper) => paper.reading).length,
    blocks,
    legend: [...findLegend(doc.text)].map(([marker, state]) => ({ marker, state })),
    skipped: skippedBlocks(tree, taken),
  };
}

function describe(doc: ListDocument, papers: Paper[]): ReadBlock {
  const first = papers[0]!;
  const uses = new Map<string, MarkerUse>();
  for (const paper of papers) {
    const marker =
      first.source === 'task'
        ? `[${doc.text.slice(paper.checkbox.start, paper.checkbox.end)}]`
        : doc.text.slice(paper.checkbox.start, paper.checkbox.end);
    const key = `${marker}\u0000${stateOf(paper)}`;
    const use = uses.get(key) ?? { marker, state: stateOf(paper), count: 0 };
    use.count++;
    uses.set(key, use);
  }
  const last = papers[papers.length - 1]!;
  const lastLine = last.line + (doc.text.slice(last.span.start, last.span.end).match(/\n/g)?.length ?? 0);
  const block: ReadBlock = {
    kind:
      first.source === 'task'
        ? 'task list'
        : first.source === 'row'
          ? 'table'
          : first.span.start === first.body.start
            ? 'lines used as a list'
            : 'list without checkboxes',
    lines: [first.row ? first.line - 2 : first.line, lastLine],
    papers: papers.length,
    read: papers.filter((paper) => paper.read).length,
    reading: papers.filter((paper) => paper.reading).length,
    state: '',
    markers: [...uses.values()].sort((a, b) => b.count - a.count),
  };
  if (first.source === 'task') block.state = 'the checkbox';
  else if (first.row) {
    const header = headerCells(doc.text.slice(first.row.head.start, first.row.head.end).split(/\r?\n/)[0]!);
    const { layout } = first.row;
    const name = (i: number) => (i < 0 ? null : `${i + 1} "${header[i] ?? ''}"`);
    const named = statusColumnNamed(header, layout.status);
    block.state = `column ${name(layout.status)} (${named ? 'named so' : 'found by its markers'})`;
    block.columns = {
      status: name(layout.status)!,
      title: name(layout.title)!,
      venue: name(layout.venue),
      year: name(layout.year),
      links: name(layout.links),
    };
  } else {
    const before = papers.filter(
      (paper) => paper.checkbox.start <= (paper.titleSpan?.start ?? paper.body.start),
    ).length;
    block.state = before * 2 > papers.length ? 'a marker before the text' : 'a marker after the text';
  }
  return block;
}

/** Tables, lists and HTML tables that hold no paper, with the reason. */
function skippedBlocks(tree: Root, taken: [number, number][]): SkippedBlock[] {
  const skipped: SkippedBlock[] = [];
  const inTaken = (start: number, end: number) => taken.some(([a, b]) => a <= end && start <= b);
  let plainLists = 0;
  let plainItems = 0;
  let plainFirst = 0;
  let plainLast = 0;
  const visit = (node: Nodes, depth: number): void => {
    const position = node.position;
    const lines: [number, number] | null = position ? [position.start.line, position.end.line] : null;
    if (node.type === 'table' && lines && !inTaken(...lines)) {
      skipped.push({ lines, what: 'table', why: tableWhy(node) });
      return;
    }
    if (node.type === 'html' && /<table\b/i.test(node.value) && lines) {
      skipped.push({ lines, what: 'HTML table', why: 'papers reads markdown tables (| … |) only' });
      return;
    }
    if (node.type === 'list' && lines && depth === 0 && !inTaken(...lines)) {
      plainLists++;
      plainItems += node.children.length;
      plainFirst ||= lines[0];
      plainLast = lines[1];
      return;
    }
    if (node.type === 'code' || node.type === 'html') return;
    if ('children' in node)
      for (const child of node.children as Nodes[])
        visit(child, node.type === 'list' || node.type === 'listItem' ? depth + 1 : depth);
  };
  visit(tree, 0);
  if (plainLists) {
    skipped.push({
      lines: [plainFirst, plainLast],
      what: `${plainLists} list${plainLists === 1 ? '' : 's'} (${plainItems} items)`,
      why: 'no checkboxes, and no state marker (✅, ⬜, :heavy_check_mark: …) in one place on most items; `papers track` adds checkboxes',
    });
  }
  return skipped.sort((a, b) => a.lines[0] - b.lines[0]);
}

function tableWhy(table: Table): string {
  const header = table.children[0]?.children.map((cell) => toString(cell).trim()) ?? [];
  const roles = header.map((text) => roleOf(headerName(text)));
  const shown = header.map((text) => text || '(empty)').join(' | ');
  if (!roles.includes('status'))
    return `no status column: no header names one (Status, Read, 状态, 읽음 …) and no column holds state markers on its rows (header: ${shown}); \`papers track\` adds one`;
  const named = header[roles.indexOf('status')]!;
  if (roles.includes('title'))
    return `its status column "${named}" holds no marker papers knows (✅, ⬜, Done, 已读 …) on any row (header: ${shown})`;
  return `no title column: no header names one (Paper, Title, 论文, 제목 …) and no other column holds words on most rows (header: ${shown})`;
}
