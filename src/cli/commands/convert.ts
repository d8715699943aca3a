/** `papers convert --to table|list [--area A]`: rewrite task lists as paper tables, or back. */
import { convert } from '../../core/write/convert/index.js';
import { UsageError } from '../../core/model/errors.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runConvert(
  ctx: CommandContext,
  options: MutationOptions & { to: string; area?: string },
): Promise<void> {
  const to = options.to;
  if (to !== 'table' && to !== 'list') throw new UsageError(`--to takes "table" or "list", not "${to}"`);
  // A convert moves no paper: the file's summary counts (badges) stay as written, so converting back gives its bytes.
  await runMutation(
    ctx,
    options,
    (doc) => convert(doc, { to, ...(options.area === undefined ? {} : { area: options.area }) }),
    { keepCounts: false },
  );
}
