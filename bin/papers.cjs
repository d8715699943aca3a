#!/usr/bin/env node
'use strict';
// CommonJS on purpose: it starts faster than an ES module. dist/hot.cjs runs the common commands
// itself and hands the rest to the full CLI (see src/cli/hot.ts); it and the files it requires load with
// the code cache the build made for them (code-cache.cjs).
const { join } = require('node:path');
const { loadHot, tuneForLargeList } = require('./code-cache.cjs');
const { run, processOutput, readerGone } = loadHot(join(__dirname, '../dist/hot.cjs'));

// `papers list | head` closes the pipe early: that is not an error. Any other failure to write the
// output (a full disk, `> /dev/full`) is: said in one line, exit 1 (not a stack trace, nor exit 0 with the
// output lost). The outputs write pipes and files themselves (src/cli/process-output.ts), and report a
// failed write as node's streams do, on the next tick.
const stdout = processOutput(1, (error) => {
  if (readerGone(error)) process.exit(process.exitCode ?? 0);
  outputFailed(error);
});
// (Nothing can be said when stderr fails: exit 1, as node's stream failing with no listener would.)
const stderr = processOutput(2, () => process.exit(1));

function outputFailed(error) {
  stderr.write(`papers: cannot write the output: ${error.message}\n`);
  process.exit(1);
}

run({
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  stdout,
  stderr,
  forLargeList: tuneForLargeList,
}).then((code) => {
  // (a write that failed is known by now; its 'error' event would come only after an exit below)
  const failed = stdout.errored;
  if (failed && !readerGone(failed)) outputFailed(failed);
  // (and a failed stderr, which node's stream reports only after that exit: a warning into /dev/full
  // was lost with exit 0)
  if (stderr.errored) process.exit(1);
  process.exitCode = code;
  // Everything is done: exit now rather than when the event loop drains, which also waits for V8's
  // background compile jobs (10-20 ms on a busy machine). Only when no output is still queued (on
  // Linux, writes to files, pipes and terminals are synchronous, so none is).
  if (stdout.writableLength === 0 && stderr.writableLength === 0) process.exit(code);
});
