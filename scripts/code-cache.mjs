// @ts-check
// Makes V8's code cache for the CommonJS files of dist/ (bin/code-cache.cjs loads them with it): runs
// the commands people run most on a temp copy of the example list, in this process, through the same
// loader, then writes what V8 compiled of each file beside it (<file>.v8). Run by scripts/build.mjs
// after every build; the cache holds for this node version only (V8 refuses it under another).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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
    ['stats'],
    ['lint'],
    ['rm', 'code-cache-paper', '--yes'],
    ['--help'],
  ];
  for (const args of steps) {
    const code = await run({
      argv: ['node', 'papers', '--file', list, ...args],
      env,
      cwd: dir,
      stdout: sink(),
      stderr: sink(),
    });
    if (code !== 0) throw new Error(`code cache: papers ${args.join(' ')} exited ${code}`);
  }
  codeCache.writeCodeCaches();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
