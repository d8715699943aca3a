/**
 * How every command that changes the list runs: lock, read, plan the edits on the text, write once
 * atomically; if the file changed under us, plan again on the new text (at most a few times). With
 * --dry-run, the plan is shown as a unified diff and nothing is written.
 */
import { isAbsolute } from 'node:path';
import { applyEdits } from '../core/edit.js';
import { FileError } from '../core/errors.js';
import type { ListDocument } from '../core/model.js';
import type { Change } from '../core/operations.js';
import { withLock } from '../store/lock.js';
import { loadModel, modelAfterWrite } from '../store/model.js';
import { fingerprintOf, readListFile } from '../store/read.js';
import { assertWritable, writeAtomically, writeTarget } from '../store/write.js';
import { listPath, printJson, stdoutColors } from './context.js';
import type { GlobalOptions } from './main.js';
import { paperJson } from './output/json.js';
import { sanitize } from './output/sanitize.js';
import { withSummaryCounts } from './summary-counts.js';

export interface MutationOptions {
  dryRun?: boolean;
  json?: boolean;
}

/** A plan reads the current document and says what to change; it may run more than once. */
export type Plan = (doc: ListDocument) => Change;

const ATTEMPTS = 5;

export async function runMutation(globals: GlobalOptions, options: MutationOptions, ownPlan: Plan): Promise<void> {
  const path = listPath(globals);
  const plan = withSummaryCounts(ownPlan);
  if (options.dryRun) {
    const stored = readListFile(path);
    const change = await plan(await loadModel(stored));
    await showDryRun(globals, options, path, stored.text, change);
    return;
  }
  const target = writeTarget(path);
  assertWritable(path, target);
  await withLock(target, lockTimeoutMs(), async (stillLocked) => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const stored = readListFile(target);
      const doc = await loadModel(stored);
      const change = await replan(plan, doc, attempt);
      if (change.edits.length === 0) return report(options, path, change, false, null);
      const text = applyEdits(stored.text, change.edits);
      const outcome = await writeAtomically({ target, text, expectedFingerprint: stored.fingerprint, stillLocked, ...testPause() });
      if (outcome === 'written') {
        // The new model now, so that --json can show it and the next command starts warm.
        const written = await modelAfterWrite(doc, { ...stored, text, fingerprint: fingerprintOf(text) }, change.edits);
        return report(options, path, change, true, written);
      }
    }
    throw new FileError(`${path} keeps changing while papers edits it; nothing was written. Try again when it is saved`);
  });
}

/** On a re-plan the file changed under us: an edit that no longer applies stops with that reason. */
async function replan(plan: (doc: ListDocument) => Promise<Change>, doc: ListDocument, attempt: number): Promise<Change> {
  if (attempt === 1) return plan(doc);
  try {
    return await plan(doc);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FileError(`the file changed while papers was editing it, and the edit no longer applies (${reason}); nothing was written`);
  }
}

function report(options: MutationOptions, path: string, change: Change, written: boolean, newDoc: ListDocument | null): void {
  if (options.json) {
    const papers = newDoc === null ? [] : changedPapers(newDoc, change);
    printJson({ file: path, changed: written, dryRun: false, message: change.message, createdAreas: change.createdAreas, papers });
    return;
  }
  process.stdout.write(`${sanitizeLines(change.message)}\n`);
}

/** A message may hold one line per paper: each is made safe, the line breaks stay. */
function sanitizeLines(message: string): string {
  return message.split('\n').map(sanitize).join('\n');
}

/** The papers the change made or touched, read back from the new text; removed ones as they were. */
function changedPapers(doc: ListDocument, change: Change) {
  // The innermost item holding each offset: a nested task item, not its parent.
  const touched = change.touched
    .map((offset) => doc.papers.filter((paper) => paper.span.start <= offset && offset < paper.span.end).pop())
    .filter((paper) => paper !== undefined);
  return [...new Set(touched), ...change.removed].map(paperJson);
}

async function showDryRun(globals: GlobalOptions, options: MutationOptions, path: string, text: string, change: Change): Promise<void> {
  const { createTwoFilesPatch } = await import('diff');
  const after = applyEdits(text, change.edits);
  const [from, to] = isAbsolute(path) ? [path, path] : [`a/${path}`, `b/${path}`];
  const patch = change.edits.length ? createTwoFilesPatch(from, to, text, after, '', '', { context: 3 }) : '';
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
    .filter((line) => !line.startsWith('====='))
    .map((line) => {
      // jsdiff ends the ---/+++ lines with a tab before an (empty) timestamp.
      const safe = sanitize(/^(---|\+\+\+) /.test(line) ? line.replace(/\t$/, '') : line);
      if (line.startsWith('+') && !line.startsWith('+++')) return color.green(safe);
      if (line.startsWith('-') && !line.startsWith('---')) return color.red(safe);
      if (line.startsWith('@@')) return color.cyan(safe);
      return safe;
    })
    .join('\n');
  process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
  process.stdout.write(`${sanitizeLines(change.message)} (dry run: nothing written)\n`);
}

function lockTimeoutMs(): number {
  const fromEnv = Number(process.env.PAPERS_LOCK_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 15_000;
}

/** Test hook (documented in the README): widen the window in which another program may save the file. */
function testPause(): { pauseBeforeCommitMs?: number } {
  const ms = Number(process.env.PAPERS_TEST_PAUSE_BEFORE_COMMIT_MS);
  return Number.isFinite(ms) && ms > 0 ? { pauseBeforeCommitMs: ms } : {};
}
