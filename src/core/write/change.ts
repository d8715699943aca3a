/**
 * What a command changes: edits on the original text, the message for people, and what the store checks
 * after it applies them (which papers were touched or removed, how the counts move). Every plan returns
 * one; the store applies its edits.
 */
import { type Edit, mapOffset } from './splice.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { nameBeforeColon } from '../model/ids.js';

/** What a command changes: edits on the text, and what to tell the user. */
export interface Change {
  edits: Edit[];
  /** One line for people: `Marked ROLLER (OSDI'22) as read`. */
  message: string;
  /** Areas created on the way (`add`, `mv`). */
  createdAreas: string[][];
  /** Offsets in the new text inside each item the change made or touched (for --json output). */
  touched: number[];
  /** Items the change took out, as they were. */
  removed: Paper[];
  /**
   * How the file's paper and read counts change, when the change knows (so that summary counts are
   * kept without parsing the result); absent: parse the result to count.
   */
  delta?: { total: number; read: number };
  /**
   * How many papers the text the change leaves holds, when the change knows it better than the model
   * it was planned on (undo puts back a text byte for byte: the count the journal kept for it); null
   * when not known (no count is kept for the damaged-file check of the next write).
   */
  papersAfter?: number | null;
}

/**
 * A plan reads the current document and says what to change; the store may run it more than once.
 * (It may be async: keeping the summary counts may need the parser.)
 */
export type Plan = (doc: ListDocument) => Change | Promise<Change>;

/** Several changes to different items, as one. */
export function combine(changes: Change[]): Change {
  return {
    edits: changes.flatMap((change) => change.edits),
    message: changes.map((change) => change.message).join('\n'),
    createdAreas: changes.flatMap((change) => change.createdAreas),
    touched: changes.flatMap((change) => change.touched),
    removed: changes.flatMap((change) => change.removed),
    ...(changes.every((change) => change.delta || change.edits.length === 0)
      ? {
          delta: changes.reduce(
            (sum, change) => ({
              total: sum.total + (change.delta?.total ?? 0),
              read: sum.read + (change.delta?.read ?? 0),
            }),
            { total: 0, read: 0 },
          ),
        }
      : {}),
  };
}

/** Whether `paper` goes with `item` when it is taken out or moved: `item` itself, or one under it (its span holds subtasks). */
export function goesWith(item: Paper, paper: Paper): boolean {
  return item.span.start <= paper.span.start && paper.span.end <= item.span.end;
}

/**
 * How taking `item` out changes the file's counts: it and every paper that goes with it, so that count
 * badges kept from the delta stay right.
 */
export function removalDelta(doc: ListDocument, item: Paper): { total: number; read: number } {
  let total = 0;
  let read = 0;
  for (const paper of doc.papers) {
    if (!goesWith(item, paper)) continue;
    total--;
    if (paper.read) read--;
  }
  return { total, read };
}

/** The papers a change made or touched, found in the new document; removed ones as they were. */
export function changedPapers(after: ListDocument, change: Change): Paper[] {
  // The innermost item holding each offset: a nested task item, not its parent.
  const touched = change.touched
    .map((offset) => innermostAt(after.papers, offset))
    .filter((paper) => paper !== undefined);
  return [...new Set(touched), ...change.removed];
}

/**
 * The last paper (in document order) whose item holds `offset`: a nested item comes after the item that
 * holds it, so this is the innermost. A binary search for the last item starting at or before the offset,
 * then back to the first that still holds it (spans of a 10,000-paper cached model are read for a few).
 */
function innermostAt(papers: readonly Paper[], offset: number): Paper | undefined {
  let lo = 0;
  let hi = papers.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (papers[mid]!.span.start <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0; i--) {
    const { start, end } = papers[i]!.span;
    if (start <= offset && offset < end) return papers[i];
  }
  return undefined;
}

export function unchanged(message: string): Change {
  return { edits: [], message, createdAreas: [], touched: [], removed: [] };
}

/** A change to one existing item, which stays where it is. */
export function inPlace(paper: Paper, edit: Edit, message: string): Change {
  return {
    edits: [edit],
    message,
    createdAreas: [],
    touched: [mapOffset([edit], paper.checkbox.start)],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

/** How `papers` names a paper in messages: the name before the colon, with the venue. */
export function displayName(paper: { title: string; venue: string | null }): string {
  const short = nameBeforeColon(paper.title) ?? paper.title;
  const name = short.length > 60 ? `${short.slice(0, 57)}...` : short;
  return paper.venue ? `${name} (${paper.venue})` : name;
}
