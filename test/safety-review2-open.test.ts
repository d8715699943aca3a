/**
 * What `open` hands to the browser opener from a list that may be someone else's (#21 second review,
 * b16): an http(s) URL, or a relative link to a file inside the list's folder or its repository. A custom
 * scheme's handler (`vscode:`), `file:`, `javascript:`, `smb:` or a relative link climbing out to a program
 * is refused, exit 1, naming the link and `open --print`, which still prints it (sanitized).
 * (Split from safety-review2.test.ts, which holds the rest of that review's tests.)
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir, until } from './helpers.js';
import { all, itIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';

/** What must never reach a terminal raw (README, Terminal safety): \n and \t aside. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A repository holding a list with one paper per kind of link, and a stub xdg-open that logs its argv. */
function setUp() {
  const dir = tempDir();
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, 'lists'), { recursive: true });
  mkdirSync(join(repo, 'notes'));
  writeFileSync(join(repo, '.papers.json'), JSON.stringify({ version: 1 }));
  writeFileSync(join(repo, 'notes', 'n.md'), '# note\n');
  const list = join(repo, 'lists', 'l.md');
  // A relative link climbing out of the list's folder to a program (node itself: it is there).
  const climb = relative(join(repo, 'lists'), process.execPath);
  const refused = {
    'scheme-paper': 'vscode://evil.extension/run?x=1\u202e',
    'smb-paper': 'smb://attacker.example/share',
    'file-paper': 'file:///usr/bin/id',
    'climb-paper': climb,
    'js-paper': 'javascript:alert(1)',
    'host-paper': '//attacker.example/x',
  };
  const allowed = {
    'web-paper': 'https://example.org/a',
    'repo-paper': '../notes/n.md',
  };
  const lines = Object.entries({ ...refused, ...allowed }).map(([id, url]) => {
    const title = id.replace('-paper', '').replace(/^./, (c) => c.toUpperCase());
    return `- [ ] ${title} paper: [[Paper](${url})]`;
  });
  writeFileSync(list, `# L\n\n${lines.join('\n')}\n`);
  const bin = tempDir();
  const log = join(bin, 'argv.log');
  writeFileSync(
    join(bin, 'xdg-open'),
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const env = { PATH: `${bin}${delimiter}${process.env.PATH}`, DISPLAY: ':0' };
  return { repo, list, climb, refused, allowed, log, env };
}

describe("papers open on a list that may be someone else's", () => {
  it("refuses any link but http(s) and files inside the list's folder or repository; --print shows it", async () => {
    const { list, refused, allowed, log, env } = setUp();
    for (const [id, url] of Object.entries(refused)) {
      const result = await runCliInProcess(['--file', list, 'open', id], { env });
      expect(result.status, `${id}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`papers: ${id}'s link `);
      expect(result.stderr).toContain(`; papers open --print ${id} shows it\n`);
      expect(result.stderr).not.toMatch(UNSAFE);
      const printed = await runCliInProcess(['--file', list, 'open', '--print', id], { env });
      expect(printed.status, printed.stderr).toBe(0);
      expect(printed.stdout).not.toMatch(UNSAFE);
      if (id !== 'scheme-paper' && id !== 'climb-paper') expect(printed.stdout).toBe(`${url}\n`);
    }
    expect((await runCliInProcess(['--file', list, 'open', '--print', 'climb-paper'], { env })).stdout).toBe(
      `${pathToFileURL(process.execPath).href}\n`,
    );
    // Off a terminal the allowed ones are printed, as before.
    const web = await runCliInProcess(['--file', list, 'open', 'web-paper'], { env });
    expect(web).toMatchObject({ status: 0, stdout: `${allowed['web-paper']}\n` });
    const inRepo = await runCliInProcess(['--file', list, 'open', 'repo-paper'], { env });
    expect(inRepo.status, inRepo.stderr).toBe(0);
    expect(existsSync(log)).toBe(false);
  });

  itIf(all(needs.script, needs.linux))(
    'on a terminal with a display: the opener runs for the allowed links only',
    async () => {
      const { repo, list, refused, allowed, log, env } = setUp();
      for (const id of Object.keys(refused)) {
        const result = await runOnTerminal(['--file', list, 'open', id], { columns: 200, env });
        expect(result.status, result.output).toBe(1);
        expect(result.output).toContain(`papers open --print ${id} shows it`);
      }
      for (const id of Object.keys(allowed)) {
        const result = await runOnTerminal(['--file', list, 'open', id], { columns: 200, env });
        expect(result.status, result.output).toBe(0);
      }
      // The stub runs detached (in any order): both of its lines, and no other.
      await until(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').length === 3);
      expect(
        readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
          .sort(),
      ).toEqual([[pathToFileURL(join(repo, 'notes', 'n.md')).href], [allowed['web-paper']]].sort());
    },
  );
});
