/** `papers undo [--list]`: walk back the last change papers made to the list, if the file is still as papers left it. */
import { FileError, NotFoundError, UsageError } from '../../core/model/errors.js';
import { hash, journalDirectory, lastChanges, popChange, textBefore, type JournalEntry } from '../../store/journal.js';
import type { Change } from '../../core/write/change.js';
import { readListFile } from '../../store/read.js';
import { runTransaction } from '../../store/transaction.js';
import { writeTarget } from '../../store/read.js';
import { printJson, stdoutColors } from '../context.js';
import type { CommandContext } from '../context.js';
import { sanitize, undoneLines } from '../output/sanitize.js';

export interface UndoOptions {
  list?: boolean;
  json?: boolean;
  /** Write even when the file looks damaged (far fewer papers than papers saw in it before). */
  force?: boolean;
  /** Replace a file that has other hard links (they keep the old text). */
  breakHardlinks?: boolean;
  /** Set by cli/workspace.ts: the change is half of a move between lists whose other half was never written. */
  alone?: boolean;
}

export async function runUndo(ctx: CommandContext, options: UndoOptions): Promise<void> {
  const path = ctx.filePath;
  const target = writeTarget(path, ctx.globals.followLinks === true);
  const { stateDir } = ctx.settings;
  if (options.list) return showJournal(ctx, path, target, options.json === true);
  let undone: JournalEntry | null = null;
  // The journal is not written for the undo itself: the entry it reverts is dropped instead.
  const result = await runTransaction({
    path,
    settings: ctx.settings,
    models: ctx.models,
    hooks: ctx.hooks,
    journal: false,
    ...(options.force ? { force: true } : {}),
    ...(options.breakHardlinks ? { breakHardlinks: true } : {}),
    ...(ctx.globals.followLinks ? { followLinks: true } : {}),
    // Byte for byte: the counts are restored with the text, not brought up to date.
    keepCounts: false,
    plan: (doc): Change => {
      const entry = lastChanges(stateDir, target)[0];
      if (!entry)
        throw new NotFoundError(
          `nothing to undo: papers has no recorded change to ${path} (it keeps the last 20 in ${journalDirectory(stateDir)})`,
        );
      // Half of a move between two lists: undone alone, the paper would be in neither (or in both).
      if (entry.group !== undefined && options.alone !== true)
        throw new UsageError(
          `the last change to ${path} ("${firstLine(entry.message)}") changed another list of the repository too; run papers undo in the repository, without --file, to undo it in both`,
        );
      const before = textBefore(entry, doc.text);
      if (before === null) {
        throw new FileError(
          `${path} was changed after papers last wrote it ("${firstLine(entry.message)}", ${entry.time}); undo would lose those edits, so nothing was changed. ` +
            'Revert them first (e.g. with your editor or git), or fix the file by hand',
        );
      }
      undone = entry;
      return {
        edits: [{ start: 0, end: doc.text.length, text: before }],
        message: `Undid: ${firstLine(entry.message)}`,
        createdAreas: [],
        touched: [],
        removed: [],
        // (An undo of an import or a move may take many papers away: the next write compares with the
        // count of the text put back, as the journal kept it.)
        papersAfter: entry.papersBefore ?? null,
      };
    },
  });
  const entry = undone as JournalEntry | null;
  if (!result.written || entry === null)
    throw new FileError(`${path} changed while papers was undoing; nothing was written, try again`);
  popChange(stateDir, target, entry);
  ctx.writes.push({ realPath: target, beforeText: result.before, message: `Undid: ${firstLine(entry.message)}` });
  if (options.json) {
    printJson(ctx, {
      file: path,
      undone: entry.message,
      time: entry.time,
      remaining: lastChanges(stateDir, target).length,
    });
    return;
  }
  ctx.stdout.write(`undid: ${undoneLines(entry.message)}\n`);
}

async function showJournal(ctx: CommandContext, path: string, target: string, json: boolean): Promise<void> {
  const entries = lastChanges(ctx.settings.stateDir, target);
  const current = readListFile(target, ctx.settings.maxFileBytes).text;
  const undoable = entries[0] !== undefined && hash(current) === entries[0].afterHash;
  if (json) {
    printJson(ctx, {
      file: path,
      undoable,
      changes: entries.map((entry) => ({ time: entry.time, message: entry.message })),
    });
    return;
  }
  if (!entries.length) {
    ctx.stdout.write(`no recorded changes to ${sanitize(path)}\n`);
    return;
  }
  const color = await stdoutColors(ctx);
  const lines = entries.map(
    (entry: JournalEntry, i) =>
      `${color.dim(String(i + 1).padStart(2))}  ${color.dim(entry.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}  ${sanitize(firstLine(entry.message))}`,
  );
  lines.push(
    color.dim(
      undoable
        ? 'papers undo reverts #1 (the file is as papers left it)'
        : `${sanitize(path)} was edited after #1, so papers undo would refuse`,
    ),
  );
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

function firstLine(message: string): string {
  const lines = message.split('\n');
  return lines.length > 1 ? `${lines[0]} (+${lines.length - 1} more)` : lines[0]!;
}
