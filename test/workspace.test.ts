/**
 * A repository of lists: `.papers.json` "lists" names several files, and every command works across
 * them. Built from copies of real lists (the seed twice, so that every id collides, and corpus lists
 * when ../shared is there); every write is checked against the same command on that file alone, and
 * every other file's bytes against what they were.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CliResult,
  EXAMPLE,
  type PaperJson,
  runBinInProcess,
  runCli,
  runCliAsync,
  runCliInProcess,
  tempDir,
  tempFile,
} from './helpers.js';
import { describeIf, itIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';
import { CORPUS } from './paths.js';

type Repo = { dir: string; files: Record<string, string> };

/** A repository holding `files` (label -> source path) and a config naming them by globs. */
function repository(files: Record<string, string>, lists = ['*.md', 'papers/*.md']): Repo {
  const dir = tempDir();
  for (const [label, source] of Object.entries(files)) {
    mkdirSync(join(dir, label, '..'), { recursive: true });
    // Copied as text: the corpus files are read-only, their copies must not be.
    writeFileSync(join(dir, label), readFileSync(source));
  }
  writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists }));
  return { dir, files };
}

function bytesOf(repo: Repo): Record<string, Buffer> {
  return Object.fromEntries(Object.keys(repo.files).map((label) => [label, readFileSync(join(repo.dir, label))]));
}

async function ok(result: Promise<CliResult>): Promise<CliResult> {
  const done = await result;
  if (done.status !== 0) throw new Error(`papers failed (${done.status}): ${done.stderr}`);
  return done;
}

async function listAll(repo: Repo, ...args: string[]): Promise<PaperJson[]> {
  return JSON.parse((await ok(runCliInProcess(['list', '--json', ...args], { cwd: repo.dir }))).stdout) as PaperJson[];
}

async function listOne(repo: Repo, label: string, ...args: string[]): Promise<PaperJson[]> {
  const result = await ok(runCliInProcess(['--file', label, 'list', '--json', ...args], { cwd: repo.dir }));
  return JSON.parse(result.stdout) as PaperJson[];
}

/** The same command on a fresh copy of one file alone (`--file`): the bytes it writes. */
async function aloneAfter(source: string, args: string[]): Promise<Buffer> {
  const dir = tempDir();
  writeFileSync(join(dir, 'list.md'), readFileSync(source));
  await ok(runCliInProcess(['--file', 'list.md', ...args], { cwd: dir }));
  return readFileSync(join(dir, 'list.md'));
}

const SEED_TWICE = { '2024.md': EXAMPLE, 'papers/2025.md': EXAMPLE };

const A = '# A\n\n## X\n\n- [ ] Alpha Paper\n- [ ] Shared Paper\n';
const B = '# B\n\n## Y\n\n- [ ] Beta Paper\n- [ ] Shared Paper\n';

/** a.md and b.md, which share one paper's id. */
function twoLists(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.md'), A);
  writeFileSync(join(dir, 'b.md'), B);
  writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
  return dir;
}

describe('a repository of lists', () => {
  it('list reads every file as one: the file heads the area, numbers run on, colliding ids are qualified', async () => {
    const repo = repository(SEED_TWICE);
    const all = await listAll(repo);
    const one = await listOne(repo, '2024.md');
    expect(all).toHaveLength(2 * one.length);
    expect(all.map((paper) => paper.number)).toEqual(all.map((_, i) => i + 1));
    expect(all.slice(0, one.length).map((paper) => paper.id)).toEqual(one.map((paper) => `2024/${paper.id}`));
    expect(all.slice(one.length).map((paper) => paper.id)).toEqual(one.map((paper) => `2025/${paper.id}`));
    expect(new Set(all.map((paper) => paper.file))).toEqual(new Set(['2024.md', 'papers/2025.md']));
    expect(all[0]!.area).toEqual(['2024.md', ...one[0]!.area]);
    // The table shows the file before the area.
    const table = await ok(runCliInProcess(['list', '--area', 'OS'], { cwd: repo.dir }));
    expect(table.stdout).toMatch(/2024\.md › OS/);
    expect(table.stdout).toMatch(/papers\/2025\.md › OS/);
  });

  it('filters work across files: --unread, --area (with or without the file), --venue', async () => {
    const repo = repository(SEED_TWICE);
    const unread = await listOne(repo, '2024.md', '--unread');
    expect((await listAll(repo, '--unread')).map((paper) => paper.title)).toEqual(
      [...unread, ...unread].map((paper) => paper.title),
    );
    const os = await listOne(repo, '2024.md', '--area', 'OS');
    expect(await listAll(repo, '--area', 'OS')).toHaveLength(2 * os.length);
    const onlyOne = await listAll(repo, '--area', '2024.md/OS');
    expect(onlyOne.map((paper) => paper.title)).toEqual(os.map((paper) => paper.title));
    expect(onlyOne.every((paper) => paper.file === '2024.md')).toBe(true);
    const osdi = await listOne(repo, '2024.md', '--venue', 'OSDI');
    expect(await listAll(repo, '--venue', 'OSDI')).toHaveLength(2 * osdi.length);
  });

  it('an id only one file has stays as it is; stem/id names a file’s paper either way', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), '# A\n\n## X\n\n- [ ] Alpha Paper\n- [ ] Shared Paper\n');
    writeFileSync(join(dir, 'b.md'), '# B\n\n## Y\n\n- [ ] Beta Paper\n- [ ] Shared Paper\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const all = JSON.parse((await ok(runCliInProcess(['list', '--json'], { cwd: dir }))).stdout) as PaperJson[];
    expect(all.map((paper) => paper.id)).toEqual(['alpha-paper', 'a/shared-paper', 'beta-paper', 'b/shared-paper']);
    await ok(runCliInProcess(['done', 'b/beta-paper', 'a/shared-paper'], { cwd: dir }));
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# A\n\n## X\n\n- [ ] Alpha Paper\n- [x] Shared Paper\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('# B\n\n## Y\n\n- [x] Beta Paper\n- [ ] Shared Paper\n');
    // A bare id two files share is ambiguous, and nothing is written.
    const before = readFileSync(join(dir, 'b.md'));
    const ambiguous = await runCliInProcess(['undone', 'beta-paper', 'shared-paper'], { cwd: dir });
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toMatch(/shared-paper/);
    expect(readFileSync(join(dir, 'b.md'))).toEqual(before);
  });

  it('ids two files share are found the same from a cached entry as from a parse (non-ASCII ids, hashes that meet)', async () => {
    const dir = tempDir();
    // costarring/liquid and declinate/macallums have the same 32-bit FNV-1a hash: only their text tells them apart.
    writeFileSync(
      join(dir, 'a.md'),
      '# A\n\n## X\n\n- [ ] Costarring\n- [ ] Shared Paper\n- [ ] Über Zürich: Straße\n',
    );
    writeFileSync(
      join(dir, 'b.md'),
      '# B\n\n## Y\n\n- [ ] Liquid\n- [ ] Über Zürich: Straße\n- [ ] Shared Paper\n- [ ] Declinate\n',
    );
    writeFileSync(join(dir, 'c.md'), '# C\n\n- [ ] Macallums\n- [ ] 読書 ノート\n');
    writeFileSync(join(dir, 'd.md'), '# D\n\n- [x] 読書 ノート\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const ids = async (run = runCliInProcess) =>
      (JSON.parse((await ok(run(['list', '--json'], { cwd: dir }))).stdout) as PaperJson[]).map((paper) => paper.id);
    const cold = await ids();
    const umlaut = 'uber-zurich';
    const kanji = '読書-ノート';
    expect(cold).toEqual([
      'costarring',
      'a/shared-paper',
      `a/${umlaut}`,
      'liquid',
      `b/${umlaut}`,
      'b/shared-paper',
      'declinate',
      'macallums',
      `c/${kanji}`,
      `d/${kanji}`,
    ]);
    // Warm: every file's facts (and id hashes) come from its cache entry; the table too.
    expect(await ids()).toEqual(cold);
    expect(await ids(runBinInProcess)).toEqual(cold);
    const table = (await ok(runBinInProcess(['list'], { cwd: dir }))).stdout;
    for (const id of cold) expect(table).toContain(` ${id} `);
    // One file changed (parsed again, its ids hashed from their text) beside files read from their entries.
    for (const file of ['a.md', 'd.md'])
      writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}- [ ] More\n`);
    const mixed = await ids();
    expect(mixed.filter((id) => id !== 'a/more' && id !== 'd/more')).toEqual(cold);
  });

  it('a write touches only the file that holds the paper, exactly as the same command on that file alone', async () => {
    const repo = repository(SEED_TWICE);
    const all = await listAll(repo);
    for (const label of Object.keys(repo.files)) {
      const target = all.find((paper) => paper.file === label && paper.state === 'unread')!;
      const local = target.id.slice(target.id.indexOf('/') + 1);
      const before = bytesOf(repo);
      for (const args of [['done'], ['note', '--label', 'Slides']] as const) {
        const extra = args[0] === 'note' ? ['https://example.org/slides.pdf'] : [];
        const expected = await aloneAfter(join(repo.dir, label), [args[0], local, ...extra, ...args.slice(1)]);
        await ok(runCliInProcess([args[0], target.id, ...extra, ...args.slice(1)], { cwd: repo.dir }));
        const after = bytesOf(repo);
        expect(after[label]).toEqual(expected);
        for (const other of Object.keys(repo.files)) if (other !== label) expect(after[other]).toEqual(before[other]);
        before[label] = after[label]!;
      }
    }
  });

  it('done through bin (the hot path) routes the same way, and list through bin prints what main() prints', async () => {
    const repo = repository(SEED_TWICE);
    const viaMain = await ok(runCliInProcess(['list', '--unread'], { cwd: repo.dir }));
    const viaBin = await ok(runBinInProcess(['list', '--unread'], { cwd: repo.dir }));
    expect(viaBin.stdout).toBe(viaMain.stdout);
    // So do the commands that only read (stats, areas and next across the files; show routed by main()).
    for (const args of [
      ['stats'],
      ['areas', '--json'],
      ['next', '--json'],
      ['show', '2025/rammer'],
      ['show', 'rammer'],
    ]) {
      const [main, bin] = [
        await runCliInProcess(args, { cwd: repo.dir }),
        await runBinInProcess(args, { cwd: repo.dir }),
      ];
      expect([bin.status, bin.stdout, bin.stderr], args.join(' ')).toEqual([main.status, main.stdout, main.stderr]);
    }
    const unread = (await listAll(repo, '--unread')).filter((paper) => paper.file === 'papers/2025.md');
    const before = bytesOf(repo);
    const expected = await aloneAfter(EXAMPLE, ['done', unread[0]!.id.replace(/^.*\//, '')]);
    await ok(runBinInProcess(['done', unread[0]!.id], { cwd: repo.dir }));
    expect(readFileSync(join(repo.dir, 'papers/2025.md'))).toEqual(expected);
    expect(readFileSync(join(repo.dir, '2024.md'))).toEqual(before['2024.md']);
    // And undo takes back the change made last, in its own file.
    await ok(runCliInProcess(['undo'], { cwd: repo.dir }));
    expect(bytesOf(repo)).toEqual(before);
  });

  it('writes to two files at once: one file’s lock does not hold up the other, and both land', async () => {
    const repo = repository(SEED_TWICE);
    const all = await listAll(repo, '--unread');
    const a = all.find((paper) => paper.file === '2024.md')!;
    const b = all.find((paper) => paper.file === 'papers/2025.md')!;
    let other: CliResult | null = null;
    // While the first write holds 2024.md's lock (its temp file is there), a second process writes the other file.
    const first = await runCliInProcess(['done', a.id], {
      cwd: repo.dir,
      hooks: {
        beforeRename: async () => {
          other ??= await runCliAsync(['done', b.id], { cwd: repo.dir });
        },
      },
    });
    expect(first.status).toBe(0);
    expect((other as CliResult | null)?.status).toBe(0);
    const after = await listAll(repo);
    expect(after.find((paper) => paper.id === a.id)!.state).toBe('read');
    expect(after.find((paper) => paper.id === b.id)!.state).toBe('read');
  });

  it('add needs an area only one file has (or the file named); lint, stats and explain cover every file', async () => {
    const repo = repository(SEED_TWICE);
    const before = bytesOf(repo);
    const both = await runCliInProcess(['add', 'A New Paper', '--area', 'OS'], { cwd: repo.dir });
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/2024\.md.*papers\/2025\.md/);
    const none = await runCliInProcess(['add', 'A New Paper', '--area', 'Nowhere'], { cwd: repo.dir });
    expect(none.status).toBe(1);
    expect(bytesOf(repo)).toEqual(before);
    const expected = await aloneAfter(EXAMPLE, ['add', 'A New Paper', '--area', 'OS']);
    await ok(runCliInProcess(['add', 'A New Paper', '--area', 'papers/2025.md/OS'], { cwd: repo.dir }));
    expect(readFileSync(join(repo.dir, 'papers/2025.md'))).toEqual(expected);
    expect(readFileSync(join(repo.dir, '2024.md'))).toEqual(before['2024.md']);

    const stats = JSON.parse((await ok(runCliInProcess(['stats', '--json'], { cwd: repo.dir }))).stdout) as {
      groups: { area: string; total: number }[];
      total: { total: number };
    };
    expect(stats.groups.filter((group) => group.area === '2024.md' || group.area === 'papers/2025.md')).toHaveLength(2);
    expect(stats.total.total).toBe((await listAll(repo)).length);
    const explained = JSON.parse((await ok(runCliInProcess(['explain', '--json'], { cwd: repo.dir }))).stdout) as {
      file: string;
    }[];
    expect(explained.map((entry) => entry.file)).toEqual(['2024.md', 'papers/2025.md']);
    const lint = await runCliInProcess(['lint'], { cwd: repo.dir });
    expect(lint.stdout).toMatch(/==> 2024\.md <==[\s\S]*==> papers\/2025\.md <==/);
  });

  it('done - takes the ids on stdin once and routes each to its file; --all asks once for every file', () => {
    const dir = twoLists();
    const done = runCli(['done', '-'], { cwd: dir, input: 'alpha-paper\nb/shared-paper\t(a title)\nbeta\n' });
    expect(done.status, done.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A.replace('[ ] Alpha', '[x] Alpha'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(
      B.replace('[ ] Beta', '[x] Beta').replace('[ ] Shared', '[x] Shared'),
    );
    // An id that names no paper stops the run before any file is written.
    const typo = runCli(['undone', '-'], { cwd: dir, input: 'alpha-paper\nnowhere\n' });
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/nowhere/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A.replace('[ ] Alpha', '[x] Alpha'));
    // --all with a filter across the files: not on a terminal it needs --yes, said once.
    const asks = runCli(['done', '--all', '--search', 'paper'], { cwd: dir });
    expect(asks.status).toBe(2);
    expect(asks.stderr.match(/--yes/g)).toHaveLength(1);
    const all = runCli(['done', '--all', '--search', 'shared', '--yes'], { cwd: dir });
    expect(all.status, all.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A.replace(/\[ \]/g, '[x]'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(B.replace(/\[ \]/g, '[x]'));
  });

  itIf(needs.script)('a pick on the terminal offers every file’s papers at once, each with `file › area`', async () => {
    const dir = twoLists();
    const { status, output } = await runOnTerminal(['done'], {
      cwd: dir,
      columns: 120,
      rows: 40,
      steps: [
        { wait: 'Mark read:', keys: '' },
        { wait: /beta-paper .*b\.md › Y/, keys: 'beta' },
        { wait: /❯ ◯ +\d+ \[ \] beta-paper/, keys: '\t' },
        { wait: '(1 selected)', keys: '\u0015a/shared' },
        { wait: /❯ ◯ +\d+ \[ \] a\/shared-paper .*a\.md › X/, keys: '\t' },
        { wait: '(2 selected)', keys: '\r' },
      ],
    });
    expect(status, output).toBe(0);
    // One pick: no second prompt for the second file.
    expect(output.split('(2 selected)')[1]).not.toMatch(/type to filter/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A.replace('[ ] Shared', '[x] Shared'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(B.replace('[ ] Beta', '[x] Beta'));
  });

  it('mv takes a paper (and the lines under it) to another list; undo puts both files back', async () => {
    const dir = twoLists();
    writeFileSync(join(dir, 'a.md'), A.replace('Alpha Paper\n', 'Alpha Paper\n  - a note under it\n'));
    const before = { a: readFileSync(join(dir, 'a.md')), b: readFileSync(join(dir, 'b.md')) };
    const moved = await ok(runCliInProcess(['mv', 'alpha-paper', '--area', 'b.md/Y'], { cwd: dir }));
    expect(moved.stdout).toBe('Moved Alpha Paper to b.md › Y\n');
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# A\n\n## X\n\n- [ ] Shared Paper\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(`${B}- [ ] Alpha Paper\n  - a note under it\n`);
    // Into a new area of the other list, with --create.
    await ok(runCliInProcess(['mv', 'a/shared-paper', '--area', 'b.md/Z', '--create'], { cwd: dir }));
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# A\n\n## X\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toMatch(/\n## Z\n\n- \[ \] Shared Paper\n$/);
    // undo takes back the last move in both files, then the one before it.
    await ok(runCliInProcess(['undo'], { cwd: dir }));
    await ok(runCliInProcess(['undo'], { cwd: dir }));
    expect(readFileSync(join(dir, 'a.md'))).toEqual(before.a);
    expect(readFileSync(join(dir, 'b.md'))).toEqual(before.b);
    // One file's half of a move is not undone alone.
    await ok(runCliInProcess(['mv', 'alpha-paper', '--area', 'b.md/Y'], { cwd: dir }));
    const alone = await runCliInProcess(['--file', 'b.md', 'undo'], { cwd: dir });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/another list/);
  });

  it('`--area a.md/` is the top of a.md, as `--area a.md` is (it was refused as an empty area)', async () => {
    const dir = twoLists();
    await ok(runCliInProcess(['add', 'New Paper', '--area', 'a.md/'], { cwd: dir }));
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A.replace('# A\n\n', '# A\n\n- [ ] New Paper\n\n'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(B);
  });

  it('convert and track with --area b.md/Area work on that list only (they were refused: no such area)', async () => {
    const dir = twoLists();
    const converted = await runCliInProcess(['convert', '--to', 'table', '--area', 'b.md/Y'], { cwd: dir });
    expect(converted.status, converted.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(A);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toContain('| ⬜ | Beta Paper | | |\n| ⬜ | Shared Paper | | |\n');
    const tracked = await runCliInProcess(['track', '--area', 'a.md/X', '--dry-run'], { cwd: dir });
    expect(tracked.status, tracked.stderr).toBe(0);
    expect(tracked.stdout).not.toContain('b.md');
  });

  it('messages that name an area name its file too, as list shows it (it said "Added X to /" for b.md\'s top)', async () => {
    const dir = twoLists();
    const said = async (...args: string[]) => (await ok(runCliInProcess(args, { cwd: dir }))).stdout;
    expect(await said('add', 'New Paper', '--area', 'b.md/')).toBe('Added New Paper to b.md\n');
    expect(await said('add', 'Other Paper', '--area', 'a.md/X')).toBe('Added Other Paper to a.md › X\n');
    expect(await said('mv', 'new-paper', '--area', 'b.md/Y')).toBe('Moved New Paper to b.md › Y\n');
    expect(await said('mv', 'new-paper', '--area', 'b.md/Y')).toBe('New Paper is already in b.md › Y\n');
    expect(await said('set', 'other-paper', '--area', 'a.md/')).toBe('Moved Other Paper to a.md\n');
    expect(await said('mv', 'other-paper', '--area', 'b.md/Brand New')).toBe(
      'Moved Other Paper to b.md › Brand New (new area Brand New)\n',
    );
    // A list of its own says the area alone, as before.
    const alone = tempFile(A);
    const one = await ok(runCliInProcess(['--file', alone, 'add', 'New Paper', '--area', 'X']));
    expect(one.stdout).toBe('Added New Paper to X\n');
  });

  it('an area a typo away names its file, as --area takes it there (it said "did you mean \\"MLSys/…\\"")', async () => {
    const repo = repository(SEED_TWICE);
    const before = bytesOf(repo);
    const typo = 'Distributed Training'; // the seed's area is "Distrubited Training"
    const refused = async (...args: string[]) => {
      const result = await runCliInProcess(args, { cwd: repo.dir });
      expect(result.status).toBe(1);
      return result.stderr;
    };
    expect(await refused('add', 'A New Paper', '--area', `2024.md/${typo}`)).toBe(
      `papers: no area "${typo}" in 2024.md; did you mean "2024.md/MLSys/Distrubited Training"? Pass --create to make "2024.md/${typo}" a new area\n`,
    );
    expect(await refused('mv', '2024/rammer', '--area', `papers/2025.md/${typo}`)).toBe(
      `papers: no area "${typo}" in papers/2025.md; did you mean "papers/2025.md/MLSys/Distrubited Training"? Pass --create to make "papers/2025.md/${typo}" a new area\n`,
    );
    // No file named and no file has it: the near misses of every file.
    expect(await refused('add', 'A New Paper', '--area', typo)).toBe(
      `papers: no list of this repository has the area "${typo}" (did you mean "2024.md/MLSys/Distrubited Training" or "papers/2025.md/MLSys/Distrubited Training"?); to make it a new area, name the file: --file <list> (one of 2024.md, papers/2025.md), or --area "<file>/${typo}"\n`,
    );
    expect(bytesOf(repo)).toEqual(before);
    // What it suggests is taken as it is written.
    const taken = await ok(
      runCliInProcess(['add', 'A New Paper', '--area', 'papers/2025.md/MLSys/Distrubited Training'], { cwd: repo.dir }),
    );
    expect(taken.stdout).toBe('Added A New Paper to papers/2025.md › MLSys/Distrubited Training\n');
  });

  it('near misses of several lists come closest first in each file, so a close one of a later file is named', async () => {
    const list = (areas: string[]) =>
      `# L\n\n${areas.map((area) => `## ${area}\n\n- [ ] Paper of ${area}\n`).join('\n')}`;
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), list(['Grapx', 'Grapy', 'Grapz']));
    writeFileSync(join(dir, 'b.md'), list(['Grapx', 'Grapy', 'Grapz']));
    writeFileSync(join(dir, 'c.md'), list(['Graphs']));
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const result = await runCliInProcess(['add', 'New Paper', '--area', 'Graph'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '(did you mean "a.md/Grapx" or "b.md/Grapx" or "c.md/Graphs" or "a.md/Grapy" or "b.md/Grapy"?)',
    );
  });

  it('`--area papers/2024.md/Net` names papers/2024.md beside papers.md (the longest file name wins)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'papers'));
    const top = '# P\n\n## Misc\n\n- [ ] R1 Paper\n';
    const year = '# B\n\n## Net\n\n- [ ] Q1 Paper\n';
    writeFileSync(join(dir, 'papers.md'), top);
    writeFileSync(join(dir, 'papers', '2024.md'), year);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md', 'papers/*.md'] }));
    await ok(runCliInProcess(['add', 'N Paper', '--area', 'papers/2024.md/Net'], { cwd: dir }));
    expect(readFileSync(join(dir, 'papers', '2024.md'), 'utf8')).toBe(`${year}- [ ] N Paper\n`);
    expect(readFileSync(join(dir, 'papers.md'), 'utf8')).toBe(top);
    // `file.md ›` (as list shows a file's top) is that file's top too.
    await ok(runCliInProcess(['add', 'Top Paper', '--area', 'papers.md ›'], { cwd: dir }));
    expect(readFileSync(join(dir, 'papers.md'), 'utf8')).toBe(top.replace('# P\n\n', '# P\n\n- [ ] Top Paper\n\n'));
  });

  it('mv of a paper and one under it to another list is refused before anything is written', async () => {
    // Each paper moves in a write of its own: the subtask went with its parent, then its own move failed
    // half way ("no paper matches"), the parent already moved.
    const dir = twoLists();
    writeFileSync(join(dir, 'a.md'), A.replace('Alpha Paper\n', 'Alpha Paper\n  - [ ] Child Paper\n'));
    const before = { a: readFileSync(join(dir, 'a.md')), b: readFileSync(join(dir, 'b.md')) };
    for (const ids of [
      ['alpha-paper', 'child-paper'],
      ['child-paper', 'alpha-paper'],
    ]) {
      const result = await runCliInProcess(['mv', ...ids, '--area', 'b.md/Y'], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /"child-paper" is under "alpha-paper" in a\.md and moves with it; name only alpha-paper/,
      );
      expect(readFileSync(join(dir, 'a.md'))).toEqual(before.a);
      expect(readFileSync(join(dir, 'b.md'))).toEqual(before.b);
    }
    // Also when the nested ones are in the target's own file: b.md's paper moved first, then a.md's own
    // batch stopped half way.
    const mixed = await runCliInProcess(['mv', 'alpha-paper', 'child-paper', 'beta-paper', '--area', 'a.md/Z'], {
      cwd: dir,
    });
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/"child-paper" is under "alpha-paper" in a\.md/);
    expect(readFileSync(join(dir, 'a.md'))).toEqual(before.a);
    expect(readFileSync(join(dir, 'b.md'))).toEqual(before.b);
    // Named alone, the parent takes it along.
    await ok(runCliInProcess(['mv', 'alpha-paper', '--area', 'b.md/Y'], { cwd: dir }));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(`${B}- [ ] Alpha Paper\n  - [ ] Child Paper\n`);
  });

  it('mv of several papers to another list is one change: all move, or none (a paper a row cannot hold)', async () => {
    const dir = tempDir();
    const a = '# A\n\n## X\n\n- [ ] First Paper\n- [x] Second Paper\n  - a sub-note\n- [ ] Third Paper\n';
    const b =
      '# B\n\nTotal: 2 · Read: 1\n\n## T\n\n| Status | Paper |\n|---|---|\n| ✅ | Row Paper |\n\n## L\n\n- [ ] List Paper\n';
    writeFileSync(join(dir, 'a.md'), a);
    writeFileSync(join(dir, 'b.md'), b);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    // Into b.md's table: the first would go (a row), the second cannot (its sub-note): nothing moves.
    const refused = await runCliInProcess(['mv', 'first-paper', 'second-paper', '--area', 'b.md/T'], { cwd: dir });
    expect(refused.status, refused.stdout).not.toBe(0);
    expect(refused.stderr).toMatch(/"Second Paper" has lines under it \(sub-notes\)/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(a);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(b);
    // Into b.md's task list: all three, in the order named, in one write of each file, counts kept.
    const moved = await ok(
      runCliInProcess(['mv', 'third-paper', 'first-paper', 'second-paper', '--area', 'b.md/L'], { cwd: dir }),
    );
    expect(moved.stdout).toBe(
      'Moved Third Paper to b.md › L\nMoved First Paper to b.md › L\nMoved Second Paper to b.md › L\n',
    );
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# A\n\n## X\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(
      b.replace('Total: 2 · Read: 1', 'Total: 5 · Read: 2') +
        '- [ ] Third Paper\n- [ ] First Paper\n- [x] Second Paper\n  - a sub-note\n',
    );
    // One undo takes the whole move back, in both files.
    await ok(runCliInProcess(['undo'], { cwd: dir }));
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(a);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(b);
  });

  it('mv of papers of several files to another list: one that cannot go stops them all first', async () => {
    const dir = tempDir();
    const files = {
      'a.md': '# A\n\n## X\n\n- [ ] Alpha Paper\n- [ ] Beta Paper\n',
      'b.md': '# B\n\n## Y\n\n- [ ] Gamma Paper\n  - a sub-note\n',
      'c.md': '# C\n\n## T\n\n| Status | Paper |\n|---|---|\n| ⬜ | Row Paper |\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const refused = await runCliInProcess(['mv', 'alpha-paper', 'gamma-paper', 'beta-paper', '--area', 'c.md/T'], {
      cwd: dir,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/"Gamma Paper" has lines under it \(sub-notes\)/);
    expect(refused.stdout).toBe('');
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });

  it('after most of a list moved to another in one mv, the next write and undo of it go through', async () => {
    const dir = tempDir();
    const names = Array.from({ length: 12 }, (_, i) => `Paper Number ${String.fromCharCode(65 + i)}`);
    const a = `# A\n\n## X\n\n${names.map((name) => `- [ ] ${name}\n`).join('')}`;
    writeFileSync(join(dir, 'a.md'), a);
    writeFileSync(join(dir, 'b.md'), '# B\n\n## Y\n\n- [ ] Beta Paper\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    await ok(runCliInProcess(['mv', '1', '2', '3', '4', '5', '6', '7', '8', '--area', 'b.md/Y'], { cwd: dir }));
    // a.md holds 4 of its 12, as papers left it: not a half-saved file to refuse (the count papers kept for
    // it was the 12 less the first paper moved only), for a write or for the undo.
    const done = await runCliInProcess(['--file', 'a.md', 'done', 'paper-number-l'], { cwd: dir });
    expect(done.status, done.stderr).toBe(0);
    await ok(runCliInProcess(['--file', 'a.md', 'undo'], { cwd: dir }));
    const undone = await runCliInProcess(['undo'], { cwd: dir });
    expect(undone.status, undone.stderr).toBe(0);
    // One line per paper under `undid:`, the file names after the last.
    expect(undone.stdout.split('\n')).toHaveLength(9);
    expect(undone.stdout).toMatch(/^undid: Moved Paper Number A to b\.md › Y\n {6}Moved Paper Number B/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(a);
  });

  it('mv between lists: when the second write cannot happen the first is put back, and nothing changed', async () => {
    const dir = twoLists();
    const b = readFileSync(join(dir, 'b.md'));
    let renames = 0;
    // The paper's new place (b.md) is written first; while a.md's new text waits for its rename, an editor saves a.md.
    const result = await runCliInProcess(['mv', 'alpha-paper', '--area', 'b.md/Y'], {
      cwd: dir,
      hooks: {
        beforeRename: () => {
          if (++renames === 2) writeFileSync(join(dir, 'a.md'), `${A}- [ ] Saved By An Editor\n`);
        },
      },
    });
    expect(renames).toBe(3); // b.md, a.md (refused: it changed), b.md put back
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/a\.md changed while papers was writing it; nothing was written/);
    expect(readFileSync(join(dir, 'b.md'))).toEqual(b);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(`${A}- [ ] Saved By An Editor\n`);
    // Nothing was journaled: undo has nothing of this move to take back.
    const undo = await runCliInProcess(['undo'], { cwd: dir });
    expect(undo.status).toBe(1);
    expect(readFileSync(join(dir, 'b.md'))).toEqual(b);
  });

  it('cite takes stem/id for any paper of a file, as done does', async () => {
    const dir = twoLists();
    const cited = await ok(
      runCliInProcess(['cite', 'a/alpha-paper', 'b/shared-paper', 'a/shared-paper', '--offline', '--json'], {
        cwd: dir,
      }),
    );
    const entries = JSON.parse(cited.stdout) as { id: string; title: string }[];
    expect(entries.map((entry) => [entry.id, entry.title])).toEqual([
      ['alpha-paper', 'Alpha Paper'],
      ['b/shared-paper', 'Shared Paper'],
      ['a/shared-paper', 'Shared Paper'],
    ]);
    const missing = await runCliInProcess(['cite', 'a/beta-paper', '--offline'], { cwd: dir });
    expect(missing.status).toBe(1);
  });

  it('a config whose lists match one file makes that file the list; --file still names any one file', async () => {
    const repo = repository({ 'papers/only.md': EXAMPLE }, ['papers/*.md']);
    expect(await listAll(repo)).toEqual(await listOne(repo, 'papers/only.md'));
    const two = repository(SEED_TWICE);
    expect((await listOne(two, '2024.md')).every((paper) => !('file' in paper))).toBe(true);
  });

  it('in a repository of one list `--area only.md/OS` is its area OS, as with several (it made a heading "only.md")', async () => {
    const repo = repository({ 'papers/only.md': EXAMPLE }, ['papers/*.md']);
    const file = join(repo.dir, 'papers/only.md');
    // The hot path (bin) and main() alike: add, list, mv.
    const expected = await aloneAfter(EXAMPLE, ['add', 'A New Paper', '--area', 'OS']);
    await ok(runBinInProcess(['add', 'A New Paper', '--area', 'papers/only.md/OS'], { cwd: repo.dir }));
    expect(readFileSync(file)).toEqual(expected);
    const inOs = await listOne(repo, 'papers/only.md', '--area', 'OS');
    const listed = await ok(runBinInProcess(['list', '--json', '--area', 'papers/only.md › OS'], { cwd: repo.dir }));
    expect(JSON.parse(listed.stdout)).toEqual(inOs);
    const moved = await aloneAfter(EXAMPLE, ['mv', 'rammer', '--area', 'Hypervisor']);
    writeFileSync(file, readFileSync(EXAMPLE));
    await ok(runCliInProcess(['mv', 'rammer', '--area', 'papers/only.md/Hypervisor'], { cwd: repo.dir }));
    expect(readFileSync(file)).toEqual(moved);
  });

  it("in a repository of one list the file's stem is not taken off an area: `ml.md` may hold `## ML`", async () => {
    // (review: `ML/Compilers` was read as `Compilers` of ml.md, wherever it is: list showed, and done --all
    // and rm --all changed, Systems/Compilers too)
    const text =
      "# My reading\n\n## ML\n\n### Compilers\n\n- [ ] TVM [OSDI'18]: [[Paper](https://tvm.example)]\n\n" +
      "## Systems\n\n### Compilers\n\n- [ ] LLVM [CGO'04]: [[Paper](https://llvm.example)]\n";
    const dir = tempDir();
    writeFileSync(join(dir, 'ml.md'), text);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const listed = await ok(runBinInProcess(['list', '--json', '--area', 'ML/Compilers'], { cwd: dir }));
    expect((JSON.parse(listed.stdout) as PaperJson[]).map((paper) => paper.title)).toEqual(['TVM']);
    await ok(runCliInProcess(['done', '--all', '--area', 'ML/Compilers', '--yes'], { cwd: dir }));
    expect(readFileSync(join(dir, 'ml.md'), 'utf8')).toBe(text.replace('- [ ] TVM', '- [x] TVM'));
  });
});

describeIf(needs.shared)('a repository of corpus lists', () => {
  const corpus = {
    'README.md': EXAMPLE,
    'papers/kuangjux.md': join(CORPUS, 'KuangjuX__paper-reading__README.md'),
    'papers/log-2018.md': join(CORPUS, 'duducheng__Learning-Notes__archive__note18.md'),
    'papers/greatzh.md': join(CORPUS, 'greatzh__Papers__README.md'),
  };

  it('every file’s papers, in file order, each with its file; filters as on each file', async () => {
    const repo = repository(corpus);
    const all = await listAll(repo);
    const labels = Object.keys(corpus).sort();
    let expected: string[] = [];
    let unread: string[] = [];
    for (const label of labels) {
      expected = expected.concat((await listOne(repo, label)).map((paper) => `${label}|${paper.title}`));
      unread = unread.concat((await listOne(repo, label, '--unread')).map((paper) => `${label}|${paper.title}`));
    }
    expect(all.map((paper) => `${paper.file}|${paper.title}`)).toEqual(expected);
    expect((await listAll(repo, '--unread')).map((paper) => `${paper.file}|${paper.title}`)).toEqual(unread);
    expect(new Set(all.map((paper) => paper.id)).size).toBe(all.length);
  });

  it('a write to each file changes that file as it would alone and no other byte anywhere', async () => {
    const repo = repository(corpus);
    const all = await listAll(repo);
    for (const label of Object.keys(corpus)) {
      const paper = all.find((candidate) => candidate.file === label && candidate.state === 'unread');
      if (!paper) continue;
      const stem = label.replace(/^.*\//, '').replace(/\.md$/, '');
      const local = paper.id.startsWith(`${stem}/`) ? paper.id.slice(stem.length + 1) : paper.id;
      const before = bytesOf(repo);
      const expected = await aloneAfter(join(repo.dir, label), ['done', local]);
      await ok(runCliInProcess(['done', paper.id], { cwd: repo.dir }));
      const after = bytesOf(repo);
      expect(after[label]).toEqual(expected);
      expect(after[label]).not.toEqual(before[label]);
      for (const other of Object.keys(corpus)) if (other !== label) expect(after[other]).toEqual(before[other]);
    }
  });
});

describe('the hot path hands a repository of lists to main(), which says the config warnings once', () => {
  it.each([
    [['add', 'New One', '--area', 'OS']],
    [['add', 'New One', '--area', 'OS', '--json']],
    [['done', 'beta-paper']],
  ])('%j', async (args) => {
    const outcomes = [];
    for (const runner of [runCliInProcess, runBinInProcess]) {
      const root = tempDir();
      const repo = join(root, 'repo');
      mkdirSync(join(repo, 'papers'), { recursive: true });
      mkdirSync(join(root, 'outside'));
      writeFileSync(join(repo, 'README.md'), '# A\n\n## MLSys\n\n- [ ] Alpha Paper\n');
      writeFileSync(join(repo, 'papers', 'b.md'), '# B\n\n## OS\n\n- [ ] Beta Paper\n');
      writeFileSync(join(root, 'outside', 'c.md'), '# C\n\n## X\n\n- [ ] Gamma\n');
      // A list linked from outside the repository: skipped, with a warning.
      symlinkSync(join('..', '..', 'outside', 'c.md'), join(repo, 'papers', 'c.md'));
      writeFileSync(join(repo, '.papers.json'), JSON.stringify({ version: 1, lists: ['README.md', 'papers/*.md'] }));
      const result = await runner(args, { cwd: repo });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr.split('\n').filter((line) => line.includes('is skipped'))).toHaveLength(1);
      const mine = (text: string) => text.replaceAll(root, 'ROOT');
      outcomes.push([mine(result.stdout), mine(result.stderr), readFileSync(join(repo, 'papers', 'b.md'), 'utf8')]);
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe('list --area with a file named by its stem, as add and mv take it (from the last notes)', () => {
  const repo = () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    writeFileSync(join(dir, '2024.md'), '# 2024\n\n## OS\n\n- [ ] Alpha Paper\n\n## ML\n\n- [x] Beta Paper\n');
    writeFileSync(join(dir, '2025.md'), '# 2025\n\n## OS\n\n- [ ] Gamma Paper\n');
    writeFileSync(join(dir, 'ml.md'), '# ML\n\n## Compilers\n\n- [ ] Delta Paper\n');
    writeFileSync(join(dir, 'sys.md'), '# Sys\n\n## ML\n\n### Compilers\n\n- [ ] Epsilon Paper\n');
    return { dir, files: {} };
  };
  const titles = async (...args: string[]) => (await listAll(repo(), ...args)).map((paper) => paper.title);

  it('2024/OS is the area OS of 2024.md; 2025 its whole file; the file name works as before', async () => {
    expect(await titles('--area', '2024/OS')).toEqual(['Alpha Paper']);
    expect(await titles('--area', '2024.md/OS')).toEqual(['Alpha Paper']);
    expect(await titles('--area', '2025')).toEqual(['Gamma Paper']);
  });

  it('a spaced slash names the file as a slash does (2024 / OS); 2024x/OS names none', async () => {
    expect(await titles('--area', '2024 / OS')).toEqual(['Alpha Paper']);
    expect(await titles('--area', '2024.md / OS')).toEqual(['Alpha Paper']);
    const none = await runCliInProcess(['list', '--area', '2024x/OS'], { cwd: repo().dir });
    expect(none.status).toBe(1);
    const dir = repo().dir;
    await ok(runCliInProcess(['add', 'Zeta Paper', '--area', '2025 / OS'], { cwd: dir }));
    expect(readFileSync(join(dir, '2025.md'), 'utf8')).toBe('# 2025\n\n## OS\n\n- [ ] Gamma Paper\n- [ ] Zeta Paper\n');
  });

  it('an area named as a stem is the area (ML/Compilers in sys.md), not the file ml.md', async () => {
    expect(await titles('--area', 'ML/Compilers')).toEqual(['Epsilon Paper']);
  });

  it('next and done --all read it so too', async () => {
    const dir = repo().dir;
    const next = await ok(runCliInProcess(['next', '--area', '2024/OS', '--json'], { cwd: dir }));
    expect((JSON.parse(next.stdout) as PaperJson).title).toBe('Alpha Paper');
    await ok(runCliInProcess(['done', '--all', '--area', '2024/OS', '--yes'], { cwd: dir }));
    expect(readFileSync(join(dir, '2024.md'), 'utf8')).toBe(
      '# 2024\n\n## OS\n\n- [x] Alpha Paper\n\n## ML\n\n- [x] Beta Paper\n',
    );
    expect(readFileSync(join(dir, '2025.md'), 'utf8')).toBe('# 2025\n\n## OS\n\n- [ ] Gamma Paper\n');
  });

  it('the hot path reads it so too', async () => {
    const result = await runBinInProcess(['list', '--area', '2024/OS', '--json'], { cwd: repo().dir });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as PaperJson[]).map((paper) => paper.title)).toEqual(['Alpha Paper']);
  });
});
