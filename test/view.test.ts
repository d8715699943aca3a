/** `papers show`, `next`, `open` and `edit` on the example list and generated ones. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCliInProcess, tempDir, tempFile, until } from './helpers.js';
import { all, itIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';

describe('papers show', () => {
  it('shows every fact of one paper, as text and JSON', async () => {
    const text = await runCliInProcess(['--file', EXAMPLE, 'show', 'ramm']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks');
    expect(text.stdout).toMatch(/venue\s+OSDI'20 \(2020\)/);
    expect(text.stdout).toMatch(/area\s+MLSys\/DNN Compiler/);
    expect(text.stdout).toMatch(/state\s+read/);
    expect(text.stdout).toContain(`${EXAMPLE}:11`);
    expect(text.stdout).toContain('Note: https://github.com/KuangjuX/paper-reading/issues/22');
    const json = JSON.parse((await runCliInProcess(['--file', EXAMPLE, 'show', '3', '--json'])).stdout);
    expect(json).toMatchObject({
      id: 'rammer',
      number: 3,
      line: 11,
      file: EXAMPLE,
      notes: [],
      area: ['MLSys', 'DNN Compiler'],
    });
  });

  it('shows the notes nested under the item, and no raw control characters', async () => {
    const file = tempFile(
      "## Area\n\n- [ ] Paper One[OSDI'20]: [[Paper](https://a.example/1)]\n    - read section 3\n    - compare with \u001b[31mTwo\n\n      a second paragraph\n- [x] Paper Two\n",
    );
    const json = JSON.parse((await runCliInProcess(['--file', file, 'show', 'paper-one', '--json'])).stdout);
    expect(json.notes).toEqual(['- read section 3', '- compare with \u001b[31mTwo', '', '  a second paragraph']);
    const text = (await runCliInProcess(['--file', file, 'show', 'paper-one'])).stdout;
    expect(text).toContain('- read section 3');
    expect(text).not.toContain('\u001b');
    expect((await runCliInProcess(['--file', file, 'show', 'nothing-like-it'])).status).toBe(1);
  });
});

describe('papers next', () => {
  it('the first unread in document order, within area and venue', async () => {
    const next = async (...args: string[]) =>
      JSON.parse((await runCliInProcess(['--file', EXAMPLE, 'next', '--json', ...args])).stdout).id;
    expect(await next()).toBe('roller');
    expect(await next('--area', 'Hypervisor')).toBe('hyperenclave');
    expect(await next('--venue', 'EuroSys')).toBe('nephele');
    expect(await next('--area', 'MLSys', '--venue', "OSDI'18")).toBe('ray');
    const text = (await runCliInProcess(['--file', EXAMPLE, 'next', '--area', 'OS'])).stdout;
    expect(text).toMatch(
      /^theseus {2}Theseus: .*\[OSDI'20\]\n {2}Paper: https:\/\/www\.usenix\.org\/system\/files\/osdi20-boos\.pdf\n/,
    );
  });

  it('--random picks among the unread of the filter only', async () => {
    const file = tempFile(
      `## A\n\n${Array.from({ length: 12 }, (_, i) => `- [${i % 3 === 0 ? 'x' : ' '}] Paper number ${i}: [[Paper](https://e.example/${i})]\n`).join('')}`,
    );
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++)
      seen.add(JSON.parse((await runCliInProcess(['--file', file, 'next', '--random', '--json'])).stdout).title);
    for (const title of seen) expect(Number(/(\d+)$/.exec(title)![1]) % 3).not.toBe(0);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('says why when nothing is left', async () => {
    const done = await runCliInProcess(['--file', EXAMPLE, 'next', '--area', 'Deep Learning']);
    expect(done.status).toBe(1);
    expect(done.stderr).toMatch(/no unread paper in "Deep Learning": everything there is read/);
  });
});

/** A directory with a stub `name` that appends its argv (NUL-separated, one line per call) to `log`. */
function stubCommand(name: string): { dir: string; log: string } {
  const dir = tempDir();
  const log = join(dir, 'argv.log');
  const stub = join(dir, name);
  writeFileSync(
    stub,
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  chmodSync(stub, 0o755);
  return { dir, log };
}

/**
 * The stub runs detached from papers: its log holds a whole line when it has run. (The file exists, empty,
 * between the stub's open and its write: a busy machine made a test read it then.)
 */
async function waitFor(path: string): Promise<string> {
  return until(() => {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    return text.endsWith('\n') ? text : false;
  });
}

describe('papers open', () => {
  const hostile = 'https://example.org/a;touch${IFS}/tmp/pwned;$(id)`id`&x=1|y';
  const list = () => {
    const file = tempFile(
      `## A\n\n- [ ] Hostile Paper: [[Paper](${hostile})] [[Note](notes/my%20note.md#part)]\n- [ ] Quiet Paper\n`,
    );
    mkdirSync(join(dirname(file), 'notes'));
    writeFileSync(join(dirname(file), 'notes', 'my note.md'), '# note\n');
    return file;
  };

  it('prints the URL when not on a terminal (no browser started)', async () => {
    const file = list();
    const { dir, log } = stubCommand('xdg-open');
    const result = await runCliInProcess(['--file', file, 'open', 'hostile'], {
      env: { PATH: `${dir}${delimiter}${process.env.PATH}`, DISPLAY: ':0' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${hostile}\n`);
    expect(existsSync(log)).toBe(false);
    const note = await runCliInProcess(['--file', file, 'open', 'hostile', '--label', 'note']);
    expect(note.stdout).toBe(`file://${join(dirname(file), 'notes', 'my%20note.md')}#part\n`);
    const none = await runCliInProcess(['--file', file, 'open', 'quiet']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/has no link/);
    expect((await runCliInProcess(['--file', file, 'open', 'hostile', '--label', 'Slides'])).stderr).toMatch(
      /no link labelled "Slides"; its links are "Paper", "Note"/,
    );
  });

  itIf(all(needs.script, needs.linux))(
    'on a terminal with a display, runs xdg-open with the URL as one argument, no shell',
    async () => {
      const file = list();
      const { dir, log } = stubCommand('xdg-open');
      const env = { PATH: `${dir}${delimiter}${process.env.PATH}`, DISPLAY: ':0' };
      const result = await runOnTerminal(['--file', file, 'open', 'hostile'], { columns: 100, env });
      expect(result.status, result.output).toBe(0);
      expect(JSON.parse((await waitFor(log)).trim())).toEqual([hostile]);
      expect(existsSync('/tmp/pwned')).toBe(false);
      // No display: the URL is printed, and the stub is not run again.
      const headless = await runOnTerminal(['--file', file, 'open', 'hostile'], {
        columns: 100,
        env: { ...env, DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
      });
      expect(headless.output).toContain('no display');
      expect(headless.output).toContain(hostile);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    },
  );
});

describe('papers edit', () => {
  it.each([
    ['vim', (file: string) => ['+11', file]],
    ['nano', (file: string) => ['+11', file]],
    ['emacs', (file: string) => ['+11', file]],
    ['code', (file: string) => ['-g', `${file}:11`]],
    ['myeditor', (file: string) => [file]],
  ])('%s gets the line in its own form', async (name, expected) => {
    const { dir, log } = stubCommand(name);
    const result = await runCliInProcess(['--file', EXAMPLE, 'edit', 'rammer'], {
      env: { PATH: `${dir}${delimiter}${process.env.PATH}`, VISUAL: undefined, EDITOR: name },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual(expected(EXAMPLE));
  });

  it('$VISUAL wins over $EDITOR and may carry arguments; a missing editor is a clear error', async () => {
    const { dir, log } = stubCommand('code');
    const path = `${dir}${delimiter}${process.env.PATH}`;
    const result = await runCliInProcess(['--file', EXAMPLE, 'edit', 'roller'], {
      env: { PATH: path, VISUAL: 'code -w', EDITOR: 'vim' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual(['-w', '-g', `${EXAMPLE}:15`]);
    const missing = await runCliInProcess(['--file', EXAMPLE, 'edit', 'roller'], {
      env: { PATH: path, VISUAL: 'no-such-editor-here' },
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/the editor "no-such-editor-here" was not found/);
  });
});
