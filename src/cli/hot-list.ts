/** `papers list` for the hot path (built as dist/hot-list.cjs; see hot.ts). */
import { runList } from './commands/list.js';
import type { HotCall } from './hot.js';
import { runHotAction } from './hot-command.js';

export function runHot(call: HotCall, argv: string[]): Promise<number> {
  if (call.command !== 'list') throw new Error(`internal: hot-list cannot run ${call.command}`);
  return runHotAction(argv, () => runList(call.globals, call.options));
}
