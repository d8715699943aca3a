/**
 * The merge driver with real git: two clones of a real list (the seed, and the seed author's table list
 * from ../shared/corpus), every pair of concurrent edits made with papers on each side, then `git pull`.
 * With the driver (`papers git setup`) the result must equal both edits applied one after the other,
 * counts right, and conflicts only where the edits truly conflict. What git does without the driver is
 * shown on the same three texts by `git merge-file` (git's own line merge, the one a pull uses for a file
 * changed on both sides), so the test proves the driver is what fixes it.
 * Git runs with a private HOME, GIT_CONFIG_GLOBAL and GIT_CONFIG_NOSYSTEM; remotes are local bare repos.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, EXAMPLE, gitEnv, runCli, runCliInProcess, tempDir } from './helpers.js';
import { CORPUS } from './paths.js';
import { all, describeIf, needs } from './needs.js';

interface ListCase {
  name: string;
  source: string;
  /** The text the clones start from (the seed gets a stale count line: it carries none of its own). */
  prepare: (text: string) => string;
  unread: [string, string];
  /** A paper of `area`, the last one there (add/rm touch the same spot). */
  area: string;
  last: string;
  /** Where mv sends a paper. */
  elsewhere: string;
}

const SEED: ListCase = {
  name: 'the seed list',
  source: EXAMPLE,
  prepare: (text) => text.replace('# Paper Reading\n', '# Paper Reading\n\nTotal: 23 · Read: 10\n'),
  unread: ['roller', 'welder'],
  area: 'MLSys/DNN Compiler',
  last: 'taso',
  elsewhere: 'OS',
};

const KUANGJUX: ListCase = {
  name: 'KuangjuX/paper-reading (tables, badges)',
  source: join(CORPUS, 'KuangjuX__paper-reading__README.md'),
  prepare: (text) => text,
  unread: ['distserve', 'tilelink'],
  area: 'LLM Inference/General',
  last: 'waferllm',
  elsewhere: 'LLM Training',
};

/** A side's edits: papers commands (run in the clone), or a function of the text (a hand edit). */
type Edit = string[] | ((text: string) => string);

interface Pair {
  name: string;
  /** Edits in the clone that pushes first (theirs, for the pull). */
  theirs: (list: ListCase) => Edit[];
  /** Edits in the clone that pulls (ours). */
  ours: (list: ListCase) => Edit[];
  /** Papers the merge must leave between conflict markers (none: a clean merge). */
  conflicts?: number;
  /** The edits whose result the merge must give, ours first (default: ours' then theirs'). */
  expected?: (list: ListCase) => Edit[];
}

const PAIRS: Pair[] = [
  { name: 'done/done', theirs: (l) => [['done', l.unread[0]]], ours: (l) => [['done', l.unread[1]]] },
  {
    name: 'done/undone of the same paper',
    theirs: (l) => [['done', l.unread[0]]],
    ours: (l) => [
      ['done', l.unread[0]],
      ['undone', l.unread[0]],
    ],
  },
  {
    name: 'add/add in one area',
    theirs: (l) => [['add', 'Theirs: A Paper Added on the Laptop', '--area', l.area, '--venue', "OSDI'25"]],
    ours: (l) => [['add', 'Ours: A Paper Added on the Desktop', '--area', l.area, '--venue', "SOSP'25"]],
  },
  {
    name: "add/rm (the area's last paper)",
    theirs: (l) => [['add', 'Theirs: A Paper Added on the Laptop', '--area', l.area, '--venue', "OSDI'25"]],
    ours: (l) => [['rm', l.last, '--yes']],
  },
  {
    name: 'note/note on one paper',
    theirs: (l) => [['note', l.unread[0], 'https://example.org/theirs-note', '--label', 'Note']],
    ours: (l) => [['note', l.unread[0], 'https://example.org/our-code', '--label', 'Code']],
  },
  {
    name: 'mv/done of one paper',
    theirs: (l) => [['mv', l.unread[0], '--area', l.elsewhere]],
    ours: (l) => [['done', l.unread[0]]],
  },
  {
    name: 'convert/done (the paper rewritten on one side, marked on the other)',
    theirs: (l) => [['convert', '--to', l === SEED ? 'table' : 'list']],
    ours: (l) => [['done', l.unread[0]]],
  },
  { name: 'counts/done', theirs: () => [['lint', '--fix']], ours: (l) => [['done', l.unread[1]]] },
  {
    name: 'venue/venue of one paper (a true conflict) beside done/done',
    theirs: (l) => [['done', l.unread[1]], venueEdit(l, "OSDI'99")],
    ours: (l) => [venueEdit(l, "SOSP'98")],
    conflicts: 1,
    // With the conflict resolved as ours.
    expected: (l) => [venueEdit(l, "SOSP'98"), ['done', l.unread[1]]],
  },
];

/** A hand edit: the venue of the list's first unread paper. */
function venueEdit(list: ListCase, venue: string): (text: string) => string {
  const before =
    list === SEED
      ? "ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]"
      : "Goodput-optimized Large Language Model Serving** | OSDI'24";
  const after = before.replace("OSDI'22", venue).replace("OSDI'24", venue);
  return (text) => {
    expect(text).toContain(before);
    return text.replace(before, after);
  };
}

// ---------------------------------------------------------------------------------------------
// git, privately

function git(env: Record<string, string>, cwd: string, ...args: string[]): { status: number; out: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: cliEnv(env) });
  return { status: result.status ?? -1, out: result.stdout + result.stderr };
}

function ok(env: Record<string, string>, cwd: string, ...args: string[]): string {
  const result = git(env, cwd, ...args);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.out}`);
  return result.out;
}

async function apply(env: Record<string, string>, dir: string, edits: Edit[]): Promise<void> {
  const file = join(dir, 'README.md');
  for (const edit of edits) {
    if (typeof edit === 'function') writeFileSync(file, edit(readFileSync(file, 'utf8')));
    else {
      const result = await runCliInProcess(['--file', file, ...edit], { cwd: dir, env });
      // lint --fix exits 1 for the problems it leaves (no links, ...).
      expect(result.status, `papers ${edit.join(' ')}: ${result.stderr}`).toBe(
        edit[0] === 'lint' && result.status === 1 ? 1 : 0,
      );
    }
  }
}

interface Clones {
  root: string;
  env: Record<string, string>;
  base: string;
  theirs: string;
  ours: string;
}

/**
 * A bare remote holding the list and a committed .gitattributes, and two clones of it: made once per list
 * (six git processes), then copied for each test (the clones name their remote by a relative path).
 */
const templates = new Map<string, string>();

function clones(list: ListCase): Clones {
  let template = templates.get(list.name);
  if (template === undefined) {
    template = cloneTemplate(list);
    templates.set(list.name, template);
  }
  const root = tempDir();
  cpSync(template, root, { recursive: true });
  const base = list.prepare(readFileSync(list.source, 'utf8'));
  return { root, env: gitEnv(root), base, theirs: join(root, 'theirs'), ours: join(root, 'ours') };
}

function cloneTemplate(list: ListCase): string {
  const root = tempDir();
  const env = gitEnv(root);
  writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
  ok(env, root, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  const theirs = join(root, 'theirs');
  ok(env, root, 'clone', '-q', 'remote.git', 'theirs');
  writeFileSync(join(theirs, 'README.md'), list.prepare(readFileSync(list.source, 'utf8')));
  chmodSync(join(theirs, 'README.md'), 0o644);
  writeFileSync(join(theirs, '.gitattributes'), '/README.md merge=papers\n');
  ok(env, theirs, 'add', '.');
  ok(env, theirs, 'commit', '-qm', 'start');
  ok(env, theirs, 'push', '-q', 'origin', 'main');
  ok(env, root, 'clone', '-q', 'remote.git', 'ours');
  for (const clone of ['theirs', 'ours']) ok(env, join(root, clone), 'config', 'remote.origin.url', '../remote.git');
  return root;
}

const text = (dir: string) => readFileSync(join(dir, 'README.md'), 'utf8');

/** The three versions a merge driver is given (git's %O %A %B), as files `base`, `ours` and `theirs` in `dir`. */
function writeSides(dir: string, base: string, ours: string, theirs: string): void {
  for (const [name, content] of Object.entries({ base, ours, theirs })) writeFileSync(join(dir, name), content);
}

/** The seed as base, ROLLER marked read on our side and Welder on theirs (a clean merge); the seed. */
function writeCleanSides(dir: string): string {
  const seed = readFileSync(EXAMPLE, 'utf8');
  writeSides(dir, seed, seed.replace('- [ ] ROLLER', '- [x] ROLLER'), seed.replace('- [ ] Welder', '- [x] Welder'));
  return seed;
}

/** What `papers list --json` says about the read state and counts of a merged list. */
async function countsAgree(dir: string, env: Record<string, string>): Promise<boolean> {
  const result = await runCliInProcess(['--file', join(dir, 'README.md'), 'lint', '--json'], { cwd: dir, env });
  return !(JSON.parse(result.stdout) as { rule: string }[]).some((problem) => problem.rule === 'counts');
}

type Without = 'conflict' | 'clean, counts wrong' | 'clean, as meant' | 'clean, otherwise wrong';

/** What git without the driver did to each pair, per list: today's failures. */
const WITHOUT: Record<string, Record<string, Without>> = {
  [SEED.name]: {
    'done/done': 'clean, counts wrong',
    // Ours marked it read and unread again; the counts it wrote then are not the stale ones it started from.
    'done/undone of the same paper': 'conflict',
    'add/add in one area': 'conflict',
    "add/rm (the area's last paper)": 'conflict',
    'note/note on one paper': 'conflict',
    'mv/done of one paper': 'conflict',
    'convert/done (the paper rewritten on one side, marked on the other)': 'conflict',
    'counts/done': 'conflict',
    'venue/venue of one paper (a true conflict) beside done/done': 'conflict',
  },
  [KUANGJUX.name]: {
    'done/done': 'clean, counts wrong',
    // Ours marked it read and unread again; the counts it wrote then are not the stale ones it started from.
    'done/undone of the same paper': 'conflict',
    'add/add in one area': 'conflict',
    "add/rm (the area's last paper)": 'conflict',
    'note/note on one paper': 'conflict',
    'mv/done of one paper': 'conflict',
    'convert/done (the paper rewritten on one side, marked on the other)': 'conflict',
    'counts/done': 'conflict',
    'venue/venue of one paper (a true conflict) beside done/done': 'conflict',
  },
};

function matrix(list: ListCase): void {
  for (const pair of PAIRS) {
    it(pair.name, async () => {
      const c = clones(list);
      // The clone that pulls with the driver: set up by the real command, as a user would.
      const setup = await runCliInProcess(['git', 'setup'], { cwd: c.ours, env: c.env });
      expect(setup.status, setup.stderr).toBe(0);
      expect(setup.stdout).toContain('already: .gitattributes sends README.md to the papers merge driver');
      expect(setup.stdout).toContain("set merge.papers.driver in the repository's git config");

      await apply(c.env, c.theirs, pair.theirs(list));
      ok(c.env, c.theirs, 'commit', '-qam', 'theirs');
      ok(c.env, c.theirs, 'push', '-q', 'origin', 'main');
      await apply(c.env, c.ours, pair.ours(list));
      ok(c.env, c.ours, 'commit', '-qam', 'ours');
      // The three texts git hands a merge driver, kept for the merge without it below.
      const sides = { base: c.base, ours: text(c.ours), theirs: text(c.theirs) };

      // Both edits one after the other, ours first (the order the merge keeps): what the merge must give.
      const expectedDir = join(c.root, 'expected');
      mkdirSync(expectedDir);
      writeFileSync(join(expectedDir, 'README.md'), c.base);
      await apply(c.env, expectedDir, pair.expected?.(list) ?? [...pair.ours(list), ...pair.theirs(list)]);

      const pull = git(c.env, c.ours, 'pull', '--no-rebase', '--no-edit');
      if (pair.conflicts) {
        expect(pull.status, pull.out).not.toBe(0);
        expect(pull.out).toContain('conflict on "');
        const merged = text(c.ours);
        expect(merged.split('<<<<<<< ours').length - 1).toBe(pair.conflicts);
        // Just the paper: one line on each side.
        const conflict = /<<<<<<< ours\n(.*\n)=======\n(.*\n)>>>>>>> theirs\n/.exec(merged);
        expect(conflict, merged).not.toBeNull();
        expect(conflict![1]).toContain("SOSP'98");
        expect(conflict![2]).toContain("OSDI'99");
        // Taking ours there gives both sides' other edits, counts right.
        const resolved = merged.replace(conflict![0], conflict![1]!);
        expect(resolved).toBe(text(expectedDir));
      } else {
        expect(pull.status, pull.out).toBe(0);
        expect(pull.out).not.toContain('line by line');
        expect(text(c.ours)).toBe(text(expectedDir));
        expect(await countsAgree(c.ours, c.env)).toBe(true);
      }

      // Without the driver: what git does today, by git's own line merge of the same three texts.
      const sidesDir = join(c.root, 'sides');
      mkdirSync(sidesDir);
      for (const [name, content] of Object.entries(sides)) writeFileSync(join(sidesDir, name), content);
      const lineMerge = spawnSync('git', ['merge-file', 'ours', 'base', 'theirs'], {
        cwd: sidesDir,
        env: cliEnv(c.env),
      });
      expect(lineMerge.status, String(lineMerge.stderr)).toBeGreaterThanOrEqual(0);
      // Read where a user without the driver would read it: in a clone (theirs has no driver set up).
      const plain = c.theirs;
      copyFileSync(join(sidesDir, 'ours'), join(plain, 'README.md'));
      let without: Without;
      if (lineMerge.status !== 0) without = 'conflict';
      else if (!(await countsAgree(plain, c.env))) without = 'clean, counts wrong';
      else without = text(plain) === text(expectedDir) ? 'clean, as meant' : 'clean, otherwise wrong';
      expect(without).toBe(WITHOUT[list.name]![pair.name]);
      if (without === 'clean, counts wrong') {
        // The case: lint names it and says how to set the driver up.
        const lint = await runCliInProcess(['--file', join(plain, 'README.md'), 'lint'], {
          cwd: plain,
          env: c.env,
        });
        expect(lint.stdout).toContain('`papers git setup` makes git merge the list paper by paper');
      }
    });
  }
}

describe('the merge driver, with real git', () => {
  describeIf(needs.git)(SEED.name, () => matrix(SEED));
  describeIf(all(needs.git, needs.shared))(KUANGJUX.name, () => matrix(KUANGJUX));

  describeIf(needs.git)('papers merge-driver, run as git runs it', () => {
    it('a list that is not UTF-8 is merged line by line, exactly as git merge-file merges it, and it says so', async () => {
      const root = tempDir();
      const env = gitEnv(root);
      const seed = readFileSync(EXAMPLE);
      const latin1 = Buffer.concat([Buffer.from('Caf\xe9 notes\n', 'latin1'), seed]);
      const files = {
        base: latin1,
        ours: Buffer.from(latin1.toString('latin1').replace('- [ ] ROLLER', '- [x] ROLLER'), 'latin1'),
        theirs: Buffer.from(latin1.toString('latin1').replace('- [ ] ROLLER', '- [X] ROLLER'), 'latin1'),
      };
      for (const [name, data] of Object.entries(files)) {
        writeFileSync(join(root, name), data);
        writeFileSync(join(root, `${name}.git`), data);
      }
      const result = runCli(['merge-driver', 'base', 'ours', 'theirs', 'README.md'], { cwd: root, env });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'papers: README.md was merged line by line, as git merges (not paper by paper: it is not UTF-8 text)\n',
      );
      const asGit = spawnSync(
        'git',
        ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', 'ours.git', 'base.git', 'theirs.git'],
        { cwd: root, env: cliEnv(env) },
      );
      expect(asGit.status).toBe(1);
      expect(readFileSync(join(root, 'ours'))).toEqual(readFileSync(join(root, 'ours.git')));
      expect(readFileSync(join(root, 'ours')).toString('latin1')).toContain('<<<<<<< ours\n- [x] ROLLER');
    });

    it('conflict markers as git writes them: %L long (conflict-marker-size), the base shown under merge.conflictStyle diff3', async () => {
      const c = clones(SEED);
      const setup = runCli(['git', 'setup'], { cwd: c.ours, env: c.env });
      expect(setup.status, setup.stderr).toBe(0);
      // This clone's own attributes (not committed) and config: 10-character markers, diff3 style.
      writeFileSync(join(c.ours, '.git', 'info', 'attributes'), '/README.md merge=papers conflict-marker-size=10\n');
      ok(c.env, c.ours, 'config', 'merge.conflictStyle', 'diff3');
      await apply(c.env, c.theirs, [venueEdit(SEED, "OSDI'99")]);
      ok(c.env, c.theirs, 'commit', '-qam', 'theirs');
      ok(c.env, c.theirs, 'push', '-q', 'origin', 'main');
      await apply(c.env, c.ours, [venueEdit(SEED, "SOSP'98")]);
      ok(c.env, c.ours, 'commit', '-qam', 'ours');
      const pull = git(c.env, c.ours, 'pull', '--no-rebase', '--no-edit');
      expect(pull.status, pull.out).not.toBe(0);
      expect(pull.out).toContain('conflict on "');
      const conflict = /^<{10} ours\n(.*\n)[|]{10} base\n(.*\n)={10}\n(.*\n)>{10} theirs\n/m.exec(text(c.ours));
      expect(conflict, text(c.ours)).not.toBeNull();
      expect(conflict![1]).toContain("SOSP'98");
      expect(conflict![2]).toContain("OSDI'22");
      expect(conflict![3]).toContain("OSDI'99");
      // The base's line, as it was.
      expect(c.base).toContain(conflict![2]);
    });

    it('a paper moved on one side and removed on the other is a conflict, as git makes rename/delete one', async () => {
      for (const [movedBy, removedBy] of [
        ['ours', 'theirs'],
        ['theirs', 'ours'],
      ] as const) {
        const c = clones(SEED);
        expect(runCli(['git', 'setup'], { cwd: c.ours, env: c.env }).status).toBe(0);
        const dirOf = { ours: c.ours, theirs: c.theirs };
        await apply(c.env, dirOf[movedBy], [['mv', 'roller', '--area', 'OS']]);
        await apply(c.env, dirOf[removedBy], [['rm', 'roller', '--yes']]);
        ok(c.env, c.theirs, 'commit', '-qam', 'theirs');
        ok(c.env, c.theirs, 'push', '-q', 'origin', 'main');
        ok(c.env, c.ours, 'commit', '-qam', 'ours');
        const pull = git(c.env, c.ours, 'pull', '--no-rebase', '--no-edit');
        expect(pull.status, pull.out).not.toBe(0);
        expect(pull.out).toContain(
          `conflict on "ROLLER: Fast and Efficient Tensor Compilation for Deep Learning": ${movedBy} moved it to OS, ${removedBy} removed it`,
        );
        const merged = text(c.ours);
        // The paper once, in its new place, between the markers, on the side that moved it; not at its old place.
        const conflict = /^<<<<<<< ours\n(.*\n)?=======\n(.*\n)?>>>>>>> theirs\n/m.exec(merged);
        expect(conflict, merged).not.toBeNull();
        const moved = conflict![movedBy === 'ours' ? 1 : 2];
        expect(moved).toMatch(/^- \[ \] ROLLER: /);
        expect(conflict![movedBy === 'ours' ? 2 : 1]).toBeUndefined();
        expect(merged.split('ROLLER').length - 1).toBe(1);
        expect(merged.indexOf('ROLLER')).toBeGreaterThan(merged.indexOf('## OS'));
      }
    });

    it('a clean merge is written to <ours> and said in one line; exit 0', async () => {
      const root = tempDir();
      const env = gitEnv(root);
      const seed = writeCleanSides(root);
      const result = runCli(['merge-driver', 'base', 'ours', 'theirs', 'README.md'], { cwd: root, env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toBe('papers: merged README.md paper by paper (1 marked)\n');
      expect(readFileSync(join(root, 'ours'), 'utf8')).toBe(
        seed.replace('- [ ] ROLLER', '- [x] ROLLER').replace('- [ ] Welder', '- [x] Welder'),
      );
    });

    it('git is asked for its conflict style only when a conflict is written (a clean merge runs no git)', () => {
      const root = tempDir();
      // A git first on PATH that says how it was run.
      const bin = join(root, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${join(root, 'git.log')}'\nexit 1\n`);
      chmodSync(join(bin, 'git'), 0o755);
      const env = { ...gitEnv(root), PATH: `${bin}:${process.env.PATH}` };
      const gitRuns = () => {
        try {
          return readFileSync(join(root, 'git.log'), 'utf8');
        } catch {
          return '';
        }
      };
      const seed = writeCleanSides(root);
      const clean = runCli(['merge-driver', 'base', 'ours', 'theirs', 'README.md'], { cwd: root, env });
      expect(clean.status, clean.stderr).toBe(0);
      expect(gitRuns()).toBe('');
      writeSides(root, seed, seed.replace('ROLLER', 'ROLLER Ours'), seed.replace('ROLLER', 'ROLLER Theirs'));
      const conflicted = runCli(['merge-driver', 'base', 'ours', 'theirs', 'README.md'], { cwd: root, env });
      expect(conflicted.status).toBe(1);
      expect(readFileSync(join(root, 'ours'), 'utf8')).toContain('<<<<<<< ours');
      expect(gitRuns()).toBe('config --get merge.conflictStyle\n');
    });
  });

  describeIf(needs.git)('papers git setup', () => {
    it('writes the attribute and the config once; a second run changes nothing; --global writes the global config', async () => {
      const root = tempDir();
      const env = gitEnv(root);
      writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
      ok(env, root, 'init', '-q', 'repo');
      const repo = join(root, 'repo');
      copyFileSync(EXAMPLE, join(repo, 'README.md'));
      writeFileSync(join(repo, '.gitattributes'), '*.png binary');
      const first = await runCliInProcess(['git', 'setup'], { cwd: repo, env });
      expect(first.status, first.stderr).toBe(0);
      expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe('*.png binary\n/README.md merge=papers\n');
      const config = ok(env, repo, 'config', '--local', '--get', 'merge.papers.driver');
      expect(config).toMatch(/merge-driver --marker-size %L %O %A %B %P\n$/);
      const second = await runCliInProcess(['git', 'setup'], { cwd: repo, env });
      expect(second.stdout).not.toMatch(/^(added|set)/m);
      expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe('*.png binary\n/README.md merge=papers\n');
      const global = await runCliInProcess(['git', 'setup', '--global'], { cwd: repo, env });
      expect(global.status, global.stderr).toBe(0);
      expect(readFileSync(env.GIT_CONFIG_GLOBAL!, 'utf8')).toContain('[merge "papers"]');
    });

    it("a repository of lists: a line for each glob of .papers.json's lists, once", async () => {
      const root = tempDir();
      const env = gitEnv(root);
      writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
      ok(env, root, 'init', '-q', 'repo');
      const repo = join(root, 'repo');
      copyFileSync(EXAMPLE, join(repo, 'README.md'));
      writeFileSync(join(repo, '.papers.json'), '{"version": 1, "lists": ["README.md", "papers/*.md", "{a,b}.md"]}\n');
      for (let run = 0; run < 2; run++) {
        const result = await runCliInProcess(['git', 'setup'], { cwd: repo, env });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain('"{a,b}.md" (from .papers.json) has braces');
      }
      expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe(
        '/README.md merge=papers\n/papers/*.md merge=papers\n',
      );
      expect(ok(env, repo, 'check-attr', 'merge', '--', 'papers/2024.md')).toBe('papers/2024.md: merge: papers\n');
    });

    it('outside a work tree: says so (and what --global does), exit 1', async () => {
      const root = tempDir();
      const env = gitEnv(root);
      writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
      copyFileSync(EXAMPLE, join(root, 'README.md'));
      const result = await runCliInProcess(['git', 'setup'], {
        cwd: root,
        env: { ...env, GIT_CEILING_DIRECTORIES: root },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('is not in a git work tree; papers git setup --global');
      const unknown = await runCliInProcess(['git', 'stup'], { cwd: root, env });
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('papers git takes setup');
    });
  });
});
