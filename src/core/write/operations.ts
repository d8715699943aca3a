/**
 * The plans of done/undone, note, rm and mv on a task item or a table row: (document, request) -> Change
 * (change.ts). Nothing here reads or writes files; the store applies the edits.
 */
import { type Edit, mapOffset } from './splice.js';
import { linkCheck } from './link-read-back.js';
import type { ReadBack } from './read-back.js';
import { InvalidInputError } from '../model/errors.js';
import { destinationValue, escapeLabel, formatDestination } from './markdown-escape.js';
import type { ReadState } from '../read/formats/meanings.js';
import { setMarkerState } from './marker-edit.js';
import type { Link, ListDocument, Paper } from '../model/paper.js';
import type { AreaTarget } from '../query/areas.js';
import { formatPlace } from '../query/query.js';
import { LINK_SEPARATOR, renderItem } from './item-style.js';
import { checkedMark, itemPrefix, type NewPaper, renderLink, writtenDestination } from './render.js';
import {
  factsOf,
  newTable,
  removeRow,
  renderRow,
  rowAfter,
  rowAnchor,
  rowLine,
  rowLinkEdits,
  rowOrTableRemoval,
  sameHead,
  tableTemplate,
} from './table-edit.js';
import { type Change, displayName, inPlace, removalDelta, unchanged } from './change.js';
import { contentEndOf, placeAt, type Placement, placementNote, quoteMarkers, targetOf } from './placement.js';
import { lineEnd, lineStart } from '../model/text.js';

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

export function attachLink(doc: ListDocument, paper: Paper, label: string, url: string, readBack: ReadBack): Change {
  const name = displayName(paper);
  const existing = paper.links.find((link) => link.label.toLowerCase() === label.toLowerCase());
  const value = destinationValue(url);
  if (existing !== undefined && (existing.url === url || existing.url === value))
    return unchanged(`${name} already has this ${label} link`);
  const links = existing
    ? paper.links.map((link) => (link === existing ? { label: link.label, url: value } : link))
    : [...paper.links, { label, url: value }];
  const forms = paper.source === 'row' ? rowLinkEdits(doc, paper, label, url) : itemLinkEdits(doc, paper, label, url);
  const edit = forms.find(linkCheck(doc, paper, links, readBack));
  if (edit === undefined)
    throw new InvalidInputError(
      existing
        ? `the new ${existing.label} URL of ${name} would not read back as its link; nothing written (papers edit opens the line)`
        : `a "${label}" link on ${name} would not read back as its link here (the paper, or others, would read otherwise); nothing written (papers edit opens the line)`,
    );
  return inPlace(
    paper,
    edit,
    existing ? `Replaced the ${label} link of ${name} (was ${existing.url})` : `Added a ${label} link to ${name}`,
  );
}

/**
 * The ways to write the link into a task item, in the order tried: a new URL in place of the old; a new
 * link in the paper's own link style, then wrapped in brackets (`[[zz](u)]`), then after a colon.
 */
function itemLinkEdits(doc: ListDocument, paper: Paper, label: string, url: string): Edit[] {
  const existing = paper.links.find((link) => link.label.toLowerCase() === label.toLowerCase());
  if (existing)
    return [
      existing.urlSpan
        ? { ...writtenDestination(doc.text, existing.urlSpan), text: formatDestination(url) }
        : {
            start: existing.span.start,
            end: existing.span.end,
            text: `[${escapeLabel(existing.label)}](${formatDestination(url)})`,
          },
    ];
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
  const wrapped = rendered.startsWith('[[') ? rendered : `[${rendered}]`;
  const texts = [...new Set([lead + rendered, lead + wrapped, ...(last ? [] : [`: ${wrapped}`])])];
  const forms = texts.map((text) => ({ start: at, end: at, text }));
  // Then, when a state marker ends the item (`Title (NeurIPS 2020) ✅`), just before the marker; and right
  // after the title (past its emphasis: `**Title**`).
  const marker = paper.checkbox.start;
  const afterText = Math.max(paper.titleSpan?.end ?? at, last?.outerSpan.end ?? 0);
  if (paper.source === 'marked' && marker < at && marker > afterText) {
    let gap = marker;
    while (gap > 0 && (doc.text[gap - 1] === ' ' || doc.text[gap - 1] === '\t')) gap--;
    for (const text of texts) forms.push({ start: gap, end: gap, text });
  }
  const titleEnd = paper.titleSpan ? pastEmphasis(doc.text, paper.titleSpan.end, at) : at;
  if (!last && titleEnd < at) for (const text of texts) forms.push({ start: titleEnd, end: titleEnd, text });
  return forms;
}

/** `offset` moved past the `*` and `_` that close emphasis there, up to `end`. */
function pastEmphasis(text: string, offset: number, end: number): number {
  let at = offset;
  while (at < end && (text[at] === '*' || text[at] === '_')) at++;
  return at;
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
    delta: removalDelta(doc, paper),
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
  /** The list's file, for messages, in a repository of several lists (see formatPlace). */
  file?: string,
): Change {
  const target = targetOf(doc, area, create, file);
  if (
    (target.kind === 'heading' && target.index === paper.headingIndex) ||
    (target.kind === 'top' && paper.area.length === 0)
  ) {
    return unchanged(`${displayName(paper)} is already in ${formatPlace(paper.area, file)}`);
  }
  const placement = placeMoved(doc, target, paper, writeItem);
  const removed = paper.source === 'row' ? rowOrTableRemoval(doc, paper) : removal(doc, paper);
  // The end of the content can fall inside the item that leaves (its trailing spaces at the end of the file).
  const at = placement.at > removed.start && placement.at < removed.end ? removed.end : placement.at;
  const inserted = { start: at, end: at, text: placement.text };
  return {
    edits: [removed, inserted],
    message: `Moved ${displayName(paper)} to ${formatPlace(placement.areaPath, file)}${placementNote(placement)}`,
    createdAreas: placement.createdAreas,
    touched: [mapOffset([removed], at) + placement.text.length - 1],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

/**
 * `mv` to another list of a repository: the paper's removal from `from`, and its item at the end of
 * `area` in `to` (its own lines, with `to`'s prefix and line endings; a row as it is when the tables have
 * the same header, else written anew, as within one file). Each is a change of one file; the store writes
 * both (store/move-between.ts), the insertion first, so that a failed write never loses the paper.
 */
export function movePaperBetween(
  from: ListDocument,
  paper: Paper,
  to: ListDocument,
  area: string,
  /** How messages name `to` (its file): `Moved X to b.md › Area`. */
  toLabel: string,
  create = true,
  writeItem: ItemRenderer = renderItem,
): { removal: Change; insertion: Change } {
  const placement = placeMoved(to, targetOf(to, area, create, toLabel), paper, writeItem, from);
  const text = from.eol === to.eol ? placement.text : placement.text.replace(/\r?\n/g, to.eol);
  const moved = `Moved ${displayName(paper)} to ${formatPlace(placement.areaPath, toLabel)}${placementNote(placement)}`;
  const taken = removalDelta(from, paper);
  return {
    removal: {
      edits: [paper.source === 'row' ? rowOrTableRemoval(from, paper) : removal(from, paper)],
      message: moved,
      createdAreas: [],
      touched: [],
      removed: [paper],
      delta: taken,
    },
    insertion: {
      edits: [{ start: placement.at, end: placement.at, text }],
      message: moved,
      createdAreas: placement.createdAreas,
      touched: [placement.at + text.length - 1],
      removed: [],
      delta: { total: 0 - taken.total, read: 0 - taken.read },
    },
  };
}

/**
 * Where a moved paper goes and how it is written there: at the end of the target area's table as a
 * row (its line as it is when the tables have the same header, else written anew in that table's
 * style); a row moved where there is no table becomes a task item in the style of the list there (or
 * starts a new table in a file that keeps its papers in tables); a task item keeps its lines.
 */
function placeMoved(
  doc: ListDocument,
  target: AreaTarget,
  paper: Paper,
  writeItem: ItemRenderer,
  /** The document the paper is in (another list of the repository, or this one). */
  from: ListDocument = doc,
): Placement {
  const heading = target.kind === 'heading' ? doc.headings[target.index]! : null;
  const anchor = rowAnchor(doc, target, paper);
  // The header of a row's table, in whichever document holds it.
  const headOf = (where: ListDocument, row: Paper) =>
    where.text.slice(row.row!.head.start, row.row!.head.end).replace(/\s+/g, ' ');
  const sameTable = (other: Paper) =>
    from === doc ? sameHead(doc, paper, other) : headOf(from, paper) === headOf(doc, other);
  if (anchor) {
    if (
      paper.source !== 'row' &&
      /[\r\n]/.test(from.text.slice(paper.span.start, paper.span.end).replace(/\s+$/, ''))
    ) {
      throw new InvalidInputError(
        `"${displayName(paper)}" has lines under it (sub-notes) that a table row cannot hold; move it by hand or into an area with a task list`,
      );
    }
    const row =
      paper.source === 'row' && sameTable(anchor) ? rowLine(from, paper) : renderRow(doc, anchor, factsOf(paper));
    const edit = rowAfter(doc, anchor, row);
    return {
      at: edit.start,
      text: edit.text,
      areaPath: anchor.area,
      createdAreas: [],
      note: target.kind === 'heading' ? target.note : null,
    };
  }
  if (paper.source !== 'row') return placeAt(doc, target, (prefix) => reprefix(from, paper, prefix), paper);
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
        sameTable(template) ? rowLine(from, paper) : renderRow(doc, template, factsOf(paper)),
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
  // (After the prefix: a task item's checkbox, a marked entry's text with its marker wherever it is.)
  const contentStart = lineStart(doc.text, paper.span.start) + oldPrefix.length;
  const lines = doc.text.slice(contentStart, contentEndOf(doc.text, paper)).split(/(?<=\n)/);
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
