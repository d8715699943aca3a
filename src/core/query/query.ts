/** Finding papers: by what the user typed for `<id>`, and by `list` filters. */
import { AmbiguousError, NotFoundError } from '../model/errors.js';
import { areaFilter, editDistance, formatArea } from './areas.js';
import type { PaperFacts } from '../model/paper.js';
import { venueMatches } from '../read/venue.js';

/** A paper named unambiguously by the program itself (a pick on a terminal): its exact id, nothing else. */
export interface PaperRef {
  id: string;
}

/** Several papers match what the user typed: the CLI lists them (and on a terminal, asks which). */
export class AmbiguousPaperError extends AmbiguousError {
  constructor(
    readonly query: string,
    readonly candidates: PaperFacts[],
  ) {
    super(ambiguousMessage(query, candidates));
  }
}

/**
 * `<id>` is read in this order; the first rule that applies decides:
 *  1. a plain number (`3`) is the row number `list` shows (`#`), always;
 *  2. a paper's id (`rammer`);
 *  3. a paper's whole title, any case;
 *  4. the start of an id or of words in a title (`ram`, `holistic`, `attention is`): only when exactly
 *     one paper matches in either way; otherwise every paper that does is a candidate;
 *  5. a piece of a title anywhere (`olistic`), only when exactly one title holds it.
 * Rules 4 and 5 never choose between candidates: several matches are an AmbiguousPaperError.
 */
export function resolvePaper<T extends PaperFacts>(papers: readonly T[], query: string | PaperRef): T {
  const paper = findPaper(papers, query);
  // (the rule that decided, for a caller that asked: see RESOLUTIONS)
  (papers as ResolutionLog)[RESOLUTIONS]?.push({ paper, rule: ruleOf(paper, query) });
  return paper;
}

/**
 * A caller that must know how each paper was found (the store, which checks a cached model's answer
 * against the text before a write) puts an array under this key of the papers it passes; resolvePaper
 * adds one entry per paper it returns. `number`: rule 1; `id`: rule 2 (or a PaperRef); `other`: 3-5.
 */
export const RESOLUTIONS = Symbol.for('papers.resolutions');
export interface Resolution {
  paper: PaperFacts;
  rule: 'number' | 'id' | 'other';
}
export interface ResolutionLog {
  [RESOLUTIONS]?: Resolution[];
}

function ruleOf(paper: PaperFacts, query: string | PaperRef): Resolution['rule'] {
  if (typeof query !== 'string') return 'id';
  const wanted = typedForm(query);
  return /^\d+$/.test(wanted) ? 'number' : paper.id === wanted ? 'id' : 'other';
}

/**
 * What the user typed, as ids are written: trimmed, lower case, composed (NFC: ids are, see model/ids.ts).
 * Titles are compared in the same form.
 */
export function typedForm(query: string): string {
  return query.trim().toLowerCase().normalize('NFC');
}

function findPaper<T extends PaperFacts>(papers: readonly T[], query: string | PaperRef): T {
  if (typeof query !== 'string') {
    const found = papers.find((paper) => paper.id === query.id);
    if (!found) throw new NotFoundError(`no paper has the id "${query.id}" any more; the list changed`);
    return found;
  }
  const wanted = typedForm(query);
  if (wanted === '') throw new NotFoundError('an empty id names no paper');
  if (/^\d+$/.test(wanted)) {
    const byNumber = papers[Number(wanted) - 1];
    if (byNumber && byNumber.number === Number(wanted)) return byNumber;
    const found = papers.find((paper) => paper.number === Number(wanted));
    if (found) return found;
    throw new NotFoundError(
      `no paper #${wanted}: the list has ${papers.length} paper${papers.length === 1 ? '' : 's'} (a number is the # that \`papers list\` shows)`,
    );
  }
  const exact = papers.find((paper) => paper.id === wanted);
  if (exact) return exact;
  // Titles as the query is read (composed: a list saved decomposed, as some macOS tools and PDF copies
  // write it, is found by what a keyboard types, and by text pasted from it).
  const titles = papers.map((paper) => typedForm(paper.title));
  const byTitle = papers.filter((_, i) => titles[i] === wanted);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) throw new AmbiguousPaperError(query, byTitle);
  const words = wordsOf(wanted);
  const byStart = papers.filter((paper, i) => paper.id.startsWith(wanted) || startsWords(wordsOf(titles[i]!), words));
  if (byStart.length === 1) return byStart[0]!;
  if (byStart.length > 1) throw new AmbiguousPaperError(query, byStart);
  const byPiece = papers.filter((_, i) => titles[i]!.includes(wanted));
  if (byPiece.length === 1) return byPiece[0]!;
  if (byPiece.length > 1) throw new AmbiguousPaperError(query, byPiece);
  const close = closestIds(papers, wanted);
  const hint = close.length
    ? `; did you mean ${close.map((id) => `"${id}"`).join(' or ')}?`
    : '; run `papers list` to see the ids';
  throw new NotFoundError(`no paper matches "${query}"${hint}`);
}

/** Lower-case words of letters and digits: `Self-Attention Is` -> [self, attention, is]. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Whether `query` appears in `title` at the start of a word: its words in a row, the last one
 * possibly cut short (`attention is al` in "Attention Is All You Need").
 */
export function startsWords(title: readonly string[], query: readonly string[]): boolean {
  if (query.length === 0) return false;
  const last = query.length - 1;
  for (let i = 0; i + last < title.length; i++) {
    let k = 0;
    while (k < last && title[i + k] === query[k]) k++;
    if (k === last && title[i + last]!.startsWith(query[last]!)) return true;
  }
  return false;
}

function ambiguousMessage(query: string, matches: readonly PaperFacts[]): string {
  const shown = matches
    .slice(0, 8)
    .map((paper) => `#${paper.number} ${paper.id} "${shortTitle(paper.title)}"`)
    .join(', ');
  const more = matches.length > 8 ? `, and ${matches.length - 8} more` : '';
  return `"${query}" matches ${matches.length} papers: ${shown}${more}; give an id or a # from the list`;
}

function shortTitle(title: string): string {
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

function closestIds(papers: readonly PaperFacts[], wanted: string): string[] {
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

/**
 * Where a paper goes or is, as messages say it: the area path, or in a repository of several lists its
 * file too, as `list` shows them (`b.md › Systems`, `b.md` for its top).
 */
export function formatPlace(area: readonly string[], file?: string): string {
  if (file === undefined) return formatAreaPath(area);
  return area.length ? `${file} › ${formatAreaPath(area)}` : file;
}
