/**
 * Questions on a terminal, through @inquirer/prompts (arrow keys, number keys, re-asking on a bad
 * answer), written to stderr so that stdout stays clean for pipes. Never asked when not interactive.
 * Ctrl-C or Ctrl-D at any question is a CancelledError: exit 130, nothing written.
 */
import type * as InquirerPrompts from '@inquirer/prompts';
import { CancelledError } from '../core/model/errors.js';
import { sanitize } from './output/sanitize.js';

export { isInteractive } from './terminal.js';

/** What `choose` returns when the user picked the free answer. */
export const NEW_CHOICE = '\u0000new';

type Prompts = typeof InquirerPrompts;
let loaded: Prompts | null = null;

/** Runs one question; Ctrl-C (SIGINT) and Ctrl-D (end of input) become a CancelledError. */
async function asking<T>(question: (prompts: Prompts, context: PromptContext) => Promise<T>): Promise<T> {
  loaded ??= await import('@inquirer/prompts');
  const prompts = loaded;
  return runPrompt((context) => question(prompts, context));
}

/** Where a question is asked: the process's terminal, stderr for its output, and the signal Ctrl-D aborts. */
export interface PromptContext {
  output: NodeJS.WriteStream;
  signal: AbortSignal;
}

/** Runs any @inquirer prompt on the terminal; Ctrl-C and Ctrl-D become a CancelledError (exit 130). */
export async function runPrompt<T>(question: (context: PromptContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onKey = (_: unknown, key: { ctrl?: boolean; name?: string } | undefined) => {
    if (key?.ctrl && key.name === 'd') controller.abort();
  };
  process.stdin.on('keypress', onKey);
  try {
    return await question({ output: process.stderr, signal: controller.signal });
  } catch (error) {
    if (error instanceof Error && ['ExitPromptError', 'AbortPromptError', 'CancelPromptError'].includes(error.name)) {
      process.stderr.write('\n');
      throw new CancelledError();
    }
    throw error;
  } finally {
    process.stdin.off('keypress', onKey);
  }
}

/** A line of text; `check` returns an error message (asked again) or null. */
export function ask(
  message: string,
  check: (answer: string) => string | null = () => null,
  optional = false,
): Promise<string> {
  return asking(({ input }, context) =>
    input(
      {
        message,
        validate: (answer) => {
          if (optional && answer.trim() === '') return true;
          return check(answer.trim()) ?? true;
        },
      },
      context,
    ),
  ).then((answer) => answer.trim());
}

export function confirm(message: string): Promise<boolean> {
  return asking(({ confirm: yesNo }, context) => yesNo({ message, default: false }, context));
}

/** One of `options` (arrow keys or number keys); the last choice may open a free answer. */
export function choose(
  message: string,
  options: string[],
  allowNew: boolean,
  newLabel = 'A new one…',
): Promise<string> {
  return asking(({ select }, context) =>
    select(
      {
        message,
        pageSize: 15,
        choices: [
          ...options.map((option, i) => ({ name: `${String(i + 1).padStart(2)}) ${sanitize(option)}`, value: option })),
          ...(allowNew ? [{ name: newLabel, value: NEW_CHOICE }] : []),
        ],
      },
      context,
    ),
  );
}
