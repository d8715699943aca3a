/** Reading the list file: one clear error for every way a path can fail to be a markdown list. */
import type { ReadingRule } from '../core/read/formats/rules.js';
import { isAscii, isUtf8 } from 'node:buffer';
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { sha1Hex } from './hash.js';

export interface StoredText {
  path: string;
  text: string;
  /** The bytes as read: a write compares the file with them to notice it changed under it. */
  bytes: Buffer;
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
  bytes: Buffer,
  mode: number,
  identity?: FileIdentity,
): StoredText {
  let fingerprint: string | undefined;
  return {
    path,
    text,
    bytes,
    mode,
    ...(identity ? { identity } : {}),
    get fingerprint() {
      return (fingerprint ??= fingerprintOf(bytes));
    },
  };
}

/**
 * `maxBytes` (PAPERS_MAX_MB, default 8 MB) is bigger than any real reading list by far (10,000 papers
 * are about 1.5 MB): refuse rather than take minutes and gigabytes.
 */
export function readListFile(path: string, maxBytes: number): StoredText {
  refuseIndirection(path);
  const stat = statOrThrow(path);
  if (stat.isDirectory()) throw new FileError(`${path} is a directory; pass the markdown file with --file <path>`);
  if (!stat.isFile()) throw new FileError(`${path} is not a regular file`);
  const limit = maxBytes;
  if (stat.size > limit) {
    throw new FileError(
      `${path} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; papers reads lists of up to ${limit / 1024 / 1024} MB (set PAPERS_MAX_MB to raise the limit)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
  const { dev, ino, size, mtimeMs, ctimeMs } = stat;
  // Read whole by readFileSync: a file that grew or shrank meanwhile has no reliable identity.
  const identity = bytes.length === size ? { dev, ino, size, mtimeMs, ctimeMs } : undefined;
  return storedText(path, decodeText(path, bytes), bytes, stat.mode & 0o7777, identity);
}

/** sha1: a content key and a change detector, not a defence against an adversary; twice sha256's speed. */
export function fingerprintOf(bytes: Buffer | string): string {
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

function statOrThrow(path: string) {
  try {
    return statSync(path);
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
 * `/dev/stdin`, `/dev/fd/3` or `/proc/self/fd/0` name whatever file a descriptor happens to hold, not a
 * list: refuse them (and links through them) before following anything.
 */
function refuseIndirection(path: string): void {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    // Directories resolved whole (a link to /dev anywhere on the way counts), the last part step by step.
    try {
      current = join(realpathSync(dirname(current)), basename(current));
    } catch {
      return; // reading it will say what is wrong
    }
    if (/^\/(dev|proc)(\/|$)/.test(current)) {
      throw new FileError(
        `${path} is under /dev or /proc (it goes through ${current}); papers edits only a markdown file of yours: pass it with --file <path>`,
      );
    }
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      return;
    }
    if (!stat.isSymbolicLink()) return;
    current = resolve(dirname(current), readlinkSync(current));
  }
}

/** The file a write really goes to: symlinks followed, so the link itself survives. */
export function writeTarget(path: string): string {
  refuseIndirection(path);
  try {
    return realpathSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
}
