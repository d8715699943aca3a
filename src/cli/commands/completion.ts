/**
 * `papers completion bash|zsh|fish` (or `--json`: what is completed), and the hidden
 * `papers __complete ids|unread|read|areas` the scripts call.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/model/errors.js';
import { withoutLeadingEmoji } from '../../core/query/areas.js';
import { formatAreaPath } from '../../core/query/query.js';
import { completionSpec } from '../completion/spec.js';
import { SCRIPTS } from '../completion/scripts.js';
import { loadAllFacts } from '../workspace.js';
import { printJson } from '../context.js';
import { sanitize } from '../output/sanitize.js';
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

const KINDS = ['ids', 'unread', 'read', 'areas'];

/**
 * One candidate a line; nothing (and exit 0) when the list cannot be read: completion stays quiet.
 * `unread` are the ids `done` may take (not read yet), `read` those `undone` may (read or being read).
 * Areas come with and without their leading emoji (`⚙️ Compiler` and `Compiler`: --area takes both).
 */
export async function runComplete(ctx: CommandContext, kind: string): Promise<void> {
  if (!KINDS.includes(kind)) throw new UsageError(`__complete takes ${KINDS.join(', ')}, not "${kind}"`);
  let papers;
  try {
    papers = (await loadAllFacts(ctx)).papers;
  } catch {
    return;
  }
  const out = new Set<string>();
  const offered = {
    ids: () => true,
    unread: (paper: { read: boolean }) => !paper.read,
    read: (paper: { read: boolean; reading: boolean }) => paper.read || paper.reading,
  }[kind];
  if (offered) {
    for (const paper of papers) if (offered(paper)) out.add(paper.id);
  } else {
    for (const paper of papers)
      for (let depth = 1; depth <= paper.area.length; depth++) {
        const path = formatAreaPath(paper.area.slice(0, depth));
        out.add(path);
        const plain = withoutLeadingEmoji(path)
          .split('/')
          .map((part) => part.trim())
          .join('/');
        if (plain !== path && !plain.split('/').includes('')) out.add(plain);
      }
  }
  // Control, C1 and bidi characters would break the one-a-line protocol or the terminal: such names are left out.
  const lines = [...out].filter((line) => sanitize(line) === line);
  if (lines.length) ctx.stdout.write(`${lines.join('\n')}\n`);
}
