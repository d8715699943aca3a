/** `papers add <title-or-ref>` for the hot path (built as dist/hot-add.cjs; see hot.ts). */
import { type AddOptions, looksUp, runAdd } from './commands/add.js';
import { createRun, type RunInput } from './context.js';
import type { HotCommand } from './hot.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'add') throw new Error(`internal: hot-add cannot run ${call.command}`);
  const run = createRun(input);
  return runHotCommand(run, call.globals, async (ctx) => {
    // A repository of several lists: main() picks the list the area is in (that code stays out of this
    // small file); it reports its own errors and gives the exit code.
    // So does an add by reference (its lookups, network-bound, are in the full CLI only).
    const options = call.options as AddOptions;
    if (ctx.workspace || looksUp(call.args[0], options)) run.exitCode = await (await import('./main.js')).main(input);
    else await runAdd(ctx, call.args[0], options);
  });
};
