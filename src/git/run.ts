/**
 * Running git for the commands that work with the repository around the list (the merge driver's
 * fallback, `papers git setup`, `papers sync`): directly, never through a shell, with the run's
 * environment (its identity, GIT_* variables and config). Nothing here prints.
 */
import { spawnSync } from 'node:child_process';

export interface GitResult {
  /** git's exit status; -1 when it could not be run (then `stderr` says why). */
  status: number;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[]): GitResult {
  const result = spawnSync('git', args, { cwd, env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    return { status: -1, stdout: '', stderr: missing ? 'git is not installed' : result.error.message };
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** The first line of what git said (its `error:`/`fatal:` prefix taken off), or its status. */
export function firstLine(result: GitResult): string {
  const line = result.stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('hint:'));
  return line ? line.replace(/^(?:error|fatal): /, '') : `git exited with status ${result.status}`;
}

/** The top of the work tree that holds `dir`, or null. */
export function workTreeTop(dir: string, env: NodeJS.ProcessEnv): string | null {
  const top = git(dir, env, ['rev-parse', '--show-toplevel']);
  return top.status === 0 ? top.stdout.trim() : null;
}

/**
 * Whether conflicts show the base too (git's merge.conflictStyle is diff3 or zdiff3), as git reads its
 * config in `dir` (a merge driver runs at the top of the work tree).
 */
export function conflictsShowBase(dir: string, env: NodeJS.ProcessEnv): boolean {
  const style = git(dir, env, ['config', '--get', 'merge.conflictStyle']);
  return style.status === 0 && /^z?diff3$/i.test(style.stdout.trim());
}
