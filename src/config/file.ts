/**
 * `.papers.json`, the per-repository config file: found by walking up from the list's folder (the first
 * one found is used; the walk stops there or at the filesystem root) and read; schema.ts checks it.
 *
 * A file someone else could have written (owned by neither the user nor root, or writable by others)
 * is not used: the result says so in `warnings`, for the CLI to print. Nothing here prints.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigFileError } from './error.js';

const CONFIG_FILE_NAME = '.papers.json';
/** Far more than any config needs: a bigger file is not one. */
const MAX_BYTES = 256 * 1024;

export interface FoundFile {
  /** The file's absolute path and text, or null when there is none (or the one found may not be used). */
  path: string | null;
  text: string | null;
  /** Why a file found was not used. */
  warnings: string[];
}

/** Which user may have written a file we use: ours or root's. Null where there are no uids (Windows). */
function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** Walks up from `startDir` to the first `.papers.json`, and reads it. */
export function findConfigFile(startDir: string): FoundFile {
  let dir = resolve(startDir);
  for (;;) {
    const path = join(dir, CONFIG_FILE_NAME);
    const found = readConfigAt(path);
    if (found !== null) return found;
    const parent = dirname(dir);
    if (parent === dir) return { path: null, text: null, warnings: [] };
    dir = parent;
  }
}

/**
 * The config file at `path`, or null when there is none (a dangling link counts as none). Judged and read
 * through one descriptor, opened without blocking (a FIFO): what is judged is what is read, whatever is
 * renamed in its place meanwhile. A link there must be the user's or root's (another user's link to a
 * file of root's is not root's file).
 */
function readConfigAt(path: string): FoundFile | null {
  let link: Stats | undefined;
  try {
    // (Most folders have none: no error made for it, ~0.04 ms each on the walk up.)
    link = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (!link) return null;
  const ignored = (why: string): FoundFile => ({ path: null, text: null, warnings: [`${path} ${why}; it is ignored`] });
  const uid = currentUid();
  if (link.isSymbolicLink() && uid !== null && link.uid !== uid && link.uid !== 0)
    return ignored(`is a symbolic link of another user's (uid ${link.uid})`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return null;
    throw new ConfigFileError(`${path} cannot be read (${code ?? (error as Error).message})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return ignored('is not a file');
    if (uid !== null && stat.uid !== uid && stat.uid !== 0) return ignored(`belongs to another user (uid ${stat.uid})`);
    if ((stat.mode & 0o002) !== 0) return ignored('is writable by every user (chmod o-w it)');
    // A member of its group could point "lists" at files only the user may write. Even the user's own
    // private group (umask 002 makes files 0664) is no proof: a folder's default ACL makes a new file
    // show group-writable for whoever it names.
    if ((stat.mode & 0o020) !== 0) return ignored('is writable by its group (chmod g-w it)');
    if (stat.size > MAX_BYTES)
      throw new ConfigFileError(`${path} is ${stat.size} bytes; a config file is at most ${MAX_BYTES}`);
    try {
      return { path, text: readFileSync(fd, 'utf8'), warnings: [] };
    } catch (error) {
      throw new ConfigFileError(
        `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  } finally {
    closeSync(fd);
  }
}
