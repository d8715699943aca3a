/**
 * The prompts, driven through a real pseudo-terminal: util-linux `script` runs the CLI on a pty and
 * passes our keystrokes to it. Each step waits for the question to appear before it types.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EXAMPLE, tempCopy } from './helpers.js';
import { describeIf, needs } from './needs.js';
import { runOnTerminal, type Step } from './pty.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Runs papers on a 120x40 terminal, typing each step's keys once its text is on the screen. */
async function onTerminal(args: string[], steps: Step[]): Promise<{ status: number; screen: string }> {
  const { status, output } = await runOnTerminal(args, { env: { COLUMNS: '120', LINES: '40' }, steps });
  return { status, screen: output };
}

describeIf(needs.script)('prompts on a terminal', () => {
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
    expect(text).toMatch(
      /\n- \[ \] Alpa: [^\n]*\n\n- \[ \] Pathways: Asynchronous Distributed Dataflow\[MLSys'22\]: \[\[Paper\]\(https:\/\/arxiv\.org\/abs\/2203\.12533\)\]\n\n### Accelerator Architecture\n/,
    );
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file);
    const result = await onTerminal(['--file', file, 'add'], [{ wait: 'Title:', keys: `Half a tit${CTRL_C}` }]);
    expect(result.status).toBe(130);
    expect(result.screen).not.toMatch(/bug|Error|at .*\.js/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

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
  });

  it('rm asks first: yes removes, Ctrl-C keeps the file', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file);
    const stopped = await onTerminal(['--file', file, 'rm', 'roller'], [{ wait: 'Remove ROLLER', keys: CTRL_C }]);
    expect(stopped.status).toBe(130);
    expect(readFileSync(file).equals(before)).toBe(true);
    const removed = await onTerminal(['--file', file, 'rm', 'roller'], [{ wait: 'Remove ROLLER', keys: `y${ENTER}` }]);
    expect(removed.status, removed.screen).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('ROLLER');
  });

  it('a new area close to an existing one is asked about on a terminal', async () => {
    const file = tempCopy(EXAMPLE);
    const result = await onTerminal(
      ['--file', file, 'add', 'Typo paper', '--area', 'Distributed Training'],
      [{ wait: 'Did you mean', keys: ENTER }],
    );
    expect(result.status, result.screen).toBe(0);
    expect(result.screen).toContain('Added Typo paper to MLSys/Distrubited Training');
  });
});
