/**
 * The undo journal: the last changes papers made to each list, kept in the user's state directory
 * ($XDG_STATE_HOME/papers/journal, else ~/.local/state/papers/journal; never beside the list), one file
 * per list keyed by the list's real path. An entry stores only the stretches of text that changed (each
 * edit of the write: a checkbox and a count badge far above it are two small spans, not the text
 * between them) plus hashes of both whole texts, so that undo can prove the file is still exactly as
 * papers left it and restore it byte for byte.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Edit } from '../core/write/splice.js';
import { randomHex, sha1Hex } from './hash.js';
import { privateDirectory, privateFileBytes } from './private-dir.js';
import type { StoredText } from './read.js';

const FORMAT = 'papers-journal-2';
/** The format before spans (one span per entry, its fields on the entry): still read, for undo across an upgrade. */
const FORMAT_ONE_SPAN = 'papers-journal-1';
/** Changes kept per file. */
const JOURNAL_LIMIT = 20;

/** One stretch a write changed: at `start` in the text papers wrote, `after` stands where `before` stood. */
export interface ChangedSpan {
  start: number;
  before: string;
  after: string;
}

export interface JournalEntry {
  /** ISO time of the write. */
  time: string;
  /** What the command said it did (`Marked ... read`). */
  message: string;
  /** What changed, in the order of the text (UTF-16 offsets), none overlapping. */
  spans: ChangedSpan[];
  /** sha1 of the whole text before and after (its UTF-8 bytes, as on disk). */
  beforeHash: string;
  afterHash: string;
  /**
   * How many papers the text before held, as the write's model counted them: what an undo's write keeps
   * for the damaged-file check of the next write (transaction.ts). Absent in entries of format 1.
   */
  papersBefore?: number;
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
 * Records one write: `edits` (on the text before) are what it changed, when the caller knows them (else
 * the stretch between the texts' common start and end is recorded); `papersBefore`, how many papers the
 * text before held (null: not known). Never throws: a journal that cannot be written must not fail the
 * edit that was already made, so it returns a warning for the CLI to print instead (null when recorded).
 */
export function recordChange(
  stateDir: string,
  realPath: string,
  before: StoredText,
  after: StoredText,
  message: string,
  edits: readonly Edit[] | null,
  papersBefore: number | null,
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
      spans: (edits && spansOfEdits(beforeText, afterText, edits)) ?? [changedSpan(beforeText, afterText)],
      beforeHash: before.fingerprint,
      afterHash: after.fingerprint,
      ...(papersBefore === null ? {} : { papersBefore }),
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
  let before = '';
  let cursor = 0;
  for (const { start, before: was, after: is } of entry.spans) {
    if (start < cursor || current.slice(start, start + is.length) !== is) return null;
    before += current.slice(cursor, start) + was;
    cursor = start + is.length;
  }
  before += current.slice(cursor);
  return hash(before) === entry.beforeHash ? before : null;
}

/** How many characters undoing `entry` gives back (negative: takes away). */
export function charactersRestored(entry: JournalEntry): number {
  return entry.spans.reduce((sum, span) => sum + span.before.length - span.after.length, 0);
}

/**
 * The spans of a write made of `edits` on `before`, at their places in `after`; null unless applying
 * them to `before` gives `after` exactly (every stretch between them compared).
 */
function spansOfEdits(before: string, after: string, edits: readonly Edit[]): ChangedSpan[] | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const spans: ChangedSpan[] = [];
  let from = 0; // in before
  let at = 0; // in after
  for (const { start, end, text } of sorted) {
    if (start < from || end < start || end > before.length) return null;
    const kept = start - from;
    if (before.slice(from, start) !== after.slice(at, at + kept)) return null;
    at += kept;
    if (after.slice(at, at + text.length) !== text) return null;
    const was = before.slice(start, end);
    const last = spans[spans.length - 1];
    // (Edits that meet are one span.)
    if (last && last.start + last.after.length === at) {
      last.before += was;
      last.after += text;
    } else if (was !== text) spans.push({ start: at, before: was, after: text });
    at += text.length;
    from = end;
  }
  if (before.length - from !== after.length - at || before.slice(from) !== after.slice(at)) return null;
  return spans;
}

function changedSpan(before: string, after: string): ChangedSpan {
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
    const parsed = JSON.parse(bytes.toString('utf8')) as { format?: unknown; path?: unknown; entries?: unknown };
    // Another format, or a hash collision with another path: start afresh rather than undo the wrong file.
    const oneSpan = parsed?.format === FORMAT_ONE_SPAN;
    if ((parsed?.format !== FORMAT && !oneSpan) || parsed.path !== realPath || !Array.isArray(parsed.entries))
      return empty();
    const entries = oneSpan ? parsed.entries.map(withSpans) : parsed.entries;
    // A damaged entry (wrong types, offsets out of range) is dropped, never trusted or tripped over.
    return { format: FORMAT, path: realPath, entries: entries.filter(isEntry) };
  } catch {
    return empty();
  }
}

/** An entry of the one-span format with its span as the one of `spans` (anything else as it is, for isEntry). */
function withSpans(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const { start, before, after, ...rest } = value as Record<string, unknown>;
  return { ...rest, spans: [{ start, before, after }] };
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Record<string, unknown> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    ['time', 'message', 'beforeHash', 'afterHash'].every((key) => typeof entry[key] === 'string') &&
    Array.isArray(entry.spans) &&
    entry.spans.every(isSpan) &&
    (entry.papersBefore === undefined ||
      (Number.isSafeInteger(entry.papersBefore) && (entry.papersBefore as number) >= 0)) &&
    (entry.group === undefined || typeof entry.group === 'string')
  );
}

function isSpan(value: unknown): value is ChangedSpan {
  const span = value as Record<string, unknown> | null;
  return (
    typeof span === 'object' &&
    span !== null &&
    Number.isSafeInteger(span.start) &&
    (span.start as number) >= 0 &&
    typeof span.before === 'string' &&
    typeof span.after === 'string'
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
