/**
 * `papers sync` against a local bare repository (no network): push, pull with a concurrent change
 * (merged paper by paper), no remote, no upstream, a remote that cannot be reached, a conflict (and the
 * repository left mid-merge, saying so). Git runs with a private HOME, GIT_CONFIG_GLOBAL and
 * GIT_CONFIG_NOSYSTEM.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliEnv, EXAMPLE, gitEnv, tempDir, runCliInProcess } from './helpers.js';
import { describeIf, needs } from './needs.js';

function git(env: Record<string, string>, cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: cliEnv(env) });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A bare remote with the seed list and its .gitattributes, and two clones set up with `papers git setup`. */
async function setup(): Promise<{ root: string; env: Record<string, string>; laptop: string; desktop: string }> {
  const root = tempDir();
  const env = gitEnv(root);
  writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
  git(env, root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  git(env, root, 'clone', '-q', 'remote.git', 'laptop');
  const laptop = join(root, 'laptop');
  copyFileSync(EXAMPLE, join(laptop, 'README.md'));
  chmodSync(join(laptop, 'README.md'), 0o644);
  const first = await runCliInProcess(['git', 'setup'], { cwd: laptop, env });
  expect(first.status, first.stderr).toBe(0);
  git(env, laptop, 'add', '.');
  git(env, laptop, 'commit', '-qm', 'start');
  git(env, laptop, 'push', '-q', '-u', 'origin', 'main');
  git(env, root, 'clone', '-q', 'remote.git', 'desktop');
  const desktop = join(root, 'desktop');
  const second = await runCliInProcess(['git', 'setup'], { cwd: desktop, env });
  expect(second.status, second.stderr).toBe(0);
  return { root, env, laptop, desktop };
}

const papers = (cwd: string, env: Record<string, string>, ...args: string[]) => runCliInProcess(args, { cwd, env });
const list = (dir: string) => readFileSync(join(dir, 'README.md'), 'utf8');

describeIf(needs.git)('papers sync', () => {
  it('commits the change, pushes it; the other clone pulls it and merges its own change paper by paper', async () => {
    const { root, env, laptop, desktop } = await setup();
    expect((await papers(laptop, env, 'done', 'roller')).status).toBe(0);
    const push = await papers(laptop, env, 'sync');
    expect(push.status, push.stderr).toBe(0);
    expect(push.stdout).toBe(
      'committed README.md: "papers: sync README.md: marked 1 read"\norigin/main had nothing new\npushed 1 commit to origin/main\n',
    );
    expect(git(env, join(root, 'remote.git'), 'log', '-1', '--format=%s')).toBe(
      'papers: sync README.md: marked 1 read\n',
    );

    // The desktop marked another paper and added one meanwhile.
    expect((await papers(desktop, env, 'done', 'welder')).status).toBe(0);
    expect((await papers(desktop, env, 'add', 'Desktop Paper', '--area', 'MLSys/DNN Compiler')).status).toBe(0);
    const pull = await papers(desktop, env, 'sync');
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stdout).toBe(
      'committed README.md: "papers: sync README.md: marked 1 read, added 1"\npulled 1 commit from origin/main\npushed 2 commits to origin/main\n',
    );
    const back = await papers(laptop, env, 'sync');
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toBe('pulled 2 commits from origin/main\nnothing to push\n');
    expect(list(laptop)).toBe(list(desktop));
    const read = JSON.parse((await papers(laptop, env, 'list', '--json', '--read')).stdout) as { id: string }[];
    expect(read.map((paper) => paper.id)).toEqual(expect.arrayContaining(['roller', 'welder']));
    expect(git(env, desktop, 'status', '--porcelain')).toBe('');
  });

  it('a clone whose .gitattributes names the driver but whose config lacks it: sync merges by paper all the same', async () => {
    const { root, env, laptop } = await setup();
    git(env, root, 'clone', '-q', 'remote.git', 'fresh');
    const fresh = join(root, 'fresh');
    expect(git(env, fresh, 'config', '--get-regexp', 'merge').includes('papers')).toBe(false);
    expect((await papers(laptop, env, 'add', 'Laptop Paper', '--area', 'MLSys/DNN Compiler')).status).toBe(0);
    expect((await papers(laptop, env, 'sync')).status).toBe(0);
    expect((await papers(fresh, env, 'add', 'Fresh Paper', '--area', 'MLSys/DNN Compiler')).status).toBe(0);
    const sync = await papers(fresh, env, 'sync');
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stderr).toBe('');
    const added = list(fresh)
      .split('\n')
      .filter((line) => /^- \[ \] (Laptop|Fresh) Paper$/.test(line));
    expect(added).toEqual(['- [ ] Fresh Paper', '- [ ] Laptop Paper']);
    expect(git(env, fresh, 'config', '--get-regexp', 'merge').includes('papers')).toBe(false);
  });

  it('a repository of lists: each list that changed is committed alone, then pushed', async () => {
    const root = tempDir();
    const env = gitEnv(root);
    writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
    git(env, root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
    git(env, root, 'clone', '-q', 'remote.git', 'repo');
    const repo = join(root, 'repo');
    copyFileSync(EXAMPLE, join(repo, 'README.md'));
    mkdirSync(join(repo, 'papers'));
    writeFileSync(
      join(repo, 'papers', '2024.md'),
      '# 2024\n\n## Reading\n\n- [ ] Some Paper: [[Paper](https://s.org/p.pdf)]\n',
    );
    chmodSync(join(repo, 'README.md'), 0o644);
    writeFileSync(join(repo, '.papers.json'), '{"version": 1, "lists": ["README.md", "papers/*.md"]}\n');
    expect((await runCliInProcess(['git', 'setup'], { cwd: repo, env })).status).toBe(0);
    git(env, repo, 'add', '.');
    git(env, repo, 'commit', '-qm', 'start');
    git(env, repo, 'push', '-q', '-u', 'origin', 'main');
    expect((await papers(repo, env, '--file', 'README.md', 'done', 'roller')).status).toBe(0);
    expect((await papers(repo, env, '--file', 'papers/2024.md', 'done', 'some-paper')).status).toBe(0);
    const sync = await papers(repo, env, 'sync');
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toBe(
      'committed README.md: "papers: sync README.md: marked 1 read"\n' +
        'committed papers/2024.md: "papers: sync papers/2024.md: marked 1 read"\n' +
        'origin/main had nothing new\npushed 2 commits to origin/main\n',
    );
    expect(git(env, repo, 'status', '--porcelain')).toBe('');
  });

  it('no remote, no upstream, an unreachable remote: one line each saying what to do; the commit stays', async () => {
    const root = tempDir();
    const env = gitEnv(root);
    writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
    git(env, root, 'init', '-q', '-b', 'main', 'alone');
    const alone = join(root, 'alone');
    copyFileSync(EXAMPLE, join(alone, 'README.md'));
    chmodSync(join(alone, 'README.md'), 0o644);
    git(env, alone, 'add', '.');
    git(env, alone, 'commit', '-qm', 'start');
    expect((await papers(alone, env, 'done', 'roller')).status).toBe(0);
    const none = await papers(alone, env, 'sync');
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('committed README.md: "papers: sync README.md: marked 1 read"\n');
    expect(none.stderr).toBe(
      'papers: the repository has no remote to sync with: git remote add origin <url> && git push -u origin main, then papers sync\n',
    );

    git(env, root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
    git(env, alone, 'remote', 'add', 'origin', join(root, 'remote.git'));
    const noUpstream = await papers(alone, env, 'sync');
    expect(noUpstream.status).toBe(1);
    expect(noUpstream.stderr).toBe(
      'papers: the branch main has no upstream to sync with: git push -u origin main once, then papers sync\n',
    );

    git(env, alone, 'push', '-q', '-u', 'origin', 'main');
    git(env, alone, 'remote', 'set-url', 'origin', join(root, 'gone.git'));
    expect((await papers(alone, env, 'done', 'welder')).status).toBe(0);
    const offline = await papers(alone, env, 'sync');
    expect(offline.status).toBe(1);
    expect(offline.stdout).toBe('committed README.md: "papers: sync README.md: marked 1 read"\n');
    // This clone never ran papers git setup: sync says so, and goes on.
    expect(offline.stderr).toMatch(
      /^papers: git merges README.md line by line: papers git setup makes it merge paper by paper\npapers: could not reach the remote of origin\/main \(.*\); your commit stays here: papers sync again when online\n$/,
    );
    expect(git(env, alone, 'status', '--porcelain')).toBe('');
  });

  it('a conflict: says the repository is in the middle of a merge, and a second sync refuses until it is finished', async () => {
    const { env, laptop, desktop } = await setup();
    const venue = (dir: string, to: string) =>
      writeFileSync(
        join(dir, 'README.md'),
        list(dir).replace("for Deep Learning[OSDI'22]", `for Deep Learning[${to}]`),
      );
    venue(laptop, "OSDI'99");
    expect((await papers(laptop, env, 'sync')).status).toBe(0);
    venue(desktop, "SOSP'98");
    expect((await papers(desktop, env, 'done', 'welder')).status).toBe(0);
    const sync = await papers(desktop, env, 'sync');
    expect(sync.status).toBe(1);
    expect(sync.stderr).toContain(
      'papers: the pull from origin/main stopped with conflicts in README.md, between <<<<<<< and >>>>>>> lines: the repository is in the middle of a merge.',
    );
    expect(git(env, desktop, 'rev-parse', '-q', '--verify', 'MERGE_HEAD')).not.toBe('');
    // Only ROLLER is between the markers; WELDER's mark went through.
    const merged = list(desktop);
    expect(merged.split('<<<<<<< ours').length).toBe(2);
    expect(merged).toMatch(
      /<<<<<<< ours\n- \[ \] ROLLER[^\n]*SOSP'98[^\n]*\n=======\n- \[ \] ROLLER[^\n]*OSDI'99[^\n]*\n>>>>>>> theirs\n/,
    );
    expect(merged).toContain('- [x] Welder');
    const again = await papers(desktop, env, 'sync');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'papers: the repository is in the middle of a merge or rebase: finish it (git status says how) or abort it (git merge --abort), then papers sync\n',
    );
  });
});
