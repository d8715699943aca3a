/** Read/total counts per group: the area tree (heading levels), venues or years. Pure. */
import type { Heading, PaperFacts } from '../model/paper.js';
import { parseVenue } from '../read/venue.js';

export type StatsBy = 'area' | 'venue' | 'year';

export interface Count {
  read: number;
  total: number;
}

export interface StatsGroup extends Count {
  /** What the group is called: the heading text, the venue name, the year. */
  name: string;
  /** For areas, the heading path (outermost first); for venues and years, `[name]`. */
  path: string[];
  /** 0 for a top-level group; sub-areas are deeper. */
  depth: number;
}

const NO_AREA = '(no area)';
const NO_VENUE = '(no venue)';
const NO_YEAR = '(no year)';

export function countOf(papers: readonly PaperFacts[]): Count {
  let read = 0;
  for (const paper of papers) if (paper.read) read++;
  return { read, total: papers.length };
}

/** Percent read, rounded down (so that 99.6% never shows as 100% before the last paper). */
export function percent(count: Count): number {
  return count.total === 0 ? 0 : Math.floor((count.read * 100) / count.total);
}

/**
 * The area tree in document order: one node per distinct heading path (a heading that appears twice
 * with the same path is one area, as `--area` sees it), each counting the papers in it and below it.
 * With `keepEmpty` false, areas without papers are left out. Papers above every heading come first as
 * `(no area)`.
 */
export function areaTree(
  headings: readonly Heading[],
  papers: readonly PaperFacts[],
  keepEmpty: boolean,
): StatsGroup[] {
  const nodes = new Map<string, StatsGroup>();
  for (const heading of headings) {
    if (heading.isDocumentTitle || heading.path.length === 0) continue;
    const key = keyOf(heading.path);
    if (!nodes.has(key))
      nodes.set(key, { name: heading.text, path: heading.path, depth: heading.path.length - 1, read: 0, total: 0 });
  }
  const loose: Count = { read: 0, total: 0 };
  for (const paper of papers) {
    if (paper.area.length === 0) {
      loose.total++;
      if (paper.read) loose.read++;
      continue;
    }
    for (let depth = 1; depth <= paper.area.length; depth++) {
      const node = nodes.get(keyOf(paper.area.slice(0, depth)));
      if (!node) continue;
      node.total++;
      if (paper.read) node.read++;
    }
  }
  const groups = [...nodes.values()].filter((node) => keepEmpty || node.total > 0);
  if (loose.total > 0) groups.unshift({ name: NO_AREA, path: [], depth: 0, ...loose });
  return groups;
}

/** Papers by venue name (`OSDI'20` and `OSDI'22` are both `OSDI`), biggest first; or by year, oldest first. */
export function groupPapers(papers: readonly PaperFacts[], by: 'venue' | 'year'): StatsGroup[] {
  const groups = new Map<string, StatsGroup>();
  const order: string[] = [];
  for (const paper of papers) {
    const name = by === 'year' ? (paper.year === null ? NO_YEAR : String(paper.year)) : venueName(paper.venue);
    const key = by === 'venue' ? name.toLowerCase() : name;
    let group = groups.get(key);
    if (!group) {
      groups.set(key, (group = { name, path: [name], depth: 0, read: 0, total: 0 }));
      order.push(key);
    }
    group.total++;
    if (paper.read) group.read++;
  }
  const list = order.map((key) => groups.get(key)!);
  const missing = by === 'year' ? NO_YEAR : NO_VENUE;
  const known = list.filter((group) => group.name !== missing);
  const unknown = list.filter((group) => group.name === missing);
  if (by === 'year') known.sort((a, b) => Number(a.name) - Number(b.name));
  else known.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return [...known, ...unknown];
}

function venueName(venue: string | null): string {
  if (venue === null || venue.trim() === '') return NO_VENUE;
  return parseVenue(venue)?.name ?? venue.trim();
}

function keyOf(path: readonly string[]): string {
  return path.map((part) => part.toLowerCase()).join('\u0000');
}
