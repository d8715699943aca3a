/**
 * The CLI entry: it only routes. Each command's module (and the parser under it) is loaded when that
 * command runs, so `--help` and `--version` start fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE } from '../core/errors.js';
import { reportError } from './report.js';
import { VERSION } from './version.js';

export interface GlobalOptions {
  file?: string;
  color: boolean;
  debug?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (file missing or unreadable, no such paper, the file changed, ...)
  2  usage error (unknown command or option, missing or invalid argument)`;

export function buildProgram(): Command {
  const program = new Command('papers')
    .description('Track your reading in the markdown paper list you keep in git. Every edit is surgical.')
    .version(VERSION, '-V, --version')
    .option('-f, --file <path>', 'the markdown list (default: $PAPERS_FILE, else ./README.md)')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .option('--debug', 'show stack traces for unexpected errors (also: DEBUG=papers)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ papers list --unread --area MLSys
  $ papers -f reading.md list --venue OSDI --json
${EXIT_CODES_HELP}`,
    );
  // Set before the subcommands are added, which copy these settings: errors reach reportError().
  program.exitOverride().configureOutput({ outputError: () => {} });

  program
    .command('list')
    .alias('ls')
    .description('show papers, filtered')
    .option('--unread', 'only papers not read yet')
    .option('--read', 'only papers already read')
    .option('-a, --area <name>', 'a heading name or path (A/B); includes its sub-areas')
    .option('--venue <name>', "a venue: OSDI (any year), OSDI'22 or osdi22 (one year)")
    .addOption(new Option('--year <year>', 'publication year, e.g. 2022').argParser(parseYear))
    .option('-s, --search <text>', 'title, venue or area contains this text')
    .option('--json', 'print an array of papers as JSON (schema in the README)')
    .addHelpText(
      'after',
      `
Examples:
  $ papers list --unread --area MLSys
  $ papers list --area "MLSys/DNN Compiler" --venue OSDI
  $ papers list --year 2022 --json | jq '.[].title'`,
    )
    .action(async (options, command: Command) => {
      const { runList } = await import('./commands/list.js');
      await runList(globals(command), options);
    });

  return program;
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new CommanderInvalidArgument(`--year takes a four-digit year, not "${value}"`);
  return Number(value);
}

class CommanderInvalidArgument extends CommanderError {
  constructor(message: string) {
    super(EXIT_USAGE, 'commander.invalidArgument', message);
  }
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug') || /(^|,)papers(,|$)/.test(process.env.DEBUG ?? '');
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    return reportError(error, debug);
  }
}
