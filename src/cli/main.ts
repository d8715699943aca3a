/**
 * The CLI entry: it only routes. commander's program is built from the command table
 * (command-table.ts); each command's module (and the parser under it) is loaded when that command
 * runs, so `--help` and `--version` start fast. Every action runs through runCommand (run-command.ts),
 * as the hot path's do: settings, config, the command, then --commit, in the command's own code path.
 */
import { Command, CommanderError, Option } from 'commander';
import { isDebug } from '../config/settings.js';
import { editDistance } from '../core/query/areas.js';
import { EXIT_USAGE } from '../core/model/errors.js';
import {
  COMMANDS,
  type CommandSpec,
  GLOBAL_OPTIONS,
  type OptionSpec,
  optionsOf,
  PROGRAM_DESCRIPTION,
  PROGRAM_HELP,
} from './command-table.js';
import type { AddOptions } from './commands/add.js';
import type { ListOptions } from './commands/list.js';
import {
  type CommandContext,
  createRun,
  type GlobalOptions,
  processInput,
  type Run,
  type RunInput,
  withSoleListArea,
} from './context.js';
import type { MutationOptions } from './mutate.js';
import { numberValue } from './option-values.js';
import { reportError } from './report.js';
import { runCommand } from './run-command.js';
import { VERSION } from './version.js';

export type { GlobalOptions } from './context.js';

/** What a command does with its positional arguments (as commander gives them) and options. */
export type Action = (
  ctx: CommandContext,
  args: unknown[],
  options: Record<string, unknown>,
  program: Command,
) => Promise<void>;

type Opts<T> = T & Record<string, unknown>;
const ids = (args: unknown[]) => args[0] as string[];

/** Each command of the table, bound to its code (loaded on demand). A command without one fails the type check. */
export const ACTIONS = {
  list: async (ctx, _args, options) => (await import('./commands/list.js')).runList(ctx, options as Opts<ListOptions>),
  done: async (ctx, args, options) =>
    (await import('./commands/mark.js')).runMark(ctx, ids(args), options as MutationOptions, 'read'),
  undone: async (ctx, args, options) =>
    (await import('./commands/mark.js')).runMark(ctx, ids(args), options as MutationOptions, 'unread'),
  reading: async (ctx, args, options) =>
    (await import('./commands/mark.js')).runMark(ctx, ids(args), options as MutationOptions, 'reading'),
  note: async (ctx, args, options) =>
    (await import('./commands/note.js')).runNote(
      ctx,
      args[0] as string | undefined,
      args[1] as string | undefined,
      options as never,
    ),
  add: async (ctx, args, options) =>
    (await import('./commands/add.js')).runAdd(ctx, args[0] as string | undefined, options as Opts<AddOptions>),
  rm: async (ctx, args, options) => (await import('./commands/rm.js')).runRm(ctx, ids(args), options as never),
  mv: async (ctx, args, options) => (await import('./commands/mv.js')).runMv(ctx, ids(args), options as never),
  set: async (ctx, args, options) =>
    (await import('./commands/set.js')).runSet(ctx, args[0] as string | undefined, options as never),
  cite: async (ctx, args, options) => (await import('./commands/cite.js')).runCite(ctx, ids(args), options as never),
  import: async (ctx, args, options) =>
    (await import('./commands/import.js')).runImport(ctx, args[0] as string, options as never),
  export: async (ctx, _args, options) => (await import('./commands/export.js')).runExport(ctx, options as never),
  refresh: async (ctx, args, options) =>
    (await import('./commands/refresh.js')).runRefresh(ctx, ids(args), options as never),
  convert: async (ctx, _args, options) => (await import('./commands/convert.js')).runConvert(ctx, options as never),
  stats: async (ctx, _args, options) => (await import('./commands/stats.js')).runStats(ctx, options as never),
  log: async (ctx, _args, options) => (await import('./commands/log.js')).runLog(ctx, options as never),
  track: async (ctx, _args, options) => (await import('./commands/track.js')).runTrack(ctx, options as never),
  explain: async (ctx, _args, options) => (await import('./commands/explain.js')).runExplain(ctx, options as never),
  areas: async (ctx, _args, options) => (await import('./commands/stats.js')).runAreas(ctx, options as never),
  show: async (ctx, args, options) =>
    (await import('./commands/show.js')).runShow(ctx, args[0] as string | undefined, options as never),
  next: async (ctx, _args, options) => (await import('./commands/next.js')).runNext(ctx, options as never),
  open: async (ctx, args, options) =>
    (await import('./commands/open.js')).runOpen(ctx, args[0] as string | undefined, options as never),
  edit: async (ctx, args) => (await import('./commands/edit.js')).runEdit(ctx, args[0] as string),
  lint: async (ctx, _args, options) => (await import('./commands/lint.js')).runLint(ctx, options as never),
  undo: async (ctx, _args, options) => (await import('./commands/undo.js')).runUndo(ctx, options as never),
  sync: async (ctx) => (await import('./commands/sync.js')).runSync(ctx),
  git: async (ctx, args, options) =>
    (await import('./commands/git-setup.js')).runGit(ctx, args[0] as string, options as never),
  'merge-driver': async (ctx, args, options) =>
    (await import('./commands/merge-driver.js')).runMergeDriver(
      ctx,
      args[0] as string,
      args[1] as string,
      args[2] as string,
      args[3] as string | undefined,
      options as never,
    ),
  completion: async (ctx, args, options, program) =>
    (await import('./commands/completion.js')).runCompletion(ctx, program, args[0] as string | undefined, options),
  __complete: async (ctx, args) => (await import('./commands/complete.js')).runComplete(ctx, args[0] as string),
} satisfies Record<(typeof COMMANDS)[number]['name'], Action> as Record<string, Action>;

/** commander's program for one run: the table's commands, bound to `actions`, writing to the run's streams. */
export function buildProgram(run: Run, actions: Record<string, Action> = ACTIONS): Command {
  const program = new Command('papers')
    .description(PROGRAM_DESCRIPTION)
    .version(VERSION, '-v, --version', 'print the version (also -V)')
    .showSuggestionAfterError(true)
    .addHelpText('after', PROGRAM_HELP);
  for (const option of GLOBAL_OPTIONS) program.addOption(commanderOption(option));
  // Set before the subcommands are added, which copy these settings: errors reach reportError().
  program.exitOverride().configureOutput({
    writeOut: (text) => void run.stdout.write(text),
    writeErr: (text) => void run.stderr.write(text),
    getOutHelpWidth: () => (run.stdout.isTTY ? (run.stdout.columns ?? 80) : 80),
    getErrHelpWidth: () => (run.stderr.isTTY ? (run.stderr.columns ?? 80) : 80),
    // The help has no colours of its own; commander would read process.env to decide.
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    outputError: () => {},
  });
  for (const spec of COMMANDS) addCommand(program, spec, run, actions);
  return program;
}

function addCommand(program: Command, spec: CommandSpec, run: Run, actions: Record<string, Action>): void {
  const action = actions[spec.name];
  if (!action) throw new Error(`internal: no action for the command ${spec.name}`);
  const command = program.command(
    spec.args ? `${spec.name} ${spec.args}` : spec.name,
    spec.hidden ? { hidden: true } : {},
  );
  if (spec.description) command.description(spec.description);
  for (const alias of spec.aliases ?? []) command.alias(alias);
  for (const option of optionsOf(spec)) command.addOption(commanderOption(option));
  if (spec.help) command.addHelpText('after', spec.help);
  command.action(async (...received: unknown[]) => {
    // commander passes the positional arguments, then the options, then the command.
    const self = received[received.length - 1] as Command;
    const args = received.slice(0, -2);
    await runCommand(run, self.optsWithGlobals() as GlobalOptions, async (ctx) => {
      const bound = (c: CommandContext, a: unknown[], o: Record<string, unknown>) => action(c, a, o, program);
      // A repository of several lists: the table says how the command runs across them.
      if (ctx.workspace) await (await import('./workspace.js')).inWorkspace(ctx, spec.files, args, self.opts(), bound);
      else await bound(ctx, args, withSoleListArea(ctx, self.opts()));
    });
  });
}

function commanderOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.help);
  if (spec.choices) option.choices(spec.choices);
  if (spec.parse === 'year') option.argParser(parseYear);
  if (spec.parse === 'limit') option.argParser(parseLimit);
  if (spec.parse === 'list') option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.required) option.makeOptionMandatory();
  return option;
}

function parseLimit(value: string): number {
  const limit = numberValue('limit', value);
  if (limit === null) throw new CommanderInvalidArgument(`--limit takes a whole number, not "${value}"`);
  return limit;
}

function parseYear(value: string): number {
  const year = numberValue('year', value);
  if (year === null) throw new CommanderInvalidArgument(`--year takes a four-digit year, not "${value}"`);
  return year;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((rule) => rule.trim())
      .filter((rule) => rule !== ''),
  ];
}

class CommanderInvalidArgument extends CommanderError {
  constructor(message: string) {
    super(EXIT_USAGE, 'commander.invalidArgument', message);
  }
}

/** Words people type for a command, and the command they mean. */
const SYNONYMS: Record<string, string> = {
  remove: 'rm',
  delete: 'rm',
  del: 'rm',
  move: 'mv',
  show: 'list',
  read: 'done',
  check: 'done',
  unread: 'undone',
  uncheck: 'undone',
  link: 'note',
  new: 'add',
};

/**
 * One run of the CLI. Everything it reads or writes comes in `input` (bin/ passes the process's), so
 * it can run twice in one process with nothing shared; it returns the exit code.
 */
export async function main(input: RunInput = processInput(process.argv)): Promise<number> {
  const run = createRun(input);
  const { argv } = input;
  const program = buildProgram(run);
  const debug = argv.includes('--debug') || isDebug(input.env);
  const json = argv.includes('--json');
  // `-V` stays for those who know it; `-v` is what most people try first.
  const args = argv.map((arg, i) => (i >= 2 && arg === '-V' ? '-v' : arg));
  try {
    checkCommandName(program, args);
    await program.parseAsync(args);
    return run.exitCode ?? 0;
  } catch (error) {
    return reportError(run.stderr, error, debug, json);
  }
}

/** `papers remove` suggests `rm`; `papers help nosuch` is a usage error, not the general help. */
function checkCommandName(program: Command, argv: string[]): void {
  const words = argv.slice(2);
  // The first word that is not an option (or the value of -f/--file).
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) i += words[i] === '-f' || words[i] === '--file' ? 2 : 1;
  const known = new Set(program.commands.flatMap((command) => [command.name(), ...command.aliases()]));
  known.add('help');
  const name = words[i];
  const asked = name === 'help' ? words[i + 1] : name;
  if (asked === undefined || asked.startsWith('-') || known.has(asked)) return;
  const meant =
    SYNONYMS[asked.toLowerCase()] ??
    [...known].find((command) => editDistance(command, asked.toLowerCase()) <= Math.min(2, command.length - 1));
  const hint = meant ? `; did you mean \`papers ${meant}\`?` : '; run `papers --help` to see the commands';
  throw new CommanderError(EXIT_USAGE, 'commander.unknownCommand', `unknown command '${asked}'${hint}`);
}
