/**
 * Every setting papers has, read and checked in one place: the environment (settings.ts) and the
 * per-repository `.papers.json` (file.ts finds it, schema.ts checks it). The CLI reads the environment
 * once per run (a bad value stops the run with a ConfigError, exit 2: what the user set), then the config
 * file of the list a command works on (a bad one is a ConfigFileError, exit 1: bad data from a file); it
 * prints the warnings. Nothing in this folder prints.
 *
 * Every variable is checked here on every command. Three places still read their own values (with the
 * same meaning for every value that passes the check here), until their owners take them from
 * Settings, which already holds them: store/cache.ts (PAPERS_NO_CACHE, PAPERS_CACHE_DIR, XDG_CACHE_HOME:
 * settings.noCache, settings.cacheDir), store/parse-budget.ts through store/stored-model.ts (PAPERS_MAX_DEPTH,
 * PAPERS_PARSE_TIMEOUT_MS: settings.maxDepth, settings.parseTimeoutMs) and src/lookup (the HTTP and API
 * variables: settings.lookup).
 */
import { dirname, resolve } from 'node:path';
import { ConfigFileError } from './error.js';
import { findConfigFile } from './file.js';
import { repositoryLists } from './lists.js';
import type { ConfigFile, FormatRule } from './schema.js';
import type { Settings } from './settings.js';

export { ConfigError } from './error.js';
export type { ConfigFile, FormatRule } from './schema.js';
export { type Env, type LookupSettings, readSettings, settingNames, type Settings } from './settings.js';

export interface Config {
  settings: Settings;
  /** The list this command works on: as the user named it, and absolute. */
  listPath: string;
  absoluteListPath: string;
  /** The `.papers.json` in force for that list, or null. */
  file: ConfigFile | null;
  /** The format rules of that file that apply to this list, in the file's order. */
  formats: FormatRule[];
  /**
   * The list's name in its repository when the config's `lists` name this one file (its label, see
   * ListOfRepository): `--area only.md/Sys` names an area of it, as in a repository of several lists.
   */
  repositoryLabel?: string;
  /** Things the user should know (a config file found but not used): the CLI prints them. */
  warnings: string[];
}

/** One list of a repository of lists: where it is, how it is named, the format rules that apply to it. */
export interface ListOfRepository {
  /** Absolute path. */
  path: string;
  /** Its path from the config file's folder (`/` separators): how areas and messages name it. */
  label: string;
  formats: FormatRule[];
}

/**
 * The lists the config's `lists` globs name (see lists.ts), each with its format rules; [] without a
 * config file or globs. A run that names no file (no --file, no PAPERS_FILE) works on all of them. The
 * warnings say which were left out (a link leading outside the repository, unless `followLinks`).
 */
export async function repositoryListsOf(
  config: Config,
  followLinks: boolean,
): Promise<{ lists: ListOfRepository[]; warnings: string[] }> {
  const file = config.file;
  if (file === null || file.lists.length === 0) return { lists: [], warnings: [] };
  const { formatsFor } = await import('./schema.js');
  const { lists, warnings } = repositoryLists(file, followLinks);
  return { lists: lists.map((list) => ({ ...list, formats: formatsFor(file, list.path) })), warnings };
}

/** The list a run works on: `--file`, else PAPERS_FILE, else ./README.md. */
export function listPathOf(settings: Settings, fileOption: string | undefined): string {
  return fileOption ?? settings.file ?? 'README.md';
}

/** The config for a command on one list (a relative path is relative to `cwd`). */
export async function loadConfig(settings: Settings, listPath: string, cwd: string): Promise<Config> {
  const absoluteListPath = resolve(cwd, listPath);
  const found = findConfigFile(dirname(absoluteListPath));
  const config: Config = { settings, listPath, absoluteListPath, file: null, formats: [], warnings: found.warnings };
  if (found.path === null || found.text === null) return config;
  // The schema is loaded only when there is a file to check (the hot path's bundles leave it out).
  const { formatsFor, parseConfigFile } = await import('./schema.js');
  try {
    config.file = parseConfigFile(found.text, found.path);
  } catch (error) {
    // On the hot path schema.js is the ESM build's copy, with its own error classes: made ours again.
    if (error instanceof Error && error.name === 'ConfigFileError') throw new ConfigFileError(error.message);
    throw error;
  }
  config.formats = formatsFor(config.file, absoluteListPath);
  return config;
}
