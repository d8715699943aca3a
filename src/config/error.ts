/** A setting papers cannot use (an environment variable or `.papers.json`): exit 2, JSON code `config`. */
import { EXIT_USAGE, PapersError } from '../core/model/errors.js';

export class ConfigError extends PapersError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}
