/**
 * `papers sync`: commit the list if it changed, `git pull` (merging it paper by paper), `git push`
 * (src/git/sync.ts). Each step is a line on stdout; a stop is one line on stderr saying what state the
 * repository is in and what to do, exit 1.
 */
import { relative, resolve } from 'node:path';
import { FileError } from '../../core/model/errors.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { driverCommand, listParser } from './git-setup.js';

export async function runSync(ctx: CommandContext): Promise<void> {
  const [{ sync }, { describeChanges }] = await Promise.all([
    import('../../git/sync.js'),
    import('../../core/merge/changes.js'),
  ]);
  // A repository of lists: each of them (each read with its own rules); else the one list.
  const lists = ctx.workspace?.map((list) => list.path) ?? [resolve(ctx.cwd, ctx.filePath)];
  const parsers = new Map<string, Awaited<ReturnType<typeof listParser>>>();
  for (const list of lists) parsers.set(list, await listParser(ctx, list));
  const outcome = sync({
    lists,
    env: ctx.env,
    driver: driverCommand(ctx),
    message: (list, headText, text) => {
      const parse = parsers.get(list)!;
      const what = describeChanges(parse(headText), parse(text));
      const name = relative(ctx.cwd, list) || list;
      return `papers: sync ${name}${what ? `: ${what}` : ''}`;
    },
  });
  for (const step of outcome.steps) ctx.stdout.write(`${sanitize(step)}\n`);
  for (const warning of outcome.warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
  if (outcome.failure) throw new FileError(outcome.failure);
}
