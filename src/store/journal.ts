/**
 * The undo journal: the last changes papers made to each list, kept in the user's state directory
 * ($XDG_STATE_HOME/papers/journal, else ~/.local/state/papers/journal; never beside the list), one file
 * per list keyed by the list's real path. An entry stores only the part of the text that changed (the
 * span between the common prefix and suffix of before and after) plus hashes of both whole texts, so
 * that undo can prove the file is still exactly as papers left it and restore it byte for byte.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomHex, sha1Hex } from './hash.js';
import { privateDirectory, privateFileBytes } from './private-dir.js';
import type { StoredText } from './read.js';

const FORMAT = 'papers-journal-1';
/** Changes kept per file. */
const JOURNAL_LIMIT = 20;

export interface JournalEntry {
  /** ISO time of the write. */
  time: string;
  /** What the command said it did (`Marked ... read`). */
  message: string;
  /** Where the changed span starts (UTF-16 offset; the same in both texts). */
  start: number;
  /** The span as it was before, and as papers wrote it. */
  before: string;
  after: string;
  /** sha1 of the whole text before and after (its UTF-8 bytes, as on disk). */
  beforeHash: string;
  afterHash: string;
  /**
   * Set on the entries of one change to several lists of a repository (`mv` to another list): the same
   * random token in each file's journal. Such an entry is undone with the others, never alone.
   */
  group?: string;
}

interface JournalFile {
  format: string;
  path: string;
  /** Oldest first. */
  entries: JournalEntry[];
}

/** Every function here takes papers' state directory (StoreSettings.stateDir): the journal is its `journal` folder. */
export function journalDirectory(stateDir: string): string {
  return join(stateDir, 'journal');
}

function journalFileFor(stateDir: string, realPath: string): string {
  return join(journalDirectory(stateDir), `${hash(realPath).slice(0, 24)}.json`);
}

export function hash(text: string): string {
  return sha1Hex(Buffer.from(text, 'utf8'));
}

/**
 * Records one write. Never throws: a journal that cannot be written must not fail the edit that was
 * already made, so it returns a warning for the CLI to print instead (null when recorded).
 */
export function recordChange(
  stateDir: string,
  realPath: string,
  before: StoredText,
  after: StoredText,
  message: string,
  group?: string,
): string | null {
  try {
    const [beforeText, afterText] = [before.text, after.text];
    if (beforeText === afterText) return null;
    // (Judged once for the read and the write: only the user and root can change the answer.)
    if (!journalIsPrivate(stateDir)) throw notPrivate(stateDir);
    const journal = readJournalFile(realPath, journalFileFor(stateDir, realPath));
    // The fingerprints are the sha1 of the text's UTF-8 bytes, as hash() would give.
    journal.entries.push({
      time: new Date().toISOString(),
      message,
      ...changedSpan(beforeText, afterText),
      beforeHash: before.fingerprint,
      afterHash: after.fingerprint,
      ...(group === undefined ? {} : { group }),
    });
    journal.entries = journal.entries.slice(-JOURNAL_LIMIT);
    writeJournalFile(journalFileFor(stateDir, realPath), journal);
    return null;
  } catch (error) {
    return `the change was written, but could not be recorded for undo (${(error as Error).message})`;
  }
}

/** The recorded changes to this file, newest first. */
export function lastChanges(stateDir: string, realPath: string): JournalEntry[] {
  return readJournal(stateDir, realPath).entries.slice().reverse();
}

/** Drops the newest entry (after undo restored it); only if it is still `entry` (no one recorded meanwhile). */
export function popChange(stateDir: string, realPath: string, entry: JournalEntry): void {
  const journal = readJournal(stateDir, realPath);
  const last = journal.entries[journal.entries.length - 1];
  if (!last || last.afterHash !== entry.afterHash || last.time !== entry.time) return;
  journal.entries.pop();
  writeJournal(stateDir, realPath, journal);
}

/** The text before `entry`, from the text papers left; null when `current` is not that text. */
export function textBefore(entry: JournalEntry, current: string): string | null {
  if (hash(current) !== entry.afterHash) return null;
  if (current.slice(entry.start, entry.start + entry.after.length) !== entry.after) return null;
  const before = current.slice(0, entry.start) + entry.before + current.slice(entry.start + entry.after.length);
  return hash(before) === entry.beforeHash ? before : null;
}

function changedSpan(before: string, after: string): Pick<JournalEntry, 'start' | 'before' | 'after'> {
  const shorter = Math.min(before.length, after.length);
  const start = commonLength(shorter, (from, to) => before.slice(from, to) === after.slice(from, to));
  const end = commonLength(
    shorter - start,
    (from, to) =>
      before.slice(before.length - to, before.length - from) === after.slice(after.length - to, after.length - from),
  );
  return { start, before: before.slice(start, before.length - end), after: after.slice(start, after.length - end) };
}

/**
 * How many leading (or, with `same` comparing from the ends, trailing) characters two texts share, up to
 * `limit`; `same(from, to)` says whether they agree on [from, to). Found by halving steps, so that only
 * whole spans are compared (natively): a loop over the characters ran interpreted in a run this short
 * and cost a `done` on a 4 KB list ~2 ms.
 */
function commonLength(limit: number, same: (from: number, to: number) => boolean): number {
  let step = 1;
  while (step * 2 <= limit) step *= 2;
  let n = 0;
  for (; step >= 1; step /= 2) if (n + step <= limit && same(n, n + step)) n += step;
  return n;
}

/** The journal and the state directory above it are ours alone (whoever owns the parent could swap the child). */
function journalIsPrivate(stateDir: string): boolean {
  return privateDirectory(stateDir) !== null && privateDirectory(journalDirectory(stateDir)) !== null;
}

/** A journal of a list is small (20 entries of a changed span each); anything larger is not ours. */
const MAX_JOURNAL_BYTES = 64 * 1024 * 1024;

function readJournal(stateDir: string, realPath: string): JournalFile {
  // A journal someone else could write could make undo write their text: not used at all.
  if (!journalIsPrivate(stateDir)) return { format: FORMAT, path: realPath, entries: [] };
  return readJournalFile(realPath, journalFileFor(stateDir, realPath));
}

/** The journal of `realPath` in `file`, a file of the private journal directory (see readJournal). */
function readJournalFile(realPath: string, file: string): JournalFile {
  const empty = (): JournalFile => ({ format: FORMAT, path: realPath, entries: [] });
  // Read through one descriptor (no link followed, no FIFO opened for reading, only a regular file of ours).
  const bytes = privateFileBytes(file, MAX_JOURNAL_BYTES);
  if (!bytes) return empty();
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as JournalFile;
    // Another format, or a hash collision with another path: start afresh rather than undo the wrong file.
    if (parsed?.format !== FORMAT || parsed.path !== realPath || !Array.isArray(parsed.entries)) return empty();
    // A damaged entry (wrong types, offsets out of range) is dropped, never trusted or tripped over.
    return { format: FORMAT, path: realPath, entries: parsed.entries.filter(isEntry) };
  } catch {
    return empty();
  }
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Record<string, unknown> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    ['time', 'message', 'before', 'after', 'beforeHash', 'afterHash'].every((key) => typeof entry[key] === 'string') &&
    Number.isSafeInteger(entry.start) &&
    (entry.start as number) >= 0 &&
    (entry.group === undefined || typeof entry.group === 'string')
  );
}

function writeJournal(stateDir: string, realPath: string, journal: JournalFile): void {
  if (!journalIsPrivate(stateDir)) throw notPrivate(stateDir);
  writeJournalFile(journalFileFor(stateDir, realPath), journal);
}

function notPrivate(stateDir: string): Error {
  return new Error(
    `${journalDirectory(stateDir)} is not private (it, or a folder above it, is another user's or others may write it), so papers keeps no journal there`,
  );
}

/** Writes `file` (in the private journal directory) whole: a temp file, then a rename. */
function writeJournalFile(file: string, journal: JournalFile): void {
  const temp = `${file}.${process.pid}-${randomHex(4)}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(journal), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      /* not there */
    }
    throw error;
  }
}
