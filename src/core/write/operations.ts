/**
 * Changes to the list, as edits on the original text: (document, request) -> Change. Nothing here
 * reads or writes files; the store applies the edits.
 */
import { type Edit, mapOffset } from './splice.js';
import { InvalidInputError, NearMissAreaError, UsageError } from '../model/errors.js';
import { escapeHeading, escapeInline, formatDestination } from './markdown-escape.js';
import type { ReadState } from '../read/formats/meanings.js';
import { setMarkerState } from './marker-edit.js';
import type { Link, ListDocument, Paper } from '../model/paper.js';
import { type AreaTarget, findTarget, footerStart, TOP_AREA } from '../query/areas.js';
import { nameBeforeColon } from '../model/ids.js';
import { formatAreaPath } from '../query/query.js';
import { LINK_SEPARATOR, renderItem } from './item-style.js';
import { checkedMark, itemPrefix, type NewPaper, renderLink, writtenDestination } from './render.js';
import {
  attachRowLink,
  factsOf,
  newTable,
  removeRow,
  renderRow,
  rowAfter,
  rowAnchor,
  rowLine,
  rowOrTableRemoval,
  sameHead,
  tableTemplate,
} from './table-edit.js';
import { cleanArea } from './validate.js';
import { lineEnd, lineStart } from '../model/text.js';

/** What a command changes: edits on the text, and what to tell the user. */
export interface Change {
  edits: Edit[];
  /** One line for people: `Marked ROLLER (OSDI'22) as read`. */
  message: string;
  /** Areas created on the way (`add`, `mv`). */
  createdAreas: string[][];
  /** Offsets in the new text inside each item the change made or touched (for --json output). */
  touched: number[];
  /** Items the change took out, as they were. */
  removed: Paper[];
  /**
   * How the file's paper and read counts change, when the change knows (so that summary counts are
   * kept without parsing the result); absent: parse the result to count.
   */
  delta?: { total: number; read: number };
}

/**
 * A plan reads the current document and says what to change; the store may run it more than once.
 * (It may be async: keeping the summary counts may need the parser.)
 */
export type Plan = (doc: ListDocument) => Change | Promise<Change>;

/** Several changes to different items, as one. */
export function combine(changes: Change[]): Change {
  return {
    edits: changes.flatMap((change) => change.edits),
    message: changes.map((change) => change.message).join('\n'),
    createdAreas: changes.flatMap((change) => change.createdAreas),
    touched: changes.flatMap((change) => change.touched),
    removed: changes.flatMap((change) => change.removed),
    ...(changes.every((change) => change.delta || change.edits.length === 0)
      ? {
          delta: changes.reduce(
            (sum, change) => ({
              total: sum.total + (change.delta?.total ?? 0),
              read: sum.read + (change.delta?.read ?? 0),
            }),
            { total: 0, read: 0 },
          ),
        }
      : {}),
  };
}

/** The papers a change made or touched, found in the new document; removed ones as they were. */
export function changedPapers(after: ListDocument, change: Change): Paper[] {
  // The innermost item holding each offset: a nested task item, not its parent.
  const touched = change.touched
    .map((offset) => innermostAt(after.papers, offset))
    .filter((paper) => paper !== undefined);
  return [...new Set(touched), ...change.removed];
}

/**
 * The last paper (in document order) whose item holds `offset`: a nested item comes after the item that
 * holds it, so this is the innermost. A binary search for the last item starting at or before the offset,
 * then back to the first that still holds it (spans of a 10,000-paper cached model are read for a few).
 */
function innermostAt(papers: readonly Paper[], offset: number): Paper | undefined {
  let lo = 0;
  let hi = papers.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (papers[mid]!.span.start <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0; i--) {
    const { start, end } = papers[i]!.span;
    if (start <= offset && offset < end) return papers[i];
  }
  return undefined;
}

function unchanged(message: string): Change {
  return { edits: [], message, createdAreas: [], touched: [], removed: [] };
}

/** A change to one existing item, which stays where it is. */
function inPlace(paper: Paper, edit: Edit, message: string): Change {
  return {
    edits: [edit],
    message,
    createdAreas: [],
    touched: [mapOffset([edit], paper.checkbox.start)],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

/** How `papers` names a paper in messages: the name before the colon, with the venue. */
export function displayName(paper: { title: string; venue: string | null }): string {
  const short = nameBeforeColon(paper.title) ?? paper.title;
  const name = short.length > 60 ? `${short.slice(0, 57)}...` : short;
  return paper.venue ? `${name} (${paper.venue})` : name;
}

// ---------------------------------------------------------------------------------------------
// done / undone

export function setState(doc: ListDocument, paper: Paper, state: ReadState): Change {
  if (paper.source !== 'task') return setMarkerState(doc, paper, state);
  const name = displayName(paper);
  if (state === 'reading') {
    throw new InvalidInputError(
      `${name} is a task item ("- [ ]"), which has no "being read" state on GitHub; mark it done or undone`,
    );
  }
  const read = state === 'read';
  if (paper.read === read) {
    return unchanged(`${name} is already marked ${read ? 'read' : 'unread'}`);
  }
  const mark = read ? checkedMark(doc, paper) : ' ';
  const change = inPlace(
    paper,
    { start: paper.checkbox.start, end: paper.checkbox.end, text: mark },
    `Marked ${name} as ${read ? 'read' : 'unread'}`,
  );
  return { ...change, delta: { total: 0, read: read ? 1 : -1 } };
}

// ---------------------------------------------------------------------------------------------
// note

export function attachLink(doc: ListDocument, paper: Paper, label: string, url: string): Change {
  if (paper.source === 'row') return attachRowLink(doc, paper, label, url);
  const name = displayName(paper);
  const existing = paper.links.find((link) => link.label.toLowerCase() === label.toLowerCase());
  if (existing) {
    if (existing.url === url) return unchanged(`${name} already has this ${label} link`);
    const edit = existing.urlSpan
      ? { ...writtenDestination(doc.text, existing.urlSpan), text: formatDestination(url) }
      : {
          start: existing.span.start,
          end: existing.span.end,
          text: `[${escapeInline(existing.label)}](${formatDestination(url)})`,
        };
    return inPlace(paper, edit, `Replaced the ${label} link of ${name} (was ${existing.url})`);
  }
  // The new link copies the paper's own label links (`[[Paper](u)]`), not a linked title.
  const labelLinks = paper.links.filter((link) => link.urlSpan && !isTitleLink(paper, link));
  const last = paper.links[paper.links.length - 1];
  const like = labelLinks[labelLinks.length - 1] ?? linkStyleOfFile(doc);
  const separator =
    labelLinks.length >= 2
      ? doc.text.slice(
          labelLinks[labelLinks.length - 2]!.outerSpan.end,
          labelLinks[labelLinks.length - 1]!.outerSpan.start,
        )
      : linkSeparatorOfFile(doc);
  const rendered = renderLink(doc, like, { label, url });
  // Words after the last link belong to the title or a remark (`[[paper](u)] (see also ...)`): the new
  // link goes after them, at the end of the item's text, so the title stays what it was.
  const wordsAfter = last !== undefined && /[\p{L}\p{N}]/u.test(doc.text.slice(last.outerSpan.end, paper.body.end));
  const at = last && !wordsAfter ? last.outerSpan.end : paper.body.end;
  // A colon right after text that ends in a lone backslash would be escaped by it.
  const colon = likeNeedsColon(doc) && !/(^|[^\\])(\\\\)*\\$/.test(doc.text.slice(paper.body.start, at));
  const lead = last ? (LINK_SEPARATOR.test(separator) ? separator : ' ') : colon ? ': ' : ' ';
  return inPlace(paper, { start: at, end: at, text: lead + rendered }, `Added a ${label} link to ${name}`);
}

/** What may stand between two links on one line: spaces and list punctuation, never a line break. */

function isTitleLink(paper: Paper, link: Link): boolean {
  return (
    paper.titleSpan !== null &&
    link.labelSpan.start <= paper.titleSpan.start &&
    paper.titleSpan.end <= link.labelSpan.end
  );
}

/** The file's label-link format: the first label link written with wrapping brackets, else any. */
function linkStyleOfFile(doc: ListDocument): Link | null {
  let fallback: Link | null = null;
  for (const paper of doc.papers) {
    for (const link of paper.links) {
      if (!link.urlSpan || isTitleLink(paper, link)) continue;
      if (link.outerSpan.start !== link.span.start) return link;
      fallback ??= link;
    }
  }
  return fallback;
}

function linkSeparatorOfFile(doc: ListDocument): string {
  for (const paper of doc.papers) {
    if (paper.links.length >= 2) {
      const separator = doc.text.slice(paper.links[0]!.outerSpan.end, paper.links[1]!.outerSpan.start);
      if (LINK_SEPARATOR.test(separator) && separator !== '') return separator;
    }
  }
  return ' ';
}

/** In the seed's style a colon separates the title from the first link. */
function likeNeedsColon(doc: ListDocument): boolean {
  const withLinks = doc.papers.find((paper) => paper.links.length > 0);
  if (!withLinks) return false;
  return /:\s*$/.test(doc.text.slice(withLinks.body.start, withLinks.links[0]!.outerSpan.start));
}

// ---------------------------------------------------------------------------------------------
// rm / mv

export function removePaper(doc: ListDocument, paper: Paper): Change {
  if (paper.source === 'row') return removeRow(doc, paper);
  return {
    edits: [removal(doc, paper)],
    message: `Removed ${displayName(paper)}`,
    createdAreas: [],
    touched: [],
    removed: [paper],
    delta: { total: -1, read: paper.read ? -1 : 0 },
  };
}

/** Writes a task item for a paper that had none (a row moved into a task list); the CLI passes one that reads back. */
export type ItemRenderer = (doc: ListDocument, prefix: string, near: Paper | null, paper: NewPaper) => string;

/**
 * `create` false: a new area whose name is close to an existing one is refused (NearMissAreaError).
 * `writeItem` writes a row that becomes a task item.
 */
export function movePaper(
  doc: ListDocument,
  paper: Paper,
  area: string,
  create = true,
  writeItem: ItemRenderer = renderItem,
): Change {
  const target = targetOf(doc, area, create);
  if (
    (target.kind === 'heading' && target.index === paper.headingIndex) ||
    (target.kind === 'top' && paper.area.length === 0)
  ) {
    return unchanged(`${displayName(paper)} is already in ${formatAreaPath(paper.area)}`);
  }
  const placement = placeMoved(doc, target, paper, writeItem);
  const removed = paper.source === 'row' ? rowOrTableRemoval(doc, paper) : removal(doc, paper);
  // The end of the content can fall inside the item that leaves (its trailing spaces at the end of the file).
  const at = placement.at > removed.start && placement.at < removed.end ? removed.end : placement.at;
  const inserted = { start: at, end: at, text: placement.text };
  return {
    edits: [removed, inserted],
    message: `Moved ${displayName(paper)} to ${formatAreaPath(placement.areaPath)}${placementNote(placement)}`,
    createdAreas: placement.createdAreas,
    touched: [mapOffset([removed], at) + placement.text.length - 1],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

/** ` (new area A/B)` or ` (the last of 2 "A" sections; ...)`: what a message adds about where it went. */
export function placementNote(placement: Placement): string {
  if (placement.createdAreas.length) return ` (new area ${placement.createdAreas.map(formatAreaPath).join(', ')})`;
  return placement.note ? ` (${placement.note})` : '';
}

/**
 * Where a moved paper goes and how it is written there: at the end of the target area's table as a
 * row (its line as it is when the tables have the same header, else written anew in that table's
 * style); a row moved where there is no table becomes a task item in the style of the list there (or
 * starts a new table in a file that keeps its papers in tables); a task item keeps its lines.
 */
function placeMoved(doc: ListDocument, target: AreaTarget, paper: Paper, writeItem: ItemRenderer): Placement {
  const heading = target.kind === 'heading' ? doc.headings[target.index]! : null;
  const anchor = heading ? rowAnchor(doc, heading, paper) : null;
  if (anchor) {
    if (paper.source !== 'row' && /[\r\n]/.test(doc.text.slice(paper.span.start, paper.span.end).replace(/\s+$/, ''))) {
      throw new InvalidInputError(
        `"${displayName(paper)}" has lines under it (sub-notes) that a table row cannot hold; move it by hand or into an area with a task list`,
      );
    }
    const row =
      paper.source === 'row' && sameHead(doc, paper, anchor)
        ? rowLine(doc, paper)
        : renderRow(doc, anchor, factsOf(paper));
    const edit = rowAfter(doc, anchor, row);
    return {
      at: edit.start,
      text: edit.text,
      areaPath: anchor.area,
      createdAreas: [],
      note: target.kind === 'heading' ? target.note : null,
    };
  }
  if (paper.source !== 'row') return placeAt(doc, target, (prefix) => reprefix(doc, paper, prefix), paper);
  const hasItems =
    heading !== null &&
    doc.papers.some((other) => other !== paper && other.headingIndex === doc.headings.indexOf(heading));
  const template = hasItems ? null : tableTemplate(doc, heading ? heading.span.end : doc.text.length);
  return placeAt(
    doc,
    target,
    (prefix, near) => {
      if (!template) return writeItem(doc, prefix, near, factsOf(paper));
      return newTable(
        doc,
        template,
        sameHead(doc, paper, template) ? rowLine(doc, paper) : renderRow(doc, template, factsOf(paper)),
      );
    },
    paper,
  );
}

/**
 * The item and the blank lines before it, back to the end of the previous content: exactly what `add`
 * inserts, so add then rm gives the file back. An item followed by its next sibling takes the lines up
 * to it instead (the sibling moves up into its place, after the same blank lines); an item with nothing
 * before it takes its own line ending.
 */
function removal(doc: ListDocument, paper: Paper): Edit {
  const text = doc.text;
  const start = lineStart(text, paper.span.start);
  const linePrefix = text.slice(start, paper.span.start);
  const itemEnd = contentEndOf(text, paper);
  if (!/^[\s>]*$/.test(linePrefix)) return { start: paper.span.start, end: itemEnd, text: '' };
  const next = doc.papers.find((other) => other.listIndex === paper.listIndex && other.span.start >= paper.span.end);
  if (next) {
    const nextLine = lineStart(text, next.span.start);
    if (nextLine >= itemEnd && /^[\s>]*$/.test(text.slice(itemEnd, nextLine)))
      return { start, end: nextLine, text: '', ...takeNumber(doc, paper, next) };
  }
  let previousEnd = start;
  while (previousEnd > doc.contentStart && /[\s>]/.test(text[previousEnd - 1]!)) previousEnd--;
  if (previousEnd > doc.contentStart) {
    // Keep the previous line whole (a `>` that ends it, its line ending).
    return { start: lineEnd(text, previousEnd - 1), end: itemEnd, text: '' };
  }
  let end = itemEnd;
  while (end < text.length && /[ \t]/.test(text[end]!)) end++;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end += 1;
  return { start, end, text: '' };
}

/**
 * When the first item of an ordered list goes, the next one takes its number: the list still starts
 * there, and stays a list (one that starts at 2 cannot follow a paragraph line directly). The removal
 * then ends after the next item's number, which it rewrites.
 */
function takeNumber(doc: ListDocument, paper: Paper, next: Paper): { end: number; text: string } | null {
  if (doc.papers.some((other) => other.listIndex === paper.listIndex && other.span.start < paper.span.start))
    return null;
  const own = /^([\s>]*)(\d+)[.)]/.exec(itemPrefix(doc, paper));
  const theirs = /^([\s>]*)(\d+)[.)]/.exec(itemPrefix(doc, next));
  // (a longer number would push the next item's content past its continuation lines)
  if (!own || !theirs || own[2] === theirs[2] || own[2]!.length > theirs[2]!.length) return null;
  return {
    end: lineStart(doc.text, next.span.start) + theirs[1]!.length + theirs[2]!.length,
    text: theirs[1]! + own[2]!,
  };
}

/**
 * The moved item's lines with the target list's prefix; continuation lines follow the new indent, and
 * lose the old blockquote markers and get the new ones.
 */
function reprefix(doc: ListDocument, paper: Paper, prefix: string): string {
  const oldPrefix = itemPrefix(doc, paper);
  const lines = doc.text.slice(paper.checkbox.start - 1, contentEndOf(doc.text, paper)).split(/(?<=\n)/);
  const oldQuote = quoteMarkers(oldPrefix);
  const newQuote = quoteMarkers(prefix);
  const oldIndent = oldPrefix.length - oldQuote.length;
  const newIndent = prefix.length - newQuote.length;
  const depth = (oldQuote.match(/>/g) ?? []).length;
  return (
    prefix +
    lines
      .map((line, i) => {
        if (i === 0) return line;
        let rest = line;
        for (let k = 0; k < depth; k++) rest = rest.replace(/^[ \t]*>[ \t]?/, '');
        if (/^[ \t]*\r?\n?$/.test(rest)) return newQuote.trimEnd() + rest.replace(/^[ \t]+/, '');
        const leading = /^[ \t]*/.exec(rest)![0].length;
        if (leading >= oldIndent) rest = ' '.repeat(newIndent) + rest.slice(oldIndent);
        return newQuote + rest;
      })
      .join('')
  );
}

/**
 * Where an item's content ends. In a blockquote the parser's span takes in the blank `>` line after a
 * loose item; that line separates items and is not part of this one.
 */
function contentEndOf(text: string, paper: Paper): number {
  let end = paper.span.end;
  for (;;) {
    const start = lineStart(text, end);
    if (start <= paper.span.start || !/^[ \t>]*$/.test(text.slice(start, end))) return end;
    end = start - 1;
    if (text[end - 1] === '\r') end--;
  }
}

/** The blockquote markers at the start of an item prefix: `> ` of `> - `. */
function quoteMarkers(prefix: string): string {
  return /^(?:[ \t]*>[ \t]?)*/.exec(prefix)![0];
}

// ---------------------------------------------------------------------------------------------
// Where a new item goes

interface Placement {
  at: number;
  text: string;
  areaPath: string[];
  createdAreas: string[][];
  /** Which of several sections of the same name was taken, when there are several. */
  note: string | null;
}

/** Writes the new item's line; `areaItems` are the target area's own items (none for a new area). */
export type ItemWriter = (prefix: string, styleNear: Paper | null, areaItems: Paper[]) => string;

/** The target of `add`/`mv` for an `--area` value (see areas.ts); `/` is the top of the file. */
export function targetOf(doc: ListDocument, area: string, create = true): AreaTarget {
  if (area.trim() === '')
    throw new UsageError(
      `--area is empty; give a heading name, a path like "MLSys/DNN Compiler", or ${TOP_AREA} for the top of the file`,
    );
  const target = findTarget(doc, cleanArea(area));
  // A new name a few typing mistakes from an existing area is refused unless creating is meant.
  if (target.kind === 'missing' && !create && target.similar.length) {
    throw new NearMissAreaError(formatAreaPath([...(target.parent?.path ?? []), ...target.missing]), target.similar);
  }
  return target;
}

/**
 * At the end of the area's own items; in an area without items, after its own text; a missing area
 * (or the missing end of a path) is created as headings at the end of its parent's section. The top
 * of the file (`/`) is the place above the first area heading.
 */
export function place(
  doc: ListDocument,
  area: string,
  write: ItemWriter,
  moving: Paper | null,
  create = true,
): Placement {
  const placement = placeAt(doc, targetOf(doc, area, create), write, moving);
  // A file with nothing in it gets its final line ending.
  if (doc.text.slice(doc.contentStart).trim() === '' && placement.at === doc.text.length) placement.text += doc.eol;
  return placement;
}

function placeAt(doc: ListDocument, target: AreaTarget, write: ItemWriter, moving: Paper | null): Placement {
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
  const lead = at > doc.contentStart ? eol + eol : '';
  const text = lead + headings.join(eol + eol) + afterHeading + write(topLevelPrefix(doc, near), near, []);
  const base = parent ? parent.path : [];
  const createdAreas = missing.map((_, i) => [...base, ...missing.slice(0, i + 1)]);
  return { at, text, areaPath: [...base, ...missing], createdAreas, note: null };
}

/** Top-level items above the first area heading (area `/`). */
function topItems(doc: ListDocument): Paper[] {
  const under = doc.papers.filter((paper) => paper.area.length === 0);
  return under.filter(
    (paper) =>
      !under.some(
        (other) => other !== paper && other.span.start < paper.span.start && paper.span.end <= other.span.end,
      ),
  );
}

/** Top-level items directly under heading `index` (nested task items belong to their parent). */
function ownItems(doc: ListDocument, index: number): Paper[] {
  const under = doc.papers.filter((paper) => paper.headingIndex === index);
  return under.filter(
    (paper) =>
      !under.some(
        (other) => other !== paper && other.span.start < paper.span.start && paper.span.end <= other.span.end,
      ),
  );
}

/** Blank lines between this list's items, judged from the item before the anchor (else the file). */
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
  return loose > tight || (loose === tight && anchor.loose);
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
