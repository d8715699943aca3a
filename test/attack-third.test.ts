/**
 * The third safety pass (issue #21), the attacks of another user (nobody, 65534) on root's papers: a
 * rename above the state or cache directory that swaps the journal or a cache entry for the attacker's
 * between papers' check and its read, and a symlinked list planted in a folder others may write. Each
 * test failed on the code before the fix it guards (the swaps within 40 runs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { EXAMPLE, killAtTestEnd, listJsonInProcess, runBinInProcess, tempDir, tempFile, until } from './helpers.js';
import { all, itIf, needs } from './needs.js';

const python = { ok: existsSync('/usr/bin/python3'), why: '/usr/bin/python3 is missing (the attacker script)' };
const NOBODY = 65534;
const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex');

/** Runs a command as user nobody, without root's capabilities. */
function asNobody(command: string[]): string[] {
  return ['--reuid=65534', '--regid=65534', '--clear-groups', '--', ...command];
}

/** `mkdir` owned by nobody. */
function nobodysDir(path: string, mode = 0o755): string {
  mkdirSync(path, { recursive: true });
  chmodSync(path, mode);
  chownSync(path, NOBODY, NOBODY);
  return path;
}

/**
 * A folder nobody owns, in which `name` is a link that nobody flips, as fast as it can, between `real`
 * (above root's own private directory) and `evil` (above the attacker's): a rename above the directory
 * papers checks, which a check of that directory alone cannot see. Resolves once the flipping has begun.
 */
async function flipper(owned: string, name: string): Promise<void> {
  const script = `
import os
d = ${JSON.stringify(owned)}
i = 0
while True:
    for target in ('real', 'evil'):
        tmp = os.path.join(d, '.l%d' % i)
        i += 1
        try:
            os.symlink(target, tmp)
            os.rename(tmp, os.path.join(d, ${JSON.stringify(name)}))
        except OSError:
            pass
`;
  const child = spawn('setpriv', asNobody(['/usr/bin/python3', '-c', script]), { stdio: 'ignore' });
  killAtTestEnd(child);
  await until(() => existsSync(join(owned, name)));
}

describe('the undo journal, under a folder another user owns', () => {
  itIf(all(needs.otherUser, python))(
    'is not used: a swap above it cannot make undo write the attacker’s text',
    async () => {
      const base = tempDir();
      chmodSync(base, 0o755);
      const owned = nobodysDir(join(base, 'owned'));
      nobodysDir(join(owned, 'real'));
      // root's papers keeps owned/real/state/papers (0700, root's own): all the old check looked at.
      mkdirSync(join(owned, 'real', 'state'), { mode: 0o700 });
      const file = realpathSync(tempFile(readFileSync(EXAMPLE), 'reading.md'));
      const done = readFileSync(EXAMPLE, 'utf8').replace('- [ ] ROLLER', '- [x] ROLLER');
      const theirs = '# Mine now\n';
      // The attacker's journal for this list: "undo" turns the text papers leaves after `done roller` into theirs.
      const evilJournal = nobodysDir(join(owned, 'evil', 'state', 'papers', 'journal'), 0o700);
      const entry = {
        time: new Date().toISOString(),
        message: 'Marked ROLLER read',
        start: 0,
        before: theirs,
        after: done,
        beforeHash: sha1(theirs),
        afterHash: sha1(done),
      };
      const journalFile = join(evilJournal, `${sha1(file).slice(0, 24)}.json`);
      writeFileSync(journalFile, JSON.stringify({ format: 'papers-journal-1', path: file, entries: [entry] }));
      chownSync(journalFile, NOBODY, NOBODY);
      for (const dir of ['evil', 'evil/state', 'evil/state/papers']) chownSync(join(owned, dir), NOBODY, NOBODY);
      // Without any swap: a journal under a folder another user owns is not used at all (before the fix it
      // was: papers checked only its own two directories, then read the file by path).
      const plain = { XDG_STATE_HOME: join(owned, 'real', 'state'), PAPERS_SETTLE_MS: '0' };
      expect((await runBinInProcess(['--file', file, 'done', 'roller'], { env: plain })).status).toBe(0);
      const refused = await runBinInProcess(['--file', file, 'undo'], { env: plain });
      expect(refused.stderr).toMatch(/nothing to undo/);
      expect((await runBinInProcess(['--file', file, 'undone', 'roller'], { env: plain })).status).toBe(0);
      // The swap itself, while papers runs: the list never takes the attacker's text.
      await flipper(owned, 'x');
      const env = { XDG_STATE_HOME: join(owned, 'x', 'state'), PAPERS_SETTLE_MS: '0' };
      const undone: string[] = [];
      for (let run = 0; run < 40; run++) {
        expect((await runBinInProcess(['--file', file, 'done', 'roller'], { env })).status).toBe(0);
        const undo = await runBinInProcess(['--file', file, 'undo'], { env });
        expect(readFileSync(file, 'utf8')).not.toBe(theirs);
        undone.push(undo.stderr);
      }
      // Nothing is recorded in, or read from, a journal another user could swap.
      for (const stderr of undone) expect(stderr).toMatch(/nothing to undo/);
      expect(await listJsonInProcess(file)).toHaveLength(23);
    },
  );
});

describe('the model cache, under a folder another user owns', () => {
  itIf(all(needs.otherUser, python))(
    'is not used: a swap above it cannot plant a model in list, in a write, or in the real cache',
    async () => {
      const two = [
        '## A',
        '',
        "- [ ] Welder: Slow[OSDI'23]: [[Paper](https://a.org/w)]",
        "- [ ] Roller: Fast[OSDI'22]: [[Paper](https://a.org/r)]",
        '',
      ].join('\n');
      const swapped = two.replace(/^(- .*Welder.*)\n(- .*Roller.*)$/m, '$2\n$1');
      // The attacker's entry for the list's text: the model of the same lines the other way round.
      const scratch = tempDir();
      const decoy = tempFile(swapped, 'decoy.md');
      expect((await runBinInProcess(['--file', decoy, 'list'], { env: { XDG_CACHE_HOME: scratch } })).status).toBe(0);
      const base = tempDir();
      chmodSync(base, 0o755);
      const owned = nobodysDir(join(base, 'owned'));
      nobodysDir(join(owned, 'real'));
      mkdirSync(join(owned, 'real', 'cache'), { mode: 0o700 });
      const evil = nobodysDir(join(owned, 'evil', 'cache', 'papers'), 0o700);
      for (const dir of ['evil', 'evil/cache']) chownSync(join(owned, dir), NOBODY, NOBODY);
      const planted = join(evil, `${sha1(two)}.entry`);
      copyFileSync(join(scratch, 'papers', `${sha1(swapped)}.entry`), planted);
      chownSync(planted, NOBODY, NOBODY);
      chmodSync(planted, 0o600);
      await flipper(owned, 'x');
      const env = { XDG_CACHE_HOME: join(owned, 'x', 'cache'), PAPERS_SETTLE_MS: '0' };
      const truth = ['welder', 'roller'];
      for (let run = 0; run < 40; run++) {
        const file = tempFile(two, 'reading.md');
        const listed = await runBinInProcess(['--file', file, 'list', '--json'], { env });
        expect((JSON.parse(listed.stdout) as { id: string; title: string }[]).map((p) => p.id)).toEqual(truth);
        expect((await runBinInProcess(['--file', file, 'done', 'roller'], { env })).status).toBe(0);
        expect(readFileSync(file, 'utf8')).toBe(two.replace('- [ ] Roller', '- [x] Roller'));
      }
      // Nothing was cached there at all (so nothing planted was carried into root's own cache).
      expect(spawnSync('find', [join(owned, 'real'), '-name', '*.entry'], { encoding: 'utf8' }).stdout).toBe('');
    },
  );
});

describe('a symlinked list planted by another user', () => {
  itIf(needs.otherUser)(
    'is not followed into a root-only folder: refused with a message, unless --follow-links',
    async () => {
      const open = tempDir();
      chmodSync(open, 0o777);
      const rootOnly = tempDir();
      chmodSync(rootOnly, 0o700);
      const notes = join(rootOnly, 'notes.md');
      const text = '# Notes\n\n## A\n\n- [ ] A Root Paper\n';
      writeFileSync(notes, text);
      const link = join(open, 'l.md');
      // nobody cannot read rootonly/, but may make a link to a path in it.
      expect(spawnSync('setpriv', asNobody(['ln', '-s', notes, link])).status).toBe(0);
      const refused = await runBinInProcess(['--file', link, 'add', 'Planted Paper', '--area', 'A']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /is a symbolic link .* papers does not follow: it is uid 65534's, so someone else could have put it there; .*--follow-links/,
      );
      expect(readFileSync(notes, 'utf8')).toBe(text);
      // Reading through it is refused as well (it would show root's file to whoever planted it, in a screenshot).
      expect((await runBinInProcess(['--file', link, 'list'])).status).toBe(1);
      // The user who checked where it points may still use it.
      const followed = await runBinInProcess(['--file', link, '--follow-links', 'add', 'Planted Paper', '--area', 'A']);
      expect(followed.status, followed.stderr).toBe(0);
      expect(readFileSync(notes, 'utf8')).toContain('Planted Paper');
    },
  );

  itIf(needs.otherUser)('a folder link planted on the way to the list is refused the same way', async () => {
    const open = tempDir();
    chmodSync(open, 0o777);
    const rootOnly = tempDir();
    chmodSync(rootOnly, 0o700);
    const text = '# Notes\n\n## A\n\n- [ ] A Root Paper\n';
    writeFileSync(join(rootOnly, 'notes.md'), text);
    expect(spawnSync('setpriv', asNobody(['ln', '-s', rootOnly, join(open, 'd')])).status).toBe(0);
    const refused = await runBinInProcess(['--file', join(open, 'd', 'notes.md'), 'done', '1']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is a symbolic link .*\/d\) papers does not follow: it is uid 65534's/);
    expect(readFileSync(join(rootOnly, 'notes.md'), 'utf8')).toBe(text);
  });

  itIf(needs.otherUser)('a link of root’s own in a folder others may write is refused too', async () => {
    const open = tempDir();
    chmodSync(open, 0o777);
    const target = tempFile('# Notes\n\n## A\n\n- [ ] A Root Paper\n', 'notes.md');
    const link = join(open, 'l.md');
    spawnSync('ln', ['-s', target, link]);
    const refused = await runBinInProcess(['--file', link, 'done', '1']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/papers does not follow: others may write /);
  });
});
