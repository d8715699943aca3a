/**
 * `papers __complete ids|unread|read|areas`: the candidates the completion scripts (completion.ts) ask
 * for at each Tab, one a line. On the hot path (hot-list.cjs): through commander each Tab took ~35 ms more.
 */
import { UsageError } from '../../core/model/errors.js';
import { withoutLeadingEmoji } from '../../core/query/areas.js';
import { formatAreaPath } from '../../core/query/query.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { loadAllFacts } from '../workspace.js';

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
