/**
 * Reads a task item's first paragraph into title, venue, year and links, keeping source offsets.
 *
 * The paragraph is flattened into plain text where every character remembers its source offset,
 * and every "label link" (`[Paper](url)`, `[[code]](url)`, a badge) is a single placeholder. The title
 * is the first run of text between placeholders that still has words once venue tags (`[ICML 2020]`,
 * `[OSDI'20]`, `(NeurIPS '17)`) and separators are taken off its ends.
 */
import type { Definition, Image, Link as MdLink, LinkReference, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Link, Span } from './model.js';
import { parseVenue, parseYearOnly } from './venue.js';

export interface InlineFacts {
  title: string;
  titleSpan: Span | null;
  venue: string | null;
  venueSpan: Span | null;
  year: number | null;
  links: Link[];
}

/** Source text plus a function to look up reference definitions. */
export interface InlineContext {
  src: string;
  definitions: Map<string, Definition>;
}

/** Placeholder for a label link in the flattened text; micromark turns NUL into U+FFFD, so text never holds it. */
const LINK_MARK = '\u0000';

interface Flat {
  text: string;
  /** Source offset of each character of `text` (and one past the end). */
  offsets: number[];
  /** For each LINK_MARK in `text`, in order, the index into `links`. */
  marks: number[];
  /** Characters written with a backslash escape: literal text, never a tag bracket or a separator. */
  literal: Set<number>;
}

interface RawLink {
  link: Link;
  /** An image (a badge) rather than a link with words. */
  isImage: boolean;
  imageUrl: string | null;
}

export function readInline(paragraph: Paragraph, ctx: InlineContext): InlineFacts {
  const links: RawLink[] = [];
  const flat: Flat = { text: '', offsets: [], marks: [], literal: new Set() };
  restoreLateAutolinks(paragraph, ctx.src, paragraph.position!.start.offset!);
  flatten(paragraph.children, ctx, flat, links);
  flat.offsets.push(paragraph.position!.end.offset!);

  const segments = splitAtMarks(flat);
  let venue: { text: string; span: Span } | null = null;
  let year: number | null = null;
  let title: { text: string; span: Span | null } | null = null;
  for (const segment of segments) {
    const cleaned = cleanSegment(flat, segment);
    venue ??= cleaned.venue;
    year ??= cleaned.year;
    if (hasWords(flat.text.slice(cleaned.start, cleaned.end))) {
      title = { text: collapse(flat.text.slice(cleaned.start, cleaned.end)), span: spanOf(flat, cleaned.start, cleaned.end) };
      break;
    }
  }

  const labelLinks = links.filter((raw) => raw.isImage || isLabel(raw.link.label));
  if (!title) {
    // No words outside label links: a short linked title (`[BERT](url)`), else the item's whole text.
    const first = links.find((raw) => !raw.isImage && hasWords(raw.link.label));
    const whole = collapse(toString(paragraph));
    title = first
      ? { text: collapse(first.link.label), span: first.link.labelSpan }
      : { text: whole === '' ? '(untitled)' : whole, span: null };
  }
  if (!venue) venue = venueFromLinks(labelLinks);
  if (venue && year === null) year = parseVenue(venue.text)?.year ?? null;

  return {
    title: title.text,
    titleSpan: title.span,
    venue: venue?.text ?? null,
    venueSpan: venue?.span ?? null,
    year,
    links: links.map((raw) => raw.link),
  };
}

/** A link whose text is a label (`Paper`, `[code]`, `MICCAI18`), not a title. */
function isLabel(label: string): boolean {
  const inner = stripBrackets(label).trim();
  return inner.length <= 24 && inner.split(/\s+/).length <= 3;
}

function stripBrackets(label: string): string {
  const m = /^\s*\[(.*)\]\s*$/s.exec(label);
  return m ? m[1]! : label;
}

function venueFromLinks(links: RawLink[]): { text: string; span: Span } | null {
  for (const raw of links) {
    if (raw.isImage && raw.imageUrl) {
      const badge = badgeLabel(raw.imageUrl);
      if (badge && parseVenue(badge)) return { text: badge, span: raw.link.span };
      continue;
    }
    const label = stripBrackets(raw.link.label).trim();
    if (parseVenue(label)) return { text: label, span: raw.link.labelSpan };
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
  return parts.join(' ').replace(/--/g, '-').replace(/__/g, '\u0001').replace(/_/g, ' ').replace(/\u0001/g, '_').trim();
}

// ---------------------------------------------------------------------------------------------
// Flattening

/**
 * remark-gfm finds some literal autolinks after parsing, in text micromark did not link (`/www.x`,
 * `www\.x` with its escape already gone), and the pieces it splits the text into have no positions.
 * GitHub does not link those: each run of such pieces becomes its one text node again, in its place.
 */
function restoreLateAutolinks(parent: { children: PhrasingContent[] }, src: string, from: number): void {
  const nodes = parent.children;
  const positioned = (node: PhrasingContent | undefined) => node?.position?.start.offset !== undefined && node.position.end.offset !== undefined;
  const point = (offset: number) => ({ line: src.slice(0, offset).split('\n').length, column: offset - src.lastIndexOf('\n', offset - 1), offset });
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (positioned(node)) {
      if ('children' in node) restoreLateAutolinks(node as { children: PhrasingContent[] }, src, contentStart(node, src));
      continue;
    }
    let j = i;
    while (j < nodes.length && !positioned(nodes[j])) j++;
    const value = nodes.slice(i, j).map((piece) => toString(piece)).join('');
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

function flatten(nodes: PhrasingContent[], ctx: InlineContext, flat: Flat, links: RawLink[]): void {
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
          else if (ctx.src[at] === '&' && node.value[i] !== '&' && CHARACTER_REFERENCE.test(ctx.src.slice(at, at + 40))) flat.literal.add(base + i);
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
      case 'delete':
        flatten(node.children, ctx, flat, links);
        break;
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
      default:
        // Inline HTML, footnote references and the like separate words but are not part of a title.
        pushText(flat, ' ', [node.position?.start.offset ?? lastOffset(flat)]);
    }
  }
}

function flattenLink(node: MdLink | LinkReference, ctx: InlineContext, flat: Flat, links: RawLink[]): void {
  const label = toString(node);
  const onlyImage = node.children.length === 1 && node.children[0]!.type === 'image';
  const link = linkOf(node, label, ctx);
  // An autolink (`<https://...>`, a bare URL) shows its address, never title words.
  const autolink = ctx.src[link.span.start] !== '[';
  if (!onlyImage && !autolink && !isLabel(label)) {
    // A linked title (`[Title (ABBR)](url)`): its words count as text, and the link is still a link.
    links.push({ link, isImage: false, imageUrl: null });
    const inner: Flat = { text: '', offsets: [], marks: [], literal: new Set() };
    flatten(node.children, ctx, inner, []);
    for (const i of inner.literal) flat.literal.add(flat.text.length + i);
    pushText(flat, inner.text, inner.offsets);
    return;
  }
  const image = onlyImage ? (node.children[0] as Image) : null;
  pushMark(flat, links, link, onlyImage, image?.url ?? null);
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
        if (ch === '\n') while (j < end && (src[j] === ' ' || src[j] === '\t' || src[j] === '>') && src[j] !== value[i + 1]) j++;
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

function linkOf(node: MdLink | LinkReference | Image, label: string, ctx: InlineContext): Link {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const span = { start, end };
  const labelSpan = labelSpanOf(node, ctx.src, span);
  let url = '';
  let urlSpan: Span | null = null;
  if (node.type === 'linkReference') {
    url = ctx.definitions.get(node.identifier)?.url ?? '';
  } else {
    url = node.url;
    urlSpan = destinationSpan(ctx.src, labelSpan.end, end);
  }
  return { label: stripBrackets(label).trim(), url, span, urlSpan, labelSpan, outerSpan: outerSpanOf(ctx.src, span) };
}

/** The text between `[` and `]`: from the first child's start to the `]` that closes it. */
function labelSpanOf(node: MdLink | LinkReference | Image, src: string, span: Span): Span {
  const open = src.indexOf('[', span.start) + 1;
  if (node.type !== 'image' && node.children.length > 0) {
    return { start: node.children[0]!.position!.start.offset!, end: node.children[node.children.length - 1]!.position!.end.offset! };
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
  while (i < end && /[ \t\r\n]/.test(src[i]!)) i++;
  if (src[i] === '<') {
    const close = src.indexOf('>', i);
    return { start: i + 1, end: close < 0 ? i + 1 : close };
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
    } else if (/[ \t\r\n\u0000-\u001f]/.test(ch)) break; // CommonMark: ASCII space or control, not U+00A0
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

// ---------------------------------------------------------------------------------------------
// Title and venue

interface Segment {
  start: number;
  end: number;
}

function splitAtMarks(flat: Flat): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 0; i <= flat.text.length; i++) {
    if (i === flat.text.length || flat.text[i] === LINK_MARK) {
      segments.push({ start, end: i });
      start = i + 1;
    }
  }
  return segments;
}

interface Cleaned {
  start: number;
  end: number;
  venue: { text: string; span: Span } | null;
  year: number | null;
}

const SEPARATORS = /[\s:：,，;；|\-–—>)\]]/;
const TRAILING_SEPARATORS = /[\s:：,，;；|\-–—([]/;

/** Takes tags and separators off both ends of a run of text; notes a venue or year found there. */
function cleanSegment(flat: Flat, segment: Segment): Cleaned {
  const text = flat.text;
  // An escaped bracket right against a link wraps it (`\[[paper](u)\]`, `**\[**[Paper](u)`): markup, not text.
  const wrapper = (i: number): boolean =>
    (i === segment.end - 1 && text[i] === '[' && segment.end < text.length) || (i === segment.start && text[i] === ']' && i > 0);
  const markup = (i: number, pattern: RegExp): boolean => (!flat.literal.has(i) || wrapper(i)) && pattern.test(text[i]!);
  let { start, end } = segment;
  let venue: Cleaned['venue'] = null;
  let year: number | null = null;
  const note = (inner: string, s: number, e: number): 'venue' | 'year' | null => {
    const parsed = parseVenue(inner);
    if (parsed) {
      if (!venue) venue = { text: inner.trim(), span: spanOf(flat, s, e) };
      year ??= parsed.year;
      return 'venue';
    }
    const y = parseYearOnly(inner) ?? arxivYear(inner);
    if (y !== null) {
      year ??= y;
      return 'year';
    }
    return null;
  };

  // Leading tags: `[ICML 2020] [GAT] Title`. A tag run starts with a venue or a year; a title may itself
  // begin with a bracket (`[Re] ...`), so other tags are only dropped after one of those.
  let inTagRun = false;
  for (;;) {
    while (start < end && markup(start, SEPARATORS)) start++;
    if (!markup(start, /\[/)) break;
    const close = unescapedIndex(flat, ']', start);
    if (close < 0 || close >= end) break;
    const inner = text.slice(start + 1, close);
    const kind = note(inner, start + 1, close);
    if (kind || inner.trim() === '' || inTagRun) {
      inTagRun = true;
      start = close + 1;
      continue;
    }
    break;
  }

  // Trailing tags: `Title[OSDI'20]:`, `Title (NeurIPS '17)`, `Title [arxiv'20][Nvidia]`.
  let untaggedVenue: Cleaned['venue'] = null;
  for (;;) {
    while (end > start && markup(end - 1, TRAILING_SEPARATORS)) end--;
    const last = text[end - 1];
    if ((last !== ']' && last !== ')') || flat.literal.has(end - 1)) break;
    const openChar = last === ']' ? '[' : '(';
    const open = matchingOpen(flat, start, end - 1, openChar, last);
    if (open < 0 || open === start) break;
    const inner = text.slice(open + 1, end - 1);
    const kind = note(inner, open + 1, end - 1);
    // Square tags at the end are labels, not title words (the leftmost one is the venue slot when no
    // tag looks like a venue: `Title [Blog]`); parentheses only when they hold a venue or year.
    if (kind || last === ']') {
      if (!kind && inner.trim() !== '') untaggedVenue = { text: inner.trim(), span: spanOf(flat, open + 1, end - 1) };
      end = open;
      continue;
    }
    break;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, venue: venue ?? untaggedVenue, year };
}

function matchingOpen(flat: Flat, min: number, closeAt: number, openChar: string, closeChar: string): number {
  let depth = 0;
  for (let i = closeAt; i >= min; i--) {
    if (flat.literal.has(i)) continue;
    if (flat.text[i] === closeChar) depth++;
    else if (flat.text[i] === openChar && --depth === 0) return i;
  }
  return -1;
}

function unescapedIndex(flat: Flat, ch: string, from: number): number {
  for (let i = flat.text.indexOf(ch, from); i >= 0; i = flat.text.indexOf(ch, i + 1)) if (!flat.literal.has(i)) return i;
  return -1;
}

/** `1909.11446` (an arXiv id) was posted in 2019. */
function arxivYear(inner: string): number | null {
  const m = /^\s*(?:arXiv:)?(\d{2})(\d{2})\.\d{4,5}(v\d+)?\s*$/i.exec(inner);
  return m ? 2000 + Number(m[1]) : null;
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function spanOf(flat: Flat, start: number, end: number): Span {
  if (end <= start) return { start: flat.offsets[start] ?? 0, end: flat.offsets[start] ?? 0 };
  return { start: flat.offsets[start]!, end: flat.offsets[end - 1]! + 1 };
}
