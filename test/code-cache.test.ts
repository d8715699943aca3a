/**
 * bin/code-cache.cjs loads the CommonJS files of dist/ (hot.cjs, hot-*.cjs, cli.cjs) with the V8 code cache the build made (scripts/code-cache.mjs):
 * V8 must take it on a plain start, and a cache that does not fit (damaged, another file's, a source
 * changed since) must change nothing but the time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, EXAMPLE, tempDir, tempFile } from './helpers.js';
import { ROOT } from './paths.js';

/** What a `done` loads, each with its cache. */
const WRITE_BUNDLES = { 'hot.cjs': 'used', 'hot-mark.cjs': 'used', 'hot-parse.cjs': 'used' };

const HOT = [
  'hot-add.cjs',
  'hot-dates.cjs',
  'hot-schema.cjs',
  'hot.cjs',
  'hot-list.cjs',
  'hot-mark.cjs',
  'hot-parse.cjs',
  'hot-chalk.cjs',
  'hot-width.cjs',
  'cli.cjs',
];

/**
 * Runs papers from the checkout `root` (its bin/ and dist/) in this process's node, then says what V8 did
 * with each cache, and whether V8's flags changed during the run ('flags': a code cache made at the start
 * is refused after). `asBin`: with the tuning bin/papers.cjs passes.
 */
function runFrom(
  root: string,
  args: string[],
  asBin = false,
): { status: number; stdout: string; stderr: string; report: [string, string][] } {
  const script = `
    const vm = require('node:vm');
    const probe = new vm.Script('1', { filename: 'probe' }).createCachedData();
    const codeCache = require(${JSON.stringify(join(root, 'bin', 'code-cache.cjs'))});
    const { run } = codeCache.loadHot(${JSON.stringify(join(root, 'dist', 'hot.cjs'))});
    const argv = process.argv.slice(0, 1).concat('papers', process.argv.slice(1));
    const input = ${asBin}
      ? { argv, env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, forLargeList: codeCache.tuneForLargeList }
      : argv;
    run(input).then((code) => {
      // (another name: the same one would be found in V8's own cache of this process, the data unread)
      const changed = new vm.Script('1', { filename: 'probe again', cachedData: probe }).cachedDataRejected;
      const report = codeCache.codeCacheReport().concat([['flags', changed ? 'changed' : 'kept']]);
      process.stderr.write('\\nREPORT ' + JSON.stringify(report));
      process.exitCode = code;
    });`;
  const result = spawnSync(process.execPath, ['-e', script, '--', ...args], { env: cliEnv({}), encoding: 'utf8' });
  const [stderr, report] = result.stderr.split('\nREPORT ');
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: stderr ?? '',
    report: JSON.parse(report ?? '[]'),
  };
}

/** What a cache must name to be used (bin/code-cache.cjs stampOf). */
function stampOf(file: string): string {
  const stats = statSync(file);
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}\n`;
}

/** A copy of the checkout's bin/ and dist/ (its caches name the originals' inodes and ctimes: none fits). */
function copyOfBuild(): string {
  const root = tempDir();
  for (const dir of ['bin', 'dist'])
    cpSync(join(ROOT, dir), join(root, dir), {
      recursive: true,
      preserveTimestamps: true,
      // (the code only: not the source maps and build reports, 8 MB)
      filter: (source) => !/\.(map|json)$/.test(source),
    });
  return root;
}

describe('the code cache of the hot files', () => {
  it('the build made one for each hot file, and V8 takes it', () => {
    for (const file of HOT) {
      const cache = readFileSync(join(ROOT, 'dist', `${file}.v8`));
      expect(cache.toString('latin1', 0, cache.indexOf(10) + 1)).toBe(stampOf(join(ROOT, 'dist', file)));
    }
    const list = tempFile(readFileSync(EXAMPLE, 'utf8'), 'reading.md');
    runFrom(ROOT, ['--file', list, 'list']);
    const done = runFrom(ROOT, ['--file', list, 'done', 'roller']);
    expect(done.status, done.stderr).toBe(0);
    expect(Object.fromEntries(done.report)).toEqual({ ...WRITE_BUNDLES, flags: 'kept' });
    // add with a title: its own hot file, not the full CLI.
    const added = runFrom(ROOT, ['--file', list, 'add', 'Cached Paper', '--area', 'OS']);
    expect(added.status, added.stderr).toBe(0);
    expect(Object.fromEntries(added.report)).toEqual({
      'hot.cjs': 'used',
      'hot-add.cjs': 'used',
      'hot-parse.cjs': 'used',
      flags: 'kept',
    });
  });

  it('on a large list bin/ tunes V8, and the write still runs its bundles with their caches', () => {
    // 4,000 papers, ~900 KB: over run-command.ts's LARGE_LIST_BYTES.
    const areas = Array.from({ length: 40 }, (_, a) => {
      const items = Array.from(
        { length: 100 },
        (_, i) =>
          `- [ ] Paper ${a * 100 + i}: Learned Scheduling of Kernels on Heterogeneous Accelerators at Scale [OSDI'20]: ` +
          `[[Paper](https://example.org/papers/area-${a}/learned-scheduling-${i}.pdf)] [[Note](https://example.org/notes/${a}/${i}.md)]`,
      );
      return `## Area ${a}\n\n${items.join('\n')}\n`;
    });
    const large = tempFile(`# Papers\n\n${areas.join('\n')}`, 'large.md');
    const small = tempFile(readFileSync(EXAMPLE, 'utf8'), 'reading.md');
    expect(statSync(large).size).toBeGreaterThan(512 * 1024);
    runFrom(ROOT, ['--file', large, 'list'], true);
    const listed = runFrom(ROOT, ['--file', large, 'list', '--unread'], true);
    expect(listed.status, listed.stderr).toBe(0);
    expect(Object.fromEntries(listed.report)).toEqual({ 'hot.cjs': 'used', 'hot-list.cjs': 'used', flags: 'changed' });
    const done = runFrom(ROOT, ['--file', large, 'done', 'paper-17'], true);
    expect(done.status, done.stderr).toBe(0);
    expect(Object.fromEntries(done.report)).toEqual({ ...WRITE_BUNDLES, flags: 'changed' });
    // The same run on a small list changes nothing.
    const smallDone = runFrom(ROOT, ['--file', small, 'done', 'roller'], true);
    expect(smallDone.status, smallDone.stderr).toBe(0);
    expect(Object.fromEntries(smallDone.report).flags).toBe('kept');
  });

  it('a damaged cache, another file’s, or one made before the source changed, changes nothing but the time', () => {
    const list = tempFile(readFileSync(EXAMPLE, 'utf8'), 'reading.md');
    const steps = [['list'], ['done', 'roller'], ['undone', 'roller'], ['stats']];
    const expected = steps.map((args) => runFrom(ROOT, ['--file', list, ...args]));
    const damaged = copyOfBuild();
    const dist = join(damaged, 'dist');
    const stamp = (file: string) => stampOf(join(dist, file));
    const caches = readdirSync(dist).filter((name) => name.endsWith('.v8'));
    expect(caches.sort()).toEqual(HOT.map((file) => `${file}.v8`).sort());
    // Damaged with a right stamp; another file's data with this file's stamp; a stamp of another time.
    writeFileSync(join(dist, 'hot.cjs.v8'), stamp('hot.cjs') + 'x'.repeat(5000));
    writeFileSync(join(dist, 'cli.cjs.v8'), stamp('cli.cjs') + 'y'.repeat(5000));
    writeFileSync(
      join(dist, 'hot-mark.cjs.v8'),
      stamp('hot-mark.cjs') +
        readFileSync(join(dist, 'hot-list.cjs.v8')).subarray(
          readFileSync(join(dist, 'hot-list.cjs.v8')).indexOf(10) + 1,
        ),
    );
    writeFileSync(join(dist, 'hot-list.cjs.v8'), `1:2\n${readFileSync(join(dist, 'hot-list.cjs.v8'))}`);
    for (const [i, args] of steps.entries()) {
      const result = runFrom(damaged, ['--file', list, ...args]);
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
        status: expected[i]!.status,
        stdout: expected[i]!.stdout,
        stderr: expected[i]!.stderr,
      });
      const report = Object.fromEntries(result.report);
      expect(report['hot.cjs']).toBe('rejected');
      if (report['hot-mark.cjs']) expect(report['hot-mark.cjs']).toBe('rejected');
      if (report['hot-list.cjs']) expect(report['hot-list.cjs']).toBe('none');
      if (report['cli.cjs']) expect(report['cli.cjs']).toBe('rejected');
    }
  });
  it('an edit that keeps the size and puts the mtime back is run, not the old bytecode', () => {
    // (Found by review: V8 checks only the source's length.)
    const copy = copyOfBuild();
    const file = join(copy, 'dist', 'hot-list.cjs');
    const cacheOf = (name: string) => {
      const data = readFileSync(join(ROOT, 'dist', `${name}.v8`));
      return data.subarray(data.indexOf(10) + 1);
    };
    // The copy's caches, stamped for the copy: V8 takes them.
    const restamp = () => {
      for (const name of ['hot.cjs', 'hot-list.cjs'])
        writeFileSync(
          join(copy, 'dist', `${name}.v8`),
          Buffer.concat([Buffer.from(stampOf(join(copy, 'dist', name))), cacheOf(name)]),
        );
    };
    restamp();
    const list = tempFile(readFileSync(EXAMPLE, 'utf8'), 'reading.md');
    const before = runFrom(copy, ['--file', list, 'list']);
    expect(Object.fromEntries(before.report)['hot-list.cjs']).toBe('used');
    const source = readFileSync(file, 'latin1');
    const edited = source.replace(' unread', ' UNREAD');
    expect(edited.length).toBe(source.length);
    expect(edited).not.toBe(source);
    const { mtime } = statSync(file);
    writeFileSync(file, edited, 'latin1');
    utimesSync(file, mtime, mtime);
    const after = runFrom(copy, ['--file', list, 'list']);
    expect(Object.fromEntries(after.report)['hot-list.cjs']).toBe('none');
    expect(after.stdout).toContain('UNREAD');
  });
});

describe('the hot path loads what a command needs as CommonJS files, never the ES module loader', () => {
  // (An import() of an ES module starts node's ES module loader: ~16-26 ms of a run. `list --json`
  // imported the dates, and every run beside a .papers.json the config's schema.)
  const loads = (argv: string[], cwd: string) => {
    const script = `
      const before = new Set(process.moduleLoadList);
      const codeCache = require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.cjs'))});
      const { run } = codeCache.loadHot(${JSON.stringify(join(ROOT, 'dist', 'hot.cjs'))});
      let shown = '';
      const out = { write: (text) => ((shown += text), true), once: () => {} };
      run({ argv: ['node', 'papers', ...JSON.parse(process.argv[1])], env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, XDG_STATE_HOME: process.env.XDG_STATE_HOME, PAPERS_SETTLE_MS: '0' },
        cwd: process.cwd(), stdout: out, stderr: out }).then((code) => {
        const loaded = process.moduleLoadList.filter((name) => !before.has(name) && /esm/.test(name));
        process.stdout.write(JSON.stringify({ code, loaded, report: codeCache.codeCacheReport(), shown }));
      });`;
    const result = spawnSync(process.execPath, ['-e', script, JSON.stringify(argv)], {
      cwd,
      encoding: 'utf8',
      env: cliEnv({}),
    });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { code: number; loaded: string[]; report: [string, string][]; shown: string };
  };
  it('list --json (the dates papers were read on), and a list beside a .papers.json (its schema)', () => {
    const list = tempFile(readFileSync(EXAMPLE, 'utf8'), 'reading.md');
    const json = loads(['--file', list, 'list', '--json'], ROOT);
    expect(json.code, json.shown).toBe(0);
    expect(JSON.parse(json.shown)[0]).toHaveProperty('readOn');
    expect(json.loaded).toEqual([]);
    expect(Object.fromEntries(json.report)).toMatchObject({ 'hot-list.cjs': 'used', 'hot-dates.cjs': 'used' });
    const repository = tempDir();
    writeFileSync(join(repository, '.papers.json'), JSON.stringify({ lists: ['*.md'], doneDates: true }));
    writeFileSync(join(repository, 'reading.md'), readFileSync(EXAMPLE));
    const listed = loads(['list'], repository);
    expect(listed.code, listed.shown).toBe(0);
    expect(listed.shown).toContain('rammer');
    expect(listed.loaded).toEqual([]);
    expect(Object.fromEntries(listed.report)).toMatchObject({ 'hot-list.cjs': 'used', 'hot-schema.cjs': 'used' });
    // A plain done there writes the day (core/write/dates.ts).
    const done = loads(['done', 'roller'], repository);
    expect(done.code, done.shown).toBe(0);
    expect(readFileSync(join(repository, 'reading.md'), 'utf8')).toMatch(/- \[x\] ROLLER.*\d{4}-\d{2}-\d{2}/);
    expect(done.loaded).toEqual([]);
    expect(Object.fromEntries(done.report)).toMatchObject({ 'hot-mark.cjs': 'used', 'hot-dates.cjs': 'used' });
  });
});

describe('the hot path on a terminal', () => {
  it('`list` in colour loads chalk and the widths as CommonJS files: no ES module loader, each with its cache', () => {
    // (An import() of an ES module starts node's ES module loader: ~10 ms of a `list` on a terminal.)
    const list = tempFile(readFileSync(EXAMPLE, 'utf8').replace('ROLLER', 'RÖLLER 漢字 👩\u200d💻'), 'reading.md');
    const script = `
      const before = new Set(process.moduleLoadList);
      const codeCache = require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.cjs'))});
      const { run } = codeCache.loadHot(${JSON.stringify(join(ROOT, 'dist', 'hot.cjs'))});
      let shown = '';
      const terminal = { isTTY: true, columns: 100, write: (text) => ((shown += text), true), once: () => {} };
      run({ argv: ['node', 'papers', '--file', process.argv[1], 'list'], env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, XDG_STATE_HOME: process.env.XDG_STATE_HOME },
        cwd: process.cwd(), stdout: terminal, stderr: terminal }).then((code) => {
        const loaded = process.moduleLoadList.filter((name) => !before.has(name) && /esm/.test(name));
        process.stdout.write(JSON.stringify({ code, loaded, report: codeCache.codeCacheReport(), shown }));
      });`;
    const result = spawnSync(process.execPath, ['-e', script, list], { encoding: 'utf8', env: cliEnv({}) });
    expect(result.status, result.stderr).toBe(0);
    const { code, loaded, report, shown } = JSON.parse(result.stdout) as {
      code: number;
      loaded: string[];
      report: [string, string][];
      shown: string;
    };
    expect(code, shown).toBe(0);
    expect(shown).toContain('\u001b[36mroller'); // an id in colour
    expect(shown).toContain('RÖLLER 漢字 👩\u200d💻'); // a ZWJ sequence: measured by string-width
    expect(loaded).toEqual([]);
    expect(Object.fromEntries(report)).toMatchObject({
      'hot-list.cjs': 'used',
      'hot-chalk.cjs': 'used',
      'hot-width.cjs': 'used',
    });
  });
});
