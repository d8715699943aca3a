/** `papers undo`: every mutating command is walked back byte for byte; outside edits are never lost. */
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      recordChange(join(state, 'papers'), path, stored(text), stored(next), `change ${i}`);
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
