/**
 * `papers stats`, `areas`, `show` and `next` for the hot path (built as dist/hot-view.cjs; see hot.ts):
 * the everyday commands that read the list and change nothing. Through main() each cost a run ~45 ms
 * more (commander and the whole CLI loaded): `stats` of the seed took ~121 ms where `list` took ~72.
 */
import { runNext } from './commands/next.js';
import { runShow } from './commands/show.js';
import { runAreas, runStats } from './commands/stats.js';
import { type CommandContext, createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'view') throw new Error(`internal: hot-view cannot run ${call.command}`);
  const run = createRun(input);
  // (What main()'s actions give each command: commands/*.ts read their options as commander fills them.)
  const body = (ctx: CommandContext): Promise<void> => {
    const options = withSoleListArea(ctx, call.options) as never;
    if (call.command === 'stats') return runStats(ctx, options);
    if (call.command === 'areas') return runAreas(ctx, options);
    if (call.command === 'next') return runNext(ctx, options);
    if (call.command === 'show') return runShow(ctx, call.args[0], options);
    throw new Error(`internal: hot-view cannot run ${call.command}`);
  };
  // A repository of several lists: `show` is routed to the file that holds the paper, which main() does
  // (the routing stays out of this file); the others read every list as one, here as there.
  const routed = call.command === 'show' ? async () => (await import('./main.js')).main(input) : undefined;
  return runHotCommand(run, call.globals, body, routed);
};
