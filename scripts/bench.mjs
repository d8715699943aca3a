// @ts-check
// Benchmarks whole `papers` processes against `node -e 0` and prints a markdown table.
//
//   npm run bench                    build, then measure (N = 11 small, 5 for 10k, 3 for 50k and 100k)
//   BENCH_QUICK=1 npm run bench      N = 3 / 3 / 1
//   BENCH_NO_BUILD=1 npm run bench   measure dist/ as it is
//   BENCH_RSS_PROC=1                 measure peak RSS by polling /proc even when /usr/bin/time exists
//   BENCH_ONLY='author|seed done'    only the cases whose label (as logged: 'seed list', 'author done',
//                                    '10k add', '100k list cold', 'real done', 'outside', 'peers', ...) the pattern
//                                    matches, case-insensitively; the baseline always runs
//
// Lists are generated (deterministically) into a temp dir in the style of examples/paper-reading.md.
// Every papers run gets NO_COLOR=1, stdout to a pipe, and an XDG_CACHE_HOME owned by the bench: a
// persistent one for warm runs, a fresh one for each cold run, so the user's real cache is untouched; and
// an XDG_STATE_HOME of the bench's (the undo journal of its temp lists stays out of the user's).
// Peers: Taskwarrior and todo.txt (`apt-get install taskwarrior todotxt-cli`) are timed on the same 10,000
// entries when installed. It is a report, not a test: it exits 0 when a target is missed, 1 only when a command fails.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'papers.cjs');
const seedFile = join(root, 'examples', 'paper-reading.md');
/** The seed author's own list (a table with ✅/⬜ markers), from ../shared beside the repository when present. */
const authorFile = join(root, '..', 'shared', 'corpus', 'KuangjuX__paper-reading__README.md');
/** A real plain list (jindongwang/transferlearning's awesome_paper.md), made trackable with `papers track`. */
const realFile = join(root, '..', 'shared', 'corpus', 'jindongwang__transferlearning__doc__awesome_paper.md');
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
/** The labels of the cases that use each generated list (generated only when one of them is wanted). */
const LABELS_BY_COUNT = {
  1000: ['1k list --unread'],
  10000: [
    '10k list',
    '10k list --unread',
    '10k list --unread --area',
    '10k done',
    '10k add',
    'outside',
    'peers',
    '10k list cold',
    '10k flat done',
    '10k flat add',
  ],
  50000: ['50k list cold'],
  100000: ['100k list --unread', '100k list cold'],
};
/** Whether a case (by its label) is to be measured in this run (BENCH_ONLY). */
const wanted = (label) => only === null || only.test(label);
const RUNS = quick ? { small: 3, mid: 3, large: 1 } : { small: 11, mid: 5, large: 3 };
const BASELINE_RUNS = 11;
const TIME_BIN = '/usr/bin/time';

const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------
// Generating lists

/** mulberry32: a small seeded PRNG, so every run benchmarks the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLE_WORDS = [
  'Adaptive',
  'Scalable',
  'Efficient',
  'Fast',
  'Elastic',
  'Tensor',
  'Graph',
  'Kernel',
  'Memory',
  'Distributed',
  'Serverless',
  'Secure',
  'Learned',
  'Sparse',
  'Persistent',
  'Unikernel',
  'Virtual',
  'Cluster',
  'Storage',
  'Network',
  'Compiler',
  'Scheduler',
  'Cache',
  'Log',
  'Consensus',
  'GPU',
];
const SUBTITLE_WORDS = [
  'towards',
  'practical',
  'scheduling',
  'for',
  'deep',
  'learning',
  'workloads',
  'at',
  'scale',
  'with',
  'low',
  'latency',
  'in',
  'the',
  'datacenter',
  'fine-grained',
  'isolation',
  'and',
  'fault',
  'tolerance',
  'heterogeneous',
  'accelerators',
  'training',
  'inference',
  'microsecond-scale',
  'transactions',
];
const VENUES = ['OSDI', 'SOSP', 'USENIX ATC', 'EuroSys', 'MLSys', 'ASPLOS', 'NeurIPS'];

function generateList(count, seed) {
  const random = prng(seed);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (items) => items[Math.floor(random() * items.length)];
  const words = (pool, lo, hi) => Array.from({ length: int(lo, hi) }, () => pick(pool));

  const lines = ['# Paper Reading', ''];
  let n = 0;
  let area = 0;
  while (n < count) {
    area++;
    lines.push(`## Area ${area}`, '');
    const subs = int(2, 6);
    for (let sub = 1; sub <= subs && n < count; sub++) {
      lines.push(`### Sub ${sub}`, '');
      const inSub = int(20, 50);
      for (let k = 0; k < inSub && n < count; k++) {
        n++;
        const read = random() < 0.4;
        const title = `${words(TITLE_WORDS, 2, 3).join(' ')} ${n}: ${capitalize(words(SUBTITLE_WORDS, 3, 7).join(' '))}`;
        const venue = random() < 0.85 ? `[${pick(VENUES)}'${String(int(10, 24)).padStart(2, '0')}]` : '';
        const note = random() < (read ? 0.8 : 0.15) ? ` [[Note](https://example.org/n/${n})]` : '';
        lines.push(`- [${read ? 'x' : ' '}] ${title}${venue}: [[Paper](https://example.org/p/${n}.pdf)]${note}`, '');
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Running and timing processes

class CommandFailed extends Error {}

function papersEnv(cacheDir) {
  /** @type {NodeJS.ProcessEnv} */
  // 100,000 papers are ~15 MB, over the default read limit of 8 MB (a safety bound, see README Budgets).
  // The undo journal and the own-write records go to the bench's folder too, not the user's state dir.
  const env = {
    ...process.env,
    NO_COLOR: '1',
    XDG_CACHE_HOME: cacheDir,
    XDG_STATE_HOME: join(tmp, 'state'),
    PAPERS_MAX_MB: '32',
  };
  // These would win over XDG_CACHE_HOME (or switch the cache off): the bench's cache dir must count.
  delete env.PAPERS_CACHE_DIR;
  delete env.PAPERS_NO_CACHE;
  // It adds ~30 ms to every node start on some machines: a bench with it set flatters every ratio.
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Runs node with args, stdout to a pipe; returns wall-clock and CPU ms. Throws CommandFailed on failure. */
function timeRun(args, env) {
  const { ms, cpu, result } = spawnTimed(process.execPath, args, args, env);
  return { ms, cpu, stdout: result.stdout };
}

/**
 * Runs command with args (a papers run described by papersArgs), stdout to a pipe; checks it succeeded.
 * Under bash's `time` (TIMEFORMAT %3R %3U %3S, the child's own rusage): ms is its real time, cpu its
 * user + sys time, which a machine shared with other work changes far less than the wall clock.
 */
function spawnTimed(command, args, papersArgs, env) {
  const timeFile = join(tmp, 'cpu-time.out');
  const result = spawnSync(
    '/bin/bash',
    ['-c', 'TIMEFORMAT="%3R %3U %3S"; { time "$@" 2>&4 ; } 4>&2 2>"$0"', timeFile, command, ...args],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 },
  );
  check(papersArgs, result.error, result.status, result.signal, result.stderr);
  const [real, user, sys] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (real === undefined || user === undefined || sys === undefined || ![real, user, sys].every(Number.isFinite))
    throw new CommandFailed(`bash time gave no numbers in ${timeFile}`);
  return { ms: real * 1000, cpu: (user + sys) * 1000, result };
}

function check(args, error, status, signal, stderr) {
  if (!error && status === 0) return;
  const what = `node ${args.map((arg) => (arg.startsWith(root) ? arg.slice(root.length + 1) : arg)).join(' ')}`;
  const why = error ? error.message : signal ? `killed by ${signal}` : `exit code ${status}`;
  throw new CommandFailed(`${what} failed (${why})\n${String(stderr ?? '').trimEnd()}`);
}

const papers = (file, ...args) => [bin, '--file', file, ...args];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median wall ms and median CPU ms over `runs` runs; before(i) prepares run i (untimed) and returns its
 * args and env. Each run is paired with a `node -e 0` run just before it (`base`: their medians), so that
 * a case's ratio compares it with node on the machine as it was then: on a shared machine node's own
 * start drifts by 20% and more within a minute, which a baseline taken once at the start reads as the
 * case's own speed.
 */
function measure(label, runs, before, paired = true) {
  const times = [];
  const cpus = [];
  const baseTimes = [];
  const baseCpus = [];
  for (let i = 0; i < runs; i++) {
    const { args, env } = before(i);
    if (paired) {
      const base = timeRun(['-e', '0'], env);
      baseTimes.push(base.ms);
      baseCpus.push(base.cpu);
    }
    const { ms, cpu } = timeRun(args, env);
    times.push(ms);
    cpus.push(cpu);
  }
  const beside = paired ? `; node -e 0 beside it ${baseTimes.map((ms) => ms.toFixed(0)).join(', ')} ms` : '';
  log(
    `  ${label}: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; CPU ${cpus.map((ms) => ms.toFixed(0)).join(', ')} ms${beside}`,
  );
  const time = { ms: median(times), cpu: median(cpus) };
  return paired ? { ...time, base: { ms: median(baseTimes), cpu: median(baseCpus) } } : time;
}

/** Runs node with args and returns { ms, cpu, kb }: wall-clock and CPU time, peak RSS of the papers process. */
async function timeRunWithRss(args, env) {
  if (existsSync(TIME_BIN) && process.env.BENCH_RSS_PROC !== '1') {
    const out = join(tmp, 'time.out'); // beside the cache dir, so a cold cache stays empty
    const { ms, cpu } = spawnTimed(TIME_BIN, ['-f', '%M', '-o', out, process.execPath, ...args], args, env);
    // GNU time may put "Command exited with non-zero status" first; the number is the last line.
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    if (!Number.isFinite(kb) || kb <= 0) throw new CommandFailed(`${TIME_BIN} -f %M gave no number in ${out}`);
    return { ms, cpu, kb };
  }
  return await new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let kb = 0;
    const stderr = [];
    child.stdout.resume(); // drained, ignored
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const poll = () => {
      try {
        const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) kb = Math.max(kb, Number(match[1]));
      } catch {
        // gone (or a zombie without memory lines): keep the last value read
      }
    };
    const timer = setInterval(poll, 20);
    poll();
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearInterval(timer);
      try {
        check(args, null, status, signal, Buffer.concat(stderr));
        resolve({ ms, cpu: NaN, kb });
      } catch (error) {
        reject(error);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The benchmark

/** @typedef {{ ms: number, cpu: number, base?: { ms: number, cpu: number } }} Time median wall-clock ms and median CPU (user + sys) ms (base: those of node -e 0 beside the runs, see measure) */

const tmp = mkdtempSync(join(os.tmpdir(), 'papers-bench-'));
let exitCode = 0;
try {
  await run();
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = exitCode;

async function run() {
  if (process.env.BENCH_NO_BUILD !== '1') {
    log('building (npm run build) ...');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (result.error || result.status !== 0)
      throw new CommandFailed(`npm run build failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }

  const nonce = `${process.pid}-${Date.now()}`;
  const warmCache = join(tmp, 'cache-warm');
  mkdirSync(warmCache);
  const warmEnv = papersEnv(warmCache);
  let coldCount = 0;
  const coldEnv = () => {
    const dir = join(tmp, `cache-cold-${++coldCount}`);
    mkdirSync(dir);
    return papersEnv(dir);
  };

  log('generating lists ...');
  const files = {};
  for (const count of [1000, 10000, 50000, 100000]) {
    files[count] = join(tmp, `papers-${count}.md`);
    if (LABELS_BY_COUNT[count].some(wanted)) writeFileSync(files[count], generateList(count, 20240 + count));
  }
  // The author's list is copied here, before the other cases: a file changed in the last 3 s is
  // fingerprinted by its bytes (SHA-1, which loads node:crypto: ~8 ms) rather than by its stat record (cache.ts
  // IDENTITY_SETTLED_MS), and the seed's `list` runs on a file long still, as a user's list mostly is.
  // (The copy was made just before its cases, so most of its warm `list` runs paid that hash.)
  const authorCopy = join(tmp, 'author.md');
  const authorCopied = Date.now();
  if (existsSync(authorFile)) writeFileSync(authorCopy, readFileSync(authorFile)); // (a copy of a read-only file would be read-only)

  const rows = [];
  /** @type {(name: string, time: Time | null, target: number | null, peerMs?: Record<string, Time>) => void} */
  const row = (name, time, target, peerMs) => {
    if (time !== null) rows.push({ name, ms: time.ms, cpu: time.cpu, base: time.base, target, peerMs });
  };
  // Cold runs: new content each time (a unique comment line at the end) and a fresh cache dir.
  const coldRun = (base, file) => (i) => {
    writeFileSync(file, `${base}\n<!-- bench ${nonce} ${i} -->\n`);
    return { args: papers(file, 'list'), env: coldEnv() };
  };

  log(
    `measuring (runs: ${RUNS.small} small, ${RUNS.mid} for 10k, ${RUNS.large} for 50k and 100k; baseline ${BASELINE_RUNS}) ...`,
  );
  const baselineTimes = Array.from({ length: BASELINE_RUNS }, () => timeRun(['-e', '0'], warmEnv));
  const baseline = { ms: median(baselineTimes.map((t) => t.ms)), cpu: median(baselineTimes.map((t) => t.cpu)) };
  log(`  node -e 0: ${baselineTimes.map((t) => t.ms.toFixed(0)).join(', ')} ms`);
  row('`node -e 0` (baseline)', baseline, null);

  if (wanted('--version'))
    row(
      '`papers --version`',
      measure('--version', RUNS.small, () => ({ args: [bin, '--version'], env: warmEnv })),
      null,
    );
  if (wanted('--help'))
    row(
      '`papers --help`',
      measure('--help', RUNS.small, () => ({ args: [bin, '--help'], env: warmEnv })),
      null,
    );

  // Warm: each measured command runs once untimed first, so any cache is filled.
  const warm = (label, runs, args) => {
    if (!wanted(label)) return null;
    timeRun(args, warmEnv);
    return measure(label, runs, () => ({ args, env: warmEnv }));
  };
  /** `done <id>` timed, each after an untimed `undone <id>` (and one untimed `done` first: the copy is new). */
  const markRuns = (label, runs, file, id) => {
    if (!wanted(label)) return null;
    timeRun(papers(file, 'done', id), warmEnv);
    return measure(label, runs, () => {
      timeRun(papers(file, 'undone', id), warmEnv);
      return { args: papers(file, 'done', id), env: warmEnv };
    });
  };
  /** `add` of a new paper (a title and a paper URL no other has) to `area`, after one untimed add. */
  const addArgs = (file, area, label, i) =>
    papers(
      file,
      'add',
      `Bench Added Paper ${nonce} ${label} ${i}`,
      '--area',
      area,
      '--paper',
      `https://example.org/bench/${nonce}/${label.replace(/\W+/g, '-')}-${i}.pdf`,
    );
  const addRuns = (label, runs, file, area) => {
    if (!wanted(label)) return null;
    timeRun(addArgs(file, area, label, 'first'), warmEnv);
    return measure(label, runs, (i) => ({ args: addArgs(file, area, label, i), env: warmEnv }));
  };
  const peers = wanted('peers')
    ? [taskwarrior(files[10000]), todoTxt(files[10000])].filter((peer) => peer !== null)
    : [];
  /** Each peer's median times for one of the peer commands (see Peer), keyed by peer name. */
  const peerTimes = (what, runs) => Object.fromEntries(peers.map((peer) => [peer.name, peer.time(what, runs)]));

  // The seed list: list, then done and add on a copy (done marks and unmarks one paper, timing the marks).
  row('seed (23 papers): `list`, warm', warm('seed list', RUNS.small, papers(seedFile, 'list')), 1.25);
  const seedCopy = join(tmp, 'seed.md');
  writeFileSync(seedCopy, readFileSync(seedFile));
  row('seed: `done <id>`', markRuns('seed done', RUNS.small, seedCopy, 'welder'), 1.6);
  row('seed: `add`', addRuns('seed add', RUNS.small, seedCopy, 'MLSys/DNN Compiler'), 1.6);

  // The seed author's own list: an 83-row table with ✅/⬜ markers, a legend and count badges.
  if (existsSync(authorFile)) {
    // (With BENCH_ONLY the cases before may take less than the 3 s: then they are waited for.)
    sleepMs(Math.max(0, authorCopied + 3100 - Date.now()));
    row('author list (83 table rows): `list`, warm', warm('author list', RUNS.small, papers(authorCopy, 'list')), 1.25);
    row('author list: `done <id>`', markRuns('author done', RUNS.small, authorCopy, 'waferllm'), 1.6);
  } else log(`  (${authorFile} is absent: no rows for the author's table list)`);

  // A real list, not generated: 954 papers once `papers track` gave its plain items checkboxes, notes
  // bulleted under them. A `done` in a 42-paper section the line scanner reads, and one in its 358-paper
  // section, which it declines (remark reads the whole section again at each write). No targets: they
  // show what the generated lists do not.
  if (existsSync(realFile) && (wanted('real done') || wanted('real done long'))) {
    const realCopy = join(tmp, 'transferlearning.md');
    writeFileSync(realCopy, readFileSync(realFile));
    timeRun(papers(realCopy, 'track'), warmEnv);
    row(
      'real list (transferlearning, tracked: 954 papers): `done <id>` in a 42-paper section (no target)',
      markRuns('real done', RUNS.small, realCopy, 'label-shift-domain'),
      null,
    );
    row(
      'real list: `done <id>` in its 358-paper section (no target)',
      markRuns('real done long', RUNS.mid, realCopy, 'jmlr-16-dann'),
      null,
    );
  } else if (!existsSync(realFile)) log(`  (${realFile} is absent: no rows for a real list)`);

  // The 10,000 papers under one heading (the generated list without its area headings): one section,
  // read in parts at seams (src/core/read/chunks.ts). No targets.
  if (wanted('10k flat done') || wanted('10k flat add')) {
    const flatFile = join(tmp, 'flat-10000.md');
    writeFileSync(
      flatFile,
      readFileSync(files[10000], 'utf8')
        .replace(/^#{2,3} .*\n\n/gm, '')
        .replace('\n\n', '\n\n## All\n\n'),
    );
    const listed = JSON.parse(timeRun(papers(flatFile, 'list', '--unread', '--json'), warmEnv).stdout.toString('utf8'));
    row(
      '10,000 under one heading: `done <id>` (no target)',
      markRuns('10k flat done', RUNS.mid, flatFile, listed[listed.length >> 1].id),
      null,
    );
    row('10,000 under one heading: `add` (no target)', addRuns('10k flat add', RUNS.mid, flatFile, 'All'), null);
  }

  row(
    '1,000: `list --unread`, warm',
    warm('1k list --unread', RUNS.small, papers(files[1000], 'list', '--unread')),
    null,
  );
  row(
    '10,000: `list`, warm',
    warm('10k list', RUNS.mid, papers(files[10000], 'list')),
    null,
    peerTimes('list all', RUNS.mid),
  );
  row(
    '10,000: `list --unread`, warm',
    warm('10k list --unread', RUNS.mid, papers(files[10000], 'list', '--unread')),
    2.2,
    peerTimes('list unread', RUNS.mid),
  );
  row(
    "10,000: `list --unread --area 'Area 3'`, warm",
    warm('10k list --unread --area', RUNS.mid, papers(files[10000], 'list', '--unread', '--area', 'Area 3')),
    1.9,
    peerTimes('one area', RUNS.mid),
  );

  // done: on a copy; each run (and the untimed first one) marks a different unread paper.
  if (wanted('10k done') || wanted('10k add') || wanted('outside')) await tenThousandWrites();
  async function tenThousandWrites() {
    const doneFile = join(tmp, 'done-10000.md');
    copyFileSync(files[10000], doneFile);
    const unread = JSON.parse(timeRun(papers(doneFile, 'list', '--unread', '--json'), warmEnv).stdout.toString('utf8'));
    const needed = 3 * RUNS.mid + 2;
    if (unread.length < needed) throw new CommandFailed(`only ${unread.length} unread papers in ${doneFile}`);
    const step = Math.floor(unread.length / needed);
    const ids = Array.from({ length: needed }, (_, i) => unread[i * step + (step >> 1)].id);
    const readBefore = countRead(readFileSync(doneFile, 'utf8'));
    timeRun(papers(doneFile, 'done', ids[0]), warmEnv);
    if (wanted('10k done')) {
      row(
        '10,000: `done <id>` (quiet file)',
        measure('10k done', RUNS.mid, (i) => ({ args: papers(doneFile, 'done', ids[i + 1]), env: warmEnv })),
        2.5,
        peerTimes('mark read', RUNS.mid),
      );
      const marked = countRead(readFileSync(doneFile, 'utf8')) - readBefore;
      if (marked !== RUNS.mid + 1) log(`  warning: ${RUNS.mid + 1} done runs marked ${marked} papers`);
      // By the number `list` shows, as Taskwarrior and todo.txt mark. No target (the issue's row is by id):
      // which paper a number names depends on every paper before it, so a write on a cached model parses
      // the text up to that paper (src/store/verify.ts), here about half the list.
      const numbers = Array.from({ length: RUNS.mid }, (_, i) => unread[i * step + (step >> 2)].number);
      row(
        '10,000: `done <#>` (by number, quiet file; no target)',
        measure('10k done by number', RUNS.mid, (i) => ({
          args: papers(doneFile, 'done', String(numbers[i])),
          env: warmEnv,
        })),
        null,
      );
    }
    row('10,000: `add` (quiet file)', addRuns('10k add', RUNS.mid, doneFile, 'Area 3'), 3, peerTimes('add', RUNS.mid));

    // A write right after an outside change (an editor's save, `git pull`) above the list's end: the same
    // edit-then-done, timed at once and after 1.5 s of quiet; the row is the difference. (A change at the
    // very end still waits the full quiet time: see src/store/settle.ts.)
    // (Unpaired: a node run between the save and the done would put off the done the row is about.)
    const outside = (label, wait, first) =>
      measure(
        label,
        RUNS.mid,
        (i) => {
          const text = readFileSync(doneFile, 'utf8');
          const at = text.indexOf('\n## Area 3\n') + 1;
          writeFileSync(
            doneFile,
            `${text.slice(0, at)}<!-- saved by an editor: ${label} ${i} -->\n\n${text.slice(at)}`,
          );
          if (wait) sleepMs(1500);
          return { args: papers(doneFile, 'done', ids[first + i]), env: warmEnv };
        },
        false,
      );
    if (!wanted('outside')) return;
    const fresh = outside('10k done right after an outside save', false, RUNS.mid + 2);
    const quiet = outside('10k done 1.5 s after an outside save', true, 2 * RUNS.mid + 2);
    rows.push({
      name: '10,000: `done` within 0.2 s of an outside change, over the same after 1.5 s',
      ms: null,
      ratioText: `${fresh.ms - quiet.ms >= 0 ? '+' : ''}${(fresh.ms - quiet.ms).toFixed(0)} ms (${fresh.ms.toFixed(0)} vs ${quiet.ms.toFixed(0)}; CPU ${fresh.cpu.toFixed(0)} vs ${quiet.cpu.toFixed(0)})`,
      target: null,
      targetText: '≤ +200 ms',
      ok: fresh.ms - quiet.ms <= 200,
    });
  }

  const cold10k = join(tmp, 'cold-10000.md');
  if (wanted('10k list cold'))
    row(
      '10,000: `list`, cold',
      measure('10k list cold', RUNS.mid, coldRun(readFileSync(files[10000], 'utf8'), cold10k)),
      7,
    );

  row(
    '100,000: `list --unread`, warm',
    warm('100k list --unread', RUNS.large, papers(files[100000], 'list', '--unread')),
    6,
  );

  // 50k and 100k cold: timed under the RSS probe (/usr/bin/time adds ~1 ms, nothing next to these parses).
  const rssHow = existsSync(TIME_BIN) && process.env.BENCH_RSS_PROC !== '1' ? `${TIME_BIN} -f %M` : '/proc VmHWM';
  const perPaper = [`10k ${((rows.find((r) => r.name === '10,000: `list`, cold')?.ms ?? 0) / 10).toFixed(0)}`];
  for (const [count, target] of /** @type {const} */ ([
    [50000, null],
    [100000, 40],
  ])) {
    if (!wanted(`${count / 1000}k list cold`)) continue;
    const coldFile = join(tmp, `cold-${count}.md`);
    const base = readFileSync(files[count], 'utf8');
    const times = [];
    const cpus = [];
    let peakKb = 0;
    for (let i = 0; i < RUNS.large; i++) {
      const { args, env } = coldRun(base, coldFile)(i);
      const { ms, cpu, kb } = await timeRunWithRss(args, env);
      times.push(ms);
      cpus.push(cpu);
      peakKb = Math.max(peakKb, kb);
    }
    const label = `${count / 1000}k`;
    log(
      `  ${label} list cold: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; CPU ${cpus.map((ms) => ms.toFixed(0)).join(', ')} ms; peak RSS ${(peakKb / 1024).toFixed(0)} MB (${rssHow})`,
    );
    row(`${count.toLocaleString('en')}: \`list\`, cold`, { ms: median(times), cpu: median(cpus) }, target);
    perPaper.push(`${label} ${((median(times) / count) * 1000).toFixed(0)}`);
    const peakMb = peakKb / 1024;
    rows.push({
      name: `${count.toLocaleString('en')}: \`list\`, cold: peak RSS`,
      ms: null,
      ratioText: `${peakMb.toFixed(0)} MB`,
      target: null,
      rssTarget: 400,
      ok: peakMb <= 400,
    });
  }
  if (wanted('list cold')) log(`  cold cost per paper (µs): ${perPaper.join(', ')}`);

  printReport(rows, baseline, rssHow, freshMemoryCost());
}

/**
 * A peer tool measured on the same 10,000 entries: unread papers pending, read ones done, area N as
 * project AreaN (no spaces). Its time(what, runs) is the median ms of one of: 'list all', 'list unread',
 * 'one area', 'mark read' (a different entry each run), 'add' (a new entry each run), after one untimed run.
 * @typedef {{ name: string, time(what: string, runs: number): Time }} Peer
 */

/** The list's entries: title, area number and read state. */
function entriesOf(listFile) {
  const entries = [];
  let area = 0;
  for (const line of readFileSync(listFile, 'utf8').split('\n')) {
    const heading = /^## Area (\d+)/.exec(line);
    if (heading) area = Number(heading[1]);
    const item = /^- \[([ x])\] (.*?)(?:\[[^\]]*\])?: \[\[Paper/.exec(line);
    if (item) entries.push({ title: item[2], area, read: item[1] === 'x' });
  }
  return entries;
}

/** Runs of a peer's commands: argsFor(i) for run i (-1 for the untimed first run). */
function peerTimer(name, command, env) {
  const once = (args) => spawnTimed(command, args, [command, ...args], env);
  return (label, runs, argsFor) => {
    once(argsFor(-1));
    const times = Array.from({ length: runs }, (_, i) => once(argsFor(i)));
    log(
      `  ${name} ${label}: ${times.map((t) => t.ms.toFixed(0)).join(', ')} ms; CPU ${times.map((t) => t.cpu.toFixed(0)).join(', ')} ms`,
    );
    return { ms: median(times.map((t) => t.ms)), cpu: median(times.map((t) => t.cpu)) };
  };
}

/** Taskwarrior (`task`, Debian package taskwarrior), or null when it is not installed. */
function taskwarrior(listFile) {
  if (spawnSync('task', ['--version'], { stdio: 'ignore' }).status !== 0) {
    log('Taskwarrior (task) is not installed: no Taskwarrior column (apt-get install taskwarrior)');
    return null;
  }
  const dir = join(tmp, 'taskwarrior');
  mkdirSync(dir);
  const rc = join(dir, 'taskrc');
  writeFileSync(rc, `data.location=${dir}\nconfirmation=off\ncolor=off\nverbose=nothing\nnews.version=2.6.2\n`);
  const env = { ...papersEnv(dir), TASKRC: rc, TASKDATA: dir };
  const now = Math.floor(Date.now() / 1000);
  const tasks = entriesOf(listFile).map(({ title, area, read }, n) => {
    const stamp = new Date((now - n) * 1000).toISOString().replace(/[-:]|\.\d+/g, '');
    return JSON.stringify({
      description: title,
      project: `Area${area}`,
      status: read ? 'completed' : 'pending',
      entry: stamp,
      ...(read ? { end: stamp } : {}),
    });
  });
  const importFile = join(dir, 'import.json');
  writeFileSync(importFile, `[${tasks.join(',\n')}]`);
  const imported = spawnSync('task', ['import', importFile], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (imported.status !== 0) throw new CommandFailed(`task import failed: ${imported.stderr}`);
  log(`  Taskwarrior: ${tasks.length} tasks imported`);
  const timer = peerTimer('task', 'task', env);
  /** @type {Record<string, (i: number) => string[]>} */
  const commands = {
    'list all': () => ['all'],
    'list unread': () => ['status:pending', 'list'],
    'one area': () => ['status:pending', 'project:Area3', 'list'],
    // ids are those of pending tasks: id 10 + 7k names a pending task however many were done before
    'mark read': (i) => [String(10 + (i + 1) * 7), 'done'],
    add: (i) => ['add', `Bench added task ${i}`, 'project:Area3'],
  };
  return { name: 'Taskwarrior', time: (what, runs) => timer(what, runs, commands[what]) };
}

/** todo.txt (`todo-txt`, Debian package todotxt-cli), or null when it is not installed. */
function todoTxt(listFile) {
  // (`todo-txt -V` exits 1; the version line says it is there)
  if (!String(spawnSync('todo-txt', ['-V'], { encoding: 'utf8' }).stdout ?? '').includes('TODO.TXT')) {
    log('todo.txt (todo-txt) is not installed: no todo.txt column (apt-get install todotxt-cli)');
    return null;
  }
  const dir = join(tmp, 'todotxt');
  mkdirSync(dir);
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      `export TODO_DIR=${dir}`,
      'export TODO_FILE="$TODO_DIR/todo.txt"',
      'export DONE_FILE="$TODO_DIR/done.txt"',
      'export REPORT_FILE="$TODO_DIR/report.txt"',
      '',
    ].join('\n'),
  );
  const entries = entriesOf(listFile);
  const line = ({ title, area }) => `${title} +Area${area}`;
  writeFileSync(
    join(dir, 'todo.txt'),
    entries
      .filter((e) => !e.read)
      .map((e) => `${line(e)}\n`)
      .join(''),
  );
  writeFileSync(
    join(dir, 'done.txt'),
    entries
      .filter((e) => e.read)
      .map((e) => `x 2024-01-01 ${line(e)}\n`)
      .join(''),
  );
  log(`  todo.txt: ${entries.length} entries written`);
  const timer = peerTimer('todo.txt', 'todo-txt', { ...papersEnv(dir), HOME: dir });
  const base = ['-d', config, '-p', '-f'];
  /** @type {Record<string, (i: number) => string[]>} */
  const commands = {
    'list all': () => [...base, 'listall'],
    'list unread': () => [...base, 'ls'],
    'one area': () => [...base, 'ls', '+Area3'],
    // done entries are archived to done.txt (the default), so line 10 + 7k is always an open one
    'mark read': (i) => [...base, 'do', String(10 + (i + 1) * 7)],
    add: (i) => [...base, 'add', `Bench added task ${i} +Area3`],
  };
  return { name: 'todo.txt', time: (what, runs) => timer(what, runs, commands[what]) };
}

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function countRead(text) {
  return (text.match(/^- \[x\] /gm) ?? []).length;
}

/**
 * What a page of new memory costs on this machine, in µs per 4 KB page (the first write to it, over a
 * second write): every page a process touches for the first time pays it, node's own start included.
 * A machine whose pages come slowly (a VM that hands memory out page by page: ~12 µs here, where bare
 * metal takes ~0.1-0.3) makes memory-heavy work weigh far more in the ratios. Measured in a child
 * process of its own; null when that fails.
 */
function freshMemoryCost() {
  const script = `const mb = 64; const b = Buffer.allocUnsafeSlow(mb << 20);
const t0 = process.hrtime.bigint(); b.fill(1); const t1 = process.hrtime.bigint(); b.fill(2);
const t2 = process.hrtime.bigint();
process.stdout.write(String(Number(t1 - t0 - (t2 - t1)) / 1e3 / (mb * 256)));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const perPage = Number(result.stdout);
  return result.status === 0 && Number.isFinite(perPage) ? perPage : null;
}

/**
 * The table: each row's median wall-clock ms and its ratio to `node -e 0`, then the same for CPU time
 * (user + sys). On a machine shared with other work the CPU ratio is the one to trust; `ok` judges both
 * (wall/CPU). Peer ratios are by CPU time.
 */
function printReport(rows, baseline, rssHow, pageMicros) {
  const peerNames = [...new Set(rows.flatMap((r) => Object.keys(r.peerMs ?? {})))];
  const lines = [
    `node ${process.version}, ${new Date().toISOString()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}${quick ? ', BENCH_QUICK=1' : ''}`,
    `runs per case: ${RUNS.small} (small), ${RUNS.mid} (10k), ${RUNS.large} (50k, 100k); baseline \`node -e 0\`: median of ${BASELINE_RUNS} = ${baseline.ms.toFixed(1)} ms wall, ${baseline.cpu.toFixed(1)} ms CPU at the start; peak RSS by ${rssHow}`,
    'ratios: over the median of the `node -e 0` runs made one before each of the case\'s runs (the "node beside" column); the 50k and 100k cold rows, over the baseline at the start',
    `peer columns: papers' CPU time over the peer's on the same 10,000 entries (below 1: papers is faster), the peer's CPU ms in brackets`,
    `fresh memory: ${pageMicros === null ? 'not measured' : `${pageMicros.toFixed(2)} µs per 4 KB page first touched (${((pageMicros * 256) / 1000).toFixed(1)} ms per MB)`}`,
    '',
    `| case | median ms | node beside (ms) | ratio to node -e 0 | CPU ms | CPU ratio | target | ok (wall/CPU) |${peerNames.map((name) => ` vs ${name} |`).join('')}`,
    `|---|---:|---:|---:|---:|---:|---:|:---:|${peerNames.map(() => '---:|').join('')}`,
  ];
  const ahead = Object.fromEntries(peerNames.map((name) => [name, { ahead: 0, behind: 0 }]));
  for (const r of rows) {
    if (r.ms === null) {
      const target = r.targetText ?? `≤ ${r.rssTarget} MB`;
      lines.push(
        `| ${r.name} | — | | ${r.ratioText} | | | ${target} | ${r.ok ? 'yes' : '**no**'} |${peerNames.map(() => ' |').join('')}`,
      );
      continue;
    }
    const base = r.base ?? baseline;
    const ratio = r.ms / base.ms;
    const cpuRatio = r.cpu / base.cpu;
    const target = r.target === null ? '—' : `≤ ${r.target}×`;
    const judge = (value) => (value <= r.target ? 'yes' : '**no**');
    const ok = r.target === null ? '—' : `${judge(ratio)}/${Number.isFinite(cpuRatio) ? judge(cpuRatio) : '?'}`;
    const peerCells = peerNames.map((name) => {
      const peer = r.peerMs?.[name];
      if (peer === undefined) return ' |';
      ahead[name][r.cpu < peer.cpu ? 'ahead' : 'behind']++;
      return ` ${(r.cpu / peer.cpu).toFixed(2)}× (${peer.cpu.toFixed(0)} ms) |`;
    });
    lines.push(
      `| ${r.name} | ${r.ms.toFixed(1)} | ${r.base ? r.base.ms.toFixed(0) : '—'} | ${ratio.toFixed(2)}× | ${r.cpu.toFixed(0)} | ${cpuRatio.toFixed(2)}× | ${target} | ${ok} |${peerCells.join('')}`,
    );
  }
  if (peerNames.length) {
    lines.push('');
    for (const name of peerNames)
      lines.push(
        `papers uses less CPU than ${name} on ${ahead[name].ahead} of ${ahead[name].ahead + ahead[name].behind} commands.`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
