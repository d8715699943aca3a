/**
 * The cache entry's layout, named: every word of an entry is found through the names here (the
 * encoder, the decoders and the test helper that plants damaged entries all read them from this file).
 *
 * An entry is one file (all integers little-endian):
 *
 *   header  64 bytes: MAGIC (16 ASCII bytes), facts length (u32), detail length (u32), checksum of
 *           the facts section (u32), checksum of the detail section (u32), zeros (see hash.ts checksum32)
 *   facts   what `list` needs, read alone: Int32 words, then the string blob (padded to 4 bytes)
 *             Count words, then, each column stored whole (column-major):
 *             paper columns (PaperColumn, one word per paper), link columns (LinkColumn),
 *             heading columns (HeadingColumn), part columns (PartColumn, with the part's sha1 as
 *             5 words), heading path words (string indexes), the identity index (the hashes of each
 *             paper's identity keys, paper after paper; the paper of each; a hash table of IdentitySlots
 *             words, key number + 1 or 0, probed linearly from hash & (slots - 1)), string offsets
 *             (strings + 1, into the blob)
 *   detail  what edits need: Int32 words: per paper the start of its run (papers + 1 words), then the
 *           runs (DetailRun): item span, body, title span, venue span (pairs, -1 for none), LinkRun words
 *           per link, and for a table row RowRun (status, layout, head span, cell count, cell spans)
 *
 * Strings are stored once. Most titles, URLs and labels are the very text of the list: those are kept
 * as a pair of offsets relative to the start of the paper's part (see NULL_REF), which also lets a part
 * be re-used where the same text moved (after an edit above it).
 */
import type { RowStatus } from '../../core/model/paper.js';
import { checksum32 } from '../hash.js';

/** Bump the number when the layout, the model or what the parser produces changes. */
const MAGIC = 'papers-cache-30\n';
export const HEADER_BYTES = 64;

/** The header's fields: byte offsets. */
export enum Header {
  Magic = 0,
  FactsBytes = 16,
  DetailBytes = 20,
  FactsSum = 24,
  DetailSum = 28,
}

/** The counts that open the facts section. */
export enum Count {
  Papers,
  Links,
  Headings,
  Parts,
  Strings,
  PathWords,
  BlobBytes,
  BomLength,
  /** Bits: EolBit.Crlf, EolBit.ReadAsWhole, EolBit.Unindexed. */
  Eol,
  ContentStart,
  /** Identity keys of all papers (see identityHash): the count of each paper's runs together. */
  IdentityKeys,
  /** Slots of the identity index's hash table (a power of two, or 0). */
  IdentitySlots,
  Total,
}
export enum EolBit {
  Crlf = 1,
  /** The document is read as a whole (a legend, rules): its parts are not re-used alone. */
  ReadAsWhole = 2,
  /**
   * No identity index (no keys, no slots): the entry of a text parsed from scratch, or spliced from such an
   * entry, until a write that adds papers builds one (encode.ts encodeEntry).
   */
  Unindexed = 4,
}

/**
 * A string field is two words (a, b): a >= 0 is the text from a to b, counted from the start of the
 * paper's part (without the BOM); a = NULL_REF is null; a <= -2 is string number -a - 2 of the blob.
 */
export const NULL_REF = -1;

export enum PaperColumn {
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
  FirstKey, // its identity key hashes, in the identity index
  KeyCount,
  Total,
}
export enum Flag {
  Read = 1,
  // (2 was Loose: whether a list is loose is read off the text where a write needs it, placement.ts)
  Row = 4,
  Reading = 8,
  Marked = 16,
}
export enum LinkColumn {
  LabelA,
  LabelB,
  UrlA,
  UrlB,
  Total,
}
export enum HeadingColumn {
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
export enum PartColumn {
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
  Key, // 5 words: the sha1 of the part's text (and definitions: hash.ts partHash)
  Total = Key + 5,
}
/** Words of a part's key (a sha1). */
export const KEY_WORDS = 5;

/** A paper's run in the detail section: offsets pairs (start, end; -1, -1 for none). */
export enum DetailRun {
  Span = 0,
  Body = 2,
  TitleSpan = 4,
  VenueSpan = 6,
  /** The first link's LinkRun; links follow one another, then the RowRun of a table row. */
  Links = 8,
}
/** One link in a paper's run. */
export enum LinkRun {
  Span = 0,
  UrlSpan = 2,
  LabelSpan = 4,
  OuterSpan = 6,
  Total = 8,
}
/** A table row's part of its run, after its links. */
export enum RowRun {
  Status = 0, // index in STATUSES
  Columns,
  StatusColumn,
  TitleColumn,
  VenueColumn,
  YearColumn,
  LinksColumn,
  Head, // pair
  CellCount = 9,
  Cells = 10, // pairs
}

export const STATUSES: readonly RowStatus[] = ['read', 'unread', 'empty', 'unknown', 'reading'];

/** Where paper `linkCount`'s row words start in its run. */
export function rowRunAt(linkCount: number): number {
  return DetailRun.Links + LinkRun.Total * linkCount;
}

/** Words of a paper's run in the detail section. */
export function runLength(linkCount: number, cellCount: number | null): number {
  return rowRunAt(linkCount) + (cellCount === null ? 0 : RowRun.Cells + 2 * cellCount);
}

/** Where paper i's field `column` is among the facts' words (P papers). */
export function paperWordAt(column: PaperColumn, papers: number, i: number): number {
  return Count.Total + column * papers + i;
}

/** The header's lengths and checksums, if it is an entry of this format. */
export function readHeader(
  header: Buffer,
): { factsBytes: number; detailBytes: number; factsSum: number; detailSum: number } | null {
  if (header.length < HEADER_BYTES || header.toString('latin1', Header.Magic, Header.Magic + 16) !== MAGIC) return null;
  const factsBytes = header.readUInt32LE(Header.FactsBytes);
  const detailBytes = header.readUInt32LE(Header.DetailBytes);
  if (factsBytes % 4 !== 0 || detailBytes % 4 !== 0) return null;
  return {
    factsBytes,
    detailBytes,
    factsSum: header.readUInt32LE(Header.FactsSum),
    detailSum: header.readUInt32LE(Header.DetailSum),
  };
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

/** A 4-byte aligned Int32 view of these bytes (a copy only when they are not aligned). */
export function int32View(bytes: Buffer): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/**
 * The hash of an identity key (core/query/identity.ts identityKeys) in the identity index: FNV-1a over
 * its UTF-16 code units. A hash only narrows the search: every paper it finds is compared in full.
 */
export function identityHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** The hash table's size for this many keys: a power of two, at least twice as many (0 for none). */
export function identitySlots(keys: number): number {
  if (keys === 0) return 0;
  let slots = 2;
  while (slots < 2 * keys) slots *= 2;
  return slots;
}

/**
 * A part model read from an entry carries its papers' identity key hashes (not enumerable, so the model
 * itself is unchanged): an entry encoded from it copies them instead of reading every title and URL again.
 */
export const STORED_IDENTITY: unique symbol = Symbol('identity key hashes per paper');
