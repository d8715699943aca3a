/** After a command that wrote the list: `--commit` commits it (see store/git-commit.ts). Notes go to stderr, so --json stays clean. */
import { commitFile } from '../../store/git-commit.js';
import { writesThisRun } from '../../store/journal.js';
import { sanitize } from '../output/sanitize.js';

export function commitWrites(): void {
  const first = writesThisRun[0];
  if (!first) return;
  const messages = writesThisRun.map((write) => write.message);
  const [subject, ...rest] = messages.join('\n').split('\n');
  const message = `papers: ${lowerFirst(subject!)}${rest.length ? `\n\n${rest.join('\n')}` : ''}`;
  const outcome = commitFile(first.realPath, first.beforeText, message);
  if (outcome.committed) process.stderr.write(`papers: committed "${sanitize(`papers: ${lowerFirst(subject!)}`)}"\n`);
  else process.stderr.write(`papers: did not commit: ${sanitize(outcome.reason)}\n`);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
