/**
 * The paper picker on a real pseudo-terminal (test/pty.ts): a command without ids lets the user pick
 * (type to filter, Tab to select several, Enter), an id that fits several papers asks which, and Ctrl-C
 * at any of them writes nothing (exit 130).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EXAMPLE, listJsonInProcess, tempCopy } from './helpers.js';
import { describeIf, needs } from './needs.js';
import { runOnTerminal, type Step } from './pty.js';

const ENTER = '\r';
const TAB = '\t';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';

async function onTerminal(args: string[], steps: Step[]): Promise<{ status: number; screen: string }> {
  const { status, output } = await runOnTerminal(args, { columns: 120, rows: 40, steps });
  return { status, screen: output };
}

const readIds = async (file: string) =>
  (await listJsonInProcess(file)).filter((paper) => paper.read).map((paper) => paper.id);

describeIf(needs.script)('the picker', () => {
  it('done --area X: type to filter, Tab selects several, Enter marks exactly those', async () => {
    const file = tempCopy(EXAMPLE);
    const before = await readIds(file);
    const result = await onTerminal(
      ['--file', file, 'done', '--area', 'Hypervisor'],
      [
        // The pick offers the area's unread papers only.
        { wait: 'Mark read:', keys: 'neph' },
        { wait: /❯ ◯ +\d+ \[ \] nephele/, keys: TAB },
        { wait: '(1 selected)', keys: '\u0015' },
        { wait: /❯ ◯ +\d+ \[ \] hyperenclave/, keys: TAB },
        { wait: '(2 selected)', keys: ENTER },
      ],
    );
    expect(result.status, result.screen).toBe(0);
    expect(result.screen).toContain('Marked Nephele');
    expect(result.screen).toContain('Marked HyperEnclave');
    expect((await readIds(file)).sort()).toEqual([...before, 'hyperenclave', 'nephele'].sort());
    expect(result.screen).not.toMatch(/\[x\] (redleaf|theseus)/);
  });

  it('Ctrl-C at the picker exits 130 and writes nothing', async () => {
    const file = tempCopy(EXAMPLE);
    const bytes = readFileSync(file);
    const result = await onTerminal(
      ['--file', file, 'done'],
      [
        { wait: 'Mark read:', keys: TAB },
        { wait: '(1 selected)', keys: CTRL_C },
      ],
    );
    expect(result.status).toBe(130);
    expect(result.screen).not.toMatch(/bug|Error|Marked/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('an id that fits several papers asks which; the one picked is marked', async () => {
    const file = tempCopy(EXAMPLE);
    const result = await onTerminal(
      ['--file', file, 'done', 'the'],
      [
        { wait: '"the" fits 6 papers; which one?', keys: 'tens' },
        { wait: /❯ +7 \[ \] tensor-algebra-compiler/, keys: ENTER },
      ],
    );
    expect(result.status, result.screen).toBe(0);
    expect(result.screen).toContain('Marked The Tensor Algebra Compiler');
    expect(await readIds(file)).toContain('tensor-algebra-compiler');
  });

  it('show and rm without an id pick one (rm still asks before removing)', async () => {
    const file = tempCopy(EXAMPLE);
    const shown = await onTerminal(['--file', file, 'show'], [{ wait: 'Show:', keys: `${DOWN}${DOWN}${ENTER}` }]);
    expect(shown.status, shown.screen).toBe(0);
    expect(shown.screen).toMatch(/rammer +#3\n/);
    const bytes = readFileSync(file);
    const kept = await onTerminal(
      ['--file', file, 'rm'],
      [
        { wait: 'Remove:', keys: `welder${TAB}` },
        { wait: '(1 selected)', keys: ENTER },
        { wait: 'Remove Welder', keys: CTRL_C },
      ],
    );
    expect(kept.status).toBe(130);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
