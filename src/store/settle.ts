/**
 * Never act on a file that another program is still writing. Editors that save in place truncate the
 * file and write it again, sometimes in pieces: a file read in between is half a list, and a write
 * planned on it would make the loss permanent. So before a write, papers reads the file whole between
 * two identical stats once it is settled: quiet (unmodified) for `settleMs`, or — much sooner — quiet
 * for a short window (QUICK_MS: a writer that pauses less is seen changing it) and whole by its looks:
 * it ends with a line ending and the way the last text papers read there, before this change, ended
 * (the cache's tail of it, see textTail; a record made after the change may be of a half-saved file,
 * read by a `list` meanwhile, and does not count). A file truncated and written again from the start
 * does not end that way until its save is complete; any other file waits the whole quiet time. A file papers wrote itself (same inode, size
 * and mtime as it left it) needs no wait. The record of papers' own writes (in the state directory, so
 * it works without the cache) also keeps how many papers the file held then: the baseline of the
 * damaged-file check, moved only by writes.
 */
import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { partKey, textTail, writeCacheFile } from './cache.js';
import { privateDirectory, privateFileBytes } from './private-dir.js';
import { fileError, readListFile, type StoredText, storedText } from './read.js';
import type { StoreSettings, WriteHooks } from './settings.js';
import type { ListModels } from './stored-model.js';

const POLL_MS = 50;
/** How long a recently changed file must be still before it may be read as whole by its looks. */
const QUICK_MS = 120;

/**
 * The list once it is settled (see above), giving up after `settings.settleTimeoutMs`
 * (PAPERS_SETTLE_TIMEOUT_MS, default 10000) if it keeps changing. `settings.settleMs` is PAPERS_SETTLE_MS
 * (default 1000).
 */
export async function readSettled(
  target: string,
  path: string,
  settings: StoreSettings,
  models: ListModels,
  hooks?: Pick<WriteHooks, 'afterTargetResolved'>,
  /** A read of the same file before (see readListFile). */
  earlier?: StoredText,
): Promise<StoredText> {
  const { settleMs: quietMs, settleTimeoutMs: timeoutMs, stateDir } = settings;
  const deadline = Date.now() + timeoutMs;
  let tail: { tail: string; recordedMs: number } | null | undefined;
  for (;;) {
    const before = statOf(target, path);
    const quietFor = Date.now() - lastChange(before);
    if (
      isOwnWrite(stateDir, target, before) ||
      quietFor >= quietMs ||
      isSettledBefore(stateDir, target, before) ||
      (await stableInFuture(target, path, before))
    ) {
      const stored = readListFile(target, settings.maxFileBytes, false, hooks, earlier);
      if (sameFile(before, statOf(target, path))) return storedText(path, stored.text, stored.bytes, stored.mode);
    } else if (quietFor >= 0 && quietMs > QUICK_MS) {
      // Changed moments ago: still for QUICK_MS, then whole by its looks?
      if (quietFor < QUICK_MS) await sleep(QUICK_MS - quietFor);
      if (sameFile(before, statOf(target, path))) {
        tail ??= lastTailAt(models, target);
        const stored = readListFile(target, settings.maxFileBytes, false, hooks, earlier);
        if (
          sameFile(before, statOf(target, path)) &&
          tail !== null &&
          tail.recordedMs < lastChange(before) &&
          looksWhole(stored.text, tail.tail)
        ) {
          // (reading it made the cache's record newer than the change: the read under the lock knows it by this)
          rememberSettled(stateDir, target, before);
          return storedText(path, stored.text, stored.bytes, stored.mode);
        }
      }
    }
    if (Date.now() >= deadline) {
      throw new FileError(
        `${path} is still being written by another program (it kept changing for ${Math.round(timeoutMs / 1000)}s); ` +
          'nothing was written. Save it, then try again',
      );
    }
    await sleep(POLL_MS);
  }
}

/** Ends with a line ending, and as the last text papers read at this path ended. */
function looksWhole(text: string, tail: string): boolean {
  return /[\r\n]$/.test(text) && tail !== '' && textTail(text) === tail;
}

/** How the last text read at this path ended, from the cache (null without one: then the file waits). */
function lastTailAt(models: ListModels, target: string): { tail: string; recordedMs: number } | null {
  return models.cache()?.lastTail(target) ?? null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Remember how papers left the file, and how many papers it held (null: not counted, see Change.papersAfter). */
export function rememberOwnWrite(stateDir: string, target: string, stat: Stats, paperCount: number | null): void {
  const dir = privateDirectory(stateDir);
  if (!dir) return;
  writeCacheFile(dir, ownWriteName(target), `${signature(stat)}\n${paperCount ?? 'not counted'}`);
}

/** How many papers the file held when papers last wrote it; null if papers never did (or forgot). */
export function paperCountAtOwnWrite(stateDir: string, target: string): number | null {
  const count = Number(ownWriteRecord(stateDir, target)?.split('\n')[1]);
  return Number.isInteger(count) && count >= 0 ? count : null;
}

/** A file found whole by its looks, as it was then (ctime too: any write since moves it). */
function rememberSettled(stateDir: string, target: string, stat: Stats): void {
  const dir = privateDirectory(stateDir);
  if (dir) writeCacheFile(dir, `settled-${partKey(target)}.txt`, `${signature(stat)}:${stat.ctimeMs}`);
}

function isSettledBefore(stateDir: string, target: string, stat: Stats): boolean {
  const dir = privateDirectory(stateDir);
  if (!dir) return false;
  const record = privateFileBytes(join(dir, `settled-${partKey(target)}.txt`), 4096)?.toString('latin1');
  return record === `${signature(stat)}:${stat.ctimeMs}`;
}

function isOwnWrite(stateDir: string, target: string, stat: Stats): boolean {
  return ownWriteRecord(stateDir, target)?.split('\n')[0] === signature(stat);
}

function ownWriteRecord(stateDir: string, target: string): string | null {
  const dir = privateDirectory(stateDir);
  if (!dir) return null;
  return privateFileBytes(join(dir, ownWriteName(target)), 4096)?.toString('latin1') ?? null;
}

function ownWriteName(target: string): string {
  return `written-${partKey(target)}.txt`;
}

function signature(stat: Stats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

/**
 * A modification time in the future (a clock-skewed network file system, a file unpacked from an
 * archive) never becomes "a while ago": such a file counts as quiet when two stats a moment apart agree.
 */
async function stableInFuture(target: string, path: string, first: Stats): Promise<boolean> {
  if (lastChange(first) <= Date.now() + 1000) return false;
  await sleep(200);
  return sameFile(first, statOf(target, path));
}

/** The latest of the content and inode change times. */
function lastChange(stat: Stats): number {
  return Math.max(stat.mtimeMs, stat.ctimeMs);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

function statOf(target: string, path: string): Stats {
  try {
    return statSync(target);
  } catch (error) {
    throw fileError(path, error);
  }
}
