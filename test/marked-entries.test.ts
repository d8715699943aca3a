/** add and mv in lists of marked entries (`- Title ✅`, `- ✅ Title`): no entry is lost or hidden. */
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

  it.each([['## A\n\n- Alpha paper ✅\n- Beta paper ⬜\n'], ['## A\n\n- ✅ Alpha paper\n- ⬜ Beta paper\n']])(
    'add refuses an item that would change how the entries around it read, and writes nothing (%#)',
    async (text) => {
      // It wrote `- Beta paper[ ] Zeta paper` (end markers) or `-[ ] Zeta paper` (start markers); a task
      // item there hides the entries around it.
      const file = tempFile(text);
      const result = await runCliInProcess(['--file', file, 'add', 'Zeta paper', '--area', 'A']);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/add the line by hand/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('add still writes a task item in a task area of a file that also has marked entries', async () => {
    const file = tempFile('## A\n\n- [ ] Alpha paper\n\n## B\n\n- ✅ Gamma\n');
    const result = await runCliInProcess(['--file', file, 'add', 'Zeta paper', '--area', 'A']);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('## A\n\n- [ ] Alpha paper\n- [ ] Zeta paper\n\n## B\n\n- ✅ Gamma\n');
  });
});
