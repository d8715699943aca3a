/**
 * What the store is told rather than reads for itself (src/config reads the environment; the CLI
 * passes these down): nothing in src/store reads settings of its own.
 */
export interface StoreSettings {
  /** The largest list read, in bytes. */
  maxFileBytes: number;
  /** How long to wait for another papers on the same list. */
  lockTimeoutMs: number;
  /** How long a file must be unmodified before papers edits it, and how long to wait for that. */
  settleMs: number;
  settleTimeoutMs: number;
  /** papers' private state directory (the undo journal, the record of its own writes). */
  stateDir: string;
}

/** Hooks a test injects through the run context (bin/ never sets them). */
export interface WriteHooks {
  /**
   * Called between writing the temp file and the final check before the rename: a test changes the
   * list or takes the lock here to drive a race, instead of sleeping.
   */
  beforeRename?: (temp: string) => void | Promise<void>;
  /**
   * Called when a list's path has been examined (links judged, the final name lstat-ed), before the file
   * is opened or its path handed to the write: a test swaps a link in here to drive the race.
   */
  afterTargetResolved?: (real: string) => void;
  /** The clock for "still for a while" (a test moves it on instead of waiting). */
  now?: () => number;
}
