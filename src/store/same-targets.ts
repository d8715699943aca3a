/**
 * The re-plan guard's facts (transaction.ts): a plan made again on a text that changed under the lock must
 * do the same thing (samePlan) to the same papers, by identity and place, not by what a message says: two
 * papers may share a name. Loaded only on a re-plan.
 */
import type { Paper } from '../core/model/paper.js';
import type { Change } from '../core/write/change.js';
import type { Planned } from './transaction.js';

/** The plan made again does what the first one did, to the same papers. */
export function samePlan(a: Planned, b: Planned): boolean {
  return sameEffect(a.change, b.change) && sameTargets(a, b);
}

/**
 * The same edits, apart from where they fall (the text moved) and the summary counts' digits (they follow
 * the papers): each replaces as many characters with the same text; the same areas made; the same counts.
 */
function sameEffect(a: Change, b: Change): boolean {
  const effect = (change: Change) =>
    change.edits.filter((edit) => !/^\d+$/.test(edit.text)).map((edit) => [edit.end - edit.start, edit.text]);
  const areas = (change: Change) => change.createdAreas.map((path) => path.join('\u0000'));
  return (
    JSON.stringify(effect(a)) === JSON.stringify(effect(b)) &&
    JSON.stringify(areas(a)) === JSON.stringify(areas(b)) &&
    a.delta?.total === b.delta?.total &&
    a.delta?.read === b.delta?.read
  );
}

/**
 * The papers two plans touch (whose items hold an edit, or were removed) are the same papers: one by one
 * the same id, title and venue, and where a paper lies in text both versions share (before or after
 * everything that changed) the same place in it, elsewhere the same item byte for byte. Names alone are
 * not enough: two papers may share one.
 */
function sameTargets(a: Planned, b: Planned): boolean {
  const [before, after] = [touched(a), touched(b)];
  if (before.length !== after.length) return false;
  const [oldText, newText] = [a.stored.text, b.stored.text];
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  )
    suffix++;
  const shift = newText.length - oldText.length;
  return before.every((paper, i) => {
    const other = after[i]!;
    if (paper.id !== other.id || paper.title !== other.title || paper.venue !== other.venue) return false;
    // (An identical item an editor put in another area is another paper.)
    if (paper.area.join('\u0000') !== other.area.join('\u0000')) return false;
    if (paper.span.end <= prefix) return other.span.start === paper.span.start && other.span.end === paper.span.end;
    if (paper.span.start >= oldText.length - suffix)
      return other.span.start === paper.span.start + shift && other.span.end === paper.span.end + shift;
    // In the text that changed: the same item, byte for byte (a paper of the same title, venue and id an
    // editor put there, or this one changed meanwhile, is another item to write on).
    return oldText.slice(paper.span.start, paper.span.end) === newText.slice(other.span.start, other.span.end);
  });
}

/** The papers a plan's edits fall in (the innermost item holding each), then those it removes. */
function touched(planned: Planned): Paper[] {
  const { papers } = planned.doc;
  const found: Paper[] = [];
  for (const edit of planned.change.edits) {
    let inner: Paper | undefined;
    for (const paper of papers) {
      if (paper.span.start > edit.start) break;
      if (edit.start < paper.span.end || paper.checkbox.start === edit.start) inner = paper;
    }
    if (inner && !found.includes(inner)) found.push(inner);
  }
  return [...found, ...planned.change.removed.filter((paper) => !found.some((other) => other.id === paper.id))];
}
