/** The one place an error becomes a line on stderr (JSON under --json) and an exit code. */
import {
  CancelledError,
  EXIT_CANCELLED,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  PapersError,
} from '../core/model/errors.js';
import { escapeJson, sanitize } from './output/sanitize.js';
import type { OutputStream } from './context.js';

/** The `code` of a JSON error (documented in the README). */
export type ErrorCode =
  | 'usage'
  | 'not_found'
  | 'ambiguous'
  | 'invalid_input'
  | 'file'
  | 'config'
  | 'cancelled'
  | 'failure'
  | 'unexpected';

export function reportError(stderr: OutputStream, error: unknown, debug: boolean, json = false): number {
  const say = (code: ErrorCode, message: string, exitCode: number): number => {
    if (json) stderr.write(`${escapeJson(JSON.stringify({ error: { code, message } }))}\n`);
    else stderr.write(`papers: ${sanitize(message)}\n`);
    return exitCode;
  };
  if (isCommanderError(error)) {
    // --help and --version arrive here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT_OK;
    // No command at all: commander has printed the help; its message is only "(outputHelp)".
    if (error.code === 'commander.help') return EXIT_USAGE;
    // One style of hint everywhere: commander's `(Did you mean --area?)` reads as ours, `; did you mean --area?`.
    const message = error.message
      .replace(/^error: /, '')
      .replace(/\.?\s*\(Did you mean (.+?)\?\)$/, '; did you mean $1?');
    return say('usage', message, EXIT_USAGE);
  }
  if (isCancelled(error)) {
    // Ctrl-C or Ctrl-D at a prompt: the prompt's line is ended, and that is all.
    if (json) say('cancelled', error.message, EXIT_CANCELLED);
    return EXIT_CANCELLED;
  }
  if (isPapersError(error)) {
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

/**
 * The error classes a run may meet twice: the hot path (dist/hot-*.cjs) bundles its own copy of
 * core/errors.ts, and a module it loads from the ESM build (a pick, `-`, --all) throws that build's.
 * Both are recognised by their class names.
 */
function classNames(error: Error): string[] {
  const names: string[] = [];
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  )
    // A bundler that meets two classes of one name may call the second `UsageError2`.
    names.push((proto as { constructor: { name: string } }).constructor.name.replace(/\d+$/, ''));
  return names;
}

function isPapersError(error: unknown): error is PapersError {
  if (error instanceof PapersError) return true;
  return (
    error instanceof Error &&
    typeof (error as { exitCode?: unknown }).exitCode === 'number' &&
    classNames(error).includes('PapersError')
  );
}

function isCancelled(error: unknown): error is PapersError {
  return error instanceof CancelledError || (isPapersError(error) && classNames(error).includes('CancelledError'));
}

const CODES: [string, ErrorCode][] = [
  ['ConfigError', 'config'],
  ['UsageError', 'usage'],
  ['InvalidInputError', 'invalid_input'],
  ['NotFoundError', 'not_found'],
  ['AmbiguousError', 'ambiguous'],
  ['FileError', 'file'],
];

function codeOf(error: PapersError): ErrorCode {
  const names = classNames(error);
  return CODES.find(([name]) => names.includes(name))?.[1] ?? 'failure';
}

/** A stack repeats the message, which may quote the file: each line made safe, line breaks kept. */
function sanitizeStack(stack: string): string {
  return stack.split('\n').map(sanitize).join('\n');
}
