/**
 * The process entry (bin/papers.cjs loads it as dist/hot.cjs): the commands people run most — `list`,
 * `done`, `undone`, `--version` — in their plain forms are read here by hand and run without loading
 * commander; everything else (help, errors in the arguments, every other command and option) goes to
 * main(), the commander CLI. Both run the same command functions, so output is the same either way
 * (test/hot.test.ts compares them).
 *
 * Why: node starts in ~25 ms, and commander with the full command table costs about as much again.
 * This file and each hot command are small CommonJS files (a build check keeps them under a size
 * budget); remark, chalk, string-width and diff stay in the ESM build and load only when needed.
 */
import type { ListOptions } from './commands/list.js';
import type { GlobalOptions } from './context.js';
import type { MutationOptions } from './mutate.js';
import { VERSION } from './version.js';

/** A command this file can run, with its arguments as commander would have given them. */
export type HotCall =
  | { command: 'list'; globals: GlobalOptions; options: ListOptions }
  | { command: 'done' | 'undone'; globals: GlobalOptions; options: MutationOptions; ids: string[] }
  | { command: 'version' };

/** What dist/hot-list.cjs and dist/hot-mark.cjs export (src/cli/hot-list.ts, hot-mark.ts). */
export interface HotCommand {
  runHot(call: HotCall, argv: string[]): Promise<number>;
}

export async function run(argv: string[] = process.argv): Promise<number> {
  const call = readArguments(argv.slice(2));
  if (!call) return (await import('./main.js')).main(argv);
  if (call.command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // Each command is its own CommonJS file beside this one (only the built CLI runs this), so a run
  // compiles only the code it needs; require() is faster than import() here.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const command = (call.command === 'list' ? require('./hot-list.cjs') : require('./hot-mark.cjs')) as HotCommand;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return command.runHot(call, argv);
}

/** Flags that take no value, per command, and the option name commander gives them. */
const FLAGS: Record<string, Record<string, string>> = {
  list: { '--unread': 'unread', '--reading': 'reading', '--read': 'read', '--json': 'json' },
  ls: { '--unread': 'unread', '--reading': 'reading', '--read': 'read', '--json': 'json' },
  done: { '--json': 'json', '--force': 'force', '--break-hardlinks': 'breakHardlinks' },
  undone: { '--json': 'json', '--force': 'force', '--break-hardlinks': 'breakHardlinks' },
};
/** Options that take a value (`--area X` or `--area=X`). */
const VALUED: Record<string, Record<string, string>> = {
  list: { '-a': 'area', '--area': 'area', '--venue': 'venue' },
  ls: { '-a': 'area', '--area': 'area', '--venue': 'venue' },
  done: {},
  undone: {},
};
const GLOBAL_FLAGS: Record<string, [keyof GlobalOptions, boolean]> = { '--no-color': ['color', false], '--debug': ['debug', true] };

/**
 * The call, if the arguments are in the plain forms this file knows; null for anything else (main()
 * then reads them, with commander's help and error messages). Global options may come before or
 * after the command, as commander allows. A repeated option, a value that starts with `-`, `--`, or
 * any unknown word sends the run to main().
 */
export function readArguments(args: string[]): HotCall | null {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === '-V')) return { command: 'version' };
  const globals: GlobalOptions = { color: true };
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  const seen = new Set<string>();
  let command: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      if (command === null) {
        if (!(arg in FLAGS)) return null;
        command = arg;
      } else positional.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    if (seen.has(name)) return null;
    seen.add(name);
    const takeValue = (): string | null => {
      if (equals > 0) return arg.slice(equals + 1);
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return null;
      i++;
      return value;
    };
    if (name === '-f' || name === '--file') {
      const value = takeValue();
      if (value === null) return null;
      globals.file = value;
    } else if (name in GLOBAL_FLAGS && equals < 0) {
      const [key, value] = GLOBAL_FLAGS[name]!;
      (globals as unknown as Record<string, boolean>)[key] = value;
    } else if (command !== null && name in FLAGS[command]! && equals < 0) {
      options[FLAGS[command]![name]!] = true;
    } else if (command !== null && name in VALUED[command]!) {
      const value = takeValue();
      if (value === null) return null;
      options[VALUED[command]![name]!] = value;
    } else {
      return null;
    }
  }
  if (command === 'list' || command === 'ls') {
    if (positional.length) return null;
    return { command: 'list', globals, options: options as ListOptions };
  }
  if ((command === 'done' || command === 'undone') && positional.length) {
    return { command, globals, options: options as MutationOptions, ids: positional };
  }
  return null;
}
