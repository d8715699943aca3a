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
 *
 * One file over 400 lines on purpose: it is one table, and the point is to see every command and option
 * side by side (split, an option could hide in a second file).
 */
import { TOP_AREA } from '../core/query/areas.js';

/**
 * How a command runs in a repository of several lists (see cli/workspace.ts): `across` them as one
 * list, `route`d by its ids to the file that holds each (`pick`: and without ids, or with `-`, the
 * papers are chosen across every list first: one pick, ids on stdin; `move`: as `pick`, and a paper may
 * go to another list), on `each` list, on the list with its `area`, on the list changed `latest`, or on
 * `none` (it reads no list).
 */
export type FilesMode = 'across' | 'route' | 'pick' | 'move' | 'each' | 'area' | 'latest' | 'none';

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

/** The CommonJS file beside dist/hot.cjs that runs a hot command: dist/hot-<bundle>.cjs. */
export type HotBundle = 'list' | 'mark' | 'add';

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
  hot?: HotBundle;
  /** How it runs in a repository of several lists (cli/workspace.ts): across them, routed by id, on each, ... */
  files: FilesMode;
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
  {
    flags: '--follow-links',
    help: 'follow a symlinked list even where another user could have planted the link (see README Safety)',
  },
];

export const PROGRAM_DESCRIPTION =
  'Track your reading in the markdown paper list you keep in git. Every edit is surgical.';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (file missing or unreadable, no such paper, the file changed, a .papers.json that is not valid, ...)
  2  usage error (unknown command or option, missing or invalid argument, a PAPERS_* variable that is not valid)`;

export const PROGRAM_HELP = `
Examples:
  $ papers list --unread --area MLSys
  $ papers -f reading.md list --venue OSDI --json
${EXIT_CODES_HELP}`;

const ID_HELP = `<id> is read in this order: a number is the # \`papers list\` shows (3); then a paper's id
(rammer); its whole title (any case); the start of one id or of words in one title (ram, holistic); a piece
of one title. A start or piece that fits several papers names none: they are listed (on a terminal, you pick).`;

const SHIFT_HELP = `Numbers shift after rm and mv (they count papers in file order): run \`papers list\` again,
or use ids, which stay.`;

const AREA_HELP = `An area is a heading name (DNN Compiler) or a path (MLSys/DNN Compiler); a heading whose name
holds a "/" (I/O Systems) is found by that name first. ${TOP_AREA} is the top of the file (papers above the
first heading). When a path appears more than once, the last section is used; "Reading#1" names the first.
A new area whose name is close to an existing one is refused off a terminal unless --create is given.`;

const PICK_HELP = (
  verb: string,
) => `Without an id, on a terminal: pick the papers to ${verb} (type to filter, Tab to select
several, Enter). \`-\` reads ids from stdin, one a line; --all takes every paper the filters match (asks first,
or --yes).`;

const markHelp = (name: string, verb: string) => `
Examples:
  $ papers ${name} rammer
  $ papers ${name} roller taso 12
  $ papers ${name} holistic --dry-run
  $ papers ${name}                          (pick on a terminal)
  $ papers ${name} --area MLSys             (pick among that area's papers)
  $ papers list --unread --columns id | papers ${name} -
  $ papers ${name} --area MLSys --all --yes

${ID_HELP}

${PICK_HELP(verb)}`;

/** Which papers a command without ids acts on: filters, then a pick on a terminal or --all. */
const TARGET_OPTIONS: readonly OptionSpec[] = [
  { flags: '-a, --area <name>', help: 'without ids: only papers of this area (a heading name or path A/B)' },
  { flags: '--venue <name>', help: "without ids: only this venue (OSDI, OSDI'22)" },
  { flags: '--year <year>', help: 'without ids: only this year', parse: 'year' },
  { flags: '-s, --search <text>', help: 'without ids: title, venue or area contains this text' },
  { flags: '--all', help: 'every paper the filters match (asks first on a terminal; elsewhere needs --yes)' },
  { flags: '-y, --yes', help: 'do not ask' },
];

const MARK_OPTIONS: readonly WriteOption[] = ['dryRun', 'json', 'force', 'breakHardlinks'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    files: 'across',
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
    files: 'pick',
    args: '[id...]',
    hot: 'mark',
    description: "mark papers read (only the checkbox, or a table row's status marker, changes)",
    options: [
      ...TARGET_OPTIONS,
      {
        flags: '--date [day]',
        help: 'also write the day it was read (default today), in the list\'s style: ✅ 2026-11-28, (read 2026-11-28), a Date column (always on with "doneDates" in .papers.json)',
      },
    ],
    writes: MARK_OPTIONS,
    help: markHelp('done', 'mark read'),
  },
  {
    name: 'undone',
    files: 'pick',
    args: '[id...]',
    hot: 'mark',
    description: 'mark papers unread again',
    options: [
      ...TARGET_OPTIONS,
      { flags: '--date', help: 'also take out the day done wrote (always on with "doneDates" in .papers.json)' },
    ],
    writes: MARK_OPTIONS,
    help: markHelp('undone', 'mark unread'),
  },
  {
    name: 'reading',
    files: 'pick',
    args: '[id...]',
    hot: 'mark',
    description:
      'mark papers as being read, with the list\'s own in-progress marker (⏳, 📖, "reading"); task lists have none',
    options: TARGET_OPTIONS,
    writes: MARK_OPTIONS,
    help: markHelp('reading', 'mark as being read'),
  },
  {
    name: 'note',
    hot: 'mark',
    files: 'pick',
    args: '[id] [url]',
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
  $ papers note                            (pick the paper and type the link on a terminal)

${ID_HELP}`,
  },
  {
    name: 'add',
    hot: 'add',
    files: 'area',
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
    hot: 'mark',
    files: 'pick',
    args: '[id...]',
    description: 'remove papers (asks first on a terminal)',
    options: TARGET_OPTIONS,
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers rm taso --yes
  $ papers rm taso roller --yes
  $ papers rm 12 --dry-run
  $ papers rm                              (pick on a terminal)
  $ papers rm --area Old --all --yes

${ID_HELP}

${PICK_HELP('remove')}

${SHIFT_HELP}`,
  },
  {
    name: 'mv',
    files: 'move',
    args: '[id...]',
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
  $ papers mv --area Later                 (pick the papers on a terminal)

${ID_HELP}

${AREA_HELP}

${SHIFT_HELP}`,
  },
  {
    name: 'set',
    files: 'pick',
    args: '[id]',
    description: "edit a paper's title, venue, year or Paper link in place, in the file's style (offline), or move it",
    options: [
      { flags: '--title <title>', help: 'the new title' },
      {
        flags: '--venue <venue>',
        help: "the new venue, e.g. OSDI'22 (a table's venue cell, or a tag after the title)",
      },
      {
        flags: '--year <year>',
        help: "the new year: its digits in the venue (OSDI'22), a year cell or a [2017] tag",
        parse: 'year',
      },
      { flags: '--paper <url>', help: 'the Paper link: http(s) URL, or a path relative to the list that exists' },
      { flags: '-a, --area <A/B>', help: `move it to this area (as mv does); ${TOP_AREA} is the top of the file` },
      { flags: '--top', help: `move it to the top of the file (same as --area ${TOP_AREA})` },
      { flags: '--create', help: 'create the area even when its name is close to an existing one' },
      {
        flags: '--force',
        help: 'a relative --paper path that does not exist (yet), or write on a file that looks damaged',
      },
    ],
    writes: ['dryRun', 'json', 'breakHardlinks'],
    help: `
Examples:
  $ papers set roller --venue "OSDI'22"
  $ papers set 12 --year 2023 --dry-run
  $ papers set taso --title "TASO: Optimizing Deep Learning Computation" --paper https://dl.acm.org/doi/10.1145/3341301.3359630
  $ papers set alpa --area "MLSys/Distributed Training"
  $ papers set                              (pick the paper on a terminal)

Only the field's own text changes (the title's words, the venue tag or cell, the year's digits, the link's
URL); the line is read back before anything is written. A title written with markup inside it is left to
\`papers edit\`.

${ID_HELP}`,
  },
  {
    name: 'cite',
    files: 'across',
    args: '[id...]',
    description: "BibTeX for papers (DBLP's record, else one from Crossref or arXiv), with stable keys",
    options: [
      { flags: '-a, --area <A/B>', help: 'every paper of an area (and its sub-areas)' },
      { flags: '--format <format>', help: 'bibtex or json', default: 'bibtex' },
      { flags: '--json', help: 'print the entries as JSON (same as --format json)' },
      { flags: '--no-cache', help: 'look up afresh, not from the lookup cache' },
      { flags: '--offline', help: 'ask no source: build each entry from the list (title, venue, year, link)' },
    ],
    help: `
Examples:
  $ papers cite rammer roller
  $ papers cite --area MLSys > refs.bib
  $ papers cite flashattention --json
  $ papers cite --area MLSys --offline > refs.bib

${ID_HELP}`,
  },
  {
    name: 'import',
    files: 'area',
    args: '<file>',
    description:
      'add the entries of a BibTeX or CSL-JSON file, or a pubs repository, to an area (duplicates are listed, not added)',
    options: [
      { flags: '-a, --area <A/B>', help: 'the area the papers go to (created if missing)' },
      { flags: '--format <format>', help: 'bibtex or csl-json (default: from the file)' },
      { flags: '--read', help: 'mark every imported paper read (else: from a read/toread field or tag)' },
      { flags: '--create', help: 'create the area even when its name is close to an existing one' },
    ],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers import zotero-export.bib --area "From Zotero" --dry-run
  $ papers import library.json --area Reading
  $ papers import ~/.pubs --area Reading     (a pubs repository)
  $ papers import papis.bib --area Reading  (papis export --all --format bibtex)`,
  },
  {
    name: 'export',
    files: 'across',
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
    files: 'route',
    args: '[id...]',
    description: 'for papers listed as arXiv preprints, look up a published version and update the venue (and link)',
    options: [
      { flags: '--link <which>', help: 'also point the paper link at the published version', choices: ['published'] },
      { flags: '-y, --yes', help: 'do not ask' },
      { flags: '--no-cache', help: 'look up afresh, not from the lookup cache' },
    ],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers refresh --dry-run
  $ papers refresh flashattention --link published --yes

${ID_HELP}`,
  },
  {
    name: 'convert',
    files: 'each',
    description:
      "rewrite an area's task list as a table (| Status | Paper | Venue | Links |), or a paper table as a task list",
    options: [
      { flags: '--to <form>', help: '"table" or "list"', required: true },
      { flags: '-a, --area <A/B>', help: 'only this area (and its sub-areas); default: every area' },
    ],
    writes: ['dryRun', 'json', 'force', 'breakHardlinks'],
    help: `
Examples:
  $ papers convert --to table --dry-run
  $ papers convert --to list --area "LLM Serving"

Nothing is lost: converting back gives the original bytes (checked, with the papers read back,
before anything is written). Words no column is for go in a Tags column, a line's own layout in a
"Written as" column, a table's extra cells into the item as "— Column: cell". What cannot be kept
(sub-items, rows with missing cells) is named with its lines, and nothing is written (exit 1).`,
  },
  {
    name: 'stats',
    files: 'across',
    hot: 'list',
    description: 'how far along you are: read/total per area (or venue, year) with progress bars',
    options: [
      {
        flags: '--by <group>',
        help: 'group by area, venue, year, or month read (the dates papers log reads)',
        choices: ['area', 'venue', 'year', 'month'],
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
    name: 'log',
    hot: 'list',
    files: 'across',
    description: 'what you read when: read papers by the day the list gives (✅ 2026-11-28, a Date column, ## 2026-11)',
    options: [
      { flags: '--since <day>', help: 'only papers read on or after this day or month (2026-11-01, 2026-11)' },
      { flags: '--calendar', help: 'the last year as a calendar of days, GitHub-contribution style' },
      { flags: '--json', help: 'print the papers, newest first, each with its readOn' },
    ],
    help: `
Dates come from the lists: Obsidian Tasks' ✅ 2026-11-28 or (read 2026-11-28) after an item, a table's
Date / Read on column, else a reading-log heading above the paper (## 2026-11, ### November 2026).
papers done --date (or "doneDates": true in .papers.json) writes the day as it marks a paper read.

Examples:
  $ papers log --since 2026-11-01
  $ papers log --calendar
  $ papers log --json | jq -r '.[] | "\\(.readOn) \\(.title)"'`,
  },
  {
    name: 'track',
    files: 'each',
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
    files: 'each',
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
    files: 'across',
    hot: 'list',
    description: 'the area tree (headings) with read/total per area: the names --area accepts',
    options: [{ flags: '--json', help: 'print the areas as JSON' }],
    help: `
Examples:
  $ papers areas
  $ papers areas --json | jq -r '.groups[].area'`,
  },
  {
    name: 'show',
    files: 'pick',
    hot: 'list',
    args: '[id]',
    description: 'everything known about one paper: title, venue, area, links, state, file:line, notes under it',
    options: [{ flags: '--json', help: 'print the paper as JSON' }],
    help: `
Examples:
  $ papers show rammer
  $ papers show 3 --json
  $ papers show                            (pick on a terminal)

${ID_HELP}`,
  },
  {
    name: 'next',
    files: 'across',
    hot: 'list',
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
    hot: 'list',
    files: 'pick',
    args: '[id]',
    description: "open the paper's link in the browser (prints it when there is no display or no terminal)",
    options: [
      {
        flags: '-l, --label <label>',
        help: 'the link with this label (e.g. Note); default: the Paper link, else the first link',
      },
      { flags: '-p, --print', help: 'only print the URL' },
      { flags: '--json', help: 'print the paper, the link and whether it was opened as JSON (opens nothing)' },
    ],
    help: `
Examples:
  $ papers open rammer
  $ papers open rammer --label Note
  $ papers open                            (pick on a terminal)

Relative links (notes/x.md) open as files beside the list. Only http(s) URLs and files inside the
list's folder (or its repository) are opened; any other link is refused: --print shows it.
${ID_HELP}`,
  },
  {
    name: 'edit',
    files: 'route',
    args: '<id>',
    description: "open the list in $VISUAL or $EDITOR at the paper's line",
    options: [],
    help: `
Examples:
  $ papers edit roller
  $ EDITOR="code -w" papers edit 5

vi, vim, nvim, nano, emacs, micro, kak and hx get +LINE; code and codium get -g FILE:LINE.
${ID_HELP}`,
  },
  {
    name: 'lint',
    files: 'each',
    description:
      'check the list: duplicates, missing links, broken checkboxes, mixed bullets, ... (exit 1 on problems)',
    options: [
      { flags: '--json', help: 'print the problems as JSON' },
      { flags: '--fix', help: 'apply the safe fixes (checkbox syntax, bullet markers) and show them' },
      { flags: '-n, --dry-run', help: 'with --fix: print the fixes as a diff; write nothing' },
      { flags: '--ignore <rule>', help: 'turn a rule off (repeat, or comma-separate)', parse: 'list' },
    ],
    help: `
Rules: duplicate, no-link, checkbox, venue, outside-area, mixed-bullets, missing-file, empty-area, counts

--fix writes the safe fixes (checkbox, mixed-bullets, counts) and then reports what is left; --fix --dry-run
shows the diff and the same report, with the same exit code (1 when problems are left).

Examples:
  $ papers lint
  $ papers lint --ignore no-link,venue
  $ papers lint --fix --dry-run`,
  },
  {
    name: 'undo',
    hot: 'mark',
    files: 'latest',
    description: 'revert the last change papers made to the list, if the file is still as papers left it',
    options: [
      { flags: '--list', help: 'show the journal of changes that can be undone, newest first' },
      { flags: '--json', help: 'print the result as JSON' },
    ],
    writes: ['force', 'breakHardlinks'],
    help: `
Examples:
  $ papers done roller && papers undo
  $ papers undo --list

The journal keeps the last 20 changes per file in $XDG_STATE_HOME/papers (~/.local/state/papers).`,
  },
  {
    name: 'completion',
    files: 'none',
    args: '[shell]',
    description: 'print a completion script for bash, zsh or fish',
    options: [{ flags: '--json', help: 'print what is completed (commands, options, their values) as JSON' }],
    help: `
Examples:
  $ source <(papers completion bash)          # in ~/.bashrc
  $ papers completion zsh > "\${fpath[1]}/_papers"
  $ papers completion fish > ~/.config/fish/completions/papers.fish
  $ papers completion --json | jq '.commands[].names[0]'`,
  },
  {
    name: 'sync',
    files: 'none',
    description: 'commit the list if it changed, git pull (merging it paper by paper) and git push',
    options: [],
    help: `
Examples:
  $ papers sync
  $ papers done roller && papers sync

The list is committed only as --commit would commit it (nothing else of it staged). A pull that stops
with conflicts leaves the repository in the middle of the merge and says so; see papers git setup.`,
  },
  {
    name: 'git',
    files: 'none',
    args: '<action>',
    description: 'papers git setup: make git merge the list paper by paper (its merge driver)',
    options: [
      {
        flags: '--global',
        help: "define the driver in your global git config (once per machine) instead of the repository's",
      },
    ],
    help: `
Examples:
  $ papers git setup             # .gitattributes + this clone's .git/config
  $ papers git setup --global    # the driver for every clone on this machine

Writes "/<list> merge=papers" to .gitattributes (commit it) and merge.papers.driver to git's config;
running it again changes nothing. Then both sides' read marks, notes and added papers are kept by
every git merge, and counts such as badges are recomputed.`,
  },
  {
    name: 'merge-driver',
    files: 'none',
    args: '<base> <ours> <theirs> [path]',
    description: "merge three versions of the list paper by paper into <ours> (git's %O %A %B %P)",
    options: [
      {
        flags: '--marker-size <n>',
        help: "the length of the conflict markers (git's %L; default 7); they show the base too when git's merge.conflictStyle is diff3",
      },
    ],
    help: `
git runs it (see papers git setup). Exit 0: merged; 1: papers that both sides changed in ways that do
not go together are between <<<<<<< and >>>>>>> markers (just those papers).`,
  },
  // Used by the completion scripts: ids or area names of the current list, one a line.
  { name: '__complete', hot: 'list', files: 'across', args: '<kind>', description: '', options: [], hidden: true },
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
