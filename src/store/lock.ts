/**
 * A lock beside the list (`<file>.lock`) so that papers commands on one file take turns. The lock file
 * holds the owner's pid and host: a lock whose process is gone (killed) is taken over at once, not
 * after a timeout. Waiting is bounded and ends in a message that says what to do.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { FileError } from '../core/errors.js';
import { fileError } from './read.js';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: number;
}

/** A lock from another machine (a shared disk) is only presumed dead after this long. */
const FOREIGN_LOCK_STALE_MS = 5 * 60 * 1000;

export function lockPathFor(target: string): string {
  return `${target}.lock`;
}

/** `stillMine()` tells the work, right before it commits, that no one broke the lock meanwhile. */
export async function withLock<T>(target: string, timeoutMs: number, work: (stillMine: () => boolean) => Promise<T> | T): Promise<T> {
  const lockPath = lockPathFor(target);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), since: Date.now() };
  await acquire(lockPath, owner, timeoutMs);
  try {
    return await work(() => readOwnerFile(lockPath)?.token === owner.token);
  } finally {
    release(lockPath, owner);
  }
}

async function acquire(lockPath: string, owner: LockOwner, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    if (tryCreate(lockPath, owner)) return;
    const holder = readOwner(lockPath);
    if (holder === 'gone') continue;
    if (holder === 'unreadable' ? olderThan(lockPath, HALF_WRITTEN_GRACE_MS) : isStale(holder)) {
      breakStaleLock(lockPath, holder === 'unreadable' ? null : holder.token);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder === 'unreadable' ? 'another papers command' : `another papers command (pid ${holder.pid})`;
      throw new FileError(
        `${who} is editing this list and held ${lockPath} for over ${Math.round(timeoutMs / 1000)}s; ` +
          `try again, or delete the lock file if no papers command is running`,
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
}

function tryCreate(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(lockPath, error);
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's owner; 'gone' when the lock vanished meanwhile; 'unreadable' when it is empty or partial. */
function readOwner(lockPath: string): LockOwner | 'gone' | 'unreadable' {
  let raw: string;
  try {
    raw = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw lockError(lockPath, error);
  }
  try {
    const parsed = JSON.parse(raw) as LockOwner;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * A lock is written with one write() right after it is created: it is empty only for that instant, or
 * for good when its creator died in between. Past this grace it is taken to be the latter.
 */
const HALF_WRITTEN_GRACE_MS = 2000;

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return Date.now() - owner.since > FOREIGN_LOCK_STALE_MS;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Rename, not unlink: of several processes that all found the same dead lock, exactly one moves it
 * away; the others see it gone and go back to creating their own.
 */
function breakStaleLock(lockPath: string, staleToken: string | null): void {
  const claimed = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, claimed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw lockError(lockPath, error);
  }
  // What we moved must be the dead lock we looked at. If another process replaced it meanwhile, we
  // took a live lock: put it back, but only where no lock stands now (link fails if one does).
  const moved = readOwnerFile(claimed);
  const isTheStaleOne = staleToken === null ? moved === null : moved?.token === staleToken;
  if (!isTheStaleOne) {
    try {
      linkSync(claimed, lockPath);
    } catch {
      /* a newer lock stands; the owner of the one we moved sees it is no longer its own before writing */
    }
  }
  try {
    unlinkSync(claimed);
  } catch {
    /* already gone */
  }
}

function readOwnerFile(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function release(lockPath: string, owner: LockOwner): void {
  const holder = readOwnerFile(lockPath);
  if (holder?.token !== owner.token) return;
  try {
    unlinkSync(lockPath);
  } catch {
    /* already gone */
  }
}

function lockError(lockPath: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new FileError(`cannot create the lock file ${lockPath}: the directory is read-only`);
  }
  return fileError(lockPath, error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
