/**
 * Build before any test runs: the CLI tests spawn bin/papers.cjs, which loads dist/. Without this,
 * `npx vitest` after a source edit would test the previous build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
