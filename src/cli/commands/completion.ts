/** `papers completion bash|zsh|fish`, and the hidden `papers __complete ids|areas` the scripts call. */
import type { Command } from 'commander';
import { UsageError } from '../../core/model/errors.js';
import { formatAreaPath } from '../../core/query/query.js';
import { loadFacts } from '../../store/stored-model.js';
import { completionSpec } from '../completion/spec.js';
import { SCRIPTS } from '../completion/scripts.js';
import { readList } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import type { CommandContext } from '../context.js';

export async function runCompletion(ctx: CommandContext, program: Command, shell: string): Promise<void> {
  const make = SCRIPTS[shell.toLowerCase()];
  if (!make) throw new UsageError(`no completion for "${shell}"; papers has bash, zsh and fish`);
  ctx.stdout.write(make(completionSpec(program)));
}

/** One candidate a line; nothing (and exit 0) when the list cannot be read: completion stays quiet. */
export async function runComplete(ctx: CommandContext, kind: string): Promise<void> {
  let papers;
  try {
    papers = await loadFacts(readList(ctx));
  } catch {
    return;
  }
  const out = new Set<string>();
  if (kind === 'ids') for (const paper of papers) out.add(paper.id);
  else if (kind === 'areas') {
    for (const paper of papers)
      for (let depth = 1; depth <= paper.area.length; depth++) out.add(formatAreaPath(paper.area.slice(0, depth)));
  } else throw new UsageError(`__complete takes ids or areas, not "${kind}"`);
  // Control, C1 and bidi characters would break the one-a-line protocol or the terminal: such names are left out.
  const lines = [...out].filter((line) => sanitize(line) === line);
  if (lines.length) ctx.stdout.write(`${lines.join('\n')}\n`);
}
