/**
 * Never act on a file that another program is still writing. Editors that save in place truncate the
 * file and write it again, sometimes in pieces: a file read in between is half a list, and a write
 * planned on it would make the loss permanent. So before a write, papers waits until the file has been
 * quiet (unmodified) for a short while and reads it whole between two identical stats. A file papers
 * wrote itself (same inode, size and mtime as it left it) needs no wait. The record of papers' own
 * writes (in the state directory, so it works without the cache) also keeps how many papers the file
 * held then: the baseline of the damaged-file check, moved only by writes.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { partKey, writeCacheFile } from './cache.js';
import { privateDirectory } from './private-dir.js';
import { fileError, readListFile, type StoredText, storedText } from './read.js';
import type { StoreSettings } from './settings.js';

const POLL_MS = 50;

/**
 * The list once it has been quiet for `settings.settleMs` (PAPERS_SETTLE_MS, default 1000), giving up
 * after `settings.settleTimeoutMs` (PAPERS_SETTLE_TIMEOUT_MS, default 10000) if it keeps changing.
 */
export async function readSettled(target: string, path: string, settings: StoreSettings): Promise<StoredText> {
  const { settleMs: quietMs, settleTimeoutMs: timeoutMs, stateDir } = settings;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = statOf(target, path);
    if (
      isOwnWrite(stateDir, target, before) ||
      Date.now() - lastChange(before) >= quietMs ||
      (await stableInFuture(target, path, before))
    ) {
      const stored = readListFile(target, settings.maxFileBytes);
      if (sameFile(before, statOf(target, path))) return storedText(path, stored.text, stored.bytes, stored.mode);
    }
    if (Date.now() >= deadline) {
      throw new FileError(
        `${path} is still being written by another program (it kept changing for ${Math.round(timeoutMs / 1000)}s); ` +
          'nothing was written. Save it, then try again',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Remember how papers left the file, and how many papers it held. */
export function rememberOwnWrite(stateDir: string, target: string, stat: Stats, paperCount: number): void {
  const dir = privateDirectory(stateDir);
  if (!dir) return;
  writeCacheFile(dir, ownWriteName(target), `${signature(stat)}\n${paperCount}`);
}

/** How many papers the file held when papers last wrote it; null if papers never did (or forgot). */
export function paperCountAtOwnWrite(stateDir: string, target: string): number | null {
  const count = Number(ownWriteRecord(stateDir, target)?.split('\n')[1]);
  return Number.isInteger(count) && count >= 0 ? count : null;
}

function isOwnWrite(stateDir: string, target: string, stat: Stats): boolean {
  return ownWriteRecord(stateDir, target)?.split('\n')[0] === signature(stat);
}

function ownWriteRecord(stateDir: string, target: string): string | null {
  const dir = privateDirectory(stateDir);
  if (!dir) return null;
  try {
    return readFileSync(join(dir, ownWriteName(target)), 'latin1');
  } catch {
    return null;
  }
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
  await new Promise((resolve) => setTimeout(resolve, 200));
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
