/**
 * Parsed lists, kept in the user's cache directory (never beside their file), so that a list is not
 * parsed again until it changes, and then only in the parts that changed.
 *
 * One entry per content hash holds the whole model in a compact columnar form (loading it is one
 * JSON.parse, no parsing of markdown) plus a table of the document's parts: each part's text hash and
 * which papers and headings came from it. A small file per list path remembers its last content hash,
 * so that after an edit (ours or an editor's) the unchanged parts are taken from the previous entry and
 * only the changed ones are parsed. Entries of another format or failing their checksum are ignored;
 * loadModel also checks every model against the text before trusting it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Heading, Link, ListDocument, Paper, PaperFacts, PaperSource, RowStatus, Span, TableRowInfo } from '../core/model.js';
import type { ChunkCache, ChunkModel, ParsedPart, PartialHeading, PartialPaper } from '../core/parse.js';
import { splitBom } from '../core/text.js';
import { privateDirectory } from './private-dir.js';

/** Bump when the model or the parser changes what it produces. */
const FORMAT = 'papers-cache-14';
const MAX_ENTRIES = 40;

/** id, title, venue, year, read, line, heading index, checkbox offset, list index, loose, link count, checkbox end, source (1: row), then label, url per link. */
type FactsRow = (string | number | null)[];
/** span, body, title span, venue span (pairs, -1 for none), then 4 pairs per link; for a row then its status, layout (6), head (2), cell count, cell pairs. */
type DetailRow = number[];
type EncodedHeading = [string, number, number, number, number, number, string[]];
/** key, start, end, line, first paper, papers, first heading, headings, first list, lists, front matter end, open at end. */
type PartRow = [string, number, number, number, number, number, number, number, number, number, number, number];

/** What `list` needs: read on every warm start. */
interface FactsSection {
  bomLength: number;
  eol: '\n' | '\r\n';
  contentStart: number;
  headings: EncodedHeading[];
  papers: FactsRow[];
  parts: PartRow[];
}

/** Offsets: read only by commands that edit. */
interface DetailSection {
  papers: DetailRow[];
}

/**
 * An entry is two files: `<hash>.facts` (format line, checksum line, JSON line) and `<hash>.detail`
 * (checksum line, JSON line), so that `list` reads and parses only the first.
 */
interface RawEntry {
  facts: FactsSection;
  detailLine: string;
  detailChecksum: string;
}

export function cacheDirectory(): string | null {
  if (process.env.PAPERS_NO_CACHE) return null;
  if (process.env.PAPERS_CACHE_DIR) return process.env.PAPERS_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'papers');
}

/**
 * The cache directory, if it can be trusted (see private-dir.ts): anyone who could write it could
 * plant entries, so such a directory is not used at all (papers only gets slower).
 */
export function trustedCacheDirectory(): string | null {
  const dir = cacheDirectory();
  return dir ? privateDirectory(dir) : null;
}

/** A small cache file, written whole (temp file and rename); failures only cost speed. */
export function writeCacheFile(dir: string, name: string, content: string): void {
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
    renameSync(temp, join(dir, name));
  } catch {
    unlinkQuietly(temp);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* not there */
  }
}

export function partKey(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class ModelCache {
  /** The entry exact() last served: a checkbox edit derives the next entry from it. */
  private lastEntry: RawEntry | null = null;
  private lastFingerprint = '';

  constructor(private readonly dir: string) {}

  /** The facts of exactly this text, if stored: all `list` needs, without offsets. */
  exactFacts(fingerprint: string): { papers: PaperFacts[]; total: number } | null {
    const entry = this.readEntry(fingerprint, false);
    if (!entry) return null;
    try {
      const headings = decodeHeadings(entry.facts.headings);
      return { papers: entry.facts.papers.map((row, i) => decodeFacts(row, i, headings)), total: entry.facts.papers.length };
    } catch {
      return null; // a malformed entry is a miss
    }
  }

  /** The model of exactly this text, if stored. */
  exact(fingerprint: string, text: string): ListDocument | null {
    this.forgetLastEntry();
    const entry = this.readEntry(fingerprint, true);
    if (!entry) return null;
    try {
      const doc = decodeDocument(entry, text);
      this.lastEntry = entry;
      this.lastFingerprint = fingerprint;
      return doc;
    } catch {
      return null; // a malformed entry is a miss
    }
  }

  /** The model about to be written did not come from the last entry served: derive nothing from it. */
  forgetLastEntry(): void {
    this.lastEntry = null;
    this.lastFingerprint = '';
  }

  /** Parts of the last text seen at this path, to re-use where the new text has the same parts. */
  previousParts(realPath: string): Map<string, ChunkModel> {
    const last = this.readText(`path-${partKey(realPath)}.txt`)?.trim();
    const entry = last ? this.readEntry(last, true) : null;
    try {
      return entry ? decodeParts(entry) : new Map();
    } catch {
      return new Map(); // a malformed entry is a miss
    }
  }

  store(fingerprint: string, realPath: string, doc: ListDocument, parts: ParsedPart[]): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      // Written row by row: a 50,000-paper model never becomes one giant JSON string in memory.
      const detail = this.writeRows(`${fingerprint}.detail`, '{"papers":[', (function* () {
        for (const paper of doc.papers) yield detailRow(paper);
      })(), ']}');
      const facts = asciiJson(encodeFacts(doc, parts));
      this.writeAtomically(`${fingerprint}.facts`, `${FORMAT}\n${partKey(facts)}\n${facts}\n${detail}`);
      this.writeAtomically(`path-${partKey(realPath)}.txt`, fingerprint);
      this.prune();
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /**
   * After an edit that only changed checkboxes (`done`, `undone`) every offset still holds: the new
   * entry is the one just read with those read flags and their parts' keys changed, no parsing.
   */
  storeCheckboxEdit(newFingerprint: string, realPath: string, newText: string, papers: { index: number; read: boolean }[]): boolean {
    const entry = this.lastEntry;
    if (!entry) return false;
    const { body } = splitBom(newText);
    const touched = new Set<PartRow>();
    for (const { index, read } of papers) {
      const row = entry.facts.papers[index];
      if (!row) return false;
      row[4] = read ? 1 : 0;
      const part = entry.facts.parts.find((p) => index >= p[4] && index < p[4] + p[5]);
      if (part) touched.add(part);
    }
    for (const part of touched) part[0] = partKey(body.slice(part[1], part[2]));
    try {
      const facts = asciiJson(entry.facts);
      // The offsets did not change: the detail file is copied as it is.
      const temp = join(this.dir, `.${newFingerprint}.detail.${process.pid}.${randomBytes(4).toString('hex')}`);
      try {
        copyFileSync(join(this.dir, `${this.lastFingerprint}.detail`), temp);
        renameSync(temp, join(this.dir, `${newFingerprint}.detail`));
      } catch (error) {
        unlinkQuietly(temp);
        throw error;
      }
      this.writeAtomically(`${newFingerprint}.facts`, `${FORMAT}\n${partKey(facts)}\n${facts}\n${entry.detailChecksum}`);
      this.writeAtomically(`path-${partKey(realPath)}.txt`, newFingerprint);
      this.prune();
      return true;
    } catch {
      return false; // a cache that cannot be written only costs speed
    }
  }

  /** A JSON array written in pieces to a temp file, then renamed; returns the checksum of the text. */
  private writeRows(name: string, open: string, rows: Iterable<number[]>, close: string): string {
    const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    const fd = openSync(temp, 'wx', 0o600);
    const hasher = createHash('sha1');
    let pending = open;
    const flush = () => {
      hasher.update(pending);
      writeSync(fd, pending);
      pending = '';
    };
    try {
      let first = true;
      for (const row of rows) {
        pending += (first ? '' : ',') + asciiJson(row);
        first = false;
        if (pending.length > 1 << 20) flush();
      }
      pending += close;
      flush();
    } catch (error) {
      closeSync(fd);
      unlinkQuietly(temp);
      throw error;
    }
    closeSync(fd);
    try {
      renameSync(temp, join(this.dir, name));
    } catch (error) {
      unlinkQuietly(temp);
      throw error;
    }
    return hasher.digest('hex');
  }

  /** `<hash>.facts`: format, checksum of the facts, the facts, checksum of `<hash>.detail`. */
  private readEntry(fingerprint: string, withDetail: boolean): RawEntry | null {
    const facts = this.readText(`${fingerprint}.facts`)?.split('\n', 4);
    if (!facts || facts.length < 4 || facts[0] !== FORMAT || partKey(facts[2]!) !== facts[1]) return null;
    let detail = '';
    if (withDetail) {
      detail = this.readText(`${fingerprint}.detail`) ?? '';
      if (partKey(detail) !== facts[3]) return null;
    }
    try {
      return { facts: JSON.parse(facts[2]!) as FactsSection, detailLine: detail, detailChecksum: facts[3]! };
    } catch {
      return null;
    }
  }

  /** Entries are written as ASCII (see asciiJson), which reads fastest as latin1. */
  private readText(name: string): string | null {
    try {
      return readFileSync(join(this.dir, name), 'latin1');
    } catch {
      return null;
    }
  }

  private writeAtomically(name: string, content: string): void {
    const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
      renameSync(temp, join(this.dir, name));
    } catch (error) {
      unlinkQuietly(temp);
      throw error;
    }
  }

  /** Keeps the newest entries only. */
  private prune(): void {
    const names = readdirSync(this.dir);
    removeLeftoverTemps(this.dir, names);
    const entries = names.filter((name) => name.endsWith('.facts'));
    if (entries.length <= MAX_ENTRIES) return;
    removeOldRecords(this.dir, names);
    const byAge = entries.map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
    for (const { name } of byAge.slice(0, entries.length - MAX_ENTRIES)) {
      for (const file of [name, name.replace(/\.facts$/, '.detail')]) {
        try {
          unlinkSync(join(this.dir, file));
        } catch {
          /* another papers pruned it */
        }
      }
    }
  }
}

/** Temp files (`.<name>.<pid>.<hex>`) of papers processes that were killed or ran out of space. */
function removeLeftoverTemps(dir: string, names: string[]): void {
  for (const name of names) {
    const match = /^\..*\.(\d+)\.[0-9a-f]{8}$/.exec(name);
    if (!match || Number(match[1]) === process.pid) continue;
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 60_000) unlinkSync(join(dir, name));
    } catch {
      /* gone already */
    }
  }
}

/** Per-path records (`path-*`, `written-*`) of lists not touched for a month. */
function removeOldRecords(dir: string, names: string[]): void {
  for (const name of names) {
    if (!/^(path|written)-[0-9a-f]{40}\.txt$/.test(name)) continue;
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 30 * 24 * 3600 * 1000) unlinkSync(join(dir, name));
    } catch {
      /* gone already */
    }
  }
}

/** Parts by the hash of their text; counts the parts that had to be parsed. */
export class PartCache implements ChunkCache {
  constructor(private readonly known: Map<string, ChunkModel>) {}

  get(chunkText: string): ChunkModel | undefined {
    return this.known.get(partKey(chunkText));
  }

  set(chunkText: string, model: ChunkModel): void {
    this.known.set(partKey(chunkText), model);
  }
}

/** JSON with every non-ASCII character escaped (`\u00e9`): the same value, in one-byte text. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// Encoding: arrays instead of objects, spans as pairs of numbers (-1 for none).

function encodeFacts(doc: ListDocument, parts: ParsedPart[]): FactsSection {
  const { body } = splitBom(doc.text);
  const rows: PartRow[] = [];
  let paper = 0;
  let heading = 0;
  let list = 0;
  for (const { chunk, model } of parts) {
    rows.push([partKey(body.slice(chunk.start, chunk.end)), chunk.start, chunk.end, chunk.line, paper, model.papers.length, heading, model.headings.length, list, model.lists, model.frontMatterEnd, model.openAtEnd ? 1 : 0]);
    paper += model.papers.length;
    heading += model.headings.length;
    list += model.lists;
  }
  return {
    bomLength: doc.bomLength,
    eol: doc.eol,
    contentStart: doc.contentStart,
    headings: doc.headings.map((h) => [h.text, h.depth, h.span.start, h.span.end, h.sectionEnd, h.isDocumentTitle ? 1 : 0, h.path]),
    papers: doc.papers.map((p) => [p.id, p.title, p.venue, p.year, p.read ? 1 : 0, p.line, p.headingIndex, p.checkbox.start, p.listIndex, p.loose ? 1 : 0, p.links.length, p.checkbox.end, p.source === 'row' ? 1 : 0, ...p.links.flatMap((l) => [l.label, l.url])]),
    parts: rows,
  };
}

function detailRow(p: Paper): number[] {
  const row = [p.span.start, p.span.end, p.body.start, p.body.end, ...pair(p.titleSpan), ...pair(p.venueSpan)];
  for (const l of p.links) row.push(l.span.start, l.span.end, ...pair(l.urlSpan), l.labelSpan.start, l.labelSpan.end, l.outerSpan.start, l.outerSpan.end);
  if (p.row) {
    const { layout, head, cells, status } = p.row;
    row.push(STATUSES.indexOf(status), layout.columns, layout.status, layout.title, layout.venue, layout.year, layout.links, head.start, head.end, cells.length);
    for (const cell of cells) row.push(cell.start, cell.end);
  }
  return row;
}

const STATUSES: RowStatus[] = ['read', 'unread', 'empty', 'unknown'];

function decodeRow(d: number[], at: number): TableRowInfo {
  const cells: Span[] = [];
  for (let k = 0; k < d[at + 9]!; k++) cells.push({ start: d[at + 10 + 2 * k]!, end: d[at + 11 + 2 * k]! });
  return {
    status: STATUSES[d[at]!]!,
    layout: { columns: d[at + 1]!, status: d[at + 2]!, title: d[at + 3]!, venue: d[at + 4]!, year: d[at + 5]!, links: d[at + 6]! },
    head: { start: d[at + 7]!, end: d[at + 8]! },
    cells,
  };
}

function pair(span: Span | null): [number, number] {
  return span ? [span.start, span.end] : [-1, -1];
}

function decodeHeadings(rows: EncodedHeading[]): Heading[] {
  return rows.map(([text, depth, start, end, sectionEnd, title, path]) => ({ text, depth, span: { start, end }, sectionEnd, isDocumentTitle: title === 1, path }));
}

function decodeFacts(row: FactsRow, index: number, headings: Heading[]): PaperFacts {
  const links: { label: string; url: string }[] = [];
  for (let i = 13; i < 13 + 2 * (row[10] as number); i += 2) links.push({ label: row[i] as string, url: row[i + 1] as string });
  return {
    id: row[0] as string,
    number: index + 1,
    title: row[1] as string,
    venue: row[2] as string | null,
    year: row[3] as number | null,
    read: row[4] === 1,
    line: row[5] as number,
    area: headings[row[6] as number]?.path ?? [],
    checkbox: { start: row[7] as number, end: row[11] as number },
    source: row[12] === 1 ? 'row' : 'task',
    links,
  };
}

/**
 * A paper from the cache whose offsets are decoded on first use: resolving an id and flipping a
 * checkbox need only the facts, so `done` never parses the detail file. toJSON gives the plain object.
 */
class StoredPaper implements Paper {
  readonly source: PaperSource;
  id: string;
  number: number;
  title: string;
  read: boolean;
  area: string[];
  venue: string | null;
  year: number | null;
  line: number;
  checkbox: Span;
  headingIndex: number;
  listIndex: number;
  loose: boolean;
  private readonly facts: PaperFacts;
  private decoded: Pick<Paper, 'span' | 'body' | 'titleSpan' | 'venueSpan' | 'links' | 'row'> | null = null;

  constructor(row: FactsRow, index: number, headings: Heading[], private readonly detailRow: () => number[]) {
    const facts = decodeFacts(row, index, headings);
    this.facts = facts;
    this.source = facts.source ?? 'task';
    this.id = facts.id;
    this.number = facts.number;
    this.title = facts.title;
    this.read = facts.read;
    this.area = facts.area;
    this.venue = facts.venue;
    this.year = facts.year;
    this.line = facts.line;
    this.checkbox = facts.checkbox;
    this.headingIndex = row[6] as number;
    this.listIndex = row[8] as number;
    this.loose = row[9] === 1;
  }

  get span(): Span {
    return this.detail().span;
  }
  get body(): Span {
    return this.detail().body;
  }
  get titleSpan(): Span | null {
    return this.detail().titleSpan;
  }
  get venueSpan(): Span | null {
    return this.detail().venueSpan;
  }
  get links(): Link[] {
    return this.detail().links;
  }
  get row(): TableRowInfo | undefined {
    return this.detail().row;
  }

  private detail() {
    if (this.decoded) return this.decoded;
    const d = this.detailRow();
    const span = (i: number): Span | null => (d[i]! < 0 ? null : { start: d[i]!, end: d[i + 1]! });
    this.decoded = {
      span: { start: d[0]!, end: d[1]! },
      body: { start: d[2]!, end: d[3]! },
      titleSpan: span(4),
      venueSpan: span(6),
      links: this.facts.links.map((link, k) => {
        const at = 8 + 8 * k;
        return {
          ...link,
          span: { start: d[at]!, end: d[at + 1]! },
          urlSpan: span(at + 2),
          labelSpan: { start: d[at + 4]!, end: d[at + 5]! },
          outerSpan: { start: d[at + 6]!, end: d[at + 7]! },
        };
      }),
    };
    if (this.source === 'row') this.decoded.row = decodeRow(d, 8 + 8 * this.facts.links.length);
    return this.decoded;
  }

  toJSON(): Paper {
    const { id, number, title, read, area, venue, year, line, checkbox, headingIndex, listIndex, loose, source } = this;
    return { id, number, title, read, area, venue, year, line, checkbox, headingIndex, listIndex, loose, source, ...this.detail() };
  }
}

function decodePapers(entry: RawEntry, headings: Heading[]): Paper[] {
  let detail: number[][] | null = null;
  const rows = (): number[][] => (detail ??= (JSON.parse(entry.detailLine) as DetailSection).papers);
  return entry.facts.papers.map((row, index) => new StoredPaper(row, index, headings, () => rows()[index]!));
}

function decodeDocument(entry: RawEntry, text: string): ListDocument {
  const headings = decodeHeadings(entry.facts.headings);
  const { bomLength, eol, contentStart } = entry.facts;
  return { text, bomLength, eol, contentStart, papers: decodePapers(entry, headings), headings };
}

/** The parts of a stored document as the parser would have returned them, keyed by their text's hash. */
function decodeParts(entry: RawEntry): Map<string, ChunkModel> {
  const headings = entry.facts.headings;
  const papers = decodePapers(entry, []);
  const parts = new Map<string, ChunkModel>();
  for (const [key, start, , line, firstPaper, paperCount, firstHeading, headingCount, firstList, lists, frontMatterEnd, openAtEnd] of entry.facts.parts) {
    const shift = entry.facts.bomLength + start;
    const back = (s: Span): Span => ({ start: s.start - shift, end: s.end - shift });
    const partPapers: PartialPaper[] = papers.slice(firstPaper, firstPaper + paperCount).map((p) => ({
      title: p.title,
      read: p.read,
      venue: p.venue,
      year: p.year,
      links: p.links.map((l) => ({ ...l, span: back(l.span), urlSpan: l.urlSpan && back(l.urlSpan), labelSpan: back(l.labelSpan), outerSpan: back(l.outerSpan) })),
      line: p.line - line,
      source: p.source,
      span: back(p.span),
      checkbox: back(p.checkbox),
      body: back(p.body),
      titleSpan: p.titleSpan && back(p.titleSpan),
      venueSpan: p.venueSpan && back(p.venueSpan),
      ...(p.row ? { row: { ...p.row, cells: p.row.cells.map(back), head: back(p.row.head) } } : {}),
      headingIndex: p.headingIndex - firstHeading,
      listIndex: p.listIndex - firstList,
      loose: p.loose,
    }));
    const partHeadings: PartialHeading[] = headings
      .slice(firstHeading, firstHeading + headingCount)
      .map(([text, depth, s, e]) => ({ text, depth: depth as PartialHeading['depth'], span: { start: s - shift, end: e - shift } }));
    // A part that ended inside a code or HTML block is joined with what follows when re-used.
    parts.set(key, { papers: partPapers, headings: partHeadings, lists, openAtEnd: openAtEnd === 1, frontMatterEnd });
  }
  return parts;
}
