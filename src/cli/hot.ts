/**
 * The process entry (bin/papers.cjs loads it as dist/hot.cjs): the commands people run most — `list`,
 * `done`, `undone`, `reading`, `note`, `undo`, `add`, `stats`, `areas`, `show`, `next`, `--version` — in their plain
 * forms are read here by hand and run without loading commander; everything else (help, errors in the arguments, every other command and
 * option, an add by reference, a repository of lists) goes to main(), the commander CLI. Both run the same
 * command functions through the same runCommand, so output is the same either way (test/hot.test.ts
 * compares them), and so is everything after the command.
 *
 * What is read here is not written here: the argument table (HotTable) is derived from the command
 * table (command-table.ts, via hot-table.ts) and baked in by the build, so an option cannot exist on
 * one path only (test/command-table.test.ts drives both parsers).
 *
 * Why: node starts in ~25 ms, and commander with the full command table costs about as much again.
 * This file and each hot command are small CommonJS files (a build check keeps them under a size
 * budget); remark and diff stay in the ESM build, chalk and string-width in CommonJS files of their own
 * (hot-chalk.cjs, hot-width.cjs), each loaded only when needed.
 */
import type { GlobalOptions, RunInput } from './context.js';
import type { HotBundle } from './command-table.js';
import type { HotCheck, HotTable } from './hot-table.js';
import { numberValue } from './option-values.js';
import { VERSION } from './version.js';

export { processOutput, readerGone } from './process-output.js';

/** Set by the build (scripts/build.mjs) to hotTable(); absent when this file runs from source. */
declare const __PAPERS_HOT_TABLE__: HotTable | undefined;

/** A command this file can run, with its arguments as commander would have given them. */
export type HotCall =
  | {
      command: string;
      bundle: HotBundle;
      globals: GlobalOptions;
      options: Record<string, string | number | boolean | string[]>;
      args: string[];
    }
  | { command: 'version' };

/** What dist/hot-list.cjs, hot-mark.cjs and hot-add.cjs export (src/cli/hot-list.ts, hot-mark.ts, hot-add.ts). */
export interface HotCommand {
  runHot(call: Extract<HotCall, { bundle: string }>, input: RunInput): Promise<number>;
}

export async function run(given: string[] | RunInput = process.argv): Promise<number> {
  const input: RunInput = Array.isArray(given)
    ? { argv: given, env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }
    : given;
  const table = typeof __PAPERS_HOT_TABLE__ === 'undefined' ? null : __PAPERS_HOT_TABLE__;
  const call = table === null ? null : readArguments(input.argv.slice(2), table);
  if (!call) return (await import('./main.js')).main(input);
  if (!('bundle' in call)) {
    input.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // Each command is its own CommonJS file beside this one (only the built CLI runs this), so a run
  // compiles only the code it needs; require() is faster than import() here.
  const command = (
    call.bundle === 'list'
      ? require('./hot-list.cjs')
      : call.bundle === 'mark'
        ? require('./hot-mark.cjs')
        : require('./hot-add.cjs')
  ) as HotCommand;
  return command.runHot(call, input);
}

/**
 * The call, if the arguments are in the plain forms the table holds; null for anything else (main()
 * then reads them, with commander's help and error messages). Global options may come before or
 * after the command, as commander allows. A repeated option, a value that starts with `-`, `--`, or
 * any unknown word sends the run to main().
 */
export function readArguments(args: string[], table: HotTable): HotCall | null {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === '-V'))
    return { command: 'version' };
  const globals: Record<string, string | number | boolean | string[]> = { ...table.globals.defaults };
  let options: Record<string, string | number | boolean | string[]> = {};
  const positional: string[] = [];
  const seen = new Set<string>();
  let command: HotTable['commands'][string] | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      if (command === null) {
        const name = Object.hasOwn(table.aliases, arg) ? table.aliases[arg]! : arg;
        command = Object.hasOwn(table.commands, name) ? table.commands[name]! : null;
        if (command === null) return null;
        options = { ...command.defaults };
      } else positional.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    if (seen.has(name)) return null;
    seen.add(name);
    // The command's own options first (as commander does), then the global ones.
    const scopes =
      command === null
        ? [[table.globals, globals] as const]
        : ([
            [command, options],
            [table.globals, globals],
          ] as const);
    let taken = false;
    for (const [scope, into] of scopes) {
      if (Object.hasOwn(scope.flags, name) && equals < 0) {
        const [key, value] = scope.flags[name]!;
        into[key] = value;
      } else if (Object.hasOwn(scope.valued, name)) {
        let value: string | undefined;
        if (equals > 0) value = arg.slice(equals + 1);
        else {
          value = args[i + 1];
          if (value === undefined || value.startsWith('-')) return null;
          i++;
        }
        const key = scope.valued[name]!;
        const checked = Object.hasOwn(scope.checked, key) ? checkedValue(scope.checked[key]!, value) : value;
        // (A value commander would refuse: commander says so.)
        if (checked === null) return null;
        into[key] = checked;
      } else continue;
      taken = true;
      break;
    }
    if (!taken) return null;
  }
  if (command === null) return null;
  const given = positional.length;
  const wanted = { none: 0, one: 1, two: 2, many: -1 }[command.positional];
  if (wanted < 0 ? given === 0 : given !== wanted) return null;
  return {
    command: command.name,
    bundle: command.bundle,
    globals: globals as unknown as GlobalOptions,
    options,
    args: positional,
  };
}

/** A checked option's value as commander gives it (main.ts commanderOption), or null when it refuses it. */
function checkedValue(check: HotCheck, value: string): string | number | null {
  if ('parse' in check) return numberValue(check.parse, value);
  return check.choices.includes(value) ? value : null;
}
