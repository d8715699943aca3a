/**
 * Writing the list: a temp file in the same directory, fsync, rename over the original — so a reader,
 * a crash or a kill sees the old file or the new one, whole. The mode (and owner) is kept; a symlink is
 * kept and the file it points to is written. Before the rename, the file is read again: if someone
 * saved it since we read it, nothing is replaced and the caller re-plans on the new text.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileError } from '../core/errors.js';
import { fileError, fingerprintOf } from './read.js';

export type WriteOutcome = 'written' | 'changed-under-us';

/** The file a write really goes to: symlinks followed, so the link itself survives. */
export function writeTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Refuses read-only files and directories up front. Checked on the mode bits, not with access(): as
 * root access() says yes to everything, and replacing a file the user made read-only is not ours to do.
 */
export function assertWritable(path: string, target: string): void {
  const fileMode = statSync(target).mode;
  if ((fileMode & 0o222) === 0) {
    throw new FileError(`${path} is read-only (mode ${(fileMode & 0o777).toString(8)}); make it writable (chmod u+w) to edit it`);
  }
  const dir = dirname(target);
  const dirMode = statSync(dir).mode;
  if ((dirMode & 0o222) === 0) {
    throw new FileError(`the directory ${dir} is read-only; papers writes a temp file beside the list, so it needs write access there`);
  }
}

export interface WriteRequest {
  target: string;
  text: string;
  /** Fingerprint of the text the edit was planned on. */
  expectedFingerprint: string;
  /** Test hook: pause (ms) between writing the temp file and the final check. */
  pauseBeforeCommitMs?: number;
  /** Is our lock still ours? Checked with the fingerprint, right before the rename. */
  stillLocked?: () => boolean;
}

export async function writeAtomically(request: WriteRequest): Promise<WriteOutcome> {
  const { target, text } = request;
  const dir = dirname(target);
  removeOrphanTemps(target);
  const stat = statSync(target);
  const temp = join(dir, `.${basename(target)}.papers-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', stat.mode & 0o7777);
    try {
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, stat.mode & 0o7777);
    keepOwner(temp, stat.uid, stat.gid);
    if (request.pauseBeforeCommitMs) await new Promise((resolve) => setTimeout(resolve, request.pauseBeforeCommitMs));
    if (request.stillLocked && !request.stillLocked()) {
      throw new FileError('another papers command took over the lock on this list; nothing was written, try again');
    }
    if (fingerprintOf(readFileSync(target)) !== request.expectedFingerprint) {
      unlinkQuietly(temp);
      return 'changed-under-us';
    }
    renameSync(temp, target);
  } catch (error) {
    unlinkQuietly(temp);
    throw writeError(target, error);
  }
  syncDirectory(dir);
  return 'written';
}

function keepOwner(path: string, uid: number, gid: number): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  try {
    chownSync(path, uid, gid);
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
  const prefix = `.${basename(target)}.papers-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) unlinkQuietly(join(dirname(target), name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* not there */
  }
}

function writeError(target: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new FileError(`no space left to write ${target}; the file was not changed`);
  if (code === 'EROFS') return new FileError(`${target} is on a read-only file system`);
  if (code === 'EACCES' || code === 'EPERM') return new FileError(`${target}: permission denied; the file was not changed`);
  return error instanceof FileError ? error : new FileError(`could not write ${target}: ${(error as Error).message}; the file was not changed`);
}
