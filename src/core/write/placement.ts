/**
 * Where a new or moved item goes: the target area for an `--area` value (created when missing), the place
 * after the area's own items, and the prefix and spacing the neighbours there use.
 */
import { InvalidInputError, NearMissAreaError, UsageError } from '../model/errors.js';
import { escapeHeading } from './markdown-escape.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { type AreaTarget, findTarget, footerStart, TOP_AREA } from '../query/areas.js';
import { formatAreaPath } from '../query/query.js';
import { itemPrefix } from './render.js';
import { cleanArea } from './validate.js';
import { lineEnd, lineStart, nextLineStart, THEMATIC_BREAK } from '../model/text.js';

/** ` (new area A/B)` or ` (the last of 2 "A" sections; ...)`: what a message adds about where it went. */
export function placementNote(placement: Placement): string {
  if (placement.createdAreas.length) return ` (new area ${placement.createdAreas.map(formatAreaPath).join(', ')})`;
  return placement.note ? ` (${placement.note})` : '';
}

export interface Placement {
  at: number;
  text: string;
  areaPath: string[];
  createdAreas: string[][];
  /** Which of several sections of the same name was taken, when there are several. */
  note: string | null;
}

/** Writes the new item's line; `areaItems` are the target area's own items (none for a new area). */
export type ItemWriter = (prefix: string, styleNear: Paper | null, areaItems: Paper[]) => string;

/**
 * The target of `add`/`mv` for an `--area` value (see areas.ts); `/` is the top of the file. `file`: the
 * list's name in a repository of several lists, for the near-miss error (see NearMissAreaError).
 */
export function targetOf(doc: ListDocument, area: string, create = true, file?: string): AreaTarget {
  if (area.trim() === '')
    throw new UsageError(
      `--area is empty; give a heading name, a path like "MLSys/DNN Compiler", or ${TOP_AREA} for the top of the file`,
    );
  const target = findTarget(doc, cleanArea(area));
  // A new name a few typing mistakes from an existing area is refused unless creating is meant.
  if (target.kind === 'missing' && !create && target.similar.length) {
    throw new NearMissAreaError(
      formatAreaPath([...(target.parent?.path ?? []), ...target.missing]),
      target.similar,
      file,
    );
  }
  return target;
}

/**
 * At the end of the area's own items; in an area without items, after its own text; a missing area
 * (or the missing end of a path) is created as headings at the end of its parent's section. The top
 * of the file (`/`) is the place above the first area heading.
 */
export function place(doc: ListDocument, target: AreaTarget, write: ItemWriter): Placement {
  const placement = placeAt(doc, target, write, null);
  // A file with nothing in it gets its final line ending.
  if (doc.text.slice(doc.contentStart).trim() === '' && placement.at === doc.text.length) placement.text += doc.eol;
  return placement;
}

export function placeAt(doc: ListDocument, target: AreaTarget, write: ItemWriter, moving: Paper | null): Placement {
  const eol = doc.eol;
  if (target.kind !== 'missing') {
    const heading = target.kind === 'heading' ? doc.headings[target.index]! : null;
    const note = target.kind === 'heading' ? target.note : null;
    const areaPath = heading ? heading.path : [];
    const own = (heading ? ownItems(doc, target.kind === 'heading' ? target.index : -1) : topItems(doc)).filter(
      (paper) => paper !== moving,
    );
    const anchor = own[own.length - 1];
    if (anchor) {
      const prefix = nextPrefix(doc, anchor, own);
      // A blank line between items of a quoted list is quoted too (`>`).
      const separator = isLoose(doc, anchor) ? eol + quoteMarkers(prefix).trimEnd() + eol : eol;
      return {
        at: contentEndOf(doc.text, anchor),
        text: separator + write(prefix, anchor, own),
        areaPath,
        createdAreas: [],
        note,
      };
    }
    if (heading) {
      const index = doc.headings.indexOf(heading);
      const ownEnd = doc.headings[index + 1]?.span.start ?? footerStart(doc);
      const at = contentEnd(doc.text, heading.span.end, ownEnd);
      const near = nearestStyle(doc, at, moving);
      const gap = at === heading.span.end ? eol + (blankAfterHeadings(doc) ? eol : '') : eol + eol;
      return { at, text: gap + write(topLevelPrefix(doc, near), near, []), areaPath, createdAreas: [], note };
    }
    // The top of the file, without items yet: after the title and any text, before the first area.
    const title = doc.headings.find((h) => h.isDocumentTitle) ?? null;
    const firstArea = doc.headings.find((h) => !h.isDocumentTitle) ?? null;
    const from = title ? title.span.end : doc.contentStart;
    const at = contentEnd(doc.text, from, firstArea ? firstArea.span.start : doc.text.length);
    const near = nearestStyle(doc, at, moving);
    const item = write(topLevelPrefix(doc, near), near, []);
    if (at > doc.contentStart || doc.contentStart > 0) {
      const gap = title && at === title.span.end ? eol + (blankAfterHeadings(doc) ? eol : '') : eol + eol;
      return { at, text: gap + item, areaPath, createdAreas: [], note };
    }
    return { at, text: item + (firstArea ? eol + eol : ''), areaPath, createdAreas: [], note };
  }

  const { parent, missing } = target;
  const level = parent ? parent.depth + 1 : topAreaLevel(doc);
  // Before the page's footer (`---` and a closing paragraph after the last area).
  const footer = footerStart(doc);
  const at = parent
    ? contentEnd(doc.text, parent.span.end, Math.min(parent.sectionEnd, footer))
    : contentEnd(doc.text, doc.contentStart, footer);
  const near = nearestStyle(doc, at, moving);
  if (level + missing.length - 1 > 6) {
    throw new InvalidInputError(
      `"${missing.join('/')}" would need heading level ${level + missing.length - 1}; markdown headings go 6 levels deep, so give a shorter area path`,
    );
  }
  const headings = missing.map((name, i) => `${'#'.repeat(level + i)} ${escapeHeading(name)}`);
  const afterHeading = eol + (blankAfterHeadings(doc) ? eol : '');
  // After text, or after front matter (content starts at its closing `---`); before text that is there
  // (a footer at the very top: a lone `---`), a blank line too.
  const lead = at > doc.contentStart || doc.contentStart > 0 ? eol + eol : '';
  const trail = /\S/.test(doc.text[at] ?? '') ? eol + eol : '';
  const text = lead + headings.join(eol + eol) + afterHeading + write(topLevelPrefix(doc, near), near, []) + trail;
  const base = parent ? parent.path : [];
  const createdAreas = missing.map((_, i) => [...base, ...missing.slice(0, i + 1)]);
  return { at, text, areaPath: [...base, ...missing], createdAreas, note: null };
}

/** Top-level items above the first area heading (area `/`). */
function topItems(doc: ListDocument): Paper[] {
  return outermost(doc.papers.filter((paper) => paper.area.length === 0));
}

/** Top-level items directly under heading `index` (nested task items belong to their parent). */
function ownItems(doc: ListDocument, index: number): Paper[] {
  return outermost(doc.papers.filter((paper) => paper.headingIndex === index));
}

/**
 * The papers not inside another one's span (the nested task items left out), in their order. A paper is
 * inside another when one that starts before it ends at or after its end: in order of their starts, the
 * farthest end of those before it says (one pass, not every pair: an area of 10,000 items took ~2.5 s).
 */
export function outermost(papers: Paper[]): Paper[] {
  const byStart = papers.every((paper, i) => i === 0 || papers[i - 1]!.span.start <= paper.span.start)
    ? papers
    : [...papers].sort((a, b) => a.span.start - b.span.start);
  const inside = new Set<Paper>();
  // The farthest end of the papers that start before the current start, and of those starting at it.
  let reach = -1;
  let groupStart = -1;
  let groupReach = -1;
  for (const paper of byStart) {
    const { start, end } = paper.span;
    if (start !== groupStart) {
      reach = Math.max(reach, groupReach);
      groupStart = start;
      groupReach = -1;
    }
    if (reach >= end) inside.add(paper);
    groupReach = Math.max(groupReach, end);
  }
  return inside.size === 0 ? papers : papers.filter((paper) => !inside.has(paper));
}

/**
 * Blank lines between this list's items, judged from the item before the anchor (else the file's lists,
 * a tie settled by the items next to the anchor, papers or not). Read off the text: a list's looseness is a
 * fact of the whole list, which the parts a long list is read in (chunks.ts) do not each know.
 */
function isLoose(doc: ListDocument, anchor: Paper): boolean {
  const previous = doc.papers
    .filter((paper) => paper.listIndex === anchor.listIndex && paper.span.end <= anchor.span.start)
    .pop();
  if (previous) return blankBetween(doc.text, contentEndOf(doc.text, previous), anchor.span.start);
  let loose = 0;
  let tight = 0;
  for (let i = 1; i < doc.papers.length; i++) {
    const [a, b] = [doc.papers[i - 1]!, doc.papers[i]!];
    if (a.listIndex !== b.listIndex || b.span.start < a.span.end) continue;
    if (blankBetween(doc.text, contentEndOf(doc.text, a), b.span.start)) loose++;
    else tight++;
  }
  if (loose !== tight) return loose > tight;
  return blankBeforeNeighbour(doc, anchor);
}

/**
 * Whether the anchor's list puts blank lines between its items, read off the lines around the anchor:
 * the item before it (a paper or not, past that item's indented lines), else the item after it; tight
 * when it has neither. (What the list's looseness said, where the lines show it.)
 */
function blankBeforeNeighbour(doc: ListDocument, anchor: Paper): boolean {
  const prefix = itemPrefix(doc, anchor);
  const quote = quoteMarkers(prefix);
  const shape = /^([ \t]*)(?:([-*+])|\d{1,9}([.)]))/.exec(prefix.slice(quote.length));
  if (!shape) return false;
  const indent = shape[1]!;
  /** An item of the anchor's list: its quotes, indent and marker (no thematic break: `* * *`). */
  const isItem = (line: string): boolean => {
    if (!line.startsWith(quote + indent)) return false;
    const rest = line.slice(quote.length + indent.length);
    const bullet = shape[2];
    if (bullet) return rest[0] === bullet && /^.(?:[ \t]|$)/.test(rest) && !THEMATIC_BREAK.test(rest);
    const number = /^\d{1,9}([.)])(?:[ \t]|$)/.exec(rest);
    return number !== null && number[1] === shape[3];
  };
  /** 'blank' (inside the quotes the list is in), 'end' (a blank line that ends those quotes), or null. */
  const blank = (line: string): 'blank' | 'end' | null => {
    if (/^[ \t]*$/.test(line)) return quote === '' ? 'blank' : 'end';
    return quote !== '' && /^[ \t]*(?:>[ \t]*)+$/.test(line) ? 'blank' : null;
  };
  const deeper = (line: string): boolean =>
    line.startsWith(quote + indent) && /^[ \t]/.test(line.slice(quote.length + indent.length));
  const { text } = doc;
  const lineAt = (at: number): string => text.slice(at, lineEnd(text, at));
  // The item before: blank lines right above the anchor, then that item's indented lines, then it.
  let gap: boolean | null = null;
  for (let at = lineStart(text, anchor.span.start); at > 0; ) {
    at = lineStart(text, at - 1);
    const line = lineAt(at);
    const kind = blank(line);
    if (kind === 'end') break;
    if (kind === 'blank') {
      gap ??= true;
      continue;
    }
    gap ??= false;
    if (isItem(line)) return gap;
    if (!deeper(line)) break;
  }
  // Else the item after the anchor's content.
  let blanks = false;
  for (let at = nextLineStart(text, contentEndOf(text, anchor)); at < text.length; at = nextLineStart(text, at)) {
    const line = lineAt(at);
    const kind = blank(line);
    if (kind === 'end') return false;
    if (kind === 'blank') blanks = true;
    else return isItem(line) && blanks;
  }
  return false;
}

function blankBetween(text: string, from: number, to: number): boolean {
  return /\n[ \t>]*\r?\n/.test(text.slice(from, to));
}

/** Ordered lists count on (`3.` -> `4.`) unless every item says `1.`. */
function nextPrefix(doc: ListDocument, anchor: Paper, own: Paper[]): string {
  const prefix = itemPrefix(doc, anchor);
  const m = /^([\s>]*)(\d+)([.)])(\s+)$/.exec(prefix);
  if (!m) return prefix;
  const previous = own[own.length - 2];
  // A list of one item says nothing: the file's other ordered lists decide.
  const lazy = previous ? itemNumber(doc, previous) === Number(m[2]) : fileNumbersLazily(doc);
  return lazy ? prefix : `${m[1]}${Number(m[2]) + 1}${m[3]}${m[4]}`;
}

function itemNumber(doc: ListDocument, paper: Paper): number {
  return Number(/(\d+)[.)]\s*$/.exec(itemPrefix(doc, paper))?.[1]);
}

/** Do the file's ordered lists repeat one number (`1.` `1.` `1.`) more often than they count? */
function fileNumbersLazily(doc: ListDocument): boolean {
  let lazy = 0;
  let counting = 0;
  for (let i = 1; i < doc.papers.length; i++) {
    const [a, b] = [doc.papers[i - 1]!, doc.papers[i]!];
    if (a.listIndex !== b.listIndex || b.span.start < a.span.end) continue;
    const [x, y] = [itemNumber(doc, a), itemNumber(doc, b)];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    if (x === y) lazy++;
    else counting++;
  }
  return lazy > counting;
}

/** A new list's first item: the nearest item's bullet, without its indentation or quote markers. */
function topLevelPrefix(doc: ListDocument, near: Paper | null): string {
  if (!near) return '- ';
  const prefix = itemPrefix(doc, near).replace(/^[\s>]*/, '');
  return prefix.replace(/^\d+([.)])/, '1$1') || '- ';
}

function nearestStyle(doc: ListDocument, at: number, moving: Paper | null): Paper | null {
  // Task items only: a table row has no bullet or checkbox to copy.
  const others = doc.papers.filter((paper) => paper !== moving && paper.source !== 'row');
  const before = others.filter((paper) => paper.span.end <= at).pop();
  return before ?? others[0] ?? null;
}

/** The end of the last line with content between min and max (after its trailing spaces). */
function contentEnd(text: string, min: number, max: number): number {
  let i = max;
  while (i > min && /\s/.test(text[i - 1]!)) i--;
  return i > min ? Math.min(lineEnd(text, i), max) : i;
}

/** Does the file put a blank line between a heading and the list under it? */
function blankAfterHeadings(doc: ListDocument): boolean {
  for (const paper of doc.papers) {
    const heading = doc.headings[paper.headingIndex];
    if (!heading) continue;
    const between = doc.text.slice(heading.span.end, lineStart(doc.text, paper.span.start));
    if (/^\s*$/.test(between)) return /\n[ \t]*\r?\n/.test(between);
  }
  return true;
}

/** New top-level areas get the level the file's areas use (`##` under a `#` title). */
function topAreaLevel(doc: ListDocument): number {
  const depths = doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => heading.depth);
  return depths.length ? Math.min(...depths) : 2;
}

/**
 * Where an item's content ends. In a blockquote the parser's span takes in the blank `>` line after a
 * loose item; that line separates items and is not part of this one.
 */
export function contentEndOf(text: string, paper: Paper): number {
  let end = paper.span.end;
  for (;;) {
    const start = lineStart(text, end);
    if (start <= paper.span.start || !/^[ \t>]*$/.test(text.slice(start, end))) return end;
    end = start - 1;
    if (text[end - 1] === '\r') end--;
  }
}

/** The blockquote markers at the start of an item prefix: `> ` of `> - `. */
export function quoteMarkers(prefix: string): string {
  return /^(?:[ \t]*>[ \t]?)*/.exec(prefix)![0];
}
