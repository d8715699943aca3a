/** Finding papers: by what the user typed for `<id>`, and by `list` filters. */
import { AmbiguousError, NotFoundError } from '../model/errors.js';
import { areaFilter, editDistance, formatArea } from './areas.js';
import type { Paper, PaperFacts } from '../model/paper.js';
import { venueMatches } from '../read/venue.js';

/**
 * `<id>` accepts, in this order: an id, a title (whole, any case), a unique id prefix, the number
 * `list` shows, or a unique case-insensitive piece of the title. Whatever names one paper exactly
 * wins over what names it only in part.
 */
export function resolvePaper(papers: Paper[], query: string): Paper {
  const wanted = query.trim().toLowerCase();
  const exact = papers.find((paper) => paper.id === wanted);
  if (exact) return exact;
  const byTitle = papers.filter((paper) => paper.title.toLowerCase() === wanted);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) throw ambiguous(query, byTitle);
  const byPrefix = papers.filter((paper) => paper.id.startsWith(wanted));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (/^\d+$/.test(wanted)) {
    const byNumber = papers.find((paper) => paper.number === Number(wanted));
    if (byNumber) return byNumber;
  }
  if (byPrefix.length > 1) throw ambiguous(query, byPrefix);
  const byPiece = papers.filter((paper) => paper.title.toLowerCase().includes(wanted));
  if (byPiece.length === 1) return byPiece[0]!;
  if (byPiece.length > 1) throw ambiguous(query, byPiece);
  const close = closestIds(papers, wanted);
  const hint = close.length
    ? `; did you mean ${close.map((id) => `"${id}"`).join(' or ')}?`
    : '; run `papers list` to see the ids';
  return raise(new NotFoundError(`no paper matches "${query}"${hint}`));
}

function raise(error: Error): never {
  throw error;
}

function ambiguous(query: string, matches: Paper[]): AmbiguousError {
  const shown = matches
    .slice(0, 8)
    .map((paper) => `${paper.id} (#${paper.number})`)
    .join(', ');
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

/**
 * The index of the paper whose checkbox (or status marker) starts at `offset`, or -1: papers are in
 * document order, so their checkboxes are too (a binary search, no index of every paper).
 */
export function paperIndexAtCheckbox(papers: readonly PaperFacts[], offset: number): number {
  let lo = 0;
  let hi = papers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = papers[mid]!.checkbox.start;
    if (start === offset) return mid;
    if (start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface PaperFilter {
  /** read, being read, or neither (unread). */
  state?: 'read' | 'reading' | 'unread';
  area?: string;
  venue?: string;
  year?: number;
  search?: string;
}

export function filterPapers<T extends PaperFacts>(papers: T[], filter: PaperFilter): T[] {
  const inArea =
    filter.area === undefined
      ? null
      : areaFilter(
          papers.map((paper) => paper.area),
          filter.area,
        );
  if (filter.area !== undefined && inArea === null) return [];
  const search = filter.search?.toLowerCase();
  return papers.filter(
    (paper) =>
      (filter.state === undefined || (paper.read ? 'read' : paper.reading ? 'reading' : 'unread') === filter.state) &&
      (inArea === null || inArea(paper.area)) &&
      (filter.venue === undefined || venueMatches(paper.venue, filter.venue)) &&
      (filter.year === undefined || paper.year === filter.year) &&
      (search === undefined || searchText(paper).includes(search)),
  );
}

function searchText(paper: PaperFacts): string {
  return [paper.title, paper.venue ?? '', paper.area.join(' ')].join('\n').toLowerCase();
}

/** An area path as printed everywhere (`MLSys/DNN Compiler`, `/` for the top of the file). */
export const formatAreaPath = formatArea;
