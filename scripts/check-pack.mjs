// The install check (issue #14): `npm pack` holds only what runs (bundle, bin, README, LICENSE,
// package.json), and `npm install -g <tarball>` into a temp prefix, offline and without install
// scripts, gives a `papers` that works. Run by .ci/run (and `npm run check-pack`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'papers-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const problems = [];
const started = Date.now();

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

try {
  // npm pack runs `prepare` (the build) first.
  const [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work]));
  const allowed = [
    /^package\.json$/,
    /^README\.md$/,
    /^LICENSE$/,
    /^bin\/(?:papers|code-cache)\.cjs$/,
    /^dist\/[\w.-]+\.c?js$/,
  ];
  for (const file of packed.files) {
    if (!allowed.some((re) => re.test(file.path))) problems.push(`the tarball holds ${file.path}, which does not run`);
  }
  for (const needed of [
    'README.md',
    'LICENSE',
    'bin/papers.cjs',
    'dist/hot.cjs',
    'dist/hot-list.cjs',
    'dist/hot-mark.cjs',
    'dist/hot-add.cjs',
    'dist/cli.cjs',
  ]) {
    if (!packed.files.some((file) => file.path === needed)) problems.push(`the tarball lacks ${needed}`);
  }
  if (Object.keys(pkg.dependencies ?? {}).length)
    problems.push('package.json has runtime dependencies; the bundle should need none');
  if (packed.size > 1024 * 1024) problems.push(`the tarball is ${(packed.size / 1024).toFixed(0)} KB; over 1 MB`);

  const prefix = join(work, 'prefix');
  const env = {
    ...process.env,
    npm_config_prefix: prefix,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  run(npm, ['install', '--global', '--offline', '--ignore-scripts', join(work, packed.filename)], { cwd: work, env });
  const bin = process.platform === 'win32' ? join(prefix, 'papers.cmd') : join(prefix, 'bin', 'papers');
  const cleanEnv = {
    ...process.env,
    NO_COLOR: '1',
    PAPERS_FILE: join(root, 'examples', 'paper-reading.md'),
    XDG_CACHE_HOME: join(work, 'cache'),
    XDG_STATE_HOME: join(work, 'state'),
  };
  const version = run(bin, ['--version'], { cwd: work, env: cleanEnv }).trim();
  if (version !== pkg.version) problems.push(`the installed papers says version "${version}", not ${pkg.version}`);
  const papers = JSON.parse(run(bin, ['list', '--json'], { cwd: work, env: cleanEnv }));
  if (papers.length !== 23) problems.push(`the installed papers lists ${papers.length} papers of the example, not 23`);
  const stats = run(bin, ['stats'], { cwd: work, env: cleanEnv });
  if (!/^Total\s.*11\/23/m.test(stats)) problems.push('the installed papers stats does not end in the example total');
  const lint = run(bin, ['lint'], { cwd: work, env: cleanEnv });
  if (!/no problems/.test(lint)) problems.push('the installed papers lint does not pass the example');
  if (problems.length === 0) {
    console.log(
      `check-pack: ok: ${packed.filename}, ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KB packed; installed and ran in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
} catch (caught) {
  const error = /** @type {Error & { stderr?: string }} */ (caught);
  problems.push(`${error.message}${error.stderr ? `\n${error.stderr}` : ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
  for (const problem of problems) console.error(`check-pack: ${problem}`);
  process.exit(1);
}
