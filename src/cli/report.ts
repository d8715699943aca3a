/** The one place an error becomes a line on stderr and an exit code. */
import { CommanderError } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PapersError } from '../core/errors.js';
import { sanitize } from './output/sanitize.js';

export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    // No command at all: commander has printed the help; its message is only "(outputHelp)".
    if (error.code === 'commander.help') return EXIT_USAGE;
    process.stderr.write(`papers: ${sanitize(error.message.replace(/^error: /, ''))}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof PapersError) {
    process.stderr.write(`papers: ${sanitize(error.message)}\n`);
    if (debug && error.stack) process.stderr.write(`${sanitizeStack(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`papers: unexpected error: ${sanitize(message)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${sanitizeStack(error.stack)}\n`);
  else process.stderr.write('papers: this is a bug; run again with --debug for details and report it\n');
  return EXIT_FAILURE;
}

/** A stack repeats the message, which may quote the file: each line made safe, line breaks kept. */
function sanitizeStack(stack: string): string {
  return stack.split('\n').map(sanitize).join('\n');
}
