/**
 * Directories papers keeps for itself (the model cache, the undo journal, the record of its own writes)
 * are trusted only when no one else could have put files there: created 0700, and used only if the
 * path is a real directory (not a link) owned by this user that group and others cannot write. A
 * directory that fails the check is not used at all: papers gets slower or forgets, never misled.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The directory if it may be trusted (made first if missing), else null. Checked afresh on every call
 * (an lstat; no memo kept in the module, so two runs in one process, or a directory changed between
 * two calls, are each judged as they are).
 */
export function privateDirectory(dir: string): string | null {
  try {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
      makeDirectories(dir);
      stat = lstatSync(dir);
    }
    const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0 ? dir : null;
  } catch {
    /* cannot be made or checked: not used */
    return null;
  }
}

/**
 * `mkdir -p` with mode 0700. Not mkdirSync's `recursive`: on Node 20 it never returns for a path under
 * /proc that does not exist (XDG_CACHE_HOME=/proc/x made every command hang).
 */
export function makeDirectories(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
  }
  makeDirectories(dirname(dir));
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
