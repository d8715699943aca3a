/** `papers note <id> <url> [--label Note]`: add a link after the paper's links, or re-point one. */
import { attachLink } from '../../core/write/operations.js';
import { resolvePaper } from '../../core/query/query.js';
import { cleanLabel } from '../../core/write/validate.js';
import { cleanLink } from '../links.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runNote(
  ctx: CommandContext,
  id: string,
  url: string,
  options: MutationOptions & { label: string; force?: boolean },
): Promise<void> {
  const label = cleanLabel(options.label);
  const cleanedUrl = cleanLink(url, ctx.filePath, options.force === true);
  await runMutation(ctx, options, (doc) => attachLink(doc, resolvePaper(doc.papers, id), label, cleanedUrl));
}
