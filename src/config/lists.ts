/**
 * The lists of a repository: the files the `lists` globs of `.papers.json` name, relative to its folder.
 * The walk reads only the folders a glob can reach (`papers/*.md` reads `papers/`; `**` every folder
 * below, except hidden ones and node_modules), follows no symlinked folder, and returns the files in
 * path order (`/` separators compared as text), each once. A list found that is a symbolic link (or whose
 * real path leads through one) must resolve inside the repository (the config file's folder, resolved):
 * git makes a repository's links the cloning user's own, in the user's folder, so the link rule
 * (store/read.ts) follows them, though whoever wrote the repository chose where they point. One that
 * leads outside is left out, with a warning, unless the user passes --follow-links.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { ConfigFile } from './schema.js';
import { globToRegExp } from './glob.js';

/** Far more lists than a repository keeps: a glob that finds more is a mistake (`**` over a big tree). */
const MAX_LISTS = 10_000;

export interface RepositoryList {
  /** Absolute path. */
  path: string;
  /** Relative to the config file's folder, with `/` separators: how messages and areas name it. */
  label: string;
}

/**
 * The files the config's `lists` globs name, in path order ([] when it names none), and why any was left
 * out (a link leading outside the repository; all are kept with `followLinks`).
 */
export function repositoryLists(
  file: ConfigFile,
  followLinks: boolean,
): { lists: RepositoryList[]; warnings: string[] } {
  const found = new Set<string>();
  for (const glob of file.lists) walk(file.dir, '', segmentsOf(glob), found);
  const all = [...found]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_LISTS)
    .map((label) => ({ path: join(file.dir, ...label.split('/')), label }));
  if (followLinks) return { lists: all, warnings: [] };
  const root = realOrNull(file.dir) ?? file.dir;
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  const lists: RepositoryList[] = [];
  const warnings: string[] = [];
  for (const list of all) {
    const real = realOrNull(list.path);
    if (real?.startsWith(prefix)) lists.push(list);
    else
      warnings.push(
        real === null
          ? `${list.label} leads nowhere (a symbolic link to a missing file, or gone); it is skipped`
          : `${list.label} is a symbolic link (or leads through one) to ${real}, outside the repository ${root}; it is skipped: check where it points, then pass --follow-links to work on it too`,
      );
  }
  return { lists, warnings };
}

/** A glob's folder segments (a leading `./` is the folder itself). */
function segmentsOf(glob: string): string[] {
  return glob.replace(/^\.\//, '').split('/');
}

function realOrNull(path: string): string | null {
  try {
    // (native: the kernel's realpath(3), as a write resolves the path; the JavaScript one drops `d/..` as
    // text before following a folder link d, so `d/../x` would be judged where it does not lead)
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/**
 * The files below `root` + `prefix` that `segments` match, into `found`. Each folder is walked once per
 * remaining pattern (`seen`): a glob of several `**` and `*` folders reaches one folder by many paths, which
 * made the walk grow exponentially with the pattern (a cloned repository's config could hang every command).
 */
function walk(
  root: string,
  prefix: string,
  segments: string[],
  found: Set<string>,
  seen: Set<string> = new Set(),
): void {
  const [segment, ...rest] = segments;
  if (segment === undefined || found.size >= MAX_LISTS) return;
  const key = `${prefix}\u0000${segments.length}`;
  if (seen.has(key)) return;
  seen.add(key);
  if (segment === '**') {
    // No folder at all, or any number of them.
    walk(root, prefix, rest, found, seen);
    for (const entry of entries(root, prefix)) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        walk(root, `${prefix}${entry.name}/`, segments, found, seen);
    }
    return;
  }
  const literal = !/[*?{]/.test(segment);
  const pattern = literal ? null : globToRegExp(segment);
  for (const entry of entries(root, prefix)) {
    if (literal ? entry.name !== segment : !pattern!.test(entry.name)) continue;
    if (!literal && entry.name.startsWith('.') && !segment.startsWith('.')) continue;
    if (rest.length === 0) {
      if (entry.isFile() || entry.isSymbolicLink()) found.add(`${prefix}${entry.name}`);
    } else if (entry.isDirectory()) walk(root, `${prefix}${entry.name}/`, rest, found, seen);
  }
}

function entries(root: string, prefix: string) {
  try {
    return readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
}
