/** `papers note <id> <url> [--label Note]`: add a link after the paper's links, or re-point one. */
import { attachLink } from '../../core/operations.js';
import { resolvePaper } from '../../core/query.js';
import { cleanLabel } from '../../core/validate.js';
import { listPath } from '../context.js';
import { cleanLink } from '../links.js';
import type { GlobalOptions } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runNote(globals: GlobalOptions, id: string, url: string, options: MutationOptions & { label: string; force?: boolean }): Promise<void> {
  const label = cleanLabel(options.label);
  const cleanedUrl = cleanLink(url, listPath(globals), options.force === true);
  await runMutation(globals, options, (doc) => attachLink(doc, resolvePaper(doc.papers, id), label, cleanedUrl));
}
