/**
 * The second safety pass: each attack an adversarial review used against papers, run for real. Every
 * test here failed on the code before the fix it guards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { editableEntry } from './cache-entry.js';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BIN,
  BIN_FOR_OTHERS,
  cliEnv,
  EXAMPLE,
  killAtTestEnd,
  LONG_WAIT_MS,
  listJsonInProcess,
  raceBeforeCommit,
  runBinInProcess,
  runCli,
  runCliAsync,
  tempDir,
  tempFile,
  until,
} from './helpers.js';
import { all, itIf, needs } from './needs.js';
import { parseDocument } from '../src/core/read/parse.js';

const example = () => readFileSync(EXAMPLE, 'utf8');
/** The attacker of the symlink test is a Python script run as nobody. */
const python = { ok: existsSync('/usr/bin/python3'), why: '/usr/bin/python3 is missing (the attacker script)' };

/** Runs a command as user nobody (65534), without the root capabilities. */
function nobodyArgs(command: string[]): string[] {
  return ['--reuid=65534', '--regid=65534', '--clear-groups', '--', ...command];
}

describe('the temp file beside the list', () => {
  itIf(all(needs.otherUser, python))(
    'cannot be swapped for a symlink to hand a root-only file to another user',
    async () => {
      // The list belongs to nobody, in a directory nobody can write; root runs papers on it.
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const list = join(dir, 'reading.md');
      writeFileSync(list, example());
      chownSync(list, 65534, 65534);
      const secretDir = tempDir();
      const secret = join(secretDir, 'secret');
      writeFileSync(secret, 'root only\n', { mode: 0o600 });
      // The attacker swaps every temp file papers makes for a link to the secret, as fast as it can (until
      // it is killed).
      const attacker = `
import os, sys
d, target = ${JSON.stringify(dir)}, ${JSON.stringify(secret)}
while True:
    for name in os.listdir(d):
        if name.endswith('.tmp') and not name.startswith('.x'):
            p = os.path.join(d, name)
            tmp = os.path.join(d, '.x' + name)
            try:
                os.symlink(target, tmp)
                os.rename(tmp, p)
            except OSError:
                pass
`;
      const swapper = spawn('setpriv', nobodyArgs(['/usr/bin/python3', '-c', attacker]), {
        stdio: 'ignore',
        env: cliEnv({}),
      });
      killAtTestEnd(swapper);
      // Each write waits, between writing its temp file and its last check, until the attacker has swapped
      // that temp file for a link (an event, not a window to hit): every run meets the attack, and a test in
      // which the attacker never won a race, proving nothing, cannot happen. (In-process: only the file matters.)
      const swapped = async (temp: string) => {
        await until(() => lstatSync(temp, { throwIfNoEntry: false })?.isSymbolicLink());
      };
      try {
        for (let i = 0; i < 20; i++) {
          // Always `done`: every write is refused, so ROLLER stays unread and each run writes again.
          const result = await runBinInProcess(['--file', list, 'done', 'roller'], {
            hooks: { beforeRename: swapped },
          });
          // The swap is done before papers' last check, so that check finds it: papers refuses and says so,
          // and the list is still the regular file it was (never the attacker's link renamed over it).
          expect(result.status).toBe(1);
          expect(result.stderr).toMatch(
            /the temp file .* was replaced by someone else while papers wrote it; nothing was written/,
          );
          expect(lstatSync(list).isFile()).toBe(true);
          const stat = statSync(secret);
          expect(stat.uid).toBe(0);
          expect(stat.mode & 0o777).toBe(0o600);
          expect(readFileSync(secret, 'utf8')).toBe('root only\n');
        }
      } finally {
        swapper.kill();
      }
      // Every write was refused: the list is byte for byte what it was.
      expect(readFileSync(list, 'utf8')).toBe(example());
      expect(await listJsonInProcess(list)).toHaveLength(23);
    },
  );

  it('keeps setuid/setgid-style mode bits and the mode through a rewrite', async () => {
    const file = tempFile(example(), 'reading.md');
    chmodSync(file, 0o2640);
    expect((await runBinInProcess(['--file', file, 'done', 'roller'])).status).toBe(0);
    expect(statSync(file).mode & 0o7777).toBe(0o2640);
  });
});

describe('an editor that saves in place', () => {
  it('is waited for: no save and no paper is lost while papers edits', async () => {
    const file = tempFile(example(), 'reading.md');
    // A writer that truncates, writes half, pauses, writes the rest (as some editors do), six times,
    // each save adding one paper.
    const editor = `
const fs = require('node:fs');
const file = ${JSON.stringify(file)};
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (let k = 1; k <= 6; k++) {
  const text = fs.readFileSync(file, 'utf8') + '- [ ] Editor Paper Number ' + k + '\\n';
  const fd = fs.openSync(file, 'r+');
  fs.ftruncateSync(fd, 0);
  fs.writeSync(fd, text.slice(0, text.length >> 1), 0);
  sleep(300);
  fs.writeSync(fd, text.slice(text.length >> 1), text.length >> 1);
  fs.closeSync(fd);
  sleep(150);
}`;
    const writer = spawn(process.execPath, ['-e', editor], { stdio: 'inherit', env: cliEnv({}) });
    killAtTestEnd(writer);
    const done = new Promise((resolve) => writer.on('close', resolve));
    const runs: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      // The default settle time (1 s) is longer than the editor's pause mid-save.
      runs.push(
        runCliAsync(['--file', file, i % 2 ? 'undone' : 'done', 'roller'], { env: { PAPERS_SETTLE_MS: undefined } }),
      );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await Promise.all([done, ...runs]);
    const titles = (await listJsonInProcess(file)).map((paper) => paper.title);
    expect(titles).toHaveLength(23 + 6);
    for (let k = 1; k <= 6; k++) expect(titles).toContain(`Editor Paper Number ${k}`);
  });

  it('refuses a file that keeps changing, after a bounded wait', async () => {
    const file = tempFile(example(), 'reading.md');
    // Touches the file every 50 ms until it is killed: papers, which wants 2 s of quiet, could only
    // succeed by waiting forever, and must give up. It starts once the toucher has touched (a slow start
    // would leave the file quiet).
    const size = statSync(file).size;
    const toucher = spawn(
      process.execPath,
      ['-e', `const fs=require('fs');setInterval(()=>fs.appendFileSync(${JSON.stringify(file)}, ' '),50)`],
      { env: cliEnv({}) },
    );
    killAtTestEnd(toucher);
    await until(() => statSync(file).size > size);
    const result = await runCliAsync(['--file', file, 'done', 'roller'], {
      env: { PAPERS_SETTLE_MS: '2000', PAPERS_SETTLE_TIMEOUT_MS: '3000' },
    });
    toucher.kill();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/still being written by another program \(it kept changing for 3s\)/);
  });

  it('refuses to write on a list that suddenly holds far fewer papers, unless --force; reads do not move that baseline', async () => {
    const file = tempFile(example(), 'reading.md');
    const env = { XDG_STATE_HOME: tempDir() };
    expect((await runBinInProcess(['--file', file, 'done', 'roller'], { env })).status).toBe(0); // papers wrote 23 papers here
    const half = example().split('\n').slice(0, 12).join('\n');
    writeFileSync(file, `${half}\n`);
    // A read of the damaged file (shell completion, list) must not make it the new normal.
    expect((await runBinInProcess(['--file', file, '__complete', 'ids'], { env })).status).toBe(0);
    expect((await runBinInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const refused = await runBinInProcess(['--file', file, 'undone', 'rammer'], { env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/now holds 3 papers where papers saw 23 before.*--force/);
    expect(readFileSync(file, 'utf8')).toBe(`${half}\n`);
    expect((await runBinInProcess(['--file', file, 'undone', 'rammer', '--force'], { env })).status).toBe(0);
  });

  it('a file whose modification time is in the future is edited once it is stable', () => {
    const file = tempFile(example(), 'reading.md');
    const future = new Date(Date.now() + 3600_000);
    utimesSync(file, future, future);
    // Waiting for the hour to pass would outlast the settle timeout (and runCli's): it must see the file is still.
    const result = runCli(['--file', file, 'done', 'roller'], {
      env: { PAPERS_SETTLE_MS: undefined, PAPERS_SETTLE_TIMEOUT_MS: String(LONG_WAIT_MS) },
    });
    expect(result.status, result.stderr).toBe(0);
  });

  it('writes without a cache are not slowed by the settle wait (the record of own writes is in the state dir)', () => {
    const file = tempFile(example(), 'reading.md');
    // A settle wait longer than runCli's timeout: the second write must know the file is as it left it.
    const env = {
      PAPERS_NO_CACHE: '1',
      PAPERS_SETTLE_MS: String(LONG_WAIT_MS),
      PAPERS_SETTLE_TIMEOUT_MS: String(LONG_WAIT_MS),
      XDG_STATE_HOME: tempDir(),
    };
    expect(runCli(['--file', file, 'done', 'roller'], { env: { ...env, PAPERS_SETTLE_MS: '0' } }).status).toBe(0);
    const again = runCli(['--file', file, 'undone', 'roller'], { env });
    expect(again.status, again.stderr).toBe(0);
  });
});

describe('a plan made on text that changed', () => {
  it('is written when it does the same to the same paper; refused when the paper is now marked already', async () => {
    // Another paper marked by an editor meanwhile: done roller still marks roller, and only it.
    const other = example().replace('- [ ] Welder', '- [x] Welder');
    expect(other).not.toBe(example());
    const same = await raceBeforeCommit(
      () => tempFile(example(), 'reading.md'),
      ['done', 'roller'],
      (list) => writeFileSync(list, other),
    );
    expect(same.result.status, same.result.stderr).toBe(0);
    expect(readFileSync(same.file, 'utf8')).toBe(other.replace('- [ ] ROLLER', '- [x] ROLLER'));
    // Roller itself marked meanwhile: the plan would now write nothing, which is not what was asked of it.
    const marked = example().replace('- [ ] ROLLER', '- [x] ROLLER');
    const done = await raceBeforeCommit(
      () => tempFile(example(), 'reading.md'),
      ['done', 'roller'],
      (list) => writeFileSync(list, marked),
    );
    expect(done.result.status).toBe(1);
    expect(done.result.stderr).toMatch(/would now do something else/);
    expect(readFileSync(done.file, 'utf8')).toBe(marked);
  });

  it("rm <number> does not take an editor's item of the same title, even where the text around it changed", async () => {
    const text = '# L\n\n- [ ] Alpha paper\n- [ ] Beta paper\n- [ ] Same title\n- [ ] Omega paper\n';
    // Under the lock: a read item of the same title above #3, #2 retitled, a line at the end.
    const edited = `${text.replace('- [ ] Same title\n', '- [x] Same title\n- [ ] Same title\n').replace('Beta paper', 'Beta paper v2')}\nAdded at the end.\n`;
    const { file, result } = await raceBeforeCommit(
      () => tempFile(text, 'reading.md'),
      ['rm', '3', '--yes'],
      (list) => writeFileSync(list, edited),
    );
    expect(result.stderr).toMatch(/would now do something else/);
    expect(result.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('done <id> does not mark an identical item an editor put in another area meanwhile', async () => {
    const text = '# L\n\n## A\n\n- [ ] Alpha paper\n\n## B\n\n- [ ] Same title\n';
    // Under the lock: Alpha retitled, the same item in A, a line at the end (the id now names A's).
    const edited = `${text.replace('- [ ] Alpha paper\n', '- [ ] Alpha paper v2\n- [ ] Same title\n')}\nAdded.\n`;
    const { file, result } = await raceBeforeCommit(
      () => tempFile(text, 'reading.md'),
      ['done', 'same-title'],
      (list) => writeFileSync(list, edited),
    );
    expect(result.stderr).toMatch(/would now do something else/);
    expect(result.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('done <number> does not mark another paper when an editor inserted one meanwhile', async () => {
    const edited = example().replace('### DNN Compiler\n\n', '### DNN Compiler\n\n- [ ] Inserted By An Editor\n\n');
    expect(edited).not.toBe(example());
    const { file, result } = await raceBeforeCommit(
      () => tempFile(example(), 'reading.md'),
      ['done', '5'],
      (list) => writeFileSync(list, edited),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/would now do something else/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });
});

describe('lone CR line endings', () => {
  const cr = () => example().replace(/\n/g, '\r');
  it.each([
    ['mv', ['mv', 'taso', '--area', 'OS']],
    ['add', ['add', 'A New Paper', '--area', 'OS']],
    ['done', ['done', 'roller']],
  ])('%s refuses, writing nothing', async (_name, args) => {
    const file = tempFile(cr(), 'reading.md');
    const result = await runBinInProcess(['--file', file, ...args]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/lone CR/);
    expect(readFileSync(file, 'utf8')).toBe(cr());
  });
});

describe('a damaged or planted cache entry', () => {
  /** The cache entry papers made for `file`. */
  function entryOf(cacheDir: string, file: string): string {
    const fingerprint = createHash('sha1').update(readFileSync(file)).digest('hex');
    return join(cacheDir, 'papers', `${fingerprint}.entry`);
  }

  it('cannot make rm remove more than the paper named', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(example(), 'reading.md');
    const expected = tempFile(example(), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'rm', 'graphiler', '--dry-run'], { env })).status).toBe(0); // warms the cache
    const path = entryOf(cache, file);
    // Lengthen Welder's span to the end of the next two items; keep every checksum right.
    const entry = editableEntry(readFileSync(path));
    const welder = (await listJsonInProcess(file)).findIndex((paper) => paper.id === 'welder');
    entry.detailWords[entry.detailRun(welder) + 1] = entry.detailWords[entry.detailRun(welder + 2) + 1]!;
    writeFileSync(path, entry.bytes());

    const result = await runBinInProcess(['--file', file, 'rm', 'welder', '--yes'], { env });
    expect(result.status, result.stderr).toBe(0);
    expect(
      (await runBinInProcess(['--file', expected, 'rm', 'welder', '--yes'], { env: { PAPERS_NO_CACHE: '1' } })).status,
    ).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(expected, 'utf8'));
  });

  it('cannot make done flip another paper than the one named', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(example(), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const path = entryOf(cache, file);
    // Swap only ROLLER's and Welder's checkbox offsets, checksums recomputed.
    const entry = editableEntry(readFileSync(path));
    const ids = (await listJsonInProcess(file)).map((paper) => paper.id);
    const [r, w] = [ids.indexOf('roller'), ids.indexOf('welder')];
    expect(r).toBeGreaterThanOrEqual(0);
    expect(w).toBeGreaterThanOrEqual(0);
    for (const column of ['CheckboxStart', 'CheckboxEnd'] as const) {
      const [atR, atW] = [entry.paperField(column, r), entry.paperField(column, w)];
      [entry.factsWords[atR], entry.factsWords[atW]] = [entry.factsWords[atW]!, entry.factsWords[atR]!];
    }
    writeFileSync(path, entry.bytes());
    expect((await runBinInProcess(['--file', file, 'done', 'welder'], { env })).status).toBe(0);
    const papers = await listJsonInProcess(file);
    expect(papers.find((paper) => paper.id === 'welder')?.read).toBe(true);
    expect(papers.find((paper) => paper.id === 'roller')?.read).toBe(false);
  });

  it('a cache or state directory that cannot be made (under /proc) costs nothing, and never hangs', async () => {
    const file = tempFile(example(), 'reading.md');
    const env = { XDG_CACHE_HOME: '/proc/papers-nonexistent/cache', XDG_STATE_HOME: '/proc/papers-nonexistent/state' };
    // (A hang ends in runCli's timeout: status -1.)
    const listed = runCli(['--file', file, 'list', '--unread'], { env });
    expect(listed.status, listed.stderr).toBe(0);
    expect(runCli(['--file', file, 'done', 'roller'], { env }).status).toBe(0);
    expect((await listJsonInProcess(file)).find((paper) => paper.id === 'roller')?.read).toBe(true);
  });

  it('is not read from a cache directory that others may write', async () => {
    const cache = tempDir();
    const dir = join(cache, 'papers');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    const file = tempFile(example(), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is created private (0700)', async () => {
    const cache = tempDir();
    const file = tempFile(example(), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    expect(statSync(join(cache, 'papers')).mode & 0o777).toBe(0o700);
  });
});

describe('who may write the file', () => {
  itIf(needs.otherUser)('a user who cannot write the file is refused, even in a directory they can write', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const file = join(dir, 'reading.md');
    writeFileSync(file, example(), { mode: 0o644 });
    // The copy of the CLI in the run directory: the clone itself may be in a folder nobody cannot enter.
    const result = spawnSync(
      'setpriv',
      nobodyArgs([process.execPath, BIN_FOR_OTHERS, '--file', file, 'done', 'roller']),
      {
        encoding: 'utf8',
        env: cliEnv({ PAPERS_NO_CACHE: '1', HOME: dir }),
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/permission denied; you may not write this file/);
    expect(statSync(file).uid).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(example());
  });

  it('a file with another hard link is refused unless --break-hardlinks', async () => {
    const file = tempFile(example(), 'reading.md');
    const other = join(dirname(file), 'other.md');
    linkSync(file, other);
    const refused = await runBinInProcess(['--file', file, 'done', 'roller']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/1 other hard link.*--break-hardlinks/);
    expect(readFileSync(file, 'utf8')).toBe(example());
    expect((await runBinInProcess(['--file', file, 'done', 'roller', '--break-hardlinks'])).status).toBe(0);
    expect(readFileSync(other, 'utf8')).toBe(example());
  });

  it('a path through /dev or /proc (-f /dev/stdin) is refused', () => {
    const file = tempFile(example(), 'reading.md');
    const fd = openSync(file, 'r');
    try {
      const result = spawnSync(process.execPath, [BIN, '-f', '/dev/stdin', 'done', 'roller'], {
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
        env: cliEnv({ PAPERS_NO_CACHE: '1' }),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/under \/dev or \/proc/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(example());
  });
});

describe('more paths and files that are not what they seem', () => {
  it('a directory link to /dev (link/fd/0) is refused before anything is written', () => {
    const dir = tempDir();
    symlinkSync('/dev', join(dir, 'd'));
    const file = tempFile(example(), 'reading.md');
    const fd = openSync(file, 'r');
    try {
      const result = spawnSync(
        process.execPath,
        [BIN, '-f', join(dir, 'd', 'fd', '0'), 'add', 'Injected Paper', '--area', 'OS'],
        {
          stdio: [fd, 'pipe', 'pipe'],
          encoding: 'utf8',
          env: cliEnv({ PAPERS_NO_CACHE: '1' }),
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/under \/dev or \/proc/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(example());
  });

  it.each([
    ['a FIFO', (lock: string) => spawnSync('mkfifo', [lock])],
    ['a link to /dev/zero', (lock: string) => symlinkSync('/dev/zero', lock)],
  ])('a lock that is %s does not hang papers: it is taken as stale', async (_name, make) => {
    const file = tempFile(example(), 'reading.md');
    make(`${file}.lock`);
    // (A hang ends in the timeout: status null.)
    const result = spawnSync(process.execPath, [BIN, '-f', file, 'done', 'roller'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: cliEnv({ PAPERS_NO_CACHE: '1', PAPERS_LOCK_TIMEOUT_MS: '2000' }),
    });
    expect(result.status, result.stderr).toBe(0);
    expect((await listJsonInProcess(file)).find((paper) => paper.id === 'roller')?.read).toBe(true);
  });

  it('a lock path that is a directory is refused with a clear message', async () => {
    const file = tempFile(example(), 'reading.md');
    mkdirSync(`${file}.lock`);
    const result = await runBinInProcess(['--file', file, 'done', 'roller']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\.lock is a directory; papers uses that name for its lock file/);
  });

  it('a list whose name is near the length limit can still be edited', async () => {
    const file = tempFile(example(), `${'n'.repeat(240)}.md`);
    const result = await runBinInProcess(['--file', file, 'done', 'roller']);
    expect(result.status, result.stderr).toBe(0);
  });

  itIf(needs.otherUser)('an undo journal in a directory another user owns is not used', () => {
    const state = tempDir();
    chmodSync(state, 0o1777);
    mkdirSync(join(state, 'papers'));
    chownSync(join(state, 'papers'), 65534, 65534);
    const file = tempFile(example(), 'reading.md');
    const env = { XDG_STATE_HOME: state };
    expect(runCli(['--file', file, 'done', 'roller'], { env }).status).toBe(0);
    const undo = runCli(['--file', file, 'undo'], { env });
    expect(undo.status).toBe(1);
    expect(undo.stderr).toMatch(/nothing to undo/);
  });
});

describe('hostile markdown is answered within its budget', () => {
  const cases: [string, () => string][] = [
    ['10,000 list markers on one line', () => '- '.repeat(10_000)],
    ['10,000 block quote markers', () => `${'> '.repeat(10_000)}x\n`],
    ['deep nesting by indentation', () => Array.from({ length: 1500 }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')],
  ];
  it.each(cases)('%s', (_name, make) => {
    const file = tempFile(make());
    // (A parse that never ends fails by runCli's timeout: status -1.)
    const result = runCli(['--file', file, 'list'], { env: { PAPERS_NO_CACHE: '1', PAPERS_PARSE_TIMEOUT_MS: '3000' } });
    if (result.status !== 0) {
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/too complex to parse/);
    }
    // (no stack trace: a frame is a line starting with "at "; the "no papers" note says "what was")
    expect(result.stderr).not.toMatch(/bug|RangeError|^\s+at /m);
  });

  it('the deadline stops a parse that takes longer (a deadline of 1 ms is always missed: the worker cannot even start in time)', () => {
    const file = tempFile(cases[2]![1]());
    const result = runCli(['--file', file, 'list'], { env: { PAPERS_NO_CACHE: '1', PAPERS_PARSE_TIMEOUT_MS: '1' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/too complex to parse \(it took longer than 0s\)/);
  });
});

describe('a list with one part that does not look ordinary', () => {
  // A 3,000-character line (Yutong-Zhou-cv/Awesome-Text-to-Image has eight): that part is read in the parse
  // worker, the others here (store/parse-budget.ts); the model must be the one a parse of the whole gives,
  // and writes in that part and elsewhere must give the bytes back.
  const long = `* - [ ] Long one: ${'[[x](https://x.org/aaaa)] '.repeat(120)}\n`;
  const text = `${example()}\n## Unusual\n\n${long}- [ ] Short one\n\n## After\n\n- [ ] Last one\n`;

  it('is read as a parse of the whole reads it, and done/undone in it and elsewhere give the bytes back', async () => {
    const file = tempFile(text, 'reading.md');
    const reference = parseDocument(text, { reference: true }).papers;
    const facts = (papers: { id: string; title: string; read: boolean }[]) =>
      papers.map(({ id, title, read }) => ({ id, title, read }));
    for (let round = 0; round < 2; round++) {
      // (The first read parses and stores the parts; the second is served from them.)
      const listed = await runBinInProcess(['--file', file, 'list', '--json']);
      expect(listed.status, listed.stderr).toBe(0);
      expect(facts(JSON.parse(listed.stdout))).toEqual(facts(reference));
    }
    const long = reference.find((paper) => paper.title.startsWith('Long one'))!;
    for (const target of [String(long.number), 'last-one']) {
      const done = await runBinInProcess(['--file', file, 'done', target]);
      expect(done.status, done.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toBe(text);
      const undone = await runBinInProcess(['--file', file, 'undone', target]);
      expect(undone.status, undone.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });
});

describe('another writer renaming its version over the list while papers reads it', () => {
  // An atomic save (another papers, an editor) between papers' look at the path and its open: the path is
  // judged again and the new version read, not refused (16 concurrent adds hit it on a busy machine).
  it('the new version is read, for a read and for a write', async () => {
    for (const args of [
      ['list', '--json'],
      ['done', 'roller'],
    ]) {
      const file = tempFile(example(), 'reading.md');
      const newer = example().replace('ROLLER: Fast', 'ROLLER (renamed over): Fast');
      let calls = 0;
      const renameOver = () => {
        if (++calls !== 1) return;
        writeFileSync(`${file}.new`, newer);
        renameSync(`${file}.new`, file);
      };
      const run = await runBinInProcess(['--file', file, ...args], { hooks: { afterTargetResolved: renameOver } });
      expect(run.status, run.stderr).toBe(0);
      expect(calls).toBeGreaterThan(1);
      if (args[0] === 'list') expect(run.stdout).toContain('ROLLER (renamed over)');
      else
        expect(readFileSync(file, 'utf8')).toBe(
          newer.replace(/- \[ \] ROLLER \(renamed over\)/, '- [x] ROLLER (renamed over)'),
        );
    }
  });
});

describe('locks', () => {
  it('a lock holding only the pid of a live process that is not papers is taken over, without spinning', async () => {
    const file = tempFile(example(), 'reading.md');
    const sleeper = spawn('sleep', ['600']);
    killAtTestEnd(sleeper);
    try {
      writeFileSync(`${file}.lock`, String(sleeper.pid));
      // The lock wait is the tests' ten minutes (helpers.ts cliEnv): waiting for the sleeper would time the test out.
      const result = await runCliAsync(['--file', file, 'done', 'roller']);
      expect(result.status, result.stderr).toBe(0);
    } finally {
      sleeper.kill();
    }
    expect(readdirSync(dirname(file))).toEqual(['reading.md']);
  });

  it.each([0, -1, 1.5])('a lock naming pid %s is stale', async (pid) => {
    const file = tempFile(example(), 'reading.md');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid, host: hostname(), token: 'x', since: Date.now() }));
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], {
      env: { PAPERS_LOCK_TIMEOUT_MS: '2000' },
    });
    expect(result.status, result.stderr).toBe(0);
  });

  it('a live pid that started at another time (a reused pid) is stale', () => {
    const file = tempFile(example(), 'reading.md');
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), start: 1, token: 'x', since: Date.now() }),
    );
    // Waiting for this (live) test process would outlast runCli's timeout.
    expect(runCli(['--file', file, 'done', 'roller']).status).toBe(0);
  });

  it('a live lock is waited for, sleeping, until the timeout', () => {
    const file = tempFile(example(), 'reading.md');
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'x', since: Date.now() }),
    );
    // bash's `times` prints the CPU time its children used: a busy wait would use most of the 2 s.
    const script = '"$0" "$@"; echo "exit $?"; times';
    const result = spawnSync('bash', ['-c', script, process.execPath, BIN, '--file', file, 'done', 'roller'], {
      encoding: 'utf8',
      env: cliEnv({ PAPERS_LOCK_TIMEOUT_MS: '2000', PAPERS_NO_CACHE: '1' }),
    });
    expect(result.stdout).toMatch(/exit 1/);
    expect(result.stderr).toMatch(/is editing this list, holding it for \d+s: papers waited 2s for .*\.lock/);
    const [user, sys] = [...result.stdout.split('\n')[2]!.matchAll(/(\d+)m([\d.]+)s/g)].map(
      (m) => Number(m[1]) * 60 + Number(m[2]),
    );
    expect(user! + sys!).toBeLessThan(1);
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  // (The lock wait is the tests' own, ten minutes: a busy machine makes this slow, never wrong.)
  it('16 concurrent adds all land, each whole, and leave no lock behind', async () => {
    const file = tempFile(example(), 'reading.md');
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        runCliAsync(['--file', file, 'add', `Concurrent Paper ${i}: A Study`, '--area', 'OS', '--venue', "SOSP'24"]),
      ),
    );
    for (const result of results) expect(result.status, result.stderr).toBe(0);
    const titles = (await listJsonInProcess(file)).map((paper) => paper.title);
    for (let i = 0; i < 16; i++) expect(titles).toContain(`Concurrent Paper ${i}: A Study`);
    expect(titles).toHaveLength(23 + 16);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('what reaches the file', () => {
  it.each([
    [['add', 'Fine Title', '--area', 'New\nLine'], /line break/],
    [['add', 'Fine Title', '--area', 'Esc\u001b[31m'], /control/],
    [['add', 'Fine Title', '--area', 'A/B/C/D/E/F/G/H'], /6 levels deep/],
    [['add', 'Evil \u202e Title', '--area', 'OS'], /text-direction/],
    [['add', 'Fine Title', '--area', 'OS', '--paper', 'http:/relative'], /no host/],
    [['add', 'Fine Title', '--area', 'OS', '--paper', 'https:example.org'], /no host/],
  ])('refuses %j', async (args, message) => {
    const file = tempFile(example(), 'reading.md');
    const result = await runBinInProcess(['--file', file, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(example());
  });
});

describe('add reads its line back with every link definition of the file', () => {
  it('a venue that is a reference defined inside a list item is not written as a link', async () => {
    const text = "## A\n\n- [ ] Old Paper[SOSP'21]: [[Paper](https://a.org/x)]\n\n- [osdi'22]: https://osdi.example\n";
    const file = tempFile(text);
    const result = await runBinInProcess([
      '--file',
      file,
      'add',
      'New Paper Title',
      '--area',
      'A',
      '--venue',
      "OSDI'22",
    ]);
    // Written, it would read back with an extra link "OSDI'22": add refuses instead of breaking its promise.
    expect(result.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await listJsonInProcess(file)).flatMap((paper) => paper.links.map((link) => link.label))).toEqual([
      'Paper',
    ]);
  });
});

describe('what reaches the terminal', () => {
  const hostile = `# L\n\n## A\n\n- [ ] Csi\u009b31m Osc\u009d0;x Rlo\u202e Lri\u2066 Rlm\u200f Alm\u061c Ls\u2028 end: [[Paper](https://x.org/a)]\n`;

  it('--json escapes C1, bidi and separator characters', async () => {
    const file = tempFile(hostile);
    const result = await runBinInProcess(['--file', file, 'list', '--json']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(result.stdout).toContain('\\u009b');
    expect(JSON.parse(result.stdout)[0].title).toContain('Csi\u009b31m');
  });

  it('the table and the dry-run diff show none of them', async () => {
    const file = tempFile(hostile);
    for (const args of [['list'], ['done', '1', '--dry-run']]) {
      const result = await runBinInProcess(['--file', file, ...args]);
      expect(result.status).toBe(0);
      expect(result.stdout).not.toMatch(/[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    }
  });
});
