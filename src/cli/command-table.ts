/**
 * The command table: every command's name, aliases, arguments, options (with their types, defaults and
 * help) and the write options it takes. It is data only (no commander, no command code), so that:
 *  - cli/main.ts builds commander's program from it (program.ts), and binds each command to its code
 *    (the ACTIONS table there, which the type checker holds to this one);
 *  - the build derives the hot path's argument table from it (cli/hot-table.ts, baked into
 *    dist/hot.cjs), so an option cannot exist on one path only;
 *  - test/command-table.test.ts drives argv through both parsers and compares what they give.
 *
 * Adding a command: an entry here, an entry in ACTIONS (cli/main.ts), the code in cli/commands/.
 */
import { TOP_AREA } from '../core/query/areas.js';

export interface OptionSpec {
  /** commander's syntax: `-a, --area <name>`, `--json`, `--no-cache`. */
  flags: string;
  help: string;
  default?: string | boolean | string[];
  /** A value checked by a named parser (cli/program.ts): the hot path leaves such options to commander. */
  parse?: 'year' | 'limit' | 'list';
  choices?: readonly string[];
  /** The option must be given (commander's requiredOption). */
  required?: boolean;
}

/** The options every write shares, by name, in the order they are listed after a command's own. */
export type WriteOption = 'dryRun' | 'json' | 'force' | 'breakHardlinks';

export interface CommandSpec {
  name: string;
  /** commander's argument syntax: `<id...>`, `[title-or-ref]`, `<id> <url>`. */
  args?: string;
  aliases?: readonly string[];
  description: string;
  options: readonly OptionSpec[];
  /** The shared write options it takes (after its own options). */
  writes?: readonly WriteOption[];
  /** Shown after the options in `papers <command> --help`. */
  help?: string;
  hidden?: boolean;
  /** Also read and run by the hot path (src/cli/hot.ts), from dist/hot-<bundle>.cjs. */
  hot?: 'list' | 'mark';
}

const WRITE_OPTIONS: Record<WriteOption, OptionSpec> = {
  dryRun: { flags: '-n, --dry-run', help: 'print the change as a unified diff; write nothing' },
  json: { flags: '--json', help: 'print the result as JSON' },
  force: { flags: '--force', help: 'write even if the file looks damaged (far fewer papers than papers saw before)' },
  breakHardlinks: {
    flags: '--break-hardlinks',
    help: 'edit a file that has other hard links (they keep the old text)',
  },
};

/** Options every command takes, before or after its name (`-v, --version` is added by the program). */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '-f, --file <path>', help: 'the markdown list (default: $PAPERS_FILE, else ./README.md)' },
  { flags: '--no-color', help: 'no colours (also: NO_COLOR=1)' },
  { flags: '--debug', help: 'show stack traces for unexpected errors (also: DEBUG=papers)' },
  { flags: '--commit', help: 'after a change, git-commit just the list file (also: PAPERS_GIT_COMMIT=1)' },
];

export const PROGRAM_DESCRIPTION =
  'Track your reading in the markdown paper list you keep in git. Every edit is surgical.';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (file missing or unreadable, no such paper, the file changed, ...)
  2  usage error (unknown command or option, missing or invalid argument, a setting that is not valid)`;

export const PROGRAM_HELP = `
Examples:
  $ papers list --unread --area MLSys
  $ papers -f reading.md list --venue OSDI --json
${EXIT_CODES_HELP}`;

const ID_HELP = `<id> is, in this order: a paper's id (rammer), its whole title (any case), a unique id
prefix (ram), its number in \`papers list\` (3), or a unique piece of its title (holistic).`;

const SHORT_ID_HELP = `<id> is a paper's id (rammer), a unique prefix (ram), its number in \`papers list\` (3),
or a unique piece of its title (holistic).`;

const SHIFT_HELP = `Numbers shift after rm and mv (they count papers in file order): run \`papers list\` again,
or use ids, which stay.`;

const AREA_HELP = `An area is a heading name (DNN Compiler) or a path (MLSys/DNN Compiler); a heading whose name
holds a "/" (I/O Systems) is found by that name first. ${TOP_AREA} is the top of the file (papers above the
first heading). When a path appears more than once, the last section is used; "Reading#1" names the first.
A new area whose name is close to an existing one is refused off a terminal unless --create is given.`;

const markHelp = (name: string) => `
Examples:
  $ papers ${name} rammer
  $ papers ${name} roller taso 12
  $ papers ${name} holistic --dry-run

${ID_HELP}`;

const MARK_OPTIONS: readonly WriteOption[] = ['dryRun', 'json', 'force', 'breakHardlinks'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    aliases: ['ls'],
    hot: 'list',
    description: 'show papers, filtered',
    options: [
      { flags: '--unread', help: 'only papers not read yet (nor being read)' },
      { flags: '--reading', help: 'only papers being read (a list that marks them so: ⏳, 📖, "reading")' },
      { flags: '--read', help: 'only papers already read' },
      {
        flags: '-a, --area <name>',
        help: `a heading name or path (A/B); includes its sub-areas; ${TOP_AREA} is the top of the file`,
      },
      { flags: '--venue <name>', help: "a venue: OSDI (any year), OSDI'22 or osdi22 (one year)" },
      { flags: '--year <year>', help: 'publication year, e.g. 2022', parse: 'year' },
      { flags: '-s, --search <text>', help: 'title, venue or area contains this text' },
      { flags: '--json', help: 'print an array of papers as JSON (schema in the README)' },
      { flags: '--columns <list>', help: 'table columns, comma-separated: number,id,read,title,venue,area' },
      {
        flags: '--format <template>',
        help: 'one line per paper, e.g. "{id}\\t{title}" ({number} {id} {read} {title} {venue} {year} {area} {links} {line})',
      },
      { flags: '--sort <key>', help: 'order: file (default), area, venue, year (newest first) or title' },
      { flags: '--limit <n>', help: 'show at most n papers', parse: 'limit' },
    ],
    help: `
Examples:
  $ papers list --unread --area MLSys
  $ papers list --area "MLSys/DNN Compiler" --venue OSDI
  $ papers list --year 2022 --json | jq '.[].title'
  $ papers list --sort year --limit 10 --columns id,title,venue
  $ papers list --unread --format '{id}\t{title}'

${SHIFT_HELP}`,
  },
  {
    name: 'done',
    args: '<id...>',
    hot: 'mark',
    description: "mark papers read (only the checkbox, or a table row's status marker, changes)",
    options: [],
    writes: MARK_OPTIONS,
    help: markHelp('done'),
  },
  {
    name: 'undone',
    args: '<id...>',
    hot: 'mark',
    description: 'mark papers unread again',
    options: [],
    writes: MARK_OPTIONS,
    help: markHelp('undone'),
  },
  {
    name: 'reading',
    args: '<id...>',
    hot: 'mark',
    description:
      'mark papers as being read, with the list\'s own in-progress marker (⏳, 📖, "reading"); task lists have none',
    options: [],
    writes: MARK_OPTIONS,
    help: markHelp('reading'),
  },
  {
    name: 'note',
    args: '<id> <url>',
    description: "attach a link to a paper's line, or re-point the link with that label",
    options: [
      { flags: '-l, --label <label>', help: 'the link label', default: 'Note' },
      {
        flags: '--force',
        help: 'allow a relative path that does not exist (yet) beside the list, or write on a file that looks damaged',
      },
    ],
    writes: ['dryRun', 'json', 'breakHardlinks'],
    help: `
Examples:
  $ papers note rammer https://github.com/me/notes/issues/22
  $ papers note roller https://example.org/slides.pdf --label Slides
  $ papers note roller notes/roller.md     (a path relative to the list, if it exists)

${ID_HELP}`,
  },
  {
    name: 'add',
    args: '[title-or-ref]',
    description:
      "add a paper at the end of an area, in the file's style (asks on a terminal when title or area is missing); " +
      'given an arXiv id, DOI or paper URL instead of a title, looks up title, venue and link',
    options: [
      {
        flags: '-a, --area <A/B>',
        help: `heading name or path; a missing area is created; ${TOP_AREA} is the top of the file`,
      },
      { flags: '--top', help: `the top of the file, above the first heading (same as --area ${TOP_AREA})` },
      { flags: '--create', help: 'create the area even when its name is close to an existing one' },
      { flags: '--venue <venue>', help: 'e.g. OSDI\'22 or "USENIX ATC\'22"' },
      { flags: '--paper <url>', help: 'link to the paper: http(s) URL, or a path relative to the list that exists' },
      { flags: '--note <url>', help: 'link to your note: http(s) URL, or a path relative to the list that exists' },
      { flags: '--title <title>', help: 'the title, over a looked-up one' },
      { flags: '--lookup <words>', help: 'search DBLP for these title words and add the paper found' },
      { flags: '--no-cache', help: 'look up afresh, not from the lookup cache' },
      { flags: '--read', help: 'add it as already read' },
      {
        flags: '--force',
        help: 'add even if the same paper (title, URL, arXiv id or DOI) is in the list, a relative link does not exist, or the file looks damaged',
      },
    ],
    writes: ['dryRun', 'json', 'breakHardlinks'],
    help: `
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
  },
  {
    name: 'rm',
    args: '<id...>',
    description: 'remove papers (asks first on a terminal)',
    options: [{ flags: '-y, --yes', help: 'do not ask' }],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers rm taso --yes
  $ papers rm taso roller --yes
  $ papers rm 12 --dry-run

${ID_HELP}

${SHIFT_HELP}`,
  },
  {
    name: 'mv',
    args: '<id...>',
    description: 'move papers to the end of another area (created if missing)',
    options: [
      { flags: '-a, --area <A/B>', help: `the target area: heading name or path; ${TOP_AREA} is the top of the file` },
      { flags: '--top', help: `the top of the file, above the first heading (same as --area ${TOP_AREA})` },
      { flags: '--create', help: 'create the area even when its name is close to an existing one' },
    ],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers mv alpa --area "MLSys/Distributed Training"
  $ papers mv alpa orca --area "LLM Serving"
  $ papers mv ray --top

${ID_HELP}

${AREA_HELP}

${SHIFT_HELP}`,
  },
  {
    name: 'cite',
    args: '[id...]',
    description: "BibTeX for papers (DBLP's record, else one from Crossref or arXiv), with stable keys",
    options: [
      { flags: '-a, --area <A/B>', help: 'every paper of an area (and its sub-areas)' },
      { flags: '--format <format>', help: 'bibtex or json', default: 'bibtex' },
      { flags: '--no-cache', help: 'look up afresh, not from the lookup cache' },
      { flags: '--offline', help: 'ask no source: build each entry from the list (title, venue, year, link)' },
    ],
    help: `
Examples:
  $ papers cite rammer roller
  $ papers cite --area MLSys > refs.bib
  $ papers cite flashattention --format json
  $ papers cite --area MLSys --offline > refs.bib

${ID_HELP}`,
  },
  {
    name: 'import',
    args: '<file>',
    description:
      'add the entries of a BibTeX or CSL-JSON file, or a pubs repository, to an area (duplicates are listed, not added)',
    options: [
      { flags: '-a, --area <A/B>', help: 'the area the papers go to (created if missing)' },
      { flags: '--format <format>', help: 'bibtex or csl-json (default: from the file)' },
      { flags: '--read', help: 'mark every imported paper read (else: from a read/toread field or tag)' },
      { flags: '--create', help: 'create the area even when its name is close to an existing one' },
    ],
    writes: ['dryRun', 'json'],
    help: `
Examples:
  $ papers import zotero-export.bib --area "From Zotero" --dry-run
  $ papers import library.json --area Reading
  $ papers import ~/.pubs --area Reading     (a pubs repository)
  $ papers import papis.bib --area Reading  (papis export --all --format bibtex)`,
  },
  {
    name: 'export',
    description: 'the list as BibTeX, CSL-JSON or CSV, from the list alone (no lookups)',
    options: [
      { flags: '--format <format>', help: 'bibtex, csl-json or csv', default: 'bibtex' },
      { flags: '-a, --area <A/B>', help: 'only this area (and its sub-areas)' },
      { flags: '--venue <venue>', help: "only this venue (OSDI, OSDI'22)" },
      { flags: '--year <year>', help: 'only this year', parse: 'year' },
      { flags: '--read', help: 'only papers read' },
      { flags: '--unread', help: 'only papers not read (nor being read)' },
    ],
    help: `
Examples:
  $ papers export > refs.bib
  $ papers export --format csl-json --area MLSys > refs.json
  $ papers export --format csv --unread`,
  },
  {
    name: 'refresh',
    args: '[id...]',
    description: 'for papers listed as arXiv preprints, look up a published version and update the venue (and link)',
    options: [
      { flags: '--link <which>', help: 'also point the paper link at the published version', choices: ['published'] },
      { flags: '-y, --yes', help: 'do not ask' },
      { flags: '--no-cache', help: 'look up afresh, not from the lookup cache' },
    ],
    writes: ['dryRun', 'json'],
    help: `
Examples:
  $ papers refresh --dry-run
  $ papers refresh flashattention --link published --yes

${ID_HELP}`,
  },
  {
    name: 'convert',
    description:
      "rewrite an area's task list as a table (| Status | Paper | Venue | Links |), or a paper table as a task list",
    options: [
      { flags: '--to <form>', help: '"table" or "list"', required: true },
      { flags: '-a, --area <A/B>', help: 'only this area (and its sub-areas); default: every area' },
    ],
    writes: ['dryRun', 'json'],
    help: `
Examples:
  $ papers convert --to table --dry-run
  $ papers convert --to list --area "LLM Serving"

Every paper keeps its title, venue, read state and links (checked by reading the result back).
Lists with sub-items and tables with extra columns are left as they are, and named.`,
  },
  {
    name: 'stats',
    description: 'how far along you are: read/total per area (or venue, year) with progress bars',
    options: [
      {
        flags: '--by <group>',
        help: 'group by area, venue or year',
        choices: ['area', 'venue', 'year'],
        default: 'area',
      },
      { flags: '--json', help: 'print the groups and the total as JSON' },
    ],
    help: `
Examples:
  $ papers stats
  $ papers stats --by venue
  $ papers stats --by year --json | jq '.groups[] | select(.percent < 50)'`,
  },
  {
    name: 'track',
    description:
      'start tracking a list that has no state yet: [ ] after each bullet of a plain list, a Status column of unread markers in a table',
    options: [{ flags: '-a, --area <A/B>', help: 'only the lists and tables under this heading' }],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Only the new checkboxes and status cells are written; lists and tables that already hold papers, lists of
links to the page's own headings (a table of contents) and notes nested under an entry are left alone.

Examples:
  $ papers track --dry-run
  $ papers track --area "Graph Neural Networks"`,
  },
  {
    name: 'explain',
    description:
      'how papers read the list: each list and table, where its state is, its markers and what each means, what was skipped and why',
    options: [{ flags: '--json', help: 'print the explanation as JSON' }],
    help: `
Papers are GitHub task items (- [x] Title), rows of a table with a status column (named so in any of
nine languages, or found by its markers), and items or lines without a checkbox that carry a state marker
before or after them (- ✅ Title, [⬜] Title, Title :heavy_check_mark:). Markers are read as GitHub draws
them (shortcodes, character references) and by the list's own use of them; a legend in the file wins.

Examples:
  $ papers explain
  $ papers -f notes/2024.md explain --json | jq '.skipped'`,
  },
  {
    name: 'areas',
    description: 'the area tree (headings) with read/total per area: the names --area accepts',
    options: [{ flags: '--json', help: 'print the areas as JSON' }],
    help: `
Examples:
  $ papers areas
  $ papers areas --json | jq -r '.groups[].area'`,
  },
  {
    name: 'show',
    args: '<id>',
    description: 'everything known about one paper: title, venue, area, links, state, file:line, notes under it',
    options: [{ flags: '--json', help: 'print the paper as JSON' }],
    help: `
Examples:
  $ papers show rammer
  $ papers show 3 --json

${SHORT_ID_HELP}`,
  },
  {
    name: 'next',
    description: 'the unread paper to read next (first in the list, or a random one), with its link',
    options: [
      { flags: '-a, --area <name>', help: 'only this area (a heading name or path A/B)' },
      { flags: '--venue <name>', help: "only this venue: OSDI or OSDI'22" },
      { flags: '-r, --random', help: 'a random unread paper instead of the first' },
      { flags: '--json', help: 'print the paper as JSON' },
    ],
    help: `
Examples:
  $ papers next
  $ papers next --area MLSys --random
  $ papers open "$(papers next --json | jq -r .id)"`,
  },
  {
    name: 'open',
    args: '<id>',
    description: "open the paper's link in the browser (prints it when there is no display or no terminal)",
    options: [
      { flags: '-l, --label <label>', help: 'the link with this label (e.g. Note); default: the first link' },
      { flags: '-p, --print', help: 'only print the URL' },
    ],
    help: `
Examples:
  $ papers open rammer
  $ papers open rammer --label Note

Relative links (notes/x.md) open as files beside the list.
${SHORT_ID_HELP}`,
  },
  {
    name: 'edit',
    args: '<id>',
    description: "open the list in $VISUAL or $EDITOR at the paper's line",
    options: [],
    help: `
Examples:
  $ papers edit roller
  $ EDITOR="code -w" papers edit 5

vi, vim, nvim, nano, emacs, micro, kak and hx get +LINE; code and codium get -g FILE:LINE.
${SHORT_ID_HELP}`,
  },
  {
    name: 'lint',
    description:
      'check the list: duplicates, missing links, broken checkboxes, mixed bullets, ... (exit 1 on problems)',
    options: [
      { flags: '--json', help: 'print the problems as JSON' },
      { flags: '--fix', help: 'apply the safe fixes (checkbox syntax, bullet markers) and show them' },
      { flags: '-n, --dry-run', help: 'with --fix: print the fixes as a diff; write nothing' },
      { flags: '--ignore <rule>', help: 'turn a rule off (repeat, or comma-separate)', parse: 'list', default: [] },
    ],
    help: `
Rules: duplicate, no-link, checkbox, venue, outside-area, mixed-bullets, missing-file, empty-area

Examples:
  $ papers lint
  $ papers lint --ignore no-link,venue
  $ papers lint --fix --dry-run`,
  },
  {
    name: 'undo',
    description: 'revert the last change papers made to the list, if the file is still as papers left it',
    options: [
      { flags: '--list', help: 'show the journal of changes that can be undone, newest first' },
      { flags: '--json', help: 'print the result as JSON' },
    ],
    help: `
Examples:
  $ papers done roller && papers undo
  $ papers undo --list

The journal keeps the last 20 changes per file in $XDG_STATE_HOME/papers (~/.local/state/papers).`,
  },
  {
    name: 'completion',
    args: '<shell>',
    description: 'print a completion script for bash, zsh or fish',
    options: [],
    help: `
Examples:
  $ source <(papers completion bash)          # in ~/.bashrc
  $ papers completion zsh > "\${fpath[1]}/_papers"
  $ papers completion fish > ~/.config/fish/completions/papers.fish`,
  },
  // Used by the completion scripts: ids or area names of the current list, one a line.
  { name: '__complete', args: '<kind>', description: '', options: [], hidden: true },
];

/** A command's options as commander lists them: its own, then the shared write options it takes. */
export function optionsOf(command: CommandSpec): OptionSpec[] {
  return [...command.options, ...(command.writes ?? []).map((name) => WRITE_OPTIONS[name])];
}

/** The option's key in commander's options object: `--dry-run` -> dryRun, `--no-cache` -> cache. */
export function optionKey(flags: string): string {
  const long = /--([\w-]+)/.exec(flags)?.[1] ?? /-(\w)/.exec(flags)![1]!;
  return long.replace(/^no-/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
