/**
 * `papers merge-driver <base> <ours> <theirs> [path]`: what git runs to merge the list (`%O %A %B %P`,
 * see `papers git setup`). The merge by paper (core/merge) is written to <ours>; exit 0 when it is
 * clean, 1 when papers conflict (each between git's markers). A list it cannot merge so (not UTF-8, a
 * merge that does not read back as both sides meant) is merged line by line by `git merge-file`, as
 * git would have, and it says so.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FileError, UsageError } from '../../core/model/errors.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { listParser } from './git-setup.js';

export async function runMergeDriver(
  ctx: CommandContext,
  basePath: string,
  oursPath: string,
  theirsPath: string,
  name: string | undefined,
  options: { markerSize?: string } = {},
): Promise<void> {
  // git's %L, and its merge.conflictStyle: the markers look as git's own would.
  if (options.markerSize !== undefined && !/^[1-9]\d{0,2}$/.test(options.markerSize))
    throw new UsageError(`--marker-size takes the length of git's conflict markers (%L), not "${options.markerSize}"`);
  const markerSize = options.markerSize === undefined ? undefined : Number(options.markerSize);
  // git is asked for its conflict style only when a conflict is written: a clean merge (the usual one)
  // needs none, and running git costs the merge ~15 ms.
  const { conflictsShowBase } = await import('../../git/run.js');
  let showBase: boolean | undefined;
  const diff3 = (): boolean => (showBase ??= conflictsShowBase(ctx.cwd, ctx.env));
  const [base, ours, theirs] = [basePath, oursPath, theirsPath].map((path) => resolve(ctx.cwd, path)) as [
    string,
    string,
    string,
  ];
  const shown = sanitize(name ?? oursPath);
  const bytes = [base, ours, theirs].map((path) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new FileError(`cannot read ${path}: ${(error as Error).message}`);
    }
  });
  let reason = 'it is not UTF-8 text';
  if (bytes.every((data) => isUtf8(data))) {
    const { mergeLists } = await import('../../core/merge/merge-list.js');
    const [baseText, oursText, theirsText] = bytes.map((data) => data.toString('utf8')) as [string, string, string];
    const parse = await listParser(ctx, name ?? ours);
    let outcome: ReturnType<typeof mergeLists>;
    try {
      outcome = mergeLists({
        base: baseText,
        ours: oursText,
        theirs: theirsText,
        parse,
        get diff3() {
          return diff3();
        },
        ...(markerSize === undefined ? {} : { markerSize }),
      });
    } catch (error) {
      // A bug must not cost a side its changes: git's own merge instead, and say why.
      outcome = { merged: false, reason: `papers failed (${(error as Error).message})` };
    }
    if (outcome.merged) {
      if (outcome.text !== oursText) writeFileSync(ours, outcome.text);
      const { added, removed, marked, counts } = outcome.summary;
      const brought = [
        marked ? `${marked} marked` : '',
        added ? `${added} added` : '',
        removed ? `${removed} removed` : '',
        counts ? `${counts} count${counts === 1 ? '' : 's'} recomputed` : '',
      ].filter(Boolean);
      const conflicts = outcome.conflicts.length + outcome.textConflicts;
      if (conflicts === 0) {
        ctx.stderr.write(`papers: merged ${shown} paper by paper${brought.length ? ` (${brought.join(', ')})` : ''}\n`);
        return;
      }
      for (const conflict of outcome.conflicts)
        ctx.stderr.write(`papers: ${shown}: conflict on "${sanitize(conflict.title)}": ${sanitize(conflict.why)}\n`);
      if (outcome.textConflicts)
        ctx.stderr.write(
          `papers: ${shown}: ${outcome.textConflicts} conflict${outcome.textConflicts === 1 ? '' : 's'} in the text between papers\n`,
        );
      ctx.stderr.write(
        `papers: ${shown}: the rest merged paper by paper; resolve what is between <<<<<<< and >>>>>>>, then git add ${shown}\n`,
      );
      ctx.exitCode = 1;
      return;
    }
    reason = outcome.reason;
  }
  const { mergeFileAsGit } = await import('../../git/merge-file.js');
  const merged = mergeFileAsGit(base, ours, theirs, { ours: 'ours', base: 'base', theirs: 'theirs' }, ctx.env, {
    diff3: diff3(),
    ...(markerSize === undefined ? {} : { markerSize }),
  });
  if (merged.error) throw new FileError(`${shown}: git merge-file failed: ${merged.error}`);
  ctx.stderr.write(
    `papers: ${shown} was merged line by line, as git merges (not paper by paper: ${sanitize(reason)})\n`,
  );
  if (merged.conflicts > 0) ctx.exitCode = 1;
}
