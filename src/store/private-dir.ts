/**
 * Directories papers keeps for itself (the model cache, the undo journal, the record of its own writes)
 * are trusted only when no one else could have put files there, or could redirect a path into them:
 *
 * - the directory itself is a real directory (not a link) owned by this user that group and others
 *   cannot write (created 0700 when missing);
 * - every directory above it, on the path as given and on its real path, is owned by this user or root
 *   and not writable by group or others, unless it is sticky (/tmp), where no one may rename what they do
 *   not own: so no other user can rename a folder above and swap the path for one of theirs (the rule
 *   OpenSSH applies to ~/.ssh and its ancestors). A symlink on the way must be this user's or root's.
 *
 * Only the user and root can change any of that, so the answer holds for the run. Each file in such a
 * directory is then read through an open descriptor (readPrivateFile): opened without following a link
 * and without blocking, and used only if it is a regular file of this user's that group and others cannot
 * write. A directory that fails is not used at all: papers gets slower or forgets, never misled.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function myUid(fallback: number): number {
  return typeof process.getuid === 'function' ? process.getuid() : fallback;
}

/**
 * The directory if it may be trusted (made first if missing), else null. Checked afresh on every call (a
 * few lstats; no memo kept in the module, so two runs in one process are each judged as they are).
 */
export function privateDirectory(dir: string): string | null {
  try {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
      // Made only under ancestors that are safe: never create our directory inside another user's folder.
      if (!ancestorsAreSafe(resolve(dir), true)) return null;
      makeDirectories(dir);
      stat = lstatSync(dir);
    }
    const uid = myUid(stat.uid);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return null;
    const given = resolve(dir);
    if (!ancestorsAreSafe(given, false)) return null;
    const real = realpathSync(given);
    if (real !== given && !ancestorsAreSafe(real, false)) return null;
    return dir;
  } catch {
    /* cannot be made or checked: not used */
    return null;
  }
}

/**
 * Every directory above `path` (the path's own parent up to /) is safe: owned by this user or root, and
 * not writable by group or others unless sticky; a link on the way is this user's or root's. Missing parts
 * (allowMissing, before mkdir) are skipped: they will be ours.
 */
function ancestorsAreSafe(path: string, allowMissing: boolean): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch (error) {
      if (!allowMissing || (error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
      stat = null;
    }
    if (stat) {
      const uid = myUid(stat.uid);
      if (stat.uid !== uid && stat.uid !== 0) return false;
      // (A link's target is judged on the real path, which privateDirectory checks too.)
      if (stat.isSymbolicLink()) continue;
      if (!stat.isDirectory()) return false;
      if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) return false;
    }
    if (dirname(dir) === dir) return true;
  }
}

/**
 * A file of a private directory, opened once: never through a link, never blocking on a FIFO or device
 * (O_NONBLOCK), and kept only if the open file is a regular file owned by this user that group and others
 * cannot write (an entry whose owner or mode changed is refused). The caller reads and closes the
 * descriptor; null when the file is missing or refused.
 */
export function openPrivateFile(path: string): { fd: number; size: number } | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.uid === myUid(stat.uid) && (stat.mode & 0o022) === 0) return { fd, size: stat.size };
  } catch {
    /* refused below */
  }
  closeSync(fd);
  return null;
}

/** The bytes of a file of a private directory (see openPrivateFile), or null; at most `maxBytes`. */
export function privateFileBytes(path: string, maxBytes: number): Buffer | null {
  const opened = openPrivateFile(path);
  if (!opened) return null;
  try {
    if (opened.size > maxBytes) return null;
    const buffer = Buffer.allocUnsafeSlow(opened.size);
    let done = 0;
    for (let n = 1; n > 0 && done < opened.size; done += n)
      n = readSync(opened.fd, buffer, done, opened.size - done, done);
    return buffer.subarray(0, done);
  } catch {
    return null;
  } finally {
    closeSync(opened.fd);
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
