/** `papers list` for the hot path (built as dist/hot-list.cjs; see hot.ts). */
import { type ListOptions, runList } from './commands/list.js';
import { createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'list') throw new Error(`internal: hot-list cannot run ${call.command}`);
  return runHotCommand(createRun(input), call.globals, (ctx) =>
    runList(ctx, withSoleListArea(ctx, call.options as ListOptions)),
  );
};
