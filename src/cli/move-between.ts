/**
 * A paper moved to another list of a repository (`papers mv id --area other.md/Area`), and `undo` of such a
 * move: both files change together (store/move-between.ts: both locked, written atomically, the file that
 * gains the paper first; both journaled under one token, which `undo` restores together).
 */
import type { ListOfRepository } from '../config/index.js';
import { FileError, NotFoundError } from '../core/model/errors.js';
import type { ListDocument, Paper } from '../core/model/paper.js';
import type { Change } from '../core/write/change.js';
import { movePaperBetween } from '../core/write/operations.js';
import { applyEdits, changedRegion, mapOffset } from '../core/write/splice.js';
import { resolvePaper } from '../core/query/query.js';
import { charactersRestored, type JournalEntry, lastChanges, popChange, textBefore } from '../store/journal.js';
import { runPairTransaction } from '../store/move-between.js';
import { writeTarget } from '../store/read.js';
import { type CommandContext, printJson } from './context.js';
import { type MutationOptions, showDryRun } from './mutate.js';
import { sanitize, sanitizeLines, undoneLines } from './output/sanitize.js';

export interface MoveOptions extends MutationOptions {
  create?: boolean;
}

/**
 * Moves the papers `localIds` of `from` to `area` of `to` (an area of that file, `/` for its top), one
 * after the other in one change of the two files: a paper that cannot go (it has sub-notes a table row
 * cannot hold, say) stops them all before anything is written, and `undo` takes them all back.
 */
export async function moveToList(
  ctx: CommandContext,
  from: ListOfRepository,
  localIds: readonly string[],
  to: ListOfRepository,
  area: string,
  options: MoveOptions,
  /** Plan the move on both files as they are now and write nothing, print nothing (refusals still throw). */
  checkOnly = false,
): Promise<void> {
  const { checkMoveReadsBack, checkPapersKept, refuseMove, renderMovedItem } = await import('../core/write/add.js');
  const { parseDocument } = await import('../core/read/parse.js');
  // Each file read as the store reads it: with the user's reading rules for it (.papers.json formats).
  const parseFrom = (text: string) => parseDocument(text, { rules: from.formats });
  const parseTo = (text: string) => parseDocument(text, { rules: to.formats });
  const moveOne = (source: ListDocument, paper: Paper, target: ListDocument): [Change, Change] => {
    const { removal, insertion } = movePaperBetween(
      source,
      paper,
      target,
      area,
      to.label,
      options.create === true,
      (...args) => renderMovedItem(...args, parseTo),
    );
    // Its new place must read back as the same paper (the target file may write it in another form).
    checkMoveReadsBack(target, insertion, paper, parseTo);
    checkPapersKept(target, insertion.edits, { gained: paper }, parseTo, () => refuseMove(paper.title));
    checkPapersKept(source, removal.edits, { lost: paper }, parseFrom, () => refuseMove(paper.title));
    return [removal, insertion];
  };
  const result = await runPairTransaction({
    files: [
      { path: from.path, rules: from.formats },
      { path: to.path, rules: to.formats },
    ],
    // The file that gains the paper is written first: a failure leaves it in both, never in neither.
    firstWrite: 1,
    plan: ([source, target]) => movedInSequence(source, target, localIds, moveOne, [parseFrom, parseTo]),
    settings: ctx.settings,
    models: ctx.models,
    hooks: ctx.hooks,
    ...(ctx.globals.followLinks ? { followLinks: true } : {}),
    ...(options.dryRun || checkOnly ? { dryRun: true } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.breakHardlinks ? { breakHardlinks: true } : {}),
  });
  if (checkOnly) return;
  for (const side of result.sides) if (side.write) ctx.writes.push(side.write);
  const message = result.sides[1].change.message;
  if (options.json) {
    printJson(ctx, {
      message,
      dryRun: options.dryRun === true,
      files: result.sides.map((side) => ({ file: side.path, changed: result.written })),
    });
    return;
  }
  if (options.dryRun) {
    for (const side of result.sides) await showDryRun(ctx, options, side);
    return;
  }
  ctx.stdout.write(`${sanitizeLines(message)}\n`);
}

/**
 * Papers of `source` moved to `target` one after the other, as one change of each file (the moves of
 * several papers within one list do the same: commands/sequence.ts). Every id is looked up in the list
 * as it was; each paper is found again by where its checkbox went after the moves before it.
 */
function movedInSequence(
  source: ListDocument,
  target: ListDocument,
  localIds: readonly string[],
  moveOne: (source: ListDocument, paper: Paper, target: ListDocument) => [Change, Change],
  /** How each file is read (its own reading rules). */
  [parseFrom, parseTo]: readonly [(text: string) => ListDocument, (text: string) => ListDocument],
): [Change, Change] {
  const papers = [...new Set(localIds.map((id) => resolvePaper(source.papers, id)))];
  if (papers.length === 1) return moveOne(source, papers[0]!, target);
  const keys = papers.map((paper) => paper.checkbox.start);
  let [from, to] = [source, target];
  const steps: [Change, Change][] = [];
  for (let i = 0; i < papers.length; i++) {
    const paper = from.papers.find((candidate) => candidate.checkbox.start === keys[i]);
    if (!paper)
      throw new NotFoundError(
        `"${papers[i]!.title}" is no paper once the papers before it moved (the list then reads otherwise); nothing was moved: move it in a command of its own`,
      );
    const step = moveOne(from, paper, to);
    steps.push(step);
    for (let k = i + 1; k < keys.length; k++) keys[k] = mapOffset(step[0].edits, keys[k]!);
    [from, to] = [parseFrom(applyEdits(from.text, step[0].edits)), parseTo(applyEdits(to.text, step[1].edits))];
  }
  // (The papers taken out of `source`, as they were there: the damaged-file count of the next write finds
  // them in it by their spans, which later steps' documents have moved.)
  const whole = (side: 0 | 1, before: ListDocument, after: ListDocument): Change => {
    const changes = steps.map((step) => step[side]);
    let touched: number[] = [];
    for (const change of changes)
      touched = [...touched.map((offset) => mapOffset(change.edits, offset)), ...change.touched];
    const deltas = changes.map((change) => change.delta);
    return {
      edits: [changedRegion(before.text, after.text)],
      message: changes.map((change) => change.message).join('\n'),
      createdAreas: changes.flatMap((change) => change.createdAreas),
      touched,
      removed: side === 0 ? papers : [],
      ...(deltas.every((delta) => delta !== undefined)
        ? {
            delta: deltas.reduce((sum, delta) => ({ total: sum.total + delta.total, read: sum.read + delta.read }), {
              total: 0,
              read: 0,
            }),
          }
        : {}),
    };
  };
  return [whole(0, source, from), whole(1, target, to)];
}

/**
 * `undo` when the newest change papers made in the repository was to two lists at once (JournalEntry.group):
 * both files are put back together, each only if it is still as papers left it ('both'). `alone` when only
 * `list` holds its half (the other write never happened); false when `list`'s newest change is no such
 * change: the caller undoes it in `list` alone.
 */
export async function undoMoveBetween(
  ctx: CommandContext,
  lists: readonly ListOfRepository[],
  list: ListOfRepository,
  json: boolean,
  options: {
    /** Write even when a file looks damaged (see refuseIfDamaged). */
    force: boolean;
    /** Replace files that have other hard links. */
    breakHardlinks: boolean;
  },
): Promise<'both' | 'alone' | false> {
  const { stateDir } = ctx.settings;
  const changes = (of: ListOfRepository) => lastChanges(stateDir, writeTarget(of.path));
  const entry = changes(list)[0];
  if (entry?.group === undefined) return false;
  const other = lists.find((candidate) => candidate !== list && changes(candidate)[0]?.group === entry.group);
  if (!other) {
    // Only this file was written (the move failed half way and could not be put back): undone alone.
    if (!lists.some((candidate) => changes(candidate).some((change) => change.group === entry.group))) return 'alone';
    throw new NotFoundError(
      `the last change to ${list.label} ("${entry.message}") changed another list too, which papers has changed again since; undo that first (papers --file <list> undo), or fix the files by hand`,
    );
  }
  const pair = [list, other] as const;
  const entries: JournalEntry[] = [entry, changes(other)[0]!];
  const restore = (doc: ListDocument, i: number): Change => {
    const before = textBefore(entries[i]!, doc.text);
    if (before === null)
      throw new FileError(
        `${pair[i]!.label} was changed after papers last wrote it ("${entries[i]!.message}", ${entries[i]!.time}); undo would lose those edits, so nothing was changed`,
      );
    return {
      edits: [{ start: 0, end: doc.text.length, text: before }],
      message: `Undid: ${entries[i]!.message}`,
      createdAreas: [],
      touched: [],
      removed: [],
      papersAfter: entries[i]!.papersBefore ?? null,
    };
  };
  // The file that gets more text back is written first (the paper's old place, for a move).
  const gains = (i: number) => charactersRestored(entries[i]!);
  const result = await runPairTransaction({
    files: [
      { path: pair[0].path, rules: pair[0].formats },
      { path: pair[1].path, rules: pair[1].formats },
    ],
    firstWrite: gains(0) >= gains(1) ? 0 : 1,
    plan: (docs) => [restore(docs[0], 0), restore(docs[1], 1)],
    settings: ctx.settings,
    models: ctx.models,
    hooks: ctx.hooks,
    journal: false,
    keepCounts: false,
    ...(options.force ? { force: true } : {}),
    ...(options.breakHardlinks ? { breakHardlinks: true } : {}),
  });
  if (!result.written) throw new FileError(`nothing to undo in ${list.label} and ${other.label}`);
  pair.forEach((file, i) => popChange(stateDir, writeTarget(file.path), entries[i]!));
  for (const side of result.sides) if (side.write) ctx.writes.push(side.write);
  if (json) printJson(ctx, { files: pair.map((file) => file.label), undone: entry.message, time: entry.time });
  else
    ctx.stdout.write(`undid: ${undoneLines(entry.message)} (${pair.map((file) => sanitize(file.label)).join(', ')})\n`);
  return 'both';
}
