/** Questions on a terminal (stderr, so stdout stays clean for pipes). Never asked when not interactive. */
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../core/errors.js';
import { sanitize } from './output/sanitize.js';

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function confirm(question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await ask(`${question} [y/N] `));
}

/** A numbered menu; the answer may be a number or a name (a new name is allowed when `allowNew`). */
export async function choose(question: string, options: string[], allowNew: boolean): Promise<string> {
  process.stderr.write(`${question}\n`);
  options.forEach((option, i) => process.stderr.write(`  ${String(i + 1).padStart(2)}) ${sanitize(option)}\n`));
  const answer = await ask(allowNew ? 'Number, or a new area name (A/B for a sub-area): ' : 'Number: ');
  if (/^\d+$/.test(answer)) {
    const picked = options[Number(answer) - 1];
    if (picked === undefined) throw new UsageError(`no option ${answer}; pick 1 to ${options.length}`);
    return picked;
  }
  if (answer === '' || !allowNew) throw new UsageError('nothing chosen');
  return answer;
}
