/**
 * Build before any test runs: the CLI tests run dist/ (bin/papers.cjs in a process, or main() in-process).
 * Without this, `npx vitest` after a source edit would test the previous build.
 *
 * Each run also gets fresh cache and state directories (removed at the end): the model cache keeps a
 * record per list path for a month, and every test list is a new temp path, so a shared directory grew
 * by thousands of records per run and every cache write stat'ed them all (~100 ms per write after a
 * few dozen runs).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    papersRunDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const runDir = mkdtempSync(join(tmpdir(), 'papers-test-run-'));
  chmodSync(runDir, 0o755); // as /tmp/papers-test-cache was: a test that drops privileges can look inside
  project.provide('papersRunDir', runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
