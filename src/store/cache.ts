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
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Heading, Link, ListDocument, Paper, Span } from '../core/model.js';
import type { ChunkCache, ChunkModel, ParsedPart, PartialHeading, PartialPaper } from '../core/parse.js';
import { splitBom } from '../core/text.js';

/** Bump when the model or the parser changes what it produces. */
const FORMAT = 'papers-cache-7';
const MAX_ENTRIES = 40;

type EncodedPaper = (string | number | null)[];
type EncodedHeading = [string, number, number, number, number, number, string[]];
/** key, start, end, line, first paper, papers, first heading, headings, first list, lists, front matter end. */
type PartRow = [string, number, number, number, number, number, number, number, number, number, number];

interface Entry {
  format: string;
  bomLength: number;
  eol: '\n' | '\r\n';
  contentStart: number;
  papers: EncodedPaper[];
  headings: EncodedHeading[];
  parts: PartRow[];
}

export function cacheDirectory(): string | null {
  if (process.env.PAPERS_NO_CACHE) return null;
  if (process.env.PAPERS_CACHE_DIR) return process.env.PAPERS_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'papers');
}

export function partKey(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class ModelCache {
  /** The entry exact() last served: a checkbox edit derives the next entry from it. */
  private lastEntry: Entry | null = null;

  constructor(private readonly dir: string) {}

  static open(): ModelCache | null {
    const dir = cacheDirectory();
    return dir ? new ModelCache(dir) : null;
  }

  /** The model of exactly this text, if stored. */
  exact(fingerprint: string, text: string): ListDocument | null {
    const entry = this.readEntry(`doc-${fingerprint}.json`);
    this.lastEntry = entry;
    try {
      return entry ? decodeDocument(entry, text) : null;
    } catch {
      return null; // a malformed entry is a miss
    }
  }

  /** Parts of the last text seen at this path, to re-use where the new text has the same parts. */
  previousParts(realPath: string): ChunkCache {
    const last = this.readText(`path-${partKey(realPath)}.txt`)?.trim();
    const entry = last ? this.readEntry(`doc-${last}.json`) : null;
    try {
      return new PartCache(entry ? decodeParts(entry) : new Map());
    } catch {
      return new PartCache(new Map()); // a malformed entry is a miss
    }
  }

  store(fingerprint: string, realPath: string, doc: ListDocument, parts: ParsedPart[]): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const body = JSON.stringify(encodeDocument(doc, parts));
      this.writeAtomically(`doc-${fingerprint}.json`, `${partKey(body)}\n${body}`);
      this.writeAtomically(`path-${partKey(realPath)}.txt`, fingerprint);
      this.prune();
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /**
   * After an edit that only changed checkboxes (`done`, `undone`), the new entry is the old one with
   * those papers' read flags and their parts' keys updated: no parsing, no decoding.
   */
  storeCheckboxEdit(newFingerprint: string, realPath: string, newText: string, papers: { index: number; read: boolean }[]): boolean {
    const entry = this.lastEntry;
    if (!entry) return false;
    const { body } = splitBom(newText);
    const touchedParts = new Set<PartRow>();
    for (const { index, read } of papers) {
      const row = entry.papers[index];
      if (!row) return false;
      row[4] = read ? 1 : 0;
      const part = entry.parts.find((p) => index >= p[4] && index < p[4] + p[5]);
      if (part) touchedParts.add(part);
    }
    for (const part of touchedParts) part[0] = partKey(body.slice(part[1], part[2]));
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const json = JSON.stringify(entry);
      this.writeAtomically(`doc-${newFingerprint}.json`, `${partKey(json)}\n${json}`);
      this.writeAtomically(`path-${partKey(realPath)}.txt`, newFingerprint);
    } catch {
      return false;
    }
    return true;
  }

  /** First line: checksum of the rest. */
  private readEntry(name: string): Entry | null {
    const raw = this.readText(name);
    if (raw === null) return null;
    const newline = raw.indexOf('\n');
    const body = raw.slice(newline + 1);
    if (newline < 0 || raw.slice(0, newline) !== partKey(body)) return null;
    try {
      const entry = JSON.parse(body) as Entry;
      return entry.format === FORMAT ? entry : null;
    } catch {
      return null;
    }
  }

  private readText(name: string): string | null {
    try {
      return readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return null;
    }
  }

  private writeAtomically(name: string, content: string): void {
    const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(temp, content, { mode: 0o600 });
    renameSync(temp, join(this.dir, name));
  }

  private prune(): void {
    const entries = readdirSync(this.dir).filter((name) => name.startsWith('doc-'));
    if (entries.length <= MAX_ENTRIES) return;
    const byAge = entries.map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
    for (const { name } of byAge.slice(0, entries.length - MAX_ENTRIES)) {
      try {
        unlinkSync(join(this.dir, name));
      } catch {
        /* another papers pruned it */
      }
    }
  }
}

/** Parts by the hash of their text; counts the parts that had to be parsed. */
export class PartCache implements ChunkCache {
  misses = 0;
  constructor(private readonly known: Map<string, ChunkModel>) {}

  get(chunkText: string): ChunkModel | undefined {
    return this.known.get(partKey(chunkText));
  }

  set(chunkText: string, model: ChunkModel): void {
    this.known.set(partKey(chunkText), model);
    this.misses++;
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding: arrays instead of objects, spans as pairs of numbers (-1 for none).

function encodeDocument(doc: ListDocument, parts: ParsedPart[]): Entry {
  const { body } = splitBom(doc.text);
  const rows: PartRow[] = [];
  let paper = 0;
  let heading = 0;
  let list = 0;
  for (const { chunk, model } of parts) {
    rows.push([partKey(body.slice(chunk.start, chunk.end)), chunk.start, chunk.end, chunk.line, paper, model.papers.length, heading, model.headings.length, list, model.lists, model.frontMatterEnd]);
    paper += model.papers.length;
    heading += model.headings.length;
    list += model.lists;
  }
  return {
    format: FORMAT,
    bomLength: doc.bomLength,
    eol: doc.eol,
    contentStart: doc.contentStart,
    papers: doc.papers.map(encodePaper),
    headings: doc.headings.map((h) => [h.text, h.depth, h.span.start, h.span.end, h.sectionEnd, h.isDocumentTitle ? 1 : 0, h.path]),
    parts: rows,
  };
}

function encodePaper(p: Paper): EncodedPaper {
  const out: EncodedPaper = [p.id, p.title, p.venue, p.year, p.read ? 1 : 0, p.line, p.headingIndex, p.listIndex, p.loose ? 1 : 0];
  out.push(p.span.start, p.span.end, p.checkbox.start, p.body.start, p.body.end);
  out.push(...pair(p.titleSpan), ...pair(p.venueSpan), p.links.length);
  for (const l of p.links) out.push(l.label, l.url, l.span.start, l.span.end, ...pair(l.urlSpan), l.labelSpan.start, l.labelSpan.end, l.outerSpan.start, l.outerSpan.end);
  return out;
}

function pair(span: Span | null): [number, number] {
  return span ? [span.start, span.end] : [-1, -1];
}

function decodeDocument(entry: Entry, text: string): ListDocument {
  const headings: Heading[] = entry.headings.map(([headingText, depth, start, end, sectionEnd, title, path]) => ({
    text: headingText,
    depth,
    span: { start, end },
    sectionEnd,
    isDocumentTitle: title === 1,
    path,
  }));
  const papers = entry.papers.map((row, i) => decodePaper(row, i, headings));
  return { text, bomLength: entry.bomLength, eol: entry.eol, contentStart: entry.contentStart, papers, headings };
}

function decodePaper(row: EncodedPaper, index: number, headings: Heading[]): Paper {
  const n = (i: number) => row[i] as number;
  const span = (i: number): Span | null => (n(i) < 0 ? null : { start: n(i), end: n(i + 1) });
  const links: Link[] = [];
  for (let i = 19, count = 0; count < n(18); count++, i += 10) {
    links.push({
      label: row[i] as string,
      url: row[i + 1] as string,
      span: { start: n(i + 2), end: n(i + 3) },
      urlSpan: span(i + 4),
      labelSpan: { start: n(i + 6), end: n(i + 7) },
      outerSpan: { start: n(i + 8), end: n(i + 9) },
    });
  }
  const headingIndex = n(6);
  return {
    id: row[0] as string,
    number: index + 1,
    title: row[1] as string,
    venue: row[2] as string | null,
    year: row[3] as number | null,
    read: row[4] === 1,
    line: n(5),
    headingIndex,
    listIndex: n(7),
    loose: row[8] === 1,
    span: { start: n(9), end: n(10) },
    checkbox: { start: n(11), end: n(11) + 1 },
    body: { start: n(12), end: n(13) },
    titleSpan: span(14),
    venueSpan: span(16),
    links,
    area: headings[headingIndex]?.path ?? [],
    source: 'task',
  };
}

/** The parts of a stored document as the parser would have returned them, keyed by their text's hash. */
function decodeParts(entry: Entry): Map<string, ChunkModel> {
  const headings = entry.headings;
  const papers = entry.papers.map((row, i) => decodePaper(row, i, []));
  const parts = new Map<string, ChunkModel>();
  for (const [key, start, , line, firstPaper, paperCount, firstHeading, headingCount, firstList, lists, frontMatterEnd] of entry.parts) {
    const shift = entry.bomLength + start;
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
      headingIndex: p.headingIndex - firstHeading,
      listIndex: p.listIndex - firstList,
      loose: p.loose,
    }));
    const partHeadings: PartialHeading[] = headings
      .slice(firstHeading, firstHeading + headingCount)
      .map(([text, depth, s, e]) => ({ text, depth: depth as PartialHeading['depth'], span: { start: s - shift, end: e - shift } }));
    parts.set(key, { papers: partPapers, headings: partHeadings, lists, openAtEnd: false, frontMatterEnd });
  }
  return parts;
}
