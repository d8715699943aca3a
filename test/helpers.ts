/** Shared by the tests: run the CLI (in-process or the real binary), make temp copies, find the shared corpus. */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inject } from 'vitest';
import type { main as Main } from '../src/cli/main.js';
import type { PaperJson } from '../src/cli/output/json.js';
import type { WriteHooks } from '../src/store/settings.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The real entry, for the tests that need a process (runCli, runCliAsync, script(1) and pty runs). */
export const BIN = join(ROOT, 'bin', 'papers.cjs');
/** What runCliInProcess runs: main(), the commander CLI that bin/ falls back to (test/hot.test.ts covers the hot path). */
const DIST_MAIN = pathToFileURL(join(ROOT, 'dist', 'cli.js')).href;
export const SHARED = resolve(ROOT, '..', 'shared');
export const SEED = join(SHARED, 'seed', 'paper-reading.md');
export const EXAMPLE = join(ROOT, 'examples', 'paper-reading.md');
const CORPUS = join(SHARED, 'corpus');
/** This run's cache and state directories live here (fresh per run: test/global-setup.ts). */
const RUN_DIR = inject('papersRunDir');

export const hasShared = existsSync(CORPUS) && existsSync(SEED);
if (!hasShared) {
  console.warn(`[papers tests] ${SHARED} is absent: corpus and seed tests are skipped (they need ../shared beside the repo)`);
}

/** Every markdown file of the shared corpus, or none when ../shared is absent. */
export function corpusFiles(): string[] {
  if (!hasShared) return [];
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(CORPUS, name));
}

/** The corpus files plus the seed: every real list we know. */
export function realLists(): string[] {
  return hasShared ? [SEED, ...corpusFiles()] : [];
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

export function cliEnv(extra: CliOptions['env']): NodeJS.ProcessEnv {
  // PAPERS_SETTLE_MS=0: tests write a list and edit it at once; the settle wait has tests of its own.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    PAPERS_FILE: undefined,
    FORCE_COLOR: undefined,
    XDG_CACHE_HOME: join(RUN_DIR, 'cache'),
    XDG_STATE_HOME: join(RUN_DIR, 'state'),
    PAPERS_SETTLE_MS: '0',
  };
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

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

/**
 * The CLI's main() run inside the test process, from dist/ (the bundle bin/ loads, built by
 * test/global-setup.ts): no process start (the suite's biggest cost), same arguments, environment and
 * working directory as runCli. Output is captured by swapping process.stdout/stderr.write for the run,
 * so runs must not overlap (a second one while the first is running throws). Every test file runs in
 * its own worker process (vitest's forks pool; process.chdir is not allowed in worker threads).
 * Tests of signals, locks between processes, terminals, stdin, EPIPE and bin/'s own exit codes use
 * real processes (runCli / runCliAsync). DIST_MAIN is the one place to repoint it.
 */
let inProcessRunning = false;

/** A stand-in for stream.write: text or bytes (as UTF-8), and the callback called as a stream would. */
function capture(append: (text: string) => void): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  }) as typeof process.stdout.write;
}

export async function runCliInProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (inProcessRunning) throw new Error('runCliInProcess: runs share process.stdout and must not overlap');
  inProcessRunning = true;
  try {
    const { main } = (await import(/* @vite-ignore */ DIST_MAIN)) as { main: typeof Main };
    const saved = { env: process.env, cwd: process.cwd(), out: process.stdout.write, err: process.stderr.write };
    let stdout = '';
    let stderr = '';
    const env = cliEnv(options.env);
    // main() takes its environment, directory and streams as arguments; process.env, the directory and
    // the process's streams are still set for the modules that read them themselves (the lookup and the
    // model cache, for now) and so that nothing escapes the capture.
    process.env = env;
    try {
      if (options.cwd) process.chdir(options.cwd);
      process.stdout.write = capture((text) => (stdout += text));
      process.stderr.write = capture((text) => (stderr += text));
      process.exitCode = undefined;
      const status = await main({
        argv: ['node', 'papers', ...args],
        env,
        cwd: process.cwd(),
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        ...(options.hooks ? { hooks: options.hooks } : {}),
      });
      return { status, stdout, stderr };
    } finally {
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
      process.env = saved.env;
      process.chdir(saved.cwd);
      process.exitCode = undefined;
    }
  } finally {
    inProcessRunning = false;
  }
}

/** `papers list --json` run in-process (see runCliInProcess). */
export async function listJsonInProcess(file: string, ...filters: string[]): Promise<PaperJson[]> {
  const result = await runCliInProcess(['--file', file, 'list', '--json', ...filters]);
  if (result.status !== 0) throw new Error(`papers list failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PaperJson[];
}

/** The same, without blocking: for tests that run many at once. */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => resolvePromise({ status: code ?? -1, stdout, stderr }));
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'papers-test-'));
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

export function listJson(file: string, ...filters: string[]): PaperJson[] {
  const result = runCli(['--file', file, 'list', '--json', ...filters]);
  if (result.status !== 0) throw new Error(`papers list failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PaperJson[];
}
