/**
 * A burst of writers (#21, item 9): 14 `done` processes started at once on different papers of one list
 * all land, each exits 0, and no write is lost, with the lock wait the product has (not the tests' ten
 * minutes): each writer holds the lock only to re-read, check and write, so none waits for long.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliAsync, runCliInProcess, tempFile } from './helpers.js';

const AREAS = ['Systems', 'Compilers', 'Learning'];
const LIST = [
  '# Reading',
  '',
  ...AREAS.flatMap((area, a) => [
    `## ${area}`,
    '',
    ...Array.from({ length: 8 }, (_, k) => `- [ ] ${area}${k + 1}: A paper on ${area.toLowerCase()}[OSDI'2${a}]`),
    '',
  ]),
].join('\n');

describe('a burst of writers', () => {
  it('14 done at once on one list: all exit 0, and every paper is marked', { timeout: 300_000 }, async () => {
    const file = tempFile(LIST, 'reading.md');
    // (a warm cache, as a user's would be)
    expect((await runCliInProcess(['--file', file, 'list'])).status).toBe(0);
    const ids = AREAS.flatMap((area) => [1, 2, 3, 4, 5].map((k) => `${area.toLowerCase()}${k}`)).slice(0, 14);
    const env = { PAPERS_LOCK_TIMEOUT_MS: undefined };
    const results = await Promise.all(ids.map((id) => runCliAsync(['--file', file, 'done', id], { env })));
    for (const [i, result] of results.entries()) expect(result.status, `${ids[i]}: ${result.stderr}`).toBe(0);
    let expected = LIST;
    for (const id of ids) {
      const [, area, k] = /^([a-z]+)(\d+)$/.exec(id)!;
      const title = `${area![0]!.toUpperCase()}${area!.slice(1)}${k}:`;
      expected = expected.replace(`- [ ] ${title}`, `- [x] ${title}`);
    }
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // Each write is its own step in the journal.
    const undo = await runCliInProcess(['--file', file, 'undo', '--list']);
    expect(undo.stdout.split('\n').filter((line) => / Marked .* as read$/.test(line))).toHaveLength(14);
  });
});
