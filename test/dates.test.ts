/**
 * Dates, opt-in: `done` writes the day read in the list's own style, `undone` takes out exactly that
 * (done then undone = the original bytes), and dates already in lists are read (list --json `readOn`):
 * Obsidian Tasks' `✅ 2024-06-19`, `(read 2024-01-02)`, a table's date column, a reading log's headings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, type PaperJson, realLists, runBinInProcess, runCliInProcess, tempDir } from './helpers.js';
import { describeIf, itIf, needs } from './needs.js';
import { CORPUS, SHARED } from './paths.js';

type Dated = PaperJson & { readOn: string | null };

const OBSIDIAN = join(SHARED, 'corpus-wild', 'dcao__pl-notes__content__index.md');
const LOG = join(CORPUS, 'duducheng__Learning-Notes__archive__note18.md');
const has = (path: string) => ({ ok: existsSync(path), why: `${path} is absent (clone papers beside shared/)` });

/** A temp list holding `source`: a file's bytes (a path), or these bytes. */
function copyOf(source: string | Buffer): string {
  const path = join(tempDir(), 'list.md');
  writeFileSync(path, typeof source === 'string' ? readFileSync(source) : source);
  return path;
}

async function ok(result: Promise<CliResult>): Promise<CliResult> {
  const done = await result;
  if (done.status !== 0) throw new Error(`papers failed (${done.status}): ${done.stderr}`);
  return done;
}

async function listOf(file: string): Promise<Dated[]> {
  return JSON.parse((await ok(runCliInProcess(['--file', file, 'list', '--json']))).stdout) as Dated[];
}

/** What a paper is apart from its state: done with a date must leave all of it as it was. */
const identity = (paper: Dated) => ({
  id: paper.id,
  title: paper.title,
  venue: paper.venue,
  links: paper.links,
  area: paper.area,
});

describe('done --date and undone --date', () => {
  it('write ✅ <day> on a task list and take it out again: the original bytes', async () => {
    const file = copyOf(
      Buffer.from("# L\n\n## A\n\n- [ ] Plain Title\n- [ ] Titled[OSDI'22]: [[Paper](https://x.org/p.pdf)]\n"),
    );
    const before = readFileSync(file);
    await ok(runCliInProcess(['--file', file, 'done', 'plain-title', 'titled', '--date', '2026-11-28']));
    expect(readFileSync(file, 'utf8')).toBe(
      "# L\n\n## A\n\n- [x] Plain Title ✅ 2026-11-28\n- [x] Titled[OSDI'22]: [[Paper](https://x.org/p.pdf)] ✅ 2026-11-28\n",
    );
    const papers = await listOf(file);
    expect(papers.map((paper) => [paper.id, paper.title, paper.readOn])).toEqual([
      ['plain-title', 'Plain Title', '2026-11-28'],
      ['titled', 'Titled', '2026-11-28'],
    ]);
    await ok(runCliInProcess(['--file', file, 'undone', 'plain-title', 'titled', '--date']));
    expect(readFileSync(file)).toEqual(before);
  });

  it('follow the style the file uses: (read <day>), and a table’s date column', async () => {
    const read = copyOf(Buffer.from('- [x] Old One (read 2024-01-02)\n- [ ] New One\n'));
    await ok(runCliInProcess(['--file', read, 'done', 'new-one', '--date', '2026-11-28']));
    expect(readFileSync(read, 'utf8')).toBe('- [x] Old One (read 2024-01-02)\n- [x] New One (read 2026-11-28)\n');
    expect((await listOf(read)).map((paper) => paper.readOn)).toEqual(['2024-01-02', '2026-11-28']);

    const tableText =
      '| Status | Paper | Read on |\n|---|---|---|\n| ✅ | Beta Study | 2024-03-02 |\n| ⬜ | Alpha Study | |\n| ⬜ | Gamma Study |   |\n';
    const table = copyOf(Buffer.from(tableText));
    await ok(runCliInProcess(['--file', table, 'done', 'alpha-study', 'gamma-study', '--date', '2026-11-28']));
    expect(readFileSync(table, 'utf8')).toBe(
      '| Status | Paper | Read on |\n|---|---|---|\n| ✅ | Beta Study | 2024-03-02 |\n| ✅ | Alpha Study | 2026-11-28 |\n| ✅ | Gamma Study | 2026-11-28   |\n',
    );
    expect((await listOf(table)).map((paper) => paper.readOn)).toEqual(['2024-03-02', '2026-11-28', '2026-11-28']);
    await ok(runCliInProcess(['--file', table, 'undone', 'alpha-study', 'gamma-study', '--date']));
    expect(readFileSync(table, 'utf8')).toBe(tableText);
  });

  it('"doneDates" in .papers.json: plain done writes today (hot path and main alike), plain undone takes it out', async () => {
    const dir = tempDir();
    const text = '# L\n\n- [ ] Paper One\n- [ ] Paper Two\n';
    writeFileSync(join(dir, 'README.md'), text);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ doneDates: true }));
    const today = () => new Date().toLocaleDateString('sv-SE');
    const days = [today()];
    await ok(runBinInProcess(['done', 'paper-one'], { cwd: dir }));
    await ok(runCliInProcess(['done', 'paper-two', '--json'], { cwd: dir }));
    days.push(today());
    const written = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(days.map((day) => `# L\n\n- [x] Paper One ✅ ${day}\n- [x] Paper Two ✅ ${day}\n`)).toContain(written);
    await ok(runBinInProcess(['undone', 'paper-one', 'paper-two'], { cwd: dir }));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(text);
    // Without the setting or --date, done writes only the checkbox, as always.
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ doneDates: false }));
    await ok(runBinInProcess(['done', 'paper-one'], { cwd: dir }));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# L\n\n- [x] Paper One\n- [ ] Paper Two\n');
  });

  it('a day that is not one is a usage error, and nothing is written', async () => {
    const file = copyOf(Buffer.from('- [ ] Paper One\n'));
    const result = await runCliInProcess(['--file', file, 'done', 'paper-one', '--date', '2026-13-01']);
    expect(result.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('- [ ] Paper One\n');
  });

  it('on every real list: done --date then undone --date = done then undone, byte for byte; the paper keeps its title and id', async () => {
    for (const source of realLists()) {
      const file = copyOf(source);
      const papers = await listOf(file);
      const unread = papers.filter((paper) => paper.state === 'unread' && paper.source !== 'row').slice(0, 1);
      const rows = papers.filter((paper) => paper.state === 'unread' && paper.source === 'row').slice(0, 1);
      for (const paper of [...unread, ...rows]) {
        // Without dates first: what done then undone leaves (a table may write its own unread marker back).
        const plain = copyOf(file);
        if ((await runCliInProcess(['--file', plain, 'done', paper.id])).status !== 0) continue; // a cell papers will not guess at
        await ok(runCliInProcess(['--file', plain, 'undone', paper.id]));
        await ok(runCliInProcess(['--file', file, 'done', paper.id, '--date', '2026-11-28']));
        const after = (await listOf(file)).find((candidate) => candidate.number === paper.number)!;
        expect(identity(after), `${source}: ${paper.id}`).toEqual(identity(paper));
        expect(after.state).toBe('read');
        if (paper.source !== 'row') expect(after.readOn, `${source}: ${paper.id}`).toBe('2026-11-28');
        await ok(runCliInProcess(['--file', file, 'undone', paper.id, '--date']));
        expect(readFileSync(file).equals(readFileSync(plain)), `${source}: ${paper.id}`).toBe(true);
      }
    }
  });
});

describe('dates read from lists', () => {
  itIf(has(OBSIDIAN))('Obsidian Tasks: each done item’s ✅ date, not its ⏳ scheduled one', async () => {
    const papers = await listOf(copyOf(OBSIDIAN));
    const lines = readFileSync(OBSIDIAN, 'utf8').split('\n');
    const dated = papers.filter((paper) => /✅ \d{4}-\d{2}-\d{2}/.test(lines[paper.line - 1]!));
    expect(dated.length).toBeGreaterThanOrEqual(10);
    for (const paper of dated) {
      const line = lines[paper.line - 1]!;
      expect(paper.readOn, line).toBe([...line.matchAll(/✅ (\d{4}-\d{2}-\d{2})/g)].pop()![1]);
      // A date that ends the item is no title word (an item that is only a link and a date is titled by what it has).
      if (/✅ [\d-]+\s*$/.test(line)) expect(paper.title.replace(/^✅ [\d-]+$/, ''), line).not.toMatch(/✅/);
    }
    // A done date only for papers read: the ⏳ of the first item is 2024-06-19T14:30, its ✅ 2024-06-19.
    expect(dated.every((paper) => paper.read)).toBe(true);
  });

  itIf(has(LOG))('a reading log: each read paper dated by the month heading of its area', async () => {
    const papers = await listOf(copyOf(LOG));
    for (const paper of papers) {
      // The innermost heading of its area that is a month (`## 2018-12`, then `### Reading` under it).
      const month = [...paper.area].reverse().find((name) => /^\d{4}-\d{2}$/.test(name)) ?? null;
      expect(paper.readOn, `line ${paper.line}`).toBe(paper.read ? month : null);
    }
    expect(papers.filter((paper) => paper.readOn !== null).length).toBeGreaterThan(50);
  });

  it('headings that name a month in words or in CJK, and items without a date', async () => {
    const file = copyOf(
      Buffer.from(
        '# Log\n\n## May 2023\n\n- [x] One\n- [ ] Two\n\n## 2023年6月\n\n- [x] Three\n\n## Ideas\n\n- [x] Four\n',
      ),
    );
    expect((await listOf(file)).map((paper) => paper.readOn)).toEqual(['2023-05', null, '2023-06', null]);
  });
});

describeIf(needs.shared)('dates across a repository of lists', () => {
  it('readOn of each file’s papers as in the file alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'log.md'), readFileSync(LOG));
    writeFileSync(join(dir, 'seed.md'), readFileSync(realLists()[0]!));
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const all = JSON.parse((await ok(runCliInProcess(['list', '--json'], { cwd: dir }))).stdout) as Dated[];
    const alone = await listOf(join(dir, 'log.md'));
    expect(all.filter((paper) => paper.file === 'log.md').map((paper) => paper.readOn)).toEqual(
      alone.map((paper) => paper.readOn),
    );
  });
});

describe('papers log and stats --by month', () => {
  const LOG_TEXT = [
    '# Reading',
    '',
    '## 2024-04',
    '',
    '- [x] Month Paper',
    '',
    '## Papers',
    '',
    '- [x] First Paper ✅ 2024-05-01',
    '- [x] Second Paper ✅ 2024-05-06',
    '- [x] Third Paper (read 2024-05-06)',
    '- [x] Undated Paper',
    '- [ ] Unread Paper ✅ 2024-05-07',
    '',
  ].join('\n');

  it('--json: the read papers with a date, newest first, each with readOn; --since a day or a month', async () => {
    const file = copyOf(Buffer.from(LOG_TEXT));
    const log = async (...args: string[]) =>
      (JSON.parse((await ok(runCliInProcess(['--file', file, 'log', '--json', ...args]))).stdout) as Dated[]).map(
        (paper) => `${paper.readOn} ${paper.id}`,
      );
    expect(await log()).toEqual([
      '2024-05-06 second-paper',
      '2024-05-06 third-paper',
      '2024-05-01 first-paper',
      '2024-04 month-paper',
    ]);
    expect(await log('--since', '2024-05-02')).toEqual(['2024-05-06 second-paper', '2024-05-06 third-paper']);
    expect(await log('--since', '2024-04')).toHaveLength(4);
    const text = await ok(runCliInProcess(['--file', file, 'log']));
    expect(text.stdout).toMatch(/^2024-05 \(3\)\n {2}2024-05-06 {2}second-paper {2}Second Paper/);
    expect(text.stdout).toMatch(/4 papers read with a date; 1 read paper has no date\n$/);
    expect((await runCliInProcess(['--file', file, 'log', '--since', 'May'])).status).toBe(2);
  });

  it('stats --by month counts the papers read each month', async () => {
    const file = copyOf(Buffer.from(LOG_TEXT));
    const stats = JSON.parse((await ok(runCliInProcess(['--file', file, 'stats', '--by', 'month', '--json']))).stdout);
    expect(stats).toEqual({
      by: 'month',
      groups: [
        { name: '2024-05', read: 3 },
        { name: '2024-04', read: 1 },
      ],
      undated: 1,
    });
  });

  it('--calendar: one glyph per day by how many were read, Monday first; colour only where colour is on', async () => {
    const file = copyOf(Buffer.from(LOG_TEXT));
    const plain = await ok(
      runCliInProcess(['--file', file, 'log', '--calendar', '--since', '2024-04-29'], { env: { COLUMNS: '40' } }),
    );
    const rows = plain.stdout.split('\n');
    // A month label that would run into the one before is left out (May, a week after Apr).
    expect(rows[0]).toMatch(/^ {4}Apr +Jun/);
    // 2024-05-01 is the Wednesday of the first week, 2024-05-06 the Monday of the second (two papers).
    const cells = (label: string) =>
      rows
        .find((row) => row.startsWith(label))!
        .slice(4)
        .split(' ');
    expect(cells('Mon').slice(0, 3)).toEqual(['·', '▒', '·']);
    expect(cells('Wed').slice(0, 3)).toEqual(['░', '·', '·']);
    expect(plain.stdout).toMatch(/3 papers on 2 days in 18 weeks; 1 dated by month only/);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const noColor = await ok(
      runCliInProcess(['--file', file, 'log', '--calendar', '--since', '2024-04-29'], {
        env: { COLUMNS: '40', NO_COLOR: '1' },
      }),
    );
    expect(noColor.stdout).toBe(plain.stdout);
    const colour = await ok(
      runCliInProcess(['--file', file, 'log', '--calendar', '--since', '2024-04-29'], {
        env: { COLUMNS: '40', FORCE_COLOR: '1' },
      }),
    );
    expect(colour.stdout).toMatch(/\x1b\[32m▒/);
    expect(colour.stdout.replace(/\x1b\[\d+m/g, '')).toBe(plain.stdout);
  });

  it('the hot path (bin) answers as main() does: log, --json, --since, --calendar, a bad --since, a repository', async () => {
    const file = copyOf(Buffer.from(LOG_TEXT));
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), LOG_TEXT);
    writeFileSync(join(dir, 'b.md'), '# B\n\n- [x] Other Paper ✅ 2024-06-01\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const cases: [string[], { cwd?: string; env?: Record<string, string> }][] = [
      [['--file', file, 'log'], {}],
      [['--file', file, 'log', '--json', '--since', '2024-05-02'], {}],
      [['--file', file, 'log', '--calendar', '--since', '2024-04-29'], { env: { COLUMNS: '40' } }],
      [['--file', file, 'log', '--calendar', '--since', '2024-04-29'], { env: { COLUMNS: '40', FORCE_COLOR: '1' } }],
      [['--file', file, 'log', '--since', 'May'], {}],
      [['log', '--json'], { cwd: dir }],
      [['log'], { cwd: dir }],
    ];
    for (const [argv, options] of cases) {
      const [hot, full] = [await runBinInProcess(argv, options), await runCliInProcess(argv, options)];
      expect([hot.status, hot.stdout, hot.stderr], argv.join(' ')).toEqual([full.status, full.stdout, full.stderr]);
    }
  });

  it('across a repository of lists: each paper with its file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), LOG_TEXT);
    writeFileSync(join(dir, 'b.md'), '# B\n\n- [x] Other Paper ✅ 2024-06-01\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const log = JSON.parse((await ok(runCliInProcess(['log', '--json'], { cwd: dir }))).stdout) as Dated[];
    expect(log.map((paper) => `${paper.readOn} ${paper.file} ${paper.id}`).slice(0, 2)).toEqual([
      '2024-06-01 b.md other-paper',
      '2024-05-06 a.md second-paper',
    ]);
  });
});
