/** What the completion scripts complete, read off the commander program so that they never drift. */
import type { Command, Option } from 'commander';
import { RULES } from '../../core/query/lint.js';
import { SORTS } from '../commands/list.js';
import { COLUMNS } from '../output/papers-table.js';

/** Values of options that take one of a few words without commander's choices (they are checked by the command). */
const VALUES: Record<string, readonly string[]> = {
  '--sort': SORTS,
  '--to': ['table', 'list'],
  '--ignore': RULES,
  '--columns': COLUMNS,
};

export interface OptionSpec {
  short: string | null;
  long: string | null;
  takesValue: boolean;
  description: string;
  /** Fixed values (`--by area|venue|year`), or what to complete: areas, files. */
  values: string[] | 'areas' | 'files' | null;
}

export interface CommandSpec {
  names: string[];
  description: string;
  options: OptionSpec[];
  /**
   * The first argument is a paper id (`<id>`, `[id...]`): any (`ids`), one not read yet (`unread`, for
   * done and reading), one read (`read`, for undone); or a shell name.
   */
  argument: IdKind | 'shells' | null;
}

export type IdKind = 'ids' | 'unread' | 'read';

export interface CompletionSpec {
  globals: OptionSpec[];
  commands: CommandSpec[];
}

export function completionSpec(program: Command): CompletionSpec {
  return {
    globals: [...program.options.map(optionSpec), helpOption()],
    commands: program.commands
      .filter((command) => !command.name().startsWith('_'))
      .map((command) => ({
        names: [command.name(), ...command.aliases()],
        description: command.description(),
        options: [...command.options.map(optionSpec), helpOption()],
        argument: argumentKind(command),
      })),
  };
}

function optionSpec(option: Option): OptionSpec {
  const long = option.long ?? null;
  const takesValue = option.required || option.optional;
  let values: OptionSpec['values'] = null;
  if (option.argChoices?.length) values = option.argChoices;
  else if (long !== null && VALUES[long]) values = [...VALUES[long]];
  else if (long === '--area') values = 'areas';
  else if (long === '--file') values = 'files';
  return { short: option.short ?? null, long, takesValue, description: option.description, values };
}

function helpOption(): OptionSpec {
  return { short: '-h', long: '--help', takesValue: false, description: 'show help', values: null };
}

/** The commands that change a paper's state offer only the papers they would change. */
const ID_KINDS: Record<string, IdKind> = { done: 'unread', reading: 'unread', undone: 'read' };

function argumentKind(command: Command): CommandSpec['argument'] {
  const first = command.registeredArguments[0]?.name();
  if (first === 'id') return ID_KINDS[command.name()] ?? 'ids';
  if (first === 'shell') return 'shells';
  return null;
}
