/**
 * One command, start to finish, the same on the commander path (main.ts) and the hot path (hot-list.ts,
 * hot-mark.ts): read the settings and the list's config, run the command, then commit what it wrote
 * when --commit or PAPERS_GIT_COMMIT asks. Not a commander hook: whichever path parsed the arguments,
 * everything after the command happens here.
 */
import { statSync } from 'node:fs';
import { isDebug } from '../config/settings.js';
import { type CommandContext, type GlobalOptions, type Run, sayConfigWarnings, startCommand } from './context.js';
import { reportError } from './report.js';

export async function runCommand(
  run: Run,
  globals: GlobalOptions,
  body: (ctx: CommandContext) => Promise<void>,
  severalLists?: () => Promise<number>,
): Promise<void> {
  const { ctx, warnings } = await startCommand(run, globals);
  if (ctx.workspace && severalLists) {
    // A repository of several lists, on the hot path: main() runs it (and says the warnings, once).
    ctx.models.close();
    run.exitCode = await severalLists();
    return;
  }
  sayConfigWarnings(run, warnings);
  if (run.forLargeList && isLarge(ctx.filePath)) run.forLargeList();
  try {
    await body(ctx);
  } finally {
    ctx.models.close();
  }
  if (ctx.writes.length > 0 && (globals.commit === true || ctx.settings.gitCommit)) {
    // Loaded only to commit (the hot path's bundles leave it out).
    const { commitWrites } = await import('./commands/commit.js');
    commitWrites(ctx);
  }
}

/**
 * Over this size a list's run is long enough (~3,500 papers in the example's style; a 10,000-paper list
 * is 1.4 MB) that V8's default tier-up costs more than it saves (see bin/code-cache.cjs).
 */
const LARGE_LIST_BYTES = 512 * 1024;

/** Whether the file at `path` is over LARGE_LIST_BYTES (no file, or one that cannot be looked at: no; the command says why). */
function isLarge(path: string): boolean {
  try {
    return (statSync(path, { throwIfNoEntry: false })?.size ?? 0) > LARGE_LIST_BYTES;
  } catch {
    return false;
  }
}

/** A whole run on the hot path: the command, then its exit code (errors become a message, as main() does). */
export async function runHotCommand(
  run: Run,
  globals: GlobalOptions,
  body: (ctx: CommandContext) => Promise<void>,
  /** Runs a repository of several lists instead (main(): the routing between lists is not in the hot files). */
  severalLists?: () => Promise<number>,
): Promise<number> {
  try {
    await runCommand(run, globals, body, severalLists);
    return run.exitCode ?? 0;
  } catch (error) {
    return reportError(
      run.stderr,
      error,
      run.argv.includes('--debug') || isDebug(run.env),
      run.argv.includes('--json'),
    );
  }
}
