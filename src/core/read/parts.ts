/**
 * Markdown text -> ListDocument, part by part. The text is split where CommonMark guarantees independence
 * (chunks.ts); each part's model comes from the cache, else from the line scanner (scan.ts), else from
 * remark (parse-remark.ts); the parts' models are then placed in the whole text with ids, numbers and
 * areas. This module does not import remark: parseDocumentPartsLazily loads it only when a part needs it,
 * so that a plain list never pays for loading it. parse.ts is the synchronous face of the same parser.
 */
import { type Chunk, listPlace, type PartText, partText, seamHolds, seamItem, splitDocument } from './chunks.js';

export { documentDefinitions, type PartText, partText } from './chunks.js';
import type { ColumnHints } from './formats/columns.js';
import { findLegend, legendState } from './formats/legend.js';
import { applyRules, columnHints, type ReadingRule } from './formats/rules.js';
import { IdAssigner } from '../model/ids.js';
import type { Heading, ListDocument, Paper, TableLayout } from '../model/paper.js';
import { finishHeadings, placeInPlace, placePaper } from './place.js';
import { scanPart } from './scan.js';
import type { TagMemo } from './inline/tags.js';
import { detectEol, splitBom } from '../model/text.js';

export type PartialPaper = Omit<Paper, 'id' | 'number' | 'area'>;
export type PartialHeading = Omit<Heading, 'path' | 'sectionEnd' | 'isDocumentTitle'>;

/** What one part of the document holds, with offsets and lines relative to the part's start. */
export interface ChunkModel {
  papers: PartialPaper[];
  headings: PartialHeading[];
  /** How many lists the part opened (list indexes are numbered across the document). */
  lists: number;
  /** The part ends inside a code or HTML block, which might swallow the next part's first line. */
  openAtEnd: boolean;
  /** End of the front matter, when the part starts with one; else 0. */
  frontMatterEnd: number;
}

/** Where parsed parts are kept between runs (the store's file cache), keyed by the part's text and definitions. */
export interface ChunkCache {
  get(part: PartText): ChunkModel | undefined;
  set(part: PartText, model: ChunkModel): void;
  /**
   * The cache holds the models it is given for this parse only (the store's, which is made per parse):
   * the parse may then turn the models it made into the document's papers in place (see placeInPlace).
   * A cache that keeps them for later parses must not say so.
   */
  readonly forThisParseOnly?: boolean;
}

export interface ParsedPart {
  /** Offsets into the text without its BOM. */
  chunk: Chunk;
  model: ChunkModel;
}

/** Layouts of a file's paper tables, by their header line (trimmed): see sameHeaderTables. */
export type KnownLayouts = ReadonlyMap<string, TableLayout>;

/** The model of a part the scanner does not read (remark's, in parse-remark.ts), with the file's table layouts and the user's column hints. */
export type PartParser = (part: PartText, known?: KnownLayouts, hints?: ColumnHints) => ChunkModel;

/** The line scanner's model of a part, or null when it declines it (scan.ts). */
export type PartScanner = (part: PartText) => ChunkModel | null;

/** The scanner of a document's parts: it reads brackets knowing whether the document has definitions. */
const scanText: PartScanner = (part) => scanPart(part.text, { definitions: part.definitions !== '' });

/** scanText, reading each venue tag's text once for the whole document (a long list repeats its venues). */
function documentScanner(): PartScanner {
  const tags: TagMemo = new Map();
  return (part) => scanPart(part.text, { definitions: part.definitions !== '', tags });
}

export interface Parsed {
  doc: ListDocument;
  parts: ParsedPart[];
}

/**
 * The document and its parts; remark is imported only if some part is neither cached nor plain.
 * `definitions`: those of the document `text` is a piece of (chunks.ts splitDocument).
 */
export async function parseDocumentPartsLazily(text: string, options: LazyParseOptions = {}): Promise<Parsed> {
  if (options.rules?.length) {
    // The user's rules: every part is read with them (remark), nothing from or into the cache.
    const { remarkPartModel } = await import('./parse-remark.js');
    return parseWithRules(text, remarkPartModel, options.rules);
  }
  const { bomLength, body } = splitBom(text);
  const { chunks, definitions } = splitDocument(body, options.definitions);
  const made = madeModels(options.cache);
  const { beforeRead } = options;
  const scanDocument = documentScanner();
  const scan: PartScanner = beforeRead ? (part) => (beforeRead(part), scanDocument(part)) : scanDocument;
  const guarded =
    (parser: PartParser): PartParser =>
    (part, known, hints) => {
      beforeRead?.(part);
      return parser(part, known, hints);
    };
  const quick = chunks.map((chunk) =>
    quickModel(partText(body.slice(chunk.start, chunk.end), definitions), options.cache, made, scan),
  );
  // remark is needed for a part the scanner declines, and may be for a cached part that ended inside a
  // block (it is joined with the next part and parsed again); for nothing else.
  const needsRemark = quick.some((model) => model === null || model.openAtEnd);
  const fallback = needsRemark ? guarded((await import('./parse-remark.js')).remarkPartModel) : remarkNotLoaded;
  const parsed = finish(
    text,
    bomLength,
    joinOpenParts(body, definitions, chunks, quick, fallback, options.cache, made, scan),
    made,
  );
  const again = sameHeaderTables(parsed);
  if (!again) return parsed;
  const remark = needsRemark ? fallback : guarded((await import('./parse-remark.js')).remarkPartModel);
  return rereadParts(text, bomLength, body, definitions, parsed, again, remark);
}

export interface LazyParseOptions {
  cache?: ChunkCache;
  rules?: readonly ReadingRule[];
  /** Those of the document `text` is a piece of (chunks.ts splitDocument). */
  definitions?: string;
  /**
   * Called with each part (or parts joined) before it is read afresh, by the scanner or remark: it may
   * throw to stop the parse (store/parse-budget.ts reads unusual parts in a worker, never here).
   */
  beforeRead?: (part: PartText) => void;
}

/** The parts of `text` as a parse reads them (the text without its BOM, split). `pieceOf` as above. */
export function partTexts(text: string, pieceOf?: string): PartText[] {
  const { body } = splitBom(text);
  const { chunks, definitions } = splitDocument(body, pieceOf);
  return chunks.map((chunk) => partText(body.slice(chunk.start, chunk.end), definitions));
}

/** One part's model, read as a parse reads a part no cache holds: the scanner, else `parser` (remark). */
export function readPart(part: PartText, parser: PartParser): ChunkModel {
  return modelOf(part, parser, undefined, undefined);
}

/**
 * The same, with remark (already loaded by the caller) for the parts that need it. `pieceOf`: the
 * definitions of the document `text` is a piece of, as in parseDocumentPartsLazily.
 */
export function parsePartsWith(
  text: string,
  fallback: PartParser,
  cache?: ChunkCache,
  scan: PartScanner = scanText,
  pieceOf?: string,
): Parsed {
  const { bomLength, body } = splitBom(text);
  const { chunks, definitions } = splitDocument(body, pieceOf);
  const made = madeModels(cache);
  const quick = chunks.map((chunk) =>
    quickModel(partText(body.slice(chunk.start, chunk.end), definitions), cache, made, scan),
  );
  const parts = joinOpenParts(body, definitions, chunks, quick, fallback, cache, made, scan);
  const parsed = finish(text, bomLength, parts, made);
  const again = sameHeaderTables(parsed);
  return again ? rereadParts(text, bomLength, body, definitions, parsed, again, fallback) : parsed;
}

/**
 * A part cache for one call's parses of related texts (the three versions of a merge and what it writes;
 * an add's read-backs): a part they share is read once. Kept in memory for the call only; its models
 * are never changed in place (not forThisParseOnly). Keyed as the store's (the part's text and the
 * definitions it is read with).
 */
export function partCacheForCall(): ChunkCache {
  const models = new Map<string, ChunkModel>();
  const keyOf = (part: PartText) => JSON.stringify([part.definitions, part.text]);
  return {
    get: (part) => models.get(keyOf(part)),
    set: (part, model) => void models.set(keyOf(part), model),
  };
}

/** Where a parse notes the models it makes, when it may place them in place (see ChunkCache.forThisParseOnly). */
function madeModels(cache: ChunkCache | undefined): Set<ChunkModel> | undefined {
  return !cache || cache.forThisParseOnly ? new Set() : undefined;
}

/** The whole text as one part, parsed by `parser`: the reference the fast paths are tested against. */
export function parseAsOnePart(text: string, parser: PartParser): Parsed {
  const { bomLength, body } = splitBom(text);
  const whole = { chunk: { start: 0, end: body.length, line: 0 }, model: parser(partText(body, '')) };
  const parsed = finish(text, bomLength, [whole]);
  const again = sameHeaderTables(parsed);
  return again ? rereadParts(text, bomLength, body, '', parsed, again, parser) : parsed;
}

/** The document read with the user's rules: their column hints for every table, then their markers. */
export function parseWithRules(text: string, parser: PartParser, rules: readonly ReadingRule[]): Parsed {
  const hints = columnHints(rules);
  const withHints: PartParser = (part, known) => parser(part, known, hints);
  // (The scanner reads no table here: the user's column hints are remark's to apply.)
  const parsed = parsePartsWith(text, withHints, undefined, (part) =>
    scanPart(part.text, { tables: false, definitions: part.definitions !== '' }),
  );
  applyRules(parsed.doc, rules);
  return parsed;
}

/**
 * Tables a file writes with the same header are one kind of table: where one of them is a paper table
 * (its status column named, or found by its markers) and another with the very same header line was not
 * (no row of it has a marker yet), the other is read with the first one's layout. The parts that hold such
 * tables, and the layouts; null when there are none (the usual case: one pass over the row papers).
 */
function sameHeaderTables(parsed: Parsed): { parts: Set<number>; known: KnownLayouts } | null {
  const { doc } = parsed;
  const known = new Map<string, TableLayout>();
  const heads = new Set<number>();
  for (const paper of doc.papers) {
    if (!paper.row || heads.has(paper.row.head.start)) continue;
    heads.add(paper.row.head.start);
    const line = doc.text.slice(paper.row.head.start, paper.row.head.end).split(/\r?\n/)[0]!.trim();
    if (line.length >= 5 && !known.has(line)) known.set(line, paper.row.layout);
  }
  if (known.size === 0) return null;
  const parts = new Set<number>();
  for (const line of known.keys()) {
    for (let at = doc.text.indexOf(line); at >= 0; at = doc.text.indexOf(line, at + line.length)) {
      const lineStart = doc.text.lastIndexOf('\n', at - 1) + 1;
      if (doc.text.slice(lineStart, at).trim() !== '' || heads.has(at)) continue;
      const offset = at - doc.bomLength;
      const part = parsed.parts.findIndex(({ chunk }) => chunk.start <= offset && offset < chunk.end);
      if (part >= 0) parts.add(part);
    }
  }
  return parts.size ? { parts, known } : null;
}

/** The document with these parts read again knowing the file's table layouts (never cached: they depend on the whole). */
function rereadParts(
  text: string,
  bomLength: number,
  body: string,
  definitions: string,
  parsed: Parsed,
  again: { parts: Set<number>; known: KnownLayouts },
  parser: PartParser,
): Parsed {
  const parts = parsed.parts.map((part, i) =>
    again.parts.has(i)
      ? {
          chunk: part.chunk,
          model: parser(partText(body.slice(part.chunk.start, part.chunk.end), definitions), again.known),
        }
      : part,
  );
  const result = finish(text, bomLength, parts);
  result.doc.readAsWhole = true;
  return result;
}

/**
 * The document of these parts. `made`: the part models this parse made itself (scanned or parsed, not
 * taken from a cache); those used once become the document's papers in place (see placeInPlace).
 */
function finish(text: string, bomLength: number, parts: ParsedPart[], made?: ReadonlySet<ChunkModel>): Parsed {
  const doc = assemble(text, bomLength, parts, made ? ownedModels(parts, made) : new Set());
  return { doc, parts: finishLegend(doc, parts) };
}

/**
 * The models a parse may turn into its papers in place: made by it and used by one part only, and none
 * when a part holds a table row (rows may be read again knowing the whole file: rereadParts places the
 * same models a second time).
 */
function ownedModels(parts: readonly ParsedPart[], made: ReadonlySet<ChunkModel>): Set<ChunkModel> {
  const owned = new Set<ChunkModel>();
  const twice = new Set<ChunkModel>();
  for (const { model } of parts) {
    if (model.papers.some((paper) => paper.row)) return new Set();
    if (owned.has(model)) twice.add(model);
    else if (made.has(model)) owned.add(model);
  }
  for (const model of twice) owned.delete(model);
  return owned;
}

function finishLegend(doc: ListDocument, parts: ParsedPart[]): ParsedPart[] {
  applyLegend(doc);
  return parts;
}

/**
 * The file's own legend (formats/legend.ts) decides what its markers mean: papers whose marker it names
 * take that state. Applied to the whole document, after the parts (which stay legend-free) are placed.
 */
function applyLegend(doc: ListDocument): void {
  if (!doc.papers.some((paper) => paper.source !== 'task')) return;
  const legend = findLegend(doc.text);
  if (legend.size === 0) return;
  doc.readAsWhole = true;
  for (const paper of doc.papers) {
    if (paper.source === 'task') continue;
    const state = legendState(legend, doc.text.slice(paper.checkbox.start, paper.checkbox.end));
    if (!state) continue;
    paper.read = state === 'read';
    paper.reading = state === 'reading';
    if (paper.row) paper.row = { ...paper.row, status: state };
  }
}

function remarkNotLoaded(): never {
  throw new Error('internal: a part needed remark, which was not loaded');
}

/** A part's model without remark: from the cache, else from the scanner (then cached); null if neither. */
function quickModel(
  part: PartText,
  cache: ChunkCache | undefined,
  made: Set<ChunkModel> | undefined,
  scan: PartScanner = scanText,
): ChunkModel | null {
  const cached = cache?.get(part);
  if (cached) return cached;
  const scanned = scan(part);
  if (scanned) {
    cache?.set(part, scanned);
    made?.add(scanned);
  }
  return scanned;
}

function modelOf(
  part: PartText,
  fallback: PartParser,
  cache: ChunkCache | undefined,
  made: Set<ChunkModel> | undefined,
  scan: PartScanner = scanText,
): ChunkModel {
  const quick = quickModel(part, cache, made, scan);
  if (quick) return quick;
  const model = fallback(part);
  cache?.set(part, model);
  made?.add(model);
  return model;
}

/**
 * Each part with its model; a part that ends inside a code or HTML block, or before a seam that does not
 * hold (seamHolds), is joined with the next and parsed again.
 */
function joinOpenParts(
  body: string,
  definitions: string,
  chunks: Chunk[],
  quick: (ChunkModel | null)[],
  fallback: PartParser,
  cache: ChunkCache | undefined,
  made: Set<ChunkModel> | undefined,
  scan: PartScanner = scanText,
): ParsedPart[] {
  const parsed: ParsedPart[] = [];
  const partOf = (chunk: Chunk): PartText => partText(body.slice(chunk.start, chunk.end), definitions);
  const models: ChunkModel[] = [];
  const modelAt = (k: number): ChunkModel =>
    (models[k] ??= quick[k] ?? modelOf(partOf(chunks[k]!), fallback, cache, made, scan));
  const holds = (chunk: Chunk, model: ChunkModel, k: number): boolean =>
    chunks[k]!.joins === undefined || seamHolds(chunk, model, chunks[k]!, modelAt(k));
  for (let i = 0; i < chunks.length; i++) {
    let chunk = chunks[i]!;
    let model = modelAt(i);
    while (i + 1 < chunks.length && (model.openAtEnd || !holds(chunk, model, i + 1))) {
      chunk = { ...chunk, end: chunks[++i]!.end };
      model = modelOf(partOf(chunk), fallback, cache, made, scan);
    }
    parsed.push({ chunk, model });
  }
  return parsed;
}

/** The parts' models, moved to their places in the whole text, with ids, numbers and areas: one pass over the papers. */
function assemble(text: string, bomLength: number, parts: ParsedPart[], owned: ReadonlySet<ChunkModel>): ListDocument {
  const headings = finishHeadings(parts, bomLength, text.length);
  const ids = new IdAssigner();
  const papers: Paper[] = [];
  let headingBase = 0;
  let lists = 0;
  for (const { chunk, model } of parts) {
    const shift = bomLength + chunk.start;
    const place = owned.has(model) ? placeInPlace : placePaper;
    const joined = chunk.joins === undefined ? -1 : (seamItem(papers, chunk.joins)?.listIndex ?? -1);
    const { base, first } = listPlace(lists, joined);
    for (const partial of model.papers) {
      // (-1, no heading above, stays -1 in the first part; in a later part it is the last heading before it.)
      const headingIndex = headingBase + partial.headingIndex;
      const listIndex = partial.listIndex === 0 ? first : base + partial.listIndex;
      const paper = place(partial, shift, chunk.line, headingIndex, listIndex);
      paper.id = ids.next(partial);
      paper.number = papers.length + 1;
      paper.area = headingIndex < 0 ? [] : headings[headingIndex]!.path;
      papers.push(paper);
    }
    headingBase += model.headings.length;
    lists = base + model.lists;
  }
  const frontMatterEnd = parts[0]?.model.frontMatterEnd ?? 0;
  return { text, bomLength, eol: detectEol(text), papers, headings, contentStart: bomLength + frontMatterEnd };
}
