/** `papers explain`: how each list and table was read, its markers, and what was skipped and why. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, tempFile } from './helpers.js';

describe('papers explain', () => {
  it('a task list: its lines, the checkbox, its markers', async () => {
    const result = await runCliInProcess(['--file', EXAMPLE, 'explain']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^.*paper-reading\.md: 23 papers \(11 read, 12 unread\)/);
    expect(result.stdout).toContain('lines 7-25: task list, 10 papers; state: the checkbox');
    expect(result.stdout).toContain('markers: [ ] unread x6, [x] read x4');
  });

  it('a table: the status column and how it was found, the markers with their meanings, the columns; what was skipped', async () => {
    const text = [
      '# Reading',
      '',
      'Legend: ✅ read, ☑️ reading, 🔲 to read',
      '',
      '| 논문제목 | 연도 | 읽음 | 코드 |',
      '|---|---|---|---|',
      '| Attention | 2017 | ✅ | ✅ |',
      '| BERT | 2018 | ☑️ | ❌ |',
      '| GPT | 2018 | 🔲 | ✅ |',
      '',
      '| Dataset | Accuracy |',
      '|---|---|',
      '| MNIST | 99% |',
      '',
      '- a plain link',
      '- another',
      '',
    ].join('\n');
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'explain']);
    expect(result.stdout).toContain('3 papers (1 read, 1 reading, 1 unread)');
    expect(result.stdout).toContain('lines 5-9: table, 3 papers; state: column 3 "읽음" (named so)');
    expect(result.stdout).toContain('markers: ✅ read x1, ☑️ being read x1, 🔲 unread x1');
    expect(result.stdout).toContain('columns: title 1 "논문제목"; venue none; year 2 "연도"; links none');
    expect(result.stdout).toContain("legend (the file's own): ✅ read, ☑ being read, 🔲 unread");
    expect(result.stdout).toMatch(/lines 11-13: table: no status column: .*\(header: Dataset \| Accuracy\)/);
    expect(result.stdout).toMatch(/lines 15-16: 1 list \(2 items\): no checkboxes/);
    const json = JSON.parse((await runCliInProcess(['--file', file, 'explain', '--json'])).stdout);
    expect(json.blocks[0]).toMatchObject({ kind: 'table', lines: [5, 9], papers: 3, read: 1, reading: 1 });
    expect(json.skipped).toHaveLength(2);
    expect(json.config).toBeNull();
  });

  it('an unrecognised file says so, and what to do', async () => {
    const file = tempFile(
      '# Notes\n\nSome prose about papers.\n\n- [Attention](https://x.org)\n- [BERT](https://y.org)\n',
    );
    const result = await runCliInProcess(['--file', file, 'explain']);
    expect(result.stdout).toContain('0 papers');
    expect(result.stdout).toContain('No papers found.');
    expect(result.stdout).toContain('papers track');
  });
});
