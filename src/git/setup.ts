/**
 * `papers git setup`: git told to merge the list with `papers merge-driver`. Two things make a driver
 * work: an attribute that names it for the file (`/README.md merge=papers` in the repository's
 * `.gitattributes`, which is committed, so every clone has it), and the driver's definition in git's
 * config (`merge.papers.driver`, `merge.papers.name`), which is never committed: each clone's
 * `.git/config`, or once per machine with --global. Each step is done only when it is not done yet.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { FileError } from '../core/model/errors.js';
import { firstLine, git, workTreeTop } from './run.js';

export const DRIVER_NAME = 'papers';
export const DRIVER_DESCRIPTION = 'papers: merge reading lists paper by paper';

export interface SetupRequest {
  /** The list (absolute). */
  list: string;
  /** The command git runs, with its placeholders: `papers merge-driver --marker-size %L %O %A %B %P`. */
  driver: string;
  global: boolean;
  env: NodeJS.ProcessEnv;
  /** The repository's lists, as its .papers.json names them (globs relative to `dir`): each gets a line too. */
  lists?: { dir: string; globs: readonly string[] };
}

export interface SetupOutcome {
  /** What was written, one line each. */
  done: string[];
  /** What was already so. */
  already: string[];
  /** Things the user must know (a line that overrides the attribute, the file to commit). */
  notes: string[];
}

/** Where the list stands: whether git would merge it with papers, and the list's path in the work tree. */
export interface DriverStatus {
  top: string;
  path: string;
  attribute: boolean;
  config: boolean;
}

export function driverStatus(list: string, env: NodeJS.ProcessEnv): DriverStatus | null {
  const top = workTreeTop(dirname(list), env);
  if (top === null) return null;
  const path = pathInTree(top, list);
  const attr = git(top, env, ['check-attr', 'merge', '--', path]);
  const attribute = attr.status === 0 && attr.stdout.trim().endsWith(`: merge: ${DRIVER_NAME}`);
  const config = git(top, env, ['config', '--get', `merge.${DRIVER_NAME}.driver`]);
  return { top, path, attribute, config: config.status === 0 && config.stdout.trim() !== '' };
}

function pathInTree(top: string, list: string): string {
  let real = list;
  try {
    real = realpathSync(list);
  } catch {
    // A list not written yet: its path as given.
  }
  return relative(realpathSync(top), real).split(sep).join('/');
}

/** A gitattributes pattern for exactly this path, from the top of the work tree. */
function attributePattern(path: string): string {
  const literal = `/${path.replace(/[*?[\]\\!#]/g, (c) => `\\${c}`)}`;
  return /[\s"]/.test(literal) ? `"${literal.replace(/["\\]/g, (c) => `\\${c}`)}"` : literal;
}

export function setUpDriver(request: SetupRequest): SetupOutcome {
  const { env } = request;
  const outcome: SetupOutcome = { done: [], already: [], notes: [] };
  const top = workTreeTop(dirname(request.list), env);
  if (top === null && !request.global)
    throw new FileError(
      `${dirname(request.list)} is not in a git work tree; papers git setup --global defines the driver for every repository`,
    );
  if (top !== null) {
    for (const line of listLines(top, request, outcome)) appendAttribute(top, line, outcome);
    const path = pathInTree(top, request.list);
    const status = driverStatus(request.list, env)!;
    if (status.attribute) outcome.already.push(`.gitattributes sends ${path} to the papers merge driver`);
    else {
      appendAttribute(top, `${attributePattern(path)} merge=${DRIVER_NAME}`, outcome);
      if (!driverStatus(request.list, env)!.attribute)
        outcome.notes.push(
          `another line of .gitattributes still sets ${path}'s merge attribute: see git check-attr merge -- ${path}`,
        );
    }
    if (outcome.done.some((line) => line.endsWith('to .gitattributes')))
      outcome.notes.push('commit .gitattributes, so that every clone merges the list by paper');
  }
  const scope = request.global ? '--global' : '--local';
  const where = request.global ? 'your global git config' : "the repository's git config";
  for (const [key, value] of [
    [`merge.${DRIVER_NAME}.name`, DRIVER_DESCRIPTION],
    [`merge.${DRIVER_NAME}.driver`, request.driver],
  ] as const) {
    const current = git(top ?? dirname(request.list), env, ['config', scope, '--get', key]);
    if (current.status === 0 && current.stdout.replace(/\n$/, '') === value) {
      outcome.already.push(`${key} is set in ${where}`);
      continue;
    }
    const set = git(top ?? dirname(request.list), env, ['config', scope, key, value]);
    if (set.status !== 0) throw new FileError(`git config ${scope} ${key} failed: ${firstLine(set)}`);
    outcome.done.push(`set ${key} in ${where}`);
  }
  return outcome;
}

/** `.gitattributes` lines for the globs of .papers.json's "lists" (those git's patterns can say). */
function listLines(top: string, request: SetupRequest, outcome: SetupOutcome): string[] {
  if (!request.lists) return [];
  const dir = relative(realpathSync(top), realpathSync(request.lists.dir)).split(sep).join('/');
  const lines: string[] = [];
  for (const glob of request.lists.globs) {
    if (/[{}]/.test(glob)) {
      outcome.notes.push(
        `"${glob}" (from .papers.json) has braces, which .gitattributes cannot say: add a line per pattern`,
      );
      continue;
    }
    const path = [dir, glob.replace(/^\.\//, '')].filter(Boolean).join('/');
    lines.push(
      `${/[\s"]/.test(path) ? `"/${path.replace(/["\\]/g, (c) => `\\${c}`)}"` : `/${path}`} merge=${DRIVER_NAME}`,
    );
  }
  return lines;
}

/** The line added to the work tree's .gitattributes, unless it is there already (in the file's line endings). */
function appendAttribute(top: string, line: string, outcome: SetupOutcome): void {
  const file = join(top, '.gitattributes');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (before.split(/\r?\n/).some((existing) => existing.trim() === line)) return;
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const separator = before === '' || before.endsWith('\n') ? '' : eol;
  writeFileSync(file, `${before}${separator}${line}${eol}`);
  outcome.done.push(`added "${line}" to .gitattributes`);
}
