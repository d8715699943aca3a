/** The model cache never changes what papers shows: after our edits, an editor's, or a damaged entry. */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteHooks } from '../src/store/settings.js';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/read/parse.js';
import { ModelCache } from '../src/store/cache.js';
import { Count, EolBit, HEADER_BYTES } from '../src/store/cache/layout.js';
import { editableEntry } from './cache-entry.js';
import { EXAMPLE, runCliInProcess, tempDir, tempFile } from './helpers.js';

async function listBoth(file: string, cache: string, hooks: WriteHooks = {}): Promise<[string, string]> {
  const cached = await runCliInProcess(['--file', file, 'list', '--json'], { env: { XDG_CACHE_HOME: cache }, hooks });
  const fresh = await runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } });
  expect(cached.status, cached.stderr).toBe(0);
  return [cached.stdout, fresh.stdout];
}

/**
 * `count` cache entries holding `content` in a fresh cache dir, one a minute older than the next (oldest
 * first, as their names sort): the cache dir (for XDG_CACHE_HOME), its papers folder and the names.
 */
function agedEntries(count: number, content: string | Buffer): { cache: string; dir: string; old: string[] } {
  const cache = tempDir();
  const dir = join(cache, 'papers');
  mkdirSync(dir, { recursive: true });
  const old = Array.from({ length: count }, (_, i) => `${i.toString(16).padStart(40, '0')}.entry`);
  const start = Date.now() / 1000 - count * 60;
  old.forEach((name, i) => {
    writeFileSync(join(dir, name), content);
    utimesSync(join(dir, name), start + i * 60, start + i * 60);
  });
  return { cache, dir, old };
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
    const entries = readdirSync(dir).filter((name) => name.endsWith('.entry'));
    expect(entries).toHaveLength(1);
    const path = join(dir, entries[0]!);
    const before = readFileSync(path);
    // A changed byte in the facts with the checksums left as they were; then an entry cut short.
    const changed = Buffer.from(before);
    changed[HEADER_BYTES + 40] = changed[HEADER_BYTES + 40]! ^ 0xff;
    for (const damaged of [changed, before.subarray(0, before.length - 100)]) {
      writeFileSync(path, damaged);
      const [cached, fresh] = await listBoth(file, cache);
      expect(cached).toBe(fresh);
    }
    writeFileSync(path, changed);
    const done = await runCliInProcess(['--file', file, 'done', 'roller'], { env: { XDG_CACHE_HOME: cache } });
    expect(done.status, done.stderr).toBe(0);
    expect((await listBoth(file, cache))[0]).toBe((await listBoth(file, cache))[1]);
  });

  it('a full cache is pruned to three quarters, oldest first, so that the next writes do not prune again', async () => {
    // 256 entries (the most kept), one a minute older than the next; a path record of a list in use.
    const { cache, dir, old } = agedEntries(256, 'stale');
    const record = `path-${'a'.repeat(40)}.txt`;
    writeFileSync(join(dir, record), 'kept');
    const entries = () => readdirSync(dir).filter((name) => name.endsWith('.entry'));
    const first = tempFile(readFileSync(EXAMPLE), 'one.md');
    await listBoth(first, cache);
    // 257 then: the 65 oldest go, 192 stay (the new one among them).
    expect(entries()).toHaveLength(192);
    expect(entries().filter((name) => old.includes(name))).toEqual(old.slice(65));
    expect(readdirSync(dir)).toContain(record);
    const second = tempFile(readFileSync(EXAMPLE, 'utf8').replace('ROLLER', 'ROLLEX'), 'two.md');
    await listBoth(second, cache);
    expect(entries()).toHaveLength(193);
  });

  it('keeps its entries within PAPERS_CACHE_MAX_MB: the oldest go, down to three quarters of it; the newest stays', async () => {
    // 20 entries of 16 KB, one a minute older than the next (a long list's versions, in small), and a
    // budget of 0.05 MB (52,428 bytes): far over it.
    const { cache, dir, old } = agedEntries(20, Buffer.alloc(16 * 1024));
    const record = `path-${'a'.repeat(40)}.txt`;
    writeFileSync(join(dir, record), 'kept');
    const env = { XDG_CACHE_HOME: cache, PAPERS_CACHE_MAX_MB: '0.05' };
    const entries = () => readdirSync(dir).filter((name) => name.endsWith('.entry'));
    const bytes = () => entries().reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    const first = tempFile(readFileSync(EXAMPLE), 'one.md');
    const listed = await runCliInProcess(['--file', first, 'list', '--json'], { env });
    expect(listed.status, listed.stderr).toBe(0);
    // The seed's entry (~6 KB) and the newest old ones that fit in three quarters of the budget.
    const seedEntry = entries().find((name) => !old.includes(name))!;
    expect(seedEntry).toBeDefined();
    const seedBytes = statSync(join(dir, seedEntry)).size;
    const kept = Math.floor((0.75 * 0.05 * 1024 * 1024 - seedBytes) / (16 * 1024));
    expect(kept).toBeGreaterThan(0);
    expect(entries().filter((name) => old.includes(name))).toEqual(old.slice(20 - kept));
    expect(bytes()).toBeLessThanOrEqual(0.75 * 0.05 * 1024 * 1024);
    expect(readdirSync(dir)).toContain(record);
    // The cached model is the one a fresh parse gives.
    expect(listed.stdout).toBe(
      (await runCliInProcess(['--file', first, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } })).stdout,
    );
    // A short list's next entry fits: nothing goes.
    const before = entries();
    const second = tempFile(readFileSync(EXAMPLE, 'utf8').replace('ROLLER', 'ROLLEX'), 'two.md');
    expect((await runCliInProcess(['--file', second, 'list'], { env })).status).toBe(0);
    expect(entries()).toEqual(expect.arrayContaining(before));
    expect(entries()).toHaveLength(before.length + 1);
  });

  it('keeps the budget when the entries before are bigger than the new one, and when it is lowered', async () => {
    // Five old entries of 40 KB (a long list's versions): 200 KB, four times a budget of 0.05 MB, while
    // six entries the size of the seed's (~6 KB) would fit in it.
    const { cache, dir, old } = agedEntries(5, Buffer.alloc(40 * 1024));
    const entries = () => readdirSync(dir).filter((name) => name.endsWith('.entry'));
    const bytes = () => entries().reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    const recorded = () => Number(readFileSync(join(dir, 'entries-bytes.txt'), 'latin1'));
    const budget = 0.05 * 1024 * 1024;
    // A running total that is no whole number (empty here; `Number('')` is 0) is counted again, not trusted.
    writeFileSync(join(dir, 'entries-bytes.txt'), '');
    const first = tempFile(readFileSync(EXAMPLE), 'one.md');
    expect(
      (
        await runCliInProcess(['--file', first, 'list'], {
          env: { XDG_CACHE_HOME: cache, PAPERS_CACHE_MAX_MB: '0.05' },
        })
      ).status,
    ).toBe(0);
    // None of the old ones fits beside the seed's entry in three quarters of the budget.
    expect(entries().filter((name) => old.includes(name))).toEqual([]);
    expect(bytes()).toBeLessThanOrEqual(0.75 * budget);
    expect(recorded()).toBe(bytes());
    // The running total follows the entries stored after (no stat of every entry needed to know it).
    const second = tempFile(readFileSync(EXAMPLE, 'utf8').replace('ROLLER', 'ROLLEX'), 'two.md');
    const env = { XDG_CACHE_HOME: cache, PAPERS_CACHE_MAX_MB: '0.05' };
    expect((await runCliInProcess(['--file', second, 'list'], { env })).status).toBe(0);
    expect(entries()).toHaveLength(2);
    expect(recorded()).toBe(bytes());
    // A budget lowered below what the entries take: the next entry stored brings them within it.
    const third = tempFile(readFileSync(EXAMPLE, 'utf8').replace('ROLLER', 'ROLLEY'), 'three.md');
    const lowered = { XDG_CACHE_HOME: cache, PAPERS_CACHE_MAX_MB: '0.01' };
    expect((await runCliInProcess(['--file', third, 'list'], { env: lowered })).status).toBe(0);
    expect(entries()).toHaveLength(1);
    expect(recorded()).toBe(bytes());
  });

  it('an entry over the whole budget is still kept: the list it was stored for stays fast', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache, PAPERS_CACHE_MAX_MB: '0.001' };
    const file = tempFile(readFileSync(EXAMPLE), 'one.md');
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const done = await runCliInProcess(['--file', file, 'done', 'roller'], { env });
    expect(done.status, done.stderr).toBe(0);
    // The entry of the text before the done went; the one of the text now is kept (over 1 KB alone).
    const entries = readdirSync(join(cache, 'papers')).filter((name) => name.endsWith('.entry'));
    expect(entries).toEqual([`${createHash('sha1').update(readFileSync(file)).digest('hex')}.entry`]);
  });

  it('ignores a damaged entry of a long list (its sections summed natively: hash.ts checksum32)', async () => {
    const cache = tempDir();
    const items = Array.from(
      { length: 2500 },
      (_, i) => `- [ ] Long List Paper ${i}: On Things [OSDI'20]: [[Paper](https://example.org/${i}.pdf)]`,
    );
    const file = tempFile(`# Papers\n\n## Area\n\n${items.join('\n')}\n`, 'reading.md');
    await listBoth(file, cache);
    const dir = join(cache, 'papers');
    const [entry] = readdirSync(dir).filter((name) => name.endsWith('.entry'));
    const path = join(dir, entry!);
    const before = readFileSync(path);
    const factsBytes = before.readUInt32LE(16);
    expect(factsBytes).toBeGreaterThan(256 * 1024);
    // A byte of the facts' string blob (near their end: ids, titles), which no range check reads: only
    // the checksum can tell.
    const damaged = Buffer.from(before);
    const at = HEADER_BYTES + factsBytes - 64;
    damaged[at] = damaged[at]! ^ 0x01;
    writeFileSync(path, damaged);
    const [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    // The miss stored the entry afresh.
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('does not take another list’s entry put in this one’s place (found by review)', async () => {
    const cache = tempDir();
    const items = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `- [${i % 3 ? ' ' : 'x'}] Swap Paper ${i}: On Things [[Paper](https://example.org/${i}.pdf)]`,
      );
    const big = tempFile(`# Papers\n\n## Area\n\n${items(60).join('\n')}\n`, 'big.md');
    const small = tempFile(`# Papers\n\n## Area\n\n${items(7).join('\n')}\n`, 'small.md');
    await listBoth(big, cache);
    await listBoth(small, cache);
    const dir = join(cache, 'papers');
    const sized = readdirSync(dir)
      .filter((name) => name.endsWith('.entry'))
      .map((name) => ({ path: join(dir, name), size: statSync(join(dir, name)).size }))
      .sort((a, b) => a.size - b.size);
    expect(sized).toHaveLength(2);
    writeFileSync(sized[1]!.path, readFileSync(sized[0]!.path));
    const [cached, fresh] = await listBoth(big, cache);
    expect(cached).toBe(fresh);
  });

  it('lists a file still since it was fingerprinted by its identity, and a changed one afresh', async () => {
    const cache = tempDir();
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    await listBoth(file, cache);
    const dir = join(cache, 'papers');
    // A file changed moments ago is not remembered by its identity (it could change again in the same tick).
    expect(readdirSync(dir).filter((name) => name.startsWith('stat-'))).toEqual([]);
    await listBoth(file, cache, { now: () => Date.now() + 3200 });
    const records = readdirSync(dir).filter((name) => name.startsWith('stat-'));
    expect(records).toHaveLength(1);
    // The record is what is used: pointed at another stored text of the same shape (one title letter
    // changed, so another id), the list shows that text's id. (The cache directory is private.)
    const record = join(dir, records[0]!);
    const [size, mtime, ctime, , ...checked] = readFileSync(record, 'latin1').split(' ');
    const other = tempFile(readFileSync(file, 'utf8').replace('ROLLER: Fast', 'ROLLEX: Fast'), 'other.md');
    await listBoth(other, cache);
    // (The checksum of the bytes, which still holds: the file did not change.)
    writeFileSync(
      record,
      [size, mtime, ctime, createHash('sha1').update(readFileSync(other)).digest('hex'), ...checked].join(' '),
    );
    const trusted = await runCliInProcess(['--file', file, 'list', '--json'], { env: { XDG_CACHE_HOME: cache } });
    expect(trusted.stdout).toContain('"id": "rollex"');
    // Changed (same size): its identity changed, so it is fingerprinted again and shows what it holds.
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] ROLLER', '- [x] ROLLER'));
    const [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    expect(cached).toContain('"id": "roller"');
    expect(JSON.parse(cached).find((paper: { id: string }) => paper.id === 'roller').read).toBe(true);
  });

  it("a table read by the file's own legend (❎ read) is served from its entry, and remembered by its identity", async () => {
    // (❎ alone is no read mark: the check of a cached row by its marker alone refused the entry, so every
    // run parsed the file twice and never wrote its stat record. A real list: postsent/mindmap's README.)
    const cache = tempDir();
    const dir = join(cache, 'papers');
    const text =
      '# Papers\n\nLegend: ❎ read, 🔲 unread\n\n| Title | Status |\n| --- | --- |\n| Alpha Paper | ❎ |\n| Beta Paper | 🔲 |\n';
    const file = tempFile(text, 'reading.md');
    const [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    expect((JSON.parse(cached) as { read: boolean }[]).map((paper) => paper.read)).toEqual([true, false]);
    await listBoth(file, cache, { now: () => Date.now() + 3200 });
    expect(readdirSync(dir).filter((name) => name.startsWith('stat-'))).toHaveLength(1);
    // And a write on the cached model marks by the legend, one marker changed.
    const marked = await runCliInProcess(['--file', file, 'done', 'beta-paper'], { env: { XDG_CACHE_HOME: cache } });
    expect(marked.status, marked.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('| Beta Paper | 🔲 |', '| Beta Paper | ❎ |'));
  });

  it('checks a stat record by a copy of a small file, by the SHA-256 of a large one', async () => {
    const cache = tempDir();
    const dir = join(cache, 'papers');
    const later = { now: () => Date.now() + 3200 };
    const small = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const items = Array.from({ length: 1500 }, (_, i) => `- [ ] Paper Number ${i}: [[Paper](https://x.org/${i}.pdf)]`);
    const large = tempFile(`# Reading\n\n## A\n\n${items.join('\n')}\n`, 'large.md');
    expect(readFileSync(large).length).toBeGreaterThan(64 * 1024);
    const records: Record<string, Buffer> = {};
    for (const file of [small, large]) {
      await listBoth(file, cache);
      const before = new Set(readdirSync(dir));
      await listBoth(file, cache, later);
      const name = readdirSync(dir).find((entry) => entry.startsWith('stat-') && !before.has(entry));
      expect(name).toBeDefined();
      records[file] = readFileSync(join(dir, name!));
      // The record is trusted while the bytes hold: a list needs no hash of the file then.
      const [cached, fresh] = await listBoth(file, cache);
      expect(cached).toBe(fresh);
    }
    const bytes = readFileSync(small);
    const copy = records[small]!;
    expect(copy.subarray(copy.length - bytes.length - 1)).toEqual(Buffer.concat([Buffer.from('='), bytes]));
    expect(records[large]!.toString('latin1').split(' ')[4]).toBe(
      createHash('sha256').update(readFileSync(large)).digest('hex'),
    );
    // Pointed at another stored text (one title letter changed, so another id), the record is what is
    // used while its copy is the file's bytes; once the copy differs from them (same size), it is not.
    const name = readdirSync(dir).find(
      (entry) => entry.startsWith('stat-') && readFileSync(join(dir, entry)).equals(copy),
    );
    const other = tempFile(bytes.toString('latin1').replace('ROLLER: Fast', 'ROLLEX: Fast'), 'other.md');
    await listBoth(other, cache);
    const [size, mtime, ctime, , ...checked] = copy.toString('latin1').split(' ');
    const otherFingerprint = createHash('sha1').update(readFileSync(other)).digest('hex');
    const pointed = [size, mtime, ctime, otherFingerprint, ...checked].join(' ');
    writeFileSync(join(dir, name!), Buffer.from(pointed, 'latin1'));
    const trusted = await runCliInProcess(['--file', small, 'list', '--json'], { env: { XDG_CACHE_HOME: cache } });
    expect(trusted.stdout).toContain('"id": "rollex"');
    writeFileSync(join(dir, name!), Buffer.from(pointed.replace('Deep Learning', 'Deep Learnimg'), 'latin1'));
    const [cached, fresh] = await listBoth(small, cache);
    expect(cached).toBe(fresh);
    expect(cached).toContain('"id": "roller"');
  });

  it('agrees with a fresh parse after done and undone on table rows (markers swapped in place)', async () => {
    const cache = tempDir();
    const rows = [
      '| ⬜ | Alpha: One | OSDI |',
      '| ✅ | Beta: Two | SOSP |',
      '| ⬜ | Gamma: Three | ATC |',
      '| ⬜ 📝 | Delta: Four | NSDI |',
      '|  | Epsilon: Five | OSDI |',
    ];
    const text = `# Reading\n\n## Systems\n\n| Status | Paper | Venue |\n|---|---|---|\n${rows.join('\n')}\n\n## Other\n\n- [ ] Zeta: Six\n`;
    const file = tempFile(text, 'reading.md');
    const uncached = tempFile(text, 'reading.md');
    // ⬜ <-> ✅ swaps keep every offset (no parse); filling the empty cell inserts (parsed again).
    const steps = [
      ['done', 'alpha'],
      ['undone', 'beta'],
      ['done', 'gamma'],
      ['done', 'delta'],
      ['done', 'epsilon'],
      ['undone', 'alpha', 'delta'],
      ['done', 'zeta', 'beta'],
      ['undone', 'gamma'],
    ];
    let [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    for (const step of steps) {
      const viaCache = await runCliInProcess(['--file', file, ...step], { env: { XDG_CACHE_HOME: cache } });
      expect(viaCache.status, viaCache.stderr).toBe(0);
      const withoutCache = await runCliInProcess(['--file', uncached, ...step], { env: { PAPERS_NO_CACHE: '1' } });
      expect(viaCache.stdout).toBe(withoutCache.stdout);
      expect(readFileSync(file, 'utf8'), step.join(' ')).toBe(readFileSync(uncached, 'utf8'));
      [cached, fresh] = await listBoth(file, cache);
      expect(cached, step.join(' ')).toBe(fresh);
    }
    expect(readFileSync(file, 'utf8')).not.toBe(text);
    // The entry done/undone wrote is the model a fresh parse gives, field by field (row statuses too).
    const final = readFileSync(file, 'utf8');
    const stored = new ModelCache(join(cache, 'papers')).exact(createHash('sha1').update(final).digest('hex'), final);
    expect(stored).not.toBeNull();
    expect(JSON.parse(JSON.stringify(stored!.doc))).toEqual(
      JSON.parse(JSON.stringify(parseDocument(final, { reference: true }))),
    );
  });

  // A legend's meaning spans parts, so the write re-reads the list before it trusts the cached rows (#21:
  // derived data never decides which bytes change); the bytes and the entry it leaves are a fresh parse's.
  it('done and undone on a table list with a legend and count badges write what a fresh parse writes, and leave its entry', async () => {
    const cache = tempDir();
    // `> - ...` nests two deep: with PAPERS_MAX_DEPTH=1 any parse of this text is refused, so a run
    // that succeeds under it took its model from the cache.
    const text = [
      '# Reading',
      '',
      '![Read](https://img.shields.io/badge/Read-1-green) ![To Read](https://img.shields.io/badge/To_Read-2-orange)',
      '',
      '> - **Legend:** ✅ = Read | ⬜ = To Read',
      '',
      '## Systems',
      '',
      '| Status | Paper | Venue |',
      '|:---:|---|---|',
      '| ✅ | **Alpha: One** | OSDI |',
      '| ⬜ | **Beta: Two** | SOSP |',
      '| ⬜ | **Gamma: Three** | ATC |',
      '',
    ].join('\n');
    const file = tempFile(text, 'reading.md');
    const uncached = tempFile(text, 'reading.md');
    const env = { XDG_CACHE_HOME: cache };
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    expect((await runCliInProcess(['--file', file, 'list'], { env: { ...env, PAPERS_MAX_DEPTH: '1' } })).status).toBe(
      0,
    );
    for (const step of [
      ['done', 'beta'],
      ['undone', 'alpha'],
      ['done', 'gamma', 'alpha'],
    ]) {
      const viaCache = await runCliInProcess(['--file', file, ...step], { env });
      expect(viaCache.status, `${step.join(' ')}: ${viaCache.stderr}`).toBe(0);
      const withoutCache = await runCliInProcess(['--file', uncached, ...step], { env: { PAPERS_NO_CACHE: '1' } });
      expect(withoutCache.status, withoutCache.stderr).toBe(0);
      expect(readFileSync(file, 'utf8'), step.join(' ')).toBe(readFileSync(uncached, 'utf8'));
    }
    expect(readFileSync(file, 'utf8')).toContain('badge/Read-3-green');
    expect(readFileSync(file, 'utf8')).toContain('badge/To_Read-0-orange');
    // The entry the cache holds for the result (derived by the write, or stored by the next read) is what
    // a fresh parse gives.
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const final = readFileSync(file, 'utf8');
    const stored = new ModelCache(join(cache, 'papers')).exact(createHash('sha1').update(final).digest('hex'), final);
    expect(stored).not.toBeNull();
    expect(JSON.parse(JSON.stringify(stored!.doc))).toEqual(
      JSON.parse(JSON.stringify(parseDocument(final, { reference: true }))),
    );
  });

  it("an editor's change to a table's header: the parts of a list read as a whole are not re-used (another table made them papers)", async () => {
    const cache = tempDir();
    // Alone, B's table holds no papers (no header names its status, no row has a marker); with A's, it does.
    const b = '## B\n\n| 已录制 | 名字 |\n|---|---|\n|  | GoogleNet |\n|  | ResNet |\n';
    const a = (header: string) => `## A\n\n${header}\n|---|---|\n| ✅ | AlexNet |\n|  | VGG |\n`;
    const file = tempFile(`# R\n\n${b}\n${a('| 已录制 | 名字 |')}`, 'reading.md');
    let [cached, fresh] = await listBoth(file, cache);
    expect(cached).toBe(fresh);
    expect(JSON.parse(cached)).toHaveLength(4);
    // B's part is the same text; with A's header changed, its rows are no papers.
    writeFileSync(file, `# R\n\n${b}\n${a('| 已录制 | 名宇 |')}`);
    [cached, fresh] = await listBoth(file, cache);
    expect(JSON.parse(fresh)).toHaveLength(2);
    expect(cached).toBe(fresh);
    // The same after papers' own write: with A's marked row removed, no row of A or B is a paper.
    writeFileSync(file, `# R\n\n${b}\n${a('| 已录制 | 名字 |')}`);
    expect((await listBoth(file, cache))[0]).toContain('"googlenet"');
    const rm = await runCliInProcess(['--file', file, 'rm', 'alexnet', '--yes'], { env: { XDG_CACHE_HOME: cache } });
    expect(rm.status, rm.stderr).toBe(0);
    [cached, fresh] = await listBoth(file, cache);
    expect(JSON.parse(fresh)).toHaveLength(0);
    expect(cached).toBe(fresh);
  });

  it("a row's marker swapped for one of the same length means what the legend says: the entry the write leaves agrees", async () => {
    // `reading` writes the legend's ✅ over ☐ (one UTF-16 unit each): the model after the write is derived
    // from the one before, and ✅ alone would mean read.
    const cache = tempDir();
    const text =
      '# Papers\n\nLegend: ☑️ read, ✅ reading, ⬜ to read\n\n## ML\n\n| Title | Read |\n|---|---|\n| Attention | ☐ |\n| BERT | ☐ |\n';
    const file = tempFile(text, 'reading.md');
    await listBoth(file, cache);
    const reading = await runCliInProcess(['--file', file, 'reading', 'attention'], { env: { XDG_CACHE_HOME: cache } });
    expect(reading.status, reading.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('| Attention | ✅ |');
    const [cached, fresh] = await listBoth(file, cache);
    expect(JSON.parse(fresh)[0].state).toBe('reading');
    expect(cached).toBe(fresh);
  });

  it('add plans once on the cached model (checked on the line it follows), and re-plans on a planted one', async () => {
    // `> - ...` nests two deep: with PAPERS_MAX_DEPTH=1 any parse of the whole text is refused (the
    // new item alone is still read back), so an add that succeeds under it planned on the cached model.
    const text = readFileSync(EXAMPLE, 'utf8').replace('# Paper Reading\n', '# Paper Reading\n\n> - a quoted list\n');
    const add = ['add', 'Orca: A Distributed Serving System', '--area', 'MLSys/DNN Compiler', '--venue', "OSDI'22"];
    const expected = tempFile(text, 'reading.md');
    expect((await runCliInProcess(['--file', expected, ...add], { env: { PAPERS_NO_CACHE: '1' } })).status).toBe(0);

    const cache = tempDir();
    const file = tempFile(text, 'reading.md');
    expect((await runCliInProcess(['--file', file, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    const added = await runCliInProcess(['--file', file, ...add], {
      env: { XDG_CACHE_HOME: cache, PAPERS_MAX_DEPTH: '1' },
    });
    expect(added.status, added.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(expected, 'utf8'));

    // A planted entry that ends TASO (the area's last paper) mid-line: the insertion does not check out,
    // so the add is planned again on a fresh parse and lands where it belongs.
    const planted = tempFile(text, 'reading.md');
    expect((await runCliInProcess(['--file', planted, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    const path = join(cache, 'papers', `${createHash('sha1').update(text).digest('hex')}.entry`);
    const entry = editableEntry(readFileSync(path));
    const taso = JSON.parse((await runCliInProcess(['--file', planted, 'list', '--json'])).stdout).findIndex(
      (paper: { id: string }) => paper.id === 'taso',
    );
    expect(taso).toBeGreaterThan(0);
    entry.detailWords[entry.detailRun(taso) + 1] = entry.detailWords[entry.detailRun(taso) + 1]! - 10;
    writeFileSync(path, entry.bytes());
    const replanned = await runCliInProcess(['--file', planted, ...add], { env: { XDG_CACHE_HOME: cache } });
    expect(replanned.status, replanned.stderr).toBe(0);
    expect(readFileSync(planted, 'utf8')).toBe(readFileSync(expected, 'utf8'));
  });

  it("a refused add on a cached list parses only the duplicate's part: the entry is not made again", async () => {
    // (A whole parse of the text, which a refusal on a cached model cost before, stores a new entry: on a
    // 10,000-paper list ~0.9 s of a 1.1 s refusal.) The part is checked as a write's edits are (verify.ts).
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const entries = () =>
      readdirSync(join(cache, 'papers'))
        .filter((name) => name.endsWith('.entry'))
        .map((name) => [name, statSync(join(cache, 'papers', name)).ino]);
    const before = entries();
    const refused = await runCliInProcess(
      ['--file', file, 'add', 'Another Title', '--paper', 'https://doi.org/10.1145/3133901', '--area', 'OS'],
      { env },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/has the same DOI .*add --force to add it anyway/);
    expect(entries()).toEqual(before);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it("add's duplicate check by the cache's identity index refuses what a full check refuses", async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const area = ['--area', 'MLSys/DNN Compiler'];
    // (A list read from scratch keeps no index: the first add builds one, see the test below.)
    expect(
      (await runCliInProcess(['--file', file, 'add', 'Index Builder: A Paper', '--area', 'OS'], { env })).status,
    ).toBe(0);
    const built = readFileSync(file, 'utf8');
    expect(indexed(cache, built)).toBe(true);
    const cases = [
      ['TASO: optimizing deep learning computation with automatic generation of graph substitutions', ...area],
      ['Another Title', '--paper', 'http://www.arxiv.org/abs/2207.04606v2', ...area],
      ['Another Title', '--paper', 'https://doi.org/10.1145/3133901', ...area],
      ['Another Title', '--paper', 'https://www.usenix.org/system/files/osdi23-shi.pdf/', ...area],
    ];
    for (const args of cases) {
      const viaIndex = await runCliInProcess(['--file', file, 'add', ...args], { env });
      const full = await runCliInProcess(['--file', file, 'add', ...args], { env: { PAPERS_NO_CACHE: '1' } });
      expect(full.stderr, args.join(' ')).toMatch(/has the same .*add --force to add it anyway/);
      expect(viaIndex.status, args.join(' ')).toBe(full.status);
      expect(viaIndex.stderr).toBe(full.stderr);
    }
    expect(readFileSync(file, 'utf8')).toBe(built);
    expect((await runCliInProcess(['--file', file, 'add', 'Not Yet Listed: A Paper', ...area], { env })).status).toBe(
      0,
    );
    // The entry after that add took the keys of the parts it did not change from the one before.
    const again = ['Another Title', '--paper', 'https://arxiv.org/abs/2207.04606', ...area];
    const viaIndex = await runCliInProcess(['--file', file, 'add', ...again], { env });
    const full = await runCliInProcess(['--file', file, 'add', ...again], { env: { PAPERS_NO_CACHE: '1' } });
    expect(full.stderr).toMatch(/has the same arXiv id/);
    expect(viaIndex.stderr).toBe(full.stderr);
    expect(
      (await runCliInProcess(['--file', file, 'add', 'Not Yet Listed Either', '--area', 'OS'], { env })).status,
    ).toBe(0);
    const last = await runCliInProcess(['--file', file, 'add', 'Not Yet Listed: A Paper', '--area', 'OS'], { env });
    expect(last.stderr).toMatch(/has the same title/);
  });
});

/** Whether the cache entry of `text` under the cache folder `cache` has an identity index (layout.ts EolBit.Unindexed). */
function indexed(cache: string, text: string): boolean {
  const name = `${createHash('sha1').update(text).digest('hex')}.entry`;
  const { factsWords } = editableEntry(readFileSync(join(cache, 'papers', name)));
  return (factsWords[Count.Eol]! & EolBit.Unindexed) === 0;
}

describe("the cache's identity index: only when a write adds papers", () => {
  it('a list read from scratch keeps none; add refuses its duplicates all the same, then keeps one', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const text = () => readFileSync(file, 'utf8');
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(false);
    // A write that adds nothing keeps the entry as it was.
    expect((await runCliInProcess(['--file', file, 'done', 'roller'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(false);
    // Every paper is read for the duplicate check instead: the same refusals as without a cache.
    const area = ['--area', 'MLSys/DNN Compiler'];
    for (const args of [
      ['TASO: optimizing deep learning computation with automatic generation of graph substitutions', ...area],
      ['Another Title', '--paper', 'http://www.arxiv.org/abs/2207.04606v2', ...area],
    ]) {
      const before = text();
      const viaScan = await runCliInProcess(['--file', file, 'add', ...args], { env });
      const full = await runCliInProcess(['--file', file, 'add', ...args], { env: { PAPERS_NO_CACHE: '1' } });
      expect(full.stderr, args.join(' ')).toMatch(/has the same .*add --force to add it anyway/);
      expect(viaScan.status).toBe(full.status);
      expect(viaScan.stderr).toBe(full.stderr);
      expect(text()).toBe(before);
    }
    // An add builds the index; the writes after keep it, and so does a list after an outside edit.
    expect((await runCliInProcess(['--file', file, 'add', 'Not Yet Listed: A Paper', ...area], { env })).status).toBe(
      0,
    );
    expect(indexed(cache, text())).toBe(true);
    expect((await runCliInProcess(['--file', file, 'undone', 'roller'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(true);
    writeFileSync(file, text().replace('## OS', '## OS\n\n- [ ] Edited In: By Hand'));
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(true);
    const again = await runCliInProcess(['--file', file, 'add', 'Edited In: By Hand', '--area', 'OS'], { env });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/has the same title/);
    // A refusal made on the cached model is asked again of the text: the entry that parse stores keeps it.
    expect((await runCliInProcess(['--file', file, 'done', 'no-such-paper'], { env })).status).toBe(1);
    expect(indexed(cache, text())).toBe(true);
  });

  it('an import into a list read from scratch names the same duplicates, wherever they are, and adds the rest', async () => {
    // The keys are worked out paper by paper as the checks read them (identity-index.ts): a duplicate of an
    // early paper stops a check early, the next checks go on from there.
    const bib = tempFile(
      [
        // (the list's third paper, then its first: found among the papers worked out for the check before)
        '@article{d, title = {Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks}}',
        '@article{a, title = {The Deep Learning Compiler: A Comprehensive Survey}}',
        '@article{b, title = {A Paper Not Listed Yet}, url = {https://example.org/not-yet.pdf}}',
        '@article{c, title = {Another One}, url = {https://arxiv.org/abs/2206.15472v2}}',
        '',
      ].join('\n'),
      'refs.bib',
    );
    const results = [];
    for (const env of [{ XDG_CACHE_HOME: tempDir() }, { PAPERS_NO_CACHE: '1' }]) {
      const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
      if (env.XDG_CACHE_HOME) {
        expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
        expect(indexed(env.XDG_CACHE_HOME, readFileSync(file, 'utf8'))).toBe(false);
      }
      const result = await runCliInProcess(['--file', file, 'import', bib, '--area', 'OS'], { env });
      results.push({
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        text: readFileSync(file, 'utf8'),
      });
      if (env.XDG_CACHE_HOME) expect(indexed(env.XDG_CACHE_HOME, readFileSync(file, 'utf8'))).toBe(true);
    }
    expect(results[0]!.stdout).toMatch(/Imported 1 paper into OS; 3 already l/);
    expect(results[0]).toEqual(results[1]);
  });

  it('a list read as a whole (a legend) keeps the index through writes that parse it from scratch', async () => {
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const table = (rows: string) =>
      `# P\n\nLegend: ✅ = Read | ❎ = To Read\n\n## A\n\n| Status | Title | Links |\n|---|---|---|\n${rows}`;
    const file = tempFile(
      table(
        '| ✅ | Alpha Paper | [Paper](https://x.org/a.pdf) |\n| ❎ | Beta Paper | [Paper](https://x.org/b.pdf) |\n',
      ),
      'reading.md',
    );
    const text = () => readFileSync(file, 'utf8');
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(false);
    expect((await runCliInProcess(['--file', file, 'add', 'Gamma Paper', '--area', 'A'], { env })).status).toBe(0);
    expect(indexed(cache, text())).toBe(true);
    for (const args of [
      ['note', 'alpha-paper', 'https://x.org/notes/a'],
      ['rm', 'beta-paper', '--yes'],
    ]) {
      const result = await runCliInProcess(['--file', file, ...args], { env });
      expect(result.status, result.stderr).toBe(0);
      expect(indexed(cache, text()), args[0]).toBe(true);
    }
    const refused = await runCliInProcess(['--file', file, 'add', 'Alpha Paper', '--area', 'A'], { env });
    expect(refused.stderr).toMatch(/has the same title/);
  });
});
