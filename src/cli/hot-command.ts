/**
 * Running a hot command (see hot.ts) the way main() runs a commander action: errors become a message
 * and an exit code. Each hot command file bundles its own copy of this and of the error classes, so
 * the errors it throws are the ones it recognises.
 */
import { reportError } from './report.js';

export async function runHotAction(argv: string[], action: () => Promise<void>): Promise<number> {
  const debug = argv.includes('--debug') || /(^|,)papers(,|$)/.test(process.env.DEBUG ?? '');
  try {
    await action();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    return reportError(error, debug, argv.includes('--json'));
  }
}
