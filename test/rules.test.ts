/** `.papers.json` "formats": the user names the status column and the markers where detection cannot know. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, tempDir } from './helpers.js';

const LIST =
  '## Papers\n\n| Paper | Status | Priority |\n|---|---|---|\n| Alpha | | Y |\n| Beta | | N |\n| Gamma | started | Y |\n';

function listWithConfig(config: unknown): string {
  const dir = tempDir();
  const file = join(dir, 'list.md');
  writeFileSync(file, LIST);
  writeFileSync(join(dir, '.papers.json'), JSON.stringify(config));
  chmodSync(join(dir, '.papers.json'), 0o644);
  return file;
}

describe('.papers.json formats', () => {
  it('without rules, the named Status column is read (started: being read)', async () => {
    const dir = tempDir();
    const file = join(dir, 'list.md');
    writeFileSync(file, LIST);
    expect((await listJsonInProcess(file)).map((paper) => paper.state)).toEqual(['unread', 'unread', 'reading']);
  });

  it('a status column and markers named by the user are read, written, and shown by explain', async () => {
    const file = listWithConfig({ formats: [{ statusColumn: 'Priority', markers: { read: ['Y'], unread: ['N'] } }] });
    expect((await listJsonInProcess(file)).map((paper) => paper.state)).toEqual(['read', 'unread', 'read']);
    const explain = await runCliInProcess(['--file', file, 'explain']);
    expect(explain.stdout).toContain('state: column 3 "Priority"');
    expect(explain.stdout).toMatch(/config: .*\.papers\.json \(1 format rule for this list, in effect above\)/);
    // done writes the marker the rules name for read; undone the one for unread, even once no row shows it.
    expect((await runCliInProcess(['--file', file, 'done', 'beta'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(LIST.replace('| Beta | | N |', '| Beta | | Y |'));
    expect((await runCliInProcess(['--file', file, 'undone', 'beta'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('several papers moved or removed at once on a list read only through its rules (each step re-read with them)', async () => {
    const text =
      '# L\n\n## A\n\n| Paper | Priority |\n|---|---|\n| Alpha Study | zz |\n| Beta Study | qq |\n' +
      '| Gamma Study | qq |\n| Delta Study | zz |\n\n## B\n\n- [ ] Task Paper\n';
    const dir = tempDir();
    const file = join(dir, 'list.md');
    writeFileSync(file, text);
    const rules = { statusColumn: 'Priority', titleColumn: 'Paper', markers: { read: ['zz'], unread: ['qq'] } };
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ formats: [rules] }));
    // Without the rules the second paper read as none once the first had gone: both commands were refused.
    const moved = await runCliInProcess(['--file', file, 'mv', 'alpha-study', 'beta-study', '--area', 'B']);
    expect(moved.stdout, moved.stderr).toBe('Moved Alpha Study to B\nMoved Beta Study to B\n');
    const removed = await runCliInProcess(['--file', file, 'rm', 'gamma-study', 'delta-study', '--yes']);
    expect(removed.stdout, removed.stderr).toBe('Removed Gamma Study\nRemoved Delta Study\n');
    expect(readFileSync(file, 'utf8')).toBe(
      '# L\n\n## A\n\n## B\n\n- [ ] Task Paper\n- [x] Alpha Study\n- [ ] Beta Study\n',
    );
    // Two papers of such a list moved to another list of a repository, in one change.
    writeFileSync(file, text);
    writeFileSync(join(dir, 'other.md'), '# O\n\n## C\n\n- [ ] Other Paper\n');
    writeFileSync(
      join(dir, '.papers.json'),
      JSON.stringify({ lists: ['*.md'], formats: [{ ...rules, file: 'list.md' }] }),
    );
    const across = await runCliInProcess(['mv', 'gamma-study', 'delta-study', '--area', 'other.md/C'], { cwd: dir });
    expect(across.stdout, across.stderr).toBe('Moved Gamma Study to other.md › C\nMoved Delta Study to other.md › C\n');
    expect(readFileSync(join(dir, 'other.md'), 'utf8')).toBe(
      '# O\n\n## C\n\n- [ ] Other Paper\n- [ ] Gamma Study\n- [x] Delta Study\n',
    );
  });

  it('markers apply under their heading only', async () => {
    // (`N` means "no" alone; the rule makes it "read" under Papers, and not elsewhere)
    const here = listWithConfig({
      formats: [{ heading: 'Papers', statusColumn: 'Priority', markers: { read: ['N', 'Y'] } }],
    });
    expect((await listJsonInProcess(here)).map((paper) => paper.state)).toEqual(['read', 'read', 'read']);
    const elsewhere = listWithConfig({
      formats: [{ heading: 'Elsewhere', statusColumn: 'Priority', markers: { read: ['N', 'Y'] } }],
    });
    expect((await listJsonInProcess(elsewhere)).map((paper) => paper.state)).toEqual(['read', 'unread', 'read']);
  });
});
