/**
 * `papers sync`: the list committed (by the --commit rules, store/git-commit.ts) if it changed, then
 * `git pull` (a merge, through papers' merge driver) and `git push`. Every way it can stop is a
 * sentence saying what state the repository is in and what to do; it never leaves a merge half done
 * without saying so. Nothing here prints: the steps taken and the failure are returned.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { commitFile } from '../store/git-commit.js';
import { firstLine, git, type GitResult, workTreeTop } from './run.js';
import { DRIVER_DESCRIPTION, DRIVER_NAME, driverStatus } from './setup.js';

export interface SyncRequest {
  /** The lists (absolute): one, or a repository's (its .papers.json "lists"). */
  lists: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The commit message for a list's change, from the text in HEAD and the text now. */
  message: (list: string, headText: string, text: string) => string;
  /** The driver command, for a clone whose .gitattributes names the driver that its config lacks. */
  driver: string;
}

export interface SyncOutcome {
  /** What was done, in order, one line each. */
  steps: string[];
  /** Said, and nothing stopped (the list is merged line by line, ...). */
  warnings: string[];
  /** Why it stopped, and what to do; absent when everything went through. */
  failure?: string;
  /** The pull stopped with conflicts: the repository is in the middle of a merge. */
  midMerge?: boolean;
}

const OFFLINE =
  /could not resolve host|unable to access|could not read from remote repository|connection refused|network is unreachable|timed out|does not appear to be a git repository|unable to connect|no route to host|could not connect/i;

export function sync(request: SyncRequest): SyncOutcome {
  const { env } = request;
  const outcome: SyncOutcome = { steps: [], warnings: [] };
  const stop = (failure: string, midMerge = false): SyncOutcome => ({
    ...outcome,
    failure,
    ...(midMerge ? { midMerge } : {}),
  });
  const first = request.lists[0]!;
  const top = workTreeTop(dirname(first), env);
  if (top === null) return stop(`${dirname(first)} is not in a git work tree: there is nothing to sync`);
  const run = (args: string[]) => git(top, env, args);
  if (inMerge(top, env))
    return stop(
      'the repository is in the middle of a merge or rebase: finish it (git status says how) or abort it (git merge --abort), then papers sync',
      true,
    );
  const statuses = request.lists.map((list) => ({ list, status: driverStatus(list, env)! }));
  for (const { status } of statuses) {
    if (run(['ls-files', '--error-unmatch', '--', status.path]).status !== 0)
      return stop(`${status.path} is not tracked by git: git add ${status.path} && git commit, then papers sync`);
  }

  // 1. Each list's own change, committed (the list alone, by the --commit rules).
  for (const { list, status } of statuses) {
    const path = status.path;
    const head = run(['show', `HEAD:${path}`]);
    if (head.status !== 0 || run(['diff', '--quiet', 'HEAD', '--', path]).status === 0) continue;
    const now = readText(list);
    if (now === null) return stop(`could not read ${path}`);
    const message = request.message(list, head.stdout, now);
    const committed = commitFile(realpathSync(list), head.stdout, message, env);
    if (!committed.committed) return stop(`did not commit ${path}: ${committed.reason}`);
    outcome.steps.push(`committed ${path}: "${message}"`);
  }

  // 2. Where to pull from and push to.
  const branch = run(['symbolic-ref', '--short', '-q', 'HEAD']).stdout.trim();
  if (branch === '') return stop('HEAD is detached (not on a branch): git switch <branch>, then papers sync');
  const remotes = run(['remote']).stdout.split('\n').filter(Boolean);
  if (remotes.length === 0)
    return stop(
      `the repository has no remote to sync with: git remote add origin <url> && git push -u origin ${branch}, then papers sync`,
    );
  const upstream = run(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream.status !== 0)
    return stop(
      `the branch ${branch} has no upstream to sync with: git push -u ${remotes.includes('origin') ? 'origin' : remotes[0]} ${branch} once, then papers sync`,
    );
  const tracked = upstream.stdout.trim();

  // 3. Pull: a merge, with papers' driver for the list.
  const config: string[] = [];
  if (statuses.some(({ status }) => status.attribute && !status.config))
    config.push(
      '-c',
      `merge.${DRIVER_NAME}.driver=${request.driver}`,
      '-c',
      `merge.${DRIVER_NAME}.name=${DRIVER_DESCRIPTION}`,
    );
  for (const { status } of statuses) {
    if (!status.attribute)
      outcome.warnings.push(`git merges ${status.path} line by line: papers git setup makes it merge paper by paper`);
  }
  const before = run(['rev-parse', 'HEAD']).stdout.trim();
  const pull = run([...config, 'pull', '--no-rebase', '--no-edit', '--ff']);
  if (pull.status !== 0) {
    if (inMerge(top, env)) {
      const files = run(['diff', '--name-only', '--diff-filter=U']).stdout.split('\n').filter(Boolean);
      return stop(
        `the pull from ${tracked} stopped with conflicts in ${files.join(', ') || 'the work tree'}, between <<<<<<< and >>>>>>> lines: the repository is in the middle of a merge. Edit them, then git add ${files[0] ?? '<file>'} && git commit (or git merge --abort to go back), then papers sync`,
        true,
      );
    }
    return stop(pullFailure(pull, tracked, outcome.steps.length > 0));
  }
  const pulled = Number(run(['rev-list', '--count', `${before}..@{upstream}`]).stdout.trim() || '0');
  outcome.steps.push(
    pulled === 0 ? `${tracked} had nothing new` : `pulled ${plural(pulled, 'commit')} from ${tracked}`,
  );

  // 4. Push what the remote does not have.
  const ahead = Number(run(['rev-list', '--count', '@{upstream}..HEAD']).stdout.trim() || '0');
  if (ahead === 0) {
    outcome.steps.push('nothing to push');
    return outcome;
  }
  const remote = run(['config', `branch.${branch}.remote`]).stdout.trim();
  const merge = run(['config', `branch.${branch}.merge`]).stdout.trim();
  const push = run(['push', '--quiet', remote, `HEAD:${merge}`]);
  if (push.status !== 0) {
    if (OFFLINE.test(push.stderr))
      return stop(
        `could not reach ${remote} to push (${firstLine(push)}); your commits stay here: papers sync again when online`,
      );
    if (/rejected|fetch first|non-fast-forward/i.test(push.stderr))
      return stop(`${tracked} moved on while syncing (the push was rejected): papers sync again`);
    return stop(`git push failed: ${firstLine(push)}`);
  }
  outcome.steps.push(`pushed ${plural(ahead, 'commit')} to ${tracked}`);
  return outcome;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function inMerge(top: string, env: NodeJS.ProcessEnv): boolean {
  if (git(top, env, ['rev-parse', '-q', '--verify', 'MERGE_HEAD']).status === 0) return true;
  for (const name of ['rebase-merge', 'rebase-apply']) {
    const dir = git(top, env, ['rev-parse', '--path-format=absolute', '--git-path', name]).stdout.trim();
    if (dir && existsSync(dir)) return true;
  }
  return false;
}

function pullFailure(pull: GitResult, tracked: string, committed: boolean): string {
  const kept = committed ? '; your commit stays here' : '';
  if (OFFLINE.test(pull.stderr))
    return `could not reach the remote of ${tracked} (${firstLine(pull)})${kept}: papers sync again when online`;
  if (/would be overwritten|untracked working tree files/i.test(pull.stderr))
    return `git pull stopped before merging: other changes in the work tree are in the way (${firstLine(pull)}); commit or stash them, then papers sync`;
  return `git pull failed: ${firstLine(pull)}${kept}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
