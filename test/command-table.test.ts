/**
 * One command table (src/cli/command-table.ts), two parsers: commander's program (built from the table
 * by main.ts) and the hot path's reader (src/cli/hot.ts, with the argument table hot-table.ts derives
 * from it). A table of argv -> parsed options runs through both: if either loses an option, or the
 * command table does, a row fails.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, GLOBAL_OPTIONS, optionKey, optionsOf } from '../src/cli/command-table.js';
import { createRun } from '../src/cli/context.js';
import { readArguments } from '../src/cli/hot.js';
import { hotTable } from '../src/cli/hot-table.js';
import { type Action, buildProgram } from '../src/cli/main.js';
import { tempDir } from './helpers.js';

interface Parsed {
  command: string;
  globals: Record<string, unknown>;
  options: Record<string, unknown>;
  args: string[];
}

const GLOBAL_KEYS = GLOBAL_OPTIONS.map((option) => optionKey(option.flags));
const pick = (from: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));

/** What commander's program makes of `argv` (the action is replaced by one that records its call). */
async function viaCommander(argv: string[]): Promise<Parsed> {
  let parsed: Parsed | null = null;
  const actions = Object.fromEntries(
    COMMANDS.map((spec): [string, Action] => [
      spec.name,
      async (ctx, args, options) => {
        parsed = {
          command: spec.name,
          globals: pick(ctx.globals as unknown as Record<string, unknown>, GLOBAL_KEYS),
          options,
          // (an optional argument left out comes as undefined)
          args: args.flat().filter((arg) => arg !== undefined) as string[],
        };
      },
    ]),
  );
  const sink = { write: () => true };
  const run = createRun({ argv, env: {}, cwd: tempDir(), stdout: sink, stderr: sink });
  await buildProgram(run, actions).parseAsync(['node', 'papers', ...argv]);
  if (parsed === null) throw new Error(`commander ran no command for ${argv.join(' ')}`);
  return parsed;
}

/** What the hot path makes of `argv` (null: it hands the run to commander). */
function viaHot(argv: string[]): Parsed | null {
  const call = readArguments(argv, hotTable());
  if (call === null || !('bundle' in call)) return null;
  return {
    command: call.command,
    globals: call.globals as unknown as Record<string, unknown>,
    options: call.options,
    args: call.args,
  };
}

const COLOR = { color: true };

/** argv -> what both parsers must give (the hot path for list, ls, done and undone in their plain forms). */
const ROWS: [string[], Parsed][] = [
  [['list'], { command: 'list', globals: COLOR, options: {}, args: [] }],
  [['ls', '--unread'], { command: 'list', globals: COLOR, options: { unread: true }, args: [] }],
  [['list', '--read', '--json'], { command: 'list', globals: COLOR, options: { read: true, json: true }, args: [] }],
  [['ls', '--reading'], { command: 'list', globals: COLOR, options: { reading: true }, args: [] }],
  [
    ['list', '-a', 'MLSys', '--venue', 'OSDI'],
    { command: 'list', globals: COLOR, options: { area: 'MLSys', venue: 'OSDI' }, args: [] },
  ],
  [
    ['list', '--area=A/B', '--venue=osdi22'],
    { command: 'list', globals: COLOR, options: { area: 'A/B', venue: 'osdi22' }, args: [] },
  ],
  [
    ['list', '-s', 'graph', '--columns', 'id,title'],
    { command: 'list', globals: COLOR, options: { search: 'graph', columns: 'id,title' }, args: [] },
  ],
  [
    ['list', '--search=x', '--format', '{id}', '--sort', 'year'],
    { command: 'list', globals: COLOR, options: { search: 'x', format: '{id}', sort: 'year' }, args: [] },
  ],
  [
    ['-f', 'a.md', 'list', '--no-color'],
    { command: 'list', globals: { color: false, file: 'a.md' }, options: {}, args: [] },
  ],
  [
    ['list', '--file=b.md', '--debug', '--commit'],
    { command: 'list', globals: { color: true, file: 'b.md', debug: true, commit: true }, options: {}, args: [] },
  ],
  [['done', 'rammer'], { command: 'done', globals: COLOR, options: {}, args: ['rammer'] }],
  [['undone', 'rammer', '--date'], { command: 'undone', globals: COLOR, options: { date: true }, args: ['rammer'] }],
  [
    ['done', 'rammer', '12', '--json', '--force'],
    { command: 'done', globals: COLOR, options: { json: true, force: true }, args: ['rammer', '12'] },
  ],
  [
    ['undone', '-n', 'x', '--break-hardlinks'],
    { command: 'undone', globals: COLOR, options: { dryRun: true, breakHardlinks: true }, args: ['x'] },
  ],
  [
    ['reading', 'x', 'y', '--json', '-n'],
    { command: 'reading', globals: COLOR, options: { json: true, dryRun: true }, args: ['x', 'y'] },
  ],
  [
    ['done', 'x', '-a', 'A', '--venue', 'V', '-s', 's', '--all', '-y'],
    {
      command: 'done',
      globals: COLOR,
      options: { area: 'A', venue: 'V', search: 's', all: true, yes: true },
      args: ['x'],
    },
  ],
  [
    ['--commit', 'undone', 'x', '--dry-run'],
    { command: 'undone', globals: { color: true, commit: true }, options: { dryRun: true }, args: ['x'] },
  ],
  [
    ['done', 'x', '--follow-links'],
    { command: 'done', globals: { color: true, followLinks: true }, options: {}, args: ['x'] },
  ],
  [
    ['add', 'T', '--no-cache', '-a', 'A', '--top'],
    { command: 'add', globals: COLOR, options: { cache: false, area: 'A', top: true }, args: ['T'] },
  ],
  [
    ['add', 'Orca: Serving', '--area=MLSys/LLM', '--venue', "OSDI'22", '--paper', 'https://x.org/o.pdf', '--read'],
    {
      command: 'add',
      globals: COLOR,
      options: { cache: true, area: 'MLSys/LLM', venue: "OSDI'22", paper: 'https://x.org/o.pdf', read: true },
      args: ['Orca: Serving'],
    },
  ],
  [
    ['--commit', 'add', '2206.15472', '--title', 'T', '--note', 'n.md', '--create', '--force', '-n', '--json'],
    {
      command: 'add',
      globals: { color: true, commit: true },
      options: { cache: true, title: 'T', note: 'n.md', create: true, force: true, dryRun: true, json: true },
      args: ['2206.15472'],
    },
  ],
  [
    ['add', '--lookup', 'roller tensor', '-a', 'A', '--break-hardlinks', 'x'],
    {
      command: 'add',
      globals: COLOR,
      options: { cache: true, lookup: 'roller tensor', area: 'A', breakHardlinks: true },
      args: ['x'],
    },
  ],
  // Checked values (a year, a limit, a choice), read alike by both.
  [
    ['list', '--year', '2022', '--limit', '3'],
    { command: 'list', globals: COLOR, options: { year: 2022, limit: 3 }, args: [] },
  ],
  [['done', 'x', '--year=2022'], { command: 'done', globals: COLOR, options: { year: 2022 }, args: ['x'] }],
  // note and undo (hot-mark.cjs).
  [
    ['note', 'x', 'https://x.org'],
    { command: 'note', globals: COLOR, options: { label: 'Note' }, args: ['x', 'https://x.org'] },
  ],
  [
    ['note', 'x', 'notes/x.md', '-l', 'Slides', '--force', '-n', '--json', '--break-hardlinks'],
    {
      command: 'note',
      globals: COLOR,
      options: { label: 'Slides', force: true, dryRun: true, json: true, breakHardlinks: true },
      args: ['x', 'notes/x.md'],
    },
  ],
  [
    ['rm', 'x', 'y', '-y', '-n', '--json', '--force', '--break-hardlinks'],
    {
      command: 'rm',
      globals: COLOR,
      options: { yes: true, dryRun: true, json: true, force: true, breakHardlinks: true },
      args: ['x', 'y'],
    },
  ],
  [
    ['rm', 'x', '-a', 'A', '--all', '--venue', 'V', '--year', '2022', '-s', 's', '--yes', '--dry-run'],
    {
      command: 'rm',
      globals: COLOR,
      options: { area: 'A', all: true, venue: 'V', year: 2022, search: 's', yes: true, dryRun: true },
      args: ['x'],
    },
  ],
  [['undo'], { command: 'undo', globals: COLOR, options: {}, args: [] }],
  [['__complete', 'ids'], { command: '__complete', globals: COLOR, options: {}, args: ['ids'] }],
  [
    ['undo', '--list', '--json', '--force', '--break-hardlinks'],
    {
      command: 'undo',
      globals: COLOR,
      options: { list: true, json: true, force: true, breakHardlinks: true },
      args: [],
    },
  ],
  // The other commands that read the list and change nothing (hot-list.cjs).
  [['stats'], { command: 'stats', globals: COLOR, options: { by: 'area' }, args: [] }],
  [['stats', '--by', 'month'], { command: 'stats', globals: COLOR, options: { by: 'month' }, args: [] }],
  [['stats', '--json'], { command: 'stats', globals: COLOR, options: { by: 'area', json: true }, args: [] }],
  [['log'], { command: 'log', globals: COLOR, options: {}, args: [] }],
  [['open', 'rammer'], { command: 'open', globals: COLOR, options: {}, args: ['rammer'] }],
  [
    ['open', 'rammer', '--label', 'Note', '--print', '--json'],
    { command: 'open', globals: COLOR, options: { label: 'Note', print: true, json: true }, args: ['rammer'] },
  ],
  [
    ['open', '-p', '-l', 'Note', 'rammer'],
    { command: 'open', globals: COLOR, options: { label: 'Note', print: true }, args: ['rammer'] },
  ],
  [
    ['log', '--since', '2026-11', '--calendar', '--json'],
    { command: 'log', globals: COLOR, options: { since: '2026-11', calendar: true, json: true }, args: [] },
  ],
  [['areas', '--json'], { command: 'areas', globals: COLOR, options: { json: true }, args: [] }],
  [['show', 'x', '--json'], { command: 'show', globals: COLOR, options: { json: true }, args: ['x'] }],
  [
    ['next', '-a', 'MLSys', '--venue', 'OSDI', '-r', '--json'],
    { command: 'next', globals: COLOR, options: { area: 'MLSys', venue: 'OSDI', random: true, json: true }, args: [] },
  ],
  [
    ['next', '--area', 'A', '--random'],
    { command: 'next', globals: COLOR, options: { area: 'A', random: true }, args: [] },
  ],
];

/** Forms the hot path leaves to commander, and what commander makes of them. */
const COMMANDER_ONLY: [string[], Parsed][] = [
  [['done', '--', '-x'], { command: 'done', globals: COLOR, options: {}, args: ['-x'] }],
  // An option whose value may be left out is commander's to read.
  [
    ['done', 'x', '--date', '2026-11-28'],
    { command: 'done', globals: COLOR, options: { date: '2026-11-28' }, args: ['x'] },
  ],
  [['done', 'x', '--date'], { command: 'done', globals: COLOR, options: { date: true }, args: ['x'] }],
  [
    ['done', '--area', 'A', '--all', '--year', '2022'],
    { command: 'done', globals: COLOR, options: { area: 'A', all: true, year: 2022 }, args: [] },
  ],
  // note with its id alone asks for the URL on a terminal.
  [['note', 'x'], { command: 'note', globals: COLOR, options: { label: 'Note' }, args: ['x'] }],
  // add without a title asks on a terminal: commander's path.
  [['add', '-a', 'A'], { command: 'add', globals: COLOR, options: { cache: true, area: 'A' }, args: [] }],
  // show without an id is a pick on a terminal.
  [['show'], { command: 'show', globals: COLOR, options: {}, args: [] }],
  [
    ['lint', '--ignore', 'a,b', '--ignore', 'c'],
    { command: 'lint', globals: COLOR, options: { ignore: ['a', 'b', 'c'] }, args: [] },
  ],
  [
    ['convert', '--to', 'table', '-n'],
    { command: 'convert', globals: COLOR, options: { to: 'table', dryRun: true }, args: [] },
  ],
];

describe('argv -> options, through both parsers', () => {
  it.each(ROWS)('%j', async (argv, expected) => {
    expect(await viaCommander(argv)).toEqual(expected);
    expect(viaHot(argv)).toEqual(expected);
  });

  it.each(COMMANDER_ONLY)('%j (commander only)', async (argv, expected) => {
    expect(await viaCommander(argv)).toEqual(expected);
    expect(viaHot(argv)).toBeNull();
  });

  it('every command that writes the list offers --force (the damaged-file refusal tells the user to use it) and --break-hardlinks', () => {
    const writers = COMMANDS.filter((command) => (command.writes ?? []).length > 0);
    expect(writers.map((command) => command.name)).toEqual(expect.arrayContaining(['done', 'add', 'import', 'undo']));
    for (const command of writers)
      for (const flag of ['--force', '--break-hardlinks'])
        expect(
          optionsOf(command).some((option) => option.flags === flag),
          `${command.name} ${flag}`,
        ).toBe(true);
  });

  it('every option of a hot command is in a row above (a table that loses one fails)', () => {
    const rows = [...ROWS, ...COMMANDER_ONLY].filter(([argv]) =>
      COMMANDS.filter((c) => c.hot)
        .flatMap((c) => [c.name, ...(c.aliases ?? [])])
        .some((name) => argv.includes(name)),
    );
    const used = new Set(
      rows.flatMap(([argv]) => argv.filter((arg) => arg.startsWith('-')).map((arg) => arg.split('=')[0]!)),
    );
    for (const spec of COMMANDS.filter((command) => command.hot)) {
      for (const option of [...optionsOf(spec), ...GLOBAL_OPTIONS]) {
        const names = option.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
        expect(
          names.some((name) => used.has(name)),
          `${spec.name} ${option.flags}`,
        ).toBe(true);
      }
    }
  });

  it('every option of every command reaches commander as the table says, and the hot path agrees or declines', async () => {
    for (const spec of COMMANDS) {
      const required = (spec.args ?? '')
        .split(' ')
        .filter((arg) => arg.startsWith('<'))
        .map(() => 'x');
      for (const option of optionsOf(spec)) {
        const long = /--[\w-]+/.exec(option.flags)?.[0];
        if (!long) continue;
        const valued = /<[^>]+>/.test(option.flags);
        const value = option.parse === 'year' ? '2020' : option.parse === 'limit' ? '5' : (option.choices?.[0] ?? 'v');
        const extra = option.required || !spec.options.some((other) => other.required) ? [] : ['--to', 'table'];
        const argv = [spec.name, ...required, long, ...(valued ? [value] : []), ...extra];
        const key = optionKey(option.flags);
        const expected = !valued
          ? !long.startsWith('--no-')
          : option.parse === 'list'
            ? [value]
            : option.parse
              ? Number(value)
              : value;
        const parsed = await viaCommander(argv);
        expect(parsed.options[key], argv.join(' ')).toEqual(expected);
        const hot = viaHot(argv);
        if (hot !== null) expect(hot, argv.join(' ')).toEqual(parsed);
      }
    }
  });
});
