/**
 * Once per run, before any test file:
 *
 * - Builds dist/: the CLI tests run dist/ (bin/papers.cjs in a process, or main() in-process). Without
 *   this, `npx vitest` after a source edit would test the previous build.
 * - Makes the run directory (removed at the end, whatever the tests left in it): every temp folder of
 *   the tests (`tempDir()`), the private HOME and XDG cache/state/config dirs every CLI run gets
 *   (test/helpers.ts `cliEnv`), and a copy of the built CLI that another user can run. A fresh cache
 *   per run also keeps the model cache small: it keeps a record per list path for a month, and every
 *   test list is a new temp path.
 * - Finds out whether the tests that run as another user can: root, setpriv, and user nobody able to
 *   start node and the copied CLI (a clone in a 0700 `mktemp -d` folder, or node under root's home,
 *   is out of their reach; the copy in the run directory is not).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's directory: temp folders, HOME, cache, state (see above). */
    papersRunDir: string;
    /** bin/papers.cjs of a copy of the built CLI that user nobody can read (in papersRunDir). */
    papersBinForOthers: string;
    /** Why the tests that run as user nobody are skipped, or '' when they run. */
    papersNoOtherUser: string;
  }
}

/** The user the privilege tests run as (`setpriv --reuid`). */
export const OTHER_USER = 65534;

/** What user nobody may not reach stops the run here rather than in the middle of a test. */
function otherUserCheck(bin: string): string {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'not run as root (they switch to user nobody with setpriv)';
  if (spawnSync('setpriv', ['--version']).status !== 0) return 'setpriv (util-linux) is missing';
  const probe = spawnSync(
    'setpriv',
    [`--reuid=${OTHER_USER}`, `--regid=${OTHER_USER}`, '--clear-groups', '--', process.execPath, bin, '--version'],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
    },
  );
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || '').trim().split('\n')[0];
    return `user nobody cannot run ${process.execPath} ${bin} (${why}); is node or the temp dir in a folder only root can enter?`;
  }
  return '';
}

/** Removes `dir`, first making every folder in it writable again (a test may leave one 0555). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const open = (path: string): void => {
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat?.isDirectory()) return;
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) open(join(path, name));
    };
    open(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In a run directory: the pid of the vitest process that made it. */
const OWNER_FILE = 'owner.pid';

/**
 * Removes the run directories of earlier runs that were killed before their teardown (a run stopped from
 * outside, a hung property test): those of this user whose owner process is gone. A live run's is kept,
 * and so is any without an owner file (not made by this setup).
 */
function sweepAbandonedRuns(): void {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('papers-test-run-')) continue;
    const dir = join(tmpdir(), name);
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (!stat?.isDirectory() || (uid !== null && stat.uid !== uid)) continue;
    let pid: number;
    try {
      pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(pid) || pid <= 0 || processExists(pid)) continue;
    removeTree(dir);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default function setup(project: TestProject): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  sweepAbandonedRuns();
  const runDir = mkdtempSync(join(tmpdir(), 'papers-test-run-'));
  // Others may pass through (not list it): the tests that run as nobody use folders made inside.
  chmodSync(runDir, 0o711);
  // Whose run this is: a run killed before its teardown leaves its folder, which the next run removes.
  writeFileSync(join(runDir, OWNER_FILE), String(process.pid));
  for (const name of ['tmp', 'home', 'cache', 'state', 'config']) mkdirSync(join(runDir, name), { mode: 0o700 });
  chmodSync(join(runDir, 'tmp'), 0o711);

  // What `npm pack` ships (package.json "files"), so it runs as it would installed.
  const app = join(runDir, 'app');
  mkdirSync(join(app, 'dist'), { recursive: true, mode: 0o755 });
  cpSync(join(root, 'bin'), join(app, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(app, 'package.json'));
  for (const name of readdirSync(join(root, 'dist'))) {
    if (name.endsWith('.js') || name.endsWith('.cjs')) cpSync(join(root, 'dist', name), join(app, 'dist', name));
  }
  // Readable by all whatever the umask was.
  const share = (path: string): void => {
    const isDir = lstatSync(path).isDirectory();
    chmodSync(path, isDir || path.endsWith('.cjs') ? 0o755 : 0o644);
    if (isDir) for (const name of readdirSync(path)) share(join(path, name));
  };
  share(app);
  const binForOthers = join(app, 'bin', 'papers.cjs');
  const noOtherUser = existsSync(binForOthers) ? otherUserCheck(binForOthers) : 'the CLI copy is missing';

  // The test processes (started after this) get the same private HOME and XDG dirs as every CLI run:
  // a test that calls the store directly, or starts git or a shell, never touches the user's own.
  process.env.HOME = join(runDir, 'home');
  for (const [name, dir] of [
    ['XDG_CACHE_HOME', 'cache'],
    ['XDG_STATE_HOME', 'state'],
    ['XDG_CONFIG_HOME', 'config'],
  ])
    process.env[name!] = join(runDir, dir!);
  for (const name of Object.keys(process.env))
    if (name.startsWith('PAPERS_') || name.startsWith('GIT_')) delete process.env[name];

  project.provide('papersRunDir', runDir);
  project.provide('papersBinForOthers', binForOthers);
  project.provide('papersNoOtherUser', noOtherUser);
  return () => {
    // Every CLI run gets XDG dirs of its own: anything in HOME came from a run that fell back to it.
    const home = readdirSync(join(runDir, 'home'));
    if (home.length > 0)
      console.warn(`papers tests: something wrote into HOME (${home.join(', ')}): a run without the test environment?`);
    removeTree(runDir);
  };
}
