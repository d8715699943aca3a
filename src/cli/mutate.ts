/**
 * Every command that changes the list: run the store's transaction with the command's plan, then say
 * what happened (a line, JSON, or the dry run's unified diff). The steps themselves live in
 * store/transaction.ts.
 */
import { isAbsolute } from 'node:path';
import { changedPapers, type Plan } from '../core/write/change.js';
import { runTransaction, type TransactionResult } from '../store/transaction.js';
import { type CommandContext, printJson, stdoutColors } from './context.js';
import { paperJson } from './output/json.js';
import { sanitize, sanitizeLines } from './output/sanitize.js';

export interface MutationOptions {
  dryRun?: boolean;
  json?: boolean;
  /** Write even when the file looks damaged (far fewer papers than before). */
  force?: boolean;
  breakHardlinks?: boolean;
}

export async function runMutation(
  ctx: CommandContext,
  options: MutationOptions,
  plan: Plan,
  /** `keepCounts: false`: leave the file's summary counts as they are (a change that moves no paper: convert). */
  more: { keepCounts?: false } = {},
): Promise<void> {
  const result = await runTransaction({
    path: ctx.filePath,
    plan,
    ...more,
    settings: ctx.settings,
    models: ctx.models,
    hooks: ctx.hooks,
    rules: ctx.config.formats,
    ...(ctx.globals.followLinks ? { followLinks: true } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.breakHardlinks ? { breakHardlinks: true } : {}),
    // (--json lists the papers changed, from the new model)
    ...(options.json ? { modelAfter: true } : {}),
  });
  if (result.write) ctx.writes.push(result.write);
  if (options.dryRun) await showDryRun(ctx, options, result);
  else report(ctx, options, result);
  for (const warning of result.warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
}

function report(ctx: CommandContext, options: MutationOptions, result: TransactionResult): void {
  const { change, path } = result;
  if (options.json) {
    const papers = result.doc === null ? [] : changedPapers(result.doc, change).map(paperJson);
    printJson(ctx, {
      file: path,
      changed: result.written,
      dryRun: false,
      message: change.message,
      createdAreas: change.createdAreas,
      papers,
    });
    return;
  }
  ctx.stdout.write(`${sanitizeLines(change.message)}\n`);
}

export async function showDryRun(
  ctx: CommandContext,
  options: MutationOptions,
  result: Pick<TransactionResult, 'change' | 'path' | 'before' | 'after'>,
): Promise<void> {
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
    printJson(ctx, {
      file: path,
      changed: false,
      dryRun: true,
      message: change.message,
      createdAreas: change.createdAreas,
      diff: patch,
    });
    return;
  }
  if (!patch) {
    ctx.stdout.write(`${sanitizeLines(change.message)} (nothing to change)\n`);
    return;
  }
  const color = await stdoutColors(ctx);
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
  ctx.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
  ctx.stdout.write(`${sanitizeLines(change.message)} (dry run: nothing written)\n`);
}
