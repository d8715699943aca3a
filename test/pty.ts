/** Running the CLI on a pseudo-terminal (util-linux `script`), for tests of what a terminal sees. */
import { spawnSync } from 'node:child_process';
import { BIN } from './helpers.js';

export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.warn('[papers tests] util-linux `script` is missing: terminal (pty) tests are skipped');

export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Runs `papers args` on a terminal `columns` wide; returns what the terminal got (CRLF made LF). */
export function runOnTerminal(args: string[], columns: number, env: Record<string, string | undefined> = {}): { status: number; output: string } {
  const command = `stty cols ${columns} rows 50; exec ${shellQuote(process.execPath)} ${shellQuote(BIN)} ${args.map(shellQuote).join(' ')}`;
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, PAPERS_FILE: undefined, COLUMNS: undefined };
  for (const [key, value] of Object.entries(env)) fullEnv[key] = value;
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { env: fullEnv, encoding: 'utf8', timeout: 60_000, input: '' });
  return { status: result.status ?? -1, output: result.stdout.replace(/\r\n/g, '\n') };
}
