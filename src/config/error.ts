/**
 * A setting papers cannot use. JSON code `config` either way; the exit code says whose it is: a
 * variable of the environment the user set is what they typed (`ConfigError`, exit 2, as a usage error);
 * a `.papers.json` is bad data from a file (`ConfigFileError`, exit 1), whoever wrote it (a cloned
 * repository's file was not typed by the user). Both messages name the file or variable and the setting.
 */
import { EXIT_FAILURE, EXIT_USAGE, PapersError } from '../core/model/errors.js';

export class ConfigError extends PapersError {
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message, exitCode);
  }
}

/** A `.papers.json` that cannot be read or does not follow the schema: exit 1. */
export class ConfigFileError extends ConfigError {
  constructor(message: string) {
    super(message, EXIT_FAILURE);
  }
}
