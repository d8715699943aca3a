/** Completion scripts: bash completes commands, options, ids and areas of the list the command line names. */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, EXAMPLE, runCli, tempDir, tempFile } from './helpers.js';
import { describeIf, needs } from './needs.js';

/** A PATH where `papers` is this build. */
function pathWithPapers(): string {
  const dir = tempDir();
  symlinkSync(BIN, join(dir, 'papers'));
  return [dir, dirname(process.execPath), process.env.PATH].join(delimiter);
}

/** Runs `cases` (each a list of words, the last one being completed) through the bash script; returns each COMPREPLY. */
function bashComplete(cases: string[][], env: Record<string, string> = {}): string[][] {
  const script = [
    'source <(papers completion bash) || exit 9',
    'complete -p papers || exit 8',
    ...cases.map((words) => {
      const quoted = words.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
      return `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _papers; printf '%s\\n' "\${COMPREPLY[@]}"; echo '<<end>>'`;
    }),
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    encoding: 'utf8',
    env: cliEnv({ PAPERS_FILE: '', PATH: pathWithPapers(), ...env }),
  });
  expect(result.status, result.stderr).toBe(0);
  const [head, ...rest] = result.stdout.split(/^complete -F _papers papers\n/m);
  expect(head).toBe('');
  return rest
    .join('')
    .split('<<end>>\n')
    .slice(0, cases.length)
    .map((block) => block.split('\n').filter((line) => line !== ''));
}

describeIf(needs.bash)('bash completion', () => {
  it('completes commands, options, ids, areas and choices from the list given with --file', () => {
    const [commands, listOptions, ids, areas, spaced, choices, globals, shells, notForList] = bashComplete([
      ['papers', 'st'],
      ['papers', '-f', EXAMPLE, 'list', '--un'],
      ['papers', '-f', EXAMPLE, 'done', 'r'],
      ['papers', '--file', EXAMPLE, 'list', '--area', 'MLSys/D'],
      ['papers', '--file', EXAMPLE, 'next', '-a', 'Deep'],
      ['papers', 'stats', '--by', ''],
      ['papers', '--'],
      ['papers', 'completion', ''],
      ['papers', '-f', EXAMPLE, 'list', ''],
    ]);
    expect(commands).toEqual(['stats']);
    expect(listOptions).toEqual(['--unread']);
    // done offers the papers not read yet (rammer and redleaf are read).
    expect(ids).toEqual(['roller', 'ray']);
    expect(areas).toEqual(['MLSys/DNN\\ Compiler', 'MLSys/Distrubited\\ Training']);
    expect(spaced).toEqual(['Deep\\ Learning']);
    expect(choices).toEqual(['area', 'venue', 'year', 'month']);
    expect(globals).toEqual(expect.arrayContaining(['--file', '--no-color', '--debug', '--help', '--version']));
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
    expect(notForList).toEqual([]);
  });

  it('honours PAPERS_FILE and --file=, and stays quiet when the list is missing', () => {
    const other = tempFile('## Only Area\n\n- [ ] Zebra Paper One\n- [ ] Zebra Paper Two\n');
    const [fromEnv, fromEquals, missing] = bashComplete(
      [
        ['papers', 'show', 'z'],
        // bash splits --file=x into three words
        ['papers', '--file', '=', EXAMPLE, 'show', 'th'],
        ['papers', '-f', '/nonexistent/list.md', 'show', ''],
      ],
      { PAPERS_FILE: other },
    );
    expect(fromEnv).toEqual(['zebra-paper-one', 'zebra-paper-two']);
    expect(fromEquals).toEqual(['theseus']);
    expect(missing).toEqual([]);
  });
});

describeIf(needs.zsh)('zsh completion', () => {
  it('the _papers function offers ids, areas, commands, choices and options (compadd stubbed to print)', () => {
    const script = tempFile(runCli(['completion', 'zsh']).stdout, '_papers');
    const cases: [string[], number][] = [
      [['papers', '-f', EXAMPLE, 'done', 'r'], 5],
      [['papers', 'list', '--area', 'M'], 4],
      [['papers', 'st'], 2],
      [['papers', 'stats', '--by', ''], 4],
      [['papers', 'list', '--un'], 3],
    ];
    const q = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    const body = [
      'compdef() { :; }',
      'compadd() { local -a a; a=("$@"); print -r -l -- "${(@)a[${a[(i)--]}+1,-1]}"; }',
      '_describe() { local -a c; c=("${(@P)${@[-1]}}"); print -r -l -- "${(@)c%%:*}"; }',
      '_files() { print FILES; }',
      `source ${q(script)}`,
      ...cases.map(
        ([words, current]) => `words=(${words.map(q).join(' ')}); CURRENT=${current}; _papers; print '<<end>>'`,
      ),
    ].join('\n');
    const result = spawnSync('zsh', ['-f', '-c', body], {
      encoding: 'utf8',
      env: cliEnv({ PAPERS_FILE: EXAMPLE, PATH: pathWithPapers() }),
    });
    expect(result.stderr).toBe('');
    const [ids, areas, commands, choices, options] = result.stdout
      .split('<<end>>\n')
      .map((block) => block.split('\n').filter((line) => line !== ''));
    expect(ids).toHaveLength(23);
    expect(ids).toContain('roller');
    expect(areas).toContain('MLSys/DNN Compiler');
    expect(commands).toEqual(expect.arrayContaining(['list', 'stats', 'lint', 'undo', 'completion']));
    expect(commands).not.toContain('__complete');
    expect(choices).toEqual(['area', 'venue', 'year', 'month']);
    expect(options).toEqual(expect.arrayContaining(['--unread', '--read', '--area', '--json']));
  });
});

describe('completion scripts', () => {
  it('zsh and fish scripts load where those shells are installed; unknown shells are a usage error', () => {
    for (const shell of ['zsh', 'fish']) {
      const script = runCli(['completion', shell]);
      expect(script.status).toBe(0);
      expect(script.stdout).toMatch(/__complete (ids|\$argv\[1\])/);
      if (!needs[shell as 'zsh' | 'fish'].ok) continue;
      const scriptFile = tempFile(script.stdout, shell === 'zsh' ? '_papers' : 'papers.fish');
      const check = spawnSync(shell, shell === 'zsh' ? ['-n', scriptFile] : ['--no-execute', scriptFile], {
        encoding: 'utf8',
        env: cliEnv({}),
      });
      expect(check.status, check.stderr).toBe(0);
      if (shell === 'zsh') {
        const file = scriptFile;
        const load = spawnSync(
          'zsh',
          [
            '-f',
            '-c',
            `autoload -U compinit && compinit -u -d ${tempDir()}/zcompdump && source ${file} && whence -w _papers && echo loaded`,
          ],
          { encoding: 'utf8', env: cliEnv({}) },
        );
        expect(load.stderr).toBe('');
        expect(load.stdout, load.stderr).toContain('loaded');
      } else {
        const file = scriptFile;
        const env = cliEnv({ PATH: pathWithPapers() });
        const load = spawnSync(
          'fish',
          [
            '--no-config',
            '-c',
            `source ${file}; and complete -C "papers sta"; and complete -C "papers -f ${EXAMPLE} done ro"; and complete -C "papers list --area MLSys/D"`,
          ],
          { encoding: 'utf8', env },
        );
        expect(load.stderr).toBe('');
        expect(load.stdout).toMatch(/^stats\t/m);
        expect(load.stdout).toMatch(/^roller$/m);
        expect(load.stdout).not.toMatch(/^rammer$/m);
      }
    }
    expect(runCli(['completion', 'tcsh']).status).toBe(2);
  });

  // How fast it answers is measured by `npm run bench`, not here: a wall-clock bound fails on a busy machine.
  it('__complete prints every id of the list, the same on a warm cache', () => {
    const cold = runCli(['--file', EXAMPLE, '__complete', 'ids']);
    expect(cold.stdout.trimEnd().split('\n')).toHaveLength(23);
    const warm = runCli(['--file', EXAMPLE, '__complete', 'ids']);
    expect(warm.stdout).toBe(cold.stdout);
  });
});

describeIf(needs.bash)('bash completion offers what each command takes', () => {
  it('done: unread papers; undone: read ones; values of --sort, --to, --ignore, --columns; areas without their emoji', () => {
    const file = tempFile(
      '# L\n\n## ⚙️ Compiler\n\n- [x] Rammer: Holistic\n- [ ] Roller: Fast\n\n## 🚀 LLM Inference\n\n### Serving\n\n- [ ] Orca: Serving\n',
    );
    const [done, undone, sort, to, ignore, columns, plain, withEmoji] = bashComplete([
      ['papers', '-f', file, 'done', ''],
      ['papers', '-f', file, 'undone', ''],
      ['papers', 'list', '--sort', ''],
      ['papers', 'convert', '--to', ''],
      ['papers', 'lint', '--ignore', 'c'],
      ['papers', 'list', '--columns', 'ti'],
      ['papers', '-f', file, 'list', '--area', 'Comp'],
      ['papers', '-f', file, 'list', '--area', 'LLM'],
    ]);
    expect(done).toEqual(['roller', 'orca']);
    expect(undone).toEqual(['rammer']);
    expect(sort).toEqual(['file', 'area', 'venue', 'year', 'title']);
    expect(to).toEqual(['table', 'list']);
    expect(ignore).toEqual(['checkbox', 'counts']);
    expect(columns).toEqual(['title']);
    expect(plain).toEqual(['Compiler']);
    expect(withEmoji).toEqual(['LLM\\ Inference', 'LLM\\ Inference/Serving']);
  });
});
