/**
 * Everyday use as a new user meets it: exact names win, areas are found by the names they show (with a
 * `/` in them, twice in a file, above the first heading), and a filter that matches nothing says so.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, SHARED, tempCopy, tempDir, tempFile } from './helpers.js';
import { itIf, needs } from './needs.js';

describe('ids: an exact name wins over a piece of a title', () => {
  it('exact title (any case) and exact id before a unique piece', async () => {
    const file = tempFile(
      '## A\n\n- [ ] Concurrent 1\n- [ ] Concurrent 10\n- [ ] Attention Is All You Need\n- [ ] [Re] Reproducing "Attention Is All You Need"\n',
    );
    const result = await runCliInProcess(['--file', file, 'done', 'Concurrent 1', 'attention is all you need']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      '## A\n\n- [x] Concurrent 1\n- [ ] Concurrent 10\n- [x] Attention Is All You Need\n- [ ] [Re] Reproducing "Attention Is All You Need"\n',
    );
  });
});

describe('areas', () => {
  const list =
    '# My list\n\n- [ ] Top one\n\n## I/O Systems\n\n- [ ] Disk paper\n\n## 2018-10\n\n### Reading\n\n- [ ] Oct A\n\n## 2018-10\n\n### Reading\n\n- [ ] Oct B\n';

  it('a heading with `/` in its name is found by that name, for list and add', async () => {
    const file = tempFile(list);
    const shown = await runCliInProcess(['--file', file, 'list', '--area', 'I/O Systems', '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).map((paper: { title: string }) => paper.title)).toEqual(['Disk paper']);
    const added = await runCliInProcess(['--file', file, 'add', 'New IO', '--area', 'I/O Systems']);
    expect(added.stdout).toBe('Added New IO to I/O Systems\n');
    expect(readFileSync(file, 'utf8')).toContain('## I/O Systems\n\n- [ ] Disk paper\n- [ ] New IO\n\n## 2018-10');
  });

  it('a path that appears twice: the last section, or #n, and the message says which', async () => {
    const file = tempFile(list);
    const last = await runCliInProcess(['--file', file, 'add', 'Oct C', '--area', '2018-10/Reading']);
    expect(last.status, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/the last of 2 "2018-10\/Reading" sections; "2018-10\/Reading#1" names the first/);
    const first = await runCliInProcess(['--file', file, 'mv', 'oct-c', '--area', 'Reading#1']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/section 1 of 2/);
    expect(readFileSync(file, 'utf8')).toContain(
      '- [ ] Oct A\n- [ ] Oct C\n\n## 2018-10\n\n### Reading\n\n- [ ] Oct B\n',
    );
  });

  it('the top of the file is `/` (or --top): list, add and mv reach it', async () => {
    const file = tempFile(list);
    expect((await runCliInProcess(['--file', file, 'add', 'Top two', '--area', '/'])).stdout).toBe(
      'Added Top two to /\n',
    );
    expect((await runCliInProcess(['--file', file, 'mv', 'disk-paper', '--top'])).status).toBe(0);
    const shown = await runCliInProcess(['--file', file, 'list', '--area', '/', '--json']);
    expect(JSON.parse(shown.stdout).map((paper: { title: string }) => paper.title)).toEqual([
      'Top one',
      'Top two',
      'Disk paper',
    ]);
    expect(
      readFileSync(file, 'utf8').startsWith(
        '# My list\n\n- [ ] Top one\n- [ ] Top two\n- [ ] Disk paper\n\n## I/O Systems\n\n## 2018-10',
      ),
    ).toBe(true);

    const bare = tempFile('Intro text.\n\n## A\n\n- [ ] One\n');
    expect((await runCliInProcess(['--file', bare, 'add', 'First', '--top'])).status).toBe(0);
    expect(readFileSync(bare, 'utf8')).toBe('Intro text.\n\n- [ ] First\n\n## A\n\n- [ ] One\n');
  });

  it('adding to an empty file ends it with a newline', async () => {
    const file = tempFile('');
    expect((await runCliInProcess(['--file', file, 'add', 'X', '--area', 'A'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('## A\n\n- [ ] X\n');
  });
});

describe('list: filters that match nothing say so', () => {
  it('an unknown --area or --venue is exit 1 with the closest names', async () => {
    const file = tempCopy(EXAMPLE);
    const nope = await runCliInProcess(['--file', file, 'list', '--area', 'Nope']);
    expect(nope.status).toBe(1);
    expect(nope.stderr).toMatch(/^papers: no area "Nope" holds papers/);
    const dnn = await runCliInProcess(['--file', file, 'list', '--area', 'dnn']);
    expect(dnn.status).toBe(1);
    expect(dnn.stderr).toContain('did you mean "MLSys/DNN Compiler"?');
    const typo = await runCliInProcess(['--file', file, 'list', '--area', 'Distributed Training']);
    expect(typo.stderr).toContain('did you mean "MLSys/Distrubited Training"?');
    const venue = await runCliInProcess(['--file', file, 'list', '--venue', 'OSDY']);
    expect(venue.status).toBe(1);
    expect(venue.stderr).toContain('no paper has the venue "OSDY"; did you mean "OSDI"?');
    // A filter that matches areas or venues but no paper with the other filters is still fine.
    expect((await runCliInProcess(['--file', file, 'list', '--area', 'DNN Compiler', '--venue', 'OSDI'])).status).toBe(
      0,
    );
  });

  itIf(needs.shared)('a file without task items says why', async () => {
    const file = tempCopy(join(SHARED, 'corpus', 'xlite-dev__Awesome-LLM-Inference__README.md'));
    const result = await runCliInProcess(['--file', file, 'list']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /no `- \[ \]` task items or paper-table rows in .*README\.md \(\d+ tables and \d+ plain list items found\)/,
    );
  });
});

describe('add and mv: new areas', () => {
  it('a name close to an existing area is refused off a terminal unless --create; mv says (new area …)', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file, 'utf8');
    const typo = await runCliInProcess(['--file', file, 'add', 'X paper', '--area', 'Distributed Training']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toBe(
      'papers: no area "Distributed Training"; did you mean "MLSys/Distrubited Training"? Pass --create to make "Distributed Training" a new area\n',
    );
    const mvTypo = await runCliInProcess(['--file', file, 'mv', 'roller', '--area', 'DNN Compilers']);
    expect(mvTypo.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(before);

    const created = await runCliInProcess([
      '--file',
      file,
      'add',
      'X paper',
      '--area',
      'Distributed Training',
      '--create',
    ]);
    expect(created.stdout).toBe('Added X paper to Distributed Training (new area Distributed Training)\n');
    const moved = await runCliInProcess(['--file', file, 'mv', 'roller', '--area', 'Brand New']);
    expect(moved.stdout).toBe("Moved ROLLER (OSDI'22) to Brand New (new area Brand New)\n");
  });
});

describe('rm and mv take several ids', () => {
  it('each id names the paper `list` showed before the command', async () => {
    const file = tempCopy(EXAMPLE);
    const papers = JSON.parse((await runCliInProcess(['--file', file, 'list', '--json'])).stdout) as {
      id: string;
      number: number;
    }[];
    const moved = await runCliInProcess([
      '--file',
      file,
      'mv',
      'roller',
      String(papers.find((p) => p.id === 'welder')!.number),
      '--area',
      'Later',
    ]);
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.stdout).toBe("Moved ROLLER (OSDI'22) to Later (new area Later)\nMoved Welder (OSDI'23) to Later\n");
    expect(readFileSync(file, 'utf8')).toMatch(/## Later\n\n- \[ \] ROLLER: [^\n]*\n\n- \[ \] Welder: [^\n]*\n$/);
    const removed = await runCliInProcess(['--file', file, 'rm', 'roller', 'welder', '--yes']);
    expect(removed.stdout).toBe("Removed ROLLER (OSDI'22)\nRemoved Welder (OSDI'23)\n");
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/ROLLER|Welder/);
    expect(text.endsWith('## Later\n')).toBe(true);
  });

  it('rm of two rows where removing the first makes the second no paper: refused, saying why, nothing written', async () => {
    // A's only marked row makes its table a paper table (and B's, which shares its header line).
    const text =
      '# R\n\n## B\n\n| 已录制 | 名字 |\n|---|---|\n|  | GoogleNet |\n\n## A\n\n| 已录制 | 名字 |\n|---|---|\n| ✅ | AlexNet |\n|  | VGG |\n';
    const file = tempFile(text, 'reading.md');
    const removed = await runCliInProcess(['--file', file, 'rm', 'alexnet', 'vgg', '--yes']);
    expect(removed.stderr).toBe(
      'papers: "VGG" is no paper once "AlexNet" changed (the list then reads otherwise); nothing was written: change it in a command of its own, or by hand\n',
    );
    expect(removed.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('help says that numbers shift after rm and mv', async () => {
    for (const command of ['rm', 'mv', 'list'])
      expect((await runCliInProcess([command, '--help'])).stdout).toMatch(/Numbers shift after rm and mv/);
  });
});

describe('scripting', () => {
  it('under --json errors are JSON on stderr with the same exit codes', async () => {
    const file = tempCopy(EXAMPLE);
    const missing = await runCliInProcess(['--file', file, 'done', 'nosuch', '--json']);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stderr)).toEqual({
      error: { code: 'not_found', message: 'no paper matches "nosuch"; run `papers list` to see the ids' },
    });
    const usage = await runCliInProcess(['--file', file, 'list', '--json', '--year', 'soon']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stderr).error.code).toBe('usage');
    const area = await runCliInProcess(['--file', file, 'list', '--json', '--area', 'Nope']);
    expect(area.status).toBe(1);
    expect(JSON.parse(area.stderr).error).toMatchObject({ code: 'not_found' });
    expect(area.stdout).toBe('');
  });

  it('help nosuch and remove are usage errors that point the way; -v prints the version', async () => {
    const help = await runCliInProcess(['help', 'nosuch']);
    expect(help.status).toBe(2);
    expect(help.stdout).toBe('');
    expect(help.stderr).toBe("papers: unknown command 'nosuch'; run `papers --help` to see the commands\n");
    const remove = await runCliInProcess(['remove', 'x']);
    expect(remove.status).toBe(2);
    expect(remove.stderr).toBe("papers: unknown command 'remove'; did you mean `papers rm`?\n");
    const version = await runCliInProcess(['-v']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await runCliInProcess(['-V'])).stdout).toBe(version.stdout);
  });

  it('relative links are allowed when the path exists beside the list (or with --force)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'roller notes.md'), '# notes\n');
    const file = join(dir, 'list.md');
    copyFileSync(EXAMPLE, file);
    const note = await runCliInProcess(['--file', file, 'note', 'roller', 'notes/roller notes.md']);
    expect(note.status, note.stderr).toBe(0);
    const missing = await runCliInProcess(['--file', file, 'add', 'Rel', '--area', 'OS', '--paper', 'papers/rel.pdf']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /"papers\/rel.pdf" is neither an http\(s\) URL nor a file beside the list .*add --force/,
    );
    expect(
      (await runCliInProcess(['--file', file, 'add', 'Rel', '--area', 'OS', '--paper', 'papers/rel.pdf', '--force']))
        .status,
    ).toBe(0);
    const papers = JSON.parse((await runCliInProcess(['--file', file, 'list', '--json'])).stdout) as {
      id: string;
      links: { url: string }[];
    }[];
    expect(papers.find((p) => p.id === 'roller')!.links.map((link) => link.url)).toContain('notes/roller%20notes.md');
    expect(papers.find((p) => p.id === 'rel')!.links).toEqual([{ label: 'Paper', url: 'papers/rel.pdf' }]);
    // Replacing a link loses the old URL: it is named, and needs --force.
    const refused = await runCliInProcess(['--file', file, 'note', 'roller', 'https://example.org/n']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'papers: roller already has a Note link (notes/roller%20notes.md); pass --force to replace it, or --label to add another\n',
    );
    expect((await runCliInProcess(['--file', file, 'note', 'roller', 'https://example.org/n', '--force'])).stdout).toBe(
      "Replaced the Note link of ROLLER (OSDI'22) (was notes/roller%20notes.md)\n",
    );
  });
});
