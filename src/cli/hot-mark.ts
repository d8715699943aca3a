/** `papers done`, `undone` and `reading` for the hot path (built as dist/hot-mark.cjs; see hot.ts). */
import type { ReadState } from '../core/read/formats/meanings.js';
import { runMark } from './commands/mark.js';
import { createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import type { MutationOptions } from './mutate.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'mark') throw new Error(`internal: hot-mark cannot run ${call.command}`);
  const run = createRun(input);
  // A repository of several lists: main() routes each id to the file that holds it (the code that does
  // so stays out of this small file); it reports its own errors and gives the exit code.
  return runHotCommand(
    run,
    call.globals,
    (ctx) => runMark(ctx, call.args, withSoleListArea(ctx, call.options as MutationOptions), STATES[call.command]!),
    async () => (await import('./main.js')).main(input),
  );
};

/** The state each hot mark command writes (as ACTIONS in main.ts). */
const STATES: Record<string, ReadState> = { done: 'read', undone: 'unread', reading: 'reading' };
