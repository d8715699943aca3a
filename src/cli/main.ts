/**
 * The CLI entry: it only routes. Each command's module (and the parser under it) is loaded when that
 * command runs, so `--help` and `--version` start fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { editDistance, TOP_AREA } from '../core/areas.js';
import { EXIT_USAGE } from '../core/errors.js';
import type { GlobalOptions } from './context.js';
import { addMoreCommands } from './more-commands.js';
import { reportError } from './report.js';
import { VERSION } from './version.js';

export type { GlobalOptions } from './context.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (file missing or unreadable, no such paper, the file changed, ...)
  2  usage error (unknown command or option, missing or invalid argument)`;

export function buildProgram(): Command {
  const program = new Command('papers')
    .description('Track your reading in the markdown paper list you keep in git. Every edit is surgical.')
    .version(VERSION, '-v, --version', 'print the version (also -V)')
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
    .option('--unread', 'only papers not read yet (nor being read)')
    .option('--reading', 'only papers being read (a list that marks them so: ⏳, 📖, "reading")')
    .option('--read', 'only papers already read')
    .option('-a, --area <name>', `a heading name or path (A/B); includes its sub-areas; ${TOP_AREA} is the top of the file`)
    .option('--venue <name>', "a venue: OSDI (any year), OSDI'22 or osdi22 (one year)")
    .addOption(new Option('--year <year>', 'publication year, e.g. 2022').argParser(parseYear))
    .option('-s, --search <text>', 'title, venue or area contains this text')
    .option('--json', 'print an array of papers as JSON (schema in the README)')
    .option('--columns <list>', 'table columns, comma-separated: number,id,read,title,venue,area')
    .option('--format <template>', 'one line per paper, e.g. "{id}\\t{title}" ({number} {id} {read} {title} {venue} {year} {area} {links} {line})')
    .option('--sort <key>', 'order: file (default), area, venue, year (newest first) or title')
    .addOption(new Option('--limit <n>', 'show at most n papers').argParser(parseLimit))
    .addHelpText(
      'after',
      `
Examples:
  $ papers list --unread --area MLSys
  $ papers list --area "MLSys/DNN Compiler" --venue OSDI
  $ papers list --year 2022 --json | jq '.[].title'
  $ papers list --sort year --limit 10 --columns id,title,venue
  $ papers list --unread --format '{id}\t{title}'

${SHIFT_HELP}`,
    )
    .action(async (options, command: Command) => {
      const { runList } = await import('./commands/list.js');
      await runList(globals(command), options);
    });

  const dryRun = new Option('-n, --dry-run', 'print the change as a unified diff; write nothing');
  const json = new Option('--json', 'print the result as JSON');
  const force = new Option('--force', 'write even if the file looks damaged (far fewer papers than papers saw before)');
  const breakHardlinks = new Option('--break-hardlinks', 'edit a file that has other hard links (they keep the old text)');

  for (const [name, state] of [
    ['done', 'read'],
    ['undone', 'unread'],
    ['reading', 'reading'],
  ] as const) {
    const descriptions = {
      read: "mark papers read (only the checkbox, or a table row's status marker, changes)",
      unread: 'mark papers unread again',
      reading: "mark papers as being read, with the list's own in-progress marker (⏳, 📖, \"reading\"); task lists have none",
    };
    program
      .command(`${name} <id...>`)
      .description(descriptions[state])
      .addOption(dryRun)
      .addOption(json)
      .addOption(force)
      .addOption(breakHardlinks)
      .addHelpText('after', `
Examples:
  $ papers ${name} rammer
  $ papers ${name} roller taso 12
  $ papers ${name} holistic --dry-run

${ID_HELP}`)
      .action(async (ids: string[], options, command: Command) => {
        const { runMark } = await import('./commands/mark.js');
        await runMark(globals(command), ids, options, state);
      });
  }

  program
    .command('note <id> <url>')
    .description("attach a link to a paper's line, or re-point the link with that label")
    .option('-l, --label <label>', 'the link label', 'Note')
    .option('--force', 'allow a relative path that does not exist (yet) beside the list, or write on a file that looks damaged')
    .addOption(dryRun)
    .addOption(json)
    .addOption(breakHardlinks)
    .addHelpText('after', `
Examples:
  $ papers note rammer https://github.com/me/notes/issues/22
  $ papers note roller https://example.org/slides.pdf --label Slides
  $ papers note roller notes/roller.md     (a path relative to the list, if it exists)

${ID_HELP}`)
    .action(async (id: string, url: string, options, command: Command) => {
      const { runNote } = await import('./commands/note.js');
      await runNote(globals(command), id, url, options);
    });

  program
    .command('add [title-or-ref]')
    .description("add a paper at the end of an area, in the file's style (asks on a terminal when title or area is missing); " +
      'given an arXiv id, DOI or paper URL instead of a title, looks up title, venue and link')
    .option('-a, --area <A/B>', `heading name or path; a missing area is created; ${TOP_AREA} is the top of the file`)
    .option('--top', `the top of the file, above the first heading (same as --area ${TOP_AREA})`)
    .option('--create', 'create the area even when its name is close to an existing one')
    .option('--venue <venue>', "e.g. OSDI'22 or \"USENIX ATC'22\"")
    .option('--paper <url>', 'link to the paper: http(s) URL, or a path relative to the list that exists')
    .option('--note <url>', 'link to your note: http(s) URL, or a path relative to the list that exists')
    .option('--title <title>', 'the title, over a looked-up one')
    .option('--lookup <words>', 'search DBLP for these title words and add the paper found')
    .option('--no-cache', 'look up afresh, not from the lookup cache')
    .option('--read', 'add it as already read')
    .option('--force', 'add even if the same paper (title, URL, arXiv id or DOI) is in the list, a relative link does not exist, or the file looks damaged')
    .addOption(dryRun)
    .addOption(json)
    .addOption(breakHardlinks)
    .addHelpText(
      'after',
      `
Examples:
  $ papers add "Orca: A Distributed Serving System for Transformer-Based Generative Models" \\
      --area "MLSys/LLM Serving" --venue "OSDI'22" --paper https://www.usenix.org/system/files/osdi22-yu.pdf
  $ papers add "Attention Is All You Need" --area "Deep Learning" --venue "NeurIPS'17" --read
  $ papers add https://arxiv.org/abs/2206.15472 --area "MLSys/LLM Serving"
  $ papers add 10.1145/3341617.3326138 --area Hypervisor
  $ papers add --lookup "roller tensor compilation" --area "MLSys/DNN Compiler"

<ref> is an arXiv id (2206.15472, arXiv:2206.15472v2, cs/0112017) or arxiv.org URL, a DOI or doi.org URL,
an ACM DL, ACL Anthology or DBLP record URL, or a paper page with citation meta tags (USENIX, OpenReview). Base URLs: PAPERS_ARXIV_API, PAPERS_CROSSREF_API,
PAPERS_DBLP_API, PAPERS_S2_API, PAPERS_OPENALEX_API (see the README).

${AREA_HELP}`,
    )
    .action(async (title: string | undefined, options, command: Command) => {
      const { runAdd } = await import('./commands/add.js');
      await runAdd(globals(command), title, options);
    });

  program
    .command('rm <id...>')
    .description('remove papers (asks first on a terminal)')
    .option('-y, --yes', 'do not ask')
    .addOption(dryRun)
    .addOption(json)
    .addOption(force)
    .addOption(breakHardlinks)
    .addHelpText('after', `
Examples:
  $ papers rm taso --yes
  $ papers rm taso roller --yes
  $ papers rm 12 --dry-run

${ID_HELP}

${SHIFT_HELP}`)
    .action(async (ids: string[], options, command: Command) => {
      const { runRm } = await import('./commands/rm.js');
      await runRm(globals(command), ids, options);
    });

  program
    .command('mv <id...>')
    .description('move papers to the end of another area (created if missing)')
    .option('-a, --area <A/B>', `the target area: heading name or path; ${TOP_AREA} is the top of the file`)
    .option('--top', `the top of the file, above the first heading (same as --area ${TOP_AREA})`)
    .option('--create', 'create the area even when its name is close to an existing one')
    .addOption(dryRun)
    .addOption(json)
    .addOption(force)
    .addOption(breakHardlinks)
    .addHelpText('after', `
Examples:
  $ papers mv alpa --area "MLSys/Distributed Training"
  $ papers mv alpa orca --area "LLM Serving"
  $ papers mv ray --top

${ID_HELP}

${AREA_HELP}

${SHIFT_HELP}`)
    .action(async (ids: string[], options, command: Command) => {
      const { runMv } = await import('./commands/mv.js');
      await runMv(globals(command), ids, options);
    });

  program
    .command('cite [id...]')
    .description("BibTeX for papers (DBLP's record, else one from Crossref or arXiv), with stable keys")
    .option('-a, --area <A/B>', 'every paper of an area (and its sub-areas)')
    .option('--format <format>', 'bibtex or json', 'bibtex')
    .option('--no-cache', 'look up afresh, not from the lookup cache')
    .addHelpText('after', `
Examples:
  $ papers cite rammer roller
  $ papers cite --area MLSys > refs.bib
  $ papers cite flashattention --format json

${ID_HELP}`)
    .action(async (ids: string[], options, command: Command) => {
      const { runCite } = await import('./commands/cite.js');
      await runCite(globals(command), ids, options);
    });

  program
    .command('refresh [id...]')
    .description('for papers listed as arXiv preprints, look up a published version and update the venue (and link)')
    .addOption(new Option('--link <which>', 'also point the paper link at the published version').choices(['published']))
    .option('-y, --yes', 'do not ask')
    .option('--no-cache', 'look up afresh, not from the lookup cache')
    .addOption(dryRun)
    .addOption(json)
    .addHelpText('after', `
Examples:
  $ papers refresh --dry-run
  $ papers refresh flashattention --link published --yes

${ID_HELP}`)
    .action(async (ids: string[], options, command: Command) => {
      const { runRefresh } = await import('./commands/refresh.js');
      await runRefresh(globals(command), ids, options);
    });

  program
    .command('convert')
    .description("rewrite an area's task list as a table (| Status | Paper | Venue | Links |), or a paper table as a task list")
    .requiredOption('--to <form>', '"table" or "list"')
    .option('-a, --area <A/B>', 'only this area (and its sub-areas); default: every area')
    .addOption(dryRun)
    .addOption(json)
    .addHelpText('after', `
Examples:
  $ papers convert --to table --dry-run
  $ papers convert --to list --area "LLM Serving"

Every paper keeps its title, venue, read state and links (checked by reading the result back).
Lists with sub-items and tables with extra columns are left as they are, and named.`)
    .action(async (options, command: Command) => {
      const { runConvert } = await import('./commands/convert.js');
      await runConvert(globals(command), options);
    });

  addMoreCommands(program);
  return program;
}

const ID_HELP = `<id> is, in this order: a paper's id (rammer), its whole title (any case), a unique id
prefix (ram), its number in \`papers list\` (3), or a unique piece of its title (holistic).`;

const SHIFT_HELP = `Numbers shift after rm and mv (they count papers in file order): run \`papers list\` again,
or use ids, which stay.`;

const AREA_HELP = `An area is a heading name (DNN Compiler) or a path (MLSys/DNN Compiler); a heading whose name
holds a "/" (I/O Systems) is found by that name first. ${TOP_AREA} is the top of the file (papers above the
first heading). When a path appears more than once, the last section is used; "Reading#1" names the first.
A new area whose name is close to an existing one is refused off a terminal unless --create is given.`;

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new CommanderInvalidArgument(`--limit takes a whole number, not "${value}"`);
  return Number(value);
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

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug') || /(^|,)papers(,|$)/.test(process.env.DEBUG ?? '');
  const json = argv.includes('--json');
  // `-V` stays for those who know it; `-v` is what most people try first.
  const args = argv.map((arg, i) => (i >= 2 && arg === '-V' ? '-v' : arg));
  try {
    checkCommandName(program, args);
    await program.parseAsync(args);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    return reportError(error, debug, json);
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
  const meant = SYNONYMS[asked.toLowerCase()] ?? [...known].find((command) => editDistance(command, asked.toLowerCase()) <= Math.min(2, command.length - 1));
  const hint = meant ? `; did you mean \`papers ${meant}\`?` : '; run `papers --help` to see the commands';
  throw new CommanderError(EXIT_USAGE, 'commander.unknownCommand', `unknown command '${asked}'${hint}`);
}
