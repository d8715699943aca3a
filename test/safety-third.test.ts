/**
 * The third safety pass (issue #21), the attacks that need no second user: derived data (a cache entry
 * with valid checksums, a stat record) never decides which bytes change or what `open` opens; the re-plan
 * guard tells papers apart that share a display name; damaged entries and FIFOs cost nothing; lookup
 * answers are capped after decompression; bad data exits 1; locks tell who holds them, foreign ones expire
 * and a queue of writers all get their turn. Each test failed on the code before the fix it guards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  copyFileSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { editableEntry } from './cache-entry.js';
import {
  BIN,
  cliEnv,
  EXAMPLE,
  killAtTestEnd,
  listJsonInProcess,
  raceBeforeCommit,
  runBinInProcess,
  runCli,
  runCliAsync,
  tempDir,
  tempFile,
} from './helpers.js';
import { FakeApis } from './lookup/fake-apis.js';

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/**
 * Plants, as the cache entry of `text`, the entry papers made for `other` (a text of the same shape):
 * every checksum is right, and every checkbox is where the model says.
 */
async function plant(cache: string, text: string, other: string): Promise<string> {
  const file = tempFile(text, 'reading.md');
  const decoy = tempFile(other, 'decoy.md');
  expect((await runBinInProcess(['--file', decoy, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
  const dir = join(cache, 'papers');
  copyFileSync(join(dir, `${sha1(readFileSync(decoy))}.entry`), join(dir, `${sha1(readFileSync(file))}.entry`));
  return file;
}

const TWO = [
  '## A',
  '',
  "- [ ] Welder: Slow[OSDI'23]: [[Paper](https://a.org/w)]",
  "- [ ] Roller: Fast[OSDI'22]: [[Paper](https://a.org/r)]",
  '',
].join('\n');
/** The same two lines the other way round: the same length, the same checkboxes. */
const SWAPPED = TWO.replace(/^(- .*Welder.*)\n(- .*Roller.*)$/m, '$2\n$1');

describe('a planted cache entry with valid checksums (the same user)', () => {
  it('cannot make done flip another paper than the one named', async () => {
    expect(SWAPPED).not.toBe(TWO);
    const cache = tempDir();
    const file = await plant(cache, TWO, SWAPPED);
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], { env: { XDG_CACHE_HOME: cache } });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(TWO.replace('- [ ] Roller', '- [x] Roller'));
  });

  it('cannot make done flip a task line inside a fenced code block', async () => {
    const text = "## A\n\n- [ ] Welder: Slow[OSDI'23]\n\n```\n- [ ] Roller: Fast[OSDI'22]\n```\n";
    // The decoy has plain lines where the fences are: its Roller is a paper.
    const cache = tempDir();
    const file = await plant(cache, text, text.replace(/^```$/gm, '...'));
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], { env: { XDG_CACHE_HOME: cache } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no paper matches "roller"/);
    expect(result.stderr).not.toMatch(/changed while papers/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('cannot make open hand another paper’s link to the browser', async () => {
    const cache = tempDir();
    const file = await plant(cache, TWO, SWAPPED);
    const result = await runBinInProcess(['--file', file, 'open', 'welder', '--print'], {
      env: { XDG_CACHE_HOME: cache },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('https://a.org/w\n');
  });

  it('an entry whose offsets are out of range is a miss, not a crash', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'show', 'welder'], { env })).status).toBe(0);
    const path = join(cache, 'papers', `${sha1(readFileSync(file))}.entry`);
    const entry = editableEntry(readFileSync(path));
    const welder = (await listJsonInProcess(file)).findIndex((paper) => paper.id === 'welder');
    // Welder's item now "ends" far past the end of the text; checksums recomputed.
    entry.detailWords[entry.detailRun(welder) + 1] = 50_000_000;
    writeFileSync(path, entry.bytes());
    for (const args of [
      ['show', 'welder'],
      ['rm', 'welder', '--yes'],
    ]) {
      const result = await runBinInProcess(['--file', file, ...args], { env });
      expect(result.stderr).not.toMatch(/bug/);
      expect(result.status, result.stderr).toBe(0);
    }
    expect((await listJsonInProcess(file)).map((paper) => paper.id)).not.toContain('welder');
    expect(await listJsonInProcess(file)).toHaveLength(22);
  });
});

describe('a damaged journal entry', () => {
  it('is ignored, not a crash', async () => {
    const state = tempDir();
    const env = { XDG_STATE_HOME: state };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    expect((await runBinInProcess(['--file', file, 'done', 'roller'], { env })).status).toBe(0);
    const dir = join(state, 'papers', 'journal');
    const name = readdirSync(dir)[0]!;
    const journal = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { entries: unknown[] };
    const good = journal.entries[0] as Record<string, unknown>;
    journal.entries.push(
      { ...good, spans: [{ start: 1e9, before: '', after: 5 }] },
      { ...good, spans: [{ start: -1, before: '', after: '' }] },
      { ...good, spans: 'x' },
      null,
    );
    writeFileSync(join(dir, name), JSON.stringify(journal));
    const listed = await runBinInProcess(['--file', file, 'undo', '--list'], { env });
    expect(listed.stderr).not.toMatch(/bug/);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    const undo = await runBinInProcess(['--file', file, 'undo'], { env });
    expect(undo.status, undo.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
  });
});

describe('FIFOs and other non-files in the cache and state directories', () => {
  it('are skipped without being opened: nothing hangs', async () => {
    const cache = tempDir();
    const state = tempDir();
    const env = { XDG_CACHE_HOME: cache, XDG_STATE_HOME: state, PAPERS_SETTLE_MS: '0' };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    expect(runCli(['--file', file, 'done', 'roller'], { env }).status).toBe(0);
    // Every file papers reads there, replaced by a FIFO no one writes (an open for reading would block).
    const dirs = [join(cache, 'papers'), join(state, 'papers'), join(state, 'papers', 'journal')];
    let fifos = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir)) {
        if (!statSync(join(dir, name)).isFile()) continue;
        rmSync(join(dir, name));
        expect(spawnSync('mkfifo', ['-m', '600', join(dir, name)]).status).toBe(0);
        fifos++;
      }
    }
    expect(fifos).toBeGreaterThanOrEqual(4);
    // (A hang ends in runCli's timeout: status null.)
    for (const args of [['list'], ['undone', 'roller'], ['undo', '--list'], ['undo']]) {
      const result = runCli(['--file', file, ...args], { env });
      expect(result.stderr).not.toMatch(/bug/);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).not.toBeNull();
    }
    expect(await listJsonInProcess(file)).toHaveLength(23);
  });
});

describe('the re-plan guard', () => {
  it('tells apart two papers whose display names are the same', async () => {
    const text = [
      '## Notes',
      '',
      '- [ ] Reading notes: week 1',
      '- [ ] Reading notes: week 2',
      '- [ ] Another Paper',
      '',
    ].join('\n');
    const edited = text.replace('## Notes\n\n', '## Notes\n\n- [ ] Inserted By An Editor\n');
    // `done 2` names week 2; once the editor inserted a paper above, number 2 is week 1.
    const { file, result } = await raceBeforeCommit(
      () => tempFile(text, 'reading.md'),
      ['done', '2'],
      (list) => writeFileSync(list, edited),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/would now do something else/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('lets a write go on when another papers added a paper above meanwhile (the same paper, moved)', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const edited = text.replace('### DNN Compiler\n\n', '### DNN Compiler\n\n- [ ] Inserted By An Editor\n\n');
    const { file, result } = await raceBeforeCommit(
      () => tempFile(text, 'reading.md'),
      ['done', 'welder'],
      (list) => writeFileSync(list, edited),
    );
    expect(result.status, result.stderr).toBe(0);
    expect((await listJsonInProcess(file)).find((paper) => paper.id === 'welder')?.read).toBe(true);
  });
});

/**
 * A copy of the example listed twice, the second time with the clock 3.2 s on (as if the file had been
 * still: one changed moments ago is not remembered by its identity), so its stat record is written.
 */
async function fileWithStatRecord() {
  const cache = tempDir();
  const env = { XDG_CACHE_HOME: cache };
  const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
  expect((await runBinInProcess(['--file', file, 'list'], { env })).status).toBe(0);
  const later = { now: () => Date.now() + 3200 };
  expect((await runBinInProcess(['--file', file, 'list'], { env, hooks: later })).status).toBe(0);
  const dir = join(cache, 'papers');
  const record = readdirSync(dir).find((name) => name.startsWith('stat-'));
  expect(record).toBeDefined();
  return { env, file, dir, record };
}

describe('stat records', () => {
  it('do not show a paper that is gone when ctime follows mtime (sshfs, bindfs): the bytes are checked', async () => {
    const { env, file, dir, record } = await fileWithStatRecord();
    // A same-size edit, the modification time set back, and (as those file systems report it) a change
    // time that follows: written into the record papers made, as if nothing had changed.
    // (A copy that keeps the modification time to the nanosecond, which a Date would round.)
    const old = join(dir, '..', 'mtime-reference');
    expect(spawnSync('cp', ['-p', file, old]).status).toBe(0);
    // ROLLER's line becomes a block quote (no longer a paper); the checkbox characters stay where they were.
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] ROLLER', '> [ ] ROLLER'));
    expect(spawnSync('touch', ['-m', '-r', old, file]).status).toBe(0);
    expect(statSync(file).mtimeMs).toBe(statSync(old).mtimeMs);
    const fields = readFileSync(join(dir, record!), 'latin1').split(' ');
    fields[2] = String(statSync(file).ctimeMs);
    writeFileSync(join(dir, record!), fields.join(' '));
    const ids = JSON.parse((await runBinInProcess(['--file', file, 'list', '--json'], { env })).stdout) as {
      id: string;
    }[];
    expect(ids.map((paper) => paper.id)).not.toContain('roller');
    expect(ids).toHaveLength(22);
  });

  it('are checked by a real hash: an edit made to keep a 32-bit checksum (FNV-1a, the old check) is seen', async () => {
    const { env, file, dir, record } = await fileWithStatRecord();
    const old = join(dir, '..', 'mtime-reference');
    expect(spawnSync('cp', ['-p', file, old]).status).toBe(0);
    // ROLLER's line becomes a block quote (no longer a paper), and eight bytes of its title change so
    // that FNV-1a over the file's 32-bit words stays the same.
    const bytes = readFileSync(file);
    const line = bytes.indexOf('- [ ] ROLLER');
    const edited = fnvKeepingEdit(bytes, (copy) => (copy[line] = '>'.charCodeAt(0)), line + '- [ ] R'.length);
    expect(fnv32(edited)).toBe(fnv32(bytes));
    expect(edited.equals(bytes)).toBe(false);
    writeFileSync(file, edited);
    expect(spawnSync('touch', ['-m', '-r', old, file]).status).toBe(0);
    const fields = readFileSync(join(dir, record!), 'latin1').split(' ');
    fields[2] = String(statSync(file).ctimeMs);
    writeFileSync(join(dir, record!), fields.join(' '));
    const listed = await runBinInProcess(['--file', file, 'list', '--json'], { env });
    const fresh = await runBinInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } });
    expect(listed.stdout).toBe(fresh.stdout);
    expect(JSON.parse(listed.stdout)).toHaveLength(22);
  });
});

/** FNV-1a over a buffer's whole 32-bit words (little-endian), its tail bytes and its length: the old stat-record check. */
function fnv32(bytes: Buffer): number {
  let hash = 0x811c9dc5 ^ (bytes.length >> 2);
  for (let i = 0; i + 4 <= bytes.length; i += 4) hash = Math.imul(hash ^ bytes.readInt32LE(i), 16777619);
  for (let i = bytes.length & ~3; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 16777619);
  return Math.imul(hash ^ bytes.length, 16777619) >>> 0;
}

/**
 * The bytes with `edit` made, and then the two 4-aligned words from offset `free` replaced by letters
 * chosen so that fnv32 stays the same: the first word any letters, the second solved for (an FNV-1a step
 * is invertible). The old stat-record check could not tell the result from the bytes it recorded.
 */
function fnvKeepingEdit(bytes: Buffer, edit: (copy: Buffer) => void, free: number): Buffer {
  const at = (free + 3) & ~3;
  const stateBefore = (buffer: Buffer, end: number) => {
    let hash = 0x811c9dc5 ^ (buffer.length >> 2);
    for (let i = 0; i < end; i += 4) hash = Math.imul(hash ^ buffer.readInt32LE(i), 16777619);
    return hash;
  };
  const edited = Buffer.from(bytes);
  edit(edited);
  const original = stateBefore(bytes, at + 4); // (the state before the second word)
  const before = stateBefore(edited, at);
  const letters = (word: number) =>
    [0, 8, 16, 24].every((shift) => /[a-z]/.test(String.fromCharCode((word >>> shift) & 0xff)));
  const second = bytes.readInt32LE(at + 4);
  for (let n = 0; n < 26 ** 4; n++) {
    const codes = [n % 26, Math.floor(n / 26) % 26, Math.floor(n / 676) % 26, Math.floor(n / 17576)].map((c) => 97 + c);
    const first = Buffer.from(codes).readInt32LE(0);
    const solved = second ^ original ^ Math.imul(before ^ first, 16777619);
    if (!letters(solved)) continue;
    edited.writeInt32LE(first, at);
    edited.writeInt32LE(solved, at + 4);
    return edited;
  }
  throw new Error('no edit of letters keeps the checksum');
}

describe('lookup answers', () => {
  it('a small gzip answer that inflates past the cap (2 MB) is refused, exit 1, and memory stays small', async () => {
    const inflated = Buffer.alloc(64 * 1024 * 1024, 'x');
    const body = gzipSync(inflated);
    expect(body.length).toBeLessThan(200 * 1024);
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/atom+xml', 'Content-Encoding': 'gzip' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const file = tempFile('# L\n\n## Systems\n\n- [ ] Old Paper\n');
      // GNU time's maximum resident size (kB) tells how much the process grew. (Spawned, not run in this
      // process, whose event loop serves the answer.)
      const child = spawn(
        '/usr/bin/time',
        ['-f', 'maxrss %M', process.execPath, BIN, '--file', file, 'add', '2206.15472', '--area', 'Systems'],
        {
          env: cliEnv({
            PAPERS_ARXIV_API: `${base}/arxiv`,
            PAPERS_CROSSREF_API: `${base}/crossref`,
            PAPERS_DBLP_API: `${base}/dblp`,
            PAPERS_S2_API: `${base}/s2`,
            PAPERS_OPENALEX_API: `${base}/openalex`,
            PAPERS_HTTP_MIN_INTERVAL_MS: '0',
            PAPERS_CACHE_DIR: tempDir(),
          }),
        },
      );
      killAtTestEnd(child);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const result = { status, stderr };
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/sent more than 2 MB .*papers reads at most 2 MB of an answer/);
      const maxrss = Number(/maxrss (\d+)/.exec(result.stderr)?.[1]);
      // The whole answer inflated would be 64 MB (and node's copies of it more).
      expect(maxrss).toBeLessThan(400 * 1024);
      expect(readFileSync(file, 'utf8')).toBe('# L\n\n## Systems\n\n- [ ] Old Paper\n');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a looked-up title that cannot be written is bad data from the network: exit 1, not 2', async () => {
    const apis = await new FakeApis().start();
    try {
      // arXiv's Atom answer for one paper, its title holding a right-to-left override.
      const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/2206.15472v2</id>
    <published>2022-06-30T17:59:00Z</published>
    <title>Evil \u202e Title: Reversed</title>
    <author><name>A. Author</name></author>
    <link href="http://arxiv.org/abs/2206.15472v2" rel="alternate" type="text/html"/>
  </entry>
</feed>
`;
      apis.script('/arxiv', { status: 200, body: feed, headers: { 'Content-Type': 'application/atom+xml' } });
      const text = '# L\n\n## Systems\n\n- [ ] Old Paper\n';
      const file = tempFile(text);
      const result = await runCliAsync(['--file', file, 'add', '2206.15472', '--area', 'Systems'], {
        env: { ...apis.env(), PAPERS_HTTP_MIN_INTERVAL_MS: '0', PAPERS_CACHE_DIR: tempDir() },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/looked-up answer cannot be written: the title has control characters/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    } finally {
      await apis.stop();
    }
  });
});

describe('locks', () => {
  it('a lock from another host that claims a time in the future expires by its file’s age', async () => {
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: 4242, host: 'another-host', token: 'x', since: Date.now() + 1e12 }));
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    utimesSync(lock, tenMinutesAgo, tenMinutesAgo);
    // The wait is the tests' ten minutes: a lock that never expires times the test out.
    const result = await runBinInProcess(['--file', file, 'done', 'roller']);
    expect(result.status, result.stderr).toBe(0);
  });

  it('the wait says who holds the lock, where, and for how long', async () => {
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: 'another-host', token: 'x', since: Date.now() }));
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], {
      env: { PAPERS_LOCK_TIMEOUT_MS: '300' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /another papers command \(pid 4242 on another-host\) is editing this list, holding it for \d+s: papers waited 0s for .*\.lock; a lock from another host expires 5 minutes after it was written/,
    );
  });

  it('a queue of holders, each quicker than the wait, does not time out the writer behind them', async () => {
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const lock = `${file}.lock`;
    const holder = (n: number) =>
      JSON.stringify({ pid: process.pid, host: hostname(), token: `t${n}`, since: Date.now() });
    writeFileSync(lock, holder(0));
    // Live holders (this process's pid) hand the lock on every 300 ms, 20 times: 6 s in all, each far
    // shorter than the writer's 3 s wait, which starts again for each holder.
    const writer = runCliAsync(['--file', file, 'done', 'roller'], { env: { PAPERS_LOCK_TIMEOUT_MS: '3000' } });
    for (let n = 1; n <= 20; n++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Whole, as papers writes its own (a lock read half-written names no pid and is taken over at once).
      writeFileSync(`${lock}.new`, holder(n));
      renameSync(`${lock}.new`, lock);
    }
    rmSync(lock, { force: true });
    const result = await writer;
    expect(result.status, result.stderr).toBe(0);
    expect((await listJsonInProcess(file)).find((paper) => paper.id === 'roller')?.read).toBe(true);
  });
});
