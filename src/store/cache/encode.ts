/** Writing a cache entry (layout in layout.ts): a document and its parts, as the pieces of one file. */
import type { Heading, ListDocument, Paper, Span } from '../../core/model/paper.js';
import type { Chunk } from '../../core/read/chunks.js';
import type { ParsedPart } from '../../core/read/parse.js';
import { partHash } from '../hash.js';
import { paperKeyHashes } from '../identity-index.js';
import { documentDefinitions, partText } from '../../core/read/chunks.js';
import {
  Count,
  DetailRun,
  EolBit,
  headerFor,
  HeadingColumn,
  identitySlots,
  KEY_WORDS,
  LinkColumn,
  LinkRun,
  NULL_REF,
  PaperColumn,
  PartColumn,
  Flag,
  RowRun,
  runLength,
  STATUSES,
  STORED_IDENTITY,
} from './layout.js';

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

/**
 * The entry file for a document and the parts it was parsed from, as pieces to write in order. It keeps
 * an identity index (the keys add's duplicate check looks up) when `identity` asks for one (a write that
 * added papers: the next add checks with it) or when parts came from an entry that had one (their keys
 * are copied, only new parts' worked out); a text parsed from scratch gets none. Working out every
 * paper's keys cost a cold `list` of 10,000 papers ~100 ms of its ~800 (100,000: ~650 of ~3,800), for an
 * index only `add` reads.
 */
export function encodeEntry(doc: ListDocument, parts: readonly ParsedPart[], identity = false): Buffer[] {
  const { papers, text, bomLength } = doc;
  const indexed = identity || parts.some(({ model }) => STORED_IDENTITY in model);
  let L = 0;
  let detailWords = 0;
  for (const paper of papers) {
    L += paper.links.length;
    detailWords += runLength(paper.links.length, paper.row ? paper.row.cells.length : null);
  }
  const writer = new EntryWriter(text, bomLength, {
    papers: papers.length,
    links: L,
    headings: doc.headings,
    parts: parts.length,
    detailWords,
    indexed,
  });
  let paperIndex = 0;
  // The definitions the parts were read with, found as the parse found them (chunks.ts splitDocument).
  const definitions = parts.length ? documentDefinitions(text.slice(bomLength)) : '';
  for (const { chunk, model } of parts) {
    const key = partHash(
      partText(text.slice(bomLength + chunk.start, bomLength + chunk.end), definitions),
      text.length,
    );
    writer.part(chunk, model, key);
    const stored = (model as { [STORED_IDENTITY]?: readonly (readonly number[])[] })[STORED_IDENTITY];
    for (let k = 0; k < model.papers.length; k++, paperIndex++) {
      const paper = papers[paperIndex]!;
      writer.paper(paper, indexed ? (stored?.[k] ?? paperKeyHashes(paper)) : null);
    }
  }
  return writer.finish(doc.eol, doc.readAsWhole === true, doc.contentStart);
}

/** What a part is for its columns (ChunkModel's counts). */
interface PartCounts {
  papers: readonly unknown[] | number;
  headings: readonly unknown[] | number;
  lists: number;
  frontMatterEnd: number;
  openAtEnd: boolean;
}

/**
 * Writes an entry's columns part by part, paper by paper, in document order: from parsed papers
 * (encodeEntry), or from another entry's words where a part did not change (splice-entry.ts, which
 * writes its fields directly: hence they are not private). The order strings are added in is part of
 * the bytes, so both paths go through here.
 */
export class EntryWriter {
  readonly table = new StringTable();
  private readonly pathWords: number[] = [];
  readonly headingWords: Int32Array;
  readonly paperWords: Int32Array;
  readonly linkWords: Int32Array;
  readonly partWords: Int32Array;
  /** The identity keys' hashes and papers so far (growing typed arrays: a few per paper). */
  private keyHashes: Int32Array;
  private keyPapers: Int32Array;
  private keyCount = 0;
  readonly detail: Int32Array;
  readonly P: number;
  readonly L: number;
  /** Whether this entry keeps an identity index: paper() takes each paper's key hashes only then. */
  readonly indexed: boolean;
  readonly H: number;
  readonly R: number;
  link = 0;
  paperIndex = 0;
  private headingIndex = 0;
  private listIndex = 0;
  part_ = -1;
  partHeadingBase = 0;
  partListBase = 0;
  /** Where the current part's text starts in the text (with the BOM): string spans count from there. */
  private base = 0;
  runEnd = 0;

  constructor(
    private readonly text: string,
    private readonly bomLength: number,
    sizes: {
      papers: number;
      links: number;
      headings: readonly Heading[];
      parts: number;
      detailWords: number;
      /** Whether the entry keeps an identity index (each paper's keys: see EolBit.Unindexed). */
      indexed: boolean;
    },
  ) {
    const { papers: P, links: L, headings, parts: R } = sizes;
    const H = headings.length;
    this.P = P;
    this.L = L;
    this.H = H;
    this.R = R;
    this.indexed = sizes.indexed;
    this.paperWords = new Int32Array(P * PaperColumn.Total);
    this.linkWords = new Int32Array(L * LinkColumn.Total);
    this.partWords = new Int32Array(R * PartColumn.Total);
    this.detail = new Int32Array(P + 1 + sizes.detailWords);
    this.keyHashes = new Int32Array(this.indexed ? 4 * P + 16 : 0);
    this.keyPapers = new Int32Array(this.indexed ? 4 * P + 16 : 0);
    const headingWords = (this.headingWords = new Int32Array(H * HeadingColumn.Total));
    const { table, pathWords } = this;
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
  }

  /** Starts the next part: `chunk` its place (offsets without the BOM), `key` the sha1 of its text. */
  part(chunk: Chunk, model: PartCounts, key: Buffer | Int32Array): void {
    const r = ++this.part_;
    const R = this.R;
    const setPart = (column: number, value: number) => (this.partWords[column * R + r] = value);
    const papers = typeof model.papers === 'number' ? model.papers : model.papers.length;
    const headings = typeof model.headings === 'number' ? model.headings : model.headings.length;
    setPart(PartColumn.Start, chunk.start);
    setPart(PartColumn.End, chunk.end);
    setPart(PartColumn.Line, chunk.line);
    setPart(PartColumn.FirstPaper, this.paperIndex);
    setPart(PartColumn.Papers, papers);
    setPart(PartColumn.FirstHeading, this.headingIndex);
    setPart(PartColumn.Headings, headings);
    // (A part that starts at a seam goes on with a list of the part before: its first list is that one,
    // its others count on from the lists before it, as parts.ts listPlace has it. A stored paper's list
    // is the document's; read back as the part's own, the first list's comes out 0, see decode.ts.)
    if (chunk.joins !== undefined && this.listIndex > 0) this.listIndex--;
    setPart(PartColumn.FirstList, this.listIndex);
    setPart(PartColumn.Lists, model.lists);
    setPart(PartColumn.FrontMatterEnd, model.frontMatterEnd);
    setPart(PartColumn.OpenAtEnd, model.openAtEnd ? 1 : 0);
    for (let k = 0; k < KEY_WORDS; k++)
      setPart(PartColumn.Key + k, key instanceof Int32Array ? key[k]! : key.readInt32LE(4 * k));
    this.base = this.bomLength + chunk.start;
    // (a stored paper's heading and list indexes count from its part's first)
    this.partHeadingBase = this.headingIndex;
    this.partListBase = this.listIndex;
    this.headingIndex += headings;
    this.listIndex += model.lists;
  }

  /** Writes a string field at `at` (two words): a text span when the span holds exactly it, else the blob's. */
  private putRef(words: Int32Array, at: number, stride: number, value: string | null, span: Span | null): void {
    const { text, base } = this;
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
      words[at] = -2 - this.table.add(value);
    }
  }

  /** The next paper, parsed (at its place in the whole text), with its identity key hashes (null: not indexed). */
  paper(paper: Paper, hashes: readonly number[] | null): void {
    const { P, L, paperWords } = this;
    const i = this.paperIndex++;
    if ((hashes !== null) !== this.indexed)
      throw new Error('internal: identity keys given to an entry without an index, or none to one with');
    this.keys(i, hashes ?? []);
    paperWords[PaperColumn.Id * P + i] = this.table.add(paper.id);
    this.putRef(paperWords, PaperColumn.TitleA * P + i, P, paper.title, paper.titleSpan);
    this.putRef(paperWords, PaperColumn.VenueA * P + i, P, paper.venue, paper.venueSpan);
    paperWords[PaperColumn.Year * P + i] = paper.year ?? -1;
    paperWords[PaperColumn.Flags * P + i] =
      (paper.read ? Flag.Read : 0) |
      (paper.reading ? Flag.Reading : 0) |
      (paper.source === 'row' ? Flag.Row : paper.source === 'marked' ? Flag.Marked : 0);
    paperWords[PaperColumn.Line * P + i] = paper.line;
    paperWords[PaperColumn.Heading * P + i] = paper.headingIndex;
    paperWords[PaperColumn.CheckboxStart * P + i] = paper.checkbox.start;
    paperWords[PaperColumn.CheckboxEnd * P + i] = paper.checkbox.end;
    paperWords[PaperColumn.List * P + i] = paper.listIndex;
    paperWords[PaperColumn.FirstLink * P + i] = this.link;
    paperWords[PaperColumn.LinkCount * P + i] = paper.links.length;
    paperWords[PaperColumn.Part * P + i] = this.part_;
    for (const l of paper.links) {
      this.putRef(this.linkWords, LinkColumn.LabelA * L + this.link, L, l.label, l.labelSpan);
      this.putRef(this.linkWords, LinkColumn.UrlA * L + this.link, L, l.url, l.urlSpan);
      this.link++;
    }
    this.detailRun(i, paper);
  }

  private keys(i: number, hashes: ArrayLike<number>): void {
    const { P, paperWords } = this;
    paperWords[PaperColumn.FirstKey * P + i] = this.keyCount;
    paperWords[PaperColumn.KeyCount * P + i] = hashes.length;
    if (this.keyCount + hashes.length > this.keyHashes.length) this.growKeys(hashes.length);
    for (let k = 0; k < hashes.length; k++) {
      this.keyHashes[this.keyCount] = hashes[k]!;
      this.keyPapers[this.keyCount++] = i;
    }
  }

  /**
   * The key hashes of papers paperIndex, paperIndex + 1, ... (`counts[k]` of `hashes` for the k-th, in
   * order): what keys() writes for each of them (splice-entry.ts, copying an unchanged part).
   */
  copyKeys(hashes: Int32Array, counts: Int32Array): void {
    const { P, paperWords } = this;
    if (this.keyCount + hashes.length > this.keyHashes.length) this.growKeys(hashes.length);
    this.keyHashes.set(hashes, this.keyCount);
    for (let k = 0; k < counts.length; k++) {
      const i = this.paperIndex + k;
      paperWords[PaperColumn.FirstKey * P + i] = this.keyCount;
      paperWords[PaperColumn.KeyCount * P + i] = counts[k]!;
      this.keyPapers.fill(i, this.keyCount, this.keyCount + counts[k]!);
      this.keyCount += counts[k]!;
    }
  }

  private growKeys(more: number): void {
    const grown = 2 * this.keyHashes.length + more;
    const hashesGrown = new Int32Array(grown);
    hashesGrown.set(this.keyHashes);
    const papersGrown = new Int32Array(grown);
    papersGrown.set(this.keyPapers);
    this.keyHashes = hashesGrown;
    this.keyPapers = papersGrown;
  }

  private detailRun(i: number, p: Paper): void {
    const { detail, P } = this;
    const run = P + 1 + (detail[i] = this.runEnd);
    // (No closure here: this runs for every paper of a cold parse, and the build names each closure made.)
    setPair(detail, run + DetailRun.Span, p.span);
    setPair(detail, run + DetailRun.Body, p.body);
    setPair(detail, run + DetailRun.TitleSpan, p.titleSpan);
    setPair(detail, run + DetailRun.VenueSpan, p.venueSpan);
    for (let k = 0; k < p.links.length; k++) {
      const l = p.links[k]!;
      const at = run + DetailRun.Links + LinkRun.Total * k;
      setPair(detail, at + LinkRun.Span, l.span);
      setPair(detail, at + LinkRun.UrlSpan, l.urlSpan);
      setPair(detail, at + LinkRun.LabelSpan, l.labelSpan);
      setPair(detail, at + LinkRun.OuterSpan, l.outerSpan);
    }
    if (p.row) {
      const { layout, head, cells, status } = p.row;
      const at = run + DetailRun.Links + LinkRun.Total * p.links.length;
      detail[at + RowRun.Status] = STATUSES.indexOf(status);
      detail[at + RowRun.Columns] = layout.columns;
      detail[at + RowRun.StatusColumn] = layout.status;
      detail[at + RowRun.TitleColumn] = layout.title;
      detail[at + RowRun.VenueColumn] = layout.venue;
      detail[at + RowRun.YearColumn] = layout.year;
      detail[at + RowRun.LinksColumn] = layout.links;
      setPair(detail, at + RowRun.Head, head);
      detail[at + RowRun.CellCount] = cells.length;
      for (let k = 0; k < cells.length; k++) setPair(detail, at + RowRun.Cells + 2 * k, cells[k]!);
    }
    // (the next run starts after this one; the last word says where the runs end)
    this.runEnd += runLength(p.links.length, p.row ? p.row.cells.length : null);
    detail[P] = this.runEnd;
  }

  /** The entry's pieces: header, facts, detail. */
  finish(eol: '\n' | '\r\n', readAsWhole: boolean, contentStart: number): Buffer[] {
    const { P, L, H, R, table, pathWords } = this;
    if (this.paperIndex !== P || this.link !== L || this.part_ !== R - 1 || this.runEnd + P + 1 !== this.detail.length)
      throw new Error('internal: the entry was not written whole');
    // One buffer for the facts, each string written into it in place (no buffer per string); an ASCII
    // blob (most lists) as one string, its offsets its strings' lengths: a call into the encoder per
    // string cost ~3 ms of 10,000 ids. (Not otherwise: joined, a lone surrogate at the end of one string
    // and one at the start of the next would be encoded as a pair.)
    const strings = table.strings;
    const blob = strings.join('');
    const ascii = Buffer.byteLength(blob, 'utf8') === blob.length;
    const offsets = new Int32Array(strings.length + 1);
    for (let i = 0; i < strings.length; i++)
      offsets[i + 1] = offsets[i]! + (ascii ? strings[i]!.length : Buffer.byteLength(strings[i]!, 'utf8'));
    const blobBytes = offsets[strings.length]!;
    const counts = new Int32Array(Count.Total);
    counts[Count.Papers] = P;
    counts[Count.Links] = L;
    counts[Count.Headings] = H;
    counts[Count.Parts] = R;
    counts[Count.Strings] = strings.length;
    counts[Count.PathWords] = pathWords.length;
    counts[Count.BlobBytes] = blobBytes;
    counts[Count.BomLength] = this.bomLength;
    counts[Count.Eol] =
      (eol === '\r\n' ? EolBit.Crlf : 0) |
      (readAsWhole ? EolBit.ReadAsWhole : 0) |
      (this.indexed ? 0 : EolBit.Unindexed);
    counts[Count.ContentStart] = contentStart;
    const K = this.keyCount;
    const identity = identityIndex(this.keyHashes.subarray(0, K), this.keyPapers.subarray(0, K));
    counts[Count.IdentityKeys] = K;
    counts[Count.IdentitySlots] = identity.length - 2 * K;
    const words = [
      counts,
      this.paperWords,
      this.linkWords,
      this.headingWords,
      this.partWords,
      Int32Array.from(pathWords),
      identity,
      offsets,
    ];
    const wordBytes = words.reduce((sum, column) => sum + column.byteLength, 0);
    const facts = Buffer.alloc(wordBytes + blobBytes + ((4 - (blobBytes % 4)) % 4));
    let at = 0;
    for (const column of words) at += bytesOf(column).copy(facts, at);
    if (ascii) facts.write(blob, wordBytes, 'latin1');
    else strings.forEach((value, i) => facts.write(value, wordBytes + offsets[i]!, 'utf8'));
    const detail = bytesOf(this.detail);
    return [headerFor(facts, detail), facts, detail];
  }
}

/** The identity index (see layout.ts): the hashes, their papers, and a hash table of key numbers. */
function identityIndex(hashes: Int32Array, papers: Int32Array): Int32Array {
  const K = hashes.length;
  const slots = identitySlots(K);
  const words = new Int32Array(2 * K + slots);
  words.set(hashes, 0);
  words.set(papers, K);
  for (let k = 0; k < K; k++) {
    let slot = hashes[k]! & (slots - 1);
    while (words[2 * K + slot] !== 0) slot = (slot + 1) & (slots - 1);
    words[2 * K + slot] = k + 1;
  }
  return words;
}

function bytesOf(words: Int32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

export function withHeader(facts: Buffer, detail: Buffer): Buffer {
  return Buffer.concat([headerFor(facts, detail), facts, detail]);
}

/** A span's offsets at `at` and `at + 1` of a detail run (-1, -1 for none). */
function setPair(detail: Int32Array, at: number, span: Span | null): void {
  detail[at] = span ? span.start : -1;
  detail[at + 1] = span ? span.end : -1;
}
