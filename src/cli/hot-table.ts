/**
 * The hot path's argument table, derived from the command table: for each command the hot path runs
 * (and its aliases), the flags and valued options it reads by hand, and the defaults commander would
 * fill in. A value with a parser (a year, a limit) or choices is read as commander reads it
 * (option-values.ts); one it cannot take (`--year 22`) sends the run to commander, which says what is
 * wrong. Options with a repeatable value or that must be given are left out: the hot path hands a run
 * that uses one to commander. scripts/build.mjs bakes this table into
 * dist/hot.cjs (so hot.cjs does not carry the whole command table); tests derive it the same way.
 */
import {
  COMMANDS,
  type CommandSpec,
  GLOBAL_OPTIONS,
  type HotBundle,
  type OptionSpec,
  optionKey,
  optionsOf,
} from './command-table.js';

export interface HotOptions {
  /** `--json` -> ['json', true]; `--no-color` -> ['color', false]. */
  flags: Record<string, [string, boolean]>;
  /** `-a` and `--area` -> 'area'. */
  valued: Record<string, string>;
  /** What commander sets when the option is not given. */
  defaults: Record<string, string | boolean | string[]>;
  /** The valued options whose value is checked, by key: a number (numberValue) or one of the choices. */
  checked: Record<string, HotCheck>;
}

export type HotCheck = { parse: 'year' | 'limit' } | { choices: readonly string[] };

export interface HotCommandEntry extends HotOptions {
  /** The command's own name (for an alias too). */
  name: string;
  bundle: HotBundle;
  /**
   * The positional arguments the hot path runs it with: `<id...>` or `[id...]` one or more ('many'; none
   * is a pick or a bulk choice, which main() runs); `[title-or-ref]` exactly one ('one'; none asks on a
   * terminal, which main() does); `[id] [url]` exactly two ('two'; fewer pick or ask on a terminal);
   * no arguments none.
   */
  positional: 'none' | 'one' | 'two' | 'many';
}

export interface HotTable {
  commands: Record<string, HotCommandEntry>;
  /** `ls` -> 'list' (an alias is not a second copy of its command's entry: hot.cjs carries the table). */
  aliases: Record<string, string>;
  globals: HotOptions;
}

export function hotTable(
  commands: readonly CommandSpec[] = COMMANDS,
  globals: readonly OptionSpec[] = GLOBAL_OPTIONS,
): HotTable {
  const table: HotTable = { commands: {}, aliases: {}, globals: hotOptions(globals) };
  for (const spec of commands) {
    if (!spec.hot) continue;
    const entry: HotCommandEntry = {
      name: spec.name,
      bundle: spec.hot,
      positional: positionalOf(spec),
      ...hotOptions(optionsOf(spec)),
    };
    table.commands[spec.name] = entry;
    for (const alias of spec.aliases ?? []) table.aliases[alias] = spec.name;
  }
  return table;
}

function positionalOf(spec: CommandSpec): HotCommandEntry['positional'] {
  if (spec.args === undefined) return 'none';
  if (/^[<[][\w-]+\.\.\.[>\]]$/.test(spec.args)) return 'many';
  if (/^[<[][\w-]+[>\]]$/.test(spec.args)) return 'one';
  if (/^\[[\w-]+\] \[[\w-]+\]$/.test(spec.args)) return 'two';
  throw new Error(`internal: the hot path reads no arguments like ${spec.args} (${spec.name})`);
}

function hotOptions(options: readonly OptionSpec[]): HotOptions {
  const out: HotOptions = { flags: {}, valued: {}, defaults: {}, checked: {} };
  for (const option of options) {
    const key = optionKey(option.flags);
    const negated = /--no-/.test(option.flags);
    if (option.default !== undefined) out.defaults[key] = option.default;
    else if (negated) out.defaults[key] = true;
    if (option.parse === 'list' || option.required) continue;
    const names = option.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
    const valued = /<[^>]+>/.test(option.flags);
    if (/\[[^\]]+\]/.test(option.flags)) continue;
    if (option.parse) out.checked[key] = { parse: option.parse };
    else if (option.choices) out.checked[key] = { choices: option.choices };
    for (const name of names) {
      if (valued) out.valued[name] = key;
      else out.flags[name] = [key, !negated];
    }
  }
  return out;
}
