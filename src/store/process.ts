/** Processes on this machine, as the lock and the temp-file clean-up see them. */

/** Does a process with this pid exist (EPERM: it does, and is someone else's)? */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
