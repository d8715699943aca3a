/**
 * A repository of lists (`.papers.json` "lists" naming several files, and no --file): how each command
 * runs across them. The command table says which way for each command (`files`):
 *
 *  - `across`: the command reads every list as one (loadAllFacts / loadAllLists here): `list`, `stats`, ...
 *  - `route`:  its `<id>`s are resolved across the lists, then it runs once per file that holds one, on
 *              that file alone, with the paper's own id there (a write goes through that file's own
 *              transaction: lock, atomic write, journal).
 *  - `each`:   it runs once per list (`lint`, `explain`, `track`, `convert`).
 *  - `area`:   it runs on the one list that has the `--area` (`add`, `import`), or says which to name.
 *  - `latest`: the list papers changed last (`undo`).
 *  - `none`:   it reads no list (`completion`).
 *
 * With one list every helper here is the plain one-list code path.
 */
import type { ListOfRepository } from '../config/index.js';
import type { FilesMode } from './command-table.js';
import { areaFilter, findTarget, TOP_AREA } from '../core/query/areas.js';
import { InternalError, UsageError } from '../core/model/errors.js';
import type { ListDocument, Paper, PaperFacts } from '../core/model/paper.js';
import { resolvePaper } from '../core/query/query.js';
import { goesWith } from '../core/write/change.js';
import {
  areaChoiceError,
  areaInFile,
  type InFile,
  mergeHeadings,
  mergePapers,
  qualifiedPaper,
} from '../core/query/workspace.js';
import { loadFacts, loadFactsWithIds, loadModel } from '../store/stored-model.js';
import { readListFile, type StoredText, withRules } from '../store/read.js';
import { type CommandContext, narrowTo, type OutputStream, printJson, readList } from './context.js';
import { sanitize } from './output/sanitize.js';
import type { Target } from './targets.js';

/** The repository's lists, or the run's one list. */
function listsOf(ctx: CommandContext): ListOfRepository[] {
  return ctx.workspace ?? [{ path: ctx.filePath, label: ctx.listPath, formats: ctx.config.formats }];
}

function readOne(ctx: CommandContext, list: ListOfRepository): StoredText {
  return ctx.workspace ? withRules(readListFile(list.path, ctx.settings.maxFileBytes), list.formats) : readList(ctx);
}

export interface FileFacts {
  list: ListOfRepository;
  stored: StoredText;
  papers: PaperFacts[];
  idHashes: Int32Array | null;
}

/** Every list's papers as one (see core/query/workspace.ts), and each file's own. */
export async function loadAllFacts(
  ctx: CommandContext,
): Promise<{ papers: (PaperFacts & Partial<InFile>)[]; files: FileFacts[] }> {
  const files: FileFacts[] = [];
  for (const list of listsOf(ctx)) {
    const stored = readOne(ctx, list);
    // (The ids' hashes are for finding ids two files share: one file needs none.)
    const facts = ctx.workspace
      ? await loadFactsWithIds(ctx.models, stored)
      : { papers: await loadFacts(ctx.models, stored), idHashes: null };
    files.push({ list, stored, ...facts });
  }
  if (!ctx.workspace) return { papers: files[0]!.papers, files };
  const merged = mergePapers(
    files.map((file) => ({ label: file.list.label, papers: file.papers, idHashes: file.idHashes })),
  );
  return { papers: merged, files };
}

export interface FileDoc {
  list: ListOfRepository;
  stored: StoredText;
  doc: ListDocument;
}

/**
 * Every list's model, and a view of them as one: its papers and headings are the merged ones; its text
 * is empty (a paper's offsets are in its own file: `files[paper.fileIndex]`).
 */
export async function loadAllLists(ctx: CommandContext): Promise<{ doc: ListDocument; files: FileDoc[] }> {
  const files: FileDoc[] = [];
  for (const list of listsOf(ctx)) {
    const stored = readOne(ctx, list);
    files.push({ list, stored, doc: await loadModel(ctx.models, stored) });
  }
  if (!ctx.workspace) return { doc: files[0]!.doc, files };
  const doc: ListDocument = {
    text: '',
    bomLength: 0,
    eol: '\n',
    papers: mergePapers(files.map((file) => ({ label: file.list.label, papers: file.doc.papers }))),
    headings: mergeHeadings(files.map((file) => ({ label: file.list.label, headings: file.doc.headings }))),
    contentStart: 0,
  };
  return { doc, files };
}

/** A paper of the run's papers (loadAllFacts, loadAllLists) by `<id>`, as resolveAcross reads it. */
export function resolveInLists<T extends PaperFacts & Partial<InFile>>(
  ctx: CommandContext,
  papers: readonly T[],
  query: string,
): T {
  return resolveAcross(
    papers,
    listsOf(ctx).map((list) => list.label),
    query,
  );
}

/** `<id>` across the lists: `stem/id` names a file's paper by its own id; else as in one list. */
function resolveAcross<T extends PaperFacts & Partial<InFile>>(
  papers: readonly T[],
  labels: readonly string[],
  query: Target,
): T {
  if (typeof query === 'string' && labels.length > 1) {
    const qualified = qualifiedPaper(papers as readonly (T & InFile)[], labels, query);
    if (qualified) return qualified;
  }
  // resolvePaper reads only ids, titles and numbers, which facts have.
  return resolvePaper(papers as unknown as Paper[], query) as unknown as T;
}

/** Runs a command of the table in the way its `files` says, when the run works on a repository of lists. */
export async function inWorkspace(
  ctx: CommandContext,
  mode: FilesMode,
  args: unknown[],
  options: Record<string, unknown>,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const lists = ctx.workspace;
  if (!lists || mode === 'across' || mode === 'none') return run(ctx, args, options);
  const json = options.json === true || options.format === 'json';
  if (mode === 'route' || mode === 'pick' || mode === 'move') {
    const ids = Array.isArray(args[0]) ? (args[0] as string[]) : args[0] === undefined ? [] : [args[0] as string];
    if (mode !== 'route' && (ids.length === 0 || ids.includes('-')))
      return pickAcross(ctx, lists, args, options, json, run, mode);
    // `refresh` with no ids: every list.
    if (ids.length === 0) return each(ctx, lists, args, options, json, run);
    return route(ctx, lists, ids, args, options, json, run, mode);
  }
  if (mode === 'each') return each(ctx, lists, args, options, json, run);
  if (mode === 'latest') {
    if (options.list === true) return each(ctx, lists, args, options, json, run);
    const { lastChanges } = await import('../store/journal.js');
    const { writeTarget } = await import('../store/read.js');
    let newest: { list: ListOfRepository; time: string } | null = null;
    for (const list of lists) {
      const entry = lastChanges(ctx.settings.stateDir, writeTarget(list.path))[0];
      if (entry && (newest === null || entry.time > newest.time)) newest = { list, time: entry.time };
    }
    // A move between two lists is undone in both.
    const { undoMoveBetween } = await import('./move-between.js');
    const both =
      newest &&
      (await undoMoveBetween(ctx, lists, newest.list, json, {
        force: options.force === true,
        breakHardlinks: options.breakHardlinks === true,
      }));
    if (both === 'both') return;
    return one(ctx, newest?.list ?? lists[0]!, args, both === 'alone' ? { ...options, alone: true } : options, run);
  }
  // mode === 'area'
  const area = options.top === true ? '/' : (options.area as string | undefined);
  if (area === undefined)
    throw new UsageError(
      `this repository has ${lists.length} lists: give --area <A/B> (an area of one of them) or --file <list>`,
    );
  const labels = lists.map((list) => list.label);
  const named = options.top === true ? null : areaInFile(labels, area);
  if (named) {
    const narrowed = { ...options, area: named.area };
    return one(ctx, lists[named.fileIndex]!, args, narrowed, run);
  }
  const holders: ListOfRepository[] = [];
  /** Areas a few typing mistakes from the one named, as `--area` names them here (`a.md/Systems`), by closeness in their file. */
  const similar: { name: string; rank: number }[] = [];
  for (const list of lists) {
    const doc = await loadModel(ctx.models, readOne(ctx, list));
    const target = options.top === true ? null : findTarget(doc, area);
    if (target?.kind !== 'missing') holders.push(list);
    else similar.push(...target.similar.map((name, rank) => ({ name: `${list.label}/${name}`, rank })));
  }
  if (holders.length !== 1)
    throw areaChoiceError(
      area,
      holders.map((list) => list.label),
      labels,
      similar.sort((a, b) => a.rank - b.rank).map(({ name }) => name),
    );
  return one(ctx, holders[0]!, args, options, run);
}

/**
 * A command without ids (a pick, --all with filters) or with `-` (ids on stdin): it runs once to choose,
 * with every list's papers to choose from (choose-targets.ts), and ends there, before it reads or writes
 * anything of its own, with the papers chosen; they are then routed as typed ids are, and the filters and
 * --all they used up are not passed on.
 */
async function pickAcross(
  ctx: CommandContext,
  lists: ListOfRepository[],
  args: unknown[],
  options: Record<string, unknown>,
  json: boolean,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
  mode: FilesMode,
): Promise<void> {
  const { ChosenAcross } = await import('./choose-targets.js');
  const chooser = narrowTo(ctx, lists[0]!);
  chooser.workspace = lists;
  try {
    await run(chooser, args, options);
  } catch (error) {
    if (!(error instanceof ChosenAcross)) throw error;
    const rest = { ...options };
    for (const key of error.usedUp) delete rest[key];
    // --all asked its one question (or was given --yes) for every list.
    if (error.usedUp.includes('all')) rest.yes = true;
    const chosen = error.targets;
    const routed = [Array.isArray(args[0]) ? chosen : chosen[0], ...args.slice(1)];
    return route(ctx, lists, chosen, routed, rest, json, run, mode);
  }
  throw new InternalError('a command of a repository of lists chose no papers across its lists');
}

async function route(
  ctx: CommandContext,
  lists: ListOfRepository[],
  ids: readonly Target[],
  args: unknown[],
  options: Record<string, unknown>,
  json: boolean,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
  mode: FilesMode = 'route',
): Promise<void> {
  const labels = lists.map((list) => list.label);
  const { papers } = await loadAllFacts(ctx);
  // Every id is resolved before anything is written: a typo stops the run with no file changed.
  const byFile = new Map<number, string[]>();
  for (const id of ids) {
    const paper = resolveAcross(papers, labels, id) as PaperFacts & InFile;
    const local = byFile.get(paper.fileIndex) ?? [];
    if (!local.includes(paper.localId)) local.push(paper.localId);
    byFile.set(paper.fileIndex, local);
  }
  // `--area 2024.md/Area`: an area of that file. `mv` takes papers of other files there, both files
  // changing together (move-between.ts); `set --area` moves a paper within its own list only.
  let moved = options;
  if (typeof options.area === 'string') {
    const named = areaInFile(labels, options.area);
    if (named) {
      const others = [...byFile.keys()].filter((index) => index !== named.fileIndex);
      if (others.length && mode !== 'move')
        throw new UsageError(
          `papers move within their own list: ${lists[others[0]!]!.label} holds ${byFile.get(others[0]!)![0]}, not ${labels[named.fileIndex]}; papers mv moves a paper to another list`,
        );
      moved = { ...options, area: named.area };
      if (others.length) {
        const { moveToList } = await import('./move-between.js');
        // The papers of each file move in one change of it and the target (move-between.ts); the target
        // file's own papers move after the others, in a write of their own. A paper named with another it
        // lies under would go with that one and then be missing for its own move: refused first, in every
        // file, before anything is written.
        for (const [fileIndex, localIds] of byFile) await refuseNested(ctx, lists[fileIndex]!, localIds);
        // Papers of several files: each file's move is planned first, with nothing written, so that one
        // that cannot go (a paper with sub-notes into a table) stops them all before any file changes.
        if (others.length > 1)
          for (const fileIndex of others) {
            const from = lists[fileIndex]!;
            await moveToList(ctx, from, byFile.get(fileIndex)!, lists[named.fileIndex]!, named.area, moved, true);
          }
        for (const fileIndex of others)
          await moveToList(ctx, lists[fileIndex]!, byFile.get(fileIndex)!, lists[named.fileIndex]!, named.area, moved);
        for (const fileIndex of others) byFile.delete(fileIndex);
        if (byFile.size === 0) return;
      }
    }
  }
  const calls = [...byFile].map(([fileIndex, local]) => ({
    list: lists[fileIndex]!,
    args: [Array.isArray(args[0]) ? local : local[0], ...args.slice(1)],
  }));
  if (calls.length === 1) return one(ctx, calls[0]!.list, calls[0]!.args, moved, run);
  await several(ctx, calls, moved, json, run);
}

/** Refuses papers of one list named together where one lies under another (a subtask, a sub-note's item). */
async function refuseNested(ctx: CommandContext, list: ListOfRepository, localIds: readonly string[]): Promise<void> {
  if (localIds.length < 2) return;
  const doc = await loadModel(ctx.models, readOne(ctx, list));
  const papers = localIds.map((id) => resolvePaper(doc.papers, id));
  for (const inner of papers) {
    const outer = papers.find((other) => other !== inner && goesWith(other, inner));
    if (outer)
      throw new UsageError(
        `"${inner.id}" is under "${outer.id}" in ${list.label} and moves with it; name only ${outer.id} (nothing was moved)`,
      );
  }
}

/** Once per list (`--area b.md/Area`: on that list's area only, as add and mv read it). */
function each(
  ctx: CommandContext,
  lists: ListOfRepository[],
  args: unknown[],
  options: Record<string, unknown>,
  json: boolean,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const named =
    typeof options.area === 'string'
      ? areaInFile(
          lists.map((list) => list.label),
          options.area,
        )
      : null;
  if (named) return one(ctx, lists[named.fileIndex]!, args, { ...options, area: named.area }, run);
  return several(
    ctx,
    lists.map((list) => ({ list, args })),
    options,
    json,
    run,
    options.dryRun !== true,
  );
}

/** Once on one list; its exit code (lint's findings) becomes the run's. */
async function one(
  ctx: CommandContext,
  list: ListOfRepository,
  args: unknown[],
  options: Record<string, unknown>,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
  stdout?: OutputStream,
): Promise<void> {
  const narrowed = narrowTo(ctx, list);
  if (stdout) narrowed.stdout = stdout;
  try {
    await run(narrowed, args, options);
  } finally {
    if (Object.hasOwn(narrowed, 'exitCode') && narrowed.exitCode !== undefined)
      ctx.exitCode = Math.max(ctx.exitCode ?? 0, narrowed.exitCode);
  }
}

/**
 * Once per list, in order. Under --json the outputs become one array, `[{file, result}]`; else each
 * list's output follows a `==> file <==` line (left out for diffs, which name their files).
 */
async function several(
  ctx: CommandContext,
  calls: { list: ListOfRepository; args: unknown[] }[],
  options: Record<string, unknown>,
  json: boolean,
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<void>,
  headers = true,
): Promise<void> {
  if (!json) {
    for (const [i, call] of calls.entries()) {
      if (headers) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${sanitize(call.list.label)} <==\n`);
      await one(ctx, call.list, call.args, options, run);
    }
    return;
  }
  const results: { file: string; result: unknown }[] = [];
  for (const call of calls) {
    let text = '';
    const capture: OutputStream = { write: (chunk: string) => (text += chunk), isTTY: false };
    await one(ctx, call.list, call.args, options, run, capture);
    let result: unknown = text;
    try {
      result = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    results.push({ file: call.list.label, result });
  }
  printJson(ctx, results);
}

/**
 * `--area 2024/OS` as a filter of a repository of lists (list, next, done --all): the area OS of 2024.md, as
 * add and mv read it, when no area is named so (a file's stem is also an area's name at times: then the area
 * it names wins). Outside a repository, the name as given.
 */
export function areaOfRepository(ctx: CommandContext, papers: readonly PaperFacts[], wanted: string): string {
  if (!ctx.workspace) return wanted;
  const areas = papers.map((paper) => paper.area);
  if (areaFilter(areas, wanted) !== null) return wanted;
  const labels = ctx.workspace.map((list) => list.label);
  const named = areaInFile(labels, wanted);
  if (!named) return wanted;
  const label = labels[named.fileIndex]!;
  const inFile = named.area === TOP_AREA ? label : `${label}/${named.area}`;
  return areaFilter(areas, inFile) !== null ? inFile : wanted;
}
