/**
 * `papers git setup [--global]`: git told to merge the list with `papers merge-driver` (see
 * src/git/setup.ts). Also what the git commands share: the driver's command line and the list's parser.
 */
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../core/model/errors.js';
import type { ListDocument } from '../../core/model/paper.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';

export interface GitOptions {
  global?: boolean;
}

const GIT_ACTIONS = ['setup'] as const;

export async function runGit(ctx: CommandContext, action: string, options: GitOptions): Promise<void> {
  if (!(GIT_ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`papers git takes ${GIT_ACTIONS.join(', ')}, not "${action}": papers git setup`);
  const { setUpDriver } = await import('../../git/setup.js');
  const outcome = setUpDriver({
    list: resolve(ctx.cwd, ctx.filePath),
    driver: driverCommand(ctx),
    global: options.global === true,
    env: ctx.env,
    ...(ctx.config.file?.lists.length ? { lists: { dir: ctx.config.file.dir, globs: ctx.config.file.lists } } : {}),
  });
  const lines = [
    ...outcome.done,
    ...outcome.already.map((line) => `already: ${line}`),
    ...outcome.notes.map((line) => `note: ${line}`),
  ];
  ctx.stdout.write(`${lines.map(sanitize).join('\n')}\n`);
}

const ARGS = 'merge-driver --marker-size %L %O %A %B %P';

/**
 * What git runs: `papers merge-driver --marker-size %L %O %A %B %P` when `papers` on the PATH is this papers, else this
 * papers by its full path (git may run with another PATH, or papers may not be installed).
 */
export function driverCommand(ctx: CommandContext): string {
  const script = ctx.argv[1];
  if (!script || !isAbsolute(script)) return `papers ${ARGS}`;
  const onPath = findOnPath('papers', ctx.env.PATH ?? '');
  if (onPath !== null && realpathOrSelf(onPath) === realpathOrSelf(script)) return `papers ${ARGS}`;
  return `${shellQuote(process.execPath)} ${shellQuote(script)} ${ARGS}`;
}

function findOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** For `sh -c`, which is how git runs a merge driver. */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The list's parser, with the reading rules of the repository's .papers.json for `path`. */
export async function listParser(ctx: CommandContext, path: string): Promise<(text: string) => ListDocument> {
  const config = await loadConfig(ctx.settings, path, ctx.cwd);
  for (const warning of config.warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
  const [{ parseDocument }, { remarkPartModel }, { parseWithRules, partCacheForCall }] = await Promise.all([
    import('../../core/read/parse.js'),
    import('../../core/read/parse-remark.js'),
    import('../../core/read/parts.js'),
  ]);
  if (config.formats.length === 0) {
    // A merge reads three versions of one list and what it writes: the parts they share are read once.
    const cache = partCacheForCall();
    return (text) => parseDocument(text, { cache });
  }
  return (text) => parseWithRules(text, remarkPartModel, config.formats).doc;
}
