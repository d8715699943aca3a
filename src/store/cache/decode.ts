/**
 * Reading a cache entry (layout in layout.ts) lazily: StoredFacts is what `list` reads (columns, strings
 * built only for the papers a command looks at), StoredDetail the offsets only edits read. Both check
 * their section whole when made (every count, index and offset in range: a pass over words the checksum
 * has just read anyway), so a section that does not hold together is a DamagedCacheError then, which the
 * store treats as a miss, and never an error later from inside a command.
 *
 * Over 400 lines as one file on purpose: both decoders read the same sections in the same order, and a
 * change to the layout must change them side by side.
 */
import { isAscii } from 'node:buffer';
import type {
  Heading,
  Link,
  Paper,
  PaperFacts,
  PaperSource,
  RowStatus,
  Span,
  TableRowInfo,
} from '../../core/model/paper.js';
import type { ReadState } from '../../core/read/formats/meanings.js';
import type { ChunkModel, PartialHeading, PartialPaper } from '../../core/read/parse.js';
import {
  Count,
  DetailRun,
  EolBit,
  Flag,
  HeadingColumn,
  identityHash,
  identitySlots,
  int32View,
  KEY_WORDS,
  LinkColumn,
  LinkRun,
  NULL_REF,
  PaperColumn,
  PartColumn,
  RowRun,
  rowRunAt,
  STATUSES,
  STORED_IDENTITY,
} from './layout.js';
import { CachedPaper } from './lazy-paper.js';
import { idHash } from '../../core/query/workspace.js';

/**
 * A cache entry whose checksums are right but whose words do not hold together (an offset past the text,
 * a count past its section): damage or tampering. The store treats it as a miss (parse, entry rewritten).
 */
export class DamagedCacheError extends Error {
  constructor(what: string) {
    super(`damaged cache entry (${what})`);
    this.name = 'DamagedCacheError';
  }
}

function damaged(what: string): never {
  throw new DamagedCacheError(what);
}

/** Runs a decoding step: whatever it throws is a DamagedCacheError (the store's miss). */
function decoding<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof DamagedCacheError ? error : new DamagedCacheError(String(error));
  }
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
  private readonly identityBase: number;
  /** Whether the entry has an identity index (EolBit.Unindexed): only then are its papers' keys known. */
  readonly indexed: boolean;
  private readonly identityKeys: number;
  private readonly identitySlots: number;
  private readonly blob: Buffer;
  private readonly blobIsAscii: boolean;
  private readonly stringCache: (string | undefined)[];
  private headingList: Heading[] | null = null;
  private blobAsText: string | undefined;

  constructor(
    readonly bytes: Buffer,
    /** The list's text: strings stored as spans are read from it. */
    private readonly text: string,
  ) {
    const words = int32View(bytes);
    this.words = words;
    if (words.length < Count.Total) damaged('short');
    this.counts = words.subarray(0, Count.Total);
    const [P, L, H, R, S, W, B, K, T] = [
      Count.Papers,
      Count.Links,
      Count.Headings,
      Count.Parts,
      Count.Strings,
      Count.PathWords,
      Count.BlobBytes,
      Count.IdentityKeys,
      Count.IdentitySlots,
    ].map((c) => this.counts[c]!) as [number, number, number, number, number, number, number, number, number];
    if ([P, L, H, R, S, W, B, K, T].some((n) => n < 0)) damaged('negative count');
    if (T !== identitySlots(K)) damaged('bad identity index');
    this.indexed = (this.counts[Count.Eol]! & EolBit.Unindexed) === 0;
    if (!this.indexed && K !== 0) damaged('identity keys in an entry without an index');
    this.paperCount = P;
    this.paperBase = Count.Total;
    this.linkBase = this.paperBase + P * PaperColumn.Total;
    this.headingBase = this.linkBase + L * LinkColumn.Total;
    this.partBase = this.headingBase + H * HeadingColumn.Total;
    this.pathBase = this.partBase + R * PartColumn.Total;
    this.identityBase = this.pathBase + W;
    this.identityKeys = K;
    this.identitySlots = T;
    this.offsetBase = this.identityBase + 2 * K + T;
    const blobStart = (this.offsetBase + S + 1) * 4;
    if (blobStart + B > bytes.length) damaged('short');
    this.blob = bytes.subarray(blobStart, blobStart + B);
    this.blobIsAscii = isAscii(this.blob);
    this.stringCache = new Array<string | undefined>(S);
    this.bomLength = this.counts[Count.BomLength]!;
    this.eol = (this.counts[Count.Eol]! & EolBit.Crlf) !== 0 ? '\r\n' : '\n';
    this.readAsWhole = (this.counts[Count.Eol]! & EolBit.ReadAsWhole) !== 0;
    this.contentStart = this.counts[Count.ContentStart]!;
    decoding(() => this.check());
  }

  /**
   * Every word the getters read, in range, once: counts and indexes within their sections, string
   * offsets within the blob, each part within the text (text '' reads an entry for its parts alone:
   * then within the parts), each paper's checkbox and text spans within its part. What is in range may
   * still be wrong: a write checks what it changes against the text (verify.ts).
   */
  private check(): void {
    // Written as flat loops over the words with plain locals: it runs once per process, mostly before
    // the JIT has compiled it, where every call and closure costs (10,000 papers: ~1 ms, not ~20).
    const w = this.words;
    const c = this.counts;
    const P = c[Count.Papers]!;
    const L = c[Count.Links]!;
    const H = c[Count.Headings]!;
    const R = c[Count.Parts]!;
    const S = c[Count.Strings]!;
    const W = c[Count.PathWords]!;
    const K = c[Count.IdentityKeys]!;
    const bom = this.bomLength;
    if (bom !== 0 && bom !== 1) damaged('bad BOM length');
    const textKnown = this.text !== '';
    if (textKnown && (bom === 1) !== (this.text.charCodeAt(0) === 0xfeff)) damaged('bad BOM length');
    const bodyEnd = textKnown ? this.text.length - bom : 0x7fffffff;
    if (!(this.contentStart >= 0 && this.contentStart <= bom + bodyEnd)) damaged('bad content start');
    // Strings: offsets ascending within the blob.
    const blobBytes = this.blob.length;
    for (let n = this.offsetBase, last = 0; n <= this.offsetBase + S; n++) {
      const at = w[n]!;
      if (!(at >= last && at <= blobBytes)) damaged('bad string offsets');
      last = at;
    }
    const part = (column: PartColumn) => this.partBase + column * R;
    const paper = (column: PaperColumn) => this.paperBase + column * P;
    const link = (column: LinkColumn) => this.linkBase + column * L;
    const [pStart, pEnd, pFirst, pCount, pFirstHeading, pHeadings, pFirstList, pLists, pFront] = [
      part(PartColumn.Start),
      part(PartColumn.End),
      part(PartColumn.FirstPaper),
      part(PartColumn.Papers),
      part(PartColumn.FirstHeading),
      part(PartColumn.Headings),
      part(PartColumn.FirstList),
      part(PartColumn.Lists),
      part(PartColumn.FrontMatterEnd),
    ];
    const [id, titleA, titleB, venueA, venueB, line, heading, boxStart, boxEnd, list] = [
      paper(PaperColumn.Id),
      paper(PaperColumn.TitleA),
      paper(PaperColumn.TitleB),
      paper(PaperColumn.VenueA),
      paper(PaperColumn.VenueB),
      paper(PaperColumn.Line),
      paper(PaperColumn.Heading),
      paper(PaperColumn.CheckboxStart),
      paper(PaperColumn.CheckboxEnd),
      paper(PaperColumn.List),
    ];
    const [firstLink, linkCount, partOf, firstKey, keyCount] = [
      paper(PaperColumn.FirstLink),
      paper(PaperColumn.LinkCount),
      paper(PaperColumn.Part),
      paper(PaperColumn.FirstKey),
      paper(PaperColumn.KeyCount),
    ];
    const [labelA, labelB, urlA, urlB] = [
      link(LinkColumn.LabelA),
      link(LinkColumn.LabelB),
      link(LinkColumn.UrlA),
      link(LinkColumn.UrlB),
    ];
    // Parts in order within the text, their papers and headings runs of the columns; each paper within
    // its part (its strings that are spans, its checkbox), every index within its section.
    let lastEnd = 0;
    let papers = 0;
    let headings = 0;
    for (let r = 0; r < R; r++) {
      const start = w[pStart + r]!;
      const end = w[pEnd + r]!;
      const first = w[pFirst + r]!;
      const count = w[pCount + r]!;
      if (!(start >= lastEnd && start <= end && end <= bodyEnd)) damaged('bad part');
      if (first !== papers || count < 0 || first + count > P) damaged('bad part papers');
      if (w[pFirstHeading + r] !== headings || w[pHeadings + r]! < 0 || headings + w[pHeadings + r]! > H)
        damaged('bad part headings');
      if (w[pFirstList + r]! < 0 || w[pLists + r]! < 0 || !(w[pFront + r]! >= 0 && w[pFront + r]! <= end - start))
        damaged('bad part');
      lastEnd = end;
      papers += count;
      headings += w[pHeadings + r]!;
      const length = end - start;
      for (let i = first; i < first + count; i++) {
        let a = w[titleA + i]!;
        let b = w[titleB + i]!;
        let bad = a >= 0 ? !(a <= b && b <= length) : a !== NULL_REF && -a - 2 >= S;
        a = w[venueA + i]!;
        b = w[venueB + i]!;
        bad ||= a >= 0 ? !(a <= b && b <= length) : a !== NULL_REF && -a - 2 >= S;
        const links = w[linkCount + i]!;
        const k0 = w[firstLink + i]!;
        if (
          bad ||
          w[partOf + i] !== r ||
          !(w[id + i]! >= 0 && w[id + i]! < S) ||
          !(w[boxStart + i]! >= bom + start && w[boxStart + i]! <= w[boxEnd + i]! && w[boxEnd + i]! <= bom + end) ||
          !(w[heading + i]! >= -1 && w[heading + i]! < H) ||
          w[line + i]! < 1 ||
          w[list + i]! < -1 ||
          !(k0 >= 0 && links >= 0 && k0 + links <= L) ||
          !(w[firstKey + i]! >= 0 && w[keyCount + i]! >= 0 && w[firstKey + i]! + w[keyCount + i]! <= K)
        )
          damaged('bad paper');
        for (let k = k0; k < k0 + links; k++) {
          a = w[labelA + k]!;
          b = w[labelB + k]!;
          bad = a >= 0 ? !(a <= b && b <= length) : a !== NULL_REF && -a - 2 >= S;
          a = w[urlA + k]!;
          b = w[urlB + k]!;
          bad ||= a >= 0 ? !(a <= b && b <= length) : a !== NULL_REF && -a - 2 >= S;
          if (bad) damaged('bad link');
        }
      }
    }
    if (papers !== P || headings !== H) damaged('bad parts');
    // The parts cover the whole text they were read from (chunks.ts): an entry of another text, of
    // another length, is no entry of this one (review: a swapped entry was served as this list's).
    if (textKnown && R > 0 && lastEnd !== bodyEnd) damaged('parts short of the text');
    // Headings: strings, depths, spans within the text, paths within the path words.
    const hb = this.headingBase;
    for (let h = 0; h < H; h++) {
      const text = w[hb + HeadingColumn.Text * H + h]!;
      const depth = w[hb + HeadingColumn.Depth * H + h]!;
      const start = w[hb + HeadingColumn.Start * H + h]!;
      const end = w[hb + HeadingColumn.End * H + h]!;
      const sectionEnd = w[hb + HeadingColumn.SectionEnd * H + h]!;
      const pathStart = w[hb + HeadingColumn.PathStart * H + h]!;
      const pathLength = w[hb + HeadingColumn.PathLength * H + h]!;
      if (
        !(text >= 0 && text < S) ||
        !(depth >= 1 && depth <= 6) ||
        !(start >= 0 && start <= end && end <= sectionEnd && sectionEnd <= bom + bodyEnd) ||
        !(pathStart >= 0 && pathLength >= 0 && pathStart + pathLength <= W)
      )
        damaged('bad heading');
    }
    for (let k = this.pathBase; k < this.pathBase + W; k++) if (!(w[k]! >= 0 && w[k]! < S)) damaged('bad heading path');
    // The identity index: key numbers and their papers.
    const ib = this.identityBase;
    for (let k = ib + K; k < ib + 2 * K; k++) if (!(w[k]! >= 0 && w[k]! < P)) damaged('bad identity index');
    for (let k = ib + 2 * K; k < ib + 2 * K + this.identitySlots; k++)
      if (!(w[k]! >= 0 && w[k]! <= K)) damaged('bad identity index');
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
  /** Paper column `column`, one word per paper (for a pass over all papers). */
  column(column: PaperColumn): Int32Array {
    return this.words.subarray(
      this.paperBase + column * this.paperCount,
      this.paperBase + (column + 1) * this.paperCount,
    );
  }
  firstPaperOf(r: number): number {
    return this.partWord(PartColumn.FirstPaper, r);
  }
  papersOf(r: number): number {
    return this.partWord(PartColumn.Papers, r);
  }
  /** The part whose text holds this offset (without the BOM), or -1. */
  partAt(offset: number): number {
    for (let r = 0; r < this.partCount; r++) if (this.partStart(r) <= offset && offset < this.partEnd(r)) return r;
    return -1;
  }

  string(n: number): string {
    let value = this.stringCache[n];
    if (value === undefined) {
      const start = this.words[this.offsetBase + n]!;
      const end = this.words[this.offsetBase + n + 1]!;
      if (!(start >= 0 && start <= end && end <= this.blob.length)) damaged('bad string');
      value = this.blobIsAscii ? this.blobText().slice(start, end) : this.blob.toString('utf8', start, end);
      this.stringCache[n] = value;
    }
    return value;
  }

  /** An ASCII blob as one string, decoded once: slicing it costs less than decoding each string (10,000 ids). */
  private blobText(): string {
    return (this.blobAsText ??= this.blob.toString('latin1'));
  }

  /**
   * Every paper's id hashed as idHash (core/query/workspace.ts) hashes the string, from the blob's bytes
   * where they are ASCII (a byte is then a UTF-16 unit): a repository of lists finds the ids two files
   * share without building every id.
   */
  idHashes(): Int32Array {
    const hashes = new Int32Array(this.paperCount);
    const strings = this.counts[Count.Strings]!;
    for (let i = 0; i < this.paperCount; i++) {
      const n = this.paperWord(PaperColumn.Id, i);
      if (!(n >= 0 && n < strings)) throw new Error('bad string');
      const start = this.words[this.offsetBase + n]!;
      const end = this.words[this.offsetBase + n + 1]!;
      if (!(start >= 0 && start <= end && end <= this.blob.length)) throw new Error('bad string');
      let hash = 0x811c9dc5;
      let k = start;
      for (; k < end && this.blob[k]! < 0x80; k++) hash = Math.imul(hash ^ this.blob[k]!, 0x01000193);
      hashes[i] = k === end ? hash | 0 : idHash(this.string(n));
    }
    return hashes;
  }

  /** A string field (see StringRef); `text` and `base` say where its part's text is. */
  private ref(a: number, b: number, text: string, base: number): string | null {
    if (a === NULL_REF) return null;
    if (a <= -2) return this.string(-a - 2);
    if (!(a <= b && base + b <= text.length)) damaged('bad span');
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
    if (!(first >= 0 && count >= 0 && first + count <= this.counts[Count.Links]!)) damaged('bad links');
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

  /** The papers (ascending) that have one of these identity keys, by the identity index (see layout.ts). */
  identityCandidates(keys: readonly string[]): number[] {
    const K = this.identityKeys;
    const slots = this.identitySlots;
    const found = new Set<number>();
    if (slots === 0) return [];
    for (const key of keys) {
      const hash = identityHash(key);
      for (let slot = hash & (slots - 1), probes = 0; probes < slots; slot = (slot + 1) & (slots - 1), probes++) {
        const k = this.words[this.identityBase + 2 * K + slot]! - 1;
        if (k < 0) break;
        if (!(k < K)) damaged('bad identity index');
        if (this.words[this.identityBase + k] !== hash) continue;
        const i = this.words[this.identityBase + K + k]!;
        if (!(i >= 0 && i < this.paperCount)) damaged('bad identity index');
        found.add(i);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Paper i's identity key hashes. */
  private identityHashes(i: number): number[] {
    const first = this.paperWord(PaperColumn.FirstKey, i);
    const count = this.paperWord(PaperColumn.KeyCount, i);
    if (!(first >= 0 && count >= 0 && first + count <= this.identityKeys)) damaged('bad identity keys');
    return Array.from(this.words.subarray(this.identityBase + first, this.identityBase + first + count));
  }

  /** The sha1 of part r's text, as stored. */
  partKey(r: number): Buffer {
    const key = Buffer.alloc(20);
    for (let k = 0; k < KEY_WORDS; k++) key.writeInt32LE(this.partWord(PartColumn.Key + k, r), 4 * k);
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
      for (let k = 0; k < KEY_WORDS; k++)
        this.words[this.partBase + (PartColumn.Key + k) * this.partCount + r] = key.readInt32LE(4 * k);
    }
  }

  /** Paper i's facts as plain data (what `list` shows). */
  facts(i: number): PaperFacts {
    return new CachedPaper(this, null, i);
  }

  /**
   * The papers (ascending) in this read state (any, when undefined) whose area `inArea` takes (any, when
   * null), on the columns: `list` makes objects only for the papers it shows. Each heading's area is
   * tested once.
   */
  papersWhere(state: ReadState | undefined, inArea: ((area: string[]) => boolean) | null): number[] {
    const flags = this.column(PaperColumn.Flags);
    const headings = this.column(PaperColumn.Heading);
    const wanted = state === 'read' ? Flag.Read : state === 'reading' ? Flag.Reading : 0;
    const taken = new Map<number, boolean>();
    const found: number[] = [];
    for (let i = 0; i < this.paperCount; i++) {
      // (as CachedPaper reads them: read before reading)
      const flag = flags[i]!;
      if (state !== undefined && (flag & Flag.Read ? Flag.Read : flag & Flag.Reading) !== wanted) continue;
      if (inArea !== null) {
        const heading = headings[i]!;
        let takes = taken.get(heading);
        if (takes === undefined) taken.set(heading, (takes = inArea(this.area(i))));
        if (!takes) continue;
      }
      found.push(i);
    }
    return found;
  }

  /** The papers' areas, each once, in the order papers first have them (arrays as area() gives them). */
  distinctAreas(): string[][] {
    const headings = this.column(PaperColumn.Heading);
    const seen = new Set<number>();
    const areas: string[][] = [];
    for (let i = 0; i < this.paperCount; i++) {
      const heading = headings[i]!;
      if (seen.has(heading)) continue;
      seen.add(heading);
      areas.push(this.area(i));
    }
    return areas;
  }

  /** How many papers have `read` set (totalsOf, on the columns). */
  readCount(): number {
    const flags = this.column(PaperColumn.Flags);
    let read = 0;
    for (let i = 0; i < this.paperCount; i++) if ((flags[i]! & Flag.Read) !== 0) read++;
    return read;
  }

  /** The table rows whose status cell holds no marker (unknownStatusCells looks at those alone). */
  rowsWithoutMarker(): number[] {
    const flags = this.column(PaperColumn.Flags);
    const starts = this.column(PaperColumn.CheckboxStart);
    const ends = this.column(PaperColumn.CheckboxEnd);
    const found: number[] = [];
    for (let i = 0; i < this.paperCount; i++) if ((flags[i]! & Flag.Row) !== 0 && starts[i] === ends[i]) found.push(i);
    return found;
  }

  /**
   * Every paper's facts (what `list` shows), their flags read from the column in one flat loop: it runs
   * once a process, over every paper, mostly before the JIT has compiled it.
   */
  allFacts(): PaperFacts[] {
    return this.papersWith(null);
  }

  /** Every paper as the model has it, offsets read from `detail` when first asked for (the same flat loop). */
  allPapers(detail: StoredDetail): Paper[] {
    return this.papersWith(detail);
  }

  private papersWith(detail: StoredDetail | null): CachedPaper[] {
    const flags = this.column(PaperColumn.Flags);
    const papers = new Array<CachedPaper>(this.paperCount);
    for (let i = 0; i < papers.length; i++) {
      const flag = flags[i]!;
      papers[i] = new CachedPaper(this, detail, i, (flag & Flag.Read) !== 0, (flag & Flag.Reading) !== 0);
    }
    return papers;
  }

  /** The model of part r, offsets and lines relative to the part; strings from the part's text. */
  partModel(r: number, partText: string, detail: StoredDetail): ChunkModel {
    return decoding(() => this.readPart(r, partText, detail));
  }

  private readPart(r: number, partText: string, detail: StoredDetail): ChunkModel {
    if (partText.length !== this.partEnd(r) - this.partStart(r)) damaged('bad part length');
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
        // (At a seam the part's first list is one of the part before, numbered below firstList: 0 here.)
        listIndex: Math.max(0, this.listIndex(i) - firstList),
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
    const model: ChunkModel = {
      papers,
      headings,
      lists: this.partWord(PartColumn.Lists, r),
      openAtEnd: this.partWord(PartColumn.OpenAtEnd, r) === 1,
      frontMatterEnd: this.partWord(PartColumn.FrontMatterEnd, r),
    };
    // (A part of an entry without an index has no keys to give: a new entry takes it as parsed afresh.)
    if (!this.indexed) return model;
    const hashes = Array.from({ length: count }, (_, k) => this.identityHashes(first + k));
    return Object.defineProperty(model, STORED_IDENTITY, { value: hashes });
  }
}

function moveLink(spans: Omit<Link, 'label' | 'url'>, move: (s: Span) => Span): Omit<Link, 'label' | 'url'> {
  return {
    span: move(spans.span),
    urlSpan: spans.urlSpan && move(spans.urlSpan),
    labelSpan: move(spans.labelSpan),
    outerSpan: move(spans.outerSpan),
  };
}

export type PaperDetail = Pick<Paper, 'span' | 'body' | 'titleSpan' | 'venueSpan' | 'row'> & {
  links: Omit<Link, 'label' | 'url'>[];
};

/** The detail section: each paper's offsets, decoded when first asked for. */
export class StoredDetail {
  private readonly words: Int32Array;

  constructor(bytes: Buffer, facts: StoredFacts) {
    this.words = int32View(bytes);
    decoding(() => this.check(facts));
  }

  /**
   * Every paper's run, once: where it starts and its length (links, a row's cells), each span within the
   * paper's part (a table's head within the text), a row's status and layout in range.
   */
  private check(facts: StoredFacts): void {
    const d = this.words;
    const P = facts.paperCount;
    const base = P + 1;
    if (d.length < base || d[0] !== 0 || base + d[P]! !== d.length) damaged('bad detail length');
    const textEnd = facts.bomLength + (facts.partCount ? facts.partEnd(facts.partCount - 1) : 0);
    // Every word of the runs is an offset within the text or -1 (a row's few other words are small
    // numbers): one flat pass, as fast as the checksum's. Which offsets are right is verify.ts's business.
    let outside = false;
    for (let k = base; k < d.length; k++) if (d[k]! < -1 || d[k]! > textEnd) outside = true;
    if (outside) damaged('bad detail offset');
    // Each paper's run where the run before it ends, as long as its links (and a row's cells) need; a
    // row's status and layout in range.
    const linkCounts = facts.column(PaperColumn.LinkCount);
    const flags = facts.column(PaperColumn.Flags);
    for (let i = 0; i < P; i++) {
      const at = base + d[i]!;
      const rowAt = at + DetailRun.Links + LinkRun.Total * linkCounts[i]!;
      const row = (flags[i]! & Flag.Row) !== 0;
      const cells = row && rowAt + RowRun.CellCount < d.length ? d[rowAt + RowRun.CellCount]! : 0;
      // (runLength, inline)
      if (!(cells >= 0 && d[i + 1]! - d[i]! === rowAt - at + (row ? RowRun.Cells + 2 * cells : 0)))
        damaged('bad detail run');
      if (!row) continue;
      const headStart = d[rowAt + RowRun.Head]!;
      const headEnd = d[rowAt + RowRun.Head + 1]!;
      if (!(0 <= headStart && headStart <= headEnd)) damaged('bad row head');
      if (!STATUSES[d[rowAt + RowRun.Status]!]) damaged('bad row status');
      // (a row may have fewer cells than its table has columns; a header of n columns has n characters at least)
      const columns = d[rowAt + RowRun.Columns]!;
      if (!(columns >= 0 && columns <= headEnd - headStart + 1)) damaged('bad row layout');
      const widest = Math.max(columns, cells);
      for (let k = rowAt + RowRun.StatusColumn; k <= rowAt + RowRun.LinksColumn; k++)
        if (!(d[k]! >= -1 && d[k]! <= widest)) damaged('bad row layout');
    }
  }

  /** Paper i's span alone, none of its other offsets made (placement reads it of every item of an area). */
  spanOf(i: number, facts: StoredFacts): Span {
    const d = this.words;
    const at = d[i]!;
    const base = facts.paperCount + 1;
    if (!(at >= 0 && at + DetailRun.Span + 2 <= d[i + 1]! && base + d[i + 1]! <= d.length)) damaged('bad detail');
    return { start: d[base + at + DetailRun.Span]!, end: d[base + at + DetailRun.Span + 1]! };
  }

  /** Paper i's table row status, in place (after its marker was swapped). */
  setRowStatus(i: number, facts: StoredFacts, status: RowStatus): void {
    const at = facts.paperCount + 1 + this.words[i]! + rowRunAt(facts.linkCount(i)) + RowRun.Status;
    if (!(at < this.words.length)) damaged('bad detail');
    this.words[at] = STATUSES.indexOf(status);
  }

  of(i: number, facts: StoredFacts): PaperDetail {
    const d = this.words;
    const at = d[i]!;
    const end = d[i + 1]!;
    const base = facts.paperCount + 1;
    if (!(at >= 0 && at <= end && base + end <= d.length)) damaged('bad detail');
    const w = (k: number) => d[base + at + k]!;
    const span = (k: number): Span | null => (w(k) < 0 ? null : { start: w(k), end: w(k + 1) });
    const pair = (k: number): Span => ({ start: w(k), end: w(k + 1) });
    const linkCount = facts.linkCount(i);
    if (base + at + rowRunAt(linkCount) > base + end) damaged('bad detail');
    const links = [];
    for (let k = 0; k < linkCount; k++) {
      const o = DetailRun.Links + LinkRun.Total * k;
      links.push({
        span: pair(o + LinkRun.Span),
        urlSpan: span(o + LinkRun.UrlSpan),
        labelSpan: pair(o + LinkRun.LabelSpan),
        outerSpan: pair(o + LinkRun.OuterSpan),
      });
    }
    const detail: PaperDetail = {
      span: pair(DetailRun.Span),
      body: pair(DetailRun.Body),
      titleSpan: span(DetailRun.TitleSpan),
      venueSpan: span(DetailRun.VenueSpan),
      links,
    };
    if (facts.source(i) === 'row') detail.row = decodeRow(w, rowRunAt(linkCount));
    return detail;
  }
}

function decodeRow(w: (k: number) => number, at: number): TableRowInfo {
  const cells: Span[] = [];
  for (let k = 0; k < w(at + RowRun.CellCount); k++) {
    const cell = at + RowRun.Cells + 2 * k;
    cells.push({ start: w(cell), end: w(cell + 1) });
  }
  const status = STATUSES[w(at + RowRun.Status)];
  if (!status) damaged('bad row status');
  return {
    status,
    layout: {
      columns: w(at + RowRun.Columns),
      status: w(at + RowRun.StatusColumn),
      title: w(at + RowRun.TitleColumn),
      venue: w(at + RowRun.VenueColumn),
      year: w(at + RowRun.YearColumn),
      links: w(at + RowRun.LinksColumn),
    },
    head: { start: w(at + RowRun.Head), end: w(at + RowRun.Head + 1) },
    cells,
  };
}
