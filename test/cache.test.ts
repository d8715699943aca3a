/** The model cache never changes what papers shows: after our edits, an editor's, or a damaged entry. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, tempDir, tempFile } from './helpers.js';

async function listBoth(file: string, cache: string): Promise<[string, string]> {
  const cached = await runCliInProcess(['--file', file, 'list', '--json'], { env: { XDG_CACHE_HOME: cache } });
  const fresh = await runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } });
  expect(cached.status, cached.stderr).toBe(0);
  return [cached.stdout, fresh.stdout];
}

describe('model cache', () => {
  it('agrees with a fresh parse after done, note, add, rm and an editor save', async () => {
    const cache = tempDir();
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const steps: string[][] = [
      ['done', 'roller', 'taso'],
      ['undone', 'rammer'],
      ['note', 'welder', 'https://example.org/welder-notes'],
      ['add', 'Orca: A Distributed Serving System', '--area', 'MLSys/LLM Serving', '--venue', "OSDI'22"],
      ['rm', 'ray', '--yes'],
      ['mv', 'alpa', '--area', 'OS'],
    ];
    let [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    for (const step of steps) {
      const result = await runCliInProcess(['--file', file, ...step], { env: { XDG_CACHE_HOME: cache } });
      expect(result.status, result.stderr).toBe(0);
      [cached, fresh] = await listBoth(file, cache);
      expect(cached, step.join(' ')).toBe(fresh);
    }
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n- [x] Saved By An Editor[SOSP'24]\n`);
    [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    expect(cached).toContain('Saved By An Editor');
  });

  it('re-uses a part that ended inside an HTML block only together with what follows', async () => {
    const cache = tempDir();
    const file = tempFile('# T\n\n## A\n\n- [ ] Alpha\n\n<div align="center">\nMade with love\n', 'reading.md');
    await listBoth(file, cache);
    writeFileSync(file, `${readFileSync(file, 'utf8')}## B\n- [ ] Beta\n`);
    const [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    // `## B` and Beta are inside the HTML block (it runs to a blank line): not a paper, from the cache or not.
    const done = await runCliInProcess(['--file', file, 'done', 'beta'], { env: { XDG_CACHE_HOME: cache } });
    expect(done.status).toBe(1);
    expect(done.stderr).toMatch(/no paper matches "beta"/);
  });

  it('ignores damaged entries', async () => {
    const cache = tempDir();
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    await listBoth(file, cache);
    const dir = join(cache, 'papers');
    let damaged = 0;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const before = readFileSync(path, 'latin1');
      // Change a title inside the JSON without fixing the checksum, and truncate the offsets.
      if (name.endsWith('.facts')) writeFileSync(path, before.replace('"rammer","Rammer', '"rammer","Hacked'));
      if (name.endsWith('.detail')) writeFileSync(path, before.slice(0, 100));
      if (readFileSync(path, 'latin1') !== before) damaged++;
    }
    expect(damaged).toBe(2);
    const [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    const done = await runCliInProcess(['--file', file, 'done', 'roller'], { env: { XDG_CACHE_HOME: cache } });
    expect(done.status, done.stderr).toBe(0);
    expect((await listBoth(file, cache))[0]).toBe((await listBoth(file, cache))[1]);
  });
});
