/**
 * Which papers a command acts on: the ids typed (the usual case, decided here without loading anything
 * more), or, loaded only when needed (choose-targets.ts): ids read from stdin (`-`), every paper the
 * filters match (`--all`), or a pick on the terminal when no id is given. An id that fits several papers
 * is an AmbiguousPaperError; on a terminal the user picks among them and the command runs again.
 */
import { AmbiguousPaperError, type PaperRef, resolvePaper } from '../core/query/query.js';
import type { PaperFacts } from '../core/model/paper.js';
import type { CommandContext } from './context.js';
import { isInteractive } from './terminal.js';

/** What the user typed for one paper, or a paper the program has named by its exact id (a pick). */
export type Target = string | PaperRef;

/** The options of a command that can act without ids (command-table.ts TARGET_OPTIONS). */
export interface TargetOptions {
  area?: string;
  venue?: string;
  year?: number;
  search?: string;
  all?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

export interface TargetHow {
  /** The command, for messages (`done`). */
  command: string;
  /** What it does to a paper, for the questions (`Mark read`). */
  verb: string;
  multiple: boolean;
  /** Which papers a pick or --all offers (done: those not read yet). */
  offers?: (paper: PaperFacts) => boolean;
}

export function hasFilters(options: TargetOptions): boolean {
  return (
    options.area !== undefined ||
    options.venue !== undefined ||
    options.year !== undefined ||
    options.search !== undefined
  );
}

export async function targetsOf(
  ctx: CommandContext,
  ids: readonly string[],
  options: TargetOptions,
  how: TargetHow,
): Promise<Target[]> {
  if (ids.length > 0 && !ids.includes('-') && !hasFilters(options) && !options.all) return [...ids];
  return (await import('./choose-targets.js')).chooseTargets(ctx, ids, options, how);
}

/** Runs `attempt`; when an id fits several papers and this is a terminal, asks which and runs it again. */
export async function withPaperChoice(
  ctx: CommandContext,
  targets: readonly Target[],
  attempt: (targets: Target[]) => Promise<void>,
): Promise<void> {
  try {
    await attempt([...targets]);
  } catch (error) {
    if (!(error instanceof AmbiguousPaperError) || !isInteractive(ctx)) throw error;
    const { chooseAmong } = await import('./choose-targets.js');
    await withPaperChoice(ctx, await chooseAmong(ctx, targets, error), attempt);
  }
}

/** One paper for a command that reads (show, open): by its id, or picked on the terminal when none is given. */
export async function onePaper<T extends PaperFacts>(
  ctx: CommandContext,
  papers: readonly T[],
  id: string | undefined,
  command: string,
  verb: string,
): Promise<T> {
  const how = { command, verb, multiple: false };
  const [target] = await targetsOf(ctx, id === undefined ? [] : [id], {}, how);
  let found: T | undefined;
  await withPaperChoice(ctx, [target!], async ([chosen]) => {
    found = resolvePaper(papers, chosen!);
  });
  return found!;
}
