import { PapersError } from '../core/model/errors.js';

/** A metadata source could not be reached or did not answer usefully: exit 1, one line. */
export class LookupError extends PapersError {}

/** The host could not be reached at all (offline, refused, timed out). */
export class UnreachableError extends LookupError {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`could not reach ${host} (${reason})`);
  }
}
