/**
 * Everyday use, second pass (#23, items 5-8): each case is what a new user met on the seed author's lists,
 * driven through the CLI on temp copies (or, for what only a terminal shows, through the table renderer).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/read/parse.js';
import { resolvePaper } from '../src/core/query/query.js';
import { renderPapersTable } from '../src/cli/output/papers-table.js';
import { EXAMPLE, runCliInProcess, tempCopy, tempDir, tempFile } from './helpers.js';

const plain = (text: string) => text;
const NO_COLORS = { dim: plain, cyan: plain, green: plain, yellow: plain, red: plain };

/** A table list as the seed author keeps it: emoji headings, `—` for no venue, a contents list, a footer. */
const TABLE_LIST = `<h1 align="center">📚 Paper Reading</h1>

## Table of Contents

- [Compiler](#-compiler)
- [LLM Training](#-llm-training)

## ⚙️ Compiler

| Status | Paper | Venue | Links |
|:------:|-------|-------|-------|
| ✅ | **The Deep Learning Compiler: A Comprehensive Survey** | — | [Paper](https://arxiv.org/pdf/2002.03794.pdf) |
| ⬜ | **TVM: An Automated End-to-End Optimizing Compiler** | OSDI'18 | [Code](https://github.com/apache/tvm) / [Paper](https://www.usenix.org/system/files/osdi18-chen.pdf) |

## 🏋️ LLM Training

### Compute-Communication Overlap

| Status | Paper | Venue | Links |
|:------:|-------|-------|-------|
| ⬜ | **FlashOverlap: A Lightweight Design for Efficiently Overlapping Communication** | EuroSys'25 | [Paper](https://arxiv.org/abs/2504.19519) |

---

<p align="center">
  <em>If you find this list helpful, feel free to ⭐ star this repo!</em>
</p>
`;

describe('areas (item 5)', () => {
  it('a new area near an emoji heading is refused as a near miss; a new one goes before the footer, with the file’s `—`', async () => {
    const file = tempFile(TABLE_LIST);
    const near = await runCliInProcess(['--file', file, 'add', 'Roller', '--area', 'Compiller']);
    expect(near.status).toBe(1);
    expect(near.stderr).toBe(
      'papers: no area "Compiller"; did you mean "⚙️ Compiler"? Pass --create to make "Compiller" a new area\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(TABLE_LIST);
    const added = await runCliInProcess(['--file', file, 'add', 'Ansor', '--area', 'Schedulers']);
    expect(added.status, added.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      TABLE_LIST.replace(
        '\n---\n',
        '\n## Schedulers\n\n| Status | Paper | Venue | Links |\n|:------:|-------|-------|-------|\n| ⬜ | **Ansor** | — | |\n\n---\n',
      ),
    );
  });

  it('a table of contents is no area', async () => {
    const result = await runCliInProcess(['--file', tempFile(TABLE_LIST), 'areas', '--json']);
    const names = (JSON.parse(result.stdout) as { groups: { name: string }[] }).groups.map((group) => group.name);
    expect(names).toEqual(['⚙️ Compiler', '🏋️ LLM Training', 'Compute-Communication Overlap']);
  });

  it('papers added with --top sit under the document title: lint does not flag them, list shows no `/`', async () => {
    const file = tempFile('# My list\n\n## A\n\n- [ ] One: [Paper](https://x.org/1)\n');
    expect(
      (await runCliInProcess(['--file', file, 'add', 'Top: T', '--top', '--paper', 'https://x.org/t'])).status,
    ).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      '# My list\n\n- [ ] Top: T: [Paper](https://x.org/t)\n\n## A\n\n- [ ] One: [Paper](https://x.org/1)\n',
    );
    const lint = await runCliInProcess(['--file', file, 'lint', '--ignore', 'mixed-bullets']);
    expect(lint.stdout).not.toContain('outside-area');
    const listed = await runCliInProcess(['--file', file, 'list']);
    expect(listed.stdout.split('\n')[0]).toBe('1  top  [ ]  Top: T');
    // Above every heading of a file without a title is still outside.
    const bare = tempFile('- [ ] Loose: [Paper](https://x.org/l)\n\n## A\n\n- [ ] One: [Paper](https://x.org/1)\n');
    expect((await runCliInProcess(['--file', bare, 'lint'])).stdout).toContain('outside-area');
  });
});

describe('links (item 6)', () => {
  it('note on a table row names the old URL and needs --force; open prefers the Paper link', async () => {
    const file = tempFile(TABLE_LIST);
    const refused = await runCliInProcess(['--file', file, 'note', 'tvm', 'https://x.org/p.pdf', '--label', 'Paper']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'papers: tvm already has a Paper link (https://www.usenix.org/system/files/osdi18-chen.pdf); pass --force to replace it, or --label to add another\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(TABLE_LIST);
    const opened = await runCliInProcess(['--file', file, 'open', 'tvm']);
    expect(opened.stdout).toBe('https://www.usenix.org/system/files/osdi18-chen.pdf\n');
    const json = await runCliInProcess(['--file', file, 'open', 'tvm', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      id: 'tvm',
      title: 'TVM: An Automated End-to-End Optimizing Compiler',
      label: 'Paper',
      url: 'https://www.usenix.org/system/files/osdi18-chen.pdf',
      target: 'https://www.usenix.org/system/files/osdi18-chen.pdf',
    });
    const replaced = await runCliInProcess([
      '--file',
      file,
      'note',
      'tvm',
      'https://x.org/p.pdf',
      '--label',
      'Paper',
      '--force',
    ]);
    expect(replaced.stdout).toBe(
      "Replaced the Paper link of TVM (OSDI'18) (was https://www.usenix.org/system/files/osdi18-chen.pdf)\n",
    );
  });
});

describe('the table on a terminal (item 7)', () => {
  const titles = [
    'Cross-Domain Few-Shot Learning with Task-Specific Adapters',
    'Cross-Domain Adaptive Clustering for Semi-Supervised Domain Adaptation',
    'Mirage: A Multi-Level Superoptimizer for Tensor Programs',
    'Mirage Persistent Kernel: A Compiler and Runtime for Mega-Kernelizing Tensor Programs',
    'Cross Attention Fusion for Multimodal Transformers Everywhere',
    'Deep Learning Compiler Survey Extended Edition',
    'Deep Learning Compilers and Their Many Intermediate Representations',
  ];
  it('every short id reads back as its paper, and none is cut or ends in `-`', async () => {
    const doc = parseDocument(`## A\n\n${titles.map((title) => `- [ ] ${title}`).join('\n')}\n`);
    const table = await renderPapersTable(doc.papers, NO_COLORS, { width: 160, terminal: true, all: doc.papers });
    const shown = [...table].slice(1).map((line) => line.trim().split(/\s+/)[1]!);
    expect(shown).toHaveLength(titles.length);
    shown.forEach((id, i) => {
      expect(id, id).not.toMatch(/[…-]$/);
      expect(resolvePaper(doc.papers, id), id).toBe(doc.papers[i]);
    });
  });

  it('a short id never cuts a character in two: a letter from its marks, a surrogate pair', async () => {
    const scripts = [
      'abcde fghij किताब पढ़ना',
      'abcde fghij खाना',
      'abcde fghij 𠮷野家 研究',
      'abcde fghij 𠮷田 研究',
      'Café Résumé Systems'.normalize('NFD'),
      'Café Résumé Studies'.normalize('NFD'),
      // A conjunct (क्ष: a letter, a virama, a letter) is one character too.
      'कखगघ छजझञ क्षमाघर',
      'कखगघ छजझञ खानाघर',
    ];
    const doc = parseDocument(`## A\n\n${scripts.map((title) => `- [ ] ${title}`).join('\n')}\n`);
    const table = await renderPapersTable(doc.papers, NO_COLORS, { width: 160, terminal: true, all: doc.papers });
    const shown = [...table].slice(1).map((line) => line.trim().split(/\s+/)[1]!);
    expect(shown).toHaveLength(scripts.length);
    shown.forEach((id, i) => {
      // Whole characters: what follows the cut in the id is no mark and no second half of a pair.
      const whole = doc.papers[i]!.id;
      expect(whole.startsWith(id), id).toBe(true);
      const ends = new Set(
        [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(whole)].map((s) => s.index),
      );
      expect(id.length === whole.length || ends.has(id.length), `${id} of ${whole}`).toBe(true);
      expect(resolvePaper(doc.papers, id), id).toBe(doc.papers[i]);
    });
  });

  it('the area column keeps the leaf whole', async () => {
    const doc = parseDocument(TABLE_LIST);
    const table = [
      ...(await renderPapersTable(doc.papers, NO_COLORS, { width: 120, terminal: true, all: doc.papers })),
    ].join('\n');
    expect(table).toContain('…/Compute-Communication Overlap');
  });
});

describe('help and behaviour agree (item 8)', () => {
  it('lint --help names every rule; no help shows (default: [])', async () => {
    const { RULES } = await import('../src/core/query/lint.js');
    const help = (await runCliInProcess(['lint', '--help'])).stdout;
    for (const rule of RULES) expect(help, rule).toContain(rule);
    expect(help).not.toContain('(default: [])');
    const ignored = await runCliInProcess([
      '--file',
      EXAMPLE,
      'lint',
      '--ignore',
      'no-link',
      '--ignore',
      'venue,counts',
    ]);
    expect(ignored.stdout).not.toMatch(/ (no-link|venue|counts) /);
  });

  it('lint --fix --dry-run exits as lint --fix does, writing nothing', async () => {
    const text = '## A\n\n- [ ] One\n- [ x] Two: [P](https://x.org/2)\n';
    const dry = tempFile(text);
    const real = tempFile(text);
    const dryRun = await runCliInProcess(['--file', dry, 'lint', '--fix', '--dry-run']);
    const fixed = await runCliInProcess(['--file', real, 'lint', '--fix']);
    expect(fixed.status).toBe(1);
    expect(dryRun.status).toBe(fixed.status);
    expect(readFileSync(dry, 'utf8')).toBe(text);
    expect(dryRun.stdout).toContain('no-link');
  });

  it('one style of "did you mean"', async () => {
    const option = await runCliInProcess(['list', '--are', 'x']);
    expect(option.stderr).toBe("papers: unknown option '--are'; did you mean --area?\n");
    const command = await runCliInProcess(['lis']);
    expect(command.stderr).toBe("papers: unknown command 'lis'; did you mean `papers list`?\n");
  });

  it('--json on completion and cite; list --json prints only JSON on stderr; a refused duplicate exits 1', async () => {
    const completion = JSON.parse((await runCliInProcess(['completion', '--json'])).stdout) as {
      commands: { names: string[]; argument: string | null }[];
    };
    expect(completion.commands.find((command) => command.names[0] === 'done')!.argument).toBe('unread');
    const cite = await runCliInProcess(['--file', EXAMPLE, 'cite', 'roller', '--offline', '--json']);
    expect(cite.status, cite.stderr).toBe(0);
    expect(JSON.parse(cite.stdout)[0]).toMatchObject({ id: 'roller' });

    const dir = tempDir();
    writeFileSync(join(dir, '.papers.json'), '{"formats": []}');
    const list = tempCopy(EXAMPLE);
    writeFileSync(join(dir, 'README.md'), readFileSync(list));
    // A config file others may write is ignored with a warning: JSON under --json.
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, '.papers.json'), 0o666);
    const listed = await runCliInProcess(['list', '--json'], { cwd: dir });
    expect(listed.status).toBe(0);
    for (const line of listed.stderr.split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();

    const duplicate = await runCliInProcess([
      '--file',
      list,
      'add',
      'ROLLER: Fast and Efficient Tensor Compilation for Deep Learning',
      '--area',
      'OS',
    ]);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/has the same title; add --force/);
  });
});
