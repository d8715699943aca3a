/** `papers rm <id>`: remove the item (and the blank line before it); asks first on a terminal. */
import { UsageError } from '../../core/errors.js';
import { displayName, removePaper } from '../../core/operations.js';
import { resolvePaper } from '../../core/query.js';
import { loadList } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { sanitize } from '../output/sanitize.js';
import { confirm, isInteractive } from '../prompt.js';

export async function runRm(globals: GlobalOptions, id: string, options: MutationOptions & { yes?: boolean }): Promise<void> {
  if (!options.yes && !options.dryRun) {
    if (!isInteractive()) throw new UsageError('rm asks before removing; not on a terminal, pass --yes (or --dry-run to see the change)');
    const paper = resolvePaper((await loadList(globals)).doc.papers, id);
    if (!(await confirm(`Remove ${sanitize(displayName(paper))} (line ${paper.line})?`))) {
      process.stderr.write('Nothing removed.\n');
      return;
    }
  }
  await runMutation(globals, options, (doc) => removePaper(doc, resolvePaper(doc.papers, id)));
}
