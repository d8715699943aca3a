/**
 * One change to two lists of a repository, made as one: `mv` of a paper to another list, and `undo` of
 * such a move. With the same guarantees as a change to one list (transaction.ts), and these for the pair:
 *
 *  - both files are locked, always in the same order (by real path), so that two moves in opposite
 *    directions never hold one lock each while they wait for the other;
 *  - both are read once they have settled and parsed afresh: no cache entry decides these bytes;
 *  - both are written atomically, the file that gains text first, so that a write that fails leaves the
 *    paper in both files, never in neither; that first write is then put back (the file is still as
 *    papers wrote it, under the lock), or, when even that fails, kept in the journal for `papers undo`;
 *  - the journal records both entries under one token (JournalEntry.group): `undo` restores both.
 */
import { applyEdits } from '../core/write/splice.js';
import { FileError, InternalError } from '../core/model/errors.js';
import type { ListDocument } from '../core/model/paper.js';
import type { Change } from '../core/write/change.js';
import type { ReadingRule } from '../core/read/formats/rules.js';
import { hasLoneCr } from '../core/model/text.js';
import { randomHex } from './hash.js';
import { recordChange } from './journal.js';
import { withLock } from './lock.js';
import { readListFile, type StoredText, storedText, withRules, writeTarget } from './read.js';
import type { StoreSettings, WriteHooks } from './settings.js';
import { paperCountAtOwnWrite, readSettled, rememberOwnWrite } from './settle.js';
import { type FileBytes, splicedBytes, wholeBytes } from './splice-bytes.js';
import { type ListModels, loadModel, loadModelWithSource } from './stored-model.js';
import { withSummaryCounts } from './summary-counts.js';
import { papersKept, refuseIfDamaged, type TransactionWrite } from './transaction.js';
import { assertWritable, writeAtomically } from './write.js';

export interface PairFile {
  /** The list as the user named it (messages use this). */
  path: string;
  rules?: readonly ReadingRule[] | undefined;
}

export interface PairRequest {
  files: readonly [PairFile, PairFile];
  /** Each file's change, planned on both models (the first file's change first); it may run again. */
  plan: (docs: readonly [ListDocument, ListDocument]) => Promise<[Change, Change]> | [Change, Change];
  /** Which file is written first: the one that gains text (the paper's new place; on undo, its old one). */
  firstWrite: 0 | 1;
  settings: StoreSettings;
  /** The run's parser and model cache. */
  models: ListModels;
  hooks?: WriteHooks | undefined;
  dryRun?: boolean;
  force?: boolean;
  followLinks?: boolean;
  breakHardlinks?: boolean;
  /** Record both writes in the journal under one token (default); `undo` itself does not. */
  journal?: boolean;
  /** Bring each file's summary counts up to date in the same write (default). */
  keepCounts?: boolean;
}

export interface PairSide {
  path: string;
  change: Change;
  before: string;
  after: string;
  /** What --commit commits (null when nothing was written). */
  write: TransactionWrite | null;
}

export interface PairResult {
  sides: [PairSide, PairSide];
  written: boolean;
}

export async function runPairTransaction(request: PairRequest): Promise<PairResult> {
  const { files, settings, models } = request;
  const plan = async (docs: readonly [ListDocument, ListDocument]): Promise<[Change, Change]> => {
    const changes = await request.plan(docs);
    if (request.keepCounts === false) return changes;
    return [await withSummaryCounts(() => changes[0])(docs[0]), await withSummaryCounts(() => changes[1])(docs[1])];
  };
  if (request.dryRun) {
    const stored = files.map((file) =>
      withRules(readListFile(file.path, settings.maxFileBytes, request.followLinks), file.rules),
    ) as [StoredText, StoredText];
    const changes = await plan([await loadModel(models, stored[0]), await loadModel(models, stored[1])]);
    return { sides: sides(files, stored, changes, null), written: false };
  }
  const targets = files.map((file) => writeTarget(file.path, request.followLinks, request.hooks)) as [string, string];
  if (targets[0] === targets[1]) throw new InternalError(`${files[0].path} and ${files[1].path} are one file`);
  files.forEach((file, i) =>
    assertWritable(file.path, targets[i]!, { breakHardlinks: request.breakHardlinks === true }),
  );
  const remembered = targets.map((target) => paperCountAtOwnWrite(settings.stateDir, target));
  const [outer, inner] = targets[0] < targets[1] ? [0, 1] : [1, 0];
  return withLock(targets[outer]!, settings.lockTimeoutMs, (outerMine) =>
    withLock(targets[inner]!, settings.lockTimeoutMs, async (innerMine) => {
      const stillLocked = () => outerMine() && innerMine();
      const stored: StoredText[] = [];
      const docs: ListDocument[] = [];
      for (const [i, file] of files.entries()) {
        const read = withRules(await readSettled(targets[i]!, file.path, settings, models, request.hooks), file.rules);
        if (hasLoneCr(read.text))
          throw new FileError(`${file.path} uses lone CR (\\r) line endings, which papers does not edit`);
        stored.push(read);
        docs.push((await loadModelWithSource(models, read, { fresh: true })).doc);
      }
      const changes = await plan([docs[0]!, docs[1]!]);
      if (changes.every((change) => change.edits.length === 0))
        return { sides: sides(files, stored as [StoredText, StoredText], changes, null), written: false };
      files.forEach((file, i) =>
        refuseIfDamaged(file.path, docs[i]!.papers.length, remembered[i]!, request.force === true),
      );
      const after = stored.map((read, i) => {
        const text = applyEdits(read.text, changes[i]!.edits);
        return { text, bytes: splicedBytes(read.bytes, changes[i]!.edits) ?? Buffer.from(text, 'utf8') };
      });
      const group = randomHex(8);
      const journal = (i: number, written: FileBytes) => {
        if (request.journal === false) return;
        const newText = storedText(files[i]!.path, after[i]!.text, written, stored[i]!.mode);
        recordChange(
          settings.stateDir,
          targets[i]!,
          stored[i]!,
          newText,
          changes[i]!.message,
          changes[i]!.edits,
          docs[i]!.papers.length,
          group,
        );
      };
      const write = (i: number, text: string, bytes: FileBytes, expectedBytes: Buffer) =>
        writeAtomically({
          target: targets[i]!,
          text,
          bytes,
          expectedBytes,
          stillLocked,
          ...(request.hooks?.beforeRename ? { beforeRename: request.hooks.beforeRename } : {}),
        });
      const changedMeanwhile = (i: number) =>
        new FileError(`${files[i]!.path} changed while papers was writing it; nothing was written, run it again`);
      const first = request.firstWrite;
      const second = first === 0 ? 1 : 0;
      const wroteFirst = await write(first, after[first]!.text, after[first]!.bytes, stored[first]!.bytes);
      if (!wroteFirst.written) throw changedMeanwhile(first);
      let wroteSecond;
      try {
        wroteSecond = await write(second, after[second]!.text, after[second]!.bytes, stored[second]!.bytes);
        if (!wroteSecond.written) throw changedMeanwhile(second);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // The first file is still as papers wrote it (it is locked): it gets its old bytes back.
        let putBack = false;
        try {
          putBack = (await write(first, stored[first]!.text, stored[first]!.bytes, wholeBytes(wroteFirst.bytes)))
            .written;
        } catch {
          // kept for undo below
        }
        if (putBack) throw error instanceof FileError ? error : new FileError(`${reason}; nothing was changed`);
        journal(first, wroteFirst.bytes);
        throw new FileError(
          `${reason}; ${files[first]!.path} was already written and could not be put back: \`papers undo\` takes that change back`,
        );
      }
      const count = (i: number) => papersKept(docs[i]!, changes[i]!);
      rememberOwnWrite(settings.stateDir, targets[first]!, wroteFirst.stat, count(first));
      rememberOwnWrite(settings.stateDir, targets[second]!, wroteSecond.stat, count(second));
      journal(first, wroteFirst.bytes);
      journal(second, wroteSecond.bytes);
      return { sides: sides(files, stored as [StoredText, StoredText], changes, targets), written: true };
    }),
  );
}

function sides(
  files: readonly [PairFile, PairFile],
  stored: readonly [StoredText, StoredText],
  changes: readonly [Change, Change],
  targets: readonly [string, string] | null,
): [PairSide, PairSide] {
  const side = (i: 0 | 1): PairSide => {
    const before = stored[i].text;
    const change = changes[i];
    return {
      path: files[i].path,
      change,
      before,
      after: applyEdits(before, change.edits),
      write:
        targets && change.edits.length ? { realPath: targets[i]!, beforeText: before, message: change.message } : null,
    };
  };
  return [side(0), side(1)];
}
