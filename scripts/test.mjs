// `npm test`: the type-check, the lint and the formatter's check, the unused-export check (knip) and the test
// suite, all at once. None needs another's result, and
// the suite spends much of its time waiting on the processes, locks and timers it starts, so running the
// checks beside it costs the suite little (on two cores busy with another job they end within ~15 s:
// TypeScript 7's type-check ~5 s of CPU, knip 6 ~4 s, Biome ~2 s).
// The suite's output streams as it runs; each check's is printed when it ends. Exits non-zero when any
// of them failed, naming which. Arguments go to vitest (`npm test -- test/x.test.ts`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Nothing in a test run talks TLS (the lookups go to a local HTTP server), and node reads the extra
// certificates at every start when NODE_EXTRA_CA_CERTS is set (~30 ms each, ../shared/PITFALLS.md):
// the suite starts a thousand node processes.
const testEnv = { ...process.env };
delete testEnv.NODE_EXTRA_CA_CERTS;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();

/** Runs `command`; its output is shown live (`live`) or held and printed when it ends. Resolves to its exit code. */
function run(name, command, args, live, env = testEnv) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    if (!live) {
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => {
      output += `${error.message}\n`;
    });
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (!live)
        process.stdout.write(
          `\n[${name}] ${status === 0 ? 'passed' : `FAILED (exit ${status})`} after ${seconds} s\n${status === 0 ? '' : output}`,
        );
      resolve({ name, status });
    });
  });
}

const results = await Promise.all([
  run('typecheck', process.execPath, [fileURLToPath(new URL('check.mjs', import.meta.url))], false),
  // The lint and the format check in one pass (npm run lint, npm run format:check). Biome keeps a folder in
  // the user's cache dir (~/.cache/biome, even for a check): here, in the checkout's.
  run('lint and format', npm, ['exec', '--', 'biome', 'check', '--error-on-warnings', '.'], false, {
    ...testEnv,
    XDG_CACHE_HOME: fileURLToPath(new URL('../.cache', import.meta.url)),
  }),
  run('unused', npm, ['run', '--silent', 'unused'], false),
  run(
    'vitest',
    process.execPath,
    [fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)), 'run', ...process.argv.slice(2)],
    true,
  ),
]);
const failed = results.filter((result) => result.status !== 0).map((result) => result.name);
process.stdout.write(
  `\nnpm test: ${failed.length === 0 ? 'all passed' : `FAILED: ${failed.join(', ')}`} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
