/**
 * `papers completion bash|zsh|fish` (or `--json`: what is completed). The candidates the scripts ask
 * for (`papers __complete ids`) are complete.ts's.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/model/errors.js';
import { completionSpec } from '../completion/spec.js';
import { SCRIPTS } from '../completion/scripts.js';
import { printJson } from '../context.js';
import type { CommandContext } from '../context.js';

export async function runCompletion(
  ctx: CommandContext,
  program: Command,
  shell: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  if (options.json) {
    if (shell !== undefined) throw new UsageError('give a shell or --json, not both');
    printJson(ctx, completionSpec(program));
    return;
  }
  if (shell === undefined) throw new UsageError('completion needs a shell: bash, zsh or fish (or --json)');
  const make = SCRIPTS[shell.toLowerCase()];
  if (!make) throw new UsageError(`no completion for "${shell}"; papers has bash, zsh and fish`);
  ctx.stdout.write(make(completionSpec(program)));
}
