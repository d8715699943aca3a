/**
 * Which paper a number or an id names is decided on the text, not on a cached model (#21: derived data
 * never decides which bytes change). A planted entry with right checksums whose model leaves out a paper
 * in a part the write does not touch shifts every number after it and frees the id it held; `done 7`,
 * `done roller` and `done roller-2` must still mark the paper a fresh parse gives that name.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinInProcess, runCliInProcess, tempDir, tempFile } from './helpers.js';

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/**
 * Plants, as the cache entry of `text`, the entry papers made for `decoy` (the same text with a paper's
 * line turned into a plain line of the same length): every checksum and every checkbox is right.
 */
async function plant(text: string, decoy: string): Promise<{ file: string; env: Record<string, string> }> {
  expect(decoy.length).toBe(text.length);
  const cache = tempDir();
  const env = { XDG_CACHE_HOME: cache };
  const file = tempFile(text, 'reading.md');
  const other = tempFile(decoy, 'decoy.md');
  expect((await runBinInProcess(['--file', other, 'list'], { env })).status).toBe(0);
  const dir = join(cache, 'papers');
  copyFileSync(join(dir, `${sha1(readFileSync(other))}.entry`), join(dir, `${sha1(readFileSync(file))}.entry`));
  // The planted model is the one a read shows: the paper is gone from it.
  const listed = await runBinInProcess(['--file', file, 'list'], { env });
  expect(listed.stdout.trim().split('\n')).toHaveLength(text.split('- [ ]').length - 1); // (the rows, one fewer, and the summary line)
  return { file, env };
}

const lines = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `- [ ] ${prefix} ${i + 1}: Paper number ${i + 1}`);

/** A part between the one a write touches and the one the decoy changes: a write re-reads the part before its own. */
const MIDDLE = ['', '## M', '', '- [ ] Middle: Between', ''];

/** Parts A, M and B: three papers in A, one in M and five in B. */
const NUMBERED = ['## A', '', ...lines(3, 'Alpha'), ...MIDDLE, '## B', '', ...lines(5, 'Beta'), ''].join('\n');

describe('a planted model that leaves out a paper before the one named', () => {
  it('done <number> marks the paper at that number in the text', async () => {
    // The decoy drops Alpha 2 (in part A): the cached #6 is the text's #7, #8 the text's #9.
    const decoy = NUMBERED.replace('- [ ] Alpha 2', '- ... Alpha 2');
    for (const n of [6, 8]) {
      const { file, env } = await plant(NUMBERED, decoy);
      const result = await runBinInProcess(['--file', file, 'done', String(n)], { env });
      expect(result.status, result.stderr).toBe(0);
      const expected = NUMBERED.split('\n');
      let left = n;
      const at = expected.findIndex((line) => line.startsWith('- [ ]') && --left === 0);
      expected[at] = expected[at]!.replace('- [ ]', '- [x]');
      expect(readFileSync(file, 'utf8')).toBe(expected.join('\n'));
    }
  });

  /** Two papers with the same title: the first is `roller`, the second `roller-2`. */
  const TWINS = ['## A', '', '- [ ] Roller', '- [ ] Welder', ...MIDDLE, '## B', '', '- [ ] Roller', ''].join('\n');

  it('done <id> marks the paper that has the id in the text, when the model gave it to another', async () => {
    // The decoy drops the first Roller: the cached model gives `roller` to the second.
    const decoy = TWINS.replace('- [ ] Roller\n- [ ] Welder', '- ... Roller\n- [ ] Welder');
    const { file, env } = await plant(TWINS, decoy);
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], { env });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(TWINS.replace('- [ ] Roller', '- [x] Roller'));
  });

  it('done <id with a number> (roller-2) marks the paper that has it in the text', async () => {
    // Two Rollers in part A (roller, roller-2), a third in part B (roller-3). The decoy drops the first:
    // the cached model gives roller-2 to the one in B.
    const THREE = ['## A', '', '- [ ] Roller', '- [ ] Roller', ...MIDDLE, '## B', '', '- [ ] Roller', ''].join('\n');
    const decoy = THREE.replace('- [ ] Roller\n- [ ] Roller', '- ... Roller\n- [ ] Roller');
    const { file, env } = await plant(THREE, decoy);
    const result = await runBinInProcess(['--file', file, 'done', 'roller-2'], { env });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(THREE.replace('- [ ] Roller\n- [ ] Roller', '- [ ] Roller\n- [x] Roller'));
  });

  it('done <the start of an id> is ambiguous when the text has two papers it could be, one left out of the model', async () => {
    const TWO = ['## A', '', '- [ ] Rollerblade: Skates', ...MIDDLE, '## B', '', '- [ ] Rollercoaster: Rides', ''].join(
      '\n',
    );
    const { file, env } = await plant(TWO, TWO.replace('- [ ] Rollerblade', '- ... Rollerblade'));
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/"roller" matches 2 papers/);
    expect(readFileSync(file, 'utf8')).toBe(TWO);
  });

  it('open <number> hands the browser the link of the paper the text gives that name', async () => {
    const text = NUMBERED.replace(/(Beta (\d+): Paper number \d+)/g, '$1 [[Paper](https://b.org/$2)]');
    const decoy = text.replace('- [ ] Alpha 2', '- ... Alpha 2');
    const { file, env } = await plant(text, decoy);
    // The text's #7 is Beta 3; the planted model's #7 is Beta 4.
    const result = await runCliInProcess(['--file', file, 'open', '7', '--print'], { env });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('https://b.org/3\n');
  });
});
