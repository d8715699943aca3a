/**
 * Directories papers keeps for itself (the model cache, the undo journal, the record of its own writes)
 * are trusted only when no one else could have put files there: created 0700, and used only if the
 * path is a real directory (not a link) owned by this user that group and others cannot write. A
 * directory that fails the check is not used at all: papers gets slower or forgets, never misled.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const checked = new Map<string, boolean>();

export function privateDirectory(dir: string): string | null {
  let trusted = checked.get(dir);
  if (trusted === undefined) {
    trusted = false;
    try {
      makeDirectories(dir);
      const stat = lstatSync(dir);
      const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
      trusted = stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0;
    } catch {
      /* cannot be made or checked: not used */
    }
    checked.set(dir, trusted);
  }
  return trusted ? dir : null;
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
