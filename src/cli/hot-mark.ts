/** `papers done` and `papers undone` for the hot path (built as dist/hot-mark.cjs; see hot.ts). */
import { runMark } from './commands/mark.js';
import type { HotCall } from './hot.js';
import { runHotAction } from './hot-command.js';

export function runHot(call: HotCall, argv: string[]): Promise<number> {
  if (call.command !== 'done' && call.command !== 'undone') throw new Error(`internal: hot-mark cannot run ${call.command}`);
  return runHotAction(argv, () => runMark(call.globals, call.ids, call.options, call.command === 'done' ? 'read' : 'unread'));
}
