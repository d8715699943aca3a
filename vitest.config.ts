import { defineConfig } from 'vitest/config';
import { CostliestFirst } from './test/sequencer.js';

export default defineConfig({
  // The packages' production builds, as the CLI bundles them (scripts/build.mjs): vite's default for a test
  // run is their `development` builds, which for micromark and mdast check every step and cost the suite
  // seconds of CPU in the reference parses.
  plugins: [
    {
      name: 'production-builds',
      configResolved(config) {
        const dev = (condition: string) => condition === 'development' || condition === 'development|production';
        for (const resolve of [config.ssr.resolve, config.environments.ssr?.resolve]) {
          if (resolve?.conditions) resolve.conditions = resolve.conditions.filter((c) => !dev(c));
          if (resolve?.externalConditions)
            resolve.externalConditions = resolve.externalConditions.filter((c) => !dev(c));
        }
      },
    },
  ],
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
    // Five test files at a time on two cores: much of the suite waits on the processes, locks and timers
    // it starts, and on cores another job keeps busy the scheduler shares the CPU by thread, so more
    // workers get the suite a larger share. Measured with both cores busy with two `yes` loops (fresh
    // clone, ../shared present, npm test): three workers 253 s, five 223 s, eight 225 s (each worker
    // re-imports the modules: the import time summed over files grows 29 -> 54 -> 120 s), four 239 s.
    // On a quiet machine five cost more than three (no ../shared: 128 s vs ~110 s). Each worker holds
    // ~0.5 GB at its peak.
    maxWorkers: 5,
    // A young generation of 32 MB instead of V8's default: the reference parses (remark on whole lists)
    // make short-lived objects by the million, and the workers spent ~20% of their CPU collecting them.
    // Measured on the four parse-heaviest files in one worker, CPU of three runs each: default 62-66 s,
    // 16 MB 60-63 s, 32 MB 52-57 s, 48/64 MB 60-62 s.
    execArgv: ['--max-semi-space-size=32'],
    // The costliest files first (see the file): a fresh clone has no durations of a last run.
    sequence: { sequencer: CostliestFirst },
    // One process per worker runs its files one after another without re-importing the modules for
    // each (~10% less CPU here). Test files must leave no global state behind: no vi.mock or fake
    // timers without restoring them, env changes undone (see runCliInProcess and undo.test.ts).
    isolate: false,
    // A net for a hang, not a speed limit: a test that waits for something (a lock, a prompt, a temp file)
    // waits as long as a busy machine needs; one that hangs fails here.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
