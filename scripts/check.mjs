// @ts-check
// The type-check: tsconfig.json (src, test, scripts/*.ts) and tsconfig.scripts.json (the .mjs scripts,
// checked from their JSDoc), each by TypeScript's own compiler (7: native, ~3 s of CPU where 5.9's took
// ~17 s). Exit 1 on any error. (The lint and the format check are Biome's: `npm run lint`,
// `npm run format:check`.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// (The package exports no path to its bin: found from its package.json.)
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

let failed = false;
for (const config of ['tsconfig.json', 'tsconfig.scripts.json']) {
  const result = spawnSync(process.execPath, [tsc, '--project', config], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    failed = true;
    process.stdout.write(`\ntype-check: ${config} has errors (above)\n`);
  }
}
process.exitCode = failed ? 1 : 0;
