/** `papers stats` and `papers areas`: the numbers, the bars, and the width they fit. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, tempFile } from './helpers.js';
import { itIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';

interface StatsJson {
  by: string;
  groups: { name: string; area?: string; depth?: number; read: number; total: number; percent: number }[];
  total: { read: number; total: number; percent: number };
}

async function statsJson(file: string, ...args: string[]): Promise<StatsJson> {
  const result = await runCliInProcess(['--file', file, ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as StatsJson;
}

/** A generated list: area i has `sizes[i]` papers, the first `reads[i]` of them read. */
function generated(sizes: number[], reads: number[]): string {
  let text = '# Reading\n\n';
  sizes.forEach((size, i) => {
    text += `## Area ${i}\n\n`;
    for (let j = 0; j < size; j++)
      text += `- [${j < reads[i]! ? 'x' : ' '}] Paper ${i}-${j} on Things[OSDI'${10 + (j % 5)}]: [[Paper](https://example.org/${i}/${j}.pdf)]\n`;
    text += '\n';
  });
  return text;
}

/** Every bar row of the plain (piped) output: name, filled, empty, read, total. */
function barRows(stdout: string): { name: string; filled: number; empty: number; read: number; total: number }[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => /^(.*?)\s+(#*)(-*)\s+(\d+)\/(\d+)\s+\d+%$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({
      name: m[1]!.trim(),
      filled: m[2]!.length,
      empty: m[3]!.length,
      read: Number(m[4]),
      total: Number(m[5]),
    }));
}

describe('papers stats', () => {
  it('counts the example list by area, venue and year', async () => {
    const byArea = await statsJson(EXAMPLE, 'stats');
    expect(byArea.total).toEqual({ read: 11, total: 23, percent: 47 });
    expect(byArea.groups.map((g) => [g.area, g.read, g.total])).toEqual([
      ['MLSys', 4, 13],
      ['MLSys/DNN Compiler', 4, 10],
      ['MLSys/Distrubited Training', 0, 2],
      ['MLSys/Accelerator Architecture', 0, 1],
      ['OS', 3, 4],
      ['Hypervisor', 3, 5],
      ['Deep Learning', 1, 1],
    ]);
    const byVenue = await statsJson(EXAMPLE, 'stats', '--by', 'venue');
    expect(byVenue.groups[0]).toEqual({ name: 'OSDI', read: 4, total: 10, percent: 40 });
    expect(byVenue.groups.at(-1)).toMatchObject({ name: '(no venue)', total: 2 });
    expect(byVenue.groups.reduce((sum, g) => sum + g.total, 0)).toBe(23);
    const byYear = await statsJson(EXAMPLE, 'stats', '--by', 'year');
    expect(byYear.groups.map((g) => g.name)).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '(no year)',
    ]);
    expect(byYear.groups.find((g) => g.name === '2022')).toMatchObject({ read: 1, total: 6, percent: 16 });
  });

  it('bars are proportional to read/total, piped as plain ASCII of fixed length', async () => {
    const sizes = [10, 4, 7, 1, 20];
    const reads = [5, 0, 7, 1, 3];
    const file = tempFile(generated(sizes, reads));
    const result = await runCliInProcess(['--file', file, 'stats']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/\x1b\[|[█░]/);
    const rows = barRows(result.stdout);
    expect(rows.map((row) => row.name)).toEqual(['Area 0', 'Area 1', 'Area 2', 'Area 3', 'Area 4', 'Total']);
    for (const [i, row] of rows.entries()) {
      const read = i < sizes.length ? reads[i]! : reads.reduce((a, b) => a + b);
      const total = i < sizes.length ? sizes[i]! : sizes.reduce((a, b) => a + b);
      expect([row.read, row.total]).toEqual([read, total]);
      expect(row.filled + row.empty).toBe(20);
      // 5 of 10 is half the bar; 3 of 20 is 3 cells; all read is full; none read is empty.
      expect(Math.abs(row.filled - (read / total) * 20)).toBeLessThanOrEqual(1);
    }
    expect(rows[0]!.filled).toBe(10);
    expect(rows[1]!.filled).toBe(0);
    expect(rows[2]!.filled).toBe(20);
    expect(rows[4]!.filled).toBe(3);
  });

  it('fits $COLUMNS when piped: 40 and 200', async () => {
    const file = tempFile(
      generated([3, 2], [1, 2]).replace(
        '## Area 1',
        '## A Very Long Area Name That Cannot Possibly Fit In Forty Columns',
      ),
    );
    const narrow = await runCliInProcess(['--file', file, 'stats'], { env: { COLUMNS: '40' } });
    expect(narrow.status).toBe(0);
    const lines = narrow.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(narrow.stdout).toContain('…');
    expect(barRows(narrow.stdout).map((row) => [row.read, row.total])).toEqual([
      [1, 3],
      [2, 2],
      [3, 5],
    ]);
    expect(barRows(narrow.stdout).every((row) => row.filled + row.empty >= 6)).toBe(true);
    const wide = await runCliInProcess(['--file', file, 'stats'], { env: { COLUMNS: '200' } });
    for (const line of wide.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(200);
    expect(wide.stdout).toContain('A Very Long Area Name That Cannot Possibly Fit In Forty Columns');
    expect(wide.stdout).not.toContain('…');
    // Wider room, longer bars (up to 40 cells).
    expect(barRows(wide.stdout)[0]!.filled + barRows(wide.stdout)[0]!.empty).toBe(40);
  });

  itIf(needs.script)('on a terminal: unicode bars fit 40 and 200 columns', async () => {
    for (const columns of [40, 200]) {
      const { status, output } = await runOnTerminal(['--file', EXAMPLE, 'stats'], { columns });
      expect(status).toBe(0);
      const lines = output.trimEnd().split('\n');
      expect(lines).toHaveLength(9);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      expect(output).toMatch(/█/);
      const mlsys = /^MLSys\s+(█*)(░*)\s+4\/13\s+30%$/.exec(lines[0]!);
      expect(mlsys, lines[0]).not.toBeNull();
      const length = mlsys![1]!.length + mlsys![2]!.length;
      expect(mlsys![1]!.length).toBe(Math.round((4 / 13) * length));
      expect(lines[8]).toMatch(/^Total\s+█+░+\s+11\/23\s+47%$/);
    }
    const colored = await runOnTerminal(['--file', EXAMPLE, 'stats'], { columns: 80, env: { NO_COLOR: undefined } });
    expect(colored.output).toMatch(/\x1b\[32m█/);
  });

  it('areas lists every heading, empty ones too; stats leaves them out', async () => {
    const file = tempFile(
      "# List\n\n## A\n\n- [x] One[OSDI'20]\n\n### Empty\n\n## B\n\n### B1\n\n- [ ] Two\n- [ ] Three\n",
    );
    const areas = await statsJson(file, 'areas');
    expect(areas.groups.map((g) => [g.area, g.depth, g.read, g.total])).toEqual([
      ['A', 0, 1, 1],
      ['A/Empty', 1, 0, 0],
      ['B', 0, 0, 2],
      ['B/B1', 1, 0, 2],
    ]);
    expect((await statsJson(file, 'stats')).groups.map((g) => g.area)).toEqual(['A', 'B', 'B/B1']);
    const text = (await runCliInProcess(['--file', file, 'areas'])).stdout;
    expect(text).toMatch(/^ {2}Empty\s+-+\s+0\/0\s+0%$/m);
  });

  it('rejects an unknown --by with exit 2', async () => {
    const result = await runCliInProcess(['--file', EXAMPLE, 'stats', '--by', 'author']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/area, venue, year/);
  });
});
