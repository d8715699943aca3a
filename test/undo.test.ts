/** `papers undo`: every mutating command is walked back byte for byte; outside edits are never lost. */
import {
  appendFileSync,
  chmodSync,
  existsSync,
  linkSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { EXAMPLE, runCliInProcess, tempCopy, tempDir, tempFile, SHARED } from './helpers.js';
import { needs } from './needs.js';

const LIST = EXAMPLE;
/** A real list with CRLF line endings; without ../shared, the example with its lines ended so. */
const CRLF_LIST = needs.shared.ok
  ? join(SHARED, 'corpus', 'KuangjuX__paper-reading__README@6e856b1.md')
  : tempFile(readFileSync(EXAMPLE, 'utf8').replace(/\n/g, '\r\n'), 'crlf.md');

function setup(source = LIST) {
  const file = tempCopy(source, 'list.md');
  chmodSync(file, 0o644); // the shared lists are read-only
  const state = tempDir();
  const env = { XDG_STATE_HOME: state };
  const run = async (...args: string[]) => await runCliInProcess(['--file', file, ...args], { env });
  return { file, state, run, original: readFileSync(file) };
}

describe('papers undo', () => {
  const commands: [string, string[]][] = [
    ['done', ['done', 'roller', 'welder']],
    ['undone', ['undone', 'rammer']],
    ['note', ['note', 'roller', 'https://notes.example/roller?a=1&b=2']],
    [
      'add',
      [
        'add',
        'A Brand New Paper About Undo',
        '--area',
        'MLSys/New Area',
        '--venue',
        "OSDI'24",
        '--paper',
        'https://p.example/new.pdf',
      ],
    ],
    ['rm', ['rm', 'taso', '--yes']],
    ['mv', ['mv', 'alpa', '--area', 'OS']],
  ];

  it.each(commands)('restores the file byte for byte after %s', async (_name, args) => {
    const { file, run, original } = setup();
    const change = await run(...args);
    expect(change.status, change.stderr).toBe(0);
    expect(readFileSync(file)).not.toEqual(original);
    const undo = await run('undo');
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/^undid: /);
    expect(readFileSync(file)).toEqual(original);
  });

  it('after lint --fix too, on a CRLF list', async () => {
    const { file, run, original } = setup(CRLF_LIST);
    writeFileSync(
      file,
      Buffer.concat([
        original,
        Buffer.from("\r\n## Extra\r\n\r\n- [ x] Broken Box Paper[OSDI'20]: [[Paper](https://q.example/1)]\r\n"),
      ]),
    );
    const planted = readFileSync(file);
    expect((await run('lint', '--fix')).stdout).toMatch(/fixed .* checkbox/);
    expect(readFileSync(file).toString()).toContain('- [x] Broken Box Paper');
    expect((await run('undo')).status).toBe(0);
    expect(readFileSync(file)).toEqual(planted);
  });

  it('twice walks back two changes, then there is nothing left; the journal is in $XDG_STATE_HOME only', async () => {
    const { file, state, run, original } = setup();
    await run('done', 'roller');
    const afterFirst = readFileSync(file);
    await run('note', 'roller', 'https://n.example/1');
    const list = await run('undo', '--list');
    expect(list.stdout).toMatch(
      /^ 1 .*Added a Note link to ROLLER.*\n 2 .*Marked ROLLER .* read\npapers undo reverts #1/,
    );
    expect((await run('undo')).status).toBe(0);
    expect(readFileSync(file)).toEqual(afterFirst);
    expect((await run('undo')).status).toBe(0);
    expect(readFileSync(file)).toEqual(original);
    const none = await run('undo');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/nothing to undo/);
    expect(readdirSync(dirname(file))).toEqual(['list.md']);
    expect(readdirSync(join(state, 'papers', 'journal'))).toHaveLength(1);
  });

  it('a change made through a symlink is undone through the real path (one journal per real file)', async () => {
    const { file, state, run, original } = setup();
    const link = join(tempDir(), 'link.md');
    symlinkSync(file, link);
    expect((await runCliInProcess(['--file', link, 'done', 'roller'], { env: { XDG_STATE_HOME: state } })).status).toBe(
      0,
    );
    expect((await run('undo')).status).toBe(0);
    expect(readFileSync(file)).toEqual(original);
  });

  it('refuses after an outside edit, says why, and changes nothing', async () => {
    const { file, run } = setup();
    await run('done', 'roller');
    appendFileSync(file, 'my own line\n');
    const edited = readFileSync(file);
    const undo = await run('undo');
    expect(undo.status).toBe(1);
    expect(undo.stderr).toMatch(
      /was changed after papers last wrote it \("Marked ROLLER \(OSDI'22\) as read".*undo would lose those edits, so nothing was changed/,
    );
    expect(readFileSync(file)).toEqual(edited);
    expect((await run('undo', '--list')).stdout).toMatch(/was edited after #1, so papers undo would refuse/);
  });

  it('an undo that takes many papers away leaves the next edit free (no damaged-file refusal)', async () => {
    // The damaged-file check refuses a write when the list holds under half the papers papers last saw;
    // an undo recorded the count from before it: after undoing an import of 12 papers into a list of 2,
    // the next `done` was refused as a half-saved file.
    const file = tempFile('# R\n\n## A\n\n- [ ] Paper One\n- [ ] Paper Two\n');
    const state = tempDir();
    const run = (...args: string[]) => runCliInProcess(['--file', file, ...args], { env: { XDG_STATE_HOME: state } });
    const bib = Array.from(
      { length: 12 },
      (_, i) => `@article{k${i},\n title={Imported Paper ${i}},\n journal={J},\n year={2020}\n}\n`,
    ).join('');
    const imported = await run('import', tempFile(bib, 'x.bib'), '--area', 'A');
    expect(imported.status, imported.stderr).toBe(0);
    expect((await run('undo')).status).toBe(0);
    const done = await run('done', '1');
    expect(done.status, done.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('- [x] Paper One');
  });

  it('after an undo, a list cut to under half its papers is still refused as damaged', async () => {
    // The undo keeps the count of the text it puts back (the journal's), not none.
    const items = Array.from({ length: 24 }, (_, i) => `- [ ] Paper Number ${i + 1}\n`);
    const file = tempFile(`# R\n\n## A\n\n${items.join('')}`);
    const state = tempDir();
    const env = { XDG_STATE_HOME: state, PAPERS_SETTLE_MS: '0' };
    const run = (...args: string[]) => runCliInProcess(['--file', file, ...args], { env });
    expect((await run('done', '1')).status).toBe(0);
    expect((await run('undo')).status).toBe(0);
    writeFileSync(file, `# R\n\n## A\n\n${items.slice(0, 4).join('')}`);
    const cut = readFileSync(file);
    const done = await run('done', '2');
    expect(done.status).toBe(1);
    expect(done.stderr).toMatch(/now holds 4 papers where papers saw 24/);
    expect(readFileSync(file)).toEqual(cut);
  });

  it('when the damaged-file check refuses an undo, the --force it names is there and goes through', async () => {
    // Not reachable from papers' own records alone (the undo's text is the one papers wrote): a count
    // left by something else (a record of an earlier version, a copied state dir) says 100.
    const items = Array.from({ length: 24 }, (_, i) => `- [ ] Paper Number ${i + 1}\n`);
    const text = `# R\n\n## A\n\n${items.join('')}`;
    const file = tempFile(text);
    const state = tempDir();
    const run = (...args: string[]) =>
      runCliInProcess(['--file', file, ...args], { env: { XDG_STATE_HOME: state, PAPERS_SETTLE_MS: '0' } });
    expect((await run('done', '1')).status).toBe(0);
    const marked = readFileSync(file);
    const records = readdirSync(join(state, 'papers')).filter((name) => name.startsWith('written-'));
    expect(records).toHaveLength(1);
    const record = join(state, 'papers', records[0]!);
    writeFileSync(record, readFileSync(record, 'utf8').replace(/\n24$/, '\n100'));
    const refused = await run('undo');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/now holds 24 papers where papers saw 100.*run again with --force/);
    expect(readFileSync(file)).toEqual(marked);
    const forced = await run('undo', '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a list given another hard link since is undone with --break-hardlinks, as the refusal says', async () => {
    const { file, run, original } = setup();
    expect((await run('done', 'roller')).status).toBe(0);
    const marked = readFileSync(file);
    const other = join(dirname(file), 'other.md');
    linkSync(file, other);
    const refused = await run('undo');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/other hard link.*Pass --break-hardlinks/);
    expect(readFileSync(file)).toEqual(marked);
    const undone = await run('undo', '--break-hardlinks');
    expect(undone.status, undone.stderr).toBe(0);
    expect(readFileSync(file)).toEqual(original);
    // The other name keeps the text it had (the file was replaced, not written in place).
    expect(readFileSync(other)).toEqual(marked);
  });

  it('removing an item with many subtasks, then undo, leaves the list free (its subtasks counted out)', async () => {
    // The count kept after rm took out the named paper only: with 27 subtasks gone with it, the next
    // write (the undo included) was refused as a damaged file ("holds 1 papers where papers saw 28").
    const children = Array.from({ length: 27 }, (_, i) => `  - [ ] Child Paper ${i + 1}\n`).join('');
    const text = `# R\n\n## A\n\n- [ ] Big Parent Paper\n${children}- [ ] Other Paper\n`;
    const file = tempFile(text);
    const state = tempDir();
    const run = (...args: string[]) =>
      runCliInProcess(['--file', file, ...args], { env: { XDG_STATE_HOME: state, PAPERS_SETTLE_MS: '0' } });
    const rm = await run('rm', 'big-parent-paper', '--yes');
    expect(rm.status, rm.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('# R\n\n## A\n\n- [ ] Other Paper\n');
    const undo = await run('undo');
    expect(undo.status, undo.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await run('rm', 'big-parent-paper', '--yes')).status).toBe(0);
    const done = await run('done', 'other-paper');
    expect(done.status, done.stderr).toBe(0);
  });

  it('records each stretch a write changed: a count badge far above the paper is its own small span', async () => {
    // A list whose counts are shown in badges at the top: `done` changes the paper's marker and the
    // badges' digits, ~40 KB apart. One span from the first change to the last held all of that text
    // twice in every entry (20 entries: ~1.6 MB of journal to read and write on every edit).
    const filler = Array.from({ length: 400 }, (_, i) => `Some notes on the reading, line ${i}, nothing to see.\n`);
    const text = [
      '# Papers\n\n',
      '![Read](https://img.shields.io/badge/Read-1-green) ![To Read](https://img.shields.io/badge/To_Read-1-orange)\n\n',
      '## Notes\n\n',
      ...filler,
      '\n## Systems\n\n',
      "- [x] Far Away Paper One [OSDI'20]: [[Paper](https://p.example/1.pdf)]\n",
      "- [ ] Far Away Paper Two [SOSP'21]: [[Paper](https://p.example/2.pdf)]\n",
    ].join('');
    const file = tempFile(text);
    const state = tempDir();
    const run = (...args: string[]) => runCliInProcess(['--file', file, ...args], { env: { XDG_STATE_HOME: state } });
    const done = await run('done', 'far-away-paper-two');
    expect(done.status, done.stderr).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('Read-2-green');
    expect(written).toContain('To_Read-0-orange');
    const [journal] = readdirSync(join(state, 'papers', 'journal'));
    const saved = JSON.parse(readFileSync(join(state, 'papers', 'journal', journal!), 'utf8'));
    expect(saved.format).toBe('papers-journal-2');
    const spans = saved.entries[0].spans as { start: number; before: string; after: string }[];
    expect(spans.map(({ before, after }) => [before, after])).toEqual([
      ['1', '2'],
      ['1', '0'],
      [' ', 'x'],
    ]);
    for (const { start, after } of spans) expect(written.slice(start, start + after.length)).toBe(after);
    expect((await run('undo')).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('undoes a change recorded in the one-span format of earlier versions', async () => {
    const { file, state, run, original } = setup();
    expect((await run('done', 'roller')).status).toBe(0);
    const done = readFileSync(file, 'utf8');
    const dir = join(state, 'papers', 'journal');
    const [name] = readdirSync(dir);
    const saved = JSON.parse(readFileSync(join(dir, name!), 'utf8'));
    const [{ spans, ...entry }] = saved.entries;
    expect(spans).toHaveLength(1);
    // As papers-journal-1 kept it: the span's fields on the entry.
    writeFileSync(
      join(dir, name!),
      JSON.stringify({ format: 'papers-journal-1', path: saved.path, entries: [{ ...entry, ...spans[0] }] }),
    );
    expect(done).not.toBe(original.toString());
    const undo = await run('undo');
    expect(undo.status, undo.stderr).toBe(0);
    expect(readFileSync(file)).toEqual(original);
  });

  it('any edits, recorded as spans, take the text papers wrote back to the text before', async () => {
    const { recordChange, lastChanges, textBefore } = await import('../src/store/journal.js');
    const { applyEdits } = await import('../src/core/write/splice.js');
    const { storedText } = await import('../src/store/read.js');
    const state = join(tempDir(), 'papers');
    const path = join(tempDir(), 'x.md');
    const stored = (value: string) => storedText(path, value, Buffer.from(value, 'utf8'), 0o644);
    // Texts of a few characters (so that edits meet, nest in place and repeat what was there), edits at
    // any places, some empty, some replacing a stretch with the same text.
    const case_ = fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', '😀'), maxLength: 30 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc
            .tuple(
              fc.nat(text.length),
              fc.nat(text.length),
              fc.string({ unit: fc.constantFrom('a', 'x', '\n'), maxLength: 3 }),
            )
            .map(([a, b, insert]) => ({ start: Math.min(a, b), end: Math.max(a, b), text: insert })),
          { maxLength: 4 },
        ),
      ),
    );
    let recorded = 0;
    fc.assert(
      fc.property(case_, ([text, edits]) => {
        let after: string;
        try {
          after = applyEdits(text, edits);
        } catch {
          return; // overlapping edits: no write makes them
        }
        if (after === text) return;
        expect(recordChange(state, path, stored(text), stored(after), 'change', edits, null)).toBeNull();
        const entry = lastChanges(state, path)[0]!;
        expect(textBefore(entry, after)).toBe(text);
        // Each span is what the text papers wrote holds at its place.
        for (const span of entry.spans)
          expect(after.slice(span.start, span.start + span.after.length)).toBe(span.after);
        recorded++;
      }),
      { numRuns: propertyRuns(300) },
    );
    expect(recorded).toBeGreaterThan(50);
  });

  it('keeps the last 20 changes per file, and one journal per real path ', async () => {
    // The journal's state folder is an argument (the run context's): nothing here reads the environment.
    const state = tempDir();
    const { recordChange, lastChanges, textBefore } = await import('../src/store/journal.js');
    const { storedText } = await import('../src/store/read.js');
    const stored = (value: string) => storedText(path, value, Buffer.from(value, 'utf8'), 0o644);
    const path = join(tempDir(), 'x.md');
    let text = 'start\n';
    const texts = [text];
    for (let i = 0; i < 25; i++) {
      const next = `${text}line ${i}\r\n`;
      recordChange(join(state, 'papers'), path, stored(text), stored(next), `change ${i}`, null, null);
      texts.push((text = next));
    }
    const entries = lastChanges(join(state, 'papers'), path);
    expect(entries).toHaveLength(20);
    expect(entries[0]!.message).toBe('change 24');
    // Each entry takes the text it left back to the one before it.
    let current = text;
    for (let i = 0; i < 20; i++) {
      current = textBefore(entries[i]!, current)!;
      expect(current).toBe(texts[texts.length - 2 - i]);
    }
    expect(textBefore(entries[0]!, `${text}x`)).toBeNull();
    expect(existsSync(join(state, 'papers', 'journal'))).toBe(true);
  });
});
