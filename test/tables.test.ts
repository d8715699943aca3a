/**
 * Table lists through the CLI: the user's own list as it is now (KuangjuX/paper-reading, GFM tables
 * with ✅/⬜ and shields.io badges), a table list without a status column, and a mixed file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, SHARED, tempFile } from './helpers.js';
import { describeIf, itIf, needs } from './needs.js';

const KUANGJUX = join(SHARED, 'corpus', 'KuangjuX__paper-reading__README.md');
const SJTU = join(SHARED, 'corpus', 'SJTU-DMTai__Paper-Lists__Nianrong__main_list.md');

function changedLines(before: string, after: string): { before: string[]; after: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  const idx = a.map((_, i) => i).filter((i) => a[i] !== b[i]);
  return { before: idx.map((i) => a[i]!), after: idx.map((i) => b[i]!) };
}

function badges(text: string): string[] {
  return [...text.matchAll(/badge\/(Papers|Read|To_Read)-(\d+)-/g)].map((m) => `${m[1]}=${m[2]}`);
}

describeIf(needs.shared)('KuangjuX/paper-reading: a list kept as tables', () => {
  const original = existsSync(KUANGJUX) ? readFileSync(KUANGJUX, 'utf8') : '';
  const lines = original.split('\n');
  // The corpus files are read-only: a copy with the same bytes that may be written.
  const writableCopy = () => tempFile(original, 'README.md');

  it('list: 83 papers in 12 areas, 14 unread (the ⬜ rows), the right facts per row, a warning about the badges', async () => {
    const file = writableCopy();
    const papers = await listJsonInProcess(file);
    expect(papers).toHaveLength(83);
    expect(new Set(papers.map((p) => p.area[0])).size).toBe(12);
    const unreadLines = lines.map((line, i) => (/^\| ⬜/.test(line) ? i + 1 : 0)).filter(Boolean);
    expect(unreadLines).toHaveLength(14);
    expect(papers.filter((p) => !p.read).map((p) => p.line)).toEqual(unreadLines);
    expect((await listJsonInProcess(file, '--unread')).map((p) => p.line)).toEqual(unreadLines);
    // Areas are found with or without their heading's emoji.
    const inference = papers.filter((p) => p.area[0] === '🚀 LLM Inference').map((p) => p.id);
    expect(inference.length).toBeGreaterThan(0);
    expect((await listJsonInProcess(file, '--area', 'LLM Inference')).map((p) => p.id)).toEqual(inference);
    expect((await listJsonInProcess(file, '--area', '🚀 LLM Inference')).map((p) => p.id)).toEqual(inference);
    // Every row's line is a row of the file; numbers in document order.
    expect(
      papers.every((p, i) => p.number === i + 1 && lines[p.line - 1]!.startsWith('| ') && p.source === 'row'),
    ).toBe(true);
    const mlir = papers.find((p) => p.title.startsWith('MLIR'))!;
    expect(mlir).toMatchObject({
      title: 'MLIR: Scaling Compiler Infrastructure for Domain Specific Computation',
      venue: "CGO'21",
      year: 2021,
      read: true,
    });
    expect(mlir.links.map((l) => l.label)).toEqual(['Paper', 'Note']);
    expect(mlir.links[0]!.url).toBe('https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9370308');
    // Every row: the title is its title cell without the bold markup, the venue its venue cell, the links every link of the row.
    for (const paper of papers) {
      const cells = lines[paper.line - 1]!.split(' | ');
      expect(paper.title, `line ${paper.line}`).toBe(cells[1]!.replace(/\*\*/g, '').trim());
      expect(paper.venue ?? '—').toBe(cells[2]!.trim());
      const links = [
        ...cells
          .slice(1)
          .join(' | ')
          .matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g),
      ].map((m) => ({ label: m[1], url: m[2] }));
      expect(paper.links, `line ${paper.line}`).toEqual(links);
    }
    // Rows whose venue cell is `—` have none.
    const survey = papers.find((p) => p.title === 'The Deep Learning Compiler: A Comprehensive Survey')!;
    expect(survey.venue).toBeNull();

    const human = await runCliInProcess(['--file', file, 'list']);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('83 papers (69 read, 14 unread)');
    expect(human.stderr).toMatch(/out of date.*"Read" says 67, the list has 69.*"To Read" says 16, the list has 14/);
    // A read-only command never writes.
    expect(readFileSync(file, 'utf8')).toBe(original);
    // The cached model (this file was listed above) agrees with a fresh parse.
    const fresh = await runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } });
    expect(JSON.parse(fresh.stdout)).toEqual(papers);
  });

  it('done on a ⬜ row changes its marker and the badge digits (83/70/13), nothing else; undone restores the counts it set', async () => {
    const file = writableCopy();
    const unread = (await listJsonInProcess(file, '--unread'))[0]!;
    const dry = await runCliInProcess(['--file', file, 'done', unread.id, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('-| ⬜ |');
    expect(readFileSync(file, 'utf8')).toBe(original);

    expect((await runCliInProcess(['--file', file, 'done', unread.id])).status).toBe(0);
    const done = readFileSync(file, 'utf8');
    expect(badges(done)).toEqual(['Papers=83', 'Read=70', 'To_Read=13']);
    const diff = changedLines(original, done);
    expect(diff.after).toHaveLength(3);
    const row = lines[unread.line - 1]!;
    expect(diff.before).toContain(row);
    expect(diff.after).toContain(row.replace('| ⬜ |', '| ✅ |'));
    // The badge lines differ in their digits only.
    expect(diff.before.filter((l) => l !== row).map((l) => l.replace(/\d+/g, '#'))).toEqual(
      diff.after.filter((l) => !l.startsWith('| ✅')).map((l) => l.replace(/\d+/g, '#')),
    );

    expect((await runCliInProcess(['--file', file, 'undone', unread.id])).status).toBe(0);
    const undone = readFileSync(file, 'utf8');
    expect(badges(undone)).toEqual(['Papers=83', 'Read=69', 'To_Read=14']);
    expect(undone).toBe(
      original.replace('badge/Read-67-', 'badge/Read-69-').replace('badge/To_Read-16-', 'badge/To_Read-14-'),
    );
    // Counts now agree: list does not warn.
    expect((await runCliInProcess(['--file', file, 'list'])).stderr).toBe('');
  });

  it('the 📝 beside a marker stays through undone and done', async () => {
    const file = writableCopy();
    const noted = lines.findIndex((line) => line.startsWith('| ✅ 📝 |')) + 1;
    const paper = (await listJsonInProcess(file)).find((p) => p.line === noted)!;
    expect((await runCliInProcess(['--file', file, 'undone', paper.id])).status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[noted - 1]).toBe(lines[noted - 1]!.replace('| ✅ 📝 |', '| ⬜ 📝 |'));
    expect((await runCliInProcess(['--file', file, 'done', paper.id])).status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[noted - 1]).toBe(lines[noted - 1]);
  });

  it('note adds ` / [Note](url)` to one links cell; add inserts one row at the end of the right table', async () => {
    const file = writableCopy();
    const target = (await listJsonInProcess(file)).find((p) => p.links.length === 1 && p.links[0]!.label === 'Paper')!;
    const json = await runCliInProcess(['--file', file, 'note', target.id, 'https://example.org/note|1', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).papers[0].links.at(-1)).toEqual({
      label: 'Note',
      url: 'https://example.org/note|1',
    });
    const noted = readFileSync(file, 'utf8');
    const diff = changedLines(original, noted);
    const row = lines[target.line - 1]!;
    expect(diff.before.filter((l) => l.startsWith('|'))).toEqual([row]);
    expect(diff.after.filter((l) => l.startsWith('|'))).toEqual([
      row.replace(/ \|$/, ' / [Note](https://example.org/note\\|1) |'),
    ]);

    const serving = await listJsonInProcess(file, '--area', 'LLM Serving');
    const last = serving[serving.length - 1]!;
    const add = await runCliInProcess([
      '--file',
      file,
      'add',
      'Orca: A Distributed Serving System for Transformer-Based Generative Models',
      '--area',
      'LLM Serving',
      '--venue',
      "OSDI'22",
      '--paper',
      'https://www.usenix.org/conference/osdi22/presentation/yu',
    ]);
    expect(add.status, add.stderr).toBe(0);
    const added = readFileSync(file, 'utf8').split('\n');
    expect(added).toHaveLength(lines.length + 1);
    expect(added[last.line]).toBe(
      "| ⬜ | **Orca: A Distributed Serving System for Transformer-Based Generative Models** | OSDI'22 | [Paper](https://www.usenix.org/conference/osdi22/presentation/yu) |",
    );
    expect(added.slice(0, last.line).filter((l) => !l.includes('badge/'))).toEqual(
      noted
        .split('\n')
        .slice(0, last.line)
        .filter((l) => !l.includes('badge/')),
    );
    expect(added.slice(last.line + 1)).toEqual(noted.split('\n').slice(last.line));
    expect(badges(added.join('\n'))).toEqual(['Papers=84', 'Read=69', 'To_Read=15']);
  });
});

describe('tables without a status column, and mixed files', () => {
  itIf(needs.shared)('a table list without a status column: 0 papers, and list says why', async () => {
    const result = await runCliInProcess(['--file', SJTU, 'list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('0 papers');
    expect(result.stderr).toMatch(/no papers found.*Its tables have no status column.*papers explain/);
    // Under --json the note is JSON too, on stderr; stdout stays a JSON array.
    const json = await runCliInProcess(['--file', SJTU, 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(JSON.parse(json.stderr.trim())).toMatchObject({ note: 'nothing-recognised' });
  });

  it('a status cell that is neither read nor unread counts as unread and is named; done keeps it', async () => {
    const text = '## A\n\n| Status | Paper |\n|---|---|\n| 🐢 | Half Read |\n| ✅ | Read One |\n| ⬜ | Unread One |\n';
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'list']);
    expect(result.stdout).toContain('3 papers (1 read, 2 unread)');
    expect(result.stderr).toMatch(/1 status cell is neither read nor unread \(line 5: "🐢"\)/);
    expect((await runCliInProcess(['--file', file, 'done', 'half-read'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('| 🐢 |', '| ✅ 🐢 |'));
  });

  it('mv refuses to turn a task item with sub-notes into a row (they would be lost)', async () => {
    const text =
      '## A\n\n- [ ] Kept: A Paper\n  - my sub-note\n\n## B\n\n| Status | Paper |\n|---|---|\n| ✅ | Other |\n';
    const file = tempFile(text);
    const mv = await runCliInProcess(['--file', file, 'mv', 'kept', '--area', 'B']);
    expect(mv.status).toBe(2);
    expect(mv.stderr).toMatch(/sub-notes/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('lone CR line endings: every write on a table list is refused, and nothing is written', async () => {
    const text = '## A\r\r| Status | Paper |\r|---|---|\r| ✅ | One |\r| ⬜ | Two |\r';
    const file = tempFile(text);
    expect((await listJsonInProcess(file)).map((paper) => paper.title)).toEqual(['One', 'Two']);
    for (const args of [
      ['done', 'two'],
      ['rm', 'two', '--yes'],
    ]) {
      const result = await runCliInProcess(['--file', file, ...args]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/lone CR/);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('task items and table rows are all papers, numbered in document order; a Total/Read line is kept in step', async () => {
    const text = [
      '# Reading',
      '',
      'Total: 4 · Read: 1 · To read: 3',
      '',
      '## Systems',
      '',
      "- [x] Rammer: Holistic DL Compiler[OSDI'20]: [[Paper](https://a.org/rammer)]",
      '',
      '## Tables',
      '',
      'Read | Title | Year',
      '--- | --- | ---',
      '[ ] | Pipe \\| Paper `a\\|b` | 2021',
      '[x] | Another 🚀 Paper | 2019',
      '',
      '## More',
      '',
      '- [ ] Last One[ICML 2020]',
      '',
    ].join('\r\n');
    const file = tempFile(text);
    const papers = await listJsonInProcess(file);
    expect(papers.map((p) => [p.number, p.title, p.read, p.year])).toEqual([
      [1, 'Rammer: Holistic DL Compiler', true, 2020],
      [2, 'Pipe | Paper a|b', false, 2021],
      [3, 'Another 🚀 Paper', true, 2019],
      [4, 'Last One', false, 2020],
    ]);
    const warn = await runCliInProcess(['--file', file, 'list']);
    expect(warn.stderr).toMatch(/"Read" says 1, the list has 2/);
    expect((await runCliInProcess(['--file', file, 'done', '2'])).status).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toBe(
      text.replace('Read: 1 · To read: 3', 'Read: 3 · To read: 1').replace('[ ] | Pipe', '[x] | Pipe'),
    );
    // The model the write left in the cache agrees with a fresh parse.
    const fresh = async (args: string[]) =>
      JSON.parse((await runCliInProcess(['--file', file, ...args], { env: { PAPERS_NO_CACHE: '1' } })).stdout);
    expect(await listJsonInProcess(file)).toEqual(await fresh(['list', '--json']));

    // mv: a row into a task list becomes a task item there; a task item into a table becomes a row.
    expect((await runCliInProcess(['--file', file, 'mv', 'another', '--area', 'More'])).status).toBe(0);
    expect((await runCliInProcess(['--file', file, 'mv', 'rammer', '--area', 'Tables'])).status).toBe(0);
    const moved = readFileSync(file, 'utf8');
    expect(moved).toContain('- [x] Another 🚀 Paper\r\n');
    // That table has no venue or links column: the venue is a tag after the title, the link follows it.
    expect(moved).toContain("\r\n[x] | Rammer: Holistic DL Compiler[OSDI'20] [Paper](https://a.org/rammer) | 2020\r\n");
    expect(moved).not.toContain('[x] | Another');
    expect((await listJsonInProcess(file)).map((p) => [p.title, p.read, p.area[0], p.year])).toEqual([
      ['Pipe | Paper a|b', true, 'Tables', 2021],
      ['Rammer: Holistic DL Compiler', true, 'Tables', 2020],
      ['Last One', false, 'More', 2020],
      ['Another 🚀 Paper', true, 'More', null],
    ]);
    expect(await listJsonInProcess(file)).toEqual(await fresh(['list', '--json']));
  });
});

describe('a status cell changed leaves how the other rows read as it was', () => {
  const run = (file: string, ...args: string[]) => runCliInProcess(['--file', file, ...args]);

  it('undone of the last ✅ beside a cell no marker is known for writes ⬜, not nothing (the cell would turn read)', async () => {
    const file = tempFile(
      '# L\n\n| Status | Title | Venue |\n|---|---|---|\n| P5 | **Alpha Paper** | OSDI |\n| ✅ | **Beta Paper** | SOSP |\n| | **Gamma Paper** | ATC |\n',
      'reading.md',
    );
    const before = (await listJsonInProcess(file)).map((paper) => [paper.id, paper.read]);
    expect((await run(file, 'undone', 'beta-paper')).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('| ⬜ | **Beta Paper** |');
    expect((await run(file, 'done', 'gamma-paper')).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('| ✅ | **Gamma Paper** |');
    expect(readFileSync(file, 'utf8')).toContain('| P5 | **Alpha Paper** |');
    const after = await listJsonInProcess(file);
    expect(after.map((paper) => [paper.id, paper.read])).toEqual(
      before.map(([id, read]) => [id, id === 'beta-paper' ? false : id === 'gamma-paper' ? true : read]),
    );
  });

  it('refuses, and writes nothing, where no marker keeps `X` meaning "not done" once the last `O` goes', async () => {
    const text = '# L\n\n| Done | Title |\n|---|---|\n| O | **A** |\n| X | **B** |\n| X | **C** |\n';
    const file = tempFile(text, 'reading.md');
    const result = await run(file, 'undone', 'a');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('would change how other rows of its table read');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the top of a table list (`/`) is an area with its own table', () => {
  const run = (file: string, ...args: string[]) => runCliInProcess(['--file', file, ...args]);
  const head = '| Status | Paper | Venue | Links |\n|---|---|---|---|\n';
  const systems = `## Systems\n\n${head}| ✅ | **Rammer** | OSDI'20 | [Paper](https://x.org/r) |\n| ⬜ | **Ansor** | OSDI'20 | |\n`;

  it('a second `add --top` and a `mv --area /` go into the top table, not a new header row under it', async () => {
    const file = tempFile(`# Reading\n\n${systems}`, 'reading.md');
    for (const args of [
      ['add', 'First Top', '--top'],
      ['add', 'Second Top', '--top'],
      ['mv', 'ansor', '--area', '/'],
      ['add', 'Third', '--top', '--venue', "SOSP'23"],
    ]) {
      const result = await run(file, ...args);
      expect(result.status, result.stderr).toBe(0);
    }
    expect(readFileSync(file, 'utf8')).toBe(
      `# Reading\n\n${head}| ⬜ | **First Top** | | |\n| ⬜ | **Second Top** | | |\n| ⬜ | **Ansor** | OSDI'20 | |\n` +
        `| ⬜ | **Third** | SOSP'23 | |\n\n## Systems\n\n${head}| ✅ | **Rammer** | OSDI'20 | [Paper](https://x.org/r) |\n`,
    );
    expect((await listJsonInProcess(file)).map((paper) => paper.title)).toEqual([
      'First Top',
      'Second Top',
      'Ansor',
      'Third',
      'Rammer',
    ]);
  });

  it('without a title heading too: the table above the first area grows', async () => {
    const file = tempFile(`${head}| ⬜ | **Zero** | | |\n\n${systems}`, 'reading.md');
    expect((await run(file, 'add', 'One', '--top')).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`${head}| ⬜ | **Zero** | | |\n| ⬜ | **One** | | |\n\n${systems}`);
  });
});
