/** add and mv in lists of marked entries (`- Title ✅`, `- ✅ Title`): in their style, no entry lost or hidden. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, tempFile } from './helpers.js';

describe('marked entries', () => {
  it.each([
    [
      '## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n\n## B\n\n- Gamma paper ✅\n- Delta ⬜\n',
      '## A\n\n- Alpha paper ✅\n\n## B\n\n- Gamma paper ✅\n- Delta ⬜\n- Beta paper ⬜\n',
    ],
    [
      '## A\n\n- ✅ Alpha paper\n- ⬜ Beta paper\n\n## B\n\n- ✅ Gamma paper\n- ⬜ Delta\n',
      '## A\n\n- ✅ Alpha paper\n\n## B\n\n- ✅ Gamma paper\n- ⬜ Delta\n- ⬜ Beta paper\n',
    ],
  ])('mv moves an entry whole, its marker where it was (%#)', async (text, moved) => {
    // An entry whose marker ends it was moved as its marker alone, under the target's last entry's
    // words: `- Delta ⬜` twice, Beta paper's title gone.
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'mv', 'beta-paper', '--area', 'B']);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(moved);
    expect((await listJsonInProcess(file)).map((paper) => [paper.id, paper.state, paper.area])).toEqual([
      ['alpha-paper', 'read', ['A']],
      ['gamma-paper', 'read', ['B']],
      ['delta', 'unread', ['B']],
      ['beta-paper', 'unread', ['B']],
    ]);
  });

  // Found by a review: each moved line changed how the entries around it read (a lost entry, hidden
  // entries, new ones, a marker read as part of a title); mv now reads the file back and refuses.
  it.each([
    [
      '# L\n\n## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n\n## B\n\n- [x] Gamma paper\n- [ ] Delta paper\n',
      'beta-paper',
      'B',
    ],
    [
      '# L\n\n## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n\n## B\n\n- [x] Gamma paper\n- [ ] Delta paper\n',
      'delta-paper',
      'A',
    ],
    [
      '# L\n\n## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n- Some plain link\n\n## B\n\n- Gamma paper ✅\n- Delta paper ⬜\n',
      'beta-paper',
      'B',
    ],
    [
      '# L\n\n## A\n\n- Alpha paper ✔️\n- Beta paper ❌\n\n## B\n\n- ✅ Gamma paper\n- ⬜ Delta paper\n',
      'beta-paper',
      'B',
    ],
    [
      '# L\n\n## A\n\n- ✅ Alpha paper\n- ⬜ Beta paper\n  continued note\n\n## B\n\n> - ✅ Gamma paper\n> - ⬜ Delta paper\n',
      'beta-paper-continued',
      'B',
    ],
  ])('mv refuses a move that would change how the entries read, and writes nothing (%#)', async (text, id, area) => {
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'mv', id, '--area', area]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/move it by hand/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it.each([
    ['## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n', [], '## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n- Zeta paper ⬜\n'],
    [
      '## A\n\n- ✅ Alpha paper\n- ⬜ Beta paper\n',
      ['--read'],
      '## A\n\n- ✅ Alpha paper\n- ⬜ Beta paper\n- ✅ Zeta paper\n',
    ],
    [
      '## A\n\n- Alpha paper [Paper](https://a.org) ✅\n- Beta paper [Paper](https://b.org) ⬜\n',
      ['--paper', 'https://z.org'],
      '## A\n\n- Alpha paper [Paper](https://a.org) ✅\n- Beta paper [Paper](https://b.org) ⬜\n- Zeta paper [Paper](https://z.org) ⬜\n',
    ],
  ])("add writes an entry in its area's marker style (%#)", async (text, options, written) => {
    // It wrote `- Beta paper[ ] Zeta paper` (end markers) or `-[ ] Zeta paper` (start markers); and a task
    // item there makes the entries around it read as no papers.
    const file = tempFile(text);
    const before = await listJsonInProcess(file);
    const result = await runCliInProcess(['--file', file, 'add', 'Zeta paper', '--area', 'A', ...options]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(written);
    const after = await listJsonInProcess(file);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ id: 'zeta-paper', state: options.includes('--read') ? 'read' : 'unread' });
  });

  it('add refuses an entry whose state no entry of the area shows, and writes nothing', async () => {
    const text = '## A\n\n- Alpha paper ✅\n- Beta paper ✅\n';
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'add', 'Zeta paper', '--area', 'A']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/none of them is unread/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('add still writes a task item in a task area of a file that also has marked entries', async () => {
    const file = tempFile('## A\n\n- [ ] Alpha paper\n\n## B\n\n- ✅ Gamma\n');
    const result = await runCliInProcess(['--file', file, 'add', 'Zeta paper', '--area', 'A']);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('## A\n\n- [ ] Alpha paper\n- [ ] Zeta paper\n\n## B\n\n- ✅ Gamma\n');
  });
});
