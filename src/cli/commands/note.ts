/**
 * `papers note [id] [url] [--label Note]`: add a link after the paper's links, or re-point one (with
 * --force: the old URL is named, never lost silently). Without an id, on a terminal: pick the paper,
 * then type the link.
 */
import { PapersError, UsageError } from '../../core/model/errors.js';
import { attachLink } from '../../core/write/operations.js';
import { withReadBack } from '../../core/write/read-back.js';
import { resolvePaper } from '../../core/query/query.js';
import { cleanLabel } from '../../core/write/validate.js';
import { cleanLink } from '../links.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { isInteractive } from '../terminal.js';
import { targetsOf, withPaperChoice } from '../targets.js';

export async function runNote(
  ctx: CommandContext,
  id: string | undefined,
  url: string | undefined,
  options: MutationOptions & { label: string; force?: boolean },
): Promise<void> {
  const label = cleanLabel(options.label);
  const targets = await targetsOf(
    ctx,
    id === undefined ? [] : [id],
    {},
    {
      command: 'note',
      verb: `Add a ${label} link to`,
      multiple: false,
    },
  );
  await withPaperChoice(ctx, targets, async ([target]) => {
    const given = url ?? (await askUrl(ctx, label));
    const cleanedUrl = cleanLink(given, ctx.filePath, options.force === true);
    await runMutation(ctx, options, (doc) =>
      withReadBack((readBack) => {
        const paper = resolvePaper(doc.papers, target!);
        const existing = paper.links.find((link) => link.label.toLowerCase() === label.toLowerCase());
        if (existing && existing.url !== cleanedUrl && !options.force)
          throw new PapersError(
            `${paper.id} already has a ${existing.label} link (${existing.url}); pass --force to replace it, or --label to add another`,
          );
        return attachLink(doc, paper, label, cleanedUrl, readBack);
      }, ctx.models.parser.freshParts),
    );
  });
}

async function askUrl(ctx: CommandContext, label: string): Promise<string> {
  if (!isInteractive(ctx)) throw new UsageError(`note needs a URL: papers note <id> <url> [--label ${label}]`);
  const { ask } = await import('../prompt.js');
  return ask(`${label} URL (or a path beside the list):`, (answer) => (answer === '' ? 'the URL is empty' : null));
}
