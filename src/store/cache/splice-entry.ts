/**
 * The cache entry of a text, from the entry of the text papers last saw at the same path, when the two
 * share most of their parts (an add, a note, an editor's change to one area): the parts whose text did
 * not change are copied word by word (their offsets, lines and indexes moved), only the others are
 * scanned and encoded. No paper object is made for an unchanged part, which is what made a write on a
 * 10,000-paper list slow (decoding, placing and encoding every paper again).
 *
 * The result is the very entry, byte for byte, that encodeEntry writes for a fresh parse of the new text
 * (test/cache-splice.test.ts compares them). Where that could not be shown cheaply it returns null and the
 * caller parses as before: a table row or a checkbox-less entry anywhere (a legend or a table header
 * elsewhere in the file can change what they mean), a document read as a whole, a changed part the line
 * scanner declines, or a paper whose id could come out differently (see idHolds).
 */
import { isAscii } from 'node:buffer';
import { type Chunk, listPlace, partText, splitDocument } from '../../core/read/chunks.js';
import { scanPart } from '../../core/read/scan.js';
import type { ChunkModel, PartialHeading } from '../../core/read/parts.js';
import { finishHeadings, placePaper } from '../../core/read/place.js';
import { firstIdForm, IdAssigner } from '../../core/model/ids.js';
import { detectEol, splitBom } from '../../core/model/text.js';
import { partHash } from '../hash.js';
import { EntryWriter } from './encode.js';
import { paperKeyHashes } from '../identity-index.js';
import {
  Count,
  EolBit,
  Flag,
  HeadingColumn,
  int32View,
  KEY_WORDS,
  LinkColumn,
  NULL_REF,
  PaperColumn,
  PartColumn,
  runLength,
} from './layout.js';

/** A part of the new text: the same text as part `old` of the previous entry, or scanned afresh. */
type NewPart = { chunk: Chunk; old: number; key: Buffer } | { chunk: Chunk; model: ChunkModel; key: Buffer };

/** The entry's sections (facts, detail) read as words, with the string blob: just what a splice copies. */
class OldEntry {
  readonly words: Int32Array;
  readonly detail: Int32Array;
  readonly P: number;
  readonly L: number;
  readonly H: number;
  readonly R: number;
  readonly K: number;
  readonly bomLength: number;
  readonly flags: number;
  readonly paperBase = Count.Total;
  readonly linkBase: number;
  readonly headingBase: number;
  readonly partBase: number;
  readonly identityBase: number;
  private readonly offsetBase: number;
  private readonly S: number;
  private readonly blob: Buffer;
  /** An ASCII blob as one string, whose slices are its strings (no call into the buffer's decoder each). */
  private readonly blobText: string | null;
  private readonly strings: (string | undefined)[];

  constructor(facts: Buffer, detail: Buffer) {
    const words = (this.words = int32View(facts));
    this.detail = int32View(detail);
    const count = (c: Count) => words[c] ?? -1;
    this.P = count(Count.Papers);
    this.L = count(Count.Links);
    this.H = count(Count.Headings);
    this.R = count(Count.Parts);
    this.S = count(Count.Strings);
    this.K = count(Count.IdentityKeys);
    const W = count(Count.PathWords);
    const T = count(Count.IdentitySlots);
    const B = count(Count.BlobBytes);
    if ([this.P, this.L, this.H, this.R, this.S, this.K, W, T, B].some((n) => !(n >= 0))) throw new Error('bad counts');
    this.bomLength = count(Count.BomLength);
    this.flags = count(Count.Eol);
    this.linkBase = this.paperBase + this.P * PaperColumn.Total;
    this.headingBase = this.linkBase + this.L * LinkColumn.Total;
    this.partBase = this.headingBase + this.H * HeadingColumn.Total;
    this.identityBase = this.partBase + this.R * PartColumn.Total + W;
    this.offsetBase = this.identityBase + 2 * this.K + T;
    const blobStart = (this.offsetBase + this.S + 1) * 4;
    if (blobStart + B > facts.length || this.detail.length < this.P + 1) throw new Error('short');
    this.blob = facts.subarray(blobStart, blobStart + B);
    this.blobText = isAscii(this.blob) ? this.blob.toString('latin1') : null;
    this.strings = new Array<string | undefined>(this.S);
  }

  paper(column: PaperColumn, i: number): number {
    return this.words[this.paperBase + column * this.P + i]!;
  }
  part(column: PartColumn, r: number): number {
    return this.words[this.partBase + column * this.R + r]!;
  }
  heading(column: HeadingColumn, h: number): number {
    return this.words[this.headingBase + column * this.H + h]!;
  }
  link(column: LinkColumn, k: number): number {
    return this.words[this.linkBase + column * this.L + k]!;
  }
  string(n: number): string {
    let value = this.strings[n];
    if (value === undefined) {
      if (!(n >= 0 && n < this.S)) throw new Error('bad string');
      const start = this.words[this.offsetBase + n]!;
      const end = this.words[this.offsetBase + n + 1]!;
      if (!(start >= 0 && start <= end && end <= this.blob.length)) throw new Error('bad string');
      value = this.blobText === null ? this.blob.toString('utf8', start, end) : this.blobText.slice(start, end);
      this.strings[n] = value;
    }
    return value;
  }
}

/**
 * The entry of `text` (pieces to write: header, facts, detail) from the previous entry's sections, or
 * null when it must be parsed (see the top of this file). Throws on a malformed previous entry.
 */
export function spliceEntry(
  facts: Buffer,
  detail: Buffer,
  text: string,
  identity = false,
  /** The old entry's papers' key hashes, where it keeps no index and they were worked out (identity-index.ts). */
  oldKeys?: readonly (readonly number[])[],
): Buffer[] | null {
  const old = new OldEntry(facts, detail);
  if (old.flags & EolBit.ReadAsWhole) return null;
  // An identity index is copied where the old entry has one, or made of the keys worked out for its papers;
  // one asked for where there is neither is built by a parse (encode.ts encodeEntry: every paper's keys).
  const keysOf = (old.flags & EolBit.Unindexed) !== 0 && oldKeys?.length === old.P ? oldKeys : null;
  const indexed = (old.flags & EolBit.Unindexed) === 0 || keysOf !== null;
  if (identity && !indexed) return null;
  const flags = old.paperBase + PaperColumn.Flags * old.P;
  for (let i = 0; i < old.P; i++) if (old.words[flags + i]! & (Flag.Row | Flag.Marked)) return null;
  const { bomLength, body } = splitBom(text);
  const parts = matchParts(old, body);
  if (!parts) return null;

  // The headings, placed and given their paths and section ends as a parse would.
  const headingParts = parts.map((part) => ({ chunk: part.chunk, model: { headings: headingsOf(old, part) } }));
  const headings = finishHeadings(headingParts, bomLength, text.length);

  let P = 0;
  let L = 0;
  let detailWords = 0;
  for (const part of parts) {
    if ('model' in part) {
      for (const paper of part.model.papers) {
        P++;
        L += paper.links.length;
        detailWords += runLength(paper.links.length, null);
      }
      continue;
    }
    const first = old.part(PartColumn.FirstPaper, part.old);
    const count = old.part(PartColumn.Papers, part.old);
    P += count;
    const linkCounts = old.paperBase + PaperColumn.LinkCount * old.P;
    for (let i = first; i < first + count; i++) L += old.words[linkCounts + i]!;
    detailWords += old.detail[first + count]! - old.detail[first]!;
  }
  const writer = new EntryWriter(text, bomLength, {
    papers: P,
    links: L,
    headings,
    parts: parts.length,
    detailWords,
    indexed,
  });
  const taken = new Set<string>();
  const ids = new IdAssigner(taken);
  const reused = new Set(parts.flatMap((part) => ('old' in part ? [part.old] : [])));
  let checkedUpTo = 0;
  let freed: string[] = [];
  let headingBase = 0;
  let lists = 0;
  for (const part of parts) {
    const { chunk } = part;
    // A part at a seam goes on with the list of the item it names, when the seam holds (chunks.ts
    // seamHolds: a paper there, and the part starts with one); else: parse. (Every paper here is a task
    // item: rows and marked entries are parsed, above.)
    const joined = chunk.joins === undefined ? -1 : listAtLine(writer, chunk.joins);
    if (chunk.joins !== undefined && (joined < 0 || firstLineOf(old, part) !== 1)) return null;
    const { base, first: firstList } = listPlace(lists, joined);
    if ('model' in part) {
      const { model } = part;
      writer.part(chunk, model, part.key);
      const shift = bomLength + chunk.start;
      for (const partial of model.papers) {
        const headingIndex = headingBase + partial.headingIndex;
        const listIndex = partial.listIndex === 0 ? firstList : base + partial.listIndex;
        const paper = placePaper(partial, shift, chunk.line, headingIndex, listIndex);
        paper.id = ids.next(partial);
        writer.paper(paper, indexed ? paperKeyHashes(paper) : null);
      }
      headingBase += model.headings.length;
      lists = base + model.lists;
      continue;
    }
    const r = part.old;
    // The ids papers before this part held in the previous text that no paper holds now (yet).
    for (; checkedUpTo < r; checkedUpTo++) {
      if (reused.has(checkedUpTo)) continue;
      const first = old.part(PartColumn.FirstPaper, checkedUpTo);
      for (let i = first; i < first + old.part(PartColumn.Papers, checkedUpTo); i++)
        freed.push(old.string(old.paper(PaperColumn.Id, i)));
    }
    freed = freed.filter((id) => !taken.has(id));
    const oldHeadings = old.part(PartColumn.Headings, r);
    const oldLists = old.part(PartColumn.Lists, r);
    writer.part(
      chunk,
      {
        papers: old.part(PartColumn.Papers, r),
        headings: oldHeadings,
        lists: oldLists,
        frontMatterEnd: old.part(PartColumn.FrontMatterEnd, r),
        openAtEnd: false,
      },
      part.key,
    );
    const move = bomLength + chunk.start - (old.bomLength + old.part(PartColumn.Start, r));
    const lines = chunk.line - old.part(PartColumn.Line, r);
    const to = { move, lines, taken, freed, text, base: bomLength + chunk.start, firstList };
    if (!copyPart(writer, old, r, to, keysOf)) return null;
    headingBase += oldHeadings;
    lists = base + oldLists;
  }
  const first = parts[0]!;
  const frontMatterEnd = 'model' in first ? first.model.frontMatterEnd : old.part(PartColumn.FrontMatterEnd, first.old);
  return writer.finish(detectEol(text), false, bomLength + frontMatterEnd);
}

/**
 * Whether a paper of an unchanged part keeps its id (`id`) where the papers before it now hold `taken`.
 * The ids are handed out in document order, each paper taking the first of its forms not taken (ids.ts):
 * its decision looked at its forms up to the one it took, and comes out the same if that one is still
 * free and the ones before it are still taken. Ids that are taken now but were not then change nothing
 * unless one is its own (it would have taken one it had looked at). Ids that were taken then and are not
 * now (`freed`: a paper removed or moved further down) matter only to a paper that looked past its first
 * form; a paper whose id is its first form looked at nothing else. Anything else: parse.
 */
function idHolds(
  id: string,
  taken: ReadonlySet<string>,
  freed: readonly string[],
  old: OldEntry,
  i: number,
  to: PartMove,
): boolean {
  if (taken.has(id)) return false;
  return freed.length === 0 || firstIdForm(oldTitle(old, i, to.text, to.base)) === id;
}

/** Paper i's title as the previous entry holds it (a span of its part's text, which is the same now). */
function oldTitle(old: OldEntry, i: number, text: string, base: number): string {
  const a = old.paper(PaperColumn.TitleA, i);
  const b = old.paper(PaperColumn.TitleB, i);
  if (a === NULL_REF) return '';
  if (a <= -2) return old.string(-a - 2);
  if (!(0 <= a && a <= b && base + b <= text.length)) throw new Error('bad title');
  return text.slice(base + a, base + b);
}

/**
 * The new text's parts: each one whose text is a part of the previous entry (by its key, in the same
 * order) is taken from there, the others are scanned. Null when a changed part needs more than the
 * scanner (remark), or may run into the next (an open block), or holds a table row or marked entry.
 */
function matchParts(old: OldEntry, body: string): NewPart[] | null {
  const byKey = new Map<string, number[]>();
  for (let r = 0; r < old.R; r++) {
    if (old.part(PartColumn.OpenAtEnd, r) !== 0) continue;
    const key = old.words.subarray(old.partBase + PartColumn.Key * old.R + r);
    const words = Array.from({ length: KEY_WORDS }, (_, k) => key[k * old.R]!);
    const hex = Buffer.from(Int32Array.from(words).buffer).toString('hex');
    const list = byKey.get(hex);
    if (list) list.push(r);
    else byKey.set(hex, [r]);
  }
  const parts: NewPart[] = [];
  let last = -1;
  let changed = 0;
  const { chunks, definitions } = splitDocument(body);
  for (const chunk of chunks) {
    // (A part is read with the document's definitions: its key says which, see partHash.)
    const part = partText(body.slice(chunk.start, chunk.end), definitions);
    const key = partHash(part, body.length);
    const r = byKey.get(key.toString('hex'))?.find((candidate) => candidate > last);
    if (r !== undefined) {
      last = r;
      parts.push({ chunk, old: r, key });
      continue;
    }
    const model = scanPart(part.text, { definitions: part.definitions !== '' });
    if (!model || model.openAtEnd || model.papers.some((paper) => paper.source !== 'task')) return null;
    changed++;
    parts.push({ chunk, model, key });
  }
  // Nothing in common: a parse is no slower, and checks more.
  return changed < parts.length ? parts : null;
}

/** The list of the paper written so far whose line (1-based, in the text) is `line`; -1 when none is. */
function listAtLine(writer: EntryWriter, line: number): number {
  const { P, paperWords } = writer;
  for (let i = writer.paperIndex - 1; i >= 0; i--) {
    const at = paperWords[PaperColumn.Line * P + i]!;
    if (at < line) break;
    if (at === line) return paperWords[PaperColumn.List * P + i]!;
  }
  return -1;
}

/** The line (1-based, in the part) of a part's first paper; -1 when it has none. */
function firstLineOf(old: OldEntry, part: NewPart): number {
  if ('model' in part) return part.model.papers[0]?.line ?? -1;
  const r = part.old;
  if (old.part(PartColumn.Papers, r) === 0) return -1;
  return old.paper(PaperColumn.Line, old.part(PartColumn.FirstPaper, r)) - old.part(PartColumn.Line, r);
}

/** A part's headings, relative to its start. */
function headingsOf(old: OldEntry, part: NewPart): PartialHeading[] {
  if ('model' in part) return part.model.headings;
  const r = part.old;
  const shift = old.bomLength + old.part(PartColumn.Start, r);
  const first = old.part(PartColumn.FirstHeading, r);
  const headings: PartialHeading[] = [];
  for (let h = first; h < first + old.part(PartColumn.Headings, r); h++) {
    const depth = old.heading(HeadingColumn.Depth, h);
    if (!(depth >= 1 && depth <= 6)) throw new Error('bad heading');
    headings.push({
      text: old.string(old.heading(HeadingColumn.Text, h)),
      depth: depth as PartialHeading['depth'],
      span: { start: old.heading(HeadingColumn.Start, h) - shift, end: old.heading(HeadingColumn.End, h) - shift },
    });
  }
  return headings;
}

/** Where an unchanged part's papers go: see copyPart. */
interface PartMove {
  /** How far the part's text moved, in characters and in lines. */
  move: number;
  lines: number;
  /** The ids papers before it hold now, and the ids freed (see idHolds). */
  taken: Set<string>;
  freed: readonly string[];
  /** The new text, and where the part starts in it (with the BOM). */
  text: string;
  base: number;
  /** The list the part's first list is in the new text (parts.ts listPlace). */
  firstList: number;
}

/**
 * The papers of part r of the previous entry, a part whose text did not change, written at the new
 * part's place (just started: writer.part): their offsets move by `move`, their lines by `lines`, their
 * heading, list, link, key and detail-run indexes count from the new part's. The strings (ids, and the
 * titles, venues, labels and URLs the blob holds) go to the new table paper by paper, in the order
 * EntryWriter.paper adds them; the number columns are copied column by column (paper by paper, with
 * a call per field, the copy cost ~100 ms of an add to a 10,000-paper list, in a process too short for
 * the optimizing compiler). False when a paper's id would not hold (idHolds). Throws on words that do
 * not fit together (a malformed entry).
 */
function copyPart(
  writer: EntryWriter,
  old: OldEntry,
  r: number,
  to: PartMove,
  /** The old papers' key hashes where the old entry keeps none (spliceEntry's oldKeys). */
  keysOf: readonly (readonly number[])[] | null,
): boolean {
  const first = old.part(PartColumn.FirstPaper, r);
  const count = old.part(PartColumn.Papers, r);
  if (!(first >= 0 && count >= 0 && first + count <= old.P)) throw new Error('bad part');
  if (count === 0) return true;
  const { P, L, paperWords, linkWords, table } = writer;
  const words = old.words;
  const OP = old.P;
  const OL = old.L;
  const from = (column: PaperColumn) => old.paperBase + column * OP + first;
  const at = (column: PaperColumn) => column * P + writer.paperIndex;

  // The part's links and identity keys are runs of the previous entry's, paper after paper.
  const firstLink = words[from(PaperColumn.FirstLink)]!;
  const firstKey = words[from(PaperColumn.FirstKey)]!;
  let links = 0;
  let keys = 0;
  for (let k = 0; k < count; k++) {
    const linkCount = words[from(PaperColumn.LinkCount) + k]!;
    const keyCount = words[from(PaperColumn.KeyCount) + k]!;
    if (words[from(PaperColumn.FirstLink) + k] !== firstLink + links || !(linkCount >= 0)) throw new Error('bad links');
    if (words[from(PaperColumn.FirstKey) + k] !== firstKey + keys || !(keyCount >= 0)) throw new Error('bad keys');
    links += linkCount;
    keys += keyCount;
  }
  if (!(firstLink >= 0 && firstLink + links <= OL)) throw new Error('bad links');
  if (!(firstKey >= 0 && firstKey + keys <= old.K)) throw new Error('bad keys');

  // Strings, paper by paper: the id, then the title, the venue and each link's label and URL when the
  // blob holds them (a span of the part's text is copied as it is: it moved with the part).
  const { taken, freed } = to;
  for (let k = 0; k < count; k++) {
    const n = writer.paperIndex + k;
    const id = old.string(words[from(PaperColumn.Id) + k]!);
    if (!idHolds(id, taken, freed, old, first + k, to)) return false;
    taken.add(id);
    paperWords[PaperColumn.Id * P + n] = table.add(id);
    for (let c = 0; c < REFS.length; c += 2) {
      const a = REFS[c]!;
      const b = REFS[c + 1]!;
      copyRef(paperWords, P, n, a, b, words[from(a) + k]!, words[from(b) + k]!, old, table);
    }
    const linkFrom = words[from(PaperColumn.FirstLink) + k]!;
    const linkTo = writer.link + linkFrom - firstLink;
    for (let j = 0; j < words[from(PaperColumn.LinkCount) + k]!; j++) {
      for (let c = 0; c < LINK_REFS.length; c += 2) {
        const a = LINK_REFS[c]!;
        const b = LINK_REFS[c + 1]!;
        const source = old.linkBase + linkFrom + j;
        copyRef(linkWords, L, linkTo + j, a, b, words[source + a * OL]!, words[source + b * OL]!, old, table);
      }
    }
  }

  // The number columns.
  const headingShift = writer.partHeadingBase - old.part(PartColumn.FirstHeading, r);
  const oldFirstList = old.part(PartColumn.FirstList, r);
  const { move, lines } = to;
  copyColumn(paperWords, at(PaperColumn.Year), words, from(PaperColumn.Year), count, 0);
  copyColumn(paperWords, at(PaperColumn.Flags), words, from(PaperColumn.Flags), count, 0);
  copyColumn(paperWords, at(PaperColumn.Line), words, from(PaperColumn.Line), count, lines);
  copyColumn(paperWords, at(PaperColumn.Heading), words, from(PaperColumn.Heading), count, headingShift);
  copyColumn(paperWords, at(PaperColumn.CheckboxStart), words, from(PaperColumn.CheckboxStart), count, move);
  copyColumn(paperWords, at(PaperColumn.CheckboxEnd), words, from(PaperColumn.CheckboxEnd), count, move);
  // (The part's own lists count from its base; its first may be one of the part before, at a seam: see
  // parts.ts listPlace. One stored below the part's FirstList is that one, encode.ts.)
  for (let k = 0, list = at(PaperColumn.List), source = from(PaperColumn.List); k < count; k++) {
    const local = words[source + k]! - oldFirstList;
    paperWords[list + k] = local <= 0 ? to.firstList : writer.partListBase + local;
  }
  copyColumn(paperWords, at(PaperColumn.FirstLink), words, from(PaperColumn.FirstLink), count, writer.link - firstLink);
  copyColumn(paperWords, at(PaperColumn.LinkCount), words, from(PaperColumn.LinkCount), count, 0);
  paperWords.fill(writer.part_, at(PaperColumn.Part), at(PaperColumn.Part) + count);
  if (keysOf === null)
    writer.copyKeys(
      words.subarray(old.identityBase + firstKey, old.identityBase + firstKey + keys),
      words.subarray(from(PaperColumn.KeyCount), from(PaperColumn.KeyCount) + count),
    );
  else {
    const own = keysOf.slice(first, first + count);
    writer.copyKeys(
      Int32Array.from(own.flat()),
      Int32Array.from(own, (hashes) => hashes.length),
    );
  }

  // The detail runs: a task item's run is offset pairs only (-1 for none), each moving with the text.
  const detail = old.detail;
  const runStart = detail[first]!;
  const runEnd = detail[first + count]!;
  for (let k = 0; k < count; k++) if (!(detail[first + k]! <= detail[first + k + 1]!)) throw new Error('bad detail');
  if (!(runStart >= 0 && old.P + 1 + runEnd <= detail.length)) throw new Error('bad detail');
  copyColumn(writer.detail, writer.paperIndex, detail, first, count, writer.runEnd - runStart);
  moveOffsets(writer.detail, P + 1 + writer.runEnd, detail, old.P + 1 + runStart, runEnd - runStart, move);
  writer.runEnd += runEnd - runStart;
  writer.detail[P] = writer.runEnd;
  writer.paperIndex += count;
  writer.link += links;
  return true;
}

/** `count` offsets of `source` from `from`, each moved by `move` (-1, none, stays), into `target` at `at`. */
function moveOffsets(target: Int32Array, at: number, source: Int32Array, from: number, count: number, move: number) {
  for (let k = 0; k < count; k++) {
    const word = source[from + k]!;
    target[at + k] = word < 0 ? word : word + move;
  }
}

/** `count` words of `source` from `from`, each plus `delta`, into `target` at `at`. */
function copyColumn(
  target: Int32Array,
  at: number,
  source: Int32Array,
  from: number,
  count: number,
  delta: number,
): void {
  for (let k = 0; k < count; k++) target[at + k] = source[from + k]! + delta;
}

/** A paper's string fields, as pairs of columns (first word, second word): see copyRef. */
const REFS: readonly PaperColumn[] = [PaperColumn.TitleA, PaperColumn.TitleB, PaperColumn.VenueA, PaperColumn.VenueB];
const LINK_REFS: readonly LinkColumn[] = [LinkColumn.LabelA, LinkColumn.LabelB, LinkColumn.UrlA, LinkColumn.UrlB];

/**
 * A string field (two words of a column table `to` of `count` rows, row `n`): a span of its part's text
 * (offsets relative to the part, copied as they are), or a string of the blob (`first` <= -2), added to
 * the new entry's strings.
 */
function copyRef(
  to: Int32Array,
  count: number,
  n: number,
  a: number,
  b: number,
  first: number,
  second: number,
  old: OldEntry,
  table: EntryWriter['table'],
): void {
  if (first <= -2) to[a * count + n] = -2 - table.add(old.string(-first - 2));
  else {
    to[a * count + n] = first;
    to[b * count + n] = second;
  }
}
