/**
 * Flattening: a paragraph's inline tree becomes plain text where every character remembers its source
 * offset, and every label link (`[Paper](url)`, `[[code]](url)`, a badge) is a single placeholder.
 */
import type { Definition, Image, Link as MdLink, LinkReference, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Link, Span } from '../../model/paper.js';
import { linkOf, type RawLink, readsAsWords } from './links.js';

/** Source text plus a function to look up reference definitions. */
export interface InlineContext {
  src: string;
  definitions: Map<string, Definition>;
}

/** HTML that sits inside a run of words without separating them: phrasing tags and comments. */
const INLINE_TAG =
  /^(?:<\/?(?:a|abbr|b|bdi|bdo|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)(?=[\s/>])[^>]*>|<!--[\s\S]*?-->)$/i;

/** Placeholder for a label link in the flattened text; micromark turns NUL into U+FFFD, so text never holds it. */
export const LINK_MARK = '\u0000';

export interface Flat {
  text: string;
  /** Source offset of each character of `text` (and one past the end). */
  offsets: number[];
  /** For each LINK_MARK in `text`, in order, the index into `links`. */
  marks: number[];
  /** Characters written with a backslash escape: literal text, never a tag bracket or a separator. */
  literal: Set<number>;
  /** Where a bracketed tag set in bold or italics starts (`**[DRN]** Title`): markup, so a tag. */
  tags: Set<number>;
  /** Links whose words are read as text (a linked title, `Add [Best Collection](url)`), as ranges of `text`. */
  wordLinks: { start: number; end: number; link: Link }[];
  /** Text set in bold (`**Title.** Venue 2019.`), as ranges of `text`. */
  bold: { start: number; end: number }[];
  /** Text set in bold or italics (`Title *CVPR 2019*`), as ranges of `text`. */
  emphasis: { start: number; end: number }[];
  /** Characters the title rules found are no words (the brackets of `**[DenseASPP]** for ...`). */
  dropped: Set<number>;
}

export function emptyFlat(): Flat {
  return {
    text: '',
    offsets: [],
    marks: [],
    literal: new Set(),
    tags: new Set(),
    wordLinks: [],
    bold: [],
    emphasis: [],
    dropped: new Set(),
  };
}

/**
 * remark-gfm finds some literal autolinks after parsing, in text micromark did not link (`/www.x`,
 * `www\.x` with its escape already gone), and the pieces it splits the text into have no positions.
 * GitHub does not link those: each run of such pieces becomes its one text node again, in its place.
 */
export function restoreLateAutolinks(parent: { children: PhrasingContent[] }, src: string, from: number): void {
  const nodes = parent.children;
  const positioned = (node: PhrasingContent | undefined) =>
    node?.position?.start.offset !== undefined && node.position.end.offset !== undefined;
  const point = (offset: number) => ({
    line: src.slice(0, offset).split('\n').length,
    column: offset - src.lastIndexOf('\n', offset - 1),
    offset,
  });
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (positioned(node)) {
      if ('children' in node)
        restoreLateAutolinks(node as { children: PhrasingContent[] }, src, contentStart(node, src));
      continue;
    }
    let j = i;
    while (j < nodes.length && !positioned(nodes[j])) j++;
    const value = nodes
      .slice(i, j)
      .map((piece) => toString(piece))
      .join('');
    const start = i > 0 ? nodes[i - 1]!.position!.end.offset! : from;
    const next = nodes[j];
    const end = next ? next.position!.start.offset! : sourceEnd(value, src, start);
    nodes.splice(i, j - i, { type: 'text', value, position: { start: point(start), end: point(end) } });
  }
}

/** Where a parent's children start: after `*`, `__`, `~~` or the `[` of a link. */
function contentStart(node: PhrasingContent, src: string): number {
  let at = node.position!.start.offset!;
  if (node.type === 'link' || node.type === 'linkReference') return src[at] === '[' ? at + 1 : at;
  while (/[*_~]/.test(src[at] ?? '')) at++;
  return at;
}

/** Just past the source of a text value written from `start` (escapes and references are longer there). */
function sourceEnd(value: string, src: string, start: number): number {
  if (value === '') return start;
  const offsets = alignOffsets(value, src, start, src.length);
  const last = offsets[offsets.length - 1]!;
  const reference = src[last] === '&' ? CHARACTER_REFERENCE.exec(src.slice(last, last + 40)) : null;
  if (src[last] === '\\' && src[last + 1] === value[value.length - 1]) return last + 2;
  if (reference && value[value.length - 1] !== '&') return last + reference[0].length;
  return last + 1;
}

export function flatten(nodes: PhrasingContent[], ctx: InlineContext, flat: Flat, links: RawLink[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        const base = flat.text.length;
        const offsets = alignOffsets(node.value, ctx.src, node.position!.start.offset!, node.position!.end.offset!);
        pushText(flat, node.value, offsets);
        // alignOffsets maps an escaped character to its backslash, and one written as a reference (`&#8211;`) to its `&`.
        for (let i = 0; i < node.value.length; i++) {
          const at = offsets[i]!;
          if (ctx.src[at] === '\\' && ctx.src[at + 1] === node.value[i]) flat.literal.add(base + i);
          else if (ctx.src[at] === '&' && node.value[i] !== '&' && CHARACTER_REFERENCE.test(ctx.src.slice(at, at + 40)))
            flat.literal.add(base + i);
        }
        break;
      }
      case 'inlineCode': {
        // The value starts after the opening backticks (and the space that pads it, if any).
        const start = node.position!.start.offset!;
        const end = node.position!.end.offset!;
        const at = ctx.src.slice(start, end).indexOf(node.value, /^`*/.exec(ctx.src.slice(start, end))![0].length);
        pushText(flat, node.value, spread(node.value.length, at < 0 ? start : start + at, end));
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const start = flat.text.length;
        if (/^\s*\[[^\]]*\]\s*$/.test(toString(node))) flat.tags.add(start + toString(node).search(/\S/));
        flatten(node.children, ctx, flat, links);
        if (node.type === 'strong') flat.bold.push({ start, end: flat.text.length });
        if (node.type !== 'delete') flat.emphasis.push({ start, end: flat.text.length });
        break;
      }
      case 'link':
      case 'linkReference':
        flattenLink(node, ctx, flat, links);
        break;
      case 'image':
        pushMark(flat, links, linkOf(node, node.alt ?? '', ctx), true, node.url);
        break;
      case 'break':
        pushText(flat, ' ', [node.position!.start.offset!]);
        break;
      case 'html':
        // A tag is not text: `<a href='x.md'>BEVFormer</a>: text` reads `BEVFormer: text`, with no space where
        // an inline tag was. Other tags (`<br>`, `<img>`) stand between words.
        if (!INLINE_TAG.test(node.value)) pushText(flat, ' ', [node.position!.start.offset!]);
        break;
      default:
        // Footnote references and the like separate words but are not part of a title.
        pushText(flat, ' ', [node.position?.start.offset ?? lastOffset(flat)]);
    }
  }
}

function flattenLink(node: MdLink | LinkReference, ctx: InlineContext, flat: Flat, links: RawLink[]): void {
  const label = toString(node);
  const onlyImage = node.children.length === 1 && node.children[0]!.type === 'image';
  const link = linkOf(node, label, ctx);
  if (!onlyImage && isWordLink(flat, label, link, ctx.src)) {
    const inner = emptyFlat();
    flatten(node.children, ctx, inner, []);
    pushWordLink(flat, links, link, inner);
    return;
  }
  const image = onlyImage ? (node.children[0] as Image) : null;
  pushMark(flat, links, link, onlyImage, image?.url ?? null);
}

/**
 * Text written plainly from `offset` of the source (no escapes, references or line breaks), so each
 * character stands where it is written: the line scanner's text (scan.ts).
 */
export function pushPlainText(flat: Flat, text: string, offset: number): void {
  flat.text += text;
  for (let i = 0; i < text.length; i++) flat.offsets.push(offset + i);
}

/** A link whose label is plain text (the line scanner's links), flattened as flattenLink would. */
export function flattenPlainLink(link: Link, label: string, src: string, flat: Flat, links: RawLink[]): void {
  if (!isWordLink(flat, label, link, src)) {
    pushMark(flat, links, link, false, null);
    return;
  }
  const inner = emptyFlat();
  pushPlainText(inner, label, link.labelSpan.start);
  pushWordLink(flat, links, link, inner);
}

/** Does a link's text count as words of the text around it (see readsAsWords)? */
function isWordLink(flat: Flat, label: string, link: Link, src: string): boolean {
  // An autolink (`<https://...>`, a bare URL) shows its address, never title words.
  if (src[link.span.start] !== '[') return false;
  return readsAsWords(label, link, textSinceMark(flat), src.slice(link.span.end, link.span.end + 500));
}

/**
 * A linked title (`[Title (ABBR)](url)`) or words that are also a link: they count as text, and the link
 * is still a link.
 */
function pushWordLink(flat: Flat, links: RawLink[], link: Link, inner: Flat): void {
  links.push({ link, isImage: false, imageUrl: null });
  const start = flat.text.length;
  for (const i of inner.literal) flat.literal.add(start + i);
  pushText(flat, inner.text, inner.offsets);
  flat.wordLinks.push({ start, end: flat.text.length, link });
}

/** The text between the last label link and here: what a link follows. */
function textSinceMark(flat: Flat): string {
  return flat.text.slice(flat.text.lastIndexOf(LINK_MARK) + 1);
}

function pushMark(flat: Flat, links: RawLink[], link: Link, isImage: boolean, imageUrl: string | null): void {
  flat.marks.push(links.length);
  links.push({ link, isImage, imageUrl });
  pushText(flat, LINK_MARK, [link.span.start]);
}

function pushText(flat: Flat, text: string, offsets: number[]): void {
  flat.text += text;
  for (let i = 0; i < text.length; i++) flat.offsets.push(offsets[i]!);
}

function lastOffset(flat: Flat): number {
  return flat.offsets.length ? flat.offsets[flat.offsets.length - 1]! : 0;
}

function spread(length: number, start: number, end: number): number[] {
  return Array.from({ length }, (_, i) => Math.min(start + i, end));
}

/**
 * Offsets of each character of a text node's value in the source. The value differs from the source
 * where the source has escapes (`\[`), entities (`&amp;`) or line prefixes after a soft break.
 */
const CHARACTER_REFERENCE = /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

function alignOffsets(value: string, src: string, start: number, end: number): number[] {
  const offsets: number[] = new Array(value.length);
  let j = start;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (j >= end) {
      offsets[i] = end;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      // A line ending: spaces before it and the next line's prefix (indentation, `>`) are not in the value.
      let k = j;
      while (k < end && (src[k] === ' ' || src[k] === '\t')) k++;
      if (src[k] === ch) {
        offsets[i] = k;
        j = k + 1;
        if (ch === '\n')
          while (j < end && (src[j] === ' ' || src[j] === '\t' || src[j] === '>') && src[j] !== value[i + 1]) j++;
        continue;
      }
    }
    offsets[i] = j;
    const reference = src[j] === '&' ? CHARACTER_REFERENCE.exec(src.slice(j, j + 40)) : null;
    if (src[j] === '\\' && src[j + 1] === ch && ASCII_PUNCTUATION.test(ch)) {
      j += 2;
    } else if (reference && !value.startsWith(reference[0], i)) {
      // `&amp;` is one `&` in the value; an unknown name (`&foo;`) stays as written.
      j += reference[0].length;
      if (/[\uD800-\uDBFF]/.test(ch) && i + 1 < value.length) offsets[++i] = offsets[i - 1]!;
    } else {
      j++;
    }
  }
  return offsets;
}

/**
 * The source span of a title read from `start` to `end`: a link whose words are only part of the title
 * (`Add [Best Collection](u)`, `[Rammer](u): Enabling ...`) is inside it whole, so that the span is
 * markdown that stands on its own; a title that is exactly a link's words is the label alone.
 */
export function titleSpanOf(flat: Flat, start: number, end: number): Span {
  const span = spanOf(flat, start, end);
  for (const word of flat.wordLinks) {
    if (word.end <= start || word.start >= end || (word.start <= start && end <= word.end)) continue;
    span.start = Math.min(span.start, word.link.span.start);
    span.end = Math.max(span.end, word.link.span.end);
  }
  return span;
}

export function spanOf(flat: Flat, start: number, end: number): Span {
  if (end <= start) return { start: flat.offsets[start] ?? 0, end: flat.offsets[start] ?? 0 };
  return { start: flat.offsets[start]!, end: flat.offsets[end - 1]! + 1 };
}
