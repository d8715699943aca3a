/**
 * `papers list`, and the other commands that read the list and change nothing (`stats`, `areas`, `show`,
 * `next`, `log`, `open`, and `__complete`, which the completion scripts run at each Tab), for the hot path
 * (built as dist/hot-list.cjs; see hot.ts). Through main() each of those cost a run ~35-45 ms more
 * (commander and the whole CLI loaded): `stats` of the seed took ~121 ms where `list` took ~75. They share
 * the list's loading and output with `list`, so they are in its file: a file of their own (hot-view.cjs)
 * put ~25 KB more in the tarball, which has little room under its 1 MB.
 */
import { runComplete } from './commands/complete.js';
import { type ListOptions, runList } from './commands/list.js';
import { runLog } from './commands/log.js';
import { runNext } from './commands/next.js';
import { runOpen } from './commands/open.js';
import { runShow } from './commands/show.js';
import { runAreas, runStats } from './commands/stats.js';
import { type CommandContext, createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'list') throw new Error(`internal: hot-list cannot run ${call.command}`);
  // (What main()'s actions give each command: commands/*.ts read their options as commander fills them.)
  const body = (ctx: CommandContext): Promise<void> => {
    const options = withSoleListArea(ctx, call.options) as never;
    if (call.command === 'list') return runList(ctx, options as ListOptions);
    if (call.command === 'stats') return runStats(ctx, options);
    if (call.command === 'areas') return runAreas(ctx, options);
    if (call.command === 'next') return runNext(ctx, options);
    if (call.command === 'show') return runShow(ctx, call.args[0], options);
    if (call.command === 'open') return runOpen(ctx, call.args[0], options);
    if (call.command === '__complete') return runComplete(ctx, call.args[0]!);
    if (call.command === 'log') return runLog(ctx, options);
    throw new Error(`internal: hot-list cannot run ${call.command}`);
  };
  // A repository of several lists: `show` and `open` are routed to the file that holds the paper, which
  // main() does (the routing stays out of this file); the others read every list as one, here as there.
  const routed =
    call.command === 'show' || call.command === 'open'
      ? async () => (await import('./main.js')).main(input)
      : undefined;
  return runHotCommand(createRun(input), call.globals, body, routed);
};
