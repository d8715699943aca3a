/**
 * `papers done`, `undone`, `reading`, `note` and `undo` for the hot path (built as dist/hot-mark.cjs; see
 * hot.ts): the small writes. Through commander `note` and `undo` took ~45 ms more a run than `done`.
 */
import type { ReadState } from '../core/read/formats/meanings.js';
import { runMark } from './commands/mark.js';
import { runNote } from './commands/note.js';
import { runRm } from './commands/rm.js';
import { runUndo } from './commands/undo.js';
import { type CommandContext, createRun, type RunInput, withSoleListArea } from './context.js';
import type { HotCommand } from './hot.js';
import type { MutationOptions } from './mutate.js';
import { runHotCommand } from './run-command.js';

export const runHot: HotCommand['runHot'] = (call, input: RunInput) => {
  if (call.bundle !== 'mark') throw new Error(`internal: hot-mark cannot run ${call.command}`);
  const run = createRun(input);
  // (What main()'s actions give each command: commands/*.ts read their options as commander fills them.)
  const body = (ctx: CommandContext): Promise<void> => {
    const options = withSoleListArea(ctx, call.options) as never;
    if (call.command === 'note') return runNote(ctx, call.args[0], call.args[1], options);
    if (call.command === 'undo') return runUndo(ctx, options);
    if (call.command === 'rm') return runRm(ctx, call.args, options);
    const state = STATES[call.command];
    if (state === undefined) throw new Error(`internal: hot-mark cannot run ${call.command}`);
    return runMark(ctx, call.args, options as MutationOptions, state);
  };
  // A repository of several lists: main() routes each id to the file that holds it, and `undo` to the
  // list changed last (the code that does so stays out of this small file); it reports its own errors
  // and gives the exit code.
  return runHotCommand(run, call.globals, body, async () => (await import('./main.js')).main(input));
};

/** The state each hot mark command writes (as ACTIONS in main.ts). */
const STATES: Record<string, ReadState> = { done: 'read', undone: 'unread', reading: 'reading' };
