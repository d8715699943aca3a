/**
 * `convert`: every task list (or those of one area) as a paper table, or every paper table as a task
 * list, losing nothing. A list the user wrote becomes a table in one format, a table the user wrote a
 * list in one format, and converting back gives the original bytes: what a column cannot hold stays in a
 * `Tags` or `Written as` cell (shape.ts), and a one-line note above the block keeps the rest (record.ts).
 *
 * Nothing is trusted to work: before a change is returned, the result is read back (the same papers:
 * titles, venues, read states, links, areas) and converted back (the original text, byte for byte).
 * A block that cannot be converted so is named with the reason, and nothing is written (exit 1).
 */
import { applyEdits, type Edit } from '../splice.js';
import { NotFoundError } from '../../model/errors.js';
import type { ListDocument, Paper } from '../../model/paper.js';
import type { Change } from '../change.js';
import { parseDocument } from '../../read/parse.js';
import { areaFilter } from '../../query/areas.js';
import { formatAreaPath } from '../../query/query.js';
import { lineEnd, lineStart } from '../../model/text.js';
import { refuseLoneCr } from '../table-edit.js';
import { type Block, lineNumber, Refusal } from './block.js';
import { cellListToTable, listToTable } from './from-list.js';
import { shapeTableToList, tableToList } from './from-table.js';
import { readRecord } from './record.js';

export type Form = 'table' | 'list';

export interface ConvertRequest {
  to: Form;
  /** Only this area (and its sub-areas); all when absent. */
  area?: string;
  /** Only the blocks that start in these ranges (converting back what was just converted). */
  only?: { start: number; end: number }[];
  /** Skip reading the result back and converting it back (the check itself does). */
  unchecked?: boolean;
}

export { Refusal } from './block.js';

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
  let blocks = blocksOf(doc, inArea, request.to === 'table' ? 'list' : 'table');
  if (request.only) {
    const only = request.only;
    blocks = blocks.filter((b) => only.some((r) => b.start >= r.start && b.start <= r.end));
  }
  const refused: string[] = [];
  const written = new Map<Block, string>();
  for (const block of blocks) {
    try {
      written.set(block, write(doc, block));
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refused.push(`${block.where}: ${error.message}`);
    }
  }
  if (!request.unchecked && refused.length === 0) refused.push(...check(doc, request, blocks, written));
  if (refused.length) {
    throw new Refusal(
      `cannot convert without losing text, so nothing was written: ${refused.join('; ')}` +
        (request.area === undefined && blocks.length > 1 ? '; convert the others with --area' : ''),
    );
  }
  const noun = request.to === 'table' ? 'list' : 'table';
  if (blocks.length === 0)
    return {
      edits: [],
      message: `Nothing to convert: no ${noun}s of papers${request.area === undefined ? '' : ` in "${request.area}"`}`,
      createdAreas: [],
      touched: [],
      removed: [],
    };
  const count = blocks.reduce((n, b) => n + b.papers.length, 0);
  return {
    edits: editsOf(blocks, written),
    message: `Converted ${blocks.length} ${noun}${blocks.length === 1 ? '' : 's'} to ${request.to === 'table' ? 'tables' : 'task lists'} (${count} papers)`,
    createdAreas: [],
    touched: [],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

function editsOf(blocks: Block[], written: Map<Block, string>): Edit[] {
  return blocks.map((block) => ({ start: block.start, end: block.end, text: written.get(block)! }));
}

function write(doc: ListDocument, block: Block): string {
  if (block.kind === 'list')
    return block.record?.kind === 'table' ? cellListToTable(doc, block, block.record.record) : listToTable(doc, block);
  return block.record?.kind === 'list' ? shapeTableToList(doc, block, block.record.record) : tableToList(doc, block);
}

/** The lists (or tables) that hold the given papers, each with all its papers and its note, if any. */
function blocksOf(doc: ListDocument, papers: Paper[], kind: 'list' | 'table'): Block[] {
  const byList = new Map<number, Paper[]>();
  for (const paper of papers)
    if ((paper.source === 'row') === (kind === 'table'))
      byList.set(paper.listIndex, [...(byList.get(paper.listIndex) ?? []), paper]);
  const blocks: Block[] = [];
  for (const [index, own] of byList) {
    const all = doc.papers.filter(
      (paper) => paper.listIndex === index && (paper.source === 'row') === (kind === 'table'),
    );
    const first = all[0]!;
    const last = all[all.length - 1]!;
    let start = lineStart(doc.text, kind === 'table' ? first.row!.head.start : first.span.start);
    let end = lineEnd(
      doc.text,
      kind === 'table'
        ? last.span.start
        : last.span.end - (/\n$/.test(doc.text.slice(last.span.start, last.span.end)) ? 1 : 0),
    );
    let record = null;
    if (start > 0) {
      const above = lineStart(doc.text, start - 1);
      record = readRecord(doc.text.slice(above, lineEnd(doc.text, above)));
      if (record) start = above;
    }
    // The empty line convert put under a list's table (record `tight`) goes with it.
    if (record?.kind === 'list' && record.record.tight) {
      const gap = /^\r?\n(?=\r?\n)/.exec(doc.text.slice(end, end + 4));
      if (gap) end += gap[0].length;
    }
    const area = formatAreaPath(first.area) || 'no area';
    const where = `${kind === 'table' ? 'the table' : 'the list'} at lines ${lineNumber(doc, start)}-${lineNumber(doc, end)} (${area})`;
    blocks.push({ kind, papers: all, start, end, record, where: own.length ? where : where });
  }
  return blocks;
}

/**
 * Read the result back and convert it back: the same papers, and the original text. Returns why each
 * block that fails does.
 */
function check(doc: ListDocument, request: ConvertRequest, blocks: Block[], written: Map<Block, string>): string[] {
  let kept = blocks.filter((b) => written.has(b));
  const failed: string[] = [];
  for (let round = 0; round < 4 && kept.length; round++) {
    const edits = editsOf(kept, written);
    const after = applyEdits(doc.text, edits);
    const afterDoc = parseDocument(after);
    // Where each block is in the new text.
    let shift = 0;
    const placed = kept.map((block) => {
      const start = block.start + shift;
      const text = written.get(block)!;
      shift += text.length - (block.end - block.start);
      return { block, start, end: start + text.length };
    });
    const blame = (offsetBefore: number): Block | undefined =>
      kept.find((b) => offsetBefore >= b.start && offsetBefore <= b.end) ??
      kept.find((b) => offsetBefore < b.start) ??
      kept[kept.length - 1];
    const newBlame = (offsetAfter: number): Block | undefined =>
      placed.find((p) => offsetAfter >= p.start && offsetAfter <= p.end)?.block;
    const bad = new Map<Block, string>();
    const key = (paper: Paper) =>
      JSON.stringify([
        paper.title,
        paper.venue,
        paper.read,
        paper.reading,
        paper.area,
        paper.links.map((l) => [l.label, l.url]),
      ]);
    if (afterDoc.papers.length !== doc.papers.length) {
      const extra = afterDoc.papers.find((p, i) => key(p) !== (doc.papers[i] ? key(doc.papers[i]!) : ''));
      const block = (extra && newBlame(extra.span.start)) ?? kept[0]!;
      bad.set(block, `would read back as ${afterDoc.papers.length} papers where there are ${doc.papers.length}`);
    } else {
      doc.papers.forEach((paper, i) => {
        const now = afterDoc.papers[i]!;
        if (key(paper) === key(now)) return;
        const block = blame(paper.span.start);
        if (block && !bad.has(block))
          bad.set(block, `line ${paper.line} ("${paper.title}") would read back differently: ${differs(paper, now)}`);
      });
    }
    if (bad.size === 0) {
      const back = convert(afterDoc, {
        to: request.to === 'table' ? 'list' : 'table',
        only: placed.map((p) => ({ start: p.start, end: p.end })),
        unchecked: true,
      });
      const again = applyEdits(after, back.edits);
      if (again === doc.text) return failed;
      let at = 0;
      while (at < again.length && again[at] === doc.text[at]) at++;
      const block = blame(at);
      if (block) bad.set(block, `line ${lineNumber(doc, at)} would not come back the same when converted back`);
    }
    for (const [block, why] of bad) failed.push(`${block.where}: ${why}`);
    kept = kept.filter((b) => !bad.has(b));
  }
  return failed;
}

function differs(before: Paper, after: Paper): string {
  if (before.title !== after.title) return `title "${after.title}"`;
  if (before.venue !== after.venue) return `venue ${after.venue === null ? 'none' : `"${after.venue}"`}`;
  if (before.reading) return 'it is being read, which a checkbox cannot say';
  if (before.read !== after.read || before.reading !== after.reading) return 'another read state';
  if (before.area.join('/') !== after.area.join('/')) return `area "${formatAreaPath(after.area)}"`;
  return `links ${after.links.map((l) => `[${l.label}](${l.url})`).join(' ')}`;
}
