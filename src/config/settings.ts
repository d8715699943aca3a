/**
 * Every setting papers reads from the environment, read and checked here and nowhere else (the README's
 * "Configuration" section lists the same table; test/config.test.ts keeps the two in step).
 *
 * One rule for every `PAPERS_*` variable: unset or empty means the default; any other value must be one
 * the setting accepts, or the run stops with a ConfigError (exit 2) that names the variable, the value
 * and what it takes. The standard variables papers also honours (NO_COLOR, FORCE_COLOR, DEBUG, COLUMNS,
 * VISUAL, EDITOR, DISPLAY, XDG_*) keep their own conventions and never stop a run.
 */
import type * as NodeOs from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError } from './error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** What papers makes of its environment. */
export interface Settings {
  /** PAPERS_FILE: the list when --file is not given. */
  file: string | undefined;
  /** PAPERS_GIT_COMMIT: as --commit on every command. */
  gitCommit: boolean;
  /** PAPERS_LOCK_TIMEOUT_MS. */
  lockTimeoutMs: number;
  /** PAPERS_SETTLE_MS, PAPERS_SETTLE_TIMEOUT_MS. */
  settleMs: number;
  settleTimeoutMs: number;
  /** PAPERS_MAX_MB, in bytes. */
  maxFileBytes: number;
  /** PAPERS_MAX_DEPTH, PAPERS_PARSE_TIMEOUT_MS. */
  maxDepth: number;
  parseTimeoutMs: number;
  /** PAPERS_NO_CACHE: no model cache at all. */
  noCache: boolean;
  /** PAPERS_CACHE_DIR, else $XDG_CACHE_HOME/papers, else ~/.cache/papers. */
  cacheDir: string;
  /** PAPERS_CACHE_MAX_MB, in bytes: the most the model cache's entries may take together. */
  cacheMaxBytes: number;
  /** $XDG_STATE_HOME/papers, else ~/.local/state/papers: the undo journal and the record of papers' own writes. */
  stateDir: string;
  lookup: LookupSettings;
  /** DEBUG holds `papers` (as --debug). */
  debug: boolean;
  /** NO_COLOR set and not empty; FORCE_COLOR set and not empty, 0 or false. */
  noColor: boolean;
  forceColor: boolean;
  /** COLUMNS, when a whole number above 0. */
  columns: number | undefined;
  /** VISUAL, else EDITOR, else vi. */
  editor: string;
  /** DISPLAY or WAYLAND_DISPLAY is set. */
  hasDisplay: boolean;
}

export interface LookupSettings {
  /** Base URLs, without a trailing slash. */
  arxivApi: string;
  crossrefApi: string;
  dblpApi: string;
  s2Api: string;
  openalexApi: string;
  mailto: string | undefined;
  timeoutMs: number;
  /** Overrides every per-host gap between requests when set. */
  minIntervalMs: number | undefined;
  /** Tries in all on HTTP 429/503. */
  tries: number;
  maxWaitMs: number;
  /** The most one answer may hold, after decompression (PAPERS_HTTP_MAX_BYTES). */
  maxBytes: number;
  maxAgeDays: number;
}

/** A parser of one kind of value: the value, or undefined when it is not one. */
type Kind<T> = { takes: string; parse(raw: string): T | undefined };

const wholeNumber = (min: number): Kind<number> => ({
  takes: min === 0 ? 'a whole number, 0 or more' : `a whole number, ${min} or more`,
  parse: (raw) => (/^\d+$/.test(raw) && Number(raw) >= min ? Number(raw) : undefined),
});
const positiveNumber: Kind<number> = {
  takes: 'a number above 0',
  parse: (raw) => (/^(\d+\.?\d*|\.\d+)$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined),
};
const nonNegativeNumber: Kind<number> = {
  takes: 'a number, 0 or more',
  parse: (raw) => (/^(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : undefined),
};
const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;
const boolean: Kind<boolean> = {
  takes: '1, true, yes or on (or 0, false, no, off)',
  parse: (raw) => (TRUE.test(raw) ? true : FALSE.test(raw) ? false : undefined),
};
const text: Kind<string> = { takes: 'any text', parse: (raw) => raw };
const httpUrl: Kind<string> = {
  takes: 'an http:// or https:// URL',
  parse: (raw) => {
    try {
      const url = new URL(raw);
      return url.protocol === 'http:' || url.protocol === 'https:' ? raw.replace(/\/+$/, '') : undefined;
    } catch {
      return undefined;
    }
  },
};

/** The PAPERS_* variables and the kind of value each takes (the README's Configuration table says what each does). */
const VARIABLES = {
  PAPERS_FILE: { kind: text },
  PAPERS_GIT_COMMIT: { kind: boolean },
  PAPERS_LOCK_TIMEOUT_MS: { kind: wholeNumber(0) },
  PAPERS_SETTLE_MS: { kind: wholeNumber(0) },
  PAPERS_SETTLE_TIMEOUT_MS: { kind: wholeNumber(0) },
  PAPERS_MAX_MB: { kind: positiveNumber },
  PAPERS_MAX_DEPTH: { kind: wholeNumber(1) },
  PAPERS_PARSE_TIMEOUT_MS: { kind: wholeNumber(1) },
  PAPERS_NO_CACHE: { kind: boolean },
  PAPERS_CACHE_DIR: { kind: text },
  PAPERS_CACHE_MAX_MB: { kind: positiveNumber },
  PAPERS_ARXIV_API: { kind: httpUrl },
  PAPERS_CROSSREF_API: { kind: httpUrl },
  PAPERS_DBLP_API: { kind: httpUrl },
  PAPERS_S2_API: { kind: httpUrl },
  PAPERS_OPENALEX_API: { kind: httpUrl },
  PAPERS_MAILTO: { kind: text },
  PAPERS_HTTP_TIMEOUT_MS: { kind: wholeNumber(1) },
  PAPERS_HTTP_MIN_INTERVAL_MS: { kind: wholeNumber(0) },
  PAPERS_HTTP_RETRIES: { kind: wholeNumber(1) },
  PAPERS_HTTP_MAX_WAIT_MS: { kind: wholeNumber(0) },
  PAPERS_HTTP_MAX_BYTES: { kind: wholeNumber(1) },
  PAPERS_LOOKUP_MAX_AGE_DAYS: { kind: nonNegativeNumber },
} as const satisfies Record<string, { kind: Kind<unknown> }>;

export type VariableName = keyof typeof VARIABLES;
type ValueOf<N extends VariableName> = (typeof VARIABLES)[N]['kind'] extends Kind<infer T> ? T : never;

/** The standard variables papers honours, with their own conventions (never an error). */
const STANDARD = [
  'NO_COLOR',
  'FORCE_COLOR',
  'DEBUG',
  'COLUMNS',
  'VISUAL',
  'EDITOR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XDG_CACHE_HOME',
  'XDG_STATE_HOME',
];

/** Every variable papers reads (the README's Configuration table lists each; a test keeps them in step). */
export function settingNames(): string[] {
  return [...Object.keys(VARIABLES), ...STANDARD];
}

/** One variable by the rule: unset or empty gives the default; a value the setting does not take is an error. */
function read<N extends VariableName>(env: Env, name: N): ValueOf<N> | undefined;
function read<N extends VariableName>(env: Env, name: N, fallback: ValueOf<N>): ValueOf<N>;
function read<N extends VariableName>(env: Env, name: N, fallback?: ValueOf<N>): ValueOf<N> | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const kind = VARIABLES[name].kind as Kind<ValueOf<N>>;
  const value = kind.parse(kind === text ? raw : raw.trim());
  if (value === undefined)
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not valid: it takes ${kind.takes} (or unset it)`);
  return value;
}

/** DEBUG holds `papers` (as --debug): read before anything else, so that an error in the settings can be debugged. */
export function isDebug(env: Env): boolean {
  return /(^|,)papers(,|$)/.test(env.DEBUG ?? '');
}

/** Reads and checks every setting; throws ConfigError for the first one that is not valid. */
export function readSettings(env: Env): Settings {
  // (node:os is loaded only without $HOME: loading it costs a warm `list` ~1 ms of CPU.)
  const home = () => env.HOME || (createRequire(import.meta.url)('node:os') as typeof NodeOs).homedir();
  const cacheHome = env.XDG_CACHE_HOME || join(home(), '.cache');
  const columns = Number(env.COLUMNS);
  const force = env.FORCE_COLOR;
  return {
    file: read(env, 'PAPERS_FILE'),
    gitCommit: read(env, 'PAPERS_GIT_COMMIT', false),
    lockTimeoutMs: read(env, 'PAPERS_LOCK_TIMEOUT_MS', 15_000),
    settleMs: read(env, 'PAPERS_SETTLE_MS', 1000),
    settleTimeoutMs: read(env, 'PAPERS_SETTLE_TIMEOUT_MS', 10_000),
    maxFileBytes: read(env, 'PAPERS_MAX_MB', 8) * 1024 * 1024,
    maxDepth: read(env, 'PAPERS_MAX_DEPTH', 64),
    parseTimeoutMs: Math.min(read(env, 'PAPERS_PARSE_TIMEOUT_MS', 10_000), 2 ** 31 - 1),
    noCache: read(env, 'PAPERS_NO_CACHE', false),
    cacheDir: read(env, 'PAPERS_CACHE_DIR') ?? join(cacheHome, 'papers'),
    cacheMaxBytes: read(env, 'PAPERS_CACHE_MAX_MB', 128) * 1024 * 1024,
    stateDir: join(env.XDG_STATE_HOME || join(home(), '.local', 'state'), 'papers'),
    lookup: {
      arxivApi: read(env, 'PAPERS_ARXIV_API', 'https://export.arxiv.org/api/query'),
      crossrefApi: read(env, 'PAPERS_CROSSREF_API', 'https://api.crossref.org'),
      dblpApi: read(env, 'PAPERS_DBLP_API', 'https://dblp.org'),
      s2Api: read(env, 'PAPERS_S2_API', 'https://api.semanticscholar.org/graph/v1'),
      openalexApi: read(env, 'PAPERS_OPENALEX_API', 'https://api.openalex.org'),
      mailto: read(env, 'PAPERS_MAILTO'),
      timeoutMs: read(env, 'PAPERS_HTTP_TIMEOUT_MS', 5000),
      minIntervalMs: read(env, 'PAPERS_HTTP_MIN_INTERVAL_MS'),
      tries: read(env, 'PAPERS_HTTP_RETRIES', 3),
      maxWaitMs: read(env, 'PAPERS_HTTP_MAX_WAIT_MS', 30_000),
      maxBytes: read(env, 'PAPERS_HTTP_MAX_BYTES', 2 * 1024 * 1024),
      maxAgeDays: read(env, 'PAPERS_LOOKUP_MAX_AGE_DAYS', 30),
    },
    debug: isDebug(env),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    forceColor: force !== undefined && force !== '' && force !== '0' && force !== 'false',
    columns: Number.isInteger(columns) && columns > 0 ? columns : undefined,
    editor: (env.VISUAL || env.EDITOR || 'vi').trim(),
    hasDisplay: Boolean(env.DISPLAY || env.WAYLAND_DISPLAY),
  };
}
