/** `papers done`, `undone` and `reading` for the hot path (built as dist/hot-mark.cjs; see hot.ts). */
import type { ReadState } from '../core/read/formats/meanings.js';
import { runMark } from './commands/mark.js';
import { createRun, type RunInput } from './context.js';
import type { HotCommand } from './hot.js';
import type { MutationOptions } from './mutate.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'mark') throw new Error(`internal: hot-mark cannot run ${call.command}`);
  return runHotCommand(createRun(input), call.globals, (ctx) =>
    runMark(ctx, call.args, call.options as MutationOptions, STATES[call.command]!),
  );
};

/** The state each hot mark command writes (as ACTIONS in main.ts). */
const STATES: Record<string, ReadState> = { done: 'read', undone: 'unread', reading: 'reading' };
