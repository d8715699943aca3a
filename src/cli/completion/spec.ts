/** What the completion scripts complete, read off the commander program so that they never drift. */
import type { Command, Option } from 'commander';

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
  /** The first argument is a paper id (`<id>`, `<id...>`), or a shell name. */
  argument: 'ids' | 'shells' | null;
}

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
  else if (long === '--area') values = 'areas';
  else if (long === '--file') values = 'files';
  return { short: option.short ?? null, long, takesValue, description: option.description, values };
}

function helpOption(): OptionSpec {
  return { short: '-h', long: '--help', takesValue: false, description: 'show help', values: null };
}

function argumentKind(command: Command): CommandSpec['argument'] {
  const first = command.registeredArguments[0]?.name();
  if (first === 'id') return 'ids';
  if (first === 'shell') return 'shells';
  return null;
}
