/** Reading the list file: one clear error for every way a path can fail to be a markdown list. */
import type { ReadingRule } from '../core/read/formats/rules.js';
import { isAscii, isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { sha1Hex } from './hash.js';
import { type FileBytes, wholeBytes } from './splice-bytes.js';
import { holdsExactly } from './same-bytes.js';
import type { WriteHooks } from './settings.js';

export interface StoredText {
  path: string;
  text: string;
  /** The bytes as read: a write compares the file with them to notice it changed under it. */
  readonly bytes: Buffer;
  /** sha1 of the bytes (computed when first asked for): the cache key and the journal's hash. */
  readonly fingerprint: string;
  mode: number;
  /** The file as it was when read, if it was read from one (see FileIdentity). */
  identity?: FileIdentity;
  /** The user's reading rules for this list (.papers.json "formats"): read with them, never from the cache. */
  rules?: readonly ReadingRule[];
}

/** The text, to be read with these rules (none: as it is). */
export function withRules(stored: StoredText, rules: readonly ReadingRule[] | undefined): StoredText {
  if (rules?.length) stored.rules = rules;
  return stored;
}

/**
 * What tells one version of a file from another without reading it: a cached fingerprint is trusted for
 * a file whose identity is unchanged (and that had been still for a while when it was fingerprinted).
 */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A StoredText whose fingerprint is computed only if something asks for it. */
export function storedText(
  path: string,
  text: string,
  /** As read, or as written: the pieces a write wrote (splice-bytes.ts), joined only if asked for. */
  bytes: FileBytes,
  mode: number,
  identity?: FileIdentity,
): StoredText {
  let fingerprint: string | undefined;
  let whole = Buffer.isBuffer(bytes) ? bytes : undefined;
  return {
    path,
    text,
    get bytes() {
      return (whole ??= wholeBytes(bytes));
    },
    mode,
    ...(identity ? { identity } : {}),
    get fingerprint() {
      return (fingerprint ??= fingerprintOf(whole ?? bytes));
    },
  };
}

/**
 * `maxBytes` (PAPERS_MAX_MB, default 8 MB) is bigger than any real reading list by far (10,000 papers
 * are about 1.5 MB): refuse rather than take minutes and gigabytes.
 */
export function readListFile(
  path: string,
  maxBytes: number,
  followLinks = false,
  hooks?: Pick<WriteHooks, 'afterTargetResolved'>,
  /** A read of the same file before: when the bytes are the same, its text is taken (not decoded again). */
  earlier?: StoredText,
): StoredText {
  // Another papers (or an editor) that renames its new version over the list between the look and the
  // open is no attack: the path is judged again and the new file read, a few times before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      return readJudgedFile(path, maxBytes, followLinks, hooks, earlier);
    } catch (error) {
      if (!(error instanceof ReplacedWhileRead) || attempt === 3) throw error;
    }
  }
}

/** The file at `path` as judged (examinePath), opened and read; ReplacedWhileRead when another took its place. */
function readJudgedFile(
  path: string,
  maxBytes: number,
  followLinks: boolean,
  hooks?: Pick<WriteHooks, 'afterTargetResolved'>,
  earlier?: StoredText,
): StoredText {
  const { real, stat: judged } = examinePath(path, followLinks);
  if (!judged) throw fileError(path, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  if (judged.isDirectory()) throw new FileError(`${path} is a directory; pass the markdown file with --file <path>`);
  if (!judged.isFile()) throw new FileError(`${path} is not a regular file`);
  hooks?.afterTargetResolved?.(real);
  // Open the very entry judged: O_NOFOLLOW refuses a link swapped in since, O_NONBLOCK a FIFO, and the
  // descriptor must be the file that was looked at (a file swapped in since is another inode).
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ELOOP' ? changedError(path) : fileError(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.dev !== judged.dev || stat.ino !== judged.ino || !stat.isFile()) throw changedError(path);
    const limit = maxBytes;
    if (stat.size > limit) {
      throw new FileError(
        `${path} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; papers reads lists of up to ${limit / 1024 / 1024} MB (set PAPERS_MAX_MB to raise the limit)`,
      );
    }
    const { dev, ino, size, mtimeMs, ctimeMs } = stat;
    const mode = stat.mode & 0o7777;
    let bytes: Buffer;
    try {
      // The same bytes as a read before (the read under the lock): its text, not decoded again.
      if (earlier && earlier.bytes.length === size && holdsExactly(fd, earlier.bytes))
        return storedText(path, earlier.text, earlier.bytes, mode, { dev, ino, size, mtimeMs, ctimeMs });
      bytes = readFileSync(fd);
    } catch (error) {
      throw fileError(path, error);
    }
    // Read whole by readFileSync: a file that grew or shrank meanwhile has no reliable identity.
    const identity = bytes.length === size ? { dev, ino, size, mtimeMs, ctimeMs } : undefined;
    return storedText(path, decodeText(path, bytes), bytes, mode, identity);
  } finally {
    closeSync(fd);
  }
}

class ReplacedWhileRead extends FileError {}

function changedError(path: string): FileError {
  return new ReplacedWhileRead(
    `${path} was replaced (by a symbolic link or another file) while papers read it; run it again`,
  );
}

/** sha1: a content key and a change detector, not a defence against an adversary; twice sha256's speed. */
export function fingerprintOf(bytes: FileBytes | string): string {
  return sha1Hex(bytes);
}

function decodeText(path: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new FileError(`${path} looks binary (it holds NUL bytes); papers reads markdown text`);
  // ASCII (most lists) decodes fastest as latin1, into the same string.
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (!isUtf8(bytes)) throw new FileError(`${path} is not valid UTF-8 text; save it as UTF-8 and try again`);
  // toString keeps a BOM as U+FEFF: offsets count it, and it is written back.
  return bytes.toString('utf8');
}

function statOrThrow(path: string, real: string) {
  try {
    return lstatSync(real);
  } catch (error) {
    throw fileError(path, error);
  }
}

export function fileError(path: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new FileError(`${path} does not exist; pass your list with --file <path> or set PAPERS_FILE`);
    case 'EACCES':
    case 'EPERM':
      return new FileError(`${path}: permission denied`);
    case 'EISDIR':
      return new FileError(`${path} is a directory; pass the markdown file with --file <path>`);
    case 'ENOTDIR':
      return new FileError(`${path}: a part of the path is not a directory`);
    default:
      return new FileError(`${path}: ${(error as Error).message}`);
  }
}

/**
 * Where a path really leads, worked out the way the kernel does it and never by a second lookup: each
 * component is lstat-ed in the real folder reached so far; a symlink (the list's own name, a folder on the
 * way, or anything a link leads to) is judged (refuseForeignLink, unless `followLinks`: --follow-links),
 * read, and its text resolved the same way, component by component (so `x/..` goes through x first, as
 * the kernel does). The result is a path of real folders examined plus a final name that was not a link,
 * with the lstat of that name (null: it does not exist). `/dev/stdin`, `/dev/fd/3` or `/proc/self/fd/0`
 * name whatever file a descriptor happens to hold, not a list: a path that reaches /dev or /proc is refused.
 */
function examinePath(path: string, followLinks: boolean): { real: string; stat: Stats | null } {
  const pending = path.split('/').reverse();
  let done = path.startsWith('/') ? '/' : process.cwd();
  let hops = 0;
  for (;;) {
    const name = pending.pop();
    if (name === undefined) return { real: done, stat: statOrThrow(path, done) };
    if (name === '' || name === '.') continue;
    if (name === '..') {
      done = dirname(done);
      continue;
    }
    const candidate = join(done, name);
    if (/^\/(dev|proc)(\/|$)/.test(candidate)) {
      throw new FileError(
        `${path} is under /dev or /proc (it goes through ${candidate}); papers edits only a markdown file of yours: pass it with --file <path>`,
      );
    }
    const last = pending.every((rest) => rest === '' || rest === '.');
    let stat: Stats;
    try {
      stat = lstatSync(candidate);
    } catch (error) {
      if (last && (error as NodeJS.ErrnoException).code === 'ENOENT') return { real: candidate, stat: null };
      throw fileError(path, error);
    }
    if (stat.isSymbolicLink()) {
      if (++hops > 40) throw fileError(path, Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' }));
      if (!followLinks) refuseForeignLink(path, candidate, stat);
      let text: string;
      try {
        text = readlinkSync(candidate);
      } catch (error) {
        throw fileError(path, error);
      }
      if (text.startsWith('/')) done = '/';
      pending.push(...text.split('/').reverse());
      continue;
    }
    if (last) return { real: candidate, stat };
    if (!stat.isDirectory()) throw fileError(path, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
    done = candidate;
  }
}

/**
 * The kernel's protected_symlinks rule, made stricter: a link is followed when it is the user's or root's
 * and the folder holding it is not writable by others, or, in a sticky folder (/tmp), when it is the
 * user's or the folder owner's (others cannot replace it there). Anything else is a link another user
 * could have put in place of the list to steer a write into a file of theirs choosing. Writable by others:
 * the folder is another user's (its owner may write it whatever its mode), or its mode lets its group or
 * everyone write (with an ACL, the group bits are the most any named user may do: `setfacl -m u:x:rwx`
 * shows as group-writable, whatever the group).
 */
function refuseForeignLink(path: string, link: string, stat: Stats): void {
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  const folder = statSync(dirname(link));
  const othersMayWrite = (folder.uid !== uid && folder.uid !== 0) || (folder.mode & 0o022) !== 0;
  const sticky = (folder.mode & 0o1000) !== 0;
  const ownerTrusted = stat.uid === uid || stat.uid === 0;
  // (A sticky folder's owner may still rename any entry in it: it must be the user's or root's.)
  const stickyHolds =
    sticky && (folder.uid === uid || folder.uid === 0) && (stat.uid === uid || stat.uid === folder.uid);
  const trusted = ownerTrusted && (!othersMayWrite || stickyHolds);
  // A folder above that others may rename entries in (not sticky) lets them swap the link's folder for
  // another one holding a link of yours or root's (as ssh judges every folder above its config).
  const above = trusted ? openFolderAbove(dirname(link), uid) : null;
  if (trusted && above === null) return;
  const why = !ownerTrusted
    ? `it is uid ${stat.uid}'s`
    : `others may write ${above ?? dirname(link)}${above ? ', a folder above it' : ''}`;
  throw new FileError(
    `${path} is a symbolic link (${link}) papers does not follow: ${why}, so someone else could have put it there; check where it points, then pass --follow-links`,
  );
}

/**
 * The first folder above `folder` (up to /) in which others could rename an entry: another user's, or
 * writable by its group or everyone without the sticky bit; null when there is none.
 */
function openFolderAbove(folder: string, uid: number): string | null {
  for (let child = folder, parent = dirname(folder); parent !== child; child = parent, parent = dirname(parent)) {
    const stat = statSync(parent);
    const sticky = (stat.mode & 0o1000) !== 0;
    if ((stat.uid !== uid && stat.uid !== 0) || ((stat.mode & 0o022) !== 0 && !sticky)) return parent;
  }
  return null;
}

/**
 * The file a write really goes to: symlinks followed (see examinePath), so the link itself survives. The
 * final name was not a link when examined, and a rename onto it replaces the entry there without following
 * it: a link swapped in since cannot steer the write into another file.
 */
export function writeTarget(
  path: string,
  followLinks = false,
  hooks?: Pick<WriteHooks, 'afterTargetResolved'>,
): string {
  const { real, stat } = examinePath(path, followLinks);
  if (!stat) throw fileError(path, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  hooks?.afterTargetResolved?.(real);
  return real;
}
