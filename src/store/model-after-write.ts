/**
 * The model of a list just written, derived from the one the write planned on: a checkbox flip (or a
 * same-length row marker swap) keeps every offset, so the model and its cache entry are the old ones
 * with those states changed; any other write reads the new text, spliced from the entry it planned on.
 */
import { findCounts } from '../core/read/counts.js';
import { findLegend, type Legend, legendState } from '../core/read/formats/legend.js';
import type { ReadState } from '../core/read/formats/meanings.js';
import { markerState } from '../core/read/table-marker.js';
import type { ListDocument, Paper } from '../core/model/paper.js';
import { paperIndexAtCheckbox } from '../core/query/query.js';
import type { Edit } from '../core/write/splice.js';
import { splitBom } from '../core/model/text.js';
import { type ListModels, loadModelWithSource, storeAfterWrite } from './stored-model.js';
import type { StoredText } from './read.js';
import { writeTarget } from './read.js';

/**
 * The model of the text just written. When the edits only flipped checkboxes (or swapped a table row's
 * status marker for one of the same length) the offsets all hold, so the model (and its cache entry) is
 * the old one with those read flags changed; otherwise the new text is parsed, re-using unchanged parts.
 */
export async function modelAfterWrite(
  models: ListModels,
  before: ListDocument,
  written: StoredText,
  edits: readonly Edit[],
  /** False: no one reads the new model (only --json does): its cache entry is stored, not decoded. */
  wanted: boolean,
  /**
   * The write added papers: the new entry keeps an identity index (built here if the old had none), so
   * that the next add checks its duplicates by it (cache/encode.ts encodeEntry).
   */
  identity: boolean,
): Promise<ListDocument | null> {
  // The file's summary counts (badges, `Total: 83`) that keep their number of digits move no offset.
  const { counts, rest } = splitCountEdits(before.text, edits);
  const countsKeepLength =
    counts.every((edit) => edit.text.length === edit.end - edit.start) && !counts.some((edit) => inModel(before, edit));
  const flips = written.rules || !countsKeepLength ? null : checkboxFlips(before, rest);
  if (!flips) {
    // (The entry `before` came from is the one last seen at the path: spliced from, not read again.)
    const previous = models.entryOfModel.get(before);
    // An index the old entry kept is kept where the new one is parsed from scratch (a list read as a
    // whole re-uses no part, and so no part's keys).
    const keep = identity || previous?.facts.indexed === true;
    if (!wanted) {
      await storeAfterWrite(models, written, previous, keep);
      return null;
    }
    return (await loadModelWithSource(models, written, { ...(previous ? { previous } : {}), identity: keep })).doc;
  }
  // `before` is this write's own model and dies with it: its papers take the new flags in place
  // (copying them would decode every cached paper's offsets).
  for (const [index, state] of flips) {
    const paper = before.papers[index]!;
    paper.read = state === 'read';
    paper.reading = state === 'reading';
    if (paper.row) paper.row.status = state;
  }
  const doc = { ...before, text: written.text };
  const cache = models.cache();
  const entry = models.entryOfModel.get(before);
  if (!cache || !entry) return doc;
  // (parts.ts is what a write on a cached model loaded to check it, verify.ts: hot-parse.cjs)
  const { documentDefinitions, partText } = await import('../core/read/parts.js');
  const definitions = documentDefinitions(splitBom(written.text).body);
  // The parts no edit touched keep their keys only if the definitions they are read with did not
  // change: a summary count may be written in one (then no entry).
  if (definitions !== '' && counts.length > 0) return doc;
  cache.storeCheckboxEdit(
    entry,
    written.fingerprint,
    writeTarget(written.path, true),
    written.text,
    [...flips].map(([index, state]) => ({ index, state })),
    counts.map((edit) => edit.start - before.bomLength),
    (text) => partText(text, definitions),
  );
  return doc;
}

/**
 * The edits that write a summary count's digits (found on the text itself, by counts.ts) and the rest:
 * a count is not a paper, so a plan on a cached model may carry such edits and still be checked flip by flip.
 */
function splitCountEdits(text: string, edits: readonly Edit[]): { counts: Edit[]; rest: Edit[] } {
  const counts: Edit[] = [];
  const rest: Edit[] = [];
  const marks = edits.length > 1 ? findCounts(text) : [];
  for (const edit of edits) {
    const isCount =
      /^\d+$/.test(edit.text) && marks.some((mark) => mark.span.start === edit.start && mark.span.end === edit.end);
    (isCount ? counts : rest).push(edit);
  }
  return { counts, rest };
}

/** Whether an edit touches a paper's item or a heading (whose text the cache keeps as strings). */
function inModel(doc: ListDocument, edit: Edit): boolean {
  const overlaps = (span: { start: number; end: number }) => span.start < edit.end && edit.start < span.end;
  if (doc.headings.some((heading) => overlaps(heading.span))) return true;
  // Papers are in document order and do not overlap: only the last one that starts before the edit can hold it.
  let lo = 0;
  let hi = doc.papers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.papers[mid]!.checkbox.start <= edit.start) lo = mid + 1;
    else hi = mid - 1;
  }
  return [hi, hi + 1].some((i) => i >= 0 && i < doc.papers.length && overlaps(doc.papers[i]!.span));
}

/** paper index -> new state, when every edit is one checkbox mark or same-length row marker; else null. */
function checkboxFlips(doc: ListDocument, edits: readonly Edit[]): Map<number, ReadState> | null {
  const flips = new Map<number, ReadState>();
  // A row's marker means what the file's legend says it does, as the parse reads it (parts.ts applyLegend):
  // found once, and only when a row's marker is swapped in a list read as a whole.
  let legend: Legend | undefined;
  const legendOf = (): Legend => (legend ??= doc.readAsWhole ? findLegend(doc.text) : new Map());
  for (const edit of edits) {
    const index = paperIndexAtCheckbox(doc.papers, edit.start);
    if (index < 0) return null;
    const paper = doc.papers[index]!;
    const state =
      paper.source === 'row'
        ? rowMarkerSwap(paper, edit, legendOf)
        : paper.source === 'task' && edit.end === edit.start + 1 && /^[ xX]$/.test(edit.text)
          ? edit.text !== ' '
            ? 'read'
            : 'unread'
          : null;
    if (state === null) return null;
    flips.set(index, state);
  }
  return flips;
}

/** The state a row's new marker means, when it replaces the old one exactly (same length) and means it alone; else null. */
function rowMarkerSwap(paper: Paper, edit: Edit, legend: () => Legend): ReadState | null {
  const { start, end } = paper.checkbox;
  if (start === end || edit.start !== start || edit.end !== end || edit.text.length !== end - start) return null;
  return legendState(legend(), edit.text) ?? markerState(edit.text);
}
