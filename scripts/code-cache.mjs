// @ts-check
// Makes V8's code cache for the CommonJS files of dist/ (bin/code-cache.cjs loads them with it): runs
// the commands people run most on a temp copy of the example list, in this process, through the same
// loader, then writes what V8 compiled of each file beside it (<file>.v8). Run by scripts/build.mjs
// after every build; the cache holds for this node version only (V8 refuses it under another).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** @type {{ loadHot(file: string): { run(input: object): Promise<number> }; writeCodeCaches(): string[] }} */
const codeCache = require('../bin/code-cache.cjs');

const dir = mkdtempSync(join(tmpdir(), 'papers-code-cache-'));
try {
  const list = join(dir, 'reading.md');
  copyFileSync(join(root, 'examples/paper-reading.md'), list);
  const unusual = join(dir, 'unusual.md');
  writeFileSync(
    unusual,
    '# Papers\n\n## Old\n\n<details>\n<summary>Read</summary>\n\n- [x] Old Paper: [[Paper](https://example.org/old.pdf)]\n\n</details>\n\n| Status | Title |\n| --- | --- |\n| ✅ | **Row Paper** |\n',
  );
  // A repository's list: its .papers.json is read and checked (config/schema.ts: hot-schema.cjs).
  const repository = join(dir, 'repo');
  mkdirSync(repository);
  writeFileSync(join(repository, '.papers.json'), JSON.stringify({ lists: ['*.md'], doneDates: true }));
  const repositoryList = join(repository, 'reading.md');
  copyFileSync(join(root, 'examples/paper-reading.md'), repositoryList);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    NO_COLOR: '1',
    PAPERS_SETTLE_MS: '0',
  };
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const { run } = codeCache.loadHot(join(root, 'dist/hot.cjs'));
  // A cold read (parse), warm reads, writes on a cached model (the check that parses the parts they
  // touch), and the commonest commands of the full CLI (dist/cli.cjs).
  const steps = [
    ['list'],
    ['list'],
    ['list', '--unread'],
    ['done', 'roller'],
    ['undone', 'roller'],
    ['list'],
    ['add', 'Code Cache Paper', '--area', 'OS', '--paper', 'https://example.org/code-cache.pdf'],
    ['list', '--json'],
    ['stats'],
    ['areas'],
    ['next'],
    ['show', 'roller'],
    ['lint'],
    ['rm', 'code-cache-paper', '--yes'],
    ['--help'],
    // A list with a part the line scanner declines (an HTML block): remark reads it.
    ['--file', unusual, 'list'],
    ['--file', unusual, 'add', 'Code Cache Paper', '--area', 'Old', '--paper', 'https://example.org/code-cache.pdf'],
    ['--file', repositoryList, 'list'],
    ['--file', repositoryList, 'done', 'roller'],
  ];
  for (const args of steps) {
    const code = await run({
      argv: ['node', 'papers', ...(args[0] === '--file' ? args : ['--file', list, ...args])],
      env,
      cwd: dir,
      stdout: sink(),
      stderr: sink(),
    });
    if (code !== 0) throw new Error(`code cache: papers ${args.join(' ')} exited ${code}`);
  }
  // `list` as people see it, on a terminal: colours (hot-chalk.cjs), short ids, the table fitted to the
  // width, and a title only string-width measures (an emoji sequence: hot-width.cjs).
  const terminal = Object.assign(sink(), { isTTY: true, columns: 100 });
  const { NO_COLOR: _, ...colorEnv } = env;
  const wide = join(dir, 'wide.md');
  writeFileSync(
    wide,
    '# Papers\n\n## A\n\n- [ ] Wide Title \u{1F469}\u200D\u{1F4BB}: [[Paper](https://example.org/w.pdf)]\n',
  );
  for (const file of [list, wide]) {
    const argv = ['node', 'papers', '--file', file, 'list'];
    const code = await run({ argv, env: colorEnv, cwd: dir, stdout: terminal, stderr: sink() });
    if (code !== 0) throw new Error(`code cache: papers list on a terminal exited ${code}`);
  }
  const written = codeCache.writeCodeCaches().map((file) => file.split('/').pop());
  const missing = [
    'hot-list.cjs',
    'hot-mark.cjs',
    'hot-add.cjs',
    'hot-parse.cjs',
    'hot-dates.cjs',
    'hot-schema.cjs',
    'hot-chalk.cjs',
    'hot-width.cjs',
    'cli.cjs',
  ].filter((file) => !written.includes(file));
  // (A file the training did not load runs without a cache: slower, not wrong.)
  if (missing.length > 0) process.stderr.write(`code cache: the training run did not load ${missing.join(', ')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
