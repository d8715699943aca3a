/**
 * The slower ways of naming papers (see targets.ts): ids on stdin, --all with filters, a pick on the
 * terminal, and a pick among the papers an ambiguous id fits. Loaded only for those.
 */
import { CancelledError, NotFoundError, UsageError } from '../core/model/errors.js';
import type { PaperFacts } from '../core/model/paper.js';
import { type AmbiguousPaperError, filterPapers, type PaperFilter } from '../core/query/query.js';
import { loadFacts } from '../store/stored-model.js';
import { checkAreaExists, checkVenueExists } from './commands/list.js';
import { type CommandContext, readList } from './context.js';
import { sanitize } from './output/sanitize.js';
import { hasFilters, type Target, type TargetHow, type TargetOptions } from './targets.js';
import { isInteractive } from './terminal.js';
import { areaOfRepository, loadAllFacts } from './workspace.js';

/**
 * The papers a command of a repository of lists acts on, chosen across every list (one pick, one
 * question, the ids on stdin): thrown by chooseTargets to end that command's choosing run, so that
 * cli/workspace.ts routes the ids to their files and runs the command on each with them.
 */
export class ChosenAcross extends Error {
  constructor(
    /** As typed (stdin), or a paper's id as the repository names it (`stem/id` where two files share one). */
    readonly targets: Target[],
    /** The filters and --all the choice used up (the runs on each file get the ids instead). */
    readonly usedUp: readonly (keyof TargetOptions)[],
  ) {
    super('internal: papers chosen across the lists of a repository were not routed');
  }
}

export async function chooseTargets(
  ctx: CommandContext,
  ids: readonly string[],
  options: TargetOptions,
  how: TargetHow,
): Promise<Target[]> {
  const targets = await choose(ctx, ids, options, how);
  if (!ctx.workspace) return targets;
  const usedUp = (['area', 'venue', 'year', 'search', 'all'] as const).filter((key) => options[key] !== undefined);
  throw new ChosenAcross(targets, usedUp);
}

async function choose(
  ctx: CommandContext,
  ids: readonly string[],
  options: TargetOptions,
  how: TargetHow,
): Promise<Target[]> {
  if (ids.length > 0) {
    if (hasFilters(options) || options.all)
      throw new UsageError(`give ids, or filters (--area, --venue, --year, --search) with --all or a pick; not both`);
    return fromStdin(ctx, ids);
  }
  // In a repository of lists: every list's papers, as `list` shows them (cli/workspace.ts).
  const papers = ctx.workspace ? (await loadAllFacts(ctx)).papers : await loadFacts(ctx.models, readList(ctx));
  const filter: PaperFilter = {};
  if (options.area !== undefined) {
    const area = areaOfRepository(ctx, papers, options.area);
    checkAreaExists(papers, area);
    filter.area = area;
  }
  if (options.venue !== undefined) {
    checkVenueExists(papers, options.venue);
    filter.venue = options.venue;
  }
  if (options.year !== undefined) filter.year = options.year;
  if (options.search !== undefined) filter.search = options.search;
  const matched = filterPapers(papers, filter);
  const offered = how.offers ? matched.filter(how.offers) : matched;
  const interactive = isInteractive(ctx);
  if (options.all) {
    if (!how.multiple)
      throw new UsageError(`${how.command} takes one paper; --all is for done, undone, reading and rm`);
    if (offered.length === 0) throw new NotFoundError(nothingToOffer(how, matched.length));
    if (!options.yes && !options.dryRun) {
      if (!interactive)
        throw new UsageError(
          `--all would ${how.verb.toLowerCase()} ${count(offered.length)}; not on a terminal, add --yes (or --dry-run to see the change)`,
        );
      const { confirm } = await import('./prompt.js');
      const shown = offered
        .slice(0, 5)
        .map((paper) => `#${paper.number} ${paper.id}`)
        .join(', ');
      const more = offered.length > 5 ? `, and ${offered.length - 5} more` : '';
      if (!(await confirm(`${how.verb} ${count(offered.length)} (${sanitize(shown)}${more})?`)))
        throw new CancelledError();
    }
    return offered.map((paper) => ({ id: paper.id }));
  }
  if (!interactive)
    throw new UsageError(
      `${how.command} needs ${how.multiple ? 'ids' : 'an id'} (or \`-\` to read ids from stdin${how.multiple ? ', or --all with filters' : ''}); on a terminal, \`papers ${how.command}\` without one lets you pick`,
    );
  if (offered.length === 0) throw new NotFoundError(nothingToOffer(how, matched.length));
  const { pickPapers } = await import('./picker.js');
  const picked = await pickPapers(offered, {
    message: `${how.verb}:`,
    multiple: how.multiple,
    columns: ctx.stderr.columns,
  });
  return picked.map((paper) => ({ id: paper.id }));
}

function count(n: number): string {
  return `${n} paper${n === 1 ? '' : 's'}`;
}

function nothingToOffer(how: TargetHow, matched: number): string {
  return matched === 0
    ? 'no paper matches the filters'
    : `none of the ${count(matched)} the filters match is left to ${how.verb.toLowerCase()}`;
}

/** `-` among the ids: the ids on stdin, one a line (a line's text up to its first tab, so `{id}\t{title}` works). */
async function fromStdin(ctx: CommandContext, ids: readonly string[]): Promise<Target[]> {
  const stdin = ctx.stdin ?? process.stdin;
  if (stdin.isTTY) throw new UsageError('`-` reads ids from a pipe: papers list --unread --columns id | papers done -');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const piped = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r\n|\r|\n/)
    .map((line) => line.split('\t')[0]!.trim())
    .filter((line) => line !== '');
  if (piped.length === 0) throw new UsageError('`-` was given but stdin held no ids');
  return ids.flatMap((id) => (id === '-' ? piped : [id]));
}

/** An id that fits several papers: the user picks which (one per id); the ids are the same otherwise. */
export async function chooseAmong(
  ctx: CommandContext,
  targets: readonly Target[],
  error: AmbiguousPaperError,
): Promise<Target[]> {
  const { pickPapers } = await import('./picker.js');
  const candidates: PaperFacts[] = error.candidates;
  const [picked] = await pickPapers(candidates, {
    message: `"${sanitize(error.query)}" fits ${count(candidates.length)}; which one?`,
    multiple: false,
    columns: ctx.stderr.columns,
  });
  const at = targets.indexOf(error.query);
  // Not one of ours (cannot happen): asking again would only ask again.
  if (at < 0) throw error;
  return targets.map((target, i) => (i === at ? { id: picked!.id } : target));
}
