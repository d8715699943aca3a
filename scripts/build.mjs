// @ts-check
// Bundles the CLI into dist/ with esbuild, in two builds:
//  - dist/hot.cjs: the process entry (src/cli/hot.ts), which reads the arguments of `list`, `done`,
//    `undone`, `reading` and `add` by hand (with a table derived from the command table here, at build
//    time), and dist/hot-list.cjs / hot-mark.cjs / hot-add.cjs, which run them (each with the store code it
//    needs). CommonJS starts ~6 ms sooner than an ES module, and these leave out commander. Each must
//    stay under its HOT_BUDGET: the build fails when one grows past it.
//  - dist/cli.js and its chunks (ESM, split): main(), the commander CLI with every command, plus a few
//    named entries the hot file loads on demand (the parser with remark, diff).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asciiRegExps } from './ascii-regexps.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/**
 * Bytes per hot file (minified). hot-list and hot-mark grew by 4 KB each for src/config (every setting
 * read and checked on every command, and the walk up to .papers.json: ~5 KB, of which the checker of the
 * config file itself loads only when there is one): measured as the same CPU time per run, interleaved
 * against the build before it (seed list, 10k list and done, 41 runs each). hot-mark grew again for the
 * marker vocabulary and the column names in nine languages that done/undone/reading need (~8 KB), and
 * hot-list for the vocabulary its check of cached table rows reads (the seed list's `list`: 113 ms before,
 * 114 ms after, interleaved, 15 runs each). hot-list grew by ~2 KB for a repository of lists (the lists
 * a `.papers.json` names, read and shown as one: config/lists.ts, core/query/workspace.ts), which a warm
 * `list` of 50 files runs on the hot path (scripts/bench-workspace.mjs). For #25 hot-list grew by ~4 KB
 * and hot-mark by ~7 KB: the cache's identity index (the keys of each paper, query/identity.ts, written
 * with every entry, which add's duplicate check looks up instead of reading every paper), the count
 * badges a done checks on the text instead of parsing the list again, the byte splice of a write and the
 * settle check by the list's tail (main's hot-mark was 90,170 B, already over its 88 KB).
 * The safety checks of #21 (the folders above the cache and state dirs, the symlinked-list rule, the
 * stat record's checksum, the journal's entry check, the lock's per-holder wait) add ~0.6 KB to hot-list
 * and ~3 KB to hot-mark; the check of a cached model against a fresh parse and the re-plan guard are a
 * lazy entry (hot-parse.cjs). Reading a cache entry checks every word it will use when it reads it
 * (a damaged entry with right checksums is a miss, not an error later inside a command): ~3 KB more.
 * hot-list grew by ~1 KB for a repository of lists of 50 files: each file's id hashes read from its entry
 * (no 50,000 id strings built to find the ids two files share) and the table written as it is made; and by
 * ~1.2 KB more when moves between lists came (none of that code is in it: the minifier's names grew).
 * hot-mark grew by ~0.5 KB with it: StoredFacts.idHashes (a method of the entry's class, in both bundles)
 * and the journal entry's group token (a move between lists).
 * hot-list, hot-mark and hot-parse grew by ~0.7 KB when a list that does not look ordinary sent only its unusual parts to the parse
 * worker, not the whole list (store/parse-budget.ts).
 * For #25's small lists (branch small-speed) hot.cjs grew by ~0.9 KB for the process's outputs written with
 * writeSync (src/cli/process-output.ts: no net and stream modules for a pipe, ~7 ms a run), and hot-list,
 * hot-mark and hot-add by ~1 KB for the stat record's copy of a small file (no node:crypto for a warm
 * list, ~5 ms) and the lazily made venue table and author patterns; measured faster, not slower.
 */
const HOT_BUDGET = {
  // +0.5 KB: the argument table of stats, areas, show and next (run from hot-list.cjs).
  // +1 KB: checked values (`--year 2022`, `--limit 10`, `stats --by venue`) read here as commander reads
  // them (cli/option-values.ts): through commander such a run cost ~35-45 ms more. +0.5 KB: the table
  // rows of note, undo, rm and __complete.
  // +0.5 KB: the rows of log and open.
  'hot.cjs': 8.5 * 1024,
  // +0.5 KB: one file's list loads its facts without the ids' hashes (those are a repository of lists').
  // +1 KB: the table keeps its cells a column at a time and joins a thousand lines at once (list.ts
  // writeBlocks): no object per row, no string per cell. +2 KB: a warm list of one file is filtered on
  // the cache's columns (StoredFacts papersWhere), objects made only for the papers shown. +1.5 KB: its
  // table (in file order) is read straight from the columns (list.ts storedRows), no object at all.
  // +0.5 KB: a write's re-reads compare the list through a small buffer (store/same-bytes.ts), in read.ts.
  // +0.5 KB: the parser of a run keeps the part models add's read-back read (store/parse-budget.ts
  // freshParts: a table list's add parsed the file twice).
  // +0.5 KB: a write whose new model no one reads stores the written text's entry without decoding it
  // (stored-model.ts storeAfterWrite; the module is in every hot file).
  // +0.5 KB: the cache's byte budget (PAPERS_CACHE_MAX_MB; cache.ts prune and its running total), in every
  // hot file. +0.5 KB: short ids cut between characters only, titles read as resolvePaper reads them
  // (short-ids.ts). +0.5 KB: `--area only.md/Sys` in a repository of one list (context.ts withSoleListArea):
  // with the +1 KB of hot-mark, the seed's `list` 91.1 / 90.8 ms and `done` 112.9 / 113.5, 21 runs each.
  // +0.5 KB: the dates and a repository's config schema required as CommonJS files (hot-dates.cjs,
  // hot-schema.cjs), not imported as ES modules (the ES module loader: ~16-26 ms a run that needed one).
  // +2.5 KB: a cached row is checked by the file's legend where the file was read with one
  // (stored-model.ts markerAgrees: such a file was parsed twice by every run, its entry never used).
  // +10.5 KB: stats, areas, show and next (they read the list as list does; through commander each took
  // ~45 ms more a run). In this file rather than one of their own: that cost the tarball ~25 KB.
  // +0.5 KB: `__complete` (each Tab of the completion scripts; through commander ~35 ms more).
  // +0.5 KB: `stats --by month` (the read papers' dates, commands/dated-papers.ts), since `--by` is read here.
  // +3 KB: log (what was read when; its dates are those stats --by month reads): through commander a dated
  // seed's log took 129.6 ms, here 90.3 (list 87.5 / 88.2: no cost seen; 21 runs each, interleaved).
  // +3.5 KB: open (the link's checks; its check of a cached model is hot-parse.cjs's, as a write's): the
  // seed's `open rammer --print` 152.1 -> 119.3 ms (21 runs each, interleaved).
  // +0.5 KB: the table's blocks are joined from one array of pieces written over (papers-table.ts Pieces):
  // an emptied array regrew, copying, for each block (5,000 rows: ~2 MB less garbage).
  // +0.5 KB: a cached paper's span read alone (decode.ts spanOf): `add` under one heading of 10,000
  // papers made every item's offsets and links to find the area's own items (~550 -> ~405 ms).
  // +2 KB: SHA-1 in WebAssembly for short inputs (store/sha1.ts, sha1.wat): node:crypto's load (~10 ms,
  // node's streams with it) is left to long lists.
  'hot-list.cjs': 113.5 * 1024,
  // +1.2 KB: a status cell's change is checked not to change how the other rows of its table read.
  // +0.5 KB: the re-reads of a write compare the list through a small buffer (store/same-bytes.ts).
  // +1 KB: the journal keeps each edit's span (a badge's count far above the paper is not the text between).
  // +0.5 KB: the parser of a run keeps the part models add's read-back read (store/parse-budget.ts).
  // +0.5 KB: chalk and string-width required as CommonJS files (hot-chalk.cjs, hot-width.cjs), not imported.
  // +1 KB: the cache's byte budget (cache.ts prune and its running total).
  // +1 KB: `--area only.md/Sys` in a repository of one list (context.ts withSoleListArea).
  // +16 KB: note and undo (the link's checks and rendering, the journal's undo): through commander each
  // took ~20 ms more a run (the seed's note 157 -> 139 ms, undo 159 -> 135; done 125 / 123, no cost seen).
  // +5 KB: rm (its questions and the sequence of several removals).
  // +3.5 KB: note reads the new link's line (a marked list, a row's table) back, checks the legend, and tries other forms and places (core/write/link-read-back.ts).
  // +0.5 KB: an entry without an identity index (a text parsed from scratch) until a write adds papers
  // (cache/encode.ts encodeEntry, EolBit.Unindexed): the writes pass on whether theirs keeps one.
  // +0.5 KB: a write's spliced bytes written and fingerprinted as pieces, never joined (store/splice-bytes.ts).
  // +2 KB: SHA-1 in WebAssembly for short inputs (store/sha1.ts, sha1.wat): node:crypto's load (~10 ms,
  // node's streams with it) is left to long lists.
  'hot-mark.cjs': 136 * 1024,
  // add with a title (an arXiv id, DOI or URL loads the lookups, an ES module chunk): placement and the file's
  // item style, the duplicate check, the title, venue and link checks, and the store's write.
  // +0.5 KB: the re-reads of a write compare the list through a small buffer (store/same-bytes.ts).
  // +1 KB: the journal keeps each edit's span (store/journal.ts). +0.5 KB: the parser keeps the
  // read-back's parts (store/parse-budget.ts), an undo's write keeps no paper count (settle.ts).
  // +0.5 KB: storeAfterWrite (the entry of a text just written, stored without decoding a model).
  // +1 KB: the cache's byte budget (cache.ts prune and its running total).
  // +1 KB: `--area only.md/Sys` in a repository of one list (context.ts withSoleListArea).
  // +0.5 KB: the legend check of cached rows (stored-model.ts markerAgrees).
  // +1.5 KB: add writes a marked entry in its area's marker style and reads such a file back whole.
  // +1 KB: an entry without an identity index (a list read from scratch) gets one from its columns when
  // add first checks a duplicate on it (store/identity-index.ts), kept by the entry the add writes.
  // +0.5 KB: an area's own items found in one pass (placement.ts outermost: an add to an area of 10,000
  // items took ~2.5 s over every pair), its style voted by its last 400 items.
  // +0.5 KB: a cached paper's span read alone (decode.ts spanOf), for the area's own items. +0.5 KB: the
  // tie-break between a loose and a tight item reads the items around the anchor (placement.ts).
  // +0.5 KB: a write's spliced bytes written and fingerprinted as pieces, never joined (store/splice-bytes.ts).
  // +2 KB: SHA-1 in WebAssembly for short inputs (store/sha1.ts, sha1.wat): node:crypto's load (~10 ms,
  // node's streams with it) is left to long lists.
  'hot-add.cjs': 143 * 1024,
  // The parser without remark (parts, the line scanner and its tables, the inline reading) and the check
  // of a cached model against it (verify.ts): what a write on a cached model loads, and a list that
  // changed. One CommonJS file beside the hot ones, not ES module chunks: loading the same code as 16 ES
  // modules cost ~35 ms more CPU (resolving and linking each), measured on the author's list's done.
  // With the cache entry's encoder and splice since the hot path runs add (+14 KB; see HOT_ENTRIES).
  // +0.5 KB: the lint's rewrites (optional chains, templates) and the merge of the small-list work.
  // +0.5 KB: the entry splice's per-paper copy written out with no closure (the build names each closure
  // it makes: 60 -> 20 ms of a 10k add) and a number's check reading only the text up to the paper.
  // +1 KB: an ASCII title's id read in one pass (ids.ts asciiFirstIdForm: ~90 -> ~25 ms of a cold 10k parse).
  // +0.5 KB: quick tests before the author patterns (inline/title.ts MAY_BE_*: no Unicode-class pattern
  // compiled for a list none of whose titles could match; the author's cold list ~15 ms less).
  // +0.5 KB: a parse reads each venue tag's text once (inline/tags.ts readBracketTag): a cold 10k `list`
  // 837.7 -> 820.4 ms, interleaved, 15 runs each.
  // +1 KB: an unchanged part's papers are copied into a spliced entry column by column (splice-entry.ts
  // copyPart; paper by paper it took ~146 ms of a 10k add, now ~84, timed inside one run).
  // +0.5 KB: the check that a paper's id stands alone searches ASCII text without Unicode classes
  // (verify.ts idStandsAlone: a 10,000-paper list's last paper ~11 -> ~8 ms, one in the middle ~5 -> ~3).
  // +0.5 KB: an entry keeps an identity index only when asked or when its parts came from one that had
  // (cache/encode.ts encodeEntry): a cold 10k `list` ~100 ms less.
  // +2.5 KB: the line scanner reads notes under an item, trailing spaces and rules (scan.ts; the marked
  // entries' checks with it, formats/marked.ts): such parts of real lists went to remark (a `done` on a
  // 954-paper tracked list ~0.3-0.9 s). +0.5 KB: headings with links, brackets, `&` and wide spacing.
  // +0.5 KB: paragraphs (text that is no item and marks no state). +0.5 KB: items without a checkbox
  // and numbered items. +1 KB: HTML blocks of block tags (`<div align="center">`; the tag names are
  // micromark-util-html-tag-name's, the list remark itself reads them by).
  // +3 KB: seams: a long section is read in parts of ~128 lines, its list joined across them (chunks.ts,
  // parts.ts, the entry's splice, verify.ts): a `done` in a 600-item section re-read all of it.
  // +2 KB: SHA-1 in WebAssembly for short inputs (store/sha1.ts, sha1.wat): node:crypto's load (~10 ms,
  // node's streams with it) is left to long lists.
  'hot-parse.cjs': 102 * 1024,
  // The dates (HOT_ENTRIES): `list --json`, a plain `done` where .papers.json says "doneDates".
  'hot-dates.cjs': 12.5 * 1024,
  // A repository's .papers.json, read and checked (config/schema.ts).
  'hot-schema.cjs': 4.5 * 1024,
};

/** What dist/hot.cjs loads from the ESM build instead of bundling: import specifier -> dist file. */
const LAZY = {
  '../core/read/parse.js': './core-parse.js',
  '../../core/read/parse.js': './core-parse.js',
  '../core/read/parts.js': './hot-parse.cjs',
  './parse-remark.js': './core-parse-remark.js',
  './main.js': './cli.cjs',
  './schema.js': './hot-schema.cjs',
  './commands/commit.js': './cli-commit.js',
  './verify.js': './hot-parse.cjs',
  '../../store/verify.js': './hot-parse.cjs',
  './same-targets.js': './hot-parse.cjs',
  './cache/splice-entry.js': './hot-parse.cjs',
  './cache/encode.js': './hot-parse.cjs',
  '../../core/read/dates.js': './hot-dates.cjs',
  '../../core/write/dates.js': './hot-dates.cjs',
  './choose-targets.js': './cli-choose-targets.js',
  // add: questions on a terminal, and the read-back's parser (read-back.ts). An add by reference (the
  // lookups) runs in the full CLI: hot-add.ts hands it to main() (see FULL_CLI_ONLY).
  '@inquirer/prompts': './prompts.js',
  '../read/parts.js': './hot-parse.cjs',
  '../read/parse-remark.js': './core-parse-remark.js',
  // On a terminal: CommonJS files, required (an import() of an ES module starts node's ES module loader,
  // ~10 ms of a `list` on a terminal).
  chalk: './hot-chalk.cjs',
  './unicode-width.js': './hot-width.cjs',
  diff: './diff.js',
};

/**
 * What a hot file never loads, though its code imports it: hot-add.ts hands an add by reference (arXiv
 * id, DOI, URL, --lookup) to main() before runAdd could import the lookups. Bundled as a module that says
 * so if it is ever reached, not as a second copy of the code (~200 KB).
 */
const FULL_CLI_ONLY = ['./add-ref.js', '../lookup-context.js'];

/** Hot files made of several modules (they share most of their code): file -> its modules. */
const HOT_ENTRIES = {
  // The parser without remark, the check of a cached model (verify.ts, same-targets.ts), and the cache
  // entry's encoder and its splice from the last text's entry (a list changed in a few parts: every add,
  // rm, note): what a write or a parse loads, never a warm read. The encoder and the splice were ES module
  // chunks, which cost a 10,000-paper add ~15 ms more CPU (the module loader), and share most of their
  // code (the scanner, the parts) with the parser.
  'hot-parse': [
    'src/core/read/parts.ts',
    'src/store/verify.ts',
    'src/store/same-targets.ts',
    'src/store/cache/encode.ts',
    'src/store/cache/splice-entry.ts',
  ],
  // The dates a list keeps by its papers: `list --json`'s readOn, and the day a plain `done` writes where
  // .papers.json says "doneDates". They were ES module chunks, whose import() started node's ES module
  // loader (the seed's `list --json` ~97 ms, `list` ~72).
  'hot-dates': ['src/core/read/dates.ts', 'src/core/write/dates.ts'],
  // A repository's .papers.json, read and checked: an ES module chunk started node's ES module loader on
  // every run where there is one (the seed's `list` in such a repository ~26 ms slower than without).
  'hot-schema': ['src/config/schema.ts'],
};

// Stale chunks from earlier builds would pile up beside the new ones.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = {
  outdir: 'dist',
  bundle: true,
  platform: /** @type {const} */ ('node'),
  target: 'node20',
  sourcemap: /** @type {const} */ ('linked'),
  logLevel: /** @type {const} */ ('warning'),
  define: { __PAPERS_VERSION__: JSON.stringify(version) },
};

const result = await build({
  ...common,
  metafile: true,
  entryPoints: {
    // The parse worker is its own entry: store/parse-budget.ts starts it beside the file that needs it.
    'parse-worker': 'src/store/parse-worker.ts',
    // Loaded by dist/hot.cjs (see LAZY): names that do not change from build to build.
    'core-parse': 'src/core/read/parse.ts',
    // remark's part reader, for hot-parts.cjs when a part needs it.
    'core-parse-remark': 'src/core/read/parse-remark.ts',
    'cli-commit': 'src/cli/commands/commit.ts',
    // done/undone/reading without ids (a pick, `-`, --all): what the hot path loads for them.
    'cli-choose-targets': 'src/cli/choose-targets.ts',
    diff: 'diff',
    // For the full CLI (dist/cli.cjs loads them on demand): `import`, and questions on a terminal.
    bibtex: '@retorquere/bibtex-parser',
    prompts: '@inquirer/prompts',
  },
  splitting: true,
  format: 'esm',
  // Minified as the CommonJS files are (the tarball must stay under 1 MB: check-pack.mjs); functions and
  // classes keep their names (keepNames: an error's name, --debug's stack), and the source maps point at
  // the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  keepNames: true,
  // commander is CommonJS: inside an ESM bundle its require('node:events') needs a real require.
  banner: {
    js: "import { createRequire as __papersCreateRequire } from 'node:module'; const require = __papersCreateRequire(import.meta.url);",
  },
});

// The hot path's argument table, derived from the command table (src/cli/hot-table.ts) and baked into
// dist/hot.cjs: hot.cjs reads argv without carrying the whole table (its help texts) or commander.
const tableBuild = await build({
  ...common,
  entryPoints: ['src/cli/hot-table.ts'],
  format: 'esm',
  write: false,
  sourcemap: false,
  metafile: false,
});
const tableModule = /** @type {{ hotTable(): unknown }} */ (
  await import(`data:text/javascript;base64,${Buffer.from(tableBuild.outputFiles[0]?.text ?? '').toString('base64')}`)
);

// import() calls are written as __pimp() calls (below): bin/code-cache.cjs, which compiles the CommonJS
// files with V8's code cache in a vm script, passes __papersImport; required plainly they import().
// import.meta.url is made when first asked for (pathToFileURL's first call costs ~0.5 ms, and a warm run
// of a hot file never asks).
const hotBanner = {
  js: "const __papersModule = { get url() { return require('node:url').pathToFileURL(__filename).href; } }; const __pimp = typeof __papersImport === 'function' ? __papersImport : (specifier) => import(specifier);",
};

/** How the CommonJS files are built: minified, loaded by bin/code-cache.cjs. */
const commonJs = {
  ...common,
  format: /** @type {const} */ ('cjs'),
  outExtension: { '.js': '.cjs' },
  minifySyntax: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  // Error classes keep their names (shown by --debug).
  keepNames: true,
  // import() stays import() (these targets are ES modules), not require().
  supported: { 'dynamic-import': true },
  banner: hotBanner,
};

const hot = await build({
  ...commonJs,
  metafile: true,
  entryPoints: {
    hot: 'src/cli/hot.ts',
    'hot-list': 'src/cli/hot-list.ts',
    'hot-mark': 'src/cli/hot-mark.ts',
    'hot-add': 'src/cli/hot-add.ts',
    // The parts parser, the check of a cached model against a fresh parse of the parts a write touches,
    // and the cache entry's encoder and splice: one file (HOT_ENTRIES above).
    'hot-parse': 'hot-entry:hot-parse',
    'hot-dates': 'hot-entry:hot-dates',
    'hot-schema': 'hot-entry:hot-schema',
    // The colours and the Unicode widths of the table on a terminal.
    'hot-chalk': 'chalk',
    'hot-width': 'src/cli/output/unicode-width.ts',
  },
  // import.meta.url (the parse worker's location) in a CommonJS file.
  define: {
    ...common.define,
    'import.meta.url': '__papersModule.url',
    __PAPERS_HOT_TABLE__: JSON.stringify(tableModule.hotTable()),
  },
  plugins: [
    {
      name: 'lazy-from-esm-build',
      setup(pluginBuild) {
        // hot.cjs requires the hot command files beside it (and cli.cjs), and they the hot-*.cjs they load on demand.
        pluginBuild.onResolve({ filter: /^\.\/(?:hot-[a-z]+|cli)\.cjs$/ }, (args) => ({
          path: args.path,
          external: true,
        }));
        pluginBuild.onResolve({ filter: /.*/ }, (args) => {
          if (FULL_CLI_ONLY.includes(args.path) && args.kind === 'dynamic-import')
            return { path: args.path, namespace: 'full-cli-only' };
          // (hot-chalk.cjs and hot-width.cjs are those packages themselves)
          if (args.kind === 'entry-point') return undefined;
          const target = LAZY[/** @type {keyof typeof LAZY} */ (args.path)];
          // (remark is loaded on demand by the parts parser; parse.ts, which imports it, is never in a hot file)
          if (
            !target ||
            (args.path === './parse-remark.js' && !args.importer.endsWith('/core/read/parts.ts')) ||
            args.importer.endsWith('/core/read/parse-remark.ts')
          )
            return undefined;
          if (args.kind !== 'dynamic-import')
            throw new Error(`${args.importer} imports ${args.path} statically: the hot path loads it only on demand`);
          // A CommonJS file is required (through a one-line module: import() would go through the ES
          // module loader); an ES module is imported.
          if (target.endsWith('.cjs')) return { path: target, namespace: 'hot-require' };
          return { path: target, external: true };
        });
        // createRequire (hash.ts and settings.ts load node:crypto and node:os when first needed) is the
        // bundle's own require: loading node:module itself cost every run ~0.8 ms (it loads the ES module loader).
        pluginBuild.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'own-require' }));
        pluginBuild.onLoad({ filter: /.*/, namespace: 'own-require' }, () => ({
          contents: 'export const createRequire = () => require;',
          loader: 'js',
        }));
        pluginBuild.onResolve({ filter: /^hot-entry:/ }, (args) => ({
          path: args.path.slice('hot-entry:'.length),
          namespace: 'hot-entry',
        }));
        pluginBuild.onLoad({ filter: /.*/, namespace: 'hot-entry' }, (args) => ({
          contents: HOT_ENTRIES[/** @type {keyof typeof HOT_ENTRIES} */ (args.path)]
            .map((file) => `export * from './${file}';`)
            .join(' '),
          resolveDir: fileURLToPath(new URL('..', import.meta.url)),
          loader: 'ts',
        }));
        pluginBuild.onLoad({ filter: /.*/, namespace: 'full-cli-only' }, (args) => ({
          contents: `throw new Error('internal: ${args.path} runs in the full CLI (dist/cli.cjs), not on the hot path');`,
          loader: 'js',
        }));
        pluginBuild.onLoad({ filter: /.*/, namespace: 'hot-require' }, (args) => ({
          contents: `module.exports = require(${JSON.stringify(args.path)});`,
          loader: 'js',
        }));
      },
    },
  ],
});

// The full CLI (main(): commander and every command), for what the hot files do not run: one CommonJS
// file with everything in it, loaded like them with V8's code cache (bin/code-cache.cjs). As ES module
// chunks it cost ~60 ms more CPU an `add` (resolving, linking and compiling ~40 modules each run;
// node 20 has no code cache for ES modules); without a cache V8 only pre-parses what a run does not call.
await build({
  ...commonJs,
  entryPoints: { cli: 'src/cli/main.ts' },
  define: { ...common.define, 'import.meta.url': '__papersModule.url' },
  plugins: [
    {
      // Big packages only some commands need stay in the ES module build, loaded then: the BibTeX parser
      // (~1 MB with its LaTeX and charset tables; `import`) and the prompts (~0.5 MB with the external
      // editor's charsets; terminal questions). Reading and compiling them cost every run of this file.
      name: 'big-from-esm-build',
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^@retorquere\/bibtex-parser$|^@inquirer\/prompts$/ }, (args) => {
          if (args.kind !== 'dynamic-import') throw new Error(`${args.importer} imports ${args.path} statically`);
          return { path: args.path.startsWith('@inquirer') ? './prompts.js' : './bibtex.js', external: true };
        });
      },
    },
    {
      // commander loads node:child_process (and net and stream under it, ~5 ms of CPU a run) for what
      // papers never does, running a subcommand as an executable of its own: loaded only then.
      name: 'commander-child-process-on-use',
      setup(pluginBuild) {
        pluginBuild.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const eager = "const childProcess = require('node:child_process');";
          if (!source.includes(eager)) throw new Error(`${args.path} no longer starts with "${eager}": see build.mjs`);
          const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
          return { contents: source.replace(eager, lazy), loader: 'js' };
        });
      },
    },
  ],
});

// Each import("...") of a CommonJS file becomes __pimp("..."), a name as long as `import` (the source maps hold).
for (const file of [...Object.keys(hot.metafile.outputs).filter((name) => name.endsWith('.cjs')), 'dist/cli.cjs']) {
  const url = new URL(`../${file}`, import.meta.url);
  writeFileSync(url, readFileSync(url, 'utf8').replace(/\bimport\((?=")/g, '__pimp('));
}
// The CommonJS files in ASCII only: one-byte strings when read (see scripts/ascii-regexps.mjs).
for (const file of [...Object.keys(hot.metafile.outputs).filter((name) => name.endsWith('.cjs')), 'dist/cli.cjs'])
  asciiRegExps(fileURLToPath(new URL(`../${file}`, import.meta.url)));

writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));
writeFileSync(new URL('../dist/meta-hot.json', import.meta.url), JSON.stringify(hot.metafile));
for (const [file, budget] of Object.entries(HOT_BUDGET)) {
  const bytes = statSync(new URL(`../dist/${file}`, import.meta.url)).size;
  if (bytes <= budget) continue;
  const biggest = Object.entries(hot.metafile.outputs[`dist/${file}`]?.inputs ?? {})
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 8)
    .map(([input, { bytesInOutput }]) => `  ${input}: ${bytesInOutput} B`)
    .join('\n');
  process.stderr.write(
    `build: dist/${file} is ${bytes} B, over its budget of ${budget} B. Biggest inputs:\n${biggest}\n`,
  );
  process.exit(1);
}

// V8's code cache for the hot files (bin/code-cache.cjs), made by running them: in a process of its own,
// started as bin/papers.cjs is (V8 takes a cache only under the flags it was made with).
const cached = spawnSync(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url))], {
  stdio: 'inherit',
});
// (A speed-up only: without it every file compiles as before. test/code-cache.test.ts fails then.)
if (cached.status !== 0)
  process.stderr.write('build: warning: no code cache was made (see above); papers runs without it\n');
