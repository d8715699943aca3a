/**
 * The style of a list's items, learned part by part: where the venue goes and how it is wrapped, the
 * link format, the label the list gives its paper link (`Paper`, `pdf`, `arXiv`) and its case, the
 * separators, a title written as the link to the paper. Each part is voted on by the target area's
 * items; the whole file decides a part that none of the area's items has. A new item is assembled
 * from these parts (never copied from one template line), and `add` reads it back to check it.
 */
import { escapeInline, formatDestination } from './markdown-escape.js';
import type { Link, ListDocument, Paper, Span } from '../model/paper.js';
import { checkedMark, type NewPaper, renderLink } from './render.js';

export type Side = 'before' | 'after';

/** `Title[OSDI'22]`, `[ICML 2020] Title`, `Title (_NeurIPS '17_)`, `**[ICML 2020]** Title`. */
export interface VenueStyle {
  side: Side;
  open: string;
  close: string;
  /** Between the venue and the title (or the links between them). */
  glue: string;
}

/** `: [[Paper](u)] [[Note](v)]`, ` ([arXiv](u))`, ` \[[paper](u)\]`. */
export interface LinksStyle {
  side: Side;
  /** A link written the way the list writes them (null: `[[Label](url)]`). */
  like: Link | null;
  /** Parentheses around the links: `(` and `)`. */
  open: string;
  close: string;
  glue: string;
}

export interface ItemStyle {
  titleOpen: string;
  titleClose: string;
  /** The title is the link to the paper (`[Title](url)`). */
  titleLink: boolean;
  venue: VenueStyle;
  links: LinksStyle;
  /** Between two links. */
  separator: string;
  /** With a venue and links on one side: which comes first. */
  venueFirst: boolean;
  paperLabel: string;
  noteLabel: string | null;
}

export const DEFAULT_STYLE: ItemStyle = {
  titleOpen: '',
  titleClose: '',
  titleLink: false,
  venue: { side: 'after', open: '[', close: ']', glue: '' },
  links: { side: 'after', like: null, open: '', close: '', glue: ': ' },
  separator: ' ',
  venueFirst: true,
  paperLabel: 'Paper',
  noteLabel: null,
};

/** What one item says about each part of the style (null: the item does not show that part). */
export interface ItemParts {
  title: { open: string; close: string; link: boolean } | null;
  venue: VenueStyle | null;
  links: LinksStyle | null;
  separator: string | null;
  venueFirst: boolean | null;
  paperLabel: string | null;
  noteLabel: string | null;
}

/** Labels that name the paper itself (as opposed to code, slides, a note ...). */
const PAPER_LABEL = /^(paper|pdf|arxiv|openreview|doi|link|abs|article|publication|html|acm|ieee)$/i;
const NOTE_LABEL = /^notes?$/i;
/** What may stand between the parts of an item: spaces and punctuation, never words or markup. */
const GLUE = /^[ \t,;:：|·•\-–—/]*$/;
/** What may stand between two links of one item (` `, `, `, ` | `, ` / `, ` · `). */
export const LINK_SEPARATOR = /^[ \t,;|/·•]*$/;

/** The parts of one existing item's style, read from its spans. */
function describeItem(doc: ListDocument, paper: Paper): ItemParts {
  const text = doc.text;
  const parts: ItemParts = {
    title: null,
    venue: null,
    links: null,
    separator: null,
    venueFirst: null,
    paperLabel: null,
    noteLabel: null,
  };
  const titleSpan = paper.titleSpan;
  if (!titleSpan) return parts;
  const body = paper.body;
  const titleLink = paper.links.find((link) => inside(titleSpan, link.labelSpan)) ?? null;
  // (the parser ends a title that ends in an escaped character before that character: `Attention\,`)
  const escapedEnd = !titleLink && /(^|[^\\])(\\\\)*\\$/.test(text.slice(titleSpan.start, titleSpan.end)) ? 1 : 0;
  let region: Span = titleLink ? titleLink.span : { start: titleSpan.start, end: titleSpan.end + escapedEnd };
  if (titleLink && (titleLink.urlSpan === null || titleLink.outerSpan.start !== titleLink.span.start)) return parts;
  if (!titleLink && text.slice(titleSpan.start, titleSpan.end).trim() !== text.slice(titleSpan.start, titleSpan.end))
    return parts;
  const open = /[*_]*$/.exec(text.slice(body.start, region.start))![0];
  const close = /^[*_]*/.exec(text.slice(region.end, body.end))![0];
  const wrap = Math.min(open.length, close.length);
  const titleOpen = open.slice(open.length - wrap);
  const titleClose = close.slice(0, wrap);
  if (titleOpen !== [...titleClose].reverse().join('')) return parts;
  region = { start: region.start - wrap, end: region.end + wrap };
  parts.title = { open: titleOpen, close: titleClose, link: titleLink !== null };

  const labelLinks = paper.links.filter((link) => link !== titleLink);
  for (const link of paper.links) if (NOTE_LABEL.test(link.label.trim())) parts.noteLabel = link.label.trim();

  // The links: one run of label links on one side of the title.
  let cluster: { start: number; end: number; open: string; close: string; side: Side } | null = null;
  if (labelLinks.length && labelLinks.every((link) => link.urlSpan !== null && !inside(link.span, region))) {
    let run = [labelLinks[0]!];
    for (let i = 1; i < labelLinks.length; i++) {
      const between = text.slice(labelLinks[i - 1]!.outerSpan.end, labelLinks[i]!.outerSpan.start);
      if (!LINK_SEPARATOR.test(between)) break;
      run.push(labelLinks[i]!);
    }
    const side: Side = run[run.length - 1]!.outerSpan.end <= region.start ? 'before' : 'after';
    if (side === 'after' && run[0]!.outerSpan.start < region.end) run = [];
    if (run.length) {
      const first = run[0]!.outerSpan;
      const last = run[run.length - 1]!.outerSpan;
      const opens = /[(（]*$/.exec(text.slice(body.start, first.start))![0];
      const closes = /^[)）]*/.exec(text.slice(last.end, body.end))![0];
      const n = Math.min(opens.length, closes.length);
      cluster = {
        start: first.start - n,
        end: last.end + n,
        open: opens.slice(opens.length - n),
        close: closes.slice(0, n),
        side,
      };
      if (run.length >= 2) parts.separator = text.slice(run[0]!.outerSpan.end, run[1]!.outerSpan.start);
      const label = run[0]!.label.trim();
      if (PAPER_LABEL.test(label)) parts.paperLabel = label;
    }
  }

  // The venue, with the brackets, parentheses and emphasis around it.
  let venueRegion: Span | null = null;
  let venueParts: { open: string; close: string; side: Side } | null = null;
  const venueSpan = paper.venueSpan;
  if (venueSpan && !paper.links.some((link) => overlaps(venueSpan, link.span)) && !overlaps(venueSpan, region)) {
    const open = /[[(*_]*$/.exec(text.slice(body.start, venueSpan.start))![0];
    const close = /^[\])*_]*/.exec(text.slice(venueSpan.end, body.end))![0];
    const balanced = mirror(open) === close;
    if (balanced) {
      venueRegion = { start: venueSpan.start - open.length, end: venueSpan.end + close.length };
      venueParts = { open, close, side: venueRegion.end <= region.start ? 'before' : 'after' };
    }
  }

  // Glue: the text between each part and its neighbour on the way to the title.
  const pieces = [
    { kind: 'title', span: region },
    ...(cluster ? [{ kind: 'links', span: cluster }] : []),
    ...(venueRegion ? [{ kind: 'venue', span: venueRegion }] : []),
  ].sort((a, b) => a.span.start - b.span.start);
  const t = pieces.findIndex((piece) => piece.kind === 'title');
  const glueOf = (i: number): string | null => {
    const neighbour = i < t ? pieces[i + 1]! : pieces[i - 1]!;
    const between =
      i < t
        ? text.slice(pieces[i]!.span.end, neighbour.span.start)
        : text.slice(neighbour.span.end, pieces[i]!.span.start);
    const glue = dropOwnTags(between);
    return GLUE.test(glue) ? glue : null;
  };
  pieces.forEach((piece, i) => {
    if (piece.kind === 'title') return;
    const glue = glueOf(i);
    if (glue === null) return;
    if (piece.kind === 'venue' && venueParts) parts.venue = { ...venueParts, glue };
    if (piece.kind === 'links' && cluster) {
      const like = labelLinks.find((link) => link.urlSpan) ?? null;
      parts.links = { side: cluster.side, like, open: cluster.open, close: cluster.close, glue };
    }
  });
  if (parts.venue && parts.links && parts.venue.side === parts.links.side)
    parts.venueFirst = venueRegion!.start < cluster!.start;
  return parts;
}

function mirror(open: string): string {
  return [...open]
    .reverse()
    .map((ch) => (ch === '[' ? ']' : ch === '(' ? ')' : ch))
    .join('');
}

function inside(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Tags with words that belong to an item's own paper (`[GAT]`, `[survey]`), and the space before them. */
function dropOwnTags(between: string): string {
  return between.replace(/\s*(?<!\\)\[(?:[^[\]\\]|\\.)*[\p{L}\p{N}](?:[^[\]\\]|\\.)*(?<!\\)\]/gu, '');
}

/**
 * The style for a new item in an area (it goes after `areaItems`): each part by majority of the area's
 * items (the nearest one breaks a tie), else of the file's items, else the default. A long area or file
 * is sampled where the new item goes: reading every item's offsets and text would cost more than the add
 * (an area of 10,000 items: ~0.3 s).
 */
export function learnStyle(doc: ListDocument, areaItems: Paper[], near: Paper | null = null): ItemStyle {
  const areaSet = new Set(areaItems);
  const area = areaItems
    .slice(-AREA_SAMPLE)
    .reverse()
    .map((paper) => describeItem(doc, paper));
  let fileParts: ItemParts[] | null = null;
  // The file's items nearest to where the new one goes.
  const file = () =>
    (fileParts ??= nearestOthers(doc, areaSet, near ?? areaItems[areaItems.length - 1] ?? null).map((paper) =>
      describeItem(doc, paper),
    ));
  const pick = <T>(
    get: (parts: ItemParts) => T | null,
    key: (value: T) => string = (value) => JSON.stringify(value),
  ): T | null => vote(area.map(get), key) ?? vote(file().map(get), key);
  const linksKey = (links: LinksStyle) =>
    JSON.stringify([links.side, links.open, links.close, links.glue, links.like ? likeShape(doc, links.like) : null]);
  const title = pick((parts) => parts.title);
  const venue = pick((parts) => parts.venue);
  const links = pick((parts) => parts.links, linksKey);
  return {
    titleOpen: title?.open ?? '',
    titleClose: title?.close ?? '',
    titleLink: title?.link ?? false,
    venue: venue ?? (title?.link ? { ...DEFAULT_STYLE.venue, glue: ' ' } : DEFAULT_STYLE.venue),
    links: links ?? (venue && venue.side === 'before' ? { ...DEFAULT_STYLE.links, glue: ' ' } : DEFAULT_STYLE.links),
    separator: pick((parts) => parts.separator) ?? ' ',
    venueFirst: pick((parts) => parts.venueFirst) ?? true,
    paperLabel:
      pick(
        (parts) => parts.paperLabel,
        (label) => label,
      ) ?? 'Paper',
    noteLabel: pick(
      (parts) => parts.noteLabel,
      (label) => label,
    ),
  };
}

/** How many of an area's last items vote (learnStyle). */
const AREA_SAMPLE = 400;
/**
 * How many of the file's items nearest to the new one vote for what the area's items do not show (an
 * area of new items, or of items with one link): 100 say what the file around it does, and describing
 * 400 was ~20 ms of every such add to a 10,000-paper list.
 */
const FILE_SAMPLE = 100;

function nearestOthers(doc: ListDocument, skip: Set<Paper>, near: Paper | null): Paper[] {
  const others = doc.papers.filter((paper) => !skip.has(paper));
  if (others.length <= FILE_SAMPLE) return others;
  const at = near?.number ?? 1;
  // The FILE_SAMPLE nearest, nearest first, ties in document order (a stable sort of all by distance,
  // cut): those nearer than the sample's farthest distance and the first ones at it. Sorting all
  // 10,000 papers of a long list cost ~15 ms of an add; the distances alone sort natively.
  const distances = Float64Array.from(others, (paper) => Math.abs(paper.number - at));
  const farthest = distances.slice().sort()[FILE_SAMPLE - 1]!;
  let atFarthest = FILE_SAMPLE - distances.filter((distance) => distance < farthest).length;
  const sample = others.filter((_, i) => distances[i]! < farthest || (distances[i] === farthest && atFarthest-- > 0));
  return sample.sort((a, b) => Math.abs(a.number - at) - Math.abs(b.number - at));
}

/** A link's format without its label and URL: `[[L](U)]`, `**\[**[**L**](U)**]**`. */
function likeShape(doc: ListDocument, link: Link): string {
  const text = doc.text;
  const url = link.urlSpan ?? { start: link.span.end, end: link.span.end };
  return (
    text.slice(link.outerSpan.start, link.labelSpan.start) +
    'L' +
    text.slice(link.labelSpan.end, url.start) +
    'U' +
    text.slice(url.end, link.outerSpan.end)
  );
}

/** The most common value (first in the list wins a tie: callers put the nearest first). */
function vote<T>(values: (T | null)[], key: (value: T) => string): T | null {
  const counts = new Map<string, { value: T; count: number; first: number }>();
  values.forEach((value, i) => {
    if (value === null) return;
    const k = key(value);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { value, count: 1, first: i });
  });
  let best: { value: T; count: number; first: number } | null = null;
  for (const entry of counts.values())
    if (!best || entry.count > best.count || (entry.count === best.count && entry.first < best.first)) best = entry;
  return best?.value ?? null;
}

export interface NewItem {
  title: string;
  venue: string | null;
  links: { label: string; url: string }[];
}

/** A rendered paragraph and where each part of it is, to check it when read back. */
export interface RenderedBody {
  body: string;
  title: Span;
  venue: Span | null;
  links: { label: string; url: string; start: number; end: number }[];
}

/** The new item's paragraph in this style. `Paper` and `Note` links take the labels the list uses. */
export function renderInStyle(doc: ListDocument, style: ItemStyle, paper: NewItem): RenderedBody {
  let links = paper.links.map((link) => ({ ...link, label: labelFor(style, link.label) }));
  const paperLink = style.titleLink ? (paper.links.find((link) => /^paper$/i.test(link.label)) ?? null) : null;
  if (paperLink) links = links.filter((_, i) => paper.links[i] !== paperLink);

  type Piece = { kind: 'title' | 'venue' | 'links'; side: Side | null; glue: string };
  const pieces: Piece[] = [{ kind: 'title', side: null, glue: '' }];
  if (paper.venue) pieces.push({ kind: 'venue', side: style.venue.side, glue: style.venue.glue });
  if (links.length) pieces.push({ kind: 'links', side: style.links.side, glue: style.links.glue });
  // Reading order: the venue before the links unless the list writes them the other way round.
  const rank = (piece: Piece) => (piece.kind === 'title' ? 0 : piece.side === 'before' ? -1 : 1);
  const order = (piece: Piece) =>
    piece.kind === 'venue' ? (style.venueFirst ? 0 : 1) : piece.kind === 'links' ? (style.venueFirst ? 1 : 0) : 0;
  pieces.sort((a, b) => rank(a) - rank(b) || order(a) - order(b));

  let body = '';
  let title: Span = { start: 0, end: 0 };
  let venue: Span | null = null;
  const placed: RenderedBody['links'] = [];
  const t = pieces.findIndex((piece) => piece.kind === 'title');
  pieces.forEach((piece, i) => {
    if (i > t) body += piece.glue;
    if (piece.kind === 'title') {
      body += style.titleOpen;
      if (paperLink) {
        body += '[';
        title = { start: body.length, end: body.length + escapeInline(paper.title).length };
        body += `${escapeInline(paper.title)}](${formatDestination(paperLink.url)})`;
        placed.push({ label: paper.title, url: paperLink.url, start: title.start - 1, end: body.length });
      } else {
        title = { start: body.length, end: body.length + escapeInline(paper.title).length };
        body += escapeInline(paper.title);
      }
      body += style.titleClose;
    } else if (piece.kind === 'venue') {
      body += style.venue.open;
      const text = escapeInline(paper.venue!);
      venue = { start: body.length, end: body.length + text.length };
      body += text + style.venue.close;
    } else {
      body += style.links.open;
      links.forEach((link, k) => {
        if (k > 0) body += LINK_SEPARATOR.test(style.separator) && style.separator !== '' ? style.separator : ' ';
        const start = body.length;
        body += renderLink(doc, style.links.like, link);
        placed.push({ ...link, start, end: body.length });
      });
      body += style.links.close;
    }
    if (i < t) body += piece.glue;
  });
  return { body, title, venue, links: placed };
}

/** `Paper` becomes the list's paper label (`pdf`, `arXiv`); `Note` the list's note label; others stay. */
function labelFor(style: ItemStyle, label: string): string {
  if (/^paper$/i.test(label)) return style.paperLabel;
  if (/^note$/i.test(label) && style.noteLabel) return style.noteLabel;
  return label;
}

/**
 * A task item in the style learned from the file around `near`, not read back (`add` reads its line
 * back; `convert` and a row moved into a task list check the whole result).
 */
export function renderItem(doc: ListDocument, prefix: string, near: Paper | null, paper: NewPaper): string {
  const mark = paper.read ? checkedMark(doc, near) : ' ';
  return `${prefix}[${mark}] ${renderInStyle(doc, learnStyle(doc, [], near), paper).body}`;
}
