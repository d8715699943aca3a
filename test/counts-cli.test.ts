/** Summary counts kept by the commands that take papers out: a paper's subtasks go with it, and are counted out. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir, tempFile } from './helpers.js';

describe('count badges after a paper with subtasks leaves the list', () => {
  const badges = (read: number, total: number) =>
    `![](https://img.shields.io/badge/Papers-${total}-blue) ![](https://img.shields.io/badge/Read-${read}-green)\n`;
  const children = Array.from({ length: 5 }, (_, i) => `  - [${i < 2 ? 'x' : ' '}] Child Paper ${i + 1}\n`).join('');
  const body = `## A\n\n- [x] Parent Paper\n${children}- [ ] Other Paper\n- [x] Third Paper\n`;

  it('rm counts the subtasks out too (the badges say what list then reads)', async () => {
    const file = tempFile(`# R\n\n${badges(4, 8)}\n${body}`);
    const rm = await runCliInProcess(['--file', file, 'rm', 'parent-paper', '--yes']);
    expect(rm.status, rm.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`# R\n\n${badges(1, 2)}\n## A\n\n- [ ] Other Paper\n- [x] Third Paper\n`);
  });

  it('mv to another list of the repository: each file keeps counts that match its papers', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), `# A\n\n${badges(4, 8)}\n${body}`);
    writeFileSync(join(dir, 'b.md'), `# B\n\n${badges(0, 1)}\n## Y\n\n- [ ] Beta Paper\n`);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const mv = await runCliInProcess(['mv', 'parent-paper', '--area', 'b.md/Y'], { cwd: dir });
    expect(mv.status, mv.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(
      `# A\n\n${badges(1, 2)}\n## A\n\n- [ ] Other Paper\n- [x] Third Paper\n`,
    );
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(
      `# B\n\n${badges(3, 7)}\n## Y\n\n- [ ] Beta Paper\n- [x] Parent Paper\n${children}`,
    );
  });
});

describe('the paper count a write leaves for the next write’s damaged-file check', () => {
  it('the list that receives a paper and its 24 subtasks counts them: cut to 2 by hand, the next write is refused', async () => {
    const dir = tempDir();
    const children = Array.from({ length: 24 }, (_, i) => `  - [ ] Child Paper ${i + 1}\n`).join('');
    writeFileSync(join(dir, 'one.md'), `# One\n\n## A\n\n- [ ] Big Parent Paper\n${children}- [ ] Other Paper\n`);
    writeFileSync(join(dir, 'two.md'), '# Two\n\n## B\n\n- [ ] Beta Paper\n');
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const env = { PAPERS_SETTLE_MS: '0' };
    const mv = await runCliInProcess(['mv', 'big-parent-paper', '--area', 'two.md/B'], { cwd: dir, env });
    expect(mv.status, mv.stderr).toBe(0);
    const cut = '# Two\n\n## B\n\n- [ ] Beta Paper\n- [ ] Gamma Paper\n';
    writeFileSync(join(dir, 'two.md'), cut);
    const done = await runCliInProcess(['--file', 'two.md', 'done', 'beta-paper'], { cwd: dir, env });
    expect(done.status).toBe(1);
    expect(done.stderr).toMatch(/now holds 2 papers where papers saw 26/);
    expect(readFileSync(join(dir, 'two.md'), 'utf8')).toBe(cut);
  });
});
