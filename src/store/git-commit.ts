/**
 * `--commit` / PAPERS_GIT_COMMIT=1: after a write, commit just the list file with a message saying what
 * papers did, but only when that commit would hold nothing but papers' change: the file is tracked in a
 * git work tree, nothing else about it is staged, and before the write it was as in HEAD. Otherwise it
 * says why it did not commit. git is run directly (no shell).
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';

export type CommitOutcome = { committed: true; message: string } | { committed: false; reason: string };

function git(cwd: string, env: NodeJS.ProcessEnv, args: string[]): { status: number; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, env, maxBuffer: 256 * 1024 * 1024 });
  if (result.error)
    return {
      status: -1,
      stdout: Buffer.alloc(0),
      stderr: (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : result.error.message,
    };
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

/** `env`: the run's environment, for git (its identity, GIT_* variables). */
export function commitFile(
  realPath: string,
  beforeText: string,
  message: string,
  env: NodeJS.ProcessEnv,
): CommitOutcome {
  const cwd = dirname(realPath);
  const top = git(cwd, env, ['rev-parse', '--show-toplevel']);
  if (top.status !== 0)
    return { committed: false, reason: top.status === -1 ? top.stderr : `${cwd} is not in a git work tree` };
  const root = realpathSync(top.stdout.toString('utf8').trim());
  const path = relative(root, realPath).split(sep).join('/');
  if (git(root, env, ['ls-files', '--error-unmatch', '--', path]).status !== 0)
    return { committed: false, reason: `${path} is not tracked by git (git add and commit it once first)` };
  if (git(root, env, ['diff', '--cached', '--quiet', '--', path]).status !== 0)
    return { committed: false, reason: `other changes to ${path} are staged; commit or unstage them first` };
  const head = git(root, env, ['show', `HEAD:${path}`]);
  if (head.status !== 0) return { committed: false, reason: `${path} is not in HEAD yet` };
  if (!head.stdout.equals(Buffer.from(beforeText, 'utf8'))) {
    return {
      committed: false,
      reason: `${path} had changes not committed before papers edited it, which the commit would take along; commit them yourself`,
    };
  }
  const commit = git(root, env, ['commit', '--quiet', '--only', '-m', message, '--', path]);
  if (commit.status !== 0)
    return {
      committed: false,
      reason: `git commit failed: ${commit.stderr.split('\n')[0] || `status ${commit.status}`}`,
    };
  return { committed: true, message };
}
