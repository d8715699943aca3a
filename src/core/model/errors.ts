/**
 * Errors the core returns for expected problems. The CLI turns each into one line on stderr and an exit
 * code in one place; anything else is a bug and shows a stack only with --debug / DEBUG=papers.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** The user stopped a question with Ctrl-C or Ctrl-D (128 + SIGINT, as shells report it). */
export const EXIT_CANCELLED = 130;

export class PapersError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** The command line itself is wrong: a missing argument, an unknown option, an invalid value. */
export class UsageError extends PapersError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/**
 * A refusal that rests on one paper alone (add's "this paper is in the list already"): it holds as long as
 * that paper reads as the model says, which a parse of the part holding `span` confirms (a refusal made on
 * a cached model needs no parse of the whole text: store/transaction.ts).
 */
export class OnePaperRefusal extends PapersError {
  constructor(
    message: string,
    readonly span: { start: number; end: number },
  ) {
    super(message);
  }
}

/** No paper (or area) matches what the user named. */
export class NotFoundError extends PapersError {}

/** Several papers match what the user named. */
export class AmbiguousError extends PapersError {}

/** A title, URL or other value the user gave cannot be written. */
export class InvalidInputError extends PapersError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/** The list file cannot be read or written. */
export class FileError extends PapersError {}

/** A broken invariant in papers itself (a bug), never a problem with the user's file or input. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

/**
 * An area that does not exist, named a few typing mistakes from ones that do (`add`/`mv` without --create).
 * `wanted` and `similar` are areas of the list; `file` names the list in a repository of several, where
 * the message gives the names as `--area` takes them there (`b.md/Net`).
 */
export class NearMissAreaError extends NotFoundError {
  constructor(
    readonly wanted: string,
    readonly similar: string[],
    readonly file?: string,
  ) {
    const named = (area: string) => `"${file === undefined ? area : `${file}/${area}`}"`;
    super(
      `no area "${wanted}"${file === undefined ? '' : ` in ${file}`}; did you mean ${similar.map(named).join(' or ')}? Pass --create to make ${named(wanted)} a new area`,
    );
  }
}

/** The user stopped at a prompt (Ctrl-C, Ctrl-D): nothing was written, and nothing more to say. */
export class CancelledError extends PapersError {
  constructor() {
    super('cancelled; nothing was written', EXIT_CANCELLED);
  }
}
