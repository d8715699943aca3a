/**
 * The parsed model of a stored list: from the cache when this text was seen before, else parsed. The
 * parser (and remark under it) is loaded only on a miss, so a warm start reads one cache entry.
 */
import type { Edit } from '../core/write/splice.js';
import type { ListDocument, Paper, PaperFacts, Span } from '../core/model/paper.js';
import { paperIndexAtCheckbox } from '../core/query/query.js';
import type { ReadState } from '../core/read/formats/meanings.js';
import { findCounts } from '../core/read/counts.js';
import { markerState, rowMarkerAgrees } from '../core/read/table-marker.js';
import { ModelCache, reusableAlone, type StoredEntry } from './cache.js';
import type { StoredFacts } from './cache/decode.js';
import { Flag, PaperColumn } from './cache/layout.js';
import { ParseBudget, type ParseLimits } from './parse-budget.js';
import type { ParsedPart } from '../core/read/parts.js';
import { privateDirectory } from './private-dir.js';
import type { StoredText } from './read.js';
import { splitBom } from '../core/model/text.js';
import { writeTarget } from './read.js';

/** Where a run keeps parsed models (from src/config: PAPERS_NO_CACHE, PAPERS_CACHE_DIR, XDG_CACHE_HOME). */
export interface ModelSettings extends ParseLimits {
  noCache: boolean;
  cacheDir: string;
}

/**
 * The models of the lists one run reads: its parser (within the run's limits) and its model cache,
 * opened on first use if its directory can be trusted (see private-dir.ts; judged once per run). Made
 * by the CLI for each run and passed down: nothing here outlives the run.
 */
export class ListModels {
  readonly parser: ParseBudget;
  /**
   * The models that came whole from a cache entry, and that entry: a checkbox edit of such a model
   * derives the next entry from it (see modelAfterWrite).
   */
  readonly entryOfModel = new WeakMap<ListDocument, StoredEntry>();
  private opened: ModelCache | null | undefined;

  constructor(
    private readonly settings: ModelSettings,
    /** The cache's clock (see WriteHooks.now). */
    private readonly now: () => number = Date.now,
  ) {
    this.parser = new ParseBudget(settings);
  }

  /** The cache, or null (none asked for, or its directory cannot be trusted: papers only gets slower). */
  cache(): ModelCache | null {
    if (this.opened === undefined) {
      const dir = this.settings.noCache ? null : privateDirectory(this.settings.cacheDir);
      this.opened = dir ? new ModelCache(dir, this.now) : null;
    }
    return this.opened;
  }

  /** The run is over: stop the parser's worker. */
  close(): void {
    this.parser.close();
  }
}

/**
 * What `list` shows: from the cache's facts alone when this text was seen before (no offsets read,
 * strings built only for the papers a command looks at).
 */
export async function loadFacts(models: ListModels, stored: StoredText): Promise<PaperFacts[]> {
  return (await factsOf(models, stored, false)).papers;
}

/**
 * loadFacts, and each paper's idHash (core/query/workspace.ts) when the facts came from the cache (null
 * after a parse): how a repository of lists finds ids two files share without building every id.
 */
export function loadFactsWithIds(
  models: ListModels,
  stored: StoredText,
): Promise<{ papers: PaperFacts[]; idHashes: Int32Array | null }> {
  return factsOf(models, stored, true);
}

async function factsOf(
  models: ListModels,
  stored: StoredText,
  withIds: boolean,
): Promise<{ papers: PaperFacts[]; idHashes: Int32Array | null }> {
  const known = knownFacts(models, stored);
  if (known) {
    let idHashes: Int32Array | null = null;
    try {
      if (withIds) idHashes = known.idHashes();
    } catch {
      // a malformed entry: the ids are compared as strings
    }
    return { papers: known.allFacts(), idHashes };
  }
  return { papers: (await loadModel(models, stored)).papers, idHashes: null };
}

/**
 * For `list` of one file: the cache's facts of this text when it was seen before (the columns, so that
 * papers not shown are never made), else the papers of a parse.
 */
export async function loadFactColumns(
  models: ListModels,
  stored: StoredText,
): Promise<{ columns: StoredFacts } | { papers: PaperFacts[] }> {
  const known = knownFacts(models, stored);
  return known ? { columns: known } : { papers: (await loadModel(models, stored)).papers };
}

/** The cache's facts of exactly this text, checked against it; null when there are none to trust. */
function knownFacts(models: ListModels, stored: StoredText): StoredFacts | null {
  const cache = models.cache();
  // An unchanged file need not even be hashed (see FileIdentity); writes always hash.
  const byIdentity = (stored.identity && cache?.fingerprintByIdentity(stored.identity, stored.bytes)) || null;
  const fingerprint = byIdentity ?? stored.fingerprint;
  const known = stored.rules ? undefined : cache?.exactFacts(fingerprint, stored.text);
  if (!known || !factsAgree(known, stored.text)) return null;
  if (!byIdentity && stored.identity) cache!.rememberIdentity(stored.identity, fingerprint, stored.bytes);
  return known;
}

/**
 * agreesWithText, on the columns: no paper object is made. (A flat loop over the flags and checkbox
 * columns: it runs once a process, over every paper, mostly before the JIT has compiled it.)
 */
function factsAgree(facts: StoredFacts, text: string): boolean {
  const flags = facts.column(PaperColumn.Flags);
  const starts = facts.column(PaperColumn.CheckboxStart);
  const ends = facts.column(PaperColumn.CheckboxEnd);
  for (let i = 0; i < facts.paperCount; i++) {
    const flag = flags[i]!;
    const start = starts[i]!;
    const end = ends[i]!;
    const read = (flag & Flag.Read) !== 0;
    const agrees =
      (flag & (Flag.Row | Flag.Marked)) !== 0
        ? rowMarkerAgrees(text, { read, reading: (flag & Flag.Reading) !== 0, checkbox: { start, end } })
        : taskCheckboxAgrees(text, read, start, end);
    if (!agrees) return false;
  }
  return true;
}

export async function loadModel(models: ListModels, stored: StoredText): Promise<ListDocument> {
  return (await loadModelWithSource(models, stored)).doc;
}

/**
 * The model and whether it came whole from the cache. `fresh` parses the text with nothing from the
 * cache (not even unchanged parts): what a write falls back on when a cached model does not check out.
 */
export async function loadModelWithSource(
  models: ListModels,
  stored: StoredText,
  options: {
    fresh?: boolean;
    /** The entry of the text last seen at the path, when the caller holds it (a write: its model's). */
    previous?: StoredEntry;
  } = {},
): Promise<{ doc: ListDocument; fromCache: boolean }> {
  // A list read with the user's rules is parsed each time: the cache keys models by the text alone.
  const cache = stored.rules ? null : models.cache();
  // (Read by readListFile, which judged its links: the key follows them.)
  const realPath = cache ? writeTarget(stored.path, true) : stored.path;
  const known = options.fresh ? null : cache?.exact(stored.fingerprint, stored.text);
  if (known && entryAgreesWithText(known.entry.facts, known.doc)) {
    models.entryOfModel.set(known.doc, known.entry);
    return { doc: known.doc, fromCache: true };
  }
  if (!cache)
    return {
      doc: (await models.parser.parse(stored.path, stored.text, null, stored.rules ? { rules: stored.rules } : {})).doc,
      fromCache: false,
    };
  const previousEntry = options.fresh
    ? null
    : options.previous
      ? reusableAlone(options.previous)
      : cache.previousEntry(realPath);
  if (previousEntry) {
    const spliced = await splicedModel(models, cache, previousEntry, stored, realPath);
    if (spliced) return spliced;
  }
  const previous = options.fresh ? null : cache.previousParts(realPath, previousEntry);
  let { doc, parts } = await models.parser.parse(stored.path, stored.text, previous);
  if (!options.fresh && !agreesWithText(doc)) {
    // A stale or tampered entry: never trust it over the text.
    ({ doc, parts } = await models.parser.parse(stored.path, stored.text, null));
    await storeParsed(cache, stored, realPath, doc, parts);
    return { doc, fromCache: false };
  }
  await storeParsed(cache, stored, realPath, doc, parts);
  return { doc, fromCache: !options.fresh };
}

/** Stores a parsed model's entry (the encoder is loaded here, after a parse: a warm read never needs it). */
async function storeParsed(
  cache: ModelCache,
  stored: StoredText,
  realPath: string,
  doc: ListDocument,
  parts: ParsedPart[],
): Promise<void> {
  const { encodeEntry } = await import('./cache/encode.js');
  cache.storeEntry(stored.fingerprint, realPath, encodeEntry(doc, parts), doc.text, !doc.readAsWhole);
}

/**
 * The model of a text that shares most of its parts with the last one seen at its path (an add, a note,
 * an editor's change to one area), with its entry spliced from that one's (cache/splice-entry.ts: only
 * the changed parts are scanned); null when it must be parsed. Like any cached model, a write checks it
 * against the text before trusting it (verify.ts).
 */
async function splicedModel(
  models: ListModels,
  cache: ModelCache,
  previous: StoredEntry,
  stored: StoredText,
  realPath: string,
): Promise<{ doc: ListDocument; fromCache: boolean } | null> {
  // (Loaded here: the hot path's bundles leave the scanner out.)
  const { spliceEntry } = await import('./cache/splice-entry.js');
  let pieces: Buffer[] | null;
  try {
    pieces = spliceEntry(previous.factsBytes, previous.detailBytes, stored.text);
  } catch {
    return null; // a malformed previous entry: parse
  }
  if (!pieces) return null;
  cache.storeEntry(stored.fingerprint, realPath, pieces, stored.text, true);
  const known = cache.modelOfPieces(pieces, stored.text);
  if (!known || !entryAgreesWithText(known.entry.facts, known.doc)) return null;
  models.entryOfModel.set(known.doc, known.entry);
  return { doc: known.doc, fromCache: true };
}

/**
 * A cheap check that a model belongs to this text: every checkbox lies within it, in order, where the model
 * says. A damaged entry (right checksums, wrong offsets) is then a miss, not a crash.
 */
function agreesWithText(doc: ListDocument): boolean {
  return spansInRange(doc) && doc.papers.every((paper) => checkboxAgrees(doc.text, paper));
}

/**
 * agreesWithText for a model read from an entry, on its columns: the same checks without decoding any
 * paper's offsets (a done on 10,000 papers made each paper's checkbox span for it).
 */
function entryAgreesWithText(facts: StoredFacts, doc: ListDocument): boolean {
  const { text } = doc;
  const length = text.length;
  let last = -1;
  for (let i = 0; i < facts.paperCount; i++) {
    const start = facts.checkboxStart(i);
    const end = facts.checkboxEnd(i);
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start > last && start <= end && end <= length))
      return false;
    last = start;
  }
  return factsAgree(facts, text) && doc.headings.every((heading) => inRange(heading.span, length));
}

function inRange(span: Span, length: number): boolean {
  return (
    Number.isSafeInteger(span.start) &&
    Number.isSafeInteger(span.end) &&
    0 <= span.start &&
    span.start <= span.end &&
    span.end <= length
  );
}

function spansInRange(doc: ListDocument): boolean {
  const length = doc.text.length;
  const ok = (span: Span) =>
    Number.isSafeInteger(span.start) &&
    Number.isSafeInteger(span.end) &&
    0 <= span.start &&
    span.start <= span.end &&
    span.end <= length;
  // Checkboxes (facts, already decoded): in range and in order. The other offsets are decoded only for
  // the papers a command looks at, and a write checks every edit against the text (verify.ts).
  let last = -1;
  for (const paper of doc.papers) {
    if (!ok(paper.checkbox) || paper.checkbox.start <= last) return false;
    last = paper.checkbox.start;
  }
  return doc.headings.every((heading) => ok(heading.span));
}

function checkboxAgrees(text: string, paper: PaperFacts): boolean {
  if (paper.source !== 'task') return rowMarkerAgrees(text, paper);
  return taskCheckboxAgrees(text, paper.read, paper.checkbox.start, paper.checkbox.end);
}

function taskCheckboxAgrees(text: string, read: boolean, start: number, end: number): boolean {
  const mark = text[start];
  return (
    (read ? mark === 'x' || mark === 'X' : mark === ' ') &&
    text[start - 1] === '[' &&
    text[end] === ']' &&
    end === start + 1
  );
}

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
): Promise<ListDocument> {
  // The file's summary counts (badges, `Total: 83`) that keep their number of digits move no offset.
  const { counts, rest } = splitCountEdits(before.text, edits);
  const countsKeepLength =
    counts.every((edit) => edit.text.length === edit.end - edit.start) && !counts.some((edit) => inModel(before, edit));
  const flips = written.rules || !countsKeepLength ? null : checkboxFlips(before, rest);
  if (!flips) {
    // (The entry `before` came from is the one last seen at the path: spliced from, not read again.)
    const previous = models.entryOfModel.get(before);
    return (await loadModelWithSource(models, written, previous ? { previous } : {})).doc;
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
  for (const edit of edits) {
    const index = paperIndexAtCheckbox(doc.papers, edit.start);
    if (index < 0) return null;
    const paper = doc.papers[index]!;
    const state =
      paper.source === 'row'
        ? rowMarkerSwap(paper, edit)
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
function rowMarkerSwap(paper: Paper, edit: Edit): ReadState | null {
  const { start, end } = paper.checkbox;
  if (start === end || edit.start !== start || edit.end !== end || edit.text.length !== end - start) return null;
  return markerState(edit.text);
}
