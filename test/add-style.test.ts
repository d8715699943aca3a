/**
 * `add` writes the new line in the style of the area's items (and of the file for what the area's
 * items lack), part by part, and the read-back check compares the whole line: no stray bracket.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCli, tempCopy, tempFile } from './helpers.js';

/** Runs `add` on a list holding `lines` under `## A` and returns the line it added. */
function addTo(lines: string[], args: string[]): string {
  const file = tempFile(`## A\n\n${lines.join('\n')}\n`);
  const result = runCli(['--file', file, 'add', ...args, '--area', 'A']);
  expect(result.status, result.stderr).toBe(0);
  const after = readFileSync(file, 'utf8').split('\n');
  return after[lines.length + 2]!;
}

describe('add: no stray text from a neighbour', () => {
  it('a template that ends with its venue leaves no `[` or `(` behind', () => {
    const file = tempCopy(EXAMPLE);
    expect(runCli(['--file', file, 'add', 'Attention Is All You Need', '--area', 'Deep Learning', '--venue', "NeurIPS'17", '--read']).status).toBe(0);
    const second = runCli(['--file', file, 'add', 'BERT: Pre-training of Deep Bidirectional Transformers', '--area', 'Deep Learning']);
    expect(second.status, second.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('- [x] Attention Is All You Need[NeurIPS\'17]\n');
    expect(text).toMatch(/\n- \[ \] BERT: Pre-training of Deep Bidirectional Transformers\n$/);

    expect(addTo(['- [ ] Foo (ICML 2020)'], ['Plain'])).toBe('- [ ] Plain');
    expect(addTo(['- [ ] Foo (ICML 2020)'], ['Plain', '--venue', 'NeurIPS 2021'])).toBe('- [ ] Plain (NeurIPS 2021)');
  });

  it('an empty tag `[]` is not copied, and no double space', () => {
    expect(addTo(['- [ ] [] Title one', '- [ ] [] Title two'], ['QA Probe'])).toBe('- [ ] QA Probe');
  });
});

describe('add: each part of the style is learned from the area, then the file', () => {
  const paper = ['--paper', 'https://x.org/new.pdf'];
  const note = ['--note', 'https://n.org/new'];

  it('a venue before the title stays before it when links are given', () => {
    expect(addTo(["- [ ] [OSDI'22] Title one"], ['New', '--venue', "SOSP'19", ...paper])).toBe("- [ ] [SOSP'19] New [[Paper](https://x.org/new.pdf)]");
    expect(addTo(["- [ ] **[OSDI'22]** Title one"], ['New', '--venue', "SOSP'19", ...paper])).toBe(
      "- [ ] **[SOSP'19]** New [[Paper](https://x.org/new.pdf)]",
    );
  });

  it('the link format of the area is kept for every link, the note too', () => {
    expect(addTo(['- [ ] Title one \\[[paper](https://a.org/x)\\]', '- [ ] Title two'], ['New', ...paper, ...note])).toBe(
      '- [ ] New \\[[paper](https://x.org/new.pdf)\\] \\[[note](https://n.org/new)\\]',
    );
  });

  it('a title written as the link to the paper', () => {
    expect(addTo(['- [ ] [Title one](https://a.org/x)'], ['New', ...paper])).toBe('- [ ] [New](https://x.org/new.pdf)');
  });

  it("the area's label for the paper link (pdf, arXiv) and its case, and its parentheses", () => {
    expect(addTo(['- [ ] One ([arXiv](https://arxiv.org/abs/1))', '- [ ] Two ([arXiv](https://arxiv.org/abs/2))'], ['New', ...paper])).toBe(
      '- [ ] New ([arXiv](https://x.org/new.pdf))',
    );
    expect(addTo(['- [ ] One [[pdf](https://a.org/1)]', '- [ ] Two'], ['New', ...paper, ...note])).toBe('- [ ] New [[pdf](https://x.org/new.pdf)] [[note](https://n.org/new)]');
  });

  it('a part the area lacks comes from the rest of the file', () => {
    const file = tempFile(
      "## A\n\n- [ ] [OSDI'22] One\n- [ ] [SOSP'19] Two\n\n## B\n\n- [ ] Three \\[[pdf](https://a.org/3)\\] \\[[code](https://c.org/3)\\]\n",
    );
    const result = runCli(['--file', file, 'add', 'New', '--area', 'A', '--venue', "ATC'23", ...paper, ...note]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[4]).toBe("- [ ] [ATC'23] New \\[[pdf](https://x.org/new.pdf)\\] \\[[note](https://n.org/new)\\]");
  });
});
