/** The promise that matters most: papers never loses a line of the user's list. */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/read/parse.js';
import {
  BIN,
  cliEnv,
  EXAMPLE,
  killAtTestEnd,
  listJsonInProcess,
  raceBeforeCommit,
  runBinInProcess,
  runCli,
  tempFile,
} from './helpers.js';

function exampleCopy(): string {
  return tempFile(readFileSync(EXAMPLE), 'reading.md');
}

function strayFiles(file: string): string[] {
  return readdirSync(dirname(file)).filter((name) => name !== 'reading.md' && name !== 'link.md');
}

describe('atomic writes', () => {
  it('keeps the file mode', async () => {
    const file = exampleCopy();
    chmodSync(file, 0o600);
    expect((await runBinInProcess(['--file', file, 'done', 'roller'])).status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(strayFiles(file)).toEqual([]);
  });

  it('writes through a symlink and keeps the link', async () => {
    const file = exampleCopy();
    const link = join(dirname(file), 'link.md');
    symlinkSync('reading.md', link);
    const result = await runBinInProcess(['--file', link, 'done', 'roller']);
    expect(result.status, result.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('reading.md');
    expect((await listJsonInProcess(file)).find((paper) => paper.id === 'roller')?.read).toBe(true);
    expect(strayFiles(file)).toEqual([]);
  });

  it('refuses a read-only file and a read-only directory, writing nothing', async () => {
    const file = exampleCopy();
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    const result = await runBinInProcess(['--file', file, 'done', 'roller']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/read-only/);
    expect(readFileSync(file).equals(before)).toBe(true);

    chmodSync(file, 0o644);
    chmodSync(dirname(file), 0o555);
    try {
      const inDir = await runBinInProcess(['--file', file, 'done', 'roller']);
      expect(inDir.status).toBe(1);
      expect(inDir.stderr).toMatch(/directory .* is read-only/);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      chmodSync(dirname(file), 0o755);
    }
  });
});

describe('locking', () => {
  // (Concurrent writers: attack.test.ts's 30 adds at once and safety-burst.test.ts's 14 done at once.)
  it('takes over the lock of a killed process at once', () => {
    const file = exampleCopy();
    // A lock left by a process that no longer exists.
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: 'x', since: Date.now() }),
    );
    // The lock wait is far longer than runCli's 60 s timeout: a wait for the dead process would fail here.
    const result = runCli(['--file', file, 'done', 'roller']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits a bounded time for a live lock, then says so', () => {
    const file = exampleCopy();
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'x', since: Date.now() }),
    );
    const result = runCli(['--file', file, 'done', 'roller'], { env: { PAPERS_LOCK_TIMEOUT_MS: '300' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/another papers command \(pid \d+\) is editing this list/);
    expect(readFileSync(file).equals(readFileSync(EXAMPLE))).toBe(true);
  });
});

describe('conflicts', () => {
  it('re-applies the edit when the file was saved by someone else meanwhile', async () => {
    // Saved while the temp file is written and not yet renamed over the list.
    const { file, result } = await raceBeforeCommit(exampleCopy, ['done', 'roller'], (list) =>
      writeFileSync(list, `${readFileSync(list, 'utf8')}\n- [ ] Added In An Editor[OSDI'25]\n`),
    );
    expect(result.status, result.stderr).toBe(0);
    const papers = await listJsonInProcess(file);
    expect(papers.find((paper) => paper.id === 'roller')?.read).toBe(true);
    expect(papers.map((paper) => paper.title)).toContain('Added In An Editor');
  });

  it('stops without writing when the edit no longer applies', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8').replace(/^- \[ \] ROLLER.*\n\n/m, '');
    expect(edited).not.toBe(readFileSync(EXAMPLE, 'utf8'));
    const { file, result } = await raceBeforeCommit(exampleCopy, ['done', 'roller'], (list) =>
      writeFileSync(list, edited),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changed while papers was editing it.*no paper matches "roller"/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });
});

describe('crash safety', () => {
  it('SIGKILL at each stage of a write, 20 times: the file is always whole', async () => {
    const file = exampleCopy();
    const dir = dirname(file);
    const original = readFileSync(file, 'utf8');
    const originalTitles = parseDocument(original).papers.map((paper) => paper.title);
    // Where each kill lands, in turn: as soon as the process exists, when its lock appears, when its
    // temp file appears, when the temp file is renamed over the list (events of the folder, not timers).
    const stages = ['start', 'lock', 'temp', 'rename'] as const;
    const seen = new Map<string, number>();
    let kills = 0;
    let count = originalTitles.length;
    for (let round = 0; kills < 20 && round < 200; round++) {
      const stage = stages[round % stages.length]!;
      const watcher = watch(dir);
      const child = spawn(
        process.execPath,
        [BIN, '--file', file, 'add', `Killed Paper ${round}`, '--area', 'Hypervisor'],
        { env: cliEnv({}), stdio: 'ignore' },
      );
      killAtTestEnd(child);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const kill = () => {
        watcher.close();
        child.kill('SIGKILL');
      };
      if (stage === 'start') child.once('spawn', kill);
      watcher.on('change', (_event, name) => {
        const what = String(name);
        if (
          (stage === 'lock' && what === `${basename(file)}.lock`) ||
          (stage === 'temp' && what.endsWith('.tmp')) ||
          (stage === 'rename' && what === basename(file))
        )
          kill();
      });
      const code = await exited;
      watcher.close();
      if (code === null) {
        kills++;
        seen.set(stage, (seen.get(stage) ?? 0) + 1);
      }
      const text = readFileSync(file, 'utf8');
      // Whole: every original line is there, and the papers are the originals plus whole added ones.
      for (const line of original.split('\n')) expect(text.includes(line)).toBe(true);
      const titles = parseDocument(text).papers.map((paper) => paper.title);
      expect(titles.filter((title) => originalTitles.includes(title))).toEqual(originalTitles);
      for (const title of titles.filter((t) => !originalTitles.includes(t)))
        expect(title).toMatch(/^Killed Paper \d+$/);
      expect(titles.length === count || titles.length === count + 1).toBe(true);
      count = titles.length;
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    // Every stage was hit (a kill at the temp file is the one that matters most).
    expect([...seen.keys()].sort()).toEqual([...stages].sort());
    // A later run cleans what killed runs left: no temp files, and a stale lock does not block.
    expect(runCli(['--file', file, 'done', 'roller']).status).toBe(0);
    expect(strayFiles(file)).toEqual([]);
  }, 180_000);
});

describe('hostile and broken input', () => {
  it('refuses a file over 8 MB unless PAPERS_MAX_MB raises the limit', async () => {
    const file = tempFile(Buffer.alloc(9 * 1024 * 1024, 'a'));
    const result = await runBinInProcess(['--file', file, 'list']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/lists of up to 8 MB \(set PAPERS_MAX_MB/);
    expect((await runBinInProcess(['--file', file, 'list'], { env: { PAPERS_MAX_MB: '10' } })).status).toBe(0);
  });

  it.each([
    [['add', 'Two\nLines', '--area', 'OS'], /line break/],
    [['add', 'Bell\u0007', '--area', 'OS'], /control characters/],
    [['add', '   ', '--area', 'OS'], /title is empty/],
    [['add', 'Fine Title', '--area', 'OS', '--paper', 'ftp://example.org/x.pdf'], /not an http\(s\) URL/],
    [
      ['add', 'Fine Title', '--area', 'OS', '--paper', 'notes/x.md'],
      /neither an http\(s\) URL nor a file beside the list/,
    ],
    [['note', 'roller', 'javascript:alert(1)'], /not an http\(s\) URL/],
    [['add', 'Fine Title'], /add needs --area/],
    [['done'], /done needs ids/],
    [['done', 'roller', '--bogus'], /unknown option '--bogus'/],
    [['don', 'roller'], /unknown command 'don'.*done/s],
  ])('%j: usage error, exit 2, nothing written', async (args, message) => {
    const file = exampleCopy();
    const result = await runBinInProcess(['--file', file, ...(args as string[])]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(file).equals(readFileSync(EXAMPLE))).toBe(true);
  });

  it.each([
    [['done', 'rammr'], /no paper matches "rammr"; did you mean "rammer"\?/],
    [['done', 'o'], /"o" matches \d+ papers/],
    [['rm', 'nosuchpaper', '--yes'], /no paper matches/],
  ])('%j: failure, exit 1, nothing written', async (args, message) => {
    const file = exampleCopy();
    const result = await runBinInProcess(['--file', file, ...(args as string[])]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file).equals(readFileSync(EXAMPLE))).toBe(true);
  });

  it('neutralises escape sequences in tables, keeps them verbatim in --json', async () => {
    const file = tempFile(
      "# L\n\n## A\n\n- [ ] Evil \u001b[2J\u001b]0;pwned\u0007Title[OSDI'20]: [[Paper](https://x.org/\u001b[31m)]\n",
    );
    const table = await runBinInProcess(['--file', file, 'list']);
    expect(table.status).toBe(0);
    expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const json = await listJsonInProcess(file);
    expect(json[0]!.title).toContain('\u001b[2J');
  });

  it('no stack trace for expected errors; --debug shows one', async () => {
    const quiet = await runBinInProcess(['--file', '/nonexistent.md', 'list']);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    const loud = await runBinInProcess(['--debug', '--file', '/nonexistent.md', 'list']);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });
});

describe('a writer leaves nothing behind on failure', () => {
  it('a failing write leaves the original and no temp file', async () => {
    // The write gets as far as its temp file, then finds its lock broken and must give up.
    const { file, result } = await raceBeforeCommit(exampleCopy, ['done', 'roller'], (list) =>
      writeFileSync(
        `${list}.lock`,
        JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else', since: Date.now() }),
      ),
    );
    const dir = dirname(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/took over the lock/);
    expect(readFileSync(file).equals(readFileSync(EXAMPLE))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['reading.md', 'reading.md.lock']);
  });
});
