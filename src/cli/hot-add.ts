/** `papers add <title-or-ref>` for the hot path (built as dist/hot-add.cjs; see hot.ts). */
import { type AddOptions, looksUp, runAdd } from './commands/add.js';
import { createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = async (call, input: RunInput) => {
  if (call.bundle !== 'add') throw new Error(`internal: hot-add cannot run ${call.command}`);
  const options = call.options as AddOptions;
  const toMain = async () => (await import('./main.js')).main(input);
  // An add by reference runs in the full CLI, where the lookups are (network-bound anyway); so does one
  // in a repository of several lists, where main() picks the list the area is in. Either reports its
  // own errors and gives the exit code.
  if (looksUp(call.args[0], options)) return toMain();
  return runHotCommand(
    createRun(input),
    call.globals,
    (ctx) => runAdd(ctx, call.args[0], withSoleListArea(ctx, options)),
    toMain,
  );
};
