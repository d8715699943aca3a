/**
 * The line merge git itself does, for a list the merge by paper cannot take: `git merge-file` writes
 * the result (with conflict markers) into the ours file. Its status is the number of conflicts.
 */
import { dirname } from 'node:path';
import { git } from './run.js';

export interface LineMerge {
  conflicts: number;
  /** Set when git could not merge at all. */
  error?: string;
}

export function mergeFileAsGit(
  base: string,
  ours: string,
  theirs: string,
  labels: { ours: string; base: string; theirs: string },
  env: NodeJS.ProcessEnv,
  style: { markerSize?: number; diff3?: boolean } = {},
): LineMerge {
  const result = git(dirname(ours), env, [
    'merge-file',
    ...(style.markerSize === undefined ? [] : [`--marker-size=${style.markerSize}`]),
    ...(style.diff3 ? ['--diff3'] : []),
    '-L',
    labels.ours,
    '-L',
    labels.base,
    '-L',
    labels.theirs,
    '--',
    ours,
    base,
    theirs,
  ]);
  if (result.status < 0 || result.status > 127)
    return { conflicts: 0, error: result.stderr || 'git merge-file failed' };
  return { conflicts: result.status };
}
