/**
 * Every command that changes the list: run the store's transaction with the command's plan, then say
 * what happened (a line, JSON, or the dry run's unified diff). The steps themselves live in
 * store/transaction.ts.
 */
import { isAbsolute } from 'node:path';
import { changedPapers, type Plan } from '../core/operations.js';
import { runTransaction, type TransactionResult } from '../store/transaction.js';
import { listPath, printJson, stdoutColors } from './context.js';
import type { GlobalOptions } from './context.js';
import { paperJson } from './output/json.js';
import { sanitize } from './output/sanitize.js';

export interface MutationOptions {
  dryRun?: boolean;
  json?: boolean;
  /** Write even when the file looks damaged (far fewer papers than before). */
  force?: boolean;
  breakHardlinks?: boolean;
}

export async function runMutation(globals: GlobalOptions, options: MutationOptions, plan: Plan): Promise<void> {
  const result = await runTransaction({
    path: listPath(globals),
    plan,
    lockTimeoutMs: envNumber('PAPERS_LOCK_TIMEOUT_MS') ?? 15_000,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.breakHardlinks ? { breakHardlinks: true } : {}),
    ...testPause(),
  });
  if (options.dryRun) await showDryRun(globals, options, result);
  else report(options, result);
  for (const warning of result.warnings) process.stderr.write(`papers: ${sanitize(warning)}\n`);
}

function report(options: MutationOptions, result: TransactionResult): void {
  const { change, path } = result;
  if (options.json) {
    const papers = result.doc === null ? [] : changedPapers(result.doc, change).map(paperJson);
    printJson({ file: path, changed: result.written, dryRun: false, message: change.message, createdAreas: change.createdAreas, papers });
    return;
  }
  process.stdout.write(`${sanitizeLines(change.message)}\n`);
}

/** A message may hold one line per paper: each is made safe, the line breaks stay. */
function sanitizeLines(message: string): string {
  return message.split('\n').map(sanitize).join('\n');
}

async function showDryRun(globals: GlobalOptions, options: MutationOptions, result: TransactionResult): Promise<void> {
  const { change, path } = result;
  const { createTwoFilesPatch } = await import('diff');
  const [from, to] = isAbsolute(path) ? [path, path] : [`a/${path}`, `b/${path}`];
  // The same text on a terminal and in JSON: jsdiff's `=====` line and the tab before its (empty)
  // timestamps are left out.
  const patch = change.edits.length
    ? createTwoFilesPatch(from, to, result.before, result.after, '', '', { context: 3 })
        .split('\n')
        .filter((line) => !line.startsWith('====='))
        .map((line) => (/^(---|\+\+\+) /.test(line) ? line.replace(/\t$/, '') : line))
        .join('\n')
    : '';
  if (options.json) {
    printJson({ file: path, changed: false, dryRun: true, message: change.message, createdAreas: change.createdAreas, diff: patch });
    return;
  }
  if (!patch) {
    process.stdout.write(`${sanitizeLines(change.message)} (nothing to change)\n`);
    return;
  }
  const color = await stdoutColors(globals);
  const body = patch
    .split('\n')
    .map((line) => {
      const safe = sanitize(line);
      if (line.startsWith('+') && !line.startsWith('+++')) return color.green(safe);
      if (line.startsWith('-') && !line.startsWith('---')) return color.red(safe);
      if (line.startsWith('@@')) return color.cyan(safe);
      return safe;
    })
    .join('\n');
  process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
  process.stdout.write(`${sanitizeLines(change.message)} (dry run: nothing written)\n`);
}

function envNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Test hook (documented in the README): widen the window in which another program may save the file. */
function testPause(): { pauseBeforeCommitMs?: number } {
  const ms = envNumber('PAPERS_TEST_PAUSE_BEFORE_COMMIT_MS');
  return ms === undefined ? {} : { pauseBeforeCommitMs: ms };
}
