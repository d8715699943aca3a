import { defineConfig } from 'vitest/config';
import { CostliestFirst } from './test/sequencer.js';

export default defineConfig({
  // Vitest keeps each file's last duration here and starts the slowest files first; per checkout
  // (worktrees may share one node_modules, the default home of this cache).
  cacheDir: '.cache/vite',
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ first, so the CLI tests always run the code as it is now; makes this run's
    // directory (temp folders, HOME, cache, state), removed at the end.
    globalSetup: ['test/global-setup.ts'],
    // One fixed seed for the property tests under CI (see the file).
    setupFiles: ['test/property-seed.ts'],
    // The run ends with how many tests skipped and why.
    reporters: ['default', './test/skip-report.ts'],
    // Three test files at a time on two cores: much of the suite waits on the processes, locks and timers
    // it starts. Measured with both cores busy with other work (two `yes` loops, ../shared present):
    // two workers 239 s, three 211-217 s, four 213 s; on a quiet machine the three take the same time.
    maxWorkers: 3,
    // The costliest files first (see the file): a fresh clone has no durations of a last run.
    sequence: { sequencer: CostliestFirst },
    // One process per worker runs its files one after another without re-importing the modules for
    // each (~10% less CPU here). Test files must leave no global state behind: no vi.mock or fake
    // timers without restoring them, env changes undone (see runCliInProcess and undo.test.ts).
    isolate: false,
    // The test processes' young generation: 64 MB semi-spaces instead of V8's default (16 MB on 64-bit),
    // so the parsers' short-lived garbage is collected in fewer scavenges. The whole suite (CI=true, with
    // ../shared, one run each on a machine shared with other work): 274 s of CPU summed over the files
    // without it, 244 s with it; the parse-heavy files lose 10-40% (formats-properties 8.9 -> 5.2 s,
    // corpus 6.9 -> 4.6 s, wild 18.4 -> 15.8 s). A worker's peak RSS grows from ~540 to ~660 MB.
    // (Only the test processes: the CLI processes the tests start keep node's defaults.)
    execArgv: ['--max-semi-space-size=64'],
    // A net for a hang, not a speed limit: a test that waits for something (a lock, a prompt, a temp file)
    // waits as long as a busy machine needs; one that hangs fails here.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
