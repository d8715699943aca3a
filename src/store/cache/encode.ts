/** Writing a cache entry (layout in layout.ts): a document and its parts, as the pieces of one file. */
import type { ListDocument, Paper, Span } from '../../core/model/paper.js';
import type { ParsedPart } from '../../core/read/parse.js';
import { identityKeys } from '../../core/query/identity.js';
import { checksum32, sha1 } from '../hash.js';
import {
  Count,
  DetailRun,
  EolBit,
  Header,
  HEADER_BYTES,
  HeadingColumn,
  identityHash,
  identitySlots,
  KEY_WORDS,
  LinkColumn,
  LinkRun,
  MAGIC,
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
  const keyHashes: number[] = [];
  const keyPapers: number[] = [];
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
    for (let k = 0; k < KEY_WORDS; k++) setPart(PartColumn.Key + k, key.readInt32LE(4 * k));
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
    const stored = (model as { [STORED_IDENTITY]?: readonly (readonly number[])[] })[STORED_IDENTITY];
    for (let k = 0; k < model.papers.length; k++, paperIndex++) {
      const paper = papers[paperIndex]!;
      const i = paperIndex;
      const hashes = stored?.[k] ?? [...new Set(identityKeys(paper))].map(identityHash);
      paperWords[PaperColumn.FirstKey * P + i] = keyHashes.length;
      paperWords[PaperColumn.KeyCount * P + i] = hashes.length;
      for (const hash of hashes) {
        keyHashes.push(hash);
        keyPapers.push(i);
      }
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
  counts[Count.Eol] = (doc.eol === '\r\n' ? EolBit.Crlf : 0) | (doc.readAsWhole ? EolBit.ReadAsWhole : 0);
  counts[Count.ContentStart] = doc.contentStart;
  const identity = identityIndex(keyHashes, keyPapers);
  counts[Count.IdentityKeys] = keyHashes.length;
  counts[Count.IdentitySlots] = identity.length - 2 * keyHashes.length;
  const words = [counts, paperWords, linkWords, headingWords, partWords, Int32Array.from(pathWords), identity, offsets];
  const wordBytes = words.reduce((sum, column) => sum + column.byteLength, 0);
  const facts = Buffer.alloc(wordBytes + blobBytes + ((4 - (blobBytes % 4)) % 4));
  let at = 0;
  for (const column of words) at += bytesOf(column).copy(facts, at);
  strings.forEach((value, i) => facts.write(value, wordBytes + offsets[i]!, 'utf8'));
  const detail = encodeDetail(papers);
  return [headerFor(facts, detail), facts, detail];
}

/** The identity index (see layout.ts): the hashes, their papers, and a hash table of key numbers. */
function identityIndex(hashes: readonly number[], papers: readonly number[]): Int32Array {
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

function encodeDetail(papers: readonly Paper[]): Buffer {
  let total = 0;
  for (const p of papers) total += runLength(p.links.length, p.row ? p.row.cells.length : null);
  const words = new Int32Array(papers.length + 1 + total);
  const first = papers.length + 1;
  papers.forEach((p, i) => {
    const run = first + (words[i] = words[papers.length]!);
    const pair = (at: number, span: Span | null) => {
      words[run + at] = span ? span.start : -1;
      words[run + at + 1] = span ? span.end : -1;
    };
    pair(DetailRun.Span, p.span);
    pair(DetailRun.Body, p.body);
    pair(DetailRun.TitleSpan, p.titleSpan);
    pair(DetailRun.VenueSpan, p.venueSpan);
    p.links.forEach((l, k) => {
      const at = DetailRun.Links + LinkRun.Total * k;
      pair(at + LinkRun.Span, l.span);
      pair(at + LinkRun.UrlSpan, l.urlSpan);
      pair(at + LinkRun.LabelSpan, l.labelSpan);
      pair(at + LinkRun.OuterSpan, l.outerSpan);
    });
    if (p.row) {
      const { layout, head, cells, status } = p.row;
      const at = run + DetailRun.Links + LinkRun.Total * p.links.length;
      words[at + RowRun.Status] = STATUSES.indexOf(status);
      words[at + RowRun.Columns] = layout.columns;
      words[at + RowRun.StatusColumn] = layout.status;
      words[at + RowRun.TitleColumn] = layout.title;
      words[at + RowRun.VenueColumn] = layout.venue;
      words[at + RowRun.YearColumn] = layout.year;
      words[at + RowRun.LinksColumn] = layout.links;
      pair(at - run + RowRun.Head, head);
      words[at + RowRun.CellCount] = cells.length;
      cells.forEach((cell, k) => pair(at - run + RowRun.Cells + 2 * k, cell));
    }
    // (the next run starts after this one; the last word says where the runs end)
    words[papers.length] = words[i]! + runLength(p.links.length, p.row ? p.row.cells.length : null);
  });
  return bytesOf(words);
}

export function withHeader(facts: Buffer, detail: Buffer): Buffer {
  return Buffer.concat([headerFor(facts, detail), facts, detail]);
}

/** The header for these sections; `detailSum` when the detail's checksum is known already. */
export function headerFor(facts: Buffer, detail: Buffer, detailSum: number = checksum32(detail)): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, Header.Magic, 'latin1');
  header.writeUInt32LE(facts.length, Header.FactsBytes);
  header.writeUInt32LE(detail.length, Header.DetailBytes);
  header.writeUInt32LE(checksum32(facts), Header.FactsSum);
  header.writeUInt32LE(detailSum, Header.DetailSum);
  return header;
}
