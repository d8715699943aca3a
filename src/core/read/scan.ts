/**
 * The line scanner: the model of a part, read line by line with no markdown tree, for the parts that
 * generated and hand-kept lists are mostly made of. It accepts a part only when every line is one of
 *
 *   - a blank line (spaces and tabs only);
 *   - an ATX heading at column 0 (`## Words`, `###  [Words](#toc)  `) with no closing hashes, whose
 *     text holds only plain words and inline links, as an item's does;
 *   - an HTML comment at column 0 that closes on the same line (`<!-- toc -->`), and an HTML block of a
 *     block tag at column 0 (`<div align="center">`, `<details>`) up to a blank line;
 *   - a one-line task item at column 0: `- [ ] Text`, `* [x] Text`, `+ [X] Text`, `1. [ ] Text` (one space on each
 *     side of the checkbox; trailing white space) whose text holds only plain words and inline links
 *     `[label](destination)`;
 *   - right under such an item (no blank line between), notes as bullets indented into it, and notes
 *     under those (`  - Uses pruning for adaptation`, `\t- Why it matters`, `      - and more`): a list in the item, which holds no paper. A note's text
 *     may hold any inline markup (it is no paper's text), but nothing that starts a block of its own or
 *     makes the list another thing: a checkbox, a fence, HTML, a heading, a quote, a table, a rule, a
 *     definition, a list in it, or a state marker (a list of marked notes would be papers, marked.ts).
 *   - a thematic break (`---`, `- - -`, `***`) after a blank line, a heading or a comment;
 *   - the lines of a plain `|`-framed table (scan-table.ts) after a blank line, a heading or a comment
 *     (or first), and before a blank line (or last).
 *
 * On such a part each line stands alone: an ATX heading or an item at column 0 starts a new block, and
 * nothing else is there that a line could continue or be continued by. Any other line (a paragraph, an
 * other indented line, `---` or `===` under an item, a fence, HTML, a table, an ordered item) can join lines
 * into something else (lazy continuation, a setext heading, code, an HTML block), and within a line
 * emphasis, code, escapes, entities, HTML, images and autolink literals change what the text says. The
 * scanner does not reason about any of those: the whole part goes to remark (parse-remark.ts), which is
 * the reference. Titles, venues and years are read by the same rules as remark's parts (inline/read.ts),
 * from the flattened text built here. test/differential.test.ts compares the two, field by field.
 */
import { destinationEnd } from './destination.js';
import { emptyFlat, flattenPlainLink, pushPlainText } from './inline/flatten.js';
import { linkAt, type RawLink } from './inline/links.js';
import { type InlineFacts, readFlat } from './inline/read.js';
import { readSimpleText } from './inline/simple.js';
import type { TagMemo } from './inline/tags.js';
import { scanTable, type TableLine } from './scan-table.js';
import { lineMark, markAtEnd, markAtStart } from './formats/marked.js';
import { htmlBlockNames } from 'micromark-util-html-tag-name';
import type { Link } from '../model/paper.js';
import type { ChunkModel, PartialHeading, PartialPaper } from './parts.js';

/** Characters that start inline markup, entities or escapes, and controls (a lone CR among them). */
const MARKUP = /[\\`*_~<>!\u0000-\u0008\u000b-\u001f\u007f]/;
/** An entity or character reference (`&amp;`, `&#35;`): a lone `&` is text. */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** GFM autolink literals (`https://`, `www.`, `a@b.c`) would turn text into links. */
const AUTOLINK = /https?:|www\.|ftp:|mailto:|xmpp:|@/i;
/** An ATX heading: its hashes, the white space after them, its text, and trailing white space. */
const HEADING_LINE = /^(#{1,6})([ \t]+)(\S(?:.*\S)?)[ \t]*$/;
/**
 * Bullet or number (`1.`, `2)`), checkbox mark, the text, and trailing white space: remark's item and
 * paragraph end after it, its text before.
 */
const ITEM_LINE = /^([-*+]|\d{1,9}[.)]) \[([ xX])\] (\S(?:.*\S)?)[ \t]*$/;
/** An item without a checkbox at column 0: its bullet or number, the spaces after it and its text. */
const PLAIN_ITEM_LINE = /^([-*+]|\d{1,9}[.)])( {1,4})(\S(?:[^\r]*\S)?)[ \t]*$/;
/** A note under an item: its indentation (spaces and tabs), bullet and text, then maybe white space. */
const NOTE_LINE = /^([ \t]+)([-*+])( {1,4})(\S(?:[^\r]*\S)?)[ \t]*$/;
/** A tag at column 0 (`<div align="center">`, `</details>`): its name; see HTML_BLOCK_NAMES. */
const TAG_START = /^<\/?([A-Za-z][A-Za-z0-9]*)(?:[ \t>]|\/>|$)/;
/** The tags whose HTML blocks end at a blank line, whatever the lines between (CommonMark's condition 6). */
const HTML_BLOCK_NAMES = new Set(htmlBlockNames);
/** A thematic break (`---`, `- - -`, `***`, `___`) at column 0. */
const RULE_LINE = /^([-*_])(?: *\1){2,} *$/;
/**
 * What a note's text may not start with: a checkbox (a nested paper), a fence, HTML, a heading, a quote, a
 * table, a setext underline, a bullet or number (a list inside it), a definition (a label may hold `\]`),
 * a footnote.
 */
const NOTE_BLOCK_START = /^(?:\[[ xX]\]|```|~~~|[<#>|=]|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\[\^|\[(?:[^\]\\]|\\.)*\]:)/;
/** A note of rule characters only (`- ***`) is a thematic break, not a list. */
const RULE_LIKE = /^[-*_\s]+$/;
const BLANK_LINE = /^[ \t]*$/;
/** `<!-- ... -->` at column 0, closed on the same line (`-->` after the opening; no lone CR). */
const COMMENT_LINE = /^<!--[^\r]*-->[^\r]*$/;

/** The item just read and the notes open under it, outermost first (a new bullet starts a new list). */
interface OpenNote {
  /** The column its text starts at: a line indented that far or further is in it. */
  content: number;
  /** The bullet of the list of notes in it, while one is open. */
  bullet: string | null;
}

/** The list being read: its index in the part and its bullet. */
interface OpenList {
  index: number;
  bullet: string;
}

/**
 * The model of `src` (one part), or null when a line is not one the scanner reads (see above); with
 * `tables: false`, a table too (the user's column hints are read by remark: parts.ts parseWithRules).
 * `definitions`: the document has link reference or footnote definitions (chunks.ts), so a bracket pair
 * may be a reference: then a part with a `]` that does not close a checkbox or open a destination
 * (`](`), or with a `[^`, is declined.
 */
export function scanPart(
  src: string,
  options: { tables?: boolean; definitions?: boolean; tags?: TagMemo } = {},
): ChunkModel | null {
  if (options.definitions && mayHoldReference(src)) return null;
  const papers: PartialPaper[] = [];
  const headings: PartialHeading[] = [];
  let lists = 0;
  let list: OpenList | null = null;
  /** The list an item with this bullet is in: the open one, or a new one. */
  const listFor = (bullet: string): OpenList => {
    if (list?.bullet !== bullet) list = { index: lists++, bullet };
    return list;
  };
  let lineNumber = 1;
  /** The line before could be continued (an item's text): a table may not start here. */
  let continuable = false;
  /** The line before was a paragraph's (text that is no item): this one may continue it. */
  let inParagraph = false;
  /**
   * The item the lines before belong to, when notes may follow it (none after a blank line): its paper,
   * null for an item that is none.
   */
  let noteParent: PartialPaper | null | undefined;
  // (notes[0] is the item itself, set afresh for each item: no objects made per item)
  const notes: OpenNote[] = [{ content: 2, bullet: null }];
  const openItem = (paper: PartialPaper | null, content: number): void => {
    noteParent = paper;
    notes.length = 1;
    notes[0]!.content = content;
    notes[0]!.bullet = null;
  };
  for (let start = 0; start <= src.length; lineNumber++) {
    const newline = src.indexOf('\n', start);
    let next = newline < 0 ? src.length + 1 : newline + 1;
    let end = newline < 0 ? src.length : newline;
    if (end > start && src.charCodeAt(end - 1) === 13) end--;
    const line = src.slice(start, end);
    const wasContinuable = continuable;
    continuable = false;
    const parent = noteParent as PartialPaper | null | undefined;
    noteParent = undefined;
    const wasParagraph = inParagraph;
    inParagraph = false;
    if (BLANK_LINE.test(line)) {
      // (a blank line ends a paragraph; a list goes on past it)
    } else if (wasParagraph && !interruptsText(line) && line[0] !== '#' && !line.startsWith('<!--')) {
      // The paragraph's next line, unless it starts a block that ends it (an item, a heading, a comment).
      if (!readsAsText(src, start, end, line.trimStart(), false)) return null;
      inParagraph = true;
      continuable = true;
    } else if (line[0] === ' ' || line[0] === '\t') {
      // Only a note under an item (or under a note of it) is read; any other indented line may continue
      // something.
      const note = NOTE_LINE.exec(line);
      if (parent === undefined || note === null) return null;
      const textStart = start + note[1]!.length + 1 + note[3]!.length;
      if (!readsAsPlainItem(src, textStart, textStart + note[4]!.length, note[4]!)) return null;
      const column = columnAfter(note[1]!);
      const bullet = note[2]!;
      // The item or note whose text the line is indented into (an item's text starts after its bullet or
      // number and the spaces after it): the line is one of the items of the list in that one when its
      // bullet is no more than 3 columns further in (more would make it a line of that one's text), and
      // the notes open deeper than it are closed.
      if (column < notes[0]!.content) return null;
      let depth = notes.length - 1;
      while (depth > 0 && notes[depth]!.content > column) depth--;
      const container = notes[depth]!;
      if (column - container.content > 3) return null;
      notes.length = depth + 1;
      if (container.bullet !== bullet) {
        container.bullet = bullet;
        lists++;
      }
      notes.push({ content: column + 1 + note[3]!.length, bullet: null });
      if (parent) parent.span = { start: parent.span.start, end };
      noteParent = parent;
      continuable = true;
    } else if (line[0] === '|') {
      if (wasContinuable || options.tables === false) return null;
      list = null;
      const lines = tableLines(src, start, lineNumber);
      const after = lines[lines.length - 1]!;
      next = after.next;
      // (a line right after the table that is not blank could be a row of it, or lazy text)
      if (next <= src.length && !BLANK_LINE.test(src.slice(next, lineEnd(src, next)))) return null;
      const table = scanTable(src, lines, headings.length - 1, lists);
      if (!table) return null;
      if (table.isPaperTable) lists++;
      papers.push(...table.papers);
      lineNumber = after.number;
    } else if (line.startsWith('<!--')) {
      // An HTML comment that ends on its own line is an HTML block of that line: it ends the list (an
      // item needs its lines indented; a comment may interrupt a paragraph), and says nothing else.
      if (!COMMENT_LINE.test(line)) return null;
      list = null;
    } else if (line[0] === '<' && HTML_BLOCK_NAMES.has(TAG_START.exec(line)?.[1]?.toLowerCase() ?? '')) {
      // An HTML block of a block tag (`<div align="center">`, `<details>`, `</p>`): its lines up to a
      // blank line are HTML, whatever they say; it ends the list. Running to the part's end (its last
      // line ending included) it may go on into the next part (parse-remark.ts joins such parts): declined.
      let at = next;
      while (at <= src.length) {
        const lineAt = src.slice(at, lineEnd(src, at));
        if (BLANK_LINE.test(lineAt)) break;
        // (a lone CR ends a line too: a blank one could hide behind it)
        if (lineAt.includes('\r')) return null;
        const newlineAt = src.indexOf('\n', at);
        at = newlineAt < 0 ? src.length + 1 : newlineAt + 1;
        lineNumber++;
      }
      if (at >= src.length || line.includes('\r')) return null;
      list = null;
      next = at;
    } else if (line[0] === '#') {
      const heading = scanHeading(src, line, start);
      if (!heading) return null;
      list = null;
      headings.push(heading);
    } else {
      const m = ITEM_LINE.exec(line);
      if (!m && !wasContinuable && start > 0 && RULE_LINE.test(line)) {
        // A rule where no text could take it as a setext underline (after a blank line, a heading or a
        // comment): it ends the list, and says nothing else. (A part's first line may open front matter.)
        list = null;
        start = next;
        continue;
      }
      const plain = m ? null : PLAIN_ITEM_LINE.exec(line);
      const marker = (m ?? plain)?.[1];
      // Right under an item's text, a number other than 1 is more of that text, unless it goes on the
      // item's own numbered list.
      if (marker !== undefined && wasContinuable && !interrupts(marker) && list?.bullet !== listKind(marker))
        return null;
      if (plain) {
        // An item that is no paper (a contents entry, a link, a remark), in the list as any item is.
        const textStart = start + marker!.length + plain[2]!.length;
        if (!readsAsPlainItem(src, textStart, textStart + plain[3]!.length, plain[3]!)) return null;
        list = listFor(listKind(marker!));
        continuable = true;
        openItem(null, marker!.length + plain[2]!.length);
        start = next;
        continue;
      }
      if (!m) {
        // A paragraph: text after a blank line, a heading, a comment or a rule (under an item, it would
        // be the item's text).
        if (wasContinuable || !readsAsText(src, start, end, line, true)) return null;
        list = null;
        inParagraph = true;
        continuable = true;
        start = next;
        continue;
      }
      list = listFor(listKind(m[1]!));
      const width = m[1]!.length;
      const paper = scanItem(
        src,
        start,
        start + width + 2,
        start + width + 5,
        start + width + 5 + m[3]!.length,
        end,
        m[2] !== ' ',
        lineNumber,
        headings.length - 1,
        list.index,
        options.tags,
      );
      if (!paper) return null;
      papers.push(paper);
      continuable = true;
      openItem(paper, width + 1);
    }
    start = next;
  }
  list = null;
  return { papers, headings, lists, openAtEnd: false, frontMatterEnd: 0 };
}

/** Whether the line is an item that may interrupt a paragraph (see interrupts). */
function interruptsText(line: string): boolean {
  const marker = (ITEM_LINE.exec(line) ?? PLAIN_ITEM_LINE.exec(line))?.[1];
  return marker !== undefined && interrupts(marker);
}

/** Whether an item with this marker may interrupt a paragraph: bulleted, or numbered from 1. */
function interrupts(marker: string): boolean {
  return isBullet(marker) || marker.slice(0, -1) === '1';
}

/** Whether an item's marker (or its line) starts with a bullet, not a number. */
function isBullet(marker: string): boolean {
  return marker[0] === '-' || marker[0] === '*' || marker[0] === '+';
}

/** What keeps items in one list: the bullet (`-`, `*`, `+`), or a number's delimiter (`.`, `)`). */
function listKind(marker: string): string {
  return isBullet(marker) ? marker : marker[marker.length - 1]!;
}

/**
 * Whether a bracket of `src` could be a reference to a definition: a `]` that is neither a task item's
 * checkbox at column 0 (`- [ ] `) nor followed by `(` (a full or collapsed reference has `][`, a shortcut
 * anything else; an inline link that does not hold is declined by findLinks anyway), or a footnote's `[^`.
 */
function mayHoldReference(src: string): boolean {
  if (src.includes('[^')) return true;
  for (let at = src.indexOf(']'); at >= 0; at = src.indexOf(']', at + 1)) {
    if (src.charCodeAt(at + 1) === 40 /* ( */) continue;
    const lineStart = src.lastIndexOf('\n', at) + 1;
    if (at === lineStart + 4 && /^[-*+] \[[ xX]\] /.test(src.slice(lineStart, at + 2))) continue;
    return true;
  }
  return false;
}

/** Where the line starting at `start` ends (before its line ending). */
function lineEnd(src: string, start: number): number {
  const newline = src.indexOf('\n', start);
  let end = newline < 0 ? src.length : newline;
  if (end > start && src.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The lines from `start` on that begin with a pipe (at least the first), each with where the next begins. */
function tableLines(src: string, start: number, number: number): (TableLine & { next: number })[] {
  const lines: (TableLine & { next: number })[] = [];
  for (let at = start; at < src.length && src.charCodeAt(at) === 124; number++) {
    const newline = src.indexOf('\n', at);
    const next = newline < 0 ? src.length + 1 : newline + 1;
    lines.push({ start: at, end: lineEnd(src, at), number, next });
    at = next;
  }
  return lines;
}

function scanHeading(src: string, line: string, start: number): PartialHeading | null {
  const m = HEADING_LINE.exec(line);
  if (!m) return null;
  const from = start + m[1]!.length + m[2]!.length;
  const to = from + m[3]!.length;
  // (closing hashes, or a heading ending in one: `## C#`)
  if (m[3]!.endsWith('#')) return null;
  // Its text as remark's toString gives it: links read as their labels.
  const found = findLinks(src, from, to);
  if (!found) return null;
  let text = '';
  let cursor = from;
  for (const link of found) {
    const before = src.slice(cursor, link.start);
    const label = src.slice(link.start + 1, link.labelEnd);
    if (!plainText(before) || !plainText(label)) return null;
    text += before + label;
    cursor = link.end;
  }
  const after = src.slice(cursor, to);
  if (!plainText(after)) return null;
  text += after;
  return { text: text.replace(/\s+/g, ' ').trim(), depth: m[1]!.length, span: { start, end: start + line.length } };
}

/**
 * The paper of an item line whose text runs from `textStart` to `end` (its line, with trailing spaces, to
 * `lineEnd`); null when the text is not plain.
 */
function scanItem(
  src: string,
  itemStart: number,
  checkbox: number,
  textStart: number,
  end: number,
  lineEnd: number,
  read: boolean,
  line: number,
  headingIndex: number,
  listIndex: number,
  tags: TagMemo | undefined,
): PartialPaper | null {
  const found = findLinks(src, textStart, end);
  if (!found) return null;
  const links: Link[] = [];
  let cursor = textStart;
  for (const at of found) {
    if (!plainText(src.slice(cursor, at.start)) || !plainText(src.slice(at.start + 1, at.labelEnd))) return null;
    const label = src.slice(at.start + 1, at.labelEnd);
    links.push(
      linkAt(src, { start: at.start, end: at.end }, { start: at.start + 1, end: at.labelEnd }, label, at.url, true),
    );
    cursor = at.end;
  }
  if (!plainText(src.slice(cursor, end))) return null;
  const facts = readSimpleText(src, textStart, end, links, tags) ?? readPlainText(src, textStart, end, links);
  return {
    title: facts.title,
    read,
    reading: false,
    venue: facts.venue,
    year: facts.year,
    links: facts.links,
    line,
    source: 'task',
    span: { start: itemStart, end: lineEnd },
    checkbox: { start: checkbox, end: checkbox + 1 },
    // remark-gfm starts the paragraph after the checkbox, or at the first link: the text starts here either way.
    body: { start: textStart, end: lineEnd },
    titleSpan: facts.titleSpan,
    venueSpan: facts.venueSpan,
    headingIndex,
    listIndex,
  };
}

/** The column after leading spaces and tabs, tabs stopping every 4 columns as CommonMark's do. */
function columnAfter(indentation: string): number {
  let column = 0;
  for (let i = 0; i < indentation.length; i++) column = indentation[i] === '\t' ? (column & ~3) + 4 : column + 1;
  return column;
}

/**
 * Whether the text of a note or an item without a checkbox (from `start` to `end` of src) leaves it a
 * plain list item: no block of its own starts there, and no state marker makes its list a list of marked
 * papers (marked.ts).
 */
function readsAsPlainItem(src: string, start: number, end: number, text: string): boolean {
  if (NOTE_BLOCK_START.test(text) || RULE_LIKE.test(text)) return false;
  return markAtStart(src, start, end) === null && markAtEnd(src, start, end) === null;
}

/**
 * What may not start a paragraph's line (after its indentation): a heading, a quote, a fence, HTML, a
 * table's delimiter row or a setext underline (`-`, `:`, `|`, `=`), a list item, a rule (`***`, `___`),
 * a footnote definition (`[^1]:`, which may interrupt a paragraph).
 */
const TEXT_BLOCK_START = /^(?:[#>|:<=+-]|`{3}|~{3}|\*(?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[*_][*_ \t]*$|\[\^)/;

/**
 * Whether a line (src from `start` to `end`; `text` without its indentation) reads as a paragraph's
 * text that says nothing to a list: no block starts there, no line ending (a lone CR) is inside it, a
 * first line is no definition (`[label]: url`), and it carries no state marker (`[✅] Title`, `Title -
 * 🔘`: two such lines make a part's paragraphs lists of papers, parse-remark.ts countMarkedLines).
 */
function readsAsText(src: string, start: number, end: number, text: string, first: boolean): boolean {
  if (TEXT_BLOCK_START.test(text) || text.includes('\r') || (first && text[0] === '[')) return false;
  return lineMark(src, { start, end }) === null;
}

/** The general reading (inline/read.ts) of a plain item text, flattened here: its text and its links' labels. */
function readPlainText(src: string, start: number, end: number, links: Link[]): InlineFacts {
  const flat = emptyFlat();
  const rawLinks: RawLink[] = [];
  let whole = '';
  let cursor = start;
  for (const link of links) {
    const before = src.slice(cursor, link.span.start);
    const label = src.slice(link.labelSpan.start, link.labelSpan.end);
    pushPlainText(flat, before, cursor);
    flattenPlainLink(link, label, src, flat, rawLinks);
    whole += before + label;
    cursor = link.span.end;
  }
  const after = src.slice(cursor, end);
  pushPlainText(flat, after, cursor);
  flat.offsets.push(end);
  whole += after;
  return readFlat(flat, rawLinks, () => whole);
}

function plainText(text: string): boolean {
  return !MARKUP.test(text) && !AUTOLINK.test(text) && !(text.includes('&') && ENTITY.test(text));
}

interface FoundLink {
  start: number;
  labelEnd: number;
  end: number;
  url: string;
}

/**
 * The inline links `[label](destination)` of `src` from `from` to `to`, found with CommonMark's bracket
 * rules: a `]` closes the nearest open `[`; a link deactivates the brackets opened before it; a bracket
 * pair that is not followed by a destination is text (the part has no definitions, so no reference
 * links). Null when a destination is one the scanner does not read.
 */
function findLinks(src: string, from: number, to: number): FoundLink[] | null {
  const openers: number[] = [];
  // The openers below this index are inactive: a link deactivates every bracket opened before it (a
  // mark, not a pass over them: `[` x n then n links took quadratic time).
  let activeFrom = 0;
  const links: FoundLink[] = [];
  for (let i = from; i < to; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 91 /* [ */) {
      openers.push(i);
    } else if (ch === 93 /* ] */) {
      if (openers.length === 0) continue;
      const active = openers.length - 1 >= activeFrom;
      const at = openers.pop()!;
      if (activeFrom > openers.length) activeFrom = openers.length;
      if (!active || i + 1 >= to || src.charCodeAt(i + 1) !== 40 /* ( */) continue;
      const close = destinationEnd(src, i + 2, to);
      if (close === null) return null;
      links.push({ start: at, labelEnd: i, end: close + 1, url: src.slice(i + 2, close) });
      activeFrom = openers.length;
      i = close;
    }
  }
  return links;
}
