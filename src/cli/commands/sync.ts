/**
 * `papers sync`: commit the list if it changed, `git pull` (merging it paper by paper), `git push`
 * (src/git/sync.ts). Each step is a line on stdout; a stop is one line on stderr saying what state the
 * repository is in and what to do, exit 1.
 */
import { resolve } from 'node:path';
import { FileError } from '../../core/model/errors.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { driverCommand, listParser } from './git-setup.js';

export async function runSync(ctx: CommandContext): Promise<void> {
  const [{ sync }, { describeChanges }] = await Promise.all([
    import('../../git/sync.js'),
    import('../../core/merge/changes.js'),
  ]);
  const list = resolve(ctx.cwd, ctx.filePath);
  const parse = await listParser(ctx, list);
  const name = ctx.listPath;
  const outcome = sync({
    list,
    env: ctx.env,
    driver: driverCommand(ctx),
    message: (headText, text) => {
      const what = describeChanges(parse(headText), parse(text));
      return `papers: sync ${name}${what ? `: ${what}` : ''}`;
    },
  });
  for (const step of outcome.steps) ctx.stdout.write(`${sanitize(step)}\n`);
  for (const warning of outcome.warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
  if (outcome.failure) throw new FileError(outcome.failure);
}
