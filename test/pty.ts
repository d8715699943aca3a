/**
 * The one way the tests run the CLI on a pseudo-terminal: util-linux `script` runs it on a pty and
 * passes our keystrokes to it. Each step waits for its text to appear on the screen before it types
 * (no timers: a run that never shows what a step waits for fails by the test's timeout, with the
 * screen so far in the failure). Tests that use it need `needs.script` (test/needs.ts).
 */
import { spawn } from 'node:child_process';
import { onTestFailed } from 'vitest';
import { BIN, cliEnv, killAtTestEnd } from './helpers.js';

export interface Step {
  /** Text (or a pattern) to wait for on the screen, after what the previous step waited for. */
  wait: string | RegExp;
  /** What to type then. */
  keys: string;
}

export interface TerminalOptions {
  /** The terminal's size (stty); unset, the pty has none and the CLI falls back to COLUMNS or its default. */
  columns?: number;
  rows?: number;
  /** On top of the test environment (helpers.ts cliEnv); undefined removes a variable. */
  env?: Record<string, string | undefined>;
  steps?: Step[];
  /** Where it runs (default: the tests' own folder). */
  cwd?: string;
}

export interface TerminalRun {
  status: number;
  /** What the terminal showed (stdout and stderr of the CLI, as the pty mixes them), CRLF made LF. */
  output: string;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Runs `papers args` on a pseudo-terminal and types each step's keys once its text is on the screen. */
export function runOnTerminal(args: string[], options: TerminalOptions = {}): Promise<TerminalRun> {
  const size = options.columns === undefined ? '' : `stty cols ${options.columns} rows ${options.rows ?? 50}; `;
  const command = `${size}exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: cliEnv({ TERM: 'xterm', ...options.env }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const steps = options.steps ?? [];
  let screen = '';
  let step = 0;
  let seenUpTo = 0;
  onTestFailed(() =>
    console.error(
      `[runOnTerminal] papers ${args.join(' ')}: at step ${step} of ${steps.length}; the screen:\n${screen}`,
    ),
  );
  killAtTestEnd(child);
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
  // Our end of the input stays open until the program is done: script would take its end as an end of input.
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ status: code ?? -1, output: screen.replace(/\r\n/g, '\n') });
    });
  });
}
