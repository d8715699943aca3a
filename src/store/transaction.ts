/**
 * One write transaction on the list: every command that changes the file runs through here.
 *
 *   plan on the text as read (no lock held)
 *   -> lock -> re-read (wait while an editor is still saving) -> re-plan if the text changed
 *   -> check the plan against the text itself (a cached model is never trusted with bytes)
 *   -> refuse text that looks damaged -> write atomically, unless the file changed meanwhile (then
 *      plan again, a few times) -> the model of the new text.
 *
 * It takes plain inputs and returns what happened; printing is the CLI's business.
 */
import { applyEdits, type Edit } from '../core/write/splice.js';
import { findCounts, totalsOf } from '../core/read/counts.js';
import { rowMarkerAgrees } from '../core/read/table-marker.js';
import { FileError, OnePaperRefusal, PapersError } from '../core/model/errors.js';
import type { ListDocument, Paper } from '../core/model/paper.js';
import { type Change, goesWith, type Plan } from '../core/write/change.js';
import { paperIndexAtCheckbox, RESOLUTIONS, type ResolutionLog } from '../core/query/query.js';
import { hasLoneCr } from '../core/model/text.js';
import { recordChange } from './journal.js';
import { withLock } from './lock.js';
import { withSummaryCounts } from './summary-counts.js';
import { modelAfterWrite } from './model-after-write.js';
import { type ListModels, loadModel, loadModelWithSource } from './stored-model.js';
import { readListFile, type StoredText, storedText, withRules, writeTarget } from './read.js';
import type { ReadingRule } from '../core/read/formats/rules.js';
import type { StoreSettings, WriteHooks } from './settings.js';
import { paperCountAtOwnWrite, readSettled, rememberOwnWrite } from './settle.js';
import { splicedBytes } from './splice-bytes.js';
import { assertWritable, writeAtomically } from './write.js';

export interface TransactionRequest {
  /** The list as the user named it (messages use this). */
  path: string;
  plan: Plan;
  /** Limits, waits and the state directory (from src/config, passed down by the CLI). */
  settings: StoreSettings;
  /** The run's parser and model cache. */
  models: ListModels;
  /** Plan only: nothing is locked or written. */
  dryRun?: boolean;
  /** Write even though the text looks damaged (far fewer papers than papers saw in it before). */
  force?: boolean;
  /** Replace a file that has other hard links (they keep the old text). */
  breakHardlinks?: boolean;
  /** Test hooks (see WriteHooks). */
  hooks?: WriteHooks;
  /** The user's reading rules for the list (.papers.json "formats"): every read of it is read with them. */
  rules?: readonly ReadingRule[];
  /** Record the change in the undo journal (default); `undo` itself does not. */
  journal?: boolean;
  /** Follow a symlinked list even where another user could have planted the link (--follow-links). */
  followLinks?: boolean;
  /** Bring the file's summary counts (badges, `Total: 83`) up to date in the same write (default). */
  keepCounts?: boolean;
  /**
   * Derive the model of the written text for `result.doc` (what --json shows). Without it the written
   * text's cache entry is stored for the next command but not decoded into a model.
   */
  modelAfter?: boolean;
}

export interface TransactionResult {
  path: string;
  change: Change;
  /** The text the change was planned on, and the text with the change applied. */
  before: string;
  after: string;
  written: boolean;
  /** The model of `after` once written, when asked for (modelAfter; null for a dry run, when nothing changed, or when it could not be read). */
  doc: ListDocument | null;
  /** Problems after the write, which did happen (the new model could not be derived, ...). */
  warnings: string[];
  /** The write made (the file's real path, the text before it, the message): what --commit commits. */
  write: TransactionWrite | null;
}

export interface TransactionWrite {
  realPath: string;
  beforeText: string;
  message: string;
}

const ATTEMPTS = 5;

export async function runTransaction(givenRequest: TransactionRequest): Promise<TransactionResult> {
  const request = {
    ...givenRequest,
    plan: givenRequest.keepCounts === false ? givenRequest.plan : withSummaryCounts(givenRequest.plan),
  };
  const { path } = request;
  if (request.dryRun) {
    const stored = withRules(
      readListFile(path, request.settings.maxFileBytes, request.followLinks, request.hooks),
      request.rules,
    );
    if (hasLoneCr(stored.text)) throw loneCrError(path);
    const change = await request.plan(await loadModel(request.models, stored));
    return {
      path,
      change,
      before: stored.text,
      after: applyEdits(stored.text, change.edits),
      written: false,
      doc: null,
      warnings: [],
      write: null,
    };
  }
  const target = writeTarget(path, request.followLinks, request.hooks);
  assertWritable(path, target, { breakHardlinks: request.breakHardlinks === true });
  // What papers left in the file last time it wrote it: only writes move this baseline.
  const { settings } = request;
  const remembered = paperCountAtOwnWrite(settings.stateDir, target);
  const warnings: string[] = [];
  // Plan before taking the lock: the lock is held only to re-read, check and write.
  const { models } = request;
  let planned = await planOn(
    models,
    withRules(await readForWrite(target, path, settings, models, request.hooks), request.rules),
    request.plan,
    1,
  );
  // "Already marked read" said on a cached model is the cache's word (it may name another paper than the
  // text does): a plan that changes nothing is asked again of the text before papers says so.
  if (planned.change.edits.length === 0) planned = await afresh(models, planned, request.plan);
  if (planned.change.edits.length === 0) return unchanged(path, planned);
  const outcome = await withLock(target, settings.lockTimeoutMs, async (stillLocked) => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = withRules(
        await readForWrite(target, path, settings, models, request.hooks, planned.stored),
        request.rules,
      );
      if (!current.bytes.equals(planned.stored.bytes)) {
        const first = planned;
        const meant = planned.change.message;
        planned = await planOn(models, current, request.plan, attempt + 1);
        // `done 5` on a list an editor changed may now name another paper: what the plan does, and to which
        // papers (the same id, title and venue, at the same place in the text that did not change), must not
        // change between the text it was asked on and the text it would be written on.
        // (Loaded only here: a re-plan is rare, and the hot path's bundle leaves it out.)
        if (!(await import('./same-targets.js')).samePlan(first, planned)) {
          throw new FileError(
            `the file changed while papers was editing it, and the command would now do something else ("${planned.change.message.split('\n')[0]}" instead of "${meant.split('\n')[0]}"); nothing was written, run it again`,
          );
        }
      }
      if (planned.change.edits.length === 0) return null;
      planned = await trusted(models, planned, request.plan, request.keepCounts !== false);
      refuseIfDamaged(path, planned.doc.papers.length, remembered, request.force === true);
      const text = applyEdits(planned.stored.text, planned.change.edits);
      const written = await writeAtomically({
        target,
        text,
        bytes: splicedBytes(planned.stored.bytes, planned.change.edits),
        expectedBytes: planned.stored.bytes,
        stillLocked,
        ...(request.hooks?.beforeRename ? { beforeRename: request.hooks.beforeRename } : {}),
      });
      if (written.written) {
        const after = withRules(storedText(path, text, written.bytes, planned.stored.mode), request.rules);
        // The baseline of the damaged-file check.
        rememberOwnWrite(settings.stateDir, target, written.stat, papersKept(planned.doc, planned.change));
        // Under the lock, so that the journal's order is the order of the writes.
        if (request.journal !== false) {
          const warning = recordChange(
            settings.stateDir,
            target,
            planned.stored,
            after,
            planned.change.message,
            planned.change.edits,
            planned.doc.papers.length,
          );
          if (warning !== null) warnings.push(warning);
        }
        return after;
      }
    }
    throw new FileError(
      `${path} keeps changing while papers edits it; nothing was written. Try again when it is saved`,
    );
  });
  if (outcome === null) return unchanged(path, planned);
  // Outside the lock: the next command may start meanwhile. The new model serves --json; its entry warms the cache.
  const { stored, doc, change } = planned;
  const write = { realPath: target, beforeText: stored.text, message: change.message };
  const result: TransactionResult = {
    path,
    change,
    before: stored.text,
    after: outcome.text,
    written: true,
    doc: null,
    warnings,
    write,
  };
  try {
    result.doc = await modelAfterWrite(
      models,
      doc,
      outcome,
      change.edits,
      request.modelAfter === true,
      (change.delta?.total ?? 0) > 0,
    );
  } catch (error) {
    // The file is written: a model that cannot be derived afterwards is no reason to say it failed.
    result.warnings.push(
      `the change was written, but the new list could not be read back (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return result;
}

export interface Planned {
  stored: StoredText;
  doc: ListDocument;
  /** Where the model came from: a cached one is checked against the text before it may write. */
  fromCache: boolean;
  change: Change;
}

async function readForWrite(
  target: string,
  path: string,
  settings: StoreSettings,
  models: ListModels,
  hooks: WriteHooks | undefined,
  earlier?: StoredText,
): Promise<StoredText> {
  const stored = await readSettled(target, path, settings, models, hooks, earlier);
  // (A text taken from the earlier read was checked then.)
  if (stored.text !== earlier?.text && hasLoneCr(stored.text)) throw loneCrError(path);
  return stored;
}

function loneCrError(path: string): FileError {
  return new FileError(
    `${path} uses lone CR (\\r) line endings, which papers does not edit; convert them to LF or CRLF (e.g. with your editor) and try again`,
  );
}

async function planOn(models: ListModels, stored: StoredText, plan: Plan, attempt: number): Promise<Planned> {
  const { doc, fromCache } = await loadModelWithSource(models, stored);
  // On a cached model, how the plan found its papers (by number, by id, by a title) is checked too.
  if (fromCache) Object.defineProperty(doc.papers, RESOLUTIONS, { value: [] });
  try {
    return { stored, doc, fromCache, change: await replan(plan, doc, attempt) };
  } catch (error) {
    // A refusal ("no paper matches", "no paper #9", "several match") made on a cached model is the
    // cache's word: it is asked again of the text (a parse, on a path that ends in an error anyway).
    if (!fromCache || !(error instanceof PapersError)) throw error;
    // One that names a paper (add's duplicate) holds if that paper reads so: only its part is parsed
    // (a whole parse of a 10,000-paper list cost ~0.7 s of a refused add).
    if (error instanceof OnePaperRefusal) {
      const { modelHoldsWhereEdited } = await import('./verify.js');
      const at = { start: error.span.start, end: error.span.end, text: '' };
      const resolved = (doc.papers as ResolutionLog)[RESOLUTIONS] ?? [];
      if (await modelHoldsWhereEdited(models.parser, stored, doc, [at], resolved)) throw error;
    }
    const fresh = (await loadModelWithSource(models, stored, { fresh: true, identity: keptIndex(models, doc) })).doc;
    return { stored, doc: fresh, fromCache: false, change: await replan(plan, fresh, attempt) };
  }
}

/**
 * Whether the entry a fresh parse stores for this text keeps an identity index: when the cached model's
 * did (a parse from scratch stores none: a refusal asked again of the text would drop the index add built).
 */
function keptIndex(models: ListModels, doc: ListDocument): boolean {
  return models.entryOfModel.get(doc)?.facts.indexed === true;
}

/** On a re-plan the file changed under us: a plan that no longer applies stops with that reason. */
async function replan(plan: Plan, doc: ListDocument, attempt: number): Promise<Change> {
  if (attempt === 1) return plan(doc);
  try {
    return await plan(doc);
  } catch (error) {
    if (!(error instanceof PapersError)) throw error;
    throw new FileError(
      `the file changed while papers was editing it, and the edit no longer applies (${error.message}); nothing was written`,
    );
  }
}

/**
 * A cached model may be wrong (damaged, or planted by someone who can write the cache): it may cost
 * time, never bytes. Before a plan made on one is written, every edit must lie within the text, a
 * checkbox flip must flip a checkbox that is there, and the model must say exactly what a fresh parse of
 * the parts that hold the edits says (verify.ts). Anything else is planned again on a fresh parse. So is
 * a plan that keeps the list's summary counts (`keepsCounts`) when the model's totals are not the ones
 * the text's counts say (countsConfirmed): they count every paper of the model, not only those of the
 * parts verify.ts checks.
 */
async function trusted(models: ListModels, planned: Planned, plan: Plan, keepsCounts: boolean): Promise<Planned> {
  if (!planned.fromCache) return planned;
  const { text } = planned.stored;
  if (keepsCounts && !countsConfirmed(text, planned)) return afresh(models, planned, plan);
  const { edits } = planned.change;
  const { papers } = planned.doc;
  const spansHold = edits.every((edit) => {
    if (!(0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) return false;
    const paper = papers[paperIndexAtCheckbox(papers, edit.start)];
    // An edit of exactly a checkbox (or a row's status marker) must replace one that is there.
    if (paper === undefined || edit.end !== paper.checkbox.end) return true;
    return paper.source === 'row'
      ? isRowMarkerSwapOnText(text, paper, edit)
      : isCheckboxFlipOnText(text, edit.start, edit.end, edit.text);
  });
  if (spansHold) {
    // (Loaded here: it parses, which the hot path's bundle leaves out.)
    const { modelHoldsWhereEdited } = await import('./verify.js');
    const resolved = (papers as ResolutionLog)[RESOLUTIONS] ?? [];
    if (await modelHoldsWhereEdited(models.parser, planned.stored, planned.doc, edits, resolved)) return planned;
  }
  return afresh(models, planned, plan);
}

/**
 * The counts a plan writes come from the model's totals (plus the change's move) only when the text's own
 * counts say those totals already: a model with a paper too many or too few (planted, or damaged in a part
 * no edit touches) then disagrees with the text and is planned again on a fresh parse. Only a list whose
 * counts are out of date pays that parse (once: the write brings them up to date). A change that does not
 * know its move counts on a fresh parse of the result anyway (summary-counts.ts).
 */
function countsConfirmed(text: string, planned: Planned): boolean {
  if (!planned.change.delta) return true;
  const marks = findCounts(text);
  if (marks.length === 0) return true;
  const totals = totalsOf(planned.doc.papers);
  return marks.every((mark) => mark.value === totals[mark.kind]);
}

/** The plan made again on a fresh parse of the same text, if it was made on a cached model. */
async function afresh(models: ListModels, planned: Planned, plan: Plan): Promise<Planned> {
  if (!planned.fromCache) return planned;
  const { doc } = await loadModelWithSource(models, planned.stored, {
    fresh: true,
    identity: keptIndex(models, planned.doc),
  });
  // (Planned as if for the first time: the text did not change, the cached model was wrong.)
  return { stored: planned.stored, doc, fromCache: false, change: await replan(plan, doc, 1) };
}

/** A table row's status marker, where the model says and as the model reads it, replaced exactly. */
function isRowMarkerSwapOnText(text: string, paper: Paper, edit: Edit): boolean {
  const { start, end } = paper.checkbox;
  if (edit.start !== start || edit.end !== end || !rowMarkerAgrees(text, paper)) return false;
  // An empty status cell (an unread row) gets its marker where the model says: within a blank cell.
  return start < end || blankCellAt(text, start);
}

/** Whether `at` lies in a table cell holding only spaces: a pipe or the line's start before, a pipe or its end after. */
function blankCellAt(text: string, at: number): boolean {
  let before = at;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  let after = at;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const left = before === 0 ? '\n' : text[before - 1];
  const right = after === text.length ? '\n' : text[after];
  return (
    (left === '|' || left === '\n' || left === '\r') &&
    (right === '|' || right === '\n' || right === '\r') &&
    (left === '|' || right === '|')
  );
}

/** `[ ]` ↔ `[x]` of a task item that opens its line: the marker, a space, the checkbox. */
function isCheckboxFlipOnText(text: string, start: number, end: number, replacement: string): boolean {
  if (end !== start + 1 || !/^[ xX]$/.test(replacement) || text[start - 1] !== '[' || text[start + 1] !== ']')
    return false;
  if (!/[ xX]/.test(text[start] ?? '')) return false;
  const lineBegin = Math.max(text.lastIndexOf('\n', start), text.lastIndexOf('\r', start)) + 1;
  // Container prefixes (indent, `>`), a bullet or number, then the checkbox right after one space or more;
  // an item may open inside an item on the same line (`* - [ ] ...`). Each marker's spaces are taken whole
  // (the lookahead): spaces that two quantifiers could share backtrack exponentially on a hostile line.
  return /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?![ \t])[ \t>]*)+\[$/.test(text.slice(lineBegin, start));
}

/**
 * How many papers a write leaves, as the damaged-file check of the next write counts them: the model's
 * papers but those within the items the change took out (an item's subtasks go with it; counting only the
 * item refused every later write after removing one with many), plus those a change that takes none out
 * says it adds (its delta); an undo's, as its journal entry kept it (null: not known, no count is kept).
 */
export function papersKept(doc: ListDocument, change: Change): number | null {
  if (change.papersAfter !== undefined) return change.papersAfter;
  const { removed } = change;
  // (A change that adds papers and says how many: an add, an import, the receiving half of a move
  // between lists with the item's subtasks; counting none of them let a list that received 25 papers
  // be cut to 2 by hand and written on.)
  if (removed.length === 0) return doc.papers.length + Math.max(0, change.delta?.total ?? 0);
  return doc.papers.filter((paper) => !removed.some((item) => goesWith(item, paper))).length;
}

/**
 * A list that suddenly holds far fewer papers than papers saw in it last time is more likely a
 * half-saved or damaged file than a real edit: writing on top of it would make that permanent.
 */
export function refuseIfDamaged(path: string, now: number, before: number | null, force: boolean): void {
  if (force) return;
  if (before !== null && before >= 10 && now < before / 2) {
    throw new FileError(
      `${path} now holds ${now} paper${now === 1 ? '' : 's'} where papers saw ${before} before; it may be half-saved or damaged, so nothing was written. ` +
        `Check the file (git diff), then run again with --force if it is right`,
    );
  }
}

/** What a message says was done, without the notes on where (`(new area X)` may go once another add made X). */
function unchanged(path: string, planned: Planned): TransactionResult {
  const text = planned.stored.text;
  return {
    path,
    change: planned.change,
    before: text,
    after: text,
    written: false,
    doc: null,
    warnings: [],
    write: null,
  };
}
