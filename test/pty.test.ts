/**
 * The prompts, driven through a real pseudo-terminal: util-linux `script` runs the CLI on a pty and
 * passes our keystrokes to it. Each step waits for the question to appear before it types.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, tempCopy, tempDir } from './helpers.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.warn('[papers tests] util-linux `script` is missing: the pseudo-terminal tests are skipped');

const ENTER = '\r';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs papers on a pty; for each step, waits until the screen shows `wait`, then types `keys`. */
function onTerminal(args: string[], steps: { wait: string | RegExp; keys: string }[]): Promise<{ status: number; screen: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '120', LINES: '40', TERM: 'xterm', XDG_CACHE_HOME: join(tempDir(), 'cache') },
  });
  let screen = '';
  let step = 0;
  let seenUpTo = 0;
  const advance = () => {
    while (step < steps.length) {
      const { wait, keys } = steps[step]!;
      const rest = screen.slice(seenUpTo);
      const match = typeof wait === 'string' ? rest.indexOf(wait) : rest.search(wait);
      if (match < 0) return;
      seenUpTo += match + 1;
      step++;
      child.stdin.write(keys);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    advance();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out at step ${step} waiting for ${String(steps[step]?.wait)}; screen:\n${screen}`));
    }, 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Keep the stdin pipe open until the program is done, so script does not see an end of input.
      resolve({ status: code ?? -1, screen });
    });
    // After the last step, close our side (script then waits for the program).
    const poll = setInterval(() => {
      if (step === steps.length) {
        clearInterval(poll);
        setTimeout(() => child.stdin.end(), 300);
      }
    }, 50);
    child.on('close', () => clearInterval(poll));
  });
}

describe.skipIf(!hasScript)('prompts on a terminal', () => {
  it('interactive add asks title, area (arrow keys), venue, paper and note, and asks again on a bad answer', async () => {
    const file = tempCopy(EXAMPLE);
    const result = await onTerminal(
      ['--file', file, 'add'],
      [
        { wait: 'Title:', keys: `   ${ENTER}` },
        { wait: 'the title is empty', keys: `Pathways: Asynchronous Distributed Dataflow${ENTER}` },
        { wait: '7) Deep Learning', keys: `${DOWN}${DOWN}${ENTER}` },
        { wait: 'Venue', keys: `MLSys'22${ENTER}` },
        { wait: 'Paper URL', keys: `ftp://x.org/p${ENTER}` },
        { wait: 'not an http(s) URL', keys: `\u0015https://arxiv.org/abs/2203.12533${ENTER}` },
        { wait: 'Note URL', keys: ENTER },
      ],
    );
    expect(result.status, result.screen).toBe(0);
    expect(result.screen).toContain("Added Pathways (MLSys'22) to MLSys/Distrubited Training");
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\n- \[ \] Alpa: [^\n]*\n\n- \[ \] Pathways: Asynchronous Distributed Dataflow\[MLSys'22\]: \[\[Paper\]\(https:\/\/arxiv\.org\/abs\/2203\.12533\)\]\n\n### Accelerator Architecture\n/);
  }, 30_000);

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file);
    const result = await onTerminal(['--file', file, 'add'], [{ wait: 'Title:', keys: `Half a tit${CTRL_C}` }]);
    expect(result.status).toBe(130);
    expect(result.screen).not.toMatch(/bug|Error|at .*\.js/);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 30_000);

  it('Ctrl-D at a question exits 130 and writes nothing', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file);
    const result = await onTerminal(
      ['--file', file, 'add', 'A title'],
      [
        { wait: 'Area', keys: ENTER },
        { wait: 'Venue', keys: CTRL_D },
      ],
    );
    expect(result.status).toBe(130);
    expect(result.screen).not.toMatch(/bug|Error/);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 30_000);

  it('rm asks first: yes removes, Ctrl-C keeps the file', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file);
    const stopped = await onTerminal(['--file', file, 'rm', 'roller'], [{ wait: 'Remove ROLLER', keys: CTRL_C }]);
    expect(stopped.status).toBe(130);
    expect(readFileSync(file).equals(before)).toBe(true);
    const removed = await onTerminal(['--file', file, 'rm', 'roller'], [{ wait: 'Remove ROLLER', keys: `y${ENTER}` }]);
    expect(removed.status, removed.screen).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('ROLLER');
  }, 30_000);

  it('a new area close to an existing one is asked about on a terminal', async () => {
    const file = tempCopy(EXAMPLE);
    const result = await onTerminal(['--file', file, 'add', 'Typo paper', '--area', 'Distributed Training'], [{ wait: 'Did you mean', keys: ENTER }]);
    expect(result.status, result.screen).toBe(0);
    expect(result.screen).toContain('Added Typo paper to MLSys/Distrubited Training');
  }, 30_000);
});
