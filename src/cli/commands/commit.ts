/**
 * After a command that wrote the list: with --commit or PAPERS_GIT_COMMIT, commit the writes this run
 * made (see store/git-commit.ts). Called by runCommand (cli/run-command.ts) in the command's own code
 * path, on both the commander and the hot path. Notes go to stderr, so --json stays clean.
 */
import { commitFile } from '../../store/git-commit.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';

export function commitWrites(ctx: CommandContext): void {
  const first = ctx.writes[0];
  if (!first) return;
  const messages = ctx.writes.map((write) => write.message);
  const [subject, ...rest] = messages.join('\n').split('\n');
  const message = `papers: ${lowerFirst(subject!)}${rest.length ? `\n\n${rest.join('\n')}` : ''}`;
  const outcome = commitFile(first.realPath, first.beforeText, message, ctx.env);
  if (outcome.committed) ctx.stderr.write(`papers: committed "${sanitize(`papers: ${lowerFirst(subject!)}`)}"\n`);
  else ctx.stderr.write(`papers: did not commit: ${sanitize(outcome.reason)}\n`);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
