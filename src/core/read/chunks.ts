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
 * Link reference and footnote definitions are document-wide: a reference in one part may be defined in
 * another. A document whose definitions are all plain (definitions.ts) is split all the same, and each
 * part is parsed with those it may refer to after its text (partText; parse-remark.ts), so that its
 * model is the one a parse of the whole gives; its cache key holds them too (store/hash.ts partHash).
 * A document whose definitions are not all plain is one part, as before.
 */
import { DefinitionCollector, definitionsFor } from './definitions.js';
import { hasLoneCr } from '../model/text.js';

export interface Chunk {
  /** Offsets into the text the parser sees (BOM removed). */
  start: number;
  end: number;
  /** 0-based line number of the chunk's first line. */
  line: number;
}

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
  let lineNumber = frontMatter.split('\n').length - 1;
  for (let start = frontMatter.length; start < src.length; lineNumber++) {
    const newline = src.indexOf('\n', start);
    const end = newline < 0 ? src.length : newline + 1;
    const plain = fence === null && rawHtmlEnd === null && !inComment;
    // Outside code, HTML and comments only a line that starts (after at most 3 spaces) with one of
    // # ` ~ < can change anything here: the rest, most lines of a list, are passed over unsliced.
    if (plain && collector === null && !mayOpen(src, start)) {
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
        chunks.push({ start: chunkStart, end: start, line: chunkLine });
        chunkStart = start;
        chunkLine = lineNumber;
      }
    }
    collector?.line(line, plain);
    previousHtml = HTML_START.test(line);
    start = end;
  }
  chunks.push({ start: chunkStart, end: src.length, line: chunkLine });
  return chunks;
}

/** Whether the line at `start` begins, after at most 3 spaces, with `#`, a backtick, `~` or `<`. */
function mayOpen(src: string, start: number): boolean {
  let at = start;
  while (at < start + 3 && src.charCodeAt(at) === 0x20) at++;
  const c = src.charCodeAt(at);
  return c === 0x23 || c === 0x60 || c === 0x7e || c === 0x3c;
}
