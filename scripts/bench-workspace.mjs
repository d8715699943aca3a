// @ts-check
// A repository of 50 lists of 1,000 papers each against one list of the same 50,000 papers: warm
// `papers list --unread` (each file has its own cache entry), run through bin/ as a user runs it,
// interleaved, NODE_EXTRA_CA_CERTS unset (see ../shared/PITFALLS.md). Prints the medians and the ratio.
//
//   node scripts/bench-workspace.mjs [files=50] [papersPerFile=1000] [runs=9]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [files = 50, perFile = 1000, runs = 9] = process.argv.slice(2).map(Number);
const BIN = new URL('../bin/papers.cjs', import.meta.url).pathname;
const VENUES = ["OSDI'22", "SOSP'19", "NSDI'23", "EuroSys'21", "ASPLOS'20"];

/** One file's text: ten areas, each paper a task item as the seed list writes them; every third read. */
function listText(file, count) {
  const lines = [`# Reading ${file}`, ''];
  for (let i = 0; i < count; i++) {
    if (i % (count / 10) === 0) lines.push(`## Area ${i / (count / 10)}`, '');
    const n = file * count + i;
    lines.push(
      `- [${n % 3 === 0 ? 'x' : ' '}] Paper ${n}: A Study of Things Number ${n}[${VENUES[n % VENUES.length]}]: [[Paper](https://example.org/p/${n}.pdf)]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const root = mkdtempSync(join(tmpdir(), 'papers-bench-workspace-'));
try {
  const repo = join(root, 'repo');
  const single = join(root, 'single');
  mkdirSync(join(repo, 'lists'), { recursive: true });
  mkdirSync(single);
  const texts = [];
  for (let f = 0; f < files; f++) {
    const text = listText(f, perFile);
    texts.push(text);
    writeFileSync(join(repo, 'lists', `${String(f).padStart(3, '0')}.md`), text);
  }
  writeFileSync(join(repo, '.papers.json'), JSON.stringify({ lists: ['lists/*.md'] }));
  // The same papers in one file (each file's areas, one after another).
  writeFileSync(join(single, 'README.md'), texts.join('\n'));

  /** @type {Record<string, string | undefined>} */
  const env = { ...process.env, HOME: root, XDG_CACHE_HOME: join(root, 'cache'), XDG_STATE_HOME: join(root, 'state') };
  delete env.NODE_EXTRA_CA_CERTS;
  for (const key of Object.keys(env)) if (key.startsWith('PAPERS_')) delete env[key];
  env.PAPERS_MAX_MB = '64';

  // CPU time (user + system) of the run, from /usr/bin/time when there is one (wall time on a shared,
  // busy machine measures the other jobs); else wall time.
  const cpu = existsSync('/usr/bin/time');
  const time = (cwd) => {
    const start = process.hrtime.bigint();
    const args = [BIN, 'list', '--unread'];
    const result = spawnSync(
      cpu ? '/usr/bin/time' : process.execPath,
      cpu ? ['-f', 'cpu %U %S', process.execPath, ...args] : args,
      {
        cwd,
        env,
        maxBuffer: 1 << 30,
      },
    );
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`papers list failed in ${cwd}: ${result.stderr}`);
    const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr.toString());
    const ms = used ? (Number(used[1]) + Number(used[2])) * 1000 : wall;
    return { ms, lines: result.stdout.toString().split('\n').length };
  };
  // Warm both caches (and check both show the same papers).
  const a = time(repo);
  const b = time(single);
  time(repo);
  time(single);
  if (a.lines !== b.lines) throw new Error(`the repository shows ${a.lines} lines, the single file ${b.lines}`);
  const many = [];
  const one = [];
  for (let i = 0; i < runs; i++) {
    many.push(time(repo).ms);
    one.push(time(single).ms);
  }
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const m = median(many);
  const o = median(one);
  process.stdout.write(
    `list --unread, warm, ${cpu ? 'CPU time (user+sys)' : 'wall time'}, ${runs} runs each, interleaved (${a.lines - 2} unread papers shown)\n` +
      `  ${files} files x ${perFile} papers: median ${m.toFixed(0)} ms  (${many.map((x) => x.toFixed(0)).join(' ')})\n` +
      `  1 file  x ${files * perFile} papers: median ${o.toFixed(0)} ms  (${one.map((x) => x.toFixed(0)).join(' ')})\n` +
      `  ratio ${(m / o).toFixed(2)} (the goal: within 1.5)\n`,
  );
} finally {
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}
