'use strict';
// Loads the CommonJS files of dist/ (hot.cjs, and the hot-*.cjs and cli.cjs it requires) with V8's code cache:
// the bytecode of the functions a run used, made by the build (scripts/code-cache.mjs) for this node and
// kept beside each file as <file>.v8. A start then skips compiling them: ~20 ms of CPU of a `list` or a
// `done` (node's own start is ~65 ms). Node 20 has no module.enableCompileCache (node 22 does).
//
// A cache file is only a hint. It is used when its first line names the source's inode, size, mtime
// and ctime: V8 checks only the source's length, so an edit that kept the size and put the mtime back
// (`touch -d`, `cp -p`, `rsync -t`) would run the old bytecode; any write, copy or touch sets the ctime
// to now. V8 itself refuses data made by another node version or with other flags (the file is then
// compiled as usual). Nothing here writes at run time: the cache is made by the build, beside files
// only their owner can write, never in the user's folders.
// (The class of this very module: require('node:module') would load the ES module loader too, ~0.8 ms.)
const Module = /** @type {typeof import('node:module')} */ (module.constructor);
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { isAscii } = require('node:buffer');

/** Files loaded through loadHot, for the build to write their caches: file -> its compiled script. */
const compiled = new Map();

/**
 * `file` (a CommonJS file of dist/) as require() would load it, compiled with its code cache when it
 * has a matching one. Its own require() of a sibling hot-*.cjs goes through here too.
 */
function loadHot(file) {
  // (Loaded once per process, as require() does.)
  const loaded = compiled.get(file);
  if (loaded) return loaded.module.exports;
  // (The stamp and the text from one open file: a file replaced between the two cannot pair them.)
  const fd = fs.openSync(file, 'r');
  let source;
  let stamp;
  try {
    stamp = stampOf(fs.fstatSync(fd));
    // (The build writes these files in ASCII, scripts/ascii-regexps.mjs: read as latin1, without UTF-8's
    // decoding, cli.cjs takes ~4 ms less. Anything else is read as UTF-8.)
    const bytes = fs.readFileSync(fd);
    source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  const cachedData = cacheFor(file, stamp);
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __papersImport) {${source}\n})`,
    {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
    },
  );
  // (The bundles require only node's own modules and each other: no node_modules paths to set.)
  const hotModule = new Module(file, /** @type {import('node:module')} */ (/** @type {unknown} */ (module)));
  hotModule.filename = file;
  compiled.set(file, { script, stamp, module: hotModule });
  const hotRequire = (id) =>
    /^\.\/(?:hot(?:-[a-z]+)?|cli)\.cjs$/.test(id) ? loadHot(path.join(path.dirname(file), id)) : hotModule.require(id);
  // import() inside a vm script needs a callback that node 20 runs only under --experimental-vm-modules
  // (and loses with a code cache): the build writes the hot files' import() calls as calls of this.
  const hotImport = (specifier) =>
    import(specifier.startsWith('node:') ? specifier : pathToFileURL(path.resolve(path.dirname(file), specifier)).href);
  script
    .runInThisContext()
    .call(hotModule.exports, hotModule.exports, hotRequire, hotModule, file, path.dirname(file), hotImport);
  hotModule.loaded = true;
  return hotModule.exports;
}

/** What a cache file must name to be used: the source's inode, size, mtime and ctime (see the top). */
function stampOf(stats) {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}\n`;
}

function cacheFor(file, stamp) {
  let data;
  try {
    data = fs.readFileSync(`${file}.v8`);
  } catch {
    return undefined;
  }
  const newline = data.indexOf(10);
  if (newline < 0 || data.toString('latin1', 0, newline + 1) !== stamp) return undefined;
  return data.subarray(newline + 1);
}

/**
 * For a run on a large list (src/cli/run-command.ts decides): V8 optimises a function with TurboFan once
 * it has run for a while (its interrupt budget, ~66 KB of bytecode, three times over). In a run of a few
 * hundred milliseconds on a 10,000-paper list most of those compiles cost more CPU, on threads of their
 * own, than the optimised code gives back: four times the budget leaves TurboFan the functions that run
 * longest (10k `list --unread` ~240 -> ~195 ms of CPU, cold 10k ~1120 -> ~920; 100k runs the same).
 * Not for small lists: loading node:v8 costs ~3 ms, and their runs never reach TurboFan anyway.
 * V8 refuses a code cache made under other flags, so a bundle loaded after this one compiles without
 * its cache: a write's bundle loads the parser's for certain (the check of the edited part), so that is
 * loaded first (~10-30 ms of compiling saved); `list` needs it only on a cache miss, a parse next to
 * which that compile is small; the full CLI has the parser in itself.
 */
function tuneForLargeList() {
  const dist = path.join(__dirname, '..', 'dist');
  if (compiled.has(path.join(dist, 'hot-mark.cjs')) || compiled.has(path.join(dist, 'hot-add.cjs')))
    loadHot(path.join(dist, 'hot-parse.cjs'));
  require('node:v8').setFlagsFromString('--interrupt-budget=270000');
}

/** For the build: writes each loaded file's cache (what this process compiled of it so far). */
function writeCodeCaches() {
  for (const [file, { script, stamp }] of compiled) {
    fs.writeFileSync(`${file}.v8`, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
  }
  return [...compiled.keys()];
}

/** For tests: each loaded file and whether V8 took its cache ('used'), refused it ('rejected') or had none. */
function codeCacheReport() {
  return [...compiled].map(([file, { script }]) => [
    path.basename(file),
    script.cachedDataRejected === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used',
  ]);
}

module.exports = { loadHot, tuneForLargeList, writeCodeCaches, codeCacheReport };
