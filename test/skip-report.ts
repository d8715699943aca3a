/**
 * A reporter that ends the run with how many tests skipped and why (the reason each skipped test
 * carries from test/needs.ts), and says when the real lists of ../shared were not there to test.
 * Used beside vitest's own reporter (vitest.config.ts).
 */
import { existsSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { CORPUS } from './paths.js';

export default class SkipReport implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const reasons = new Map<string, number>();
    let skipped = 0;
    let unselected = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        // Tests skip through test/needs.ts, with a reason; one without is left out by -t, .only or .skip.
        if (result.note === undefined) {
          unselected++;
          continue;
        }
        skipped++;
        reasons.set(result.note, (reasons.get(result.note) ?? 0) + 1);
      }
    }
    const lines = [
      `papers tests: ${skipped === 0 ? 'none' : skipped} skipped${unselected ? ` (and ${unselected} not selected: -t, .only or .skip)` : ''}`,
    ];
    for (const [why, count] of [...reasons].sort((a, b) => b[1] - a[1]))
      lines.push(`  ${String(count).padStart(3)}  ${why}`);
    if (!existsSync(CORPUS))
      lines.push(
        `papers tests: ${CORPUS} is absent: the tests over every real list ran on examples/paper-reading.md only`,
      );
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
