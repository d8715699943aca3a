/**
 * A fast path for the plainest parts of a list: parts made only of blank lines, plain ATX headings and
 * one-line task items (`- [ ] Title[OSDI'20]: [[Paper](url)]`) whose text holds no emphasis, code, HTML,
 * entities, escapes, images or autolinks. For such a part it builds the very mdast tree remark-parse +
 * remark-gfm would (same nodes, same positions), about a hundred times faster; anything else returns
 * null and goes to remark. test/differential.test.ts compares the two, field by field.
 */
import type { Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, Text } from 'mdast';

/** Characters that start inline markup, or entities and escapes, outside link destinations. */
const MARKUP = /[\\`*_~<>&!\u0000-\u0008\u000b-\u001f\u007f]/;
/** GFM autolink literals (`https://`, `www.`, `a@b.c`) would turn text into links. */
const AUTOLINK = /https?:|www\.|ftp:|mailto:|xmpp:|@/i;
const HEADING_LINE = /^(#{1,6}) (\S(?:.*\S)?)$/;
const ITEM_LINE = /^([-*+]) \[([ xX])\] (\S.*)$/;
const BLANK_LINE = /^[ \t]*$/;

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** The tree remark would build for `src`, or null when `src` is not made of plain lines only. */
export function fastParse(src: string): Root | null {
  const root: Root = { type: 'root', children: [] };
  let list: { node: List; marker: string; blankBefore: boolean } | null = null;
  let lineNumber = 0;
  for (let start = 0; start <= src.length; lineNumber++) {
    const newline = src.indexOf('\n', start);
    const next = newline < 0 ? src.length + 1 : newline + 1;
    let end = newline < 0 ? src.length : newline;
    if (end > start && src[end - 1] === '\r') end--;
    const line = src.slice(start, end);
    const point = (offset: number): Point => ({ line: lineNumber + 1, column: offset - start + 1, offset });

    if (BLANK_LINE.test(line)) {
      if (list) list.blankBefore = true;
    } else if (line[0] === '#') {
      const m = HEADING_LINE.exec(line);
      if (!m || MARKUP.test(m[2]!) || /[[\]]/.test(m[2]!) || AUTOLINK.test(m[2]!) || m[2]!.endsWith('#')) return null;
      const textStart = start + m[1]!.length + 1;
      const text: Text = { type: 'text', value: m[2]!, position: { start: point(textStart), end: point(end) } };
      const heading: Heading = { type: 'heading', depth: m[1]!.length as Heading['depth'], children: [text], position: { start: point(start), end: point(end) } };
      root.children.push(heading);
      list = null;
    } else {
      const m = ITEM_LINE.exec(line);
      if (!m) return null;
      const restStart = start + 6;
      const inline = parseInline(m[3]!, restStart, point);
      if (!inline) return null;
      // remark-gfm moves the paragraph's start past the checkbox only when text follows it.
      const paragraphStart = inline[0]!.type === 'text' ? restStart : start + 2;
      const paragraph: Paragraph = { type: 'paragraph', children: inline, position: { start: point(paragraphStart), end: point(end) } };
      const item: ListItem = {
        type: 'listItem',
        spread: false,
        checked: m[2] !== ' ',
        children: [paragraph],
        position: { start: point(start), end: point(end) },
      };
      if (list && list.marker === m[1]) {
        if (list.blankBefore) list.node.spread = true;
        list.node.children.push(item);
        list.node.position!.end = point(end);
      } else {
        const node: List = { type: 'list', ordered: false, start: null, spread: false, children: [item], position: { start: point(start), end: point(end) } };
        root.children.push(node);
        list = { node, marker: m[1]!, blankBefore: false };
      }
      list.blankBefore = false;
    }
    start = next;
  }
  const lastLineStart = src.lastIndexOf('\n') + 1;
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: lineNumber, column: src.length - lastLineStart + 1, offset: src.length },
  };
  return root;
}

interface LinkAt {
  start: number;
  labelEnd: number;
  end: number;
  url: string;
}

/**
 * Inline content with only text and `[label](destination)` links, found with CommonMark's bracket
 * rules (a link deactivates the brackets opened before it; no reference links, as the part has no
 * definitions). Null when anything else appears.
 */
function parseInline(rest: string, base: number, point: (offset: number) => Point): PhrasingContent[] | null {
  const openers: { at: number; active: boolean }[] = [];
  const links: LinkAt[] = [];
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '[') {
      openers.push({ at: i, active: true });
    } else if (ch === ']') {
      const opener = openers.pop();
      if (!opener || !opener.active || rest[i + 1] !== '(') continue;
      const close = destinationEnd(rest, i + 2);
      if (close === null) return null;
      if (close < 0) continue;
      links.push({ start: opener.at, labelEnd: i, end: close + 1, url: rest.slice(i + 2, close) });
      for (const earlier of openers) earlier.active = false;
      i = close;
    }
  }
  const nodes: PhrasingContent[] = [];
  let cursor = 0;
  const text = (from: number, to: number): Text | null => {
    if (to <= from) return null;
    const value = rest.slice(from, to);
    if (MARKUP.test(value) || AUTOLINK.test(value)) throw ABORT;
    return { type: 'text', value, position: { start: point(base + from), end: point(base + to) } };
  };
  try {
    for (const link of links) {
      const before = text(cursor, link.start);
      if (before) nodes.push(before);
      const label = text(link.start + 1, link.labelEnd);
      const node: Link = {
        type: 'link',
        title: null,
        url: link.url,
        children: label ? [label] : [],
        position: { start: point(base + link.start), end: point(base + link.end) },
      };
      nodes.push(node);
      cursor = link.end;
    }
    const after = text(cursor, rest.length);
    if (after) nodes.push(after);
  } catch (error) {
    if (error === ABORT) return null;
    throw error;
  }
  return nodes.length ? nodes : null;
}

const ABORT = Symbol('not a plain line');

/**
 * The `)` that ends a destination starting at `from` (balanced parentheses inside); -1 when there is
 * none (the brackets are then literal text); null when the destination is one this path does not
 * handle (spaces, a title, `<...>`, escapes or entities).
 */
function destinationEnd(rest: string, from: number): number | null {
  let depth = 0;
  for (let j = from; j < rest.length; j++) {
    const ch = rest[j]!;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return /&[#A-Za-z0-9]+;/.test(rest.slice(from, j)) ? null : j;
      depth--;
    } else if (/[\s<>"'\\\u0000-\u001f]/.test(ch)) return null;
  }
  return null;
}
