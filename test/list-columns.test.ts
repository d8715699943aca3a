/**
 * A warm `list` of one file reads the cache's columns: it filters on them and draws the table's rows
 * straight from them, with no paper object (cli/commands/list.ts, store/cache/decode.ts). What it prints
 * must be what a list read by a parse prints, on every real list: the table, the filters, the summary.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, realLists, runCliInProcess, SHARED, tempCopy } from './helpers.js';

const WILD = join(SHARED, 'corpus-wild');
const wildLists = () =>
  existsSync(WILD)
    ? readdirSync(WILD)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join(WILD, name))
    : [];

describe('a warm list (from the cache) prints what a parsed list prints', () => {
  for (const source of [...realLists(), ...wildLists()]) {
    it(basename(source), async () => {
      const file = tempCopy(source);
      // (This run's own cache: the read for the areas fills it, so the runs below are warm ones.)
      const papers = await listJsonInProcess(file);
      const area = papers.find((paper) => paper.area.length > 0)?.area.join('/');
      // Both filters on the columns, and the table drawn from them (an uncached run parses: one a list).
      const args = ['list', '--unread', ...(area ? ['--area', area] : [])];
      const warm = await runCliInProcess(['--file', file, ...args]);
      const parsed = await runCliInProcess(['--file', file, ...args], { env: { PAPERS_NO_CACHE: '1' } });
      expect([warm.status, warm.stdout, warm.stderr], args.join(' ')).toEqual([
        parsed.status,
        parsed.stdout,
        parsed.stderr,
      ]);
    });
  }
});
