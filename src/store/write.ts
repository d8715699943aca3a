/**
 * Writing the list: a temp file in the same directory, fsync, rename over the original — so a reader,
 * a crash or a kill sees the old file or the new one, whole. The mode (and owner) is kept; a symlink is
 * kept and the file it points to is written. Before the rename, the file is read again: if someone
 * saved it since we read it, nothing is replaced and the caller re-plans on the new text.
 */
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  type Stats,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writevSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { isAlive } from './process.js';
import { randomHex } from './hash.js';
import { holdsExactly } from './same-bytes.js';
import type { FileBytes } from './splice-bytes.js';

/** What a write did: `changed-under-us` means someone saved the file since it was read (re-plan). */
/** When written: the new file's stat and the bytes it holds (as the request gave them: pieces stay pieces). */
export type WriteOutcome = { written: true; stat: Stats; bytes: FileBytes } | { written: false };

interface WritableOptions {
  breakHardlinks: boolean;
}

/**
 * Refuses up front what papers may not or should not replace: a file the user cannot write (even if
 * the directory would let us replace it), a read-only file (checked on the mode too, since as root
 * access() says yes to everything), a directory we cannot create the temp file in, and a file with
 * other hard links (the rename would leave them with the old text).
 */
export function assertWritable(path: string, target: string, options: WritableOptions): void {
  const stat = statSync(target);
  if (!stat.isFile()) throw new FileError(`${path} is not a regular file`);
  if ((stat.mode & 0o222) === 0) {
    throw new FileError(
      `${path} is read-only (mode ${(stat.mode & 0o777).toString(8)}); make it writable (chmod u+w) to edit it`,
    );
  }
  if (!canAccess(target, constants.W_OK)) {
    throw new FileError(`${path}: permission denied; you may not write this file, so papers will not replace it`);
  }
  const dir = dirname(target);
  if ((statSync(dir).mode & 0o222) === 0 || !canAccess(dir, constants.W_OK | constants.X_OK)) {
    throw new FileError(
      `the directory ${dir} is read-only; papers writes a temp file beside the list, so it needs write access there`,
    );
  }
  if (stat.nlink > 1 && !options.breakHardlinks) {
    throw new FileError(
      `${path} has ${stat.nlink - 1} other hard link(s); papers replaces the file, which would leave them with the old text. ` +
        'Pass --break-hardlinks to edit it anyway',
    );
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

export interface WriteRequest {
  target: string;
  text: string;
  /** text's UTF-8 bytes, when the caller has them already (pieces of the old bytes: splice-bytes.ts). */
  bytes?: FileBytes | null;
  /** Test hook (WriteHooks): called between writing the temp file and the final check. */
  beforeRename?: (temp: string) => void | Promise<void>;
  /** The bytes the edit was planned on: the list must still hold them right before the rename. */
  expectedBytes: Buffer;
  /** Is our lock still ours? Checked right before the rename. */
  stillLocked?: () => boolean;
}

/**
 * The temp file beside the list may be attacked by anyone who can write that directory: it is created
 * exclusively without following links, its owner and mode are set on the open descriptor (never by
 * path), and right before the rename its path must still be the file we wrote.
 */
export async function writeAtomically(request: WriteRequest): Promise<WriteOutcome> {
  const { target, text } = request;
  const dir = dirname(target);
  removeOrphanTemps(target);
  let original: Stats;
  try {
    original = statSync(target);
  } catch (error) {
    // (Removed or renamed away since it was read: found by review, it was an "unexpected error".)
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(target, error);
    throw new FileError(
      `${target} is gone (removed or moved by another program while papers edited it); nothing was written`,
    );
  }
  // A short name (not the list's own): a list whose name is near the length limit still gets one.
  const temp = join(dir, `.papers-${process.pid}-${randomHex(4)}.tmp`);
  let created = false;
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    created = true;
    let written: Stats;
    const bytes = request.bytes ?? Buffer.from(text, 'utf8');
    try {
      writeAll(fd, Buffer.isBuffer(bytes) ? [bytes] : bytes);
      keepOwner(fd, original.uid, original.gid);
      // After the chown, which clears setuid/setgid bits.
      fchmodSync(fd, original.mode & 0o7777);
      fsyncSync(fd);
      written = fstatSync(fd);
    } finally {
      closeSync(fd);
    }
    if (request.beforeRename) await request.beforeRename(temp);
    if (request.stillLocked && !request.stillLocked()) {
      throw new FileError('another papers command took over the lock on this list; nothing was written, try again');
    }
    if (!regularFileHolds(target, request.expectedBytes)) {
      unlinkOurs(temp, written);
      return { written: false };
    }
    assertStillOurs(temp, written);
    renameSync(temp, target);
    syncDirectory(dir);
    assertListIsOurs(target, written);
    return { written: true, stat: written, bytes };
  } catch (error) {
    if (created) unlinkOursQuietly(temp);
    throw writeError(target, error);
  }
}

/** Writes the pieces in order, as one write of them joined would (a short write goes on where it stopped). */
function writeAll(fd: number, pieces: readonly Buffer[]): void {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let written = writevSync(fd, rest);
    let done = 0;
    while (done < rest.length && written >= rest[done]!.length) written -= rest[done++]!.length;
    rest = rest.slice(done);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

/**
 * Whether the list holds exactly `expected` right before the rename, read as every other read of it is:
 * without following a link and without blocking (a FIFO swapped in by someone who can write the folder
 * would block a plain read forever, holding the lock), and only from a regular file (not one: false).
 */
function regularFileHolds(target: string, expected: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    return fstatSync(fd).isFile() && holdsExactly(fd, expected);
  } finally {
    closeSync(fd);
  }
}

/** The temp path must still be the regular file we created (same device and inode), not a swapped-in link. */
function assertStillOurs(temp: string, written: Stats): void {
  const now = lstatSync(temp);
  if (!now.isFile() || now.ino !== written.ino || now.dev !== written.dev) {
    throw new FileError(
      `the temp file ${temp} was replaced by someone else while papers wrote it; nothing was written`,
    );
  }
}

/**
 * Someone who can write the directory could still swap the temp file between that check and the rename:
 * then the list is now their file, and papers must not say it wrote the list.
 */
function assertListIsOurs(target: string, written: Stats): void {
  const now = lstatSync(target);
  if (!now.isFile() || now.ino !== written.ino || now.dev !== written.dev) {
    throw new FileError(
      `${target} was replaced by someone else while papers wrote it (it is not the file papers wrote); check the file and its directory's permissions`,
    );
  }
}

function unlinkOurs(temp: string, written: Stats): void {
  try {
    const now = lstatSync(temp);
    if (now.ino === written.ino && now.dev === written.dev) unlinkSync(temp);
  } catch {
    /* gone */
  }
}

/** Removes the temp path only if it is a plain file (never through or of a link someone put there). */
function unlinkOursQuietly(temp: string): void {
  try {
    if (lstatSync(temp).isFile()) unlinkSync(temp);
  } catch {
    /* gone */
  }
}

function keepOwner(fd: number, uid: number, gid: number): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  try {
    fchownSync(fd, uid, gid);
  } catch {
    /* best effort: only root can give a file away */
  }
}

/** The rename is durable once the directory entry is on disk. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some file systems cannot fsync a directory; the rename itself is still atomic */
  }
}

/** Temp files left by a papers process that was killed mid-write (its pid is gone). */
function removeOrphanTemps(target: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    // `.papers-<pid>-<hex>.tmp`, and the older `.<list>.papers-<pid>-<hex>.tmp`.
    const match = /(?:^|\.)papers-(\d+)-[0-9a-f]{8}\.tmp$/.exec(name);
    if (!match || !name.startsWith('.')) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isAlive(pid)) unlinkOursQuietly(join(dirname(target), name));
  }
}

function writeError(target: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new FileError(`no space left to write ${target}; the file was not changed`);
  if (code === 'EROFS') return new FileError(`${target} is on a read-only file system`);
  if (code === 'EACCES' || code === 'EPERM')
    return new FileError(`${target}: permission denied; the file was not changed`);
  return error instanceof FileError
    ? error
    : new FileError(`could not write ${target}: ${(error as Error).message}; the file was not changed`);
}
