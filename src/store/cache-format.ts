/**
 * The cache entry format: a list's model in columns of 32-bit integers plus one string blob, so that
 * `list` reads it without parsing JSON or building strings for papers it does not show, and `done`
 * writes the next entry by flipping bits in a copy.
 *
 * An entry is one file (all integers little-endian):
 *
 *   header  64 bytes: MAGIC (16 ASCII bytes), facts length (u32), detail length (u32), checksum of
 *           the facts section (u32), checksum of the detail section (u32), zeros (see hash.ts checksum32)
 *   facts   what `list` needs, read alone: Int32 words, then the string blob (padded to 4 bytes)
 *             COUNTS words (see Count), then, each column stored whole (column-major):
 *             paper columns (PaperColumn, one word per paper), link columns (LinkColumn),
 *             heading columns (HeadingColumn), part columns (PartColumn, with the part's sha1 as
 *             5 words), heading path words (string indexes), string offsets (strings + 1, into the blob)
 *   detail  what edits need: Int32 words: per paper the start of its run (papers + 1 words), then
 *           the runs: item span, body, title span, venue span (pairs, -1 for none), 8 words per link
 *           (link span, URL span, label span, outer span), and for a table row its status, layout
 *           (6 words), head span, cell count and cell spans
 *
 * Strings are stored once. Most titles, URLs and labels are the very text of the list: those are kept
 * as a pair of offsets relative to the start of the paper's part (see StringRef), which also lets a
 * part be re-used where the same text moved (after an edit above it).
 *
 * An entry whose magic, lengths or either checksum does not match is ignored; the store also checks every
 * model against the list's text before using it (store/stored-model.ts), so a damaged or planted entry costs
 * time, never bytes.
 */
import { isAscii } from 'node:buffer';
import type {
  Heading,
  Link,
  ListDocument,
  Paper,
  PaperFacts,
  PaperSource,
  RowStatus,
  Span,
  TableRowInfo,
} from '../core/model/paper.js';
import type { ReadState } from '../core/read/formats/meanings.js';
import type { ChunkModel, ParsedPart, PartialHeading, PartialPaper } from '../core/read/parse.js';
import { checksum32, sha1 } from './hash.js';

/** Bump the number when the layout, the model or what the parser produces changes. */
const MAGIC = 'papers-cache-18\n';
export const HEADER_BYTES = 64;

const enum Count {
  Papers,
  Links,
  Headings,
  Parts,
  Strings,
  PathWords,
  BlobBytes,
  BomLength,
  Eol,
  ContentStart,
  Total,
}

/**
 * A string field is two words (a, b): a >= 0 is the text from a to b, counted from the start of the
 * paper's part (without the BOM); a = NULL_REF is null; a <= -2 is string number -a - 2 of the blob.
 */
const NULL_REF = -1;

enum PaperColumn {
  Id, // string number
  TitleA,
  TitleB,
  VenueA,
  VenueB,
  Year, // -1 for none
  Flags,
  Line,
  Heading,
  CheckboxStart,
  CheckboxEnd,
  List,
  FirstLink,
  LinkCount,
  Part,
  Total,
}
const enum Flag {
  Read = 1,
  Loose = 2,
  Row = 4,
  Reading = 8,
  Marked = 16,
}
const enum LinkColumn {
  LabelA,
  LabelB,
  UrlA,
  UrlB,
  Total,
}
const enum HeadingColumn {
  Text, // string number
  Depth,
  Start,
  End,
  SectionEnd,
  IsTitle,
  PathStart,
  PathLength,
  Total,
}
const enum PartColumn {
  Start,
  End,
  Line,
  FirstPaper,
  Papers,
  FirstHeading,
  Headings,
  FirstList,
  Lists,
  FrontMatterEnd,
  OpenAtEnd,
  Key, // 5 words: the sha1 of the part's text
  Total = Key + 5,
}

const STATUSES: RowStatus[] = ['read', 'unread', 'empty', 'unknown', 'reading'];

export { sha1 };

// ---------------------------------------------------------------------------------------------
// Writing

class StringTable {
  private readonly index = new Map<string, number>();
  readonly strings: string[] = [];

  add(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      this.index.set(value, (i = this.strings.length));
      this.strings.push(value);
    }
    return i;
  }
}

/** The entry file for a document and the parts it was parsed from, as pieces to write in order. */
export function encodeEntry(doc: ListDocument, parts: readonly ParsedPart[]): Buffer[] {
  const { papers, headings, text, bomLength } = doc;
  const table = new StringTable();
  const P = papers.length;
  const H = headings.length;
  const R = parts.length;
  let L = 0;
  for (const paper of papers) L += paper.links.length;
  const pathWords: number[] = [];
  const headingWords = new Int32Array(H * HeadingColumn.Total);
  headings.forEach((heading, i) => {
    const set = (column: HeadingColumn, value: number) => (headingWords[column * H + i] = value);
    set(HeadingColumn.Text, table.add(heading.text));
    set(HeadingColumn.Depth, heading.depth);
    set(HeadingColumn.Start, heading.span.start);
    set(HeadingColumn.End, heading.span.end);
    set(HeadingColumn.SectionEnd, heading.sectionEnd);
    set(HeadingColumn.IsTitle, heading.isDocumentTitle ? 1 : 0);
    set(HeadingColumn.PathStart, pathWords.length);
    set(HeadingColumn.PathLength, heading.path.length);
    for (const name of heading.path) pathWords.push(table.add(name));
  });

  const paperWords = new Int32Array(P * PaperColumn.Total);
  const linkWords = new Int32Array(L * LinkColumn.Total);
  const partWords = new Int32Array(R * PartColumn.Total);
  let link = 0;
  let paperIndex = 0;
  let headingIndex = 0;
  let listIndex = 0;
  parts.forEach(({ chunk, model }, r) => {
    const setPart = (column: number, value: number) => (partWords[column * R + r] = value);
    setPart(PartColumn.Start, chunk.start);
    setPart(PartColumn.End, chunk.end);
    setPart(PartColumn.Line, chunk.line);
    setPart(PartColumn.FirstPaper, paperIndex);
    setPart(PartColumn.Papers, model.papers.length);
    setPart(PartColumn.FirstHeading, headingIndex);
    setPart(PartColumn.Headings, model.headings.length);
    setPart(PartColumn.FirstList, listIndex);
    setPart(PartColumn.Lists, model.lists);
    setPart(PartColumn.FrontMatterEnd, model.frontMatterEnd);
    setPart(PartColumn.OpenAtEnd, model.openAtEnd ? 1 : 0);
    const key = sha1(text.slice(bomLength + chunk.start, bomLength + chunk.end));
    for (let k = 0; k < 5; k++) setPart(PartColumn.Key + k, key.readInt32LE(4 * k));
    const base = bomLength + chunk.start;
    /** Writes a string field at `at` (two words): a text span when the span holds exactly it, else the blob's. */
    const putRef = (words: Int32Array, at: number, stride: number, value: string | null, span: Span | null): void => {
      if (value === null) {
        words[at] = NULL_REF;
      } else if (
        span &&
        span.start >= base &&
        span.end - span.start === value.length &&
        text.startsWith(value, span.start)
      ) {
        words[at] = span.start - base;
        words[at + stride] = span.end - base;
      } else {
        words[at] = -2 - table.add(value);
      }
    };
    for (let k = 0; k < model.papers.length; k++, paperIndex++) {
      const paper = papers[paperIndex]!;
      const i = paperIndex;
      paperWords[PaperColumn.Id * P + i] = table.add(paper.id);
      putRef(paperWords, PaperColumn.TitleA * P + i, P, paper.title, paper.titleSpan);
      putRef(paperWords, PaperColumn.VenueA * P + i, P, paper.venue, paper.venueSpan);
      paperWords[PaperColumn.Year * P + i] = paper.year ?? -1;
      paperWords[PaperColumn.Flags * P + i] =
        (paper.read ? Flag.Read : 0) |
        (paper.reading ? Flag.Reading : 0) |
        (paper.loose ? Flag.Loose : 0) |
        (paper.source === 'row' ? Flag.Row : paper.source === 'marked' ? Flag.Marked : 0);
      paperWords[PaperColumn.Line * P + i] = paper.line;
      paperWords[PaperColumn.Heading * P + i] = paper.headingIndex;
      paperWords[PaperColumn.CheckboxStart * P + i] = paper.checkbox.start;
      paperWords[PaperColumn.CheckboxEnd * P + i] = paper.checkbox.end;
      paperWords[PaperColumn.List * P + i] = paper.listIndex;
      paperWords[PaperColumn.FirstLink * P + i] = link;
      paperWords[PaperColumn.LinkCount * P + i] = paper.links.length;
      paperWords[PaperColumn.Part * P + i] = r;
      for (const l of paper.links) {
        putRef(linkWords, LinkColumn.LabelA * L + link, L, l.label, l.labelSpan);
        putRef(linkWords, LinkColumn.UrlA * L + link, L, l.url, l.urlSpan);
        link++;
      }
    }
    headingIndex += model.headings.length;
    listIndex += model.lists;
  });

  // One buffer for the facts, each string written into it in place (no buffer per string).
  const strings = table.strings;
  const offsets = new Int32Array(strings.length + 1);
  strings.forEach((value, i) => (offsets[i + 1] = offsets[i]! + Buffer.byteLength(value, 'utf8')));
  const blobBytes = offsets[strings.length]!;
  const counts = new Int32Array(Count.Total);
  counts[Count.Papers] = P;
  counts[Count.Links] = L;
  counts[Count.Headings] = H;
  counts[Count.Parts] = R;
  counts[Count.Strings] = strings.length;
  counts[Count.PathWords] = pathWords.length;
  counts[Count.BlobBytes] = blobBytes;
  counts[Count.BomLength] = bomLength;
  // Bit 1: CRLF; bit 2: the document has a legend (its parts are not re-used alone).
  counts[Count.Eol] = (doc.eol === '\r\n' ? 1 : 0) | (doc.readAsWhole ? 2 : 0);
  counts[Count.ContentStart] = doc.contentStart;
  const words = [counts, paperWords, linkWords, headingWords, partWords, Int32Array.from(pathWords), offsets];
  const wordBytes = words.reduce((sum, column) => sum + column.byteLength, 0);
  const facts = Buffer.alloc(wordBytes + blobBytes + ((4 - (blobBytes % 4)) % 4));
  let at = 0;
  for (const column of words) at += bytesOf(column).copy(facts, at);
  strings.forEach((value, i) => facts.write(value, wordBytes + offsets[i]!, 'utf8'));
  const detail = encodeDetail(papers);
  return [headerFor(facts, detail), facts, detail];
}

function bytesOf(words: Int32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

/** Words per paper in the detail section (see the layout above). */
function runLength(p: Paper): number {
  return 8 + 8 * p.links.length + (p.row ? 10 + 2 * p.row.cells.length : 0);
}

function encodeDetail(papers: readonly Paper[]): Buffer {
  let total = 0;
  for (const p of papers) total += runLength(p);
  const words = new Int32Array(papers.length + 1 + total);
  let at = papers.length + 1;
  const pair = (span: Span | null) => {
    words[at++] = span ? span.start : -1;
    words[at++] = span ? span.end : -1;
  };
  papers.forEach((p, i) => {
    words[i] = at - papers.length - 1;
    pair(p.span);
    pair(p.body);
    pair(p.titleSpan);
    pair(p.venueSpan);
    for (const l of p.links) {
      pair(l.span);
      pair(l.urlSpan);
      pair(l.labelSpan);
      pair(l.outerSpan);
    }
    if (p.row) {
      const { layout, head, cells, status } = p.row;
      for (const value of [
        STATUSES.indexOf(status),
        layout.columns,
        layout.status,
        layout.title,
        layout.venue,
        layout.year,
        layout.links,
      ])
        words[at++] = value;
      pair(head);
      words[at++] = cells.length;
      for (const cell of cells) pair(cell);
    }
  });
  words[papers.length] = at - papers.length - 1;
  return bytesOf(words);
}

function withHeader(facts: Buffer, detail: Buffer): Buffer {
  return Buffer.concat([headerFor(facts, detail), facts, detail]);
}

/** The header for these sections; `detailSum` when the detail's checksum is known already. */
export function headerFor(facts: Buffer, detail: Buffer, detailSum: number = checksum32(detail)): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(facts.length, 16);
  header.writeUInt32LE(detail.length, 20);
  header.writeUInt32LE(checksum32(facts), 24);
  header.writeUInt32LE(detailSum, 28);
  return header;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The header's lengths and checksums, if it is an entry of this format. */
export function readHeader(
  header: Buffer,
): { factsBytes: number; detailBytes: number; factsSum: number; detailSum: number } | null {
  if (header.length < HEADER_BYTES || header.toString('latin1', 0, 16) !== MAGIC) return null;
  const factsBytes = header.readUInt32LE(16);
  const detailBytes = header.readUInt32LE(20);
  if (factsBytes % 4 !== 0 || detailBytes % 4 !== 0) return null;
  return { factsBytes, detailBytes, factsSum: header.readUInt32LE(24), detailSum: header.readUInt32LE(28) };
}

/** A 4-byte aligned Int32 view of these bytes (a copy only when they are not aligned). */
function int32View(bytes: Buffer): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/**
 * The facts section, decoded on demand: `list` reads flags, headings and areas from the columns and
 * builds strings only for the papers it shows. Throws on a malformed section (callers treat it as a miss).
 */
export class StoredFacts {
  readonly paperCount: number;
  readonly bomLength: number;
  readonly eol: '\n' | '\r\n';
  readonly readAsWhole: boolean;
  readonly contentStart: number;
  private readonly words: Int32Array;
  private readonly counts: Int32Array;
  private readonly paperBase: number;
  private readonly linkBase: number;
  private readonly headingBase: number;
  private readonly partBase: number;
  private readonly pathBase: number;
  private readonly offsetBase: number;
  private readonly blob: Buffer;
  private readonly blobIsAscii: boolean;
  private readonly stringCache: (string | undefined)[];
  private headingList: Heading[] | null = null;

  constructor(
    readonly bytes: Buffer,
    /** The list's text: strings stored as spans are read from it. */
    private readonly text: string,
  ) {
    const words = int32View(bytes);
    this.words = words;
    if (words.length < Count.Total) throw new Error('short');
    this.counts = words.subarray(0, Count.Total);
    const [P, L, H, R, S, W, B] = [
      Count.Papers,
      Count.Links,
      Count.Headings,
      Count.Parts,
      Count.Strings,
      Count.PathWords,
      Count.BlobBytes,
    ].map((c) => this.counts[c]!) as [number, number, number, number, number, number, number];
    if ([P, L, H, R, S, W, B].some((n) => n < 0)) throw new Error('negative count');
    this.paperCount = P;
    this.paperBase = Count.Total;
    this.linkBase = this.paperBase + P * PaperColumn.Total;
    this.headingBase = this.linkBase + L * LinkColumn.Total;
    this.partBase = this.headingBase + H * HeadingColumn.Total;
    this.pathBase = this.partBase + R * PartColumn.Total;
    this.offsetBase = this.pathBase + W;
    const blobStart = (this.offsetBase + S + 1) * 4;
    if (blobStart + B > bytes.length) throw new Error('short');
    this.blob = bytes.subarray(blobStart, blobStart + B);
    this.blobIsAscii = isAscii(this.blob);
    this.stringCache = new Array<string | undefined>(S);
    this.bomLength = this.counts[Count.BomLength]!;
    this.eol = (this.counts[Count.Eol]! & 1) === 1 ? '\r\n' : '\n';
    this.readAsWhole = (this.counts[Count.Eol]! & 2) !== 0;
    this.contentStart = this.counts[Count.ContentStart]!;
  }

  private paperWord(column: PaperColumn, i: number): number {
    return this.words[this.paperBase + column * this.paperCount + i]!;
  }

  private linkWord(column: LinkColumn, k: number): number {
    return this.words[this.linkBase + column * this.counts[Count.Links]! + k]!;
  }

  private partWord(column: PartColumn, r: number): number {
    return this.words[this.partBase + column * this.counts[Count.Parts]! + r]!;
  }

  get partCount(): number {
    return this.counts[Count.Parts]!;
  }
  /** The part paper i came from, and where a part's text is (offsets without the BOM). */
  partOf(i: number): number {
    return this.paperWord(PaperColumn.Part, i);
  }
  partStart(r: number): number {
    return this.partWord(PartColumn.Start, r);
  }
  partEnd(r: number): number {
    return this.partWord(PartColumn.End, r);
  }

  string(n: number): string {
    let value = this.stringCache[n];
    if (value === undefined) {
      const start = this.words[this.offsetBase + n]!;
      const end = this.words[this.offsetBase + n + 1]!;
      if (!(start >= 0 && start <= end && end <= this.blob.length)) throw new Error('bad string');
      value = this.blob.toString(this.blobIsAscii ? 'latin1' : 'utf8', start, end);
      this.stringCache[n] = value;
    }
    return value;
  }

  /** A string field (see StringRef); `text` and `base` say where its part's text is. */
  private ref(a: number, b: number, text: string, base: number): string | null {
    if (a === NULL_REF) return null;
    if (a <= -2) return this.string(-a - 2);
    if (!(a <= b && base + b <= text.length)) throw new Error('bad span');
    return text.slice(base + a, base + b);
  }

  /** Where paper i's part starts in the text (with the BOM): its string spans count from there. */
  private textBaseOf(i: number): number {
    return this.bomLength + this.partWord(PartColumn.Start, this.paperWord(PaperColumn.Part, i));
  }

  read(i: number): boolean {
    return (this.paperWord(PaperColumn.Flags, i) & Flag.Read) !== 0;
  }
  reading(i: number): boolean {
    return (this.paperWord(PaperColumn.Flags, i) & Flag.Reading) !== 0;
  }
  source(i: number): PaperSource {
    const flags = this.paperWord(PaperColumn.Flags, i);
    return flags & Flag.Row ? 'row' : flags & Flag.Marked ? 'marked' : 'task';
  }
  loose(i: number): boolean {
    return (this.paperWord(PaperColumn.Flags, i) & Flag.Loose) !== 0;
  }
  id(i: number): string {
    return this.string(this.paperWord(PaperColumn.Id, i));
  }
  title(i: number, text = this.text, base = this.textBaseOf(i)): string {
    return this.ref(this.paperWord(PaperColumn.TitleA, i), this.paperWord(PaperColumn.TitleB, i), text, base) ?? '';
  }
  venue(i: number, text = this.text, base = this.textBaseOf(i)): string | null {
    return this.ref(this.paperWord(PaperColumn.VenueA, i), this.paperWord(PaperColumn.VenueB, i), text, base);
  }
  year(i: number): number | null {
    const year = this.paperWord(PaperColumn.Year, i);
    return year < 0 ? null : year;
  }
  line(i: number): number {
    return this.paperWord(PaperColumn.Line, i);
  }
  headingIndex(i: number): number {
    return this.paperWord(PaperColumn.Heading, i);
  }
  listIndex(i: number): number {
    return this.paperWord(PaperColumn.List, i);
  }
  checkbox(i: number): Span {
    return { start: this.paperWord(PaperColumn.CheckboxStart, i), end: this.paperWord(PaperColumn.CheckboxEnd, i) };
  }
  checkboxStart(i: number): number {
    return this.paperWord(PaperColumn.CheckboxStart, i);
  }
  checkboxEnd(i: number): number {
    return this.paperWord(PaperColumn.CheckboxEnd, i);
  }
  linkCount(i: number): number {
    return this.paperWord(PaperColumn.LinkCount, i);
  }
  links(i: number, text = this.text, base = this.textBaseOf(i)): { label: string; url: string }[] {
    const first = this.paperWord(PaperColumn.FirstLink, i);
    const count = this.paperWord(PaperColumn.LinkCount, i);
    if (!(first >= 0 && count >= 0 && first + count <= this.counts[Count.Links]!)) throw new Error('bad links');
    const links: { label: string; url: string }[] = [];
    for (let k = first; k < first + count; k++) {
      links.push({
        label: this.ref(this.linkWord(LinkColumn.LabelA, k), this.linkWord(LinkColumn.LabelB, k), text, base) ?? '',
        url: this.ref(this.linkWord(LinkColumn.UrlA, k), this.linkWord(LinkColumn.UrlB, k), text, base) ?? '',
      });
    }
    return links;
  }

  /** The headings, with their paths (each path array shared by the papers under that heading). */
  headings(): Heading[] {
    if (this.headingList) return this.headingList;
    const H = this.counts[Count.Headings]!;
    const word = (column: HeadingColumn, i: number) => this.words[this.headingBase + column * H + i]!;
    const list: Heading[] = [];
    for (let i = 0; i < H; i++) {
      const path: string[] = [];
      const start = word(HeadingColumn.PathStart, i);
      for (let k = 0; k < word(HeadingColumn.PathLength, i); k++)
        path.push(this.string(this.words[this.pathBase + start + k]!));
      list.push({
        text: this.string(word(HeadingColumn.Text, i)),
        depth: word(HeadingColumn.Depth, i),
        span: { start: word(HeadingColumn.Start, i), end: word(HeadingColumn.End, i) },
        sectionEnd: word(HeadingColumn.SectionEnd, i),
        isDocumentTitle: word(HeadingColumn.IsTitle, i) === 1,
        path,
      });
    }
    return (this.headingList = list);
  }

  /** The area path of paper i (shared by the papers of one heading). */
  area(i: number): string[] {
    const heading = this.headingIndex(i);
    return heading < 0 ? [] : (this.headings()[heading]?.path ?? []);
  }

  /** The sha1 of part r's text, as stored. */
  partKey(r: number): Buffer {
    const key = Buffer.alloc(20);
    for (let k = 0; k < 5; k++) key.writeInt32LE(this.partWord(PartColumn.Key + k, r), 4 * k);
    return key;
  }

  /**
   * After a checkbox edit: these facts (their bytes, in place) take the new read flags and the changed
   * parts' keys, and so become the facts of the new text. Papers made earlier keep their own `read`.
   */
  applyFlips(flips: readonly { index: number; state: ReadState }[], keys: ReadonlyMap<number, Buffer>): void {
    for (const { index, state } of flips) {
      const at = this.paperBase + PaperColumn.Flags * this.paperCount + index;
      this.words[at] =
        (this.words[at]! & ~(Flag.Read | Flag.Reading)) |
        (state === 'read' ? Flag.Read : state === 'reading' ? Flag.Reading : 0);
    }
    for (const [r, key] of keys) {
      for (let k = 0; k < 5; k++)
        this.words[this.partBase + (PartColumn.Key + k) * this.partCount + r] = key.readInt32LE(4 * k);
    }
  }

  /** Paper i's facts as plain data (what `list` shows). */
  facts(i: number): PaperFacts {
    return new CachedPaper(this, null, i);
  }

  /** Paper i as the model has it, offsets read from `detail` when first asked for. */
  paper(i: number, detail: StoredDetail): Paper {
    return new CachedPaper(this, detail, i);
  }

  /** The model of part r, offsets and lines relative to the part; strings from the part's text. */
  partModel(r: number, partText: string, detail: StoredDetail): ChunkModel {
    const first = this.partWord(PartColumn.FirstPaper, r);
    const count = this.partWord(PartColumn.Papers, r);
    const firstHeading = this.partWord(PartColumn.FirstHeading, r);
    const firstList = this.partWord(PartColumn.FirstList, r);
    const line = this.partWord(PartColumn.Line, r);
    const shift = this.bomLength + this.partWord(PartColumn.Start, r);
    const back = (s: Span): Span => ({ start: s.start - shift, end: s.end - shift });
    const papers: PartialPaper[] = [];
    for (let i = first; i < first + count; i++) {
      const d = detail.of(i, this);
      const links = this.links(i, partText, 0).map((link, k) => ({ ...link, ...moveLink(d.links[k]!, back) }));
      papers.push({
        title: this.title(i, partText, 0),
        read: this.read(i),
        reading: this.reading(i),
        venue: this.venue(i, partText, 0),
        year: this.year(i),
        links,
        line: this.line(i) - line,
        source: this.source(i),
        span: back(d.span),
        checkbox: back(this.checkbox(i)),
        body: back(d.body),
        titleSpan: d.titleSpan && back(d.titleSpan),
        venueSpan: d.venueSpan && back(d.venueSpan),
        ...(d.row ? { row: { ...d.row, cells: d.row.cells.map(back), head: back(d.row.head) } } : {}),
        headingIndex: this.headingIndex(i) - firstHeading,
        listIndex: this.listIndex(i) - firstList,
        loose: this.loose(i),
      });
    }
    const H = this.counts[Count.Headings]!;
    const headings: PartialHeading[] = [];
    const firstOfPart = this.partWord(PartColumn.FirstHeading, r);
    for (let h = firstOfPart; h < firstOfPart + this.partWord(PartColumn.Headings, r); h++) {
      const word = (column: HeadingColumn) => this.words[this.headingBase + column * H + h]!;
      headings.push({
        text: this.string(word(HeadingColumn.Text)),
        depth: word(HeadingColumn.Depth) as PartialHeading['depth'],
        span: back({ start: word(HeadingColumn.Start), end: word(HeadingColumn.End) }),
      });
    }
    return {
      papers,
      headings,
      lists: this.partWord(PartColumn.Lists, r),
      openAtEnd: this.partWord(PartColumn.OpenAtEnd, r) === 1,
      frontMatterEnd: this.partWord(PartColumn.FrontMatterEnd, r),
    };
  }
}

/**
 * For tests that plant damaged entries: both sections' words, where paper i's field and offsets are,
 * and the file again with its checksums made right.
 */
export function editableEntry(file: Buffer) {
  const layout = readHeader(file);
  if (!layout) throw new Error('not a cache entry of this format');
  const facts = Buffer.from(file.subarray(HEADER_BYTES, HEADER_BYTES + layout.factsBytes));
  const detail = Buffer.from(file.subarray(HEADER_BYTES + layout.factsBytes));
  const factsWords = int32View(facts);
  const detailWords = int32View(detail);
  const papers = factsWords[Count.Papers]!;
  return {
    factsWords,
    detailWords,
    paperField: (column: keyof typeof PaperColumn, i: number) => Count.Total + PaperColumn[column] * papers + i,
    detailRun: (i: number) => papers + 1 + detailWords[i]!,
    bytes: () => withHeader(facts, detail),
  };
}

function moveLink(spans: Omit<Link, 'label' | 'url'>, move: (s: Span) => Span): Omit<Link, 'label' | 'url'> {
  return {
    span: move(spans.span),
    urlSpan: spans.urlSpan && move(spans.urlSpan),
    labelSpan: move(spans.labelSpan),
    outerSpan: move(spans.outerSpan),
  };
}

type PaperDetail = Pick<Paper, 'span' | 'body' | 'titleSpan' | 'venueSpan' | 'row'> & {
  links: Omit<Link, 'label' | 'url'>[];
};

/** The detail section: each paper's offsets, decoded when first asked for. */
export class StoredDetail {
  private readonly words: Int32Array;

  constructor(bytes: Buffer, paperCount: number) {
    this.words = int32View(bytes);
    if (this.words.length < paperCount + 1) throw new Error('short detail');
  }

  /** Paper i's table row status, in place (after its marker was swapped). */
  setRowStatus(i: number, facts: StoredFacts, status: RowStatus): void {
    const at = facts.paperCount + 1 + this.words[i]! + 8 + 8 * facts.linkCount(i);
    if (!(at < this.words.length)) throw new Error('bad detail');
    this.words[at] = STATUSES.indexOf(status);
  }

  of(i: number, facts: StoredFacts): PaperDetail {
    const d = this.words;
    const at = d[i]!;
    const end = d[i + 1]!;
    const base = facts.paperCount + 1;
    if (!(at >= 0 && at <= end && base + end <= d.length)) throw new Error('bad detail');
    const w = (k: number) => d[base + at + k]!;
    const span = (k: number): Span | null => (w(k) < 0 ? null : { start: w(k), end: w(k + 1) });
    const linkCount = facts.linkCount(i);
    const links = [];
    for (let k = 0; k < linkCount; k++) {
      const o = 8 + 8 * k;
      links.push({
        span: { start: w(o), end: w(o + 1) },
        urlSpan: span(o + 2),
        labelSpan: { start: w(o + 4), end: w(o + 5) },
        outerSpan: { start: w(o + 6), end: w(o + 7) },
      });
    }
    const detail: PaperDetail = {
      span: { start: w(0), end: w(1) },
      body: { start: w(2), end: w(3) },
      titleSpan: span(4),
      venueSpan: span(6),
      links,
    };
    if (facts.source(i) === 'row') detail.row = decodeRow(w, 8 + 8 * linkCount);
    return detail;
  }
}

function decodeRow(w: (k: number) => number, at: number): TableRowInfo {
  const cells: Span[] = [];
  for (let k = 0; k < w(at + 9); k++) cells.push({ start: w(at + 10 + 2 * k), end: w(at + 11 + 2 * k) });
  const status = STATUSES[w(at)];
  if (!status) throw new Error('bad row status');
  return {
    status,
    layout: {
      columns: w(at + 1),
      status: w(at + 2),
      title: w(at + 3),
      venue: w(at + 4),
      year: w(at + 5),
      links: w(at + 6),
    },
    head: { start: w(at + 7), end: w(at + 8) },
    cells,
  };
}

/**
 * A paper of a stored entry. Only `read` and `reading` (which `done` changes in place) are plain fields; everything
 * else is read from the columns when first asked for, so papers a command never looks at cost one small
 * object. toJSON gives the plain object.
 */
class CachedPaper implements Paper {
  read: boolean;
  reading: boolean;
  readonly number: number;
  private idText: string | undefined;
  private titleText: string | undefined;
  private venueText: string | null | undefined;
  private linkList: Link[] | undefined;
  private detailOf: PaperDetail | undefined;

  constructor(
    private readonly facts: StoredFacts,
    private readonly detailSection: StoredDetail | null,
    private readonly index: number,
  ) {
    this.read = facts.read(index);
    this.reading = facts.reading(index);
    this.number = index + 1;
  }

  private get detail(): PaperDetail {
    if (!this.detailSection) throw new Error('internal: offsets asked of a paper read for listing only');
    return (this.detailOf ??= this.detailSection.of(this.index, this.facts));
  }

  get id(): string {
    return (this.idText ??= this.facts.id(this.index));
  }
  get title(): string {
    return (this.titleText ??= this.facts.title(this.index));
  }
  get venue(): string | null {
    if (this.venueText === undefined) this.venueText = this.facts.venue(this.index);
    return this.venueText;
  }
  get year(): number | null {
    return this.facts.year(this.index);
  }
  get area(): string[] {
    return this.facts.area(this.index);
  }
  get line(): number {
    return this.facts.line(this.index);
  }
  get checkbox(): Span {
    return this.facts.checkbox(this.index);
  }
  get source(): PaperSource {
    return this.facts.source(this.index);
  }
  get headingIndex(): number {
    return this.facts.headingIndex(this.index);
  }
  get listIndex(): number {
    return this.facts.listIndex(this.index);
  }
  get loose(): boolean {
    return this.facts.loose(this.index);
  }
  get links(): Link[] {
    if (this.linkList) return this.linkList;
    const plain = this.facts.links(this.index);
    // Listing needs labels and URLs only; edits get the offsets too.
    this.linkList = this.detailSection
      ? plain.map((link, k) => ({ ...link, ...this.detail.links[k]! }))
      : (plain as Link[]);
    return this.linkList;
  }
  get span(): Span {
    return this.detail.span;
  }
  get body(): Span {
    return this.detail.body;
  }
  get titleSpan(): Span | null {
    return this.detail.titleSpan;
  }
  get venueSpan(): Span | null {
    return this.detail.venueSpan;
  }
  get row(): TableRowInfo | undefined {
    return this.detail.row;
  }

  toJSON(): Paper | PaperFacts {
    const { id, number, title, read, reading, area, venue, year, line, checkbox, source, links } = this;
    const facts = { id, number, title, read, reading, area, venue, year, line, checkbox, source, links };
    if (!this.detailSection) return facts;
    const { span, body, titleSpan, venueSpan, row } = this;
    return {
      ...facts,
      headingIndex: this.headingIndex,
      listIndex: this.listIndex,
      loose: this.loose,
      span,
      body,
      titleSpan,
      venueSpan,
      ...(row ? { row } : {}),
    };
  }
}
