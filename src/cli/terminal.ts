/**
 * Whether this run may ask: its stdin and stderr are terminals (the run context's, so a run whose
 * streams are captured never asks). The questions themselves use the process's terminal. Its own file
 * so that the hot path can ask it without loading the prompts.
 */
export function isInteractive(io: { stdin?: { isTTY?: boolean }; stderr: { isTTY?: boolean } }): boolean {
  return Boolean((io.stdin ?? process.stdin).isTTY && io.stderr.isTTY);
}
