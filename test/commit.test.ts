/** `--commit` / PAPERS_GIT_COMMIT=1: commits just the list, only when that commit holds nothing but papers' change. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readArguments } from '../src/cli/hot.js';
import { hotTable } from '../src/cli/hot-table.js';
import { cliEnv, EXAMPLE, runCli, runCliInProcess, tempDir } from './helpers.js';
import { describeIf, needs } from './needs.js';

const gitEnv = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: cliEnv(gitEnv) });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function repo(): {
  dir: string;
  file: string;
  run: (args: string[], env?: Record<string, string>) => ReturnType<typeof runCli>;
} {
  const dir = tempDir();
  git(dir, 'init', '-q');
  const file = join(dir, 'README.md');
  copyFileSync(EXAMPLE, file);
  chmodSync(file, 0o644);
  writeFileSync(join(dir, 'other.txt'), 'other\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'start');
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: dir, env: { ...gitEnv, XDG_STATE_HOME: join(dir, '.state-outside'), ...env } });
  return { dir, file, run };
}

describeIf(needs.git)('--commit', () => {
  it('PAPERS_GIT_COMMIT=1 papers done x commits on the hot path too', () => {
    const { dir, run } = repo();
    // `done roller` is read by the hot path (dist/hot.cjs), not by commander.
    expect(readArguments(['done', 'roller'], hotTable())).not.toBeNull();
    const done = run(['done', 'roller'], { PAPERS_GIT_COMMIT: '1' });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain(`committed "papers: marked ROLLER (OSDI'22) as read"`);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe("papers: marked ROLLER (OSDI'22) as read\n");
    expect(git(dir, 'status', '--porcelain', '--', 'README.md')).toBe('');
    const flag = run(['undone', 'roller', '--commit']);
    expect(flag.status, flag.stderr).toBe(0);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe("papers: marked ROLLER (OSDI'22) as unread\n");
  });

  it('main() twice in one process: each run commits its own write in its own repository', async () => {
    const [first, second] = [repo(), repo()];
    const env = (dir: string) => ({ ...gitEnv, XDG_STATE_HOME: join(dir, '.state-outside') });
    const a = await runCliInProcess(['--commit', 'done', 'roller'], { cwd: first.dir, env: env(first.dir) });
    expect(a.status, a.stderr).toBe(0);
    const b = await runCliInProcess(['--commit', 'done', 'welder'], { cwd: second.dir, env: env(second.dir) });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).not.toContain('ROLLER');
    expect(git(first.dir, 'log', '--format=%s')).toBe("papers: marked ROLLER (OSDI'22) as read\nstart\n");
    expect(git(second.dir, 'log', '--format=%s')).toBe("papers: marked Welder (OSDI'23) as read\nstart\n");
    expect(git(first.dir, 'status', '--porcelain', '--', 'README.md')).toBe('');
    expect(git(second.dir, 'status', '--porcelain', '--', 'README.md')).toBe('');
    // A run without --commit after them commits nothing: nothing is left over from the runs before.
    const c = await runCliInProcess(['done', 'taso'], { cwd: first.dir, env: env(first.dir) });
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toBe('');
    expect(git(first.dir, 'log', '--format=%s')).toBe("papers: marked ROLLER (OSDI'22) as read\nstart\n");
  });

  it('commits only the list with a message saying what papers did; leaves other staged files alone', () => {
    const { dir, run } = repo();
    appendFileSync(join(dir, 'other.txt'), 'staged\n');
    git(dir, 'add', 'other.txt');
    const done = run(['done', 'roller', '--commit']);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain(`committed "papers: marked ROLLER (OSDI'22) as read"`);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe("papers: marked ROLLER (OSDI'22) as read\n");
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('README.md\n');
    expect(git(dir, 'status', '--porcelain', '--', 'README.md')).toBe('');
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('other.txt\n');
    // The environment variable does the same, and undo is committed too.
    const undo = run(['undo'], { PAPERS_GIT_COMMIT: '1' });
    expect(undo.status, undo.stderr).toBe(0);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe("papers: undid: Marked ROLLER (OSDI'22) as read\n");
    expect(git(dir, 'diff', 'HEAD~2', 'HEAD', '--', 'README.md')).toBe('');
  });

  it('says why it did not commit: uncommitted edits of yours, staged changes, no git', () => {
    const { dir, file, run } = repo();
    appendFileSync(file, '\nmy own line\n');
    const dirty = run(['--commit', 'done', 'roller']);
    expect(dirty.status).toBe(0);
    expect(dirty.stderr).toMatch(/did not commit: README\.md had changes not committed before papers edited it/);
    expect(git(dir, 'log', '--format=%s')).toBe('start\n');
    git(dir, 'add', 'README.md');
    const staged = run(['--commit', 'done', 'welder']);
    expect(staged.stderr).toMatch(/did not commit: other changes to README\.md are staged/);
    const outside = tempDir();
    copyFileSync(EXAMPLE, join(outside, 'list.md'));
    chmodSync(join(outside, 'list.md'), 0o644);
    const none = runCli(['--file', join(outside, 'list.md'), '--commit', 'done', 'roller', '--json'], {
      env: { GIT_CEILING_DIRECTORIES: outside },
    });
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout).changed).toBe(true);
    expect(none.stderr).toMatch(/did not commit: .* is not in a git work tree/);
  });
});
