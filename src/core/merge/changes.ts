/** What changed in a list between two versions, by paper, in a few words (a commit message). Pure. */
import type { ListDocument, Paper } from '../model/paper.js';
import { matchPapers } from './match.js';

const stateOf = (paper: Paper) => (paper.read ? 'read' : paper.reading ? 'reading' : 'unread');

/** `marked 2 read, added 1, removed 1`; empty when no paper was added, removed, marked or moved. */
export function describeChanges(before: ListDocument, after: ListDocument): string {
  const matchable = (doc: ListDocument) =>
    doc.papers.map((paper) => ({
      title: paper.title,
      links: paper.links,
      text: doc.text.slice(paper.span.start, paper.span.end),
    }));
  const match = matchPapers(matchable(before), matchable(after));
  const counts = new Map<string, number>();
  const bump = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  const kept = new Set<number>();
  after.papers.forEach((paper, index) => {
    const was = before.papers[match[index]!];
    if (!was) return bump('added');
    kept.add(match[index]!);
    if (stateOf(was) !== stateOf(paper)) bump(`marked ${stateOf(paper)}`);
    if (was.area.join('/') !== paper.area.join('/')) bump('moved');
  });
  const removed = before.papers.length - kept.size;
  if (removed > 0) counts.set('removed', removed);
  const order = ['marked read', 'marked reading', 'marked unread', 'added', 'removed', 'moved'];
  return order
    .filter((what) => counts.has(what))
    .map((what) => {
      const [verb, state] = what.startsWith('marked') ? ['marked', what.slice(7)] : [what, ''];
      return `${verb} ${counts.get(what)}${state ? ` ${state}` : ''}`;
    })
    .join(', ');
}
