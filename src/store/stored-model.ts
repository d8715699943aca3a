/**
 * The parsed model of a stored list: from the cache when this text was seen before, else parsed. The
 * parser (and remark under it) is loaded only on a miss, so a warm start reads one cache entry. The model
 * after a write is derived in model-after-write.ts.
 */
import type { ListDocument, PaperFacts, Span } from '../core/model/paper.js';
import { findLegend, type Legend, legendState } from '../core/read/formats/legend.js';
import { rowMarkerAgrees, stateOfPaper } from '../core/read/table-marker.js';
import { ModelCache, reusableAlone, type StoredEntry } from './cache.js';
import type { StoredFacts } from './cache/decode.js';
import { Flag, PaperColumn } from './cache/layout.js';
import { ParseBudget, type ParseLimits } from './parse-budget.js';
import type { ParsedPart } from '../core/read/parts.js';
import { privateDirectory } from './private-dir.js';
import type { StoredText } from './read.js';
import { writeTarget } from './read.js';

/**
 * Where a run keeps parsed models, and how much of them (from src/config: PAPERS_NO_CACHE, PAPERS_CACHE_DIR,
 * XDG_CACHE_HOME, PAPERS_CACHE_MAX_MB).
 */
export interface ModelSettings extends ParseLimits {
  noCache: boolean;
  cacheDir: string;
  cacheMaxBytes: number;
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
      this.opened = dir ? new ModelCache(dir, this.now, this.settings.cacheMaxBytes) : null;
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
  const legend = legendOf(text, facts.readAsWhole);
  for (let i = 0; i < facts.paperCount; i++) {
    const flag = flags[i]!;
    const start = starts[i]!;
    const end = ends[i]!;
    const read = (flag & Flag.Read) !== 0;
    const agrees =
      (flag & (Flag.Row | Flag.Marked)) !== 0
        ? markerAgrees(text, { read, reading: (flag & Flag.Reading) !== 0, checkbox: { start, end } }, legend)
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
    /** The text's entry must keep an identity index (a write that added papers: encode.ts encodeEntry). */
    identity?: boolean;
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
  const previousEntry = options.fresh ? null : lastEntry(cache, realPath, options.previous);
  const identity = options.identity === true;
  if (previousEntry) {
    const spliced = await splicedModel(models, cache, previousEntry, stored, realPath, identity);
    if (spliced) return spliced;
  }
  return await parseAndStore(models, cache, stored, realPath, previousEntry, options.fresh === true, identity);
}

/**
 * After a write whose new model no one reads (the command prints no JSON): the text's cache entry stored
 * for the next command, spliced from the last one's where it can be, without decoding it into a model
 * (every later read checks an entry against its text before it trusts it).
 */
export async function storeAfterWrite(
  models: ListModels,
  stored: StoredText,
  previous: StoredEntry | undefined,
  /** The entry must keep an identity index (see loadModelWithSource). */
  identity: boolean,
): Promise<void> {
  const cache = stored.rules ? null : models.cache();
  if (!cache) return;
  const realPath = writeTarget(stored.path, true);
  const previousEntry = lastEntry(cache, realPath, previous);
  if (previousEntry && (await storeSpliced(cache, previousEntry, stored, realPath, identity))) return;
  await parseAndStore(models, cache, stored, realPath, previousEntry, false, identity);
}

/** The entry of the text last seen at the path: the one the caller holds (a write's model's), else the cache's. */
function lastEntry(cache: ModelCache, realPath: string, held?: StoredEntry): StoredEntry | null {
  return held ? reusableAlone(held) : cache.previousEntry(realPath);
}

/** The text parsed (re-using the parts of the last entry unless `fresh`) and its entry stored. */
async function parseAndStore(
  models: ListModels,
  cache: ModelCache,
  stored: StoredText,
  realPath: string,
  previousEntry: StoredEntry | null,
  fresh: boolean,
  identity = false,
): Promise<{ doc: ListDocument; fromCache: boolean }> {
  const previous = fresh ? null : cache.previousParts(realPath, stored.text.length, previousEntry);
  let { doc, parts } = await models.parser.parse(stored.path, stored.text, previous);
  if (!fresh && !agreesWithText(doc)) {
    // A stale or tampered entry: never trust it over the text.
    ({ doc, parts } = await models.parser.parse(stored.path, stored.text, null));
    await storeParsed(cache, stored, realPath, doc, parts, identity);
    return { doc, fromCache: false };
  }
  await storeParsed(cache, stored, realPath, doc, parts, identity);
  return { doc, fromCache: !fresh };
}

/** Stores a parsed model's entry (the encoder is loaded here, after a parse: a warm read never needs it). */
async function storeParsed(
  cache: ModelCache,
  stored: StoredText,
  realPath: string,
  doc: ListDocument,
  parts: ParsedPart[],
  identity: boolean,
): Promise<void> {
  const { encodeEntry } = await import('./cache/encode.js');
  cache.storeEntry(stored.fingerprint, realPath, encodeEntry(doc, parts, identity), doc.text, !doc.readAsWhole);
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
  identity: boolean,
): Promise<{ doc: ListDocument; fromCache: boolean } | null> {
  const pieces = await storeSpliced(cache, previous, stored, realPath, identity);
  if (!pieces) return null;
  const known = cache.modelOfPieces(pieces, stored.text);
  if (!known || !entryAgreesWithText(known.entry.facts, known.doc)) return null;
  models.entryOfModel.set(known.doc, known.entry);
  return { doc: known.doc, fromCache: true };
}

/** The text's entry spliced from `previous` and stored; null when it must be parsed instead. */
async function storeSpliced(
  cache: ModelCache,
  previous: StoredEntry,
  stored: StoredText,
  realPath: string,
  identity: boolean,
): Promise<Buffer[] | null> {
  // (Loaded here: the hot path's bundles leave the scanner out.)
  const { spliceEntry } = await import('./cache/splice-entry.js');
  let pieces: Buffer[] | null;
  try {
    pieces = spliceEntry(previous.factsBytes, previous.detailBytes, stored.text, identity, previous.identityKeys);
  } catch {
    return null; // a malformed previous entry: parse
  }
  if (pieces) cache.storeEntry(stored.fingerprint, realPath, pieces, stored.text, true);
  return pieces;
}

/**
 * A cheap check that a model belongs to this text: every checkbox lies within it, in order, where the model
 * says. A damaged entry (right checksums, wrong offsets) is then a miss, not a crash.
 */
function agreesWithText(doc: ListDocument): boolean {
  const legend = legendOf(doc.text, doc.readAsWhole === true);
  return spansInRange(doc) && doc.papers.every((paper) => checkboxAgrees(doc.text, paper, legend));
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

function checkboxAgrees(text: string, paper: PaperFacts, legend: () => Legend | null): boolean {
  if (paper.source !== 'task') return markerAgrees(text, paper, legend);
  return taskCheckboxAgrees(text, paper.read, paper.checkbox.start, paper.checkbox.end);
}

/**
 * Whether a row's (or a marked entry's) marker says the state kept for it: by itself, or, in a file read
 * with its own legend (readAsWhole), by that legend, as the parse read it (parts.ts applyLegend). A
 * legend that gives a marker a state of its own (`❎ read`) made every warm run of such a file parse it
 * again, twice, and never use its entry.
 */
function markerAgrees(
  text: string,
  paper: { read: boolean; reading: boolean; checkbox: Span },
  legend: () => Legend | null,
): boolean {
  if (rowMarkerAgrees(text, paper)) return true;
  const given = legend();
  const { start, end } = paper.checkbox;
  return given !== null && start <= end && legendState(given, text.slice(start, end)) === stateOfPaper(paper);
}

/** The file's legend, found once and only when asked, for a file read with one (else null). */
function legendOf(text: string, readAsWhole: boolean): () => Legend | null {
  let legend: Legend | null | undefined;
  return () => (legend ??= readAsWhole ? findLegend(text) : null);
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
