/**
 * `list` writes its table in blocks of lines (papers-table.ts papersTableText, BLOCK_ROWS at a time), from one array
 * of pieces written over for each block: a long list must still print every paper once, in order, each
 * line as it would print alone, with and without colours, on a pipe and cut to a terminal's width.
 */
import { describe, expect, it } from 'vitest';
import { runBinInProcess, tempFile } from './helpers.js';

/**
 * A list of `count` papers over several blocks of output: papers above the first heading (no area: their
 * lines end in the venue or the title, and are trimmed), titles of every length (cut at a width), no
 * venue on a third, and an area with a long name.
 */
function longList(count: number): string {
  const lines = ['# Papers', ''];
  for (let i = 0; i < count; i++) {
    if (i === 400) lines.push('## Systems', '');
    if (i === 1700) lines.push('## A Rather Long Area Name That A Terminal Cuts', '', '### Leaf', '');
    const venue = i % 3 === 0 ? '' : `[OSDI'${10 + (i % 14)}]`;
    const words = ' word'.repeat((i * 7) % 41);
    lines.push(
      `- [${i % 4 === 0 ? 'x' : ' '}] Paper ${i}${words} end${venue}: [[Paper](https://example.org/${i}.pdf)]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const ANSI = /\x1b\[[0-9;]*m/g;

describe('a list longer than a block of output', () => {
  const file = tempFile(longList(2600));

  // (Coloured, an empty last cell keeps its padding inside its colour codes, as before: a terminal shows none.)
  it.each([
    ['a pipe', {}, true],
    ['a pipe, colours forced', { FORCE_COLOR: '1' }, false],
    ['40 columns, colours forced', { FORCE_COLOR: '1', COLUMNS: '40' }, false],
  ])('prints each paper once, in order (%s)', async (_, env, trimmed) => {
    const json = await runBinInProcess(['--file', file, 'list', '--json']);
    const ids = (JSON.parse(json.stdout) as { id: string }[]).map((paper) => paper.id);
    expect(ids).toHaveLength(2600);
    const result = await runBinInProcess(['--file', file, 'list'], { env });
    expect(result.status).toBe(0);
    const lines = result.stdout.replace(ANSI, '').split('\n');
    // The rows, then the summary line, then the end.
    expect(lines).toHaveLength(ids.length + 2);
    const rows = lines.slice(0, ids.length);
    expect(rows.map((line) => line.trim().split(/\s+/)[1])).toEqual(ids);
    if (trimmed) expect(rows.filter((line) => line !== line.trimEnd())).toEqual([]);
  });

  it('prints the lines of a block as each prints alone', async () => {
    const all = (await runBinInProcess(['--file', file, 'list'])).stdout.split('\n');
    // Each paper's line by itself: a filter that finds just that paper (its number, in a list of one).
    for (const i of [0, 249, 250, 251, 399, 999, 1000, 1999, 2599]) {
      const alone = await runBinInProcess(['--file', file, 'list', '--search', `Paper ${i} `]);
      const line = alone.stdout.split('\n')[0]!.trim();
      expect(all[i]!.trim().replace(/\s+/g, ' '), `paper ${i}`).toBe(line.replace(/\s+/g, ' '));
    }
  });
});
