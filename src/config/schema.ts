/**
 * Schema version 1 of `.papers.json` (found by file.ts). Every key is known: an unknown one is an error
 * that names it and the file. Loaded only when a config file is found (the hot path does not carry it).
 *
 *   { "version": 1,
 *     "lists": ["README.md", "papers/*.md"],          globs of the lists in this repository (lists.ts)
 *     "doneDates": false,                              done writes the day read (core/write/dates.ts)
 *     "formats": [ { "file": "README.md", "heading": "MLSys", "statusColumn": "Priority",
 *                    "titleColumn": "Paper",
 *                    "markers": { "read": ["Done", "✅"], "reading": ["70%"], "unread": ["Pending", ""] } } ] }
 */
import { dirname, relative, sep } from 'node:path';
import { ConfigFileError } from './error.js';
import { matchesGlob } from './glob.js';

/** How a list (or one heading of it) marks its papers, for lists the built-in rules do not read. */
export interface FormatRule {
  /** A glob of the lists this applies to, relative to the config file's folder; all lists when absent. */
  file?: string;
  /** Only under this heading (its name or path A/B); the whole file when absent. */
  heading?: string;
  /** The table column that holds the read state, and the one that holds the title. */
  statusColumn?: string;
  titleColumn?: string;
  /** Cell texts for each state; "" is an empty cell. A text may belong to one state only. */
  markers?: Markers;
}

export interface Markers {
  read?: string[];
  reading?: string[];
  unread?: string[];
}

export interface ConfigFile {
  /** The file's absolute path, and its folder (what its globs are relative to). */
  path: string;
  dir: string;
  version: 1;
  /** Globs of the repository's lists (config/lists.ts finds them; cli/workspace.ts runs commands across them). */
  lists: string[];
  /** `done` writes the day a paper was read, `undone` takes it out (core/write/dates.ts). */
  doneDates: boolean;
  formats: FormatRule[];
}

/** Checks the text of a config file against schema version 1. */
export function parseConfigFile(raw: string, path: string): ConfigFile {
  let value: unknown;
  try {
    value = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigFileError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  const at = new Checker(path);
  const top = at.object(value, '', ['version', 'lists', 'doneDates', 'formats']);
  if (top.version !== undefined && top.version !== 1)
    throw at.error('version', '1 (the only version there is), or no version');
  return {
    path,
    dir: dirname(path),
    version: 1,
    lists: top.lists === undefined ? [] : at.strings(top.lists, 'lists', { nonEmpty: true }),
    doneDates: top.doneDates === undefined ? false : at.boolean(top.doneDates, 'doneDates'),
    formats:
      top.formats === undefined
        ? []
        : at.array(top.formats, 'formats').map((rule, i) => at.formatRule(rule, `formats[${i}]`)),
  };
}

const STATES = ['read', 'reading', 'unread'] as const;

class Checker {
  constructor(private readonly path: string) {}

  error(key: string, wants: string): ConfigFileError {
    return new ConfigFileError(`${this.path}: "${key}" is not valid: it takes ${wants}`);
  }

  object(value: unknown, key: string, known: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw key === ''
        ? new ConfigFileError(`${this.path}: the file must hold one JSON object ({...})`)
        : this.error(key, 'an object ({...})');
    }
    for (const name of Object.keys(value)) {
      if (!known.includes(name)) {
        const where = key === '' ? '' : ` in "${key}"`;
        throw new ConfigFileError(`${this.path}: unknown key "${name}"${where} (known: ${known.join(', ')})`);
      }
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, key: string): unknown[] {
    if (!Array.isArray(value)) throw this.error(key, 'an array ([...])');
    return value;
  }

  strings(value: unknown, key: string, { nonEmpty }: { nonEmpty: boolean }): string[] {
    const items = this.array(value, key);
    items.forEach((item, i) => {
      if (typeof item !== 'string' || (nonEmpty && item.trim() === ''))
        throw this.error(`${key}[${i}]`, nonEmpty ? 'a text that is not empty' : 'a text');
    });
    return items as string[];
  }

  string(value: unknown, key: string): string {
    if (typeof value !== 'string' || value.trim() === '') throw this.error(key, 'a text that is not empty');
    return value;
  }

  boolean(value: unknown, key: string): boolean {
    if (typeof value !== 'boolean') throw this.error(key, 'true or false');
    return value;
  }

  formatRule(value: unknown, key: string): FormatRule {
    const rule = this.object(value, key, ['file', 'heading', 'statusColumn', 'titleColumn', 'markers']);
    const out: FormatRule = {};
    for (const name of ['file', 'heading', 'statusColumn', 'titleColumn'] as const) {
      if (rule[name] !== undefined) out[name] = this.string(rule[name], `${key}.${name}`);
    }
    if (rule.markers !== undefined) {
      const markers = this.object(rule.markers, `${key}.markers`, STATES);
      const seen = new Map<string, string>();
      out.markers = {};
      for (const state of STATES) {
        if (markers[state] === undefined) continue;
        const texts = this.strings(markers[state], `${key}.markers.${state}`, { nonEmpty: false }).map((marker) =>
          marker.trim(),
        );
        for (const marker of texts) {
          const other = seen.get(marker);
          if (other !== undefined && other !== state) {
            throw new ConfigFileError(
              `${this.path}: "${key}.markers": "${marker}" is both ${other} and ${state}; a marker may mean one state only`,
            );
          }
          seen.set(marker, state);
        }
        out.markers[state] = texts;
      }
    }
    return out;
  }
}

/** The format rules that apply to this list (absolute path): its `file` glob matches the list's path from the config's folder. */
export function formatsFor(file: ConfigFile | null, absoluteListPath: string): FormatRule[] {
  if (file === null) return [];
  const path = relative(file.dir, absoluteListPath).split(sep).join('/');
  return file.formats.filter((rule) => rule.file === undefined || matchesGlob(rule.file, path));
}
