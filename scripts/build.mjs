// @ts-check
// Bundles the CLI into dist/ with esbuild: one entry plus lazily loaded chunks, so start-up reads
// a few files instead of ~190 (see the performance issue).
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Stale chunks from earlier builds would pile up beside the new ones.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const result = await build({
  metafile: true,
  // The parse worker is its own entry: store/parse-budget.ts starts it beside the chunk that needs it.
  entryPoints: { cli: 'src/cli/main.ts', 'parse-worker': 'src/store/parse-worker.ts' },
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

writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));
