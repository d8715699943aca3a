/**
 * The run context: everything one run of the CLI works with, made by main() or the hot path and passed
 * down to every command: its environment, working directory and streams, the settings (read once, by
 * src/config), the list's config, the writes the run made (what --commit commits), its exit code, and
 * hooks tests inject. Nothing in the process is shared between two runs: main() may run twice in one
 * process (the in-process tests do) and neither sees the other.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type Config,
  type Env,
  type ListOfRepository,
  listPathOf,
  loadConfig,
  readSettings,
  repositoryListsOf,
  type Settings,
} from '../config/index.js';
import type { ListDocument } from '../core/model/paper.js';
import { TOP_AREA } from '../core/query/areas.js';
import { areaInFile } from '../core/query/file-names.js';
import type { WriteHooks } from '../store/settings.js';
import { ListModels, loadModel } from '../store/stored-model.js';
import { readListFile, type StoredText, withRules } from '../store/read.js';
import { escapeJson, sanitize } from './output/sanitize.js';
import { colorsFor, type Palette } from './output/style.js';

/** The options every command takes (before or after the command name). */
export interface GlobalOptions {
  file?: string;
  color: boolean;
  debug?: boolean;
  commit?: boolean;
  /** Follow a symlinked list even where another user could have planted the link. */
  followLinks?: boolean;
}

/** Where a run writes: process.stdout/stderr, or anything that takes text (the tests' capture). */
export interface OutputStream {
  /** false: the stream holds more than it can pass on now (a node stream; see 'drain'). */
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** A node stream's: 'drain' comes when what it held has been passed on. */
  once?(event: 'drain', listener: () => void): unknown;
}

/** What a caller of main() gives it: nothing is taken from `process` that is not passed here. */
export interface RunInput {
  argv: string[];
  env: Env;
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Prompts read it (default process.stdin). */
  stdin?: NodeJS.ReadStream;
  /** Test hooks (never set by bin/): see WriteHooks. */
  hooks?: WriteHooks;
  /**
   * Called (by runCommand) once the run's list is known to be large (LARGE_LIST_BYTES): bin/papers.cjs
   * tunes V8 for a longer run there (bin/code-cache.cjs tuneForLargeList). Only bin/ sets it.
   */
  forLargeList?: () => void;
}

/** A write the run made: what --commit commits after the command. */
export interface RunWrite {
  realPath: string;
  beforeText: string;
  message: string;
}

export interface Run extends RunInput {
  hooks: WriteHooks;
  writes: RunWrite[];
  /** Set by a command that succeeds with a finding (lint's problems): the run's exit code. */
  exitCode?: number;
  /** Read on the first command (a bad value stops it): see src/config. */
  settings?: Settings;
}

/** The run, once its command knows its global options: the list, its config, the settings. */
export interface CommandContext extends Run {
  globals: GlobalOptions;
  settings: Settings;
  config: Config;
  /** The run's parser and model cache (made from the settings; closed when the command ends). */
  models: ListModels;
  /** The list as the user named it (messages quote it). */
  listPath: string;
  /** The list for the file system: the same, or resolved against the run's cwd when that is not the process's. */
  filePath: string;
  /**
   * The lists of the repository when the run names no file and `.papers.json` names several
   * (cli/workspace.ts runs the command across them); null for one list.
   */
  workspace: ListOfRepository[] | null;
  /**
   * The list's name in a repository of several lists (`b.md`), which messages that name an area give
   * too, as `list` shows it (`Added X to b.md › Systems`); undefined for a list of its own.
   */
  listLabel?: string;
}

export function createRun(input: RunInput): Run {
  return { ...input, hooks: input.hooks ?? {}, writes: [] };
}

/** Process-wide defaults for a run that bin/ starts: the real streams, environment and directory. */
export function processInput(argv: string[]): RunInput {
  return { argv, env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr };
}

/**
 * The context of the command about to run: reads the settings (once), the list's `.papers.json` and the
 * lists of a repository. The config's warnings are returned, not said: the caller says them
 * (sayConfigWarnings) unless it hands the run on to main(), which reads the config again and would say
 * them a second time. Throws ConfigError for a setting that is not valid (exit 2), ConfigFileError for a
 * `.papers.json` that is not (exit 1).
 */
export async function startCommand(
  run: Run,
  globals: GlobalOptions,
): Promise<{ ctx: CommandContext; warnings: string[] }> {
  const settings = (run.settings ??= readSettings(run.env));
  let listPath = listPathOf(settings, globals.file);
  let config = await loadConfig(settings, listPath, run.cwd);
  const warnings = [...config.warnings];
  let workspace: ListOfRepository[] | null = null;
  if (globals.file === undefined && settings.file === undefined) {
    // No file named: the lists `.papers.json` names, if any (one of them is simply the list).
    const { lists, warnings: listWarnings } = await repositoryListsOf(config, globals.followLinks === true);
    warnings.push(...listWarnings);
    if (lists.length === 1) {
      const [list] = lists as [ListOfRepository];
      listPath = relative(run.cwd, list.path);
      config = { ...config, listPath, absoluteListPath: list.path, formats: list.formats, repositoryLabel: list.label };
    } else if (lists.length > 1) workspace = lists;
  }
  const filePath = isAbsolute(listPath) || run.cwd === process.cwd() ? listPath : resolve(run.cwd, listPath);
  const models = new ListModels(settings, run.hooks.now);
  return { ctx: Object.assign(run, { globals, settings, config, models, listPath, filePath, workspace }), warnings };
}

/**
 * The command's options, with an `--area` that names the list's file by its whole name (`only.md/Sys`,
 * `only.md › Sys`) made the list's own area when the config's `lists` name this one file, as a repository
 * of several lists takes it (it made a heading `only.md`). Not by its stem (`only/Sys`): with one list
 * nothing needs it, and it is too easily the list's own area (`ml.md` holding `## ML`, `### Compilers`:
 * `ML/Compilers` is that area, not `Compilers` wherever it is). Otherwise the options as given.
 */
export function withSoleListArea<T extends object>(ctx: CommandContext, options: T): T {
  const label = ctx.config.repositoryLabel;
  const area = (options as { area?: unknown }).area;
  if (label === undefined || typeof area !== 'string') return options;
  const named = areaInFile([label], area, false);
  // (The file alone is left as it is: `list --area only.md` is no filter to make the file's top of.)
  return named && named.area !== TOP_AREA ? { ...options, area: named.area } : options;
}

/** The config's warnings on stderr (under --json each a JSON line, as list's own notes are). */
export function sayConfigWarnings(run: Run, warnings: readonly string[]): void {
  const json = run.argv.includes('--json');
  for (const warning of warnings)
    run.stderr.write(
      json
        ? `${escapeJson(JSON.stringify({ warning: 'config', message: warning }))}\n`
        : `papers: ${sanitize(warning)}\n`,
    );
}

/**
 * The context for one list of a repository: the same run (its streams, writes and hooks are shared),
 * with that list as the file. A command run in it sees one list, as it would with --file.
 */
export function narrowTo(ctx: CommandContext, list: ListOfRepository): CommandContext {
  const listPath = relative(ctx.cwd, list.path) || list.path;
  const narrowed = Object.create(ctx) as CommandContext;
  Object.assign(narrowed, {
    listPath,
    filePath: isAbsolute(listPath) || ctx.cwd === process.cwd() ? listPath : list.path,
    config: { ...ctx.config, listPath, absoluteListPath: list.path, formats: list.formats },
    workspace: null,
    listLabel: list.label,
  });
  return narrowed;
}

export interface LoadedList {
  stored: StoredText;
  doc: ListDocument;
}

export function readList(ctx: CommandContext): StoredText {
  return withRules(
    readListFile(ctx.filePath, ctx.settings.maxFileBytes, ctx.globals.followLinks === true, ctx.hooks),
    ctx.config.formats,
  );
}

export async function loadList(ctx: CommandContext): Promise<LoadedList> {
  const stored = readList(ctx);
  return { stored, doc: await loadModel(ctx.models, stored) };
}

export function stdoutColors(ctx: CommandContext): Promise<Palette> {
  return colorsFor(ctx.stdout, ctx.globals.color, ctx.settings);
}

/**
 * Width for fitting tables: $COLUMNS when set (on a terminal too), else the terminal's width; null
 * when output goes to a pipe or file without $COLUMNS (never cut).
 */
export function outputWidth(ctx: CommandContext): number | null {
  if (ctx.settings.columns !== undefined) return ctx.settings.columns;
  if (ctx.stdout.isTTY) return ctx.stdout.columns || 100;
  return null;
}

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.stdout.write(`${escapeJson(JSON.stringify(value, null, 2))}\n`);
}
