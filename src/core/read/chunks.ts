/**
 * Splitting a document where CommonMark guarantees independence, so that parts can be parsed apart,
 * cached apart and re-parsed alone when only they changed.
 *
 * A part starts at an ATX heading line at column 0. Such a line closes every open paragraph, list and
 * block quote, and cannot be lazy continuation text; only an open fenced code block or HTML block could
 * swallow it. Those are tracked here (top-level fences, closed only by a run of their own character;
comments; <pre>/<script>/<style>/<textarea> blocks, which run to their end tag; HTML lines right before the heading),
 * and parse.ts checks again after parsing that no part ends inside one. Link reference definitions are
 * document-wide, so a document that has any is never split.
 */
import { definitionLines } from '../model/text.js';

export interface Chunk {
  /** Offsets into the text the parser sees (BOM removed). */
  start: number;
  end: number;
  /** 0-based line number of the chunk's first line. */
  line: number;
}

const HEADING = /^#{1,6}(?:[ \t]|\r?$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n\1[ \t]*(?:\r?\n|$)/;
const HTML_START = /^ {0,3}</;
/** CommonMark's HTML block kind 1: it runs to the line holding its end tag, blank lines and headings included. */
const RAW_HTML_START = /^ {0,3}<(pre|script|style|textarea)(?:[ \t>]|\r?\n?$)/i;
/** A closing fence: one run of the fence's character, then only spaces (```~~ closes nothing). */
const FENCE_CLOSE = /^ {0,3}(`+|~+)[ \t]*\r?\n?$/;

export function splitIntoChunks(src: string): Chunk[] {
  // Definitions are document-wide (and may sit in a quote or list item): such a document is one part.
  if (definitionLines(src).length > 0) return [{ start: 0, end: src.length, line: 0 }];
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  // Front matter (`# comments` in YAML included) belongs to the first part.
  const frontMatter = FRONT_MATTER.exec(src)?.[0] ?? '';
  let fence: string | null = null;
  let inComment = false;
  /** The end tag of the raw HTML block (`</pre>`) the line is in, or null. */
  let rawHtmlEnd: string | null = null;
  let previous = '';
  let lineNumber = frontMatter.split('\n').length - 1;
  for (let start = frontMatter.length; start < src.length; lineNumber++) {
    const newline = src.indexOf('\n', start);
    const end = newline < 0 ? src.length : newline + 1;
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
      else if (HEADING.test(line) && start > frontMatter.length && !HTML_START.test(previous) && start > chunkStart) {
        chunks.push({ start: chunkStart, end: start, line: chunkLine });
        chunkStart = start;
        chunkLine = lineNumber;
      }
    }
    previous = line;
    start = end;
  }
  chunks.push({ start: chunkStart, end: src.length, line: chunkLine });
  return chunks;
}
