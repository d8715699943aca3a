/** Links of a task item: where each part of them is, which are labels, and venues written as links or badges. */
import type { Image, Link as MdLink, LinkReference } from 'mdast';
import type { Link, Span } from '../../model/paper.js';
import { isKnownVenueName, parseVenue } from '../venue.js';
import type { InlineContext } from './flatten.js';

export interface RawLink {
  link: Link;
  /** An image (a badge) rather than a link with words. */
  isImage: boolean;
  imageUrl: string | null;
}

/**
 * Words that name what a link points at rather than a paper: `[paper](u)`, `[code](u)`, `[blog post](u)`.
 * (A link after a title whose text starts with one of these is a label, however long it is.)
 */
const LABEL_WORDS = new Set(
  (
    'paper papers pdf code codes repo repository github gitlab project page homepage website site web blog post posts article ' +
    'slides slide video videos talk demo note notes review reviews link doc docs documentation abstract openreview youtube colab ' +
    'notebook dataset data supp supplementary supplement poster bib bibtex html tweet thread official unofficial implementation ' +
    'pytorch tensorflow jax huggingface model models weights checkpoint arxiv preprint full here link source src url download ' +
    'ppt pptx online read springer ieee ieeexplore acm dl medium scholar semanticscholar sciencedirect wiley researchgate dblp ' +
    'zhihu csdn kaggle wandb twitter reddit'
  ).split(' '),
);
/** The same in Chinese, where words are not split by spaces: a label starts with one (`[论文解读](u)`). */
const LABEL_PREFIXES = ['论文', '代码', '笔记', '解读', '博客', '知乎', '视频', '项目', '主页'];

/** A label such as `Paper`, `code`, `PyTorch`, `论文解读`: what a link or a bracket names, not a paper. */
function isLabelWord(text: string): boolean {
  const words = text.trim().split(/\s+/);
  const first = words[0]!.toLowerCase().replace(/[^\p{L}]/gu, '');
  return words.length <= 5 && (LABEL_WORDS.has(first) || LABEL_PREFIXES.some((prefix) => first.startsWith(prefix)));
}

/** Does a link's text read as words of the text around it (a title), or is it a label? */
export function readsAsWords(label: string, link: Link, before: string, after: string): boolean {
  const text = label.trim();
  // Rule: a link wrapped in brackets (`[[Paper](u)]`, `\[[p](u)\]`, `[[paper]](u)`) is a label.
  if (link.outerSpan.start !== link.span.start || /^\[.*\]$/s.test(text)) return false;
  // Rule: a link without letters (`[📖](u)`, `[1](u)`) is an icon or a note, and a venue (`[MICCAI18](u)`) is where
  // the paper appeared.
  if (!/\p{L}/u.test(text)) return false;
  if (isLabel(text) && (parseVenue(text) || isKnownVenueName(text))) return false;
  const open = unclosedParen(before);
  // Rule: a link inside a remark that began in words and closes after it (`(not GAN, but [code](u) provided)`)
  // is part of the remark. A parenthesis nothing closes (`(Attention: [Paper](u)`) makes no remark.
  if (open >= 0 && /[\p{L}\p{N}]/u.test(before.slice(open + 1)) && /^[^[\n]*\)/.test(after)) return true;
  // Rule: a link named by a label word (`[paper](u)`, `[blog post with references](u)`) is a label.
  if (isLabelWord(text)) return false;
  // Rule: a long link text is a title (`[Attention Is All You Need](u)`).
  if (!isLabel(text)) return true;
  // Rule: a short link that starts the item (`[Rammer](u): Enabling ...`), or comes right after words with no
  // separator between (`Add [Best Collection](u)`), is words of the title.
  if (!/[\p{L}\p{N}]/u.test(before)) return !/[([]\s*$/.test(before);
  return open < 0 && /[\p{L}\p{N}]\s*$/u.test(before);
}

/** Index of the last `(` in `text` that no `)` closes, or -1. */
function unclosedParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A link whose text is a label (`Paper`, `[code]`, `MICCAI18`), not a title. */
export function isLabel(label: string): boolean {
  const inner = stripBrackets(label).trim();
  return inner.length <= 24 && inner.split(/\s+/).length <= 3;
}

function stripBrackets(label: string): string {
  const m = /^\s*\[(.*)\]\s*$/s.exec(label);
  return m ? m[1]! : label;
}

export function venueFromLinks(links: RawLink[]): { text: string; span: Span } | null {
  for (const raw of links) {
    if (raw.isImage && raw.imageUrl) {
      const badge = badgeLabel(raw.imageUrl);
      if (badge && (parseVenue(badge) || isKnownVenueName(badge))) return { text: badge, span: raw.link.span };
      continue;
    }
    const label = stripBrackets(raw.link.label).trim();
    if (parseVenue(label) || isKnownVenueName(label)) return { text: label, span: raw.link.labelSpan };
  }
  return null;
}

/** shields.io badges carry their text in the path: `/badge/CVPR_'25-dc3545` -> `CVPR '25`. */
function badgeLabel(url: string): string | null {
  const m = /img\.shields\.io\/badge\/([^/?#]+)/.exec(url);
  if (!m) return null;
  let label = m[1]!;
  try {
    label = decodeURIComponent(label);
  } catch {
    return null;
  }
  // Badge syntax: `label-message-color` or `message-color`; `--` is a literal dash, `_` a space.
  const parts = label.split(/(?<!-)-(?!-)/);
  if (parts.length >= 2) parts.pop();
  return parts
    .join(' ')
    .replace(/--/g, '-')
    .replace(/__/g, '\u0001')
    .replace(/_/g, ' ')
    .replace(/\u0001/g, '_')
    .trim();
}

export function linkOf(node: MdLink | LinkReference | Image, label: string, ctx: InlineContext): Link {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const span = { start, end };
  const labelSpan = labelSpanOf(node, ctx.src, span);
  if (node.type === 'linkReference')
    return linkAt(ctx.src, span, labelSpan, label, ctx.definitions.get(node.identifier)?.url ?? '', false);
  return linkAt(ctx.src, span, labelSpan, label, node.url, true);
}

/**
 * A link found at `span` with its text at `labelSpan` (`label` is that text, markup removed): where its
 * destination is (`inline`: written `(url)` after the label, not a reference) and which brackets wrap it.
 */
export function linkAt(src: string, span: Span, labelSpan: Span, label: string, url: string, inline: boolean): Link {
  const urlSpan = inline ? destinationSpan(src, labelSpan.end, span.end) : null;
  return { label: stripBrackets(label).trim(), url, span, urlSpan, labelSpan, outerSpan: outerSpanOf(src, span) };
}

/** The text between `[` and `]`: from the first child's start to the `]` that closes it. */
function labelSpanOf(node: MdLink | LinkReference | Image, src: string, span: Span): Span {
  const open = src.indexOf('[', span.start) + 1;
  if (node.type !== 'image' && node.children.length > 0) {
    return {
      start: node.children[0]!.position!.start.offset!,
      end: node.children[node.children.length - 1]!.position!.end.offset!,
    };
  }
  // Images and empty labels: find the matching `]` by depth.
  let depth = 1;
  let i = open;
  for (; i < span.end && depth > 0; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '[') depth++;
    else if (src[i] === ']') depth--;
  }
  return { start: open, end: Math.max(open, i - 1) };
}

/** `](<dest> "title")`: the destination's span, `<`/`>` excluded. */
function destinationSpan(src: string, labelEnd: number, end: number): Span | null {
  let i = src.indexOf('(', labelEnd);
  if (i < 0 || i >= end) return null;
  i++;
  while (i < end && (src[i] === ' ' || src[i] === '\t' || src[i] === '\r' || src[i] === '\n')) i++;
  if (src[i] === '<') {
    // (to the first `>` not escaped: `<a\>b>` is `a>b`)
    let close = i + 1;
    while (close < end && src[close] !== '>') close += src[close] === '\\' ? 2 : 1;
    return { start: i + 1, end: close < end ? close : i + 1 };
  }
  let depth = 0;
  let j = i;
  for (; j < end; j++) {
    const ch = src[j]!;
    if (ch === '\\') j++;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (ch.charCodeAt(0) <= 0x20) break; // CommonMark: ASCII space or control, not U+00A0
  }
  return { start: i, end: j };
}

/** The link plus the literal brackets a list wraps it in: `[[Paper](u)]`, `\[[p](u)\]`, `**\[**[**P**](u)**]**`. */
function outerSpanOf(src: string, span: Span): Span {
  let before = span.start;
  while (before > 0 && (src[before - 1] === '*' || src[before - 1] === '_')) before--;
  let open: number | null = null;
  if (src[before - 1] === '[') open = src[before - 2] === '\\' ? before - 2 : before - 1;
  let after = span.end;
  while (after < src.length && (src[after] === '*' || src[after] === '_')) after++;
  let close: number | null = null;
  if (src[after] === ']') close = after + 1;
  else if (src[after] === '\\' && src[after + 1] === ']') close = after + 2;
  if (open === null || close === null) return span;
  while (open > 0 && (src[open - 1] === '*' || src[open - 1] === '_') && src[close] === src[open - 1]) {
    open--;
    close++;
  }
  return { start: open, end: close };
}
