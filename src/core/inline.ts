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
}

interface RawLink {
  link: Link;
  /** An image (a badge) rather than a link with words. */
  isImage: boolean;
  imageUrl: string | null;
}

export function readInline(paragraph: Paragraph, ctx: InlineContext): InlineFacts {
  const links: RawLink[] = [];
  const flat: Flat = { text: '', offsets: [], marks: [] };
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

function flatten(nodes: PhrasingContent[], ctx: InlineContext, flat: Flat, links: RawLink[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(flat, node.value, alignOffsets(node.value, ctx.src, node.position!.start.offset!, node.position!.end.offset!));
        break;
      case 'inlineCode':
        pushText(flat, node.value, spread(node.value.length, node.position!.start.offset!, node.position!.end.offset!));
        break;
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
        pushMark(flat, links, imageLink(node, ctx.src), true, node.url);
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
  if (!onlyImage && !isLabel(label)) {
    // A linked title (`[Title (ABBR)](url)`): its words count as text, and the link is still a link.
    links.push({ link, isImage: false, imageUrl: null });
    flatten(node.children, ctx, flat, []);
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
function alignOffsets(value: string, src: string, start: number, end: number): number[] {
  const offsets: number[] = new Array(value.length);
  let j = start;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (j >= end) {
      offsets[i] = end;
      continue;
    }
    offsets[i] = j;
    if (src[j] === ch) {
      j++;
    } else if (src[j] === '\\' && src[j + 1] === ch) {
      j += 2;
    } else if (src[j] === '&' && /^&(#\d+|#[xX][\da-fA-F]+|\w+);/.test(src.slice(j, j + 40))) {
      j = src.indexOf(';', j) + 1;
      if (/[\uD800-\uDBFF]/.test(ch) && i + 1 < value.length) offsets[++i] = offsets[i - 1]!;
    } else if (ch === '\n') {
      const newline = src.indexOf('\n', j);
      j = newline < 0 || newline >= end ? end : newline + 1;
      offsets[i] = newline < 0 ? j : newline;
      while (j < end && (src[j] === ' ' || src[j] === '\t' || src[j] === '>') && src[j] !== value[i + 1]) j++;
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

function imageLink(node: Image, src: string): Link {
  const link = linkOf(node, node.alt ?? '', { src, definitions: new Map() });
  return link;
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
    } else if (/\s/.test(ch)) break;
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
    while (start < end && SEPARATORS.test(text[start]!)) start++;
    if (text[start] !== '[') break;
    const close = text.indexOf(']', start);
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
  for (;;) {
    while (end > start && TRAILING_SEPARATORS.test(text[end - 1]!)) end--;
    const last = text[end - 1];
    if (last !== ']' && last !== ')') break;
    const openChar = last === ']' ? '[' : '(';
    const open = matchingOpen(text, start, end - 1, openChar, last);
    if (open < 0 || open === start) break;
    const inner = text.slice(open + 1, end - 1);
    const kind = note(inner, open + 1, end - 1);
    // Square tags at the end are labels, not title words; parentheses only when they hold a venue or year.
    if (kind || last === ']') {
      end = open;
      continue;
    }
    break;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, venue, year };
}

function matchingOpen(text: string, min: number, closeAt: number, openChar: string, closeChar: string): number {
  let depth = 0;
  for (let i = closeAt; i >= min; i--) {
    if (text[i] === closeChar) depth++;
    else if (text[i] === openChar && --depth === 0) return i;
  }
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
