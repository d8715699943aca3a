// Bundles the CLI into dist/ with esbuild: one entry plus lazily loaded chunks, so start-up reads
// a few files instead of ~190 (see the performance issue).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __PAPERS_VERSION__: JSON.stringify(version) },
  // commander is CommonJS: inside an ESM bundle its require('node:events') needs a real require.
  banner: { js: "import { createRequire as __papersCreateRequire } from 'node:module'; const require = __papersCreateRequire(import.meta.url);" },
});
