/**
 * A lock beside the list (`<file>.lock`) so that papers commands on one file take turns. The lock file
 * holds its owner's pid, the process's start time (where /proc tells it) and host: a lock whose process
 * is gone, or whose pid now belongs to another process, is taken over at once rather than after a
 * timeout. Every wait sleeps and ends at the deadline with a message that says what to do.
 *
 * A lock is written whole to a temp file and then linked into place, so it is never seen empty or
 * half-written, and a full disk leaves no lock behind.
 */
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { isAlive } from './process.js';
import { fileError } from './read.js';
import { randomHex } from './hash.js';

interface LockOwner {
  pid: number;
  host: string;
  /** When the owning process started (clock ticks since boot, from /proc); null where unknown. */
  start: number | null;
  token: string;
  since: number;
}

/** setTimeout's limit (about 24.8 days): a longer wait would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A lock from another machine (a shared disk) is only presumed dead after this long. */
const FOREIGN_LOCK_STALE_MS = 5 * 60 * 1000;

function lockPathFor(target: string): string {
  return `${target}.lock`;
}

/** `stillMine()` tells the work, right before it commits, that no one broke the lock meanwhile. */
export async function withLock<T>(
  target: string,
  timeoutMs: number,
  work: (stillMine: () => boolean) => Promise<T> | T,
): Promise<T> {
  const lockPath = lockPathFor(target);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    start: processStart(process.pid),
    token: randomHex(8),
    since: Date.now(),
  };
  await acquire(lockPath, owner, timeoutMs);
  try {
    return await work(() => readLock(lockPath) === JSON.stringify(owner));
  } finally {
    release(lockPath, owner);
  }
}

async function acquire(lockPath: string, owner: LockOwner, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + Math.min(timeoutMs, MAX_TIMER_MS);
  const content = JSON.stringify(owner);
  removeLeftovers(lockPath);
  let delay = 5;
  for (;;) {
    if (tryCreate(lockPath, content)) return;
    const raw = readLock(lockPath);
    if (raw !== null && isStale(raw)) breakStaleLock(lockPath, raw);
    else if (Date.now() >= deadline) throw heldTooLong(lockPath, raw, timeoutMs);
    // Sleep on every turn, whatever happened: a lock that cannot be taken must never spin.
    await sleep(Math.min(delay + Math.random() * delay, Math.max(1, deadline - Date.now())));
    delay = Math.min(delay * 2, 100);
    if (Date.now() >= deadline + 1000) throw heldTooLong(lockPath, readLock(lockPath), timeoutMs);
  }
}

function heldTooLong(lockPath: string, raw: string | null, timeoutMs: number): FileError {
  const holder = raw === null ? null : parseOwner(raw);
  const who = holder ? `another papers command (pid ${holder.pid})` : 'another papers command';
  return new FileError(
    `${who} is editing this list and held ${lockPath} for over ${Math.round(timeoutMs / 1000)}s; ` +
      'try again, or delete the lock file if no papers command is running',
  );
}

/** Write the lock whole beside it, then link it into place: link fails if a lock stands. */
function tryCreate(lockPath: string, content: string): boolean {
  // A short name (not the list's): a list whose name is near the length limit still gets a lock.
  const temp = join(dirname(lockPath), `.papers-lock-${process.pid}-${randomHex(4)}.new`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(lockPath, error);
  } finally {
    unlinkQuietly(temp);
  }
}

/** Not a lock papers wrote: a link, a FIFO, a device, an oversized file. Taken as stale. */
const NOT_A_LOCK = '\u0000not a lock file';
const MAX_LOCK_BYTES = 4096;

/**
 * The lock file's text (at most 4 KB); null when it is gone. Opened without following links and
 * without blocking, so a FIFO or a link to /dev/zero put there cannot hang papers or fill its memory.
 */
function readLock(lockPath: string): string | null {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'ENXIO') return NOT_A_LOCK;
    throw lockError(lockPath, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new FileError(
        `${lockPath} is a directory; papers uses that name for its lock file: move the directory away and try again`,
      );
    }
    if (!stat.isFile() || stat.size > MAX_LOCK_BYTES) return NOT_A_LOCK;
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const length = readSync(fd, buffer, 0, MAX_LOCK_BYTES, 0);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** A lock's owner; a bare pid (an older or hand-made lock) counts as that pid on this host. */
function parseOwner(raw: string): LockOwner | null {
  if (raw === NOT_A_LOCK) return null;
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), host: hostname(), start: null, token: '', since: 0 };
  try {
    const parsed = JSON.parse(trimmed) as Partial<LockOwner> | null;
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      typeof parsed.pid !== 'number' ||
      typeof parsed.host !== 'string'
    )
      return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      start: typeof parsed.start === 'number' ? parsed.start : null,
      token: String(parsed.token ?? ''),
      since: typeof parsed.since === 'number' ? parsed.since : 0,
    };
  } catch {
    return null;
  }
}

/**
 * Stale: no owner can be read from it (papers never leaves such a lock: it writes locks whole), the
 * pid is not a process id, the process is gone, or the pid now names a process that started at
 * another time (the pid was reused) or is not a papers (node) process at all.
 */
function isStale(raw: string): boolean {
  const owner = parseOwner(raw);
  if (!owner || !Number.isSafeInteger(owner.pid) || owner.pid <= 0) return true;
  if (owner.host !== hostname()) return Date.now() - owner.since > FOREIGN_LOCK_STALE_MS;
  if (owner.pid === process.pid) return false;
  if (!isAlive(owner.pid)) return true;
  const start = processStart(owner.pid);
  if (owner.start !== null && start !== null) return start !== owner.start;
  const command = processCommand(owner.pid);
  return command !== null && !/node|papers/.test(command);
}

/** Field 22 of /proc/<pid>/stat: the start time; null where there is no /proc. */
function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last `)`.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

function processCommand(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/**
 * Rename, not unlink: of several processes that all found the same dead lock, exactly one moves it
 * away; the others see it gone and go back to creating their own. If what we moved is not the lock we
 * judged dead (another process replaced it meanwhile), it is put back where no lock stands now.
 */
function breakStaleLock(lockPath: string, staleRaw: string): void {
  const claimed = join(dirname(lockPath), `.papers-lock-${process.pid}-${randomHex(4)}.stale`);
  try {
    renameSync(lockPath, claimed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw lockError(lockPath, error);
  }
  try {
    if (readLock(claimed) !== staleRaw) linkSync(claimed, lockPath);
  } catch {
    /* a newer lock stands; the owner of the one we moved sees it is no longer its own before writing */
  } finally {
    unlinkQuietly(claimed);
  }
}

/** `.papers-lock-<pid>-<hex>.new` and `.stale` files of papers processes that were killed mid-way. */
function removeLeftovers(lockPath: string): void {
  const dir = dirname(lockPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^\.papers-lock-(\d+)-[0-9a-f]{8}\.(?:new|stale)$/.exec(name);
    if (match && Number(match[1]) !== process.pid && !isAlive(Number(match[1]))) unlinkQuietly(join(dir, name));
  }
}

function release(lockPath: string, owner: LockOwner): void {
  if (readLock(lockPath) !== JSON.stringify(owner)) return;
  unlinkQuietly(lockPath);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function lockError(lockPath: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new FileError(
      `no space left on the device to create the lock file ${lockPath}; free some space and try again (nothing was written)`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new FileError(`cannot create the lock file ${lockPath}: the directory is read-only`);
  }
  return fileError(lockPath, error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
