/** Finding papers: by what the user typed for `<id>`, and by `list` filters. */
import { AmbiguousError, NotFoundError } from './errors.js';
import type { Heading, Paper, PaperFacts } from './model.js';
import { venueMatches } from './venue.js';

/**
 * `<id>` accepts an id, a unique id prefix, the number `list` shows, or a unique case-insensitive piece
 * of the title, tried in that order.
 */
export function resolvePaper(papers: Paper[], query: string): Paper {
  const wanted = query.trim().toLowerCase();
  const exact = papers.find((paper) => paper.id === wanted);
  if (exact) return exact;
  if (/^\d+$/.test(wanted)) {
    const byNumber = papers.find((paper) => paper.number === Number(wanted));
    if (byNumber) return byNumber;
  }
  const byPrefix = papers.filter((paper) => paper.id.startsWith(wanted));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) throw ambiguous(query, byPrefix);
  const byTitle = papers.filter((paper) => paper.title.toLowerCase().includes(wanted));
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) throw ambiguous(query, byTitle);
  const close = closestIds(papers, wanted);
  const hint = close.length ? `; did you mean ${close.map((id) => `"${id}"`).join(' or ')}?` : '; run `papers list` to see the ids';
  return raise(new NotFoundError(`no paper matches "${query}"${hint}`));
}

function raise(error: Error): never {
  throw error;
}

function ambiguous(query: string, matches: Paper[]): AmbiguousError {
  const shown = matches.slice(0, 8).map((paper) => `${paper.id} (#${paper.number})`).join(', ');
  const more = matches.length > 8 ? `, and ${matches.length - 8} more` : '';
  return new AmbiguousError(`"${query}" matches ${matches.length} papers: ${shown}${more}; give more of the id`);
}

function closestIds(papers: Paper[], wanted: string): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return papers
    .map((paper) => ({ id: paper.id, distance: editDistance(paper.id.slice(0, wanted.length + 2), wanted) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((entry) => entry.id);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export interface PaperFilter {
  read?: boolean;
  area?: string;
  venue?: string;
  year?: number;
  search?: string;
}

export function filterPapers<T extends PaperFacts>(papers: T[], filter: PaperFilter): T[] {
  const area = filter.area === undefined ? null : parseAreaPath(filter.area);
  const search = filter.search?.toLowerCase();
  return papers.filter(
    (paper) =>
      (filter.read === undefined || paper.read === filter.read) &&
      (area === null || areaContains(paper.area, area)) &&
      (filter.venue === undefined || venueMatches(paper.venue, filter.venue)) &&
      (filter.year === undefined || paper.year === filter.year) &&
      (search === undefined || searchText(paper).includes(search)),
  );
}

function searchText(paper: PaperFacts): string {
  return [paper.title, paper.venue ?? '', paper.area.join(' ')].join('\n').toLowerCase();
}

/** `A/B` -> [`A`, `B`]; a slash inside a heading name is written `\/`. */
export function parseAreaPath(path: string): string[] {
  return path
    .split(/(?<!\\)\//)
    .map((part) => part.replace(/\\\//g, '/').trim())
    .filter((part) => part !== '');
}

/** The inverse of parseAreaPath. */
export function formatAreaPath(path: string[]): string {
  return path.map((part) => part.replace(/\//g, '\\/')).join('/');
}

function sameName(a: string, b: string): boolean {
  if (a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0) return true;
  // A heading's leading emoji (`## 🚀 LLM Inference`) may be left out: `--area "LLM Inference"`.
  const bare = (name: string) => name.replace(LEADING_EMOJI, '');
  return bare(a) !== a && bare(a).localeCompare(bare(b), undefined, { sensitivity: 'accent' }) === 0;
}

const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}][\uFE0F\u200D\p{Extended_Pictographic}]*\s*)+/u;

/** Is `wanted` a run of consecutive headings in `area`? `MLSys` and `MLSys/DNN Compiler` both hold DNN Compiler's papers. */
export function areaContains(area: string[], wanted: string[]): boolean {
  if (wanted.length === 0) return true;
  for (let i = 0; i + wanted.length <= area.length; i++) {
    if (wanted.every((part, j) => sameName(area[i + j]!, part))) return true;
  }
  return false;
}

/** Headings (areas) whose path ends with `wanted`: `DNN Compiler` or `MLSys/DNN Compiler`. */
export function findAreas(headings: Heading[], wanted: string[]): Heading[] {
  return headings.filter(
    (heading) =>
      !heading.isDocumentTitle &&
      heading.path.length >= wanted.length &&
      wanted.every((part, j) => sameName(heading.path[heading.path.length - wanted.length + j]!, part)),
  );
}
