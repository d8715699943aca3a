/** The one place an error becomes a line on stderr (JSON under --json) and an exit code. */
import {
  AmbiguousError,
  CancelledError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  FileError,
  InvalidInputError,
  NotFoundError,
  PapersError,
  UsageError,
} from '../core/model/errors.js';
import { ConfigError } from '../config/error.js';
import { sanitize } from './output/sanitize.js';
import type { OutputStream } from './context.js';

/** The `code` of a JSON error (documented in the README). */
export type ErrorCode =
  'usage' | 'not_found' | 'ambiguous' | 'invalid_input' | 'file' | 'config' | 'cancelled' | 'failure' | 'unexpected';

export function reportError(stderr: OutputStream, error: unknown, debug: boolean, json = false): number {
  const say = (code: ErrorCode, message: string, exitCode: number): number => {
    if (json) stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else stderr.write(`papers: ${sanitize(message)}\n`);
    return exitCode;
  };
  if (isCommanderError(error)) {
    // --help and --version arrive here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT_OK;
    // No command at all: commander has printed the help; its message is only "(outputHelp)".
    if (error.code === 'commander.help') return EXIT_USAGE;
    return say('usage', error.message.replace(/^error: /, ''), EXIT_USAGE);
  }
  if (error instanceof CancelledError) {
    // Ctrl-C or Ctrl-D at a prompt: the prompt's line is ended, and that is all.
    if (json) say('cancelled', error.message, error.exitCode);
    return error.exitCode;
  }
  if (error instanceof PapersError) {
    const code = say(codeOf(error), error.message, error.exitCode);
    if (debug && error.stack) stderr.write(`${sanitizeStack(error.stack)}\n`);
    return code;
  }
  const message = error instanceof Error ? error.message : String(error);
  say('unexpected', `unexpected error: ${message}`, EXIT_FAILURE);
  if (debug && error instanceof Error && error.stack) stderr.write(`${sanitizeStack(error.stack)}\n`);
  else if (!json) stderr.write('papers: this is a bug; run again with --debug for details and report it\n');
  return EXIT_FAILURE;
}

/**
 * commander's errors, recognised by their code: this file is also part of the hot path (cli/hot.ts),
 * which does not load commander.
 */
function isCommanderError(error: unknown): error is Error & { code: string; exitCode: number } {
  const { code, exitCode } = (error ?? {}) as { code?: unknown; exitCode?: unknown };
  return (
    error instanceof Error && typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number'
  );
}

function codeOf(error: PapersError): ErrorCode {
  if (error instanceof ConfigError) return 'config';
  if (error instanceof UsageError) return 'usage';
  if (error instanceof InvalidInputError) return 'invalid_input';
  if (error instanceof NotFoundError) return 'not_found';
  if (error instanceof AmbiguousError) return 'ambiguous';
  if (error instanceof FileError) return 'file';
  return 'failure';
}

/** A stack repeats the message, which may quote the file: each line made safe, line breaks kept. */
function sanitizeStack(stack: string): string {
  return stack.split('\n').map(sanitize).join('\n');
}
