/** `papers lint`: a planted example of each rule is found, a clean list passes, --fix is byte-surgical. */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, runCliInProcess, tempCopy, tempDir, tempFile } from './helpers.js';

// The orphan stands above the document title: papers under the title (where add --top puts them) are not outside.
const PLANTED = `- [ ] Orphan Paper Above Every Area[OSDI'20]: [[Paper](https://orphan.example/p.pdf)]

# My Reading List

## Systems

- [x] Rammer: Holistic Compiler Things[OSDI'20]: [[Paper](https://www.usenix.org/rammer.pdf)]
- [ ] RAMMER - holistic compiler things[OSDI'21]: [[Paper](https://other.example/r.pdf)]
- [ ] Attention Paper One[NeurIPS'17]: [[Paper](https://arxiv.org/abs/1706.03762)]
- [ ] A Differently Named Copy[NeurIPS'17]: [[Paper](https://arxiv.org/pdf/1706.03762v5.pdf)]
- [ ] Tensor Algebra Compiler[OOPSLA'17]: [[Paper](https://dl.acm.org/doi/pdf/10.1145/3133901)]
- [ ] TACO Again Under Another Name[OOPSLA'17]: [[Paper](https://doi.org/10.1145/3133901)]
- [ ] Same Link First Title[SOSP'19]: [[Paper](https://www.same.example/paper/)]
- [ ] Same Link Second Title[SOSP'19]: [[Paper](http://same.example/paper)]
- [ ] A Paper Without Any Link[ATC'22]
- [ x] Broken Checkbox Paper[ATC'22]: [[Paper](https://e.example/1)]
- [ ] Paper With A Blog Venue[Blog]: [[Paper](https://e.example/2)]
- [ ] Paper With A Missing Note[EuroSys'23]: [[Paper](https://e.example/3)] [[Note](notes/missing%20note.md)]
- [ ] Paper With A Present Note[EuroSys'23]: [[Paper](https://e.example/4)] [[Note](notes/here.md#intro)]
* [ ] Star After Dash[HotOS'23]: [[Paper](https://e.example/5)]

## Empty Area

<!-- nothing yet -->

## Last

- [ ] Last Paper[OSDI'23]: [[Paper](https://e.example/6)]
`;

function planted(): string {
  const file = tempFile(PLANTED);
  mkdirSync(join(dirname(file), 'notes'));
  writeFileSync(join(dirname(file), 'notes', 'here.md'), '# here\n');
  return file;
}

interface LintJson {
  file: string;
  line: number;
  rule: string;
  message: string;
  fixable: boolean;
}

describe('papers lint', () => {
  it('finds a planted example of every rule, at its line, and exits 1', async () => {
    const file = planted();
    const result = await runCliInProcess(['--file', file, 'lint', '--json']);
    expect(result.status, result.stderr).toBe(1);
    const problems = JSON.parse(result.stdout) as LintJson[];
    expect(problems.map((p) => [p.line, p.rule])).toEqual([
      [1, 'outside-area'],
      [8, 'duplicate'],
      [10, 'duplicate'],
      [12, 'duplicate'],
      [14, 'duplicate'],
      [15, 'no-link'],
      [16, 'checkbox'],
      [17, 'venue'],
      [18, 'missing-file'],
      [20, 'mixed-bullets'],
      [22, 'empty-area'],
    ]);
    const message = (line: number, rule: string) => problems.find((p) => p.line === line && p.rule === rule)!.message;
    expect(message(8, 'duplicate')).toMatch(/the same title as line 7 \(rammer\)/);
    expect(message(10, 'duplicate')).toMatch(/the same arXiv id \(1706\.03762\) as line 9/);
    expect(message(12, 'duplicate')).toMatch(/the same DOI \(10\.1145\/3133901\) as line 11/);
    expect(message(14, 'duplicate')).toMatch(/the same link as line 13/);
    expect(message(18, 'missing-file')).toContain('notes/missing%20note.md');
    expect(message(22, 'empty-area')).toContain('"Empty Area"');
    expect(problems.filter((p) => p.fixable).map((p) => p.rule)).toEqual(['checkbox', 'mixed-bullets']);

    const text = await runCliInProcess(['--file', file, 'lint']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`${file}:16 checkbox "[ x]" is no checkbox on GitHub`);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('11 problems, 2 fixable with --fix');
  });

  it('summary counts that disagree with the list: named at their line, and --fix rewrites only the digits', async () => {
    const text = [
      '# Reading',
      '',
      '![Papers](https://img.shields.io/badge/Papers-3-blue) ![Read](https://img.shields.io/badge/Read-2-green)',
      '',
      '## Systems',
      '',
      "- [x] One Paper Title[OSDI'20]: [[Paper](https://a.org/1)]",
      "- [ ] Two Paper Title[OSDI'21]: [[Paper](https://a.org/2)]",
      '',
    ].join('\n');
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'lint']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/:3 counts badge "Papers" says 3, the list has 2/);
    expect(result.stdout).toMatch(/:3 counts badge "Read" says 2, the list has 1/);
    expect((await runCliInProcess(['--file', file, 'lint', '--fix'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      text.replace('Papers-3-blue', 'Papers-2-blue').replace('Read-2-green', 'Read-1-green'),
    );
  });

  it('a list with no area headings has nothing outside an area', async () => {
    const flat = await runCliInProcess([
      '--file',
      tempFile("# Title\n\n- [ ] One Paper[OSDI'20]: [[Paper](https://f.example/1)]\n"),
      'lint',
    ]);
    expect(flat.status, flat.stdout).toBe(0);
  });

  it('--ignore turns rules off; an unknown rule is a usage error', async () => {
    const file = planted();
    const result = await runCliInProcess([
      '--file',
      file,
      'lint',
      '--json',
      '--ignore',
      'duplicate,no-link',
      '--ignore',
      'empty-area',
    ]);
    const rules = new Set((JSON.parse(result.stdout) as LintJson[]).map((p) => p.rule));
    expect([...rules].sort()).toEqual(['checkbox', 'missing-file', 'mixed-bullets', 'outside-area', 'venue']);
    const bad = await runCliInProcess(['--file', file, 'lint', '--ignore', 'dupes']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no rule "dupes"; the rules are duplicate, no-link/);
  });

  it('a clean list passes with exit 0 (the example list, and a generated one)', async () => {
    const example = await runCliInProcess(['--file', EXAMPLE, 'lint']);
    expect(example.status, example.stdout).toBe(0);
    expect(example.stdout).toMatch(/^no problems in /);
    let generated = '# List\n';
    for (let a = 0; a < 5; a++) {
      generated += `\n## Area ${a}\n\n`;
      for (let p = 0; p < 20; p++)
        generated += `- [${p % 2 ? 'x' : ' '}] Paper ${a} ${p} About Something[OSDI'${10 + p}]: [[Paper](https://example.org/${a}/${p}.pdf)]\n`;
    }
    const clean = await runCliInProcess(['--file', tempFile(generated), 'lint', '--json']);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it('--fix --dry-run shows the diff and writes nothing; --fix then leaves only unfixable problems', async () => {
    const file = planted();
    const before = readFileSync(file);
    const dry = await runCliInProcess(['--file', file, 'lint', '--fix', '--dry-run']);
    // The same exit code as --fix: problems are left that no fix removes.
    expect(dry.status, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('-- [ x] Broken Checkbox Paper');
    expect(dry.stdout).toContain('+- [x] Broken Checkbox Paper');
    expect(dry.stdout).toContain('+- [ ] Star After Dash');
    expect(readFileSync(file)).toEqual(before);
    const fix = await runCliInProcess(['--file', file, 'lint', '--fix']);
    expect(fix.status).toBe(1);
    expect(fix.stdout).toContain(`fixed ${file}:16 checkbox`);
    expect(fix.stdout).toContain(`fixed ${file}:20 mixed-bullets`);
    const after = readFileSync(file, 'utf8');
    expect(after).toBe(PLANTED.replace('- [ x] Broken', '- [x] Broken').replace('* [ ] Star', '- [ ] Star'));
    const left = JSON.parse((await runCliInProcess(['--file', file, 'lint', '--json'])).stdout) as LintJson[];
    expect(left.some((p) => p.fixable)).toBe(false);
    expect((await runCliInProcess(['--file', file, 'lint', '--fix', '--json'])).status).toBe(2);
  });

  const goldenRoot = join(ROOT, 'test', 'lint-golden');
  it.each(readdirSync(goldenRoot))('--fix golden: %s', async (name) => {
    const file = tempCopy(join(goldenRoot, name, 'input.md'), 'list.md');
    const result = await runCliInProcess(['--file', file, 'lint', '--fix', '--ignore', 'no-link']);
    expect(result.stderr).toBe('');
    expect(readFileSync(file)).toEqual(readFileSync(join(goldenRoot, name, 'expected.md')));
    // Fixed means fixed: nothing fixable is left, and a second run changes nothing.
    const again = tempDir();
    copyFileSync(file, join(again, 'list.md'));
    await runCliInProcess(['--file', join(again, 'list.md'), 'lint', '--fix']);
    expect(readFileSync(join(again, 'list.md'))).toEqual(readFileSync(file));
  });
});
