/**
 * Splitting a document where CommonMark guarantees independence, so that parts can be parsed apart,
 * cached apart and re-parsed alone when only they changed.
 *
 * A part starts at an ATX heading line at column 0. Such a line closes every open paragraph, list and
 * block quote, and cannot be lazy continuation text; only an open fenced code block or HTML block could
 * swallow it. Those are tracked here (top-level fences, closed only by a run of their own character;
comments; <pre>/<script>/<style>/<textarea> blocks, which run to their end tag; HTML lines right before the heading),
 * and parse.ts checks again after parsing that no part ends inside one.
 *
 * A long section is also split inside its list (a *seam*), so that a write in a section of hundreds of
 * items re-reads a hundred lines, not all of them: before a task item at column 0, once the part has
 * SEAM_LINES lines, when the lines before it up to the item before are blank or indented into that item
 * (its notes) and that item is a task item at column 0 with the same bullet. The first item cannot be the
 * text of anything before it (a bullet with text interrupts a paragraph and a table), so it starts an
 * item of that item's list; the part after the seam is then read as a list of its own, which parts.ts
 * joins to the list before (its index), once both parts' models show the two items as task items where
 * the seam says (else the two parts are read as one: a block left open, say).
 *
 * Link reference and footnote definitions are document-wide: a reference in one part may be defined in
 * another. A document whose definitions are all plain (definitions.ts) is split all the same, and each
 * part is parsed with those it may refer to after its text (partText; parse-remark.ts), so that its
 * model is the one a parse of the whole gives; its cache key holds them too (store/hash.ts partHash).
 * A document whose definitions are not all plain is one part, as before.
 */
import { DefinitionCollector, definitionsFor } from './definitions.js';
import { hasLoneCr } from '../model/text.js';
import type { PartialPaper } from './parts.js';

export interface Chunk {
  /** Offsets into the text the parser sees (BOM removed). */
  start: number;
  end: number;
  /** 0-based line number of the chunk's first line. */
  line: number;
  /**
   * At a seam (see the top): the 1-based line (as a paper's `line` counts) of the item of the part
   * before whose list this part's first item goes on.
   */
  joins?: number;
}

/** Lines a part has before a seam may end it (see the top). */
export const SEAM_LINES = 128;
/** A task item at column 0 (its bullet captured): what a seam needs on both sides. */
const SEAM_ITEM = /^([-*+]) \[[ xX]\][ \t]+\S/;
/** A blank line, or one indented two columns or more: inside a SEAM_ITEM's item (its content is at 2). */
const INDENTED_OR_BLANK = /^(?:[ \t]*\r?\n$| {2}|\t| \t)/;

const HEADING = /^#{1,6}(?:[ \t]|\r?$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Front matter as remark-frontmatter closes it: an empty one too (`---` then `---`, a Jekyll habit). */
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\r?\n(?:[\s\S]*?\r?\n)?\1[ \t]*(?:\r?\n|$)/;
const FRONT_MATTER_OPENER = /^(---|\+\+\+)[ \t]*(?:\r?\n|$)/;

/** Whether `src` opens front matter it never closes (then it has none: parse-remark.ts parseMarkdown). */
export function opensFrontMatterUnclosed(src: string): boolean {
  return FRONT_MATTER_OPENER.test(src) && !FRONT_MATTER.test(src);
}
const HTML_START = /^ {0,3}</;
/** CommonMark's HTML block kind 1: it runs to the line holding its end tag, blank lines and headings included. */
const RAW_HTML_START = /^ {0,3}<(pre|script|style|textarea)(?:[ \t>]|\r?\n?$)/i;
/** A closing fence: one run of the fence's character, then only spaces (```~~ closes nothing). */
const FENCE_CLOSE = /^ {0,3}(`+|~+)[ \t]*\r?\n?$/;

/**
 * A part as it is parsed: its text, and the definitions of the document it is read with ('' for none): a
 * part's model depends on both. Made by partText only.
 */
export interface PartText {
  readonly text: string;
  readonly definitions: string;
}

/**
 * A part of a document whose definitions are `definitions` (splitDocument's), as it is parsed and cached:
 * with those of them it may refer to (definitions.ts definitionsFor).
 */
export function partText(text: string, definitions: string): PartText {
  return { text, definitions: definitionsFor(text, definitions) };
}

/** How a document is read part by part: its parts, and the definitions of the document ('' for none). */
export interface DocumentSplit {
  chunks: Chunk[];
  definitions: string;
}

export function splitIntoChunks(src: string): Chunk[] {
  return splitDocument(src).chunks;
}

/**
 * The parts of `src` and the document's definitions: the one place that says how a part is parsed.
 * `definitions`: those of the document `src` is a piece of (a part, or the text up to one: verify.ts),
 * which `src` alone does not have.
 */
export function splitDocument(src: string, definitions?: string): DocumentSplit {
  // A lone CR ends a line for remark but not for the line counts here (a later part's papers would
  // say one line too few): such a text is one part. (papers reads it and does not edit it.)
  if (hasLoneCr(src)) return { chunks: [{ start: 0, end: src.length, line: 0 }], definitions: definitions ?? '' };
  const collector = definitions === undefined ? DefinitionCollector.for(src) : null;
  const chunks = splitAtHeadings(src, collector);
  if (!collector) return { chunks, definitions: definitions ?? '' };
  const block = collector.block();
  // (Definitions that are not all plain: one part, which holds them all.)
  return block === null
    ? { chunks: [{ start: 0, end: src.length, line: 0 }], definitions: '' }
    : { chunks, definitions: block };
}

/** The definitions the parts of `src` are parsed with (splitDocument's, for a text whose parts are known). */
export function documentDefinitions(src: string): string {
  const collector = DefinitionCollector.for(src);
  if (!collector) return '';
  splitAtHeadings(src, collector);
  return collector.block() ?? '';
}

function splitAtHeadings(src: string, collector: DefinitionCollector | null): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  // Front matter (`# comments` in YAML included) belongs to the first part.
  const frontMatter = FRONT_MATTER.exec(src)?.[0] ?? '';
  let fence: string | null = null;
  let inComment = false;
  /** The end tag of the raw HTML block (`</pre>`) the line is in, or null. */
  let rawHtmlEnd: string | null = null;
  /** Whether the line before starts an HTML block's way (`<` after at most 3 spaces): see HTML_START. */
  let previousHtml = false;
  /** The parts that start at a seam (their index): the line of the item they go on from. */
  const seams = new Map<number, number>();
  /** Whether each part so far, and this one, has a line that may be a paragraph outside any list. */
  const texty: boolean[] = [];
  let chunkTexty = false;
  const endChunk = (end: number) => {
    chunks.push({ start: chunkStart, end, line: chunkLine });
    texty.push(chunkTexty);
    chunkTexty = false;
  };
  let lineNumber = frontMatter.split('\n').length - 1;
  /** Where the text after the last line that was in, or opened, code, an HTML block or a comment starts. */
  let settledFrom = frontMatter.length;
  for (let start = frontMatter.length; start < src.length; lineNumber++) {
    const newline = src.indexOf('\n', start);
    const end = newline < 0 ? src.length : newline + 1;
    const plain = fence === null && rawHtmlEnd === null && !inComment;
    if (plain && lineNumber - chunkLine >= SEAM_LINES && start > chunkStart) {
      const joins = seamBefore(src, start, end, Math.max(settledFrom, chunkStart), lineNumber);
      if (joins !== null) {
        endChunk(start);
        chunkStart = start;
        chunkLine = lineNumber;
        seams.set(chunks.length, joins);
      }
    }
    // Outside code, HTML and comments only a line that starts (after at most 3 spaces) with one of
    // # ` ~ < can change anything here: the rest, most lines of a list, are passed over unsliced.
    if (plain && collector === null && !mayOpen(src, start)) {
      if (!chunkTexty && mayBeText(src, start)) chunkTexty = true;
      previousHtml = false;
      start = end;
      continue;
    }
    const line = src.slice(start, end);
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = null;
    } else if (rawHtmlEnd !== null) {
      if (line.toLowerCase().includes(rawHtmlEnd)) rawHtmlEnd = null;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const open = FENCE.exec(line);
      const raw = open ? null : RAW_HTML_START.exec(line);
      if (open) fence = open[1]!;
      else if (raw) {
        const end = `</${raw[1]!.toLowerCase()}>`;
        if (!line.toLowerCase().includes(end)) rawHtmlEnd = end;
      } else if (/^ {0,3}<!--/.test(line) && !line.slice(line.indexOf('<!--') + 4).includes('-->')) inComment = true;
      else if (HEADING.test(line) && start > frontMatter.length && !previousHtml && start > chunkStart) {
        endChunk(start);
        chunkStart = start;
        chunkLine = lineNumber;
      }
      if (!HEADING.test(line) && mayBeText(src, start)) chunkTexty = true;
    }
    collector?.line(line, plain);
    previousHtml = HTML_START.test(line);
    if (!plain || fence !== null || rawHtmlEnd !== null || inComment) settledFrom = end;
    start = end;
  }
  endChunk(src.length);
  // Paragraph lines marked as entries (`[✅] Title`) are read as papers when a part has two of them
  // (parse-remark.ts, scan.ts): the parts a section's seams make count them as the section would when
  // at most one of them may hold such lines; the parts from the first that may to the last are one.
  const parts: Chunk[] = [];
  /** The part of the section so far that may hold paragraph lines (its index in parts), or -1. */
  let textyPart = -1;
  chunks.forEach((chunk, i) => {
    const joins = seams.get(i);
    if (joins === undefined) textyPart = texty[i] ? parts.length : -1;
    else if (texty[i] && textyPart >= 0) {
      parts[textyPart]!.end = chunk.end;
      parts.length = textyPart + 1;
      return;
    } else {
      chunk.joins = joins;
      if (texty[i]) textyPart = parts.length;
    }
    parts.push(chunk);
  });
  return parts;
}

/**
 * Whether the line at `start` may be a paragraph's outside any list: not blank, indented under 4
 * columns, and no bullet item (a heading line is the caller's to leave out).
 */
function mayBeText(src: string, start: number): boolean {
  let at = start;
  while (at < start + 3 && src.charCodeAt(at) === 0x20) at++;
  const c = src.charCodeAt(at);
  if (Number.isNaN(c) || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09) return false;
  if (c !== 0x2d && c !== 0x2a && c !== 0x2b) return true;
  const after = src.charCodeAt(at + 1);
  return !(Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d);
}

/**
 * Whether a seam goes before the line [start, end) (0-based line `lineNumber`): the 1-based line of the
 * task item before it whose list it goes on (see the top), or null. Only text from `from` on counts.
 */
function seamBefore(src: string, start: number, end: number, from: number, lineNumber: number): number | null {
  const c = src.charCodeAt(start);
  if (c !== 0x2d && c !== 0x2a && c !== 0x2b) return null;
  const item = SEAM_ITEM.exec(src.slice(start, end));
  if (!item) return null;
  // The item before: the first line back that is neither blank nor indented into an item (2 columns).
  let lineEnd = start;
  let line = lineNumber;
  while (lineEnd > from) {
    const lineStart = src.lastIndexOf('\n', lineEnd - 2) + 1;
    line--;
    if (lineStart < from) return null;
    const before = src.slice(lineStart, lineEnd);
    if (!INDENTED_OR_BLANK.test(before)) return SEAM_ITEM.exec(before)?.[1] === item[1] ? line + 1 : null;
    lineEnd = lineStart;
  }
  return null;
}

/** Whether the line at `start` begins, after at most 3 spaces, with `#`, a backtick, `~` or `<`. */
function mayOpen(src: string, start: number): boolean {
  let at = start;
  while (at < start + 3 && src.charCodeAt(at) === 0x20) at++;
  const c = src.charCodeAt(at);
  return c === 0x23 || c === 0x60 || c === 0x7e || c === 0x3c;
}

/**
 * Whether the seam before part `next` holds: the part before has a task item at the line the seam
 * names, and `next` starts with a task item in its first list. (Then the two items are of one list,
 * which assemble joins.)
 */
export function seamHolds(
  chunk: Pick<Chunk, 'line'>,
  model: { papers: readonly SeamPaper[] },
  next: Pick<Chunk, 'joins'>,
  nextModel: { papers: readonly SeamPaper[] },
): boolean {
  const first = nextModel.papers[0];
  return (
    seamItem(model.papers, next.joins! - chunk.line) !== undefined &&
    first?.source === 'task' &&
    first.line === 1 &&
    first.listIndex === 0
  );
}

type SeamPaper = Pick<PartialPaper, 'source' | 'line' | 'listIndex'>;

/**
 * The task item among the first `end` of `papers` (in text order) at `line`: where a seam's list goes
 * on from. It is the last of them or one before its notes' papers (searched from the end).
 */
export function seamItem<Paper extends SeamPaper>(
  papers: readonly Paper[],
  line: number,
  end = papers.length,
): Paper | undefined {
  for (let i = end - 1; i >= 0 && papers[i]!.line >= line; i--)
    if (papers[i]!.line === line) return papers[i]!.source === 'task' ? papers[i] : undefined;
  return undefined;
}

/**
 * Where a part's lists go in the document's count: its first list is the list of the paper before
 * it when the part starts at a seam (`joined`, that paper's list), its others count on from `lists`.
 */
export function listPlace(lists: number, joined: number): { base: number; first: number } {
  return joined < 0 ? { base: lists, first: lists } : { base: lists - 1, first: joined };
}
