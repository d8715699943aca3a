/**
 * Issue #21 item 4, the attacks the adversarial review found on the symlink rule (review21 4f′ and 4g):
 * another user (nobody, 65534) who may write a folder on the way to root's list steers root's read or
 * write into another file, by making a folder a link that a `..` after it goes back through (4f′), or by
 * swapping the list's name for a link between papers' check and its use (4g). The swap is done in the
 * afterTargetResolved hook, at each point papers has examined a path, instead of in a racing process.
 * Each test failed on the code before the fix (read.ts looked the path up twice, and collapsed `x/..`).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lchownSync,
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { runBinInProcess, tempDir } from './helpers.js';
import { itIf, needs } from './needs.js';

const NOBODY = 65534;

/** Runs a shell command as user nobody, without root's capabilities. */
function asNobody(script: string): void {
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'sh', '-c', script]);
  expect(run.status, run.stderr.toString()).toBe(0);
}

const PRIVATE = '# Secret\n\n- [ ] Private Root Paper\n';
const PUBLIC = '# Shared\n\n- [ ] Public Paper\n';

/** root's 0700 rootonly/notes.md, and a 0777 (not sticky) shared/ folder beside it. */
function layout(): { base: string; notes: string; shared: string } {
  const base = tempDir();
  chmodSync(base, 0o755);
  const rootOnly = join(base, 'rootonly');
  mkdirSync(rootOnly, { mode: 0o700 });
  const notes = join(rootOnly, 'notes.md');
  writeFileSync(notes, PRIVATE);
  const shared = join(base, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  return { base, notes, shared };
}

describe('a link of root’s own whose text goes back (..) through a folder others may replace (4f′)', () => {
  itIf(needs.otherUser)('is resolved as the kernel does: the folder is followed first, and judged', async () => {
    const { base, notes, shared } = layout();
    const mine = join(base, 'mine');
    mkdirSync(mine, { mode: 0o755 });
    const link = join(mine, 'l3.md');
    symlinkSync('../shared/x/../../rootonly/notes.md', link);
    asNobody(`mkdir ${shared}/x`);
    // While x is a folder, the link leads to root's file.
    const before = await runBinInProcess(['--file', link, 'list']);
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout).toContain('Private Root Paper');
    // nobody makes x a link: x/../.. now leads (for the kernel) to nobody's evil/rootonly/notes.md.
    const planted = '# S\n\n- [ ] Planted by nobody: [Paper](https://evil.example/x)\n';
    asNobody(
      `mkdir -p ${shared}/evil/a/b ${shared}/evil/rootonly && printf '${planted.replace(/\n/g, '\\n')}' > ${shared}/evil/rootonly/notes.md && mv ${shared}/x ${shared}/x.old && ln -s evil/a/b ${shared}/x`,
    );
    for (const args of [['list'], ['open', '--print', 'planted'], ['done', '1']]) {
      const refused = await runBinInProcess(['--file', link, ...args]);
      expect(refused.status, args.join(' ')).toBe(1);
      expect(refused.stdout).not.toContain('evil.example');
      expect(refused.stdout).not.toContain('Planted');
      expect(refused.stderr).toMatch(/is a symbolic link \(.*\/shared\/x\) papers does not follow: it is uid 65534's/);
    }
    expect(readFileSync(notes, 'utf8')).toBe(PRIVATE);
    expect(readFileSync(join(shared, 'evil', 'rootonly', 'notes.md'), 'utf8')).toBe(planted);
    // Followed on request, it leads where the kernel goes: nobody's file, never root's.
    const followed = await runBinInProcess(['--file', link, '--follow-links', 'list']);
    expect(followed.status, followed.stderr).toBe(0);
    expect(followed.stdout).toContain('Planted by nobody');
  });
});

describe('a list swapped for a link to root’s private file right after papers examined it (4g)', () => {
  /**
   * Runs `args` on shared/race.md (nobody's file), with the afterTargetResolved hook replacing race.md by
   * nobody's link to root's notes.md at its `at`-th call (0: never). Returns the run and the hook's calls.
   */
  async function swapAt(args: string[], at: number) {
    const { notes, shared } = layout();
    const race = join(shared, 'race.md');
    writeFileSync(race, PUBLIC);
    chownSync(race, NOBODY, NOBODY);
    let calls = 0;
    const swap = () => {
      if (++calls !== at) return;
      const temp = join(shared, 'l.tmp');
      symlinkSync(notes, temp);
      lchownSync(temp, NOBODY, NOBODY);
      renameSync(temp, race);
    };
    const run = await runBinInProcess(['--file', race, ...args], { hooks: { afterTargetResolved: swap } });
    return { run, calls, notes: readFileSync(notes, 'utf8') };
  }

  for (const args of [['list'], ['done', '1'], ['rm', '1', '--yes'], ['add', 'Injected Paper', '--top']]) {
    itIf(needs.otherUser)(
      `\`${args.join(' ')}\` never reads or writes root's file, whichever check the swap follows`,
      async () => {
        const clean = await swapAt(args, 0);
        expect(clean.run.status, clean.run.stderr).toBe(0);
        expect(clean.calls).toBeGreaterThan(0);
        for (let at = 1; at <= clean.calls; at++) {
          const { run, notes } = await swapAt(args, at);
          expect(notes, `swap at check ${at}`).toBe(PRIVATE);
          expect(run.stdout, `swap at check ${at}`).not.toContain('Private Root Paper');
        }
      },
    );
  }
});
