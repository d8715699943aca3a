/**
 * The lists of a repository: the files the `lists` globs of `.papers.json` name, relative to its folder.
 * The walk reads only the folders a glob can reach (`papers/*.md` reads `papers/`; `**` every folder
 * below, except hidden ones and node_modules), follows no symlinked folder, and returns the files in
 * path order (`/` separators compared as text), each once.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** The files the config's `lists` globs name, in path order; [] when it names none. */
export function repositoryLists(file: ConfigFile): RepositoryList[] {
  const found = new Set<string>();
  for (const glob of file.lists) walk(file.dir, '', glob.replace(/^\.\//, '').split('/'), found);
  return [...found]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_LISTS)
    .map((label) => ({ path: join(file.dir, ...label.split('/')), label }));
}

function walk(root: string, prefix: string, segments: string[], found: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined || found.size >= MAX_LISTS) return;
  if (segment === '**') {
    // No folder at all, or any number of them.
    walk(root, prefix, rest, found);
    for (const entry of entries(root, prefix)) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        walk(root, `${prefix}${entry.name}/`, segments, found);
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
    } else if (entry.isDirectory()) walk(root, `${prefix}${entry.name}/`, rest, found);
  }
}

function entries(root: string, prefix: string) {
  try {
    return readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
}
