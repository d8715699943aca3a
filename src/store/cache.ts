/**
 * Parsed lists, kept in the user's cache directory (never beside their file), so that a list is not
 * parsed again until it changes, and then only in the parts that changed.
 *
 * One entry per content hash (`<sha1 of the text>.entry`, format in cache/layout.ts) holds the whole
 * model in columns, plus a table of the document's parts: each part's text hash and which papers and
 * headings came from it. A small file per list path remembers its last content hash, so that after an
 * edit (ours or an editor's) the unchanged parts are taken from the previous entry and only the changed
 * ones are parsed. Entries of another format or failing their checksums are ignored; store/stored-model.ts
 * also checks every model against the text before trusting it.
 *
 * Over 400 lines as one file: the entry store, the path and stat records and their trust checks are one
 * protocol on one private directory; the entry format itself is in cache/.
 */
import type { ReadState } from '../core/read/formats/meanings.js';
import {
  closeSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ListDocument } from '../core/model/paper.js';
import type { ChunkCache, ChunkModel, PartText } from '../core/read/parts.js';
import type { FileIdentity } from './read.js';
import { splitBom } from '../core/model/text.js';
import { DamagedCacheError, StoredDetail, StoredFacts } from './cache/decode.js';
import { Header, HEADER_BYTES, headerFor, readHeader } from './cache/layout.js';
import { checksum32, contentDigest, partHash, randomHex, sha1Hex } from './hash.js';
import { makeDirectories, openPrivateFile, privateFileBytes } from './private-dir.js';

/**
 * Entries kept (the newest): one per list a user works on, and a repository of lists keeps one per file
 * (50 lists would evict each other at 40, and every warm `list` would parse again). Their bytes are
 * bounded too (PAPERS_CACHE_MAX_MB, 128 MB by default): an entry is kept for every version of a list, and
 * a 10,000-paper list's are ~2.5 MB each, so 256 of them took ~640 MB.
 */
const MAX_ENTRIES = 256;
/** The cache's default byte budget when none is given (the settings give PAPERS_CACHE_MAX_MB's). */
const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;
/** How many bytes the entries take together, as last summed plus those stored since (see prune). */
const TOTAL_RECORD = 'entries-bytes.txt';
/** How long a file must have been still before its fingerprint is remembered by its identity. */
const IDENTITY_SETTLED_MS = 3000;
/**
 * Up to this size a stat record keeps a copy of the file's bytes, compared whole with the bytes read:
 * exact, and no hash to compute (loading node:crypto for one costs a small list's `list` ~6 ms of CPU,
 * with node's own start ~65 ms). A larger file's record keeps its SHA-256.
 */
const IDENTITY_COPY_BYTES = 64 * 1024;
/** Stat records kept (one per file version papers listed; each may hold a copy up to IDENTITY_COPY_BYTES). */
const MAX_IDENTITY_RECORDS = 128;

function identityRecordName({ dev, ino }: FileIdentity): string {
  return `stat-${dev}-${ino}.txt`;
}

/** An entry as read: its facts decoded on demand, and the bytes a checkbox edit copies. */
export interface StoredEntry {
  facts: StoredFacts;
  detail: StoredDetail;
  factsBytes: Buffer;
  detailBytes: Buffer;
  detailSum: number;
  /** Where the entry keeps no identity index: its papers' key hashes, once worked out (identity-index.ts). */
  identityKeys?: readonly (readonly number[])[];
}

/** A small cache file, written whole (temp file and rename); failures only cost speed. */
export function writeCacheFile(dir: string, name: string, content: string): void {
  const temp = join(dir, `.${name}.${process.pid}.${randomHex(4)}`);
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

/**
 * The hex of a text's last 32 characters (UTF-8): how a list ended when papers last read it. A file an
 * editor is still writing in place (truncated, then written from the start) does not end so.
 */
export function textTail(text: string): string {
  return Buffer.from(text.slice(-32), 'utf8').toString('hex');
}

export function partKey(text: string): string {
  return sha1Hex(text);
}

/** The entry, if its parts may be re-used alone (not those of a document read as a whole); else null. */
export function reusableAlone(entry: StoredEntry): StoredEntry | null {
  return entry.facts.readAsWhole ? null : entry;
}

export class ModelCache {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
    /** The most the entries may take together (see MAX_ENTRIES). */
    private readonly maxBytes: number = DEFAULT_MAX_BYTES,
  ) {}

  /**
   * The fingerprint of the text this file held when it was last fingerprinted, if its identity (device,
   * inode, size, modification and change times) is still the same and the bytes just read are the copy
   * recorded with it (a small file) or have the SHA-256 recorded with it. The bytes are the part to rely
   * on: some file systems (sshfs, bindfs) report a change time that follows the modification time, which
   * a same-size edit can set back.
   *
   * A record is `<size> <mtime> <ctime> <fingerprint> <check>`, the check being `=` and the file's bytes
   * (up to IDENTITY_COPY_BYTES) or their SHA-256 in hex.
   */
  fingerprintByIdentity(identity: FileIdentity, bytes: Buffer): string | null {
    const record = privateFileBytes(join(this.dir, identityRecordName(identity)), IDENTITY_COPY_BYTES + 4096);
    if (!record) return null;
    let checkStart = 0;
    for (let field = 0; field < 4; field++) {
      checkStart = record.indexOf(0x20, checkStart) + 1;
      if (checkStart === 0 || checkStart > 200) return null;
    }
    const fields = record.toString('latin1', 0, checkStart - 1).split(' ');
    if (!/^[0-9a-f]{40}$/.test(fields[3]!)) return null;
    const [size, mtimeMs, ctimeMs] = fields.map(Number);
    if (size !== identity.size || mtimeMs !== identity.mtimeMs || ctimeMs !== identity.ctimeMs) return null;
    const check = record.subarray(checkStart);
    const holds =
      check[0] === 0x3d // '='
        ? check.subarray(1).equals(bytes)
        : check.toString('latin1') === contentDigest(bytes);
    return holds ? fields[3]! : null;
  }

  /**
   * Remembers a file's fingerprint by its identity (and a copy or the SHA-256 of its bytes), once the
   * file has been still for a while: a file changed moments ago could change again within the same
   * timestamp tick.
   */
  rememberIdentity(identity: FileIdentity, fingerprint: string, bytes: Buffer): void {
    if (this.now() - identity.ctimeMs < IDENTITY_SETTLED_MS) return;
    const stamp = `${identity.size} ${identity.mtimeMs} ${identity.ctimeMs} ${fingerprint} `;
    try {
      makeDirectories(this.dir);
      this.writeAtomically(
        identityRecordName(identity),
        bytes.length <= IDENTITY_COPY_BYTES
          ? Buffer.concat([Buffer.from(`${stamp}=`, 'latin1'), bytes])
          : `${stamp}${contentDigest(bytes)}`,
      );
    } catch {
      // only speed is lost
    }
  }

  /** The facts of exactly this text, if stored: all `list` needs (the offsets are not even read). */
  exactFacts(fingerprint: string, text: string): StoredFacts | null {
    const bytes = this.readEntry(fingerprint, false);
    if (!bytes) return null;
    try {
      return new StoredFacts(bytes.facts, text);
    } catch (error) {
      return missOn(error); // a malformed entry is a miss
    }
  }

  /** The model of exactly this text, if stored, and the entry it came from. */
  exact(fingerprint: string, text: string): { doc: ListDocument; entry: StoredEntry } | null {
    const entry = this.entry(fingerprint, text);
    return entry && modelOf(entry, text);
  }

  /**
   * Parts of the last text seen at this path, to re-use where the new text (of `textLength`) has the same
   * parts.
   */
  previousParts(realPath: string, textLength: number, entry = this.previousEntry(realPath)): ChunkCache {
    return new StoredParts(entry, textLength);
  }

  /** The entry of the last text seen at this path, when its parts may be re-used alone. */
  previousEntry(realPath: string): StoredEntry | null {
    const record = this.pathRecord(realPath);
    const entry = record?.reusable ? this.entry(record.fingerprint, '') : null;
    return entry && reusableAlone(entry);
  }

  /**
   * Stores an entry (pieces: header, facts, detail; cache/encode.ts or cache/splice-entry.ts) as this
   * text's, and remembers it as the last text seen at the path (whose parts may be re-used alone unless
   * the document is read as a whole).
   */
  storeEntry(fingerprint: string, realPath: string, pieces: Buffer[], text: string, reusable: boolean): void {
    try {
      makeDirectories(this.dir);
      this.writeAtomically(`${fingerprint}.entry`, pieces);
      // (a document with a legend is read as a whole: its parts are not offered for re-use)
      this.rememberPath(realPath, fingerprint, reusable, text);
      this.prune(`${fingerprint}.entry`, byteLength(pieces));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /** The model of an entry's pieces (as storeEntry takes them) for this text, as exact() gives it. */
  modelOfPieces(pieces: Buffer[], text: string): { doc: ListDocument; entry: StoredEntry } | null {
    const [header, facts, detail] = pieces;
    try {
      const stored = new StoredFacts(facts!, text);
      return modelOf(
        {
          facts: stored,
          detail: new StoredDetail(detail!, stored),
          factsBytes: facts!,
          detailBytes: detail!,
          detailSum: header!.readUInt32LE(Header.DetailSum),
        },
        text,
      );
    } catch (error) {
      return missOn(error); // malformed: a miss
    }
  }

  /**
   * How the last text papers read at this path ended (see textTail), and when that was recorded (the
   * record's mtime); null when none is remembered.
   */
  lastTail(realPath: string): { tail: string; recordedMs: number } | null {
    const tail = this.pathRecord(realPath)?.tail;
    if (!tail) return null;
    try {
      return { tail, recordedMs: statSync(join(this.dir, `path-${partKey(realPath)}.txt`)).mtimeMs };
    } catch {
      return null;
    }
  }

  /**
   * `path-<sha1(real path)>.txt`: the fingerprint of the last text seen at the path, whether its parts
   * may be re-used alone (not for a document read as a whole), and the hex of its tail (textTail).
   */
  private pathRecord(realPath: string): { fingerprint: string; reusable: boolean; tail: string } | null {
    const match = /^([0-9a-f]{40}) ([01]) ([0-9a-f]*)$/.exec(this.readText(`path-${partKey(realPath)}.txt`) ?? '');
    return match ? { fingerprint: match[1]!, reusable: match[2] === '1', tail: match[3]! } : null;
  }

  private rememberPath(realPath: string, fingerprint: string, reusable: boolean, text: string): void {
    this.writeAtomically(`path-${partKey(realPath)}.txt`, `${fingerprint} ${reusable ? 1 : 0} ${textTail(text)}`);
  }

  /**
   * After an edit that only changed checkboxes (`done`, `undone`) every offset still holds: the new
   * entry is `entry` (the one the edited model came from) with those read flags and their parts' keys
   * changed, no parsing.
   */
  storeCheckboxEdit(
    entry: StoredEntry,
    newFingerprint: string,
    realPath: string,
    newText: string,
    flips: { index: number; state: ReadState }[],
    /** Where other edits that kept their length were made (offsets without the BOM): their parts' keys change. */
    alsoChanged: readonly number[],
    /** A part of the new text as it is parsed, with the definitions it is read with (chunks.ts partText). */
    partOf: (text: string) => PartText,
  ): boolean {
    const { facts } = entry;
    const { body } = splitBom(newText);
    const keys = new Map<number, Buffer>();
    try {
      const keyOf = (r: number) => partHash(partOf(body.slice(facts.partStart(r), facts.partEnd(r))), body.length);
      for (const { index } of flips) {
        if (!(index >= 0 && index < facts.paperCount)) return false;
        const r = facts.partOf(index);
        keys.set(r, keyOf(r));
      }
      for (const offset of alsoChanged) {
        const r = facts.partAt(offset);
        if (r < 0) return false;
        keys.set(r, keyOf(r));
      }
      facts.applyFlips(flips, keys);
      // The offsets did not change; a table row's status (kept with its cells) did.
      const rows = flips.filter(({ index }) => facts.source(index) === 'row');
      for (const { index, state } of rows) entry.detail.setRowStatus(index, facts, state);
      const header = rows.length
        ? headerFor(entry.factsBytes, entry.detailBytes)
        : headerFor(entry.factsBytes, entry.detailBytes, entry.detailSum);
      const pieces = [header, entry.factsBytes, entry.detailBytes];
      this.writeAtomically(`${newFingerprint}.entry`, pieces);
      this.rememberPath(realPath, newFingerprint, !facts.readAsWhole, newText);
      this.prune(`${newFingerprint}.entry`, byteLength(pieces));
      return true;
    } catch {
      return false; // a cache that cannot be written only costs speed
    }
  }

  private entry(fingerprint: string, text: string): StoredEntry | null {
    const bytes = this.readEntry(fingerprint, true);
    if (!bytes) return null;
    try {
      const facts = new StoredFacts(bytes.facts, text);
      return {
        facts,
        detail: new StoredDetail(bytes.detail, facts),
        factsBytes: bytes.facts,
        detailBytes: bytes.detail,
        detailSum: bytes.detailSum,
      };
    } catch (error) {
      return missOn(error);
    }
  }

  /**
   * The sections of `<fingerprint>.entry` whose checksums match: the header and the facts (one read
   * each, so `list` never reads the offsets), and the detail when asked for.
   */
  private readEntry(
    fingerprint: string,
    withDetail: boolean,
  ): { facts: Buffer; detail: Buffer; detailSum: number } | null {
    // One descriptor: no link followed, no FIFO or device opened for reading, only a regular file of ours.
    const opened = openPrivateFile(join(this.dir, `${fingerprint}.entry`));
    if (!opened) return null;
    const { fd } = opened;
    try {
      const header = readExactly(fd, HEADER_BYTES, 0);
      const layout = header && readHeader(header);
      if (!layout) return null;
      const facts = readExactly(fd, layout.factsBytes, HEADER_BYTES);
      if (!facts || checksum32(facts) !== layout.factsSum) return null;
      if (!withDetail) return { facts, detail: Buffer.alloc(0), detailSum: layout.detailSum };
      const detail = readExactly(fd, layout.detailBytes, HEADER_BYTES + layout.factsBytes);
      if (!detail || checksum32(detail) !== layout.detailSum) return null;
      return { facts, detail, detailSum: layout.detailSum };
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  /** A small record (path-*, stat-*): read as readPrivateFile checks it. */
  private readText(name: string): string | null {
    return privateFileBytes(join(this.dir, name), 4096)?.toString('latin1') ?? null;
  }

  /** A file written whole under a temp name, then renamed; pieces are written as they are (no copy). */
  private writeAtomically(name: string, content: string | Buffer | Buffer[]): void {
    const temp = join(this.dir, `.${name}.${process.pid}.${randomHex(4)}`);
    try {
      if (Array.isArray(content)) writePieces(temp, content);
      else writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
      renameSync(temp, join(this.dir, name));
    } catch (error) {
      unlinkQuietly(temp);
      throw error;
    }
  }

  /**
   * Keeps the newest entries only: at most MAX_ENTRIES of them, taking at most maxBytes together. Just
   * after `stored` (an entry of `storedBytes`) was stored: it is kept, whatever its size.
   */
  private prune(stored: string, storedBytes: number): void {
    const names = readdirSync(this.dir);
    removeLeftoverTemps(this.dir, names);
    removeOldestIdentityRecords(this.dir, names);
    const entries = names.filter((name) => name.endsWith('.entry'));
    const overCount = entries.length > MAX_ENTRIES;
    // An entry under a thousandth of the budget is left out of it: MAX_ENTRIES of them take a quarter of it
    // at most, and a short list's write then reads and writes nothing more (the count limit still holds).
    if (!overCount && storedBytes * 1024 < this.maxBytes) return;
    // The entries' bytes as last summed (TOTAL_RECORD) and the entry just stored: no stat of every entry
    // while that stays within the budget. It only overstates (the entry may have replaced one of the
    // same text, another process may have pruned), which brings the next count forward; two processes
    // storing at once may each leave out the other's entry, until that count.
    const text = this.readText(TOTAL_RECORD);
    const recorded = text !== null && /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!overCount && recorded + storedBytes <= this.maxBytes) {
      this.writeAtomically(TOTAL_RECORD, String(recorded + storedBytes));
      return;
    }
    const files = oldestFirst(this.dir, entries);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    if (overCount || total > this.maxBytes) {
      if (overCount) removeOldRecords(this.dir, names);
      // Down to three quarters of each limit: a cache pruned to its limit exactly stat-ed every entry and
      // record again on every later write (~400 files, ~10 ms each time).
      let count = files.length;
      for (const file of files) {
        if (count <= (MAX_ENTRIES * 3) / 4 && total <= (this.maxBytes * 3) / 4) break;
        if (file.name === stored) continue;
        unlinkQuietly(join(this.dir, file.name));
        count--;
        total -= file.size;
      }
    }
    this.writeAtomically(TOTAL_RECORD, String(total));
  }
}

/**
 * A damaged entry (decode.ts checks every word it reads when it reads an entry) is a miss; anything else
 * thrown while reading one is a bug, and says so.
 */
function missOn(error: unknown): null {
  if (error instanceof DamagedCacheError) return null;
  throw error;
}

/** The model of an entry's text: papers decoded on demand. Null for a malformed entry (a miss). */
function modelOf(entry: StoredEntry, text: string): { doc: ListDocument; entry: StoredEntry } | null {
  try {
    const { facts, detail } = entry;
    const papers = facts.allPapers(detail);
    const doc: ListDocument = {
      text,
      bomLength: facts.bomLength,
      eol: facts.eol,
      contentStart: facts.contentStart,
      papers,
      headings: facts.headings(),
      ...(facts.readAsWhole ? { readAsWhole: true } : {}),
    };
    // (not enumerable: the model's data, as JSON or compared, is the same from the cache or a parse; an
    // entry without an index leaves findDuplicate to read every paper, as for a parsed model)
    if (facts.indexed)
      Object.defineProperty(doc, 'identityCandidates', {
        value: (keys: readonly string[]) => facts.identityCandidates(keys),
      });
    return { doc, entry };
  } catch (error) {
    return missOn(error); // a malformed entry is a miss
  }
}

function writePieces(path: string, pieces: Buffer[]): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    const rest = pieces.filter((piece) => piece.length > 0);
    while (rest.length) {
      let n = writevSync(fd, rest);
      // A short write: drop what was written and go on with the rest.
      while (rest.length && n >= rest[0]!.length) n -= rest.shift()!.length;
      if (rest.length && n > 0) rest[0] = rest[0]!.subarray(n);
    }
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes at `position` in a fresh (aligned) buffer, or null when the file is shorter. */
function readExactly(fd: number, length: number, position: number): Buffer | null {
  const buffer = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) return null;
    done += n;
  }
  return buffer;
}

/** The parts of a stored entry, by the hash of their text, decoded when a part of the new text matches. */
class StoredParts implements ChunkCache {
  private readonly byKey = new Map<string, number>();
  private readonly parsed = new Map<string, ChunkModel>();
  /** (made for one parse: previousParts) */
  readonly forThisParseOnly = true;

  constructor(
    private readonly entry: StoredEntry | null,
    /** The length of the text being parsed (partHash). */
    private readonly textLength: number,
  ) {
    if (!entry) return;
    for (let r = 0; r < entry.facts.partCount; r++) this.byKey.set(entry.facts.partKey(r).toString('hex'), r);
  }

  get(part: PartText): ChunkModel | undefined {
    const key = partHash(part, this.textLength).toString('hex');
    const known = this.parsed.get(key);
    if (known) return known;
    const r = this.byKey.get(key);
    if (r === undefined || !this.entry) return undefined;
    try {
      return this.entry.facts.partModel(r, part.text, this.entry.detail);
    } catch (error) {
      return missOn(error) ?? undefined; // a malformed entry: parse this part
    }
  }

  set(part: PartText, model: ChunkModel): void {
    this.parsed.set(partHash(part, this.textLength).toString('hex'), model);
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

/**
 * The oldest stat records, when there are more than MAX_IDENTITY_RECORDS (each file version papers listed
 * left one): down to three quarters of that, so that this runs once in many writes.
 */
function removeOldestIdentityRecords(dir: string, names: string[]): void {
  const records = names.filter((name) => /^stat-\d+-\d+\.txt$/.test(name));
  if (records.length <= MAX_IDENTITY_RECORDS) return;
  for (const { name } of oldestFirst(dir, records).slice(0, records.length - (MAX_IDENTITY_RECORDS * 3) / 4))
    unlinkQuietly(join(dir, name));
}

/** Files of `dir` with their sizes, by modification time, oldest first (one gone meanwhile counts as oldest, of size 0). */
function oldestFirst(dir: string, names: readonly string[]): { name: string; mtime: number; size: number }[] {
  const statOf = (name: string) => {
    try {
      const { mtimeMs, size } = statSync(join(dir, name));
      return { name, mtime: mtimeMs, size };
    } catch {
      return { name, mtime: 0, size: 0 };
    }
  };
  return names.map(statOf).sort((a, b) => a.mtime - b.mtime);
}

function byteLength(pieces: readonly Buffer[]): number {
  return pieces.reduce((sum, piece) => sum + piece.length, 0);
}

/** Per-path records (`path-*`, `written-*`, `settled-*`) of lists not touched for a month. */
function removeOldRecords(dir: string, names: string[]): void {
  for (const name of names) {
    if (!/^(path|written|settled)-[0-9a-f]{40}\.txt$/.test(name) && !/^stat-\d+-\d+\.txt$/.test(name)) continue;
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 30 * 24 * 3600 * 1000) unlinkSync(join(dir, name));
    } catch {
      /* gone already */
    }
  }
}
