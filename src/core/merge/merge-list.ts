/**
 * A three-way merge of a reading list by paper, what `papers merge-driver` does for git.
 *
 * Each version (base, ours, theirs) is cut into its papers' blocks of lines and the text between them.
 * Papers are matched across versions by identity (match.ts); each block becomes one token standing for
 * its paper, and the summary counts' digits are masked. The token-and-line sequences are merged by
 * diff3, so that a paper changed on one side and left in place on the other is no change to the
 * sequence at all, and where both sides added (or moved in) papers at the same place, both are kept,
 * ours first. Each paper's own lines are then merged three ways (paper-text.ts). The result is read
 * back and checked: every paper once, where its side put it, with the state, title, venue and links
 * both sides' changes give it; where a paper cannot be merged so, it is written between git's conflict
 * markers (just that paper); where the list as a whole cannot, the merge says so and the caller merges
 * lines as git would. Last, the summary counts are written from the merged list. Pure.
 *
 * Over 400 lines as one file on purpose: the steps share the matched papers and the token sequence, and
 * the checks at the end only make sense read beside the merge they check.
 */
import { countEdits, findCounts, totalsOf } from '../read/counts.js';
import { applyEdits, type Edit } from '../write/splice.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { detectEol, hasLoneCr, nextLineStart } from '../model/text.js';
import type { ReadState } from '../read/formats/meanings.js';
import { setState } from '../write/operations.js';
import { diff3, resolveTrivially, sameItems } from './diff3.js';
import { matchPapers } from './match.js';
import { mergePaperText } from './paper-text.js';
import { formatArea } from '../query/areas.js';

export interface MergeLabels {
  ours: string;
  /** The base's label in the diff3 style (default `base`). */
  base?: string;
  theirs: string;
}

export interface MergeRequest {
  base: string;
  ours: string;
  theirs: string;
  /** The list's parser (with the repository's reading rules). */
  parse: (text: string) => ListDocument;
  labels?: MergeLabels;
  /** The length of git's conflict markers (git's %L; default 7). */
  markerSize?: number;
  /**
   * Conflicts show the base too, between `|||||||` and `=======` (git's merge.conflictStyle diff3 or
   * zdiff3); else ours and theirs only (git's default, merge).
   */
  diff3?: boolean;
}

/** A paper the two sides changed in ways that do not go together. */
export interface PaperConflict {
  title: string;
  why: string;
}

/** What the merge brings in from theirs, for a message. */
export interface MergeSummary {
  added: number;
  removed: number;
  marked: number;
  /** Count marks rewritten to agree with the merged list. */
  counts: number;
}

export type MergeOutcome =
  | { merged: true; text: string; conflicts: PaperConflict[]; textConflicts: number; summary: MergeSummary }
  | { merged: false; reason: string };

interface Block {
  start: number;
  end: number;
  paper: Paper;
  text: string;
}

interface Version {
  text: string;
  doc: ListDocument;
  blocks: Block[];
  keys: string[];
  byKey: Map<string, Block>;
  items: string[];
  /** How many count marks the text has (those outside papers are masked in `items`). */
  counts: number;
}

/** A paper's place in a sequence: its key after this mark (no list's text holds a NUL). */
const PAPER = '\u0000';
const isPaper = (item: string) => item.startsWith(PAPER);
const keyOf = (item: string) => item.slice(1);

type Entry = { line: string } | { key: string } | { conflict: true; base: string[]; ours: string[]; theirs: string[] };

export function mergeLists(request: MergeRequest): MergeOutcome {
  const { base, ours, theirs } = request;
  if (ours === theirs || theirs === base) return unchanged(ours);
  if (ours === base) return unchanged(theirs);
  for (const text of [base, ours, theirs]) {
    if (text.includes(PAPER)) return { merged: false, reason: 'the text holds a NUL character' };
    if (hasLoneCr(text)) return { merged: false, reason: 'the text has lone CR line endings' };
  }
  const o = version(base, request.parse);
  const a = version(ours, request.parse);
  const b = version(theirs, request.parse);
  if (!o || !a || !b) return { merged: false, reason: 'papers overlap on a line' };
  assignKeys(o, a, b);
  let failure = 'the merged list did not read back as both sides meant';
  for (const theirsFirst of [false, true]) {
    const conflicted = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const attempt = mergeOnce(request, o, a, b, theirsFirst, conflicted);
      if ('done' in attempt) return attempt.done;
      failure = attempt.failure;
      if (attempt.papers.length === 0) break;
      for (const key of attempt.papers) conflicted.add(key);
    }
  }
  return { merged: false, reason: failure };
}

function unchanged(text: string): MergeOutcome {
  return {
    merged: true,
    text,
    conflicts: [],
    textConflicts: 0,
    summary: { added: 0, removed: 0, marked: 0, counts: 0 },
  };
}

/** The end of a paper's block: the end of the line its span ends on, line ending included. */
function blockEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  return nextLineStart(text, end);
}

function version(text: string, parse: (text: string) => ListDocument): Version | null {
  const doc = parse(text);
  const blocks: Block[] = [];
  for (const paper of doc.papers) {
    const start = text.lastIndexOf('\n', paper.span.start - 1) + 1;
    const end = blockEnd(text, paper.span.end);
    const last = blocks[blocks.length - 1];
    if (last && start < last.end) {
      // A paper nested in another (a sub-item) travels with it.
      if (end <= last.end) continue;
      return null;
    }
    blocks.push({ start, end, paper, text: text.slice(start, end) });
  }
  return { text, doc, blocks, keys: [], byKey: new Map(), items: [], counts: 0 };
}

function assignKeys(o: Version, a: Version, b: Version): void {
  o.keys = o.blocks.map((_, index) => `o${index}`);
  const matchable = (block: Block) => ({ title: block.paper.title, links: block.paper.links, text: block.text });
  const toBase = (side: Version, name: string) => {
    const match = matchPapers(o.blocks.map(matchable), side.blocks.map(matchable));
    side.keys = side.blocks.map((_, index) => (match[index]! >= 0 ? o.keys[match[index]!]! : `${name}${index}`));
  };
  toBase(a, 'a');
  toBase(b, 'b');
  // A paper both sides added is one paper.
  const newA = a.blocks.flatMap((block, index) => (a.keys[index]!.startsWith('a') ? [{ block, index }] : []));
  const newB = b.blocks.flatMap((block, index) => (b.keys[index]!.startsWith('b') ? [{ block, index }] : []));
  if (newA.length && newB.length) {
    const match = matchPapers(
      newA.map(({ block }) => matchable(block)),
      newB.map(({ block }) => matchable(block)),
    );
    newB.forEach(({ index }, i) => {
      if (match[i]! >= 0) b.keys[index] = a.keys[newA[match[i]!]!.index]!;
    });
  }
  for (const side of [o, a, b]) {
    side.blocks.forEach((block, index) => side.byKey.set(side.keys[index]!, block));
    const masked = maskedCounts(side);
    side.counts = findCounts(side.text).length;
    const text = applyEdits(side.text, masked);
    // Offsets move by what the masks before them took out.
    const shift = (offset: number) =>
      offset +
      masked.filter((edit) => edit.end <= offset).reduce((sum, e) => sum + e.text.length - (e.end - e.start), 0);
    let at = 0;
    side.blocks.forEach((block, index) => {
      side.items.push(...lines(text.slice(shift(at), shift(block.start))), PAPER + side.keys[index]!);
      at = block.end;
    });
    side.items.push(...lines(text.slice(shift(at))));
  }
}

/** Summary counts outside every paper's block, their digits to be written as `0` in all three versions. */
function maskedCounts(side: Version): Edit[] {
  return findCounts(side.text)
    .filter((mark) => !side.blocks.some((block) => block.start <= mark.span.start && mark.span.end <= block.end))
    .map((mark) => ({ start: mark.span.start, end: mark.span.end, text: '0' }));
}

function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

interface Attempt {
  failure: string;
  /** Papers that did not read back as meant: merged again as conflicts. */
  papers: string[];
}

function mergeOnce(
  request: MergeRequest,
  o: Version,
  a: Version,
  b: Version,
  theirsFirst: boolean,
  conflicted: ReadonlySet<string>,
): Attempt | { done: MergeOutcome } {
  const entries: Entry[] = [];
  let textConflicts = 0;
  for (const chunk of diff3(o.items, a.items, b.items)) {
    if (chunk.stable) {
      for (const item of chunk.items) entries.push(entryOf(item));
      continue;
    }
    const resolved = resolveTrivially(chunk) ?? resolveByPaper(chunk, theirsFirst);
    if (resolved && !dropsChangedPaper(chunk, resolved, o, a, b)) {
      for (const item of resolved) entries.push(entryOf(item));
    } else {
      textConflicts++;
      entries.push({ conflict: true, base: chunk.base, ours: chunk.ours, theirs: chunk.theirs });
    }
  }

  // Every paper once: each one both sides kept, each one a side added; none twice.
  const seen = new Map<string, number>();
  for (const entry of entries) {
    if ('key' in entry) seen.set(entry.key, (seen.get(entry.key) ?? 0) + 1);
    if ('conflict' in entry) {
      for (const key of new Set([...entry.ours, ...entry.theirs].filter(isPaper).map(keyOf)))
        seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  for (const count of seen.values())
    if (count > 1) return { failure: `a paper would be in the list twice`, papers: [] };
  for (const key of new Set([...a.keys, ...b.keys])) {
    const kept = key.startsWith('o') ? a.byKey.has(key) && b.byKey.has(key) : true;
    if (kept && !seen.has(key)) return { failure: 'a paper would be lost', papers: [] };
  }

  // Each paper's own lines.
  const texts = new Map<string, string>();
  const conflicts: PaperConflict[] = [];
  const paperConflicts = new Set<string>();
  const expected = new Map<string, Facts>();
  for (const key of seen.keys()) {
    const merged = mergePaper(key, o, a, b);
    if (merged.facts) expected.set(key, merged.facts);
    if (merged.text !== null && !conflicted.has(key)) texts.set(key, merged.text);
    else {
      paperConflicts.add(key);
      const paper = (a.byKey.get(key) ?? b.byKey.get(key))!.paper;
      const why = conflicted.has(key)
        ? "both sides' changes to its line, put together, do not read as both meant"
        : (merged.why ?? 'both sides changed it, and the changes did not merge');
      conflicts.push({ title: paper.title, why });
    }
  }

  const eol = detectEol(request.ours);
  const size = request.markerSize ?? 7;
  const labels = request.labels ?? { ours: 'ours', theirs: 'theirs' };
  const sideText = (items: string[], side: Version) =>
    items.map((item) => (isPaper(item) ? side.byKey.get(keyOf(item))!.text : item)).join('');
  const withEol = (text: string) => (text === '' || text.endsWith('\n') ? text : text + eol);
  const baseSection = (baseText: string) =>
    request.diff3 ? `${'|'.repeat(size)} ${labels.base ?? 'base'}${eol}${withEol(baseText)}` : '';
  const markers = (oursText: string, baseText: string, theirsText: string) =>
    `${'<'.repeat(size)} ${labels.ours}${eol}${withEol(oursText)}${baseSection(baseText)}${'='.repeat(size)}${eol}${withEol(theirsText)}${'>'.repeat(size)} ${labels.theirs}${eol}`;

  // The text as written, and the text with every conflict taken as ours (read back to check it).
  let out = '';
  let check = '';
  const ranges: { key: string; start: number; end: number }[] = [];
  for (const entry of entries) {
    if ('line' in entry) {
      out += entry.line;
      check += entry.line;
    } else if ('key' in entry) {
      const ownText = texts.get(entry.key);
      if (ownText !== undefined) {
        out += ownText;
        ranges.push({ key: entry.key, start: check.length, end: check.length + ownText.length });
        check += ownText;
      } else {
        const oursText = a.byKey.get(entry.key)?.text ?? '';
        out += markers(oursText, o.byKey.get(entry.key)?.text ?? '', b.byKey.get(entry.key)?.text ?? '');
        check += withEol(oursText);
      }
    } else {
      out += markers(sideText(entry.ours, a), sideText(entry.base, o), sideText(entry.theirs, b));
      check += withEol(sideText(entry.ours, a));
    }
  }

  const blocks = version(check, request.parse);
  if (!blocks) return { failure: 'papers overlap on a line in the merged list', papers: [] };
  const { doc } = blocks;
  // Every merged paper is a block of its own where it was put, and says what both sides meant.
  const byStart = new Map(blocks.blocks.map((block) => [block.start, block]));
  const wrong: string[] = [];
  for (const range of ranges) {
    const block = byStart.get(range.start);
    if (!block || block.end !== range.end)
      return { failure: 'a merged paper did not read back as one paper', papers: [] };
    const want = expected.get(range.key);
    if (want && !sameFacts(factsOf(block.paper), want)) wrong.push(range.key);
  }
  if (wrong.length) return { failure: 'a merged paper did not read back as both sides meant', papers: wrong };

  // The summary counts, from the merged list.
  const marks = findCounts(out);
  if (textConflicts === 0 && a.counts === b.counts && marks.length !== a.counts)
    return { failure: 'the summary counts were not found again after the merge', papers: [] };
  const edits = countEdits(marks, totalsOf(doc.papers));
  const text = applyEdits(out, edits);
  const before = findCounts(a.text).map((mark) => mark.value);
  const after = findCounts(text).map((mark) => mark.value);
  const changedCounts = after.filter((value, index) => value !== before[index]).length;
  return {
    done: {
      merged: true,
      text,
      conflicts,
      textConflicts,
      summary: summaryOf(o, b, changedCounts),
    },
  };
}

function entryOf(item: string): Entry {
  return isPaper(item) ? { key: keyOf(item) } : { line: item };
}

// ---------------------------------------------------------------------------------------------
// A chunk both sides changed: papers added on both sides, moved, removed

interface Unit {
  key: string;
  items: string[];
}

const BLANK = /^[ \t]*\r?\n?$/;

/**
 * Items in units: a paper or a line of text, with the blank lines after it (blank lines before the first
 * one are a unit of their own).
 */
function unitsOf(items: readonly string[]): Unit[] {
  const units: Unit[] = [];
  for (const item of items) {
    const last = units[units.length - 1];
    if (!isPaper(item) && BLANK.test(item)) {
      if (last) last.items.push(item);
      else units.push({ key: `B${item}`, items: [item] });
      continue;
    }
    units.push({ key: isPaper(item) ? item : `T${item}`, items: [item] });
  }
  return units;
}

/**
 * Where both sides changed the same stretch: the papers of one side in its order, the other side's new
 * papers after the paper that came before them on that side (after the first side's own new ones there);
 * papers one side removed or moved away are gone. Only when the text between the papers merges as git
 * would merge it (one side changed it, or both the same way); else null, a conflict.
 */
function resolveByPaper(
  chunk: { base: string[]; ours: string[]; theirs: string[] },
  theirsFirst: boolean,
): string[] | null {
  const base = unitsOf(chunk.base);
  const [first, second] = theirsFirst
    ? [unitsOf(chunk.theirs), unitsOf(chunk.ours)]
    : [unitsOf(chunk.ours), unitsOf(chunk.theirs)];
  const keys = (units: Unit[]) => units.map((unit) => unit.key);
  for (const units of [base, first, second]) if (new Set(keys(units)).size !== units.length) return null;
  const textOf = (units: Unit[]) => keys(units).filter((key) => !isPaper(key));
  const expectedText = resolveTrivially({ base: textOf(base), ours: textOf(first), theirs: textOf(second) });
  if (!expectedText) return null;
  const inBase = new Set(keys(base));
  const inFirst = new Set(keys(first));
  const inSecond = new Set(keys(second));
  const result = first.filter((unit) => !(inBase.has(unit.key) && !inSecond.has(unit.key)));
  second.forEach((unit, index) => {
    if (inBase.has(unit.key) || inFirst.has(unit.key)) return;
    let at = 0;
    for (let j = index - 1; j >= 0; j--) {
      const found = result.findIndex((other) => other.key === second[j]!.key);
      if (found >= 0) {
        at = found + 1;
        break;
      }
    }
    while (at < result.length && !inBase.has(result[at]!.key) && !inSecond.has(result[at]!.key)) at++;
    result.splice(at, 0, unit);
  });
  if (!sameItems(textOf(result), expectedText)) return null;
  return result.flatMap((unit) => unit.items);
}

/** A paper in another area than the base's: moved. */
function movedAway(base: Block, now: Block): boolean {
  return factsOf(now.paper).area !== factsOf(base.paper).area;
}

/**
 * A paper one side changed where it was (or moved within the stretch both sides changed) and the other
 * removed: git's modify/delete (rename/delete) conflict, kept as one (never lose what a side wrote).
 */
function dropsChangedPaper(
  chunk: { base: string[]; ours: string[]; theirs: string[] },
  resolved: readonly string[],
  o: Version,
  a: Version,
  b: Version,
): boolean {
  const kept = new Set(resolved);
  for (const item of chunk.base) {
    if (!isPaper(item) || kept.has(item)) continue;
    const key = keyOf(item);
    const before = o.byKey.get(key)!.text;
    for (const [side, other, items] of [
      [a, b, chunk.ours],
      [b, a, chunk.theirs],
    ] as const) {
      if (!items.includes(item) || other.byKey.has(key)) continue;
      const now = side.byKey.get(key)!;
      if (now.text !== before || movedAway(o.byKey.get(key)!, now)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// One paper

interface Facts {
  state: string;
  title: string;
  venue: string;
  area: string;
  links: string[];
}

function factsOf(paper: Paper): Facts {
  return {
    state: paper.read ? 'read' : paper.reading ? 'reading' : 'unread',
    title: paper.title,
    venue: paper.venue ?? '',
    area: paper.area.join('\u0001'),
    links: paper.links.map((link) => `${link.label}\u0001${link.url}`).sort(),
  };
}

function sameFacts(got: Facts, want: Facts): boolean {
  return (
    got.state === want.state &&
    got.title === want.title &&
    got.venue === want.venue &&
    got.area === want.area &&
    sameItems(got.links, want.links)
  );
}

const CONFLICT = Symbol('conflict');

function pick<T>(base: T, ours: T, theirs: T): T | typeof CONFLICT {
  if (ours === base) return theirs;
  if (theirs === base || theirs === ours) return ours;
  return CONFLICT;
}

/** Links: what both kept, and what either added (a multiset). */
function mergeLinks(base: string[], ours: string[], theirs: string[]): string[] {
  const count = (list: string[]) => {
    const map = new Map<string, number>();
    for (const item of list) map.set(item, (map.get(item) ?? 0) + 1);
    return map;
  };
  const [o, a, b] = [count(base), count(ours), count(theirs)];
  const out: string[] = [];
  for (const link of new Set([...base, ...ours, ...theirs])) {
    const [n, x, y] = [o.get(link) ?? 0, a.get(link) ?? 0, b.get(link) ?? 0];
    const times = Math.max(0, Math.min(n, x, y) + Math.max(0, x - n) + Math.max(0, y - n));
    for (let i = 0; i < times; i++) out.push(link);
  }
  return out.sort();
}

function mergePaper(
  key: string,
  o: Version,
  a: Version,
  b: Version,
): { text: string | null; facts?: Facts; why?: string } {
  const [inO, inA, inB] = [o.byKey.get(key), a.byKey.get(key), b.byKey.get(key)];
  if (!inO) {
    if (inA && inB) {
      if (inA.text === inB.text) return { text: inA.text, facts: factsOf(inA.paper) };
      return { text: null, why: 'both sides added it, differently' };
    }
    const only = (inA ?? inB)!;
    return { text: only.text, facts: factsOf(only.paper) };
  }
  if (!inA || !inB) {
    const only = (inA ?? inB)!;
    // Moved on one side, removed on the other: git's rename/delete, a conflict (the moved paper is kept
    // between the markers, in its new place, as git leaves the renamed file in the tree).
    if (movedAway(inO, only)) {
      const [mover, remover] = inA ? ['ours', 'theirs'] : ['theirs', 'ours'];
      return { text: null, why: `${mover} moved it to ${formatArea(only.paper.area)}, ${remover} removed it` };
    }
    return { text: only.text, facts: factsOf(only.paper) };
  }
  const [fo, fa, fb] = [factsOf(inO.paper), factsOf(inA.paper), factsOf(inB.paper)];
  const state = pick(fo.state, fa.state, fb.state);
  const title = pick(fo.title, fa.title, fb.title);
  const venue = pick(fo.venue, fa.venue, fb.venue);
  const area = pick(fo.area, fa.area, fb.area);
  if (state === CONFLICT) return { text: null, why: `ours marks it ${fa.state}, theirs ${fb.state}` };
  if (title === CONFLICT) return { text: null, why: 'both sides changed its title' };
  if (venue === CONFLICT) return { text: null, why: 'both sides changed its venue' };
  if (area === CONFLICT) return { text: null, why: 'the two sides moved it to different areas' };
  const facts = { state, title, venue, area, links: mergeLinks(fo.links, fa.links, fb.links) };
  const text =
    mergePaperText(inO.text, inA.text, inB.text) ?? withStateOf(fo, fb, a.doc, inA) ?? withStateOf(fo, fa, b.doc, inB);
  return text === null ? { text, facts, why: 'both sides changed the same part of it' } : { text, facts };
}

/**
 * Where one side only marked the paper (read, unread, in progress) and the other rewrote its line (a
 * table row made a task item by mv or convert), the mark written on the rewritten line, as `done` would
 * write it there. Null when the marking side changed more than the state, or the mark cannot be written.
 */
function withStateOf(baseFacts: Facts, markedFacts: Facts, otherDoc: ListDocument, other: Block): string | null {
  if (markedFacts.state === baseFacts.state) return null;
  if (!sameFacts({ ...markedFacts, state: baseFacts.state }, baseFacts)) return null;
  try {
    const change = setState(otherDoc, other.paper, markedFacts.state as ReadState);
    if (change.edits.some((edit) => edit.start < other.start || edit.end > other.end)) return null;
    return applyEdits(
      other.text,
      change.edits.map((edit) => ({ ...edit, start: edit.start - other.start, end: edit.end - other.start })),
    );
  } catch {
    return null;
  }
}

function summaryOf(o: Version, b: Version, counts: number): MergeSummary {
  let added = 0;
  let marked = 0;
  for (const key of b.keys) {
    const before = o.byKey.get(key);
    if (!before) added++;
    else if (factsOf(before.paper).state !== factsOf(b.byKey.get(key)!.paper).state) marked++;
  }
  const removed = o.keys.filter((key) => !b.byKey.has(key)).length;
  return { added, removed, marked, counts };
}
