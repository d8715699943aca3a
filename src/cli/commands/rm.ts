/**
 * `papers rm [id...]`: remove items (and the blank line before each); asks first on a terminal. Without
 * ids: a pick on the terminal, `-` for ids on stdin, or --all with filters (targets.ts).
 */
import { FileError, UsageError } from '../../core/model/errors.js';
import { displayName } from '../../core/write/change.js';
import { removePaper } from '../../core/write/operations.js';
import { resolvePaper } from '../../core/query/query.js';
import { loadList } from '../context.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { sanitize } from '../output/sanitize.js';
import { confirm, isInteractive } from '../prompt.js';
import { type Target, type TargetOptions, targetsOf, withPaperChoice } from '../targets.js';
import { inSequence, parserFor } from './sequence.js';

const HOW = { command: 'rm', verb: 'Remove', multiple: true } as const;

export async function runRm(
  ctx: CommandContext,
  ids: string[],
  options: MutationOptions & TargetOptions & { yes?: boolean },
): Promise<void> {
  const targets = await targetsOf(ctx, ids, options, HOW);
  // --all has asked its own question (or was given --yes); a pick is still asked about.
  await withPaperChoice(ctx, targets, (chosen) => removeAsking(ctx, chosen, options, options.all === true));
}

async function removeAsking(
  ctx: CommandContext,
  targets: Target[],
  options: MutationOptions & { yes?: boolean },
  asked: boolean,
): Promise<void> {
  if (!options.yes && !options.dryRun && !asked) {
    if (!isInteractive(ctx))
      throw new UsageError('rm asks before removing; not on a terminal, pass --yes (or --dry-run to see the change)');
    const papers = (await loadList(ctx)).doc.papers;
    const chosen = [...new Set(targets.map((target) => resolvePaper(papers, target)))];
    const names = chosen
      .map((paper) => `${sanitize(displayName(paper))} (${sanitize(paper.id)}, line ${paper.line})`)
      .join(', ');
    if (!(await confirm(`Remove ${names}?`))) {
      ctx.stderr.write('Nothing removed.\n');
      return;
    }
    // Remove what was confirmed: by id, and only while each id still names the paper shown.
    const confirmed = chosen.map((paper) => ({ id: paper.id, title: paper.title }));
    const parse = await parserFor(confirmed, ctx.config.formats);
    await runMutation(ctx, options, (doc) => {
      for (const { id, title } of confirmed) {
        const now = doc.papers.find((paper) => paper.id === id);
        if (now?.title !== title) {
          throw new FileError(
            `the list changed after you confirmed: "${id}" is no longer "${title}"; nothing was removed, run rm again`,
          );
        }
      }
      return inSequence(
        doc,
        confirmed.map((paper) => ({ id: paper.id })),
        parse,
        removePaper,
      );
    });
    return;
  }
  const parse = await parserFor(targets, ctx.config.formats);
  await runMutation(ctx, options, (doc) => inSequence(doc, targets, parse, removePaper));
}
