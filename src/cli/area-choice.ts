/**
 * A new area whose name is a few typing mistakes from an existing one (`Distributed Training` beside
 * `Distrubited Training`) is more likely a typo than a wish: the core refuses it unless --create says
 * it is meant; on a terminal the user is asked instead, and the command runs again with the answer.
 */
import { NearMissAreaError } from '../core/model/errors.js';
import type { CommandContext } from './context.js';
import { choose, isInteractive } from './prompt.js';

/** Runs `attempt(area, create)`; on a near miss at a terminal, asks and runs it once more. */
export async function withAreaChoice(
  ctx: CommandContext,
  area: string,
  create: boolean,
  attempt: (area: string, create: boolean) => Promise<void>,
): Promise<void> {
  try {
    await attempt(area, create);
  } catch (error) {
    if (!(error instanceof NearMissAreaError) || !isInteractive(ctx)) throw error;
    const createNew = `Create a new area "${error.wanted}"`;
    const answer = await choose(
      `There is no area "${error.wanted}"${error.file === undefined ? '' : ` in ${error.file}`}. Did you mean:`,
      [...error.similar, createNew],
      false,
    );
    await attempt(answer === createNew ? area : answer, true);
  }
}
