/**
 * The hot path (src/cli/hot.ts, built as dist/hot*.cjs) reads the common commands' arguments by hand and
 * runs them without commander: it must do exactly what main() does for them, byte for byte (stdout,
 * stderr, exit code, the file), and hand everything else to main().
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArguments } from '../src/cli/hot.js';
import { hotTable } from '../src/cli/hot-table.js';
import { EXAMPLE, runBinInProcess, runCli, runCliInProcess, tempCopy, tempDir, type CliResult } from './helpers.js';

/** dist/hot.cjs's run() in this process, as bin/ runs it. */
function runHotInProcess(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runBinInProcess(args, { env });
}

const table = hotTable();

describe('the hot path reads only the plain forms, and leaves the rest to commander', () => {
  it('reads a year, a limit and a choice as commander gives them', () => {
    expect(readArguments(['list', '--year', '2022', '--limit=07'], table)).toEqual({
      command: 'list',
      bundle: 'list',
      globals: { color: true },
      options: { year: 2022, limit: 7 },
      args: [],
    });
    expect(readArguments(['stats', '--by', 'month'], table)).toMatchObject({ options: { by: 'month' } });
  });

  it('reads list, done and undone with their common options, global options on either side', () => {
    expect(readArguments(['--file', 'a.md', 'list', '--unread', '--area', 'MLSys'], table)).toEqual({
      command: 'list',
      bundle: 'list',
      globals: { color: true, file: 'a.md' },
      options: { unread: true, area: 'MLSys' },
      args: [],
    });
    expect(readArguments(['ls', '--venue=OSDI', '-f', 'b.md', '--no-color', '--json'], table)).toEqual({
      command: 'list',
      bundle: 'list',
      globals: { color: false, file: 'b.md' },
      options: { venue: 'OSDI', json: true },
      args: [],
    });
    expect(readArguments(['done', 'rammer', '12', '--json', '--debug', '--commit', '-n'], table)).toEqual({
      command: 'done',
      bundle: 'mark',
      globals: { color: true, debug: true, commit: true },
      options: { json: true, dryRun: true },
      args: ['rammer', '12'],
    });
    expect(readArguments(['-V'], table)).toEqual({ command: 'version' });
  });

  it.each([
    [[]],
    [['--help']],
    [['list', '--help']],
    // A checked value commander would refuse: commander says what is wrong.
    [['list', '--year', '22']],
    [['list', '--limit', '-3']],
    [['list', '--limit', 'ten']],
    [['list', '--limit=3.5']],
    [['stats', '--by', 'nosuch']],
    [['stats', '--by=Area']],
    [['list', 'extra']],
    [['list', '--unread', '--unread']],
    [['list', '--area']],
    [['list', '--area', '--unread']],
    [['list', '-a=MLSys']],
    [['list', '--unread=yes']],
    [['done']],
    [['done', '--dry-run=x', 'x']],
    [['done', '--', '-x']],
    [['undone', '--area', 'A']],
    [['done', '--all', '--year', '22', 'x']],
    [['note', 'x']],
    [['note', 'x', 'https://x.org', 'extra']],
    [['undo', 'x']],
    [['rm']],
    [['rm', '--all', '--area', 'A']],
    [['__complete']],
    [['__complete', 'ids', 'areas']],
    [['add', '--area', 'A']],
    [['add', 'T', 'U', '--area', 'A']],
    [['add', 'T', '--area', 'A', '--area', 'B']],
    [['add', 'T', '--area']],
    [['read', 'x']],
    [['--file']],
    [['--color', 'list']],
    [['-v', 'list']],
  ])('%j goes to commander', (args) => {
    expect(readArguments(args, table)).toBeNull();
  });
});

describe('the hot path gives what main() gives', () => {
  const cases: string[][] = [
    ['list'],
    ['ls', '--unread'],
    ['list', '--read', '--json'],
    ['list', '--area', 'MLSys', '--unread'],
    ['list', '--area=Hypervisor', '--venue', 'EuroSys'],
    ['list', '-a', 'No Such Area'],
    ['list', '--venue', 'NOPE'],
    ['list', '--read', '--unread'],
    ['--no-color', 'list', '--venue', "OSDI'22", '--json'],
    ['done', 'roller'],
    ['done', 'roller', 'welder', '--json'],
    ['done', 'rammer'],
    ['undone', 'rammer'],
    ['done', 'nosuchpaper'],
    ['done', 'nosuchpaper', '--json'],
    ['done', 'compiler'],
    ['undone', '5', '--force'],
    ['done', 'roller', '--dry-run'],
    ['reading', 'rammer'],
    ['undone', 'rammer', '-n', '--json'],
    ['list', '--sort', 'title', '--columns', 'id,title'],
    ['list', '--format', '{id} {venue}', '-s', 'compiler'],
    ['list', '--sort', 'nosuch'],
    ['list', '--year', '2022'],
    ['list', '--limit', '3', '--unread'],
    ['list', '--limit=0'],
    ['list', '--year', '2021', '--limit', '2', '--json'],
    ['list', '--area', 'MLSys', '--limit', '1'],
    // (each runs twice: the second add of a paper is refused as a duplicate, on both paths)
    ['add', 'Orca: A Distributed Serving System', '--area', 'MLSys/DNN Compiler', '--venue', "OSDI'22"],
    ['add', 'Zebra [Re]: *Striped* Tensors', '--area', 'OS', '--paper', 'https://x.org/z.pdf', '--read', '--json'],
    ['add', 'New Area Paper', '--area', 'Brand New/Sub', '-n'],
    ['add', 'Near Miss', '--area', 'MLSys/DNN Compilr'],
    ['add', 'Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks', '--area', 'OS'],
    ['add', 'Bad Link', '--area', 'OS', '--paper', 'no-such-file.pdf'],
    ['add', 'Top Paper', '--top', '--note', 'https://x.org/n'],
    // A reference: the hot path hands it to main() (with --title no lookup is needed).
    ['add', '2206.15472', '--title', 'Given Title For A Reference', '--area', 'OS'],
    // note and undo (hot-mark.cjs): each runs twice, so the second note finds the link there.
    ['note', 'rammer', 'https://x.org/rammer-notes'],
    ['note', 'welder', 'https://x.org/w.pdf', '--label', 'Slides', '--json'],
    ['note', 'roller', 'https://x.org/other', '--force', '-n'],
    ['note', 'nosuchpaper', 'https://x.org/n'],
    ['note', 'rammer', 'no-such-file.md'],
    ['rm', 'roller', '--yes'],
    ['rm', 'roller', 'welder', '--yes', '--json'],
    ['rm', 'nosuchpaper', '--yes'],
    ['rm', 'rammer'],
    ['rm', 'rammer', '-n'],
    ['undo'],
    ['undo', '--list'],
    ['undo', '--list', '--json'],
    // The other commands that read the list and change nothing (hot-list.cjs).
    ['stats'],
    ['stats', '--json'],
    ['stats', '--by', 'venue'],
    ['stats', '--by=year', '--json'],
    ['stats', '--by', 'month'],
    ['stats', '--by=month', '--json'],
    ['areas'],
    ['areas', '--json'],
    ['next'],
    ['next', '--area', 'MLSys', '--json'],
    ['next', '--venue', 'NOPE'],
    ['show', 'rammer'],
    ['show', '3', '--json'],
    ['show', 'nosuchpaper'],
    ['show', 'compiler'],
    ['open', 'rammer', '--print'],
    ['open', 'rammer', '--json'],
    ['open', 'rammer', '--label', 'note', '-p'],
    ['open', 'rammer', '--label', 'Slides'],
    ['open', '3'],
    ['open', 'nosuchpaper'],
    ['log'],
    ['log', '--json'],
    ['log', '--since', 'May'],
    // What the completion scripts ask at each Tab.
    ['__complete', 'ids'],
    ['__complete', 'unread'],
    ['__complete', 'read'],
    ['__complete', 'areas'],
    ['__complete', 'nosuch'],
  ];
  it.each(cases.map((args) => [args]))('%j', async (args) => {
    const viaMain = tempCopy(EXAMPLE);
    const viaHot = tempCopy(EXAMPLE);
    // Twice each: the first run parses, the second is served from the cache (a fresh cache each).
    const env = (cache: string) => ({ XDG_CACHE_HOME: cache, XDG_STATE_HOME: cache });
    const [mainCache, hotCache] = [tempDir(), tempDir()];
    for (let round = 0; round < 2; round++) {
      const expected = await runCliInProcess(['--file', viaMain, ...args], { env: env(mainCache) });
      const actual = await runHotInProcess(['--file', viaHot, ...args], env(hotCache));
      expect(actual.status).toBe(expected.status);
      expect(actual.stdout.replaceAll(viaHot, 'LIST')).toBe(expected.stdout.replaceAll(viaMain, 'LIST'));
      expect(
        actual.stderr.replaceAll(viaHot, 'LIST').replaceAll(dirname(viaHot), 'DIR').replaceAll(hotCache, 'STATE'),
      ).toBe(
        expected.stderr.replaceAll(viaMain, 'LIST').replaceAll(dirname(viaMain), 'DIR').replaceAll(mainCache, 'STATE'),
      );
      expect(readFileSync(viaHot, 'utf8')).toBe(readFileSync(viaMain, 'utf8'));
    }
  });

  it('open - with nothing on stdin is a usage error both ways (main() asked the text for a paper "-")', () => {
    // (Spawned, for their stdin. A repeated option sends a run to main(): hot.ts readArguments.)
    const file = tempCopy(EXAMPLE);
    const hot = runCli(['--file', file, 'open', '-', '-p'], { input: '' });
    const viaMain = runCli(['--file', file, 'open', '-', '-p', '-p'], { input: '' });
    for (const result of [hot, viaMain]) {
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/stdin held no ids/);
    }
  });

  it('undo after done, note and undo again: the same file and output both ways', async () => {
    const viaMain = tempCopy(EXAMPLE);
    const viaHot = tempCopy(EXAMPLE);
    const env = (state: string) => ({ XDG_CACHE_HOME: state, XDG_STATE_HOME: state });
    const [mainState, hotState] = [tempDir(), tempDir()];
    const steps = [
      ['done', 'roller'],
      ['note', 'roller', 'https://x.org/roller'],
      ['undo'],
      ['undo', '--json'],
      ['undo'],
    ];
    for (const args of steps) {
      const expected = await runCliInProcess(['--file', viaMain, ...args], { env: env(mainState) });
      const actual = await runHotInProcess(['--file', viaHot, ...args], env(hotState));
      expect(actual.status, args.join(' ')).toBe(expected.status);
      // (The journal's times are each write's own.)
      const shown = (out: string, list: string) =>
        out.replaceAll(list, 'LIST').replace(/"time": "[^"]+"/g, '"time": TIME');
      expect(shown(actual.stdout, viaHot)).toBe(shown(expected.stdout, viaMain));
      expect(actual.stderr.replaceAll(viaHot, 'LIST').replaceAll(hotState, 'STATE')).toBe(
        expected.stderr.replaceAll(viaMain, 'LIST').replaceAll(mainState, 'STATE'),
      );
      expect(readFileSync(viaHot, 'utf8')).toBe(readFileSync(viaMain, 'utf8'));
    }
    // Both undid both changes: the example as it was.
    expect(readFileSync(viaHot, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('the installed entry (bin/papers.cjs) runs the hot path and falls back to commander', () => {
    const file = tempCopy(EXAMPLE);
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const listed = runCli(['--file', file, 'list', '--unread', '--area', 'MLSys']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('roller');
    const help = runCli(['--file', file, 'list', '--help']);
    expect(help.stdout).toContain('Usage: papers list');
    const bad = runCli(['--file', file, 'list', '--year', '22']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--year takes a four-digit year');
  });
});
