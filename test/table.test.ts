/** The `list` table: header and short ids on a terminal, areas cut from the left, fields and order. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, SHARED, tempCopy } from './helpers.js';
import { all, describeIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';
import { join } from 'node:path';

/** `papers list` with stdout on a pseudo-terminal, COLUMNS=`columns` (the pty itself has no size). */
async function listOnTerminal(file: string, columns: number, extra: string[] = []): Promise<string> {
  const result = await runOnTerminal(['--file', file, 'list', ...extra], { env: { COLUMNS: String(columns) } });
  expect(result.status, result.output).toBe(0);
  return result.output;
}

describeIf(all(needs.script, needs.shared))('the table on a terminal', () => {
  const big = join(SHARED, 'corpus', 'greatzh__Papers__README.md');

  it('has a header row, short ids that resolve, the title gets the room, and COLUMNS is honoured', async () => {
    const out = await listOnTerminal(big, 120, ['--limit', '40']);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+ID\s+READ\s+TITLE\s+VENUE\s+AREA$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    const rows = lines.slice(1, -1);
    const ids = rows.map((row) => row.trim().split(/\s+/)[1]!);
    const full = JSON.parse((await runCliInProcess(['--file', big, 'list', '--json', '--limit', '40'])).stdout) as {
      id: string;
      number: number;
    }[];
    // Ids are at most 14 columns wide, unless no shorter start names only that paper: then the whole id,
    // never a cut one (`image-manipul…` cannot be typed back).
    ids.forEach((id, i) => {
      expect(id.length <= 14 || id === full[i]!.id, id).toBe(true);
      expect(id).not.toMatch(/[…-]$/);
    });
    const titleStart = lines[0]!.indexOf('TITLE');
    expect(titleStart).toBeLessThanOrEqual(45);
    // Each short id names its paper.
    const shortened = ids.filter((id, i) => id !== full[i]!.id);
    expect(shortened.length).toBeGreaterThan(3);
    shortened.forEach((id) => expect(full.some((paper) => paper.id.startsWith(id))).toBe(true));
    // All at once: each names a different paper (a dry run of done says one line per paper).
    const done = await runCliInProcess(['--file', tempCopy(big), 'done', ...shortened, '--dry-run', '--json']);
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout).message.split('\n')).toHaveLength(shortened.length);
    // The read state is a clear mark.
    expect(rows.some((row) => / \[x\] /.test(row))).toBe(true);
    expect(rows.some((row) => / \[ \] /.test(row))).toBe(true);
  });

  it('cuts areas from the left so the leaf stays', async () => {
    // (90 columns: the whole id deep-learning-compiler is the shortest that reads back, and takes room.)
    const out = await listOnTerminal(EXAMPLE, 90, ['--area', 'DNN Compiler']);
    const rows = out.trimEnd().split('\n').slice(1, -1);
    expect(rows.length).toBe(10);
    for (const row of rows) expect(row).toMatch(/ …\/DNN Compiler$/);
  });
});

describe('list: fields, order and count', () => {
  it('--columns, --format, --sort, --limit; the year stands in for a missing venue', async () => {
    const file = tempCopy(EXAMPLE);
    const cols = await runCliInProcess(['--file', file, 'list', '--columns', 'id,venue', '--limit', '2']);
    expect(cols.stdout).toBe("deep-learning-compiler\nmlir                    CGO'21\n");
    // The summary goes to stderr: the rows pipe.
    expect(cols.stderr).toBe('23 papers (11 read, 12 unread; first 2 shown)\n');
    const format = await runCliInProcess([
      '--file',
      file,
      'list',
      '--unread',
      '--format',
      '{id}\\t{year}\\t{area}',
      '--sort',
      'year',
      '--limit',
      '3',
    ]);
    expect(format.stdout).toBe(
      'welder\t2023\tMLSys/DNN Compiler\nsparsetir\t2023\tMLSys/DNN Compiler\nnephele\t2023\tHypervisor\n',
    );
    const byTitle = await runCliInProcess([
      '--file',
      file,
      'list',
      '--sort',
      'title',
      '--format',
      '{title}',
      '--limit',
      '2',
    ]);
    expect(byTitle.stdout).toBe(
      'Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning\nCocktailer: Analyzing and Optimizing Dynamic Control Flow in Deep Learning\n',
    );
    const bad = await runCliInProcess(['--file', file, 'list', '--columns', 'id,colour']);
    expect(bad.status).toBe(2);
    expect((await runCliInProcess(['--file', file, 'list', '--sort', 'stars'])).status).toBe(2);
    expect((await runCliInProcess(['--file', file, 'list', '--limit', 'ten'])).status).toBe(2);

    if (!needs.shared.ok) return; // the corpus list below needs ../shared (see needs.ts)
    const yearOnly = await runCliInProcess([
      '--file',
      tempCopy(join(SHARED, 'corpus', 'vishar0__ml-zettelkasten__papers-ml-fundamentals.md')),
      'list',
      '--columns',
      'venue,title',
      '--limit',
      '1',
    ]);
    expect(yearOnly.stdout.split('\n')[0]).toMatch(/^2014\s+Bahdanau/);
  });
});
