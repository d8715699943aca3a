/** Shared by the tests: run the CLI (in-process or the real binary), make temp copies, find the real lists. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import type { RunInput } from '../src/cli/context.js';
import type { main as Main } from '../src/cli/main.js';
import type { PaperJson } from '../src/cli/output/json.js';
import type { WriteHooks } from '../src/store/settings.js';
import { BIN, CORPUS, EXAMPLE, ROOT, SHARED } from './paths.js';

export { BIN, EXAMPLE, ROOT, SHARED };
/** What runCliInProcess runs: main(), the commander CLI that bin/ falls back to (test/hot.test.ts covers the hot path). */
const DIST_MAIN = join(ROOT, 'dist', 'cli.cjs');
/** This run's directory (test/global-setup.ts): temp folders, HOME, cache and state; removed at the end. */
const RUN_DIR = inject('papersRunDir');
/** bin/papers.cjs of a copy of this build that user nobody can run (the clone may sit in a 0700 folder). */
export const BIN_FOR_OTHERS = inject('papersBinForOthers');

/** Every markdown file of ../shared/corpus, or none when it is absent (see test/needs.ts). */
function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(CORPUS, name));
}

/** Every real list we know: the seed (examples/, always here) and the corpus when ../shared is there. */
export function realLists(): string[] {
  return [EXAMPLE, ...corpusFiles()];
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** In-process runs only: test hooks passed to main() through the run context (see src/store/settings.ts). */
  hooks?: WriteHooks;
}

/**
 * Settings of the user running the tests that would change what the CLI does (git's too: a test run from
 * a git hook has GIT_DIR set); and NODE_EXTRA_CA_CERTS, which changes nothing here (no test talks TLS)
 * but costs every node start ~30 ms.
 */
const NOT_INHERITED =
  /^(PAPERS_|GIT_|XDG_)|^(HOME|NO_COLOR|FORCE_COLOR|COLUMNS|LINES|DEBUG|EDITOR|VISUAL|BROWSER|DISPLAY|WAYLAND_DISPLAY|NODE_EXTRA_CA_CERTS)$/;

/**
 * What the CLI runs inherit of the test process's environment, taken once: no test changes it, and reading
 * process.env key by key for each of the suite's thousands of runs cost a second of CPU per worker.
 */
const INHERITED: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !NOT_INHERITED.test(key)),
);

/**
 * The environment of every CLI run, in a process or in-process: nothing of the user's own papers, git
 * or XDG settings; a private HOME and cache/state/config dirs inside this run's directory (removed at
 * the end); no colour; no settle wait (tests write a list and edit it at once; the settle wait has
 * tests of its own); and a lock wait and parse deadline far longer than any test, so that a busy machine makes a
 * concurrency test slow, never wrong (tests of the wait set their own). `extra` wins; undefined removes.
 */
export function cliEnv(extra: CliOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...INHERITED };
  Object.assign(env, {
    HOME: join(RUN_DIR, 'home'),
    XDG_CACHE_HOME: join(RUN_DIR, 'cache'),
    XDG_STATE_HOME: join(RUN_DIR, 'state'),
    XDG_CONFIG_HOME: join(RUN_DIR, 'config'),
    NO_COLOR: '1',
    PAPERS_SETTLE_MS: '0',
    PAPERS_LOCK_TIMEOUT_MS: String(LONG_WAIT_MS),
    PAPERS_PARSE_TIMEOUT_MS: String(LONG_WAIT_MS),
  });
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A wait (lock, HTTP) no test should ever reach: ten minutes, far past every test's timeout. */
export const LONG_WAIT_MS = 600_000;

export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking: for tests that run many at once. A run still going when its test ends (a test that failed or timed out) is killed. */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env) });
    killAtTestEnd(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => resolvePromise({ status: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs `entry` (a CLI entry: main() or the hot path's run(), which take a RunInput and return the exit
 * code) inside the test process: no process start (the suite's biggest cost), with the arguments,
 * environment and working directory runCli would give it, its output captured, and `options.hooks`
 * (test hooks such as beforeRename, see raceBeforeCommit) passed through the run context. Nothing below
 * the entry reads process.env or the process's streams (the run context carries them). The process's
 * directory is set to the run's as well, as it would be for a real process (a relative --file resolves
 * against it, and messages then name the path as given), so runs take turns: `Promise.all` of several
 * is fine, they queue. Tests of signals, locks between processes, terminals, stdin, EPIPE and bin/'s
 * own exit codes use real processes (runCli / runCliAsync).
 */
async function runEntryInProcess(
  entry: (input: RunInput) => Promise<number>,
  args: string[],
  options: CliOptions = {},
): Promise<CliResult> {
  // A run started from inside another (a hook) would wait for it forever: such a race needs a process.
  if (insideRun.getStore()) throw new Error('runCliInProcess inside an in-process run: use runCliAsync there');
  const turn = inProcessQueue.then(() =>
    insideRun.run(true, async () => {
      let stdout = '';
      let stderr = '';
      const cwd = options.cwd ?? ROOT;
      const saved = process.cwd();
      process.chdir(cwd);
      try {
        const status = await entry({
          // (As bin/ would be started: `git setup` writes this path into the driver's command.)
          argv: [process.execPath, BIN, ...args],
          env: cliEnv(options.env),
          cwd,
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: (text: string) => (stderr += text) },
          ...(options.hooks ? { hooks: options.hooks } : {}),
        });
        return { status, stdout, stderr };
      } finally {
        process.chdir(saved);
      }
    }),
  );
  inProcessQueue = turn.catch(() => undefined);
  return turn;
}

/** The in-process runs, one after another (see runEntryInProcess). */
let inProcessQueue: Promise<unknown> = Promise.resolve();
const insideRun = new AsyncLocalStorage<true>();

/** The CLI's main() from dist/ (the bundle bin/ loads, built by test/global-setup.ts), in-process (see runEntryInProcess). */
export async function runCliInProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const { main } = createRequire(import.meta.url)(DIST_MAIN) as { main: typeof Main };
  return runEntryInProcess(main, args, options);
}

/**
 * What bin/papers.cjs runs (dist/hot.cjs: the hot path for list/done/undone, main() for the rest), in
 * this process (see runEntryInProcess): for the tests of what a command does, where the process itself
 * (signals, locks between processes, stdin, a hang that only a timeout ends) does not matter.
 */
export async function runBinInProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const hot = createRequire(import.meta.url)(join(ROOT, 'dist', 'hot.cjs')) as {
    run: (input: RunInput) => Promise<number>;
  };
  return runEntryInProcess(hot.run, args, options);
}

/** `papers list --json` run in-process (see runCliInProcess). */
export async function listJsonInProcess(file: string, ...filters: string[]): Promise<PaperJson[]> {
  const result = await runCliInProcess(['--file', file, 'list', '--json', ...filters]);
  if (result.status !== 0) throw new Error(`papers list failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PaperJson[];
}

/** Kills `child` when the current test ends, if it is still running (outside a test: nothing). */
export function killAtTestEnd(child: ChildProcess): void {
  try {
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  } catch {
    // Not inside a test (a hook): the caller waits for it.
  }
}

/** A fresh folder inside this run's directory (removed with it at the end of the run). */
export function tempDir(): string {
  return mkdtempSync(join(RUN_DIR, 'tmp', 'papers-test-'));
}

/** A copy of `path` in a fresh temp dir; returns the copy's path. */
export function tempCopy(path: string, name = basename(path)): string {
  const target = join(tempDir(), name);
  copyFileSync(path, target);
  return target;
}

/** A temp file holding `text`. */
export function tempFile(text: string | Buffer, name = 'list.md'): string {
  const target = join(tempDir(), name);
  writeFileSync(target, text);
  return target;
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}

export type { PaperJson };

/** Resolves once `found()` holds, checking at each turn of the event loop after `check` ms (an event, not a deadline: a test that never sees it times out). */
export async function until<T>(found: () => T | undefined | false, check = 10): Promise<T> {
  for (;;) {
    const value = found();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, check));
  }
}

/**
 * Runs a write in this process (runBinInProcess: the hot path for done/undone, main() for the rest)
 * with a beforeRename hook (src/store/settings.ts's WriteHooks), and calls `meanwhile` there, once:
 * after papers has written its temp file and before its last check and the rename; no sleep, no
 * window to hit. A write that re-plans (the list changed) reaches the hook again; `meanwhile` is not
 * called again. `inPause` says whether `meanwhile` was called with the temp file still beside the list.
 */
async function duringCommitPause(
  file: string,
  args: string[],
  meanwhile: (temp: string) => void | Promise<void>,
  options: CliOptions = {},
): Promise<CliResult & { inPause: boolean }> {
  let inPause: boolean | undefined;
  const beforeRename = async (temp: string) => {
    if (inPause !== undefined) return;
    inPause = existsSync(temp);
    await meanwhile(temp);
  };
  const result = await runBinInProcess(['--file', file, ...args], {
    ...options,
    hooks: { ...options.hooks, beforeRename },
  });
  return { ...result, inPause: inPause ?? false };
}

/** duringCommitPause on a fresh `make()` list; fails when the write never got to its rename. */
export async function raceBeforeCommit(
  make: () => string,
  args: string[],
  meanwhile: (file: string, temp: string) => void | Promise<void>,
): Promise<{ file: string; result: CliResult }> {
  const file = make();
  const result = await duringCommitPause(file, args, (temp) => meanwhile(file, temp));
  if (!result.inPause)
    throw new Error(`papers ${args.join(' ')} never reached its rename (${result.status}): ${result.stderr}`);
  return { file, result };
}

/** Git for a test repository under `dir`: a fixed author, its own global config file, no system config, state kept there. */
export function gitEnv(dir: string): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.org',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.org',
    GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_STATE_HOME: join(dir, 'state'),
  };
}
