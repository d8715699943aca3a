/**
 * Reads a task item's first paragraph into title, venue, year and links, keeping source offsets.
 *
 * The paragraph is flattened into plain text where every character remembers its source offset,
 * and every "label link" (`[Paper](url)`, `[[code]](url)`, a badge) is a single placeholder. The title
 * is the first run of text between placeholders that still has words once venue tags (`[ICML 2020]`,
 * `[OSDI'20]`, `(NeurIPS '17)`) and separators are taken off its ends.
 */
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Link, Span } from '../model.js';
import { parseVenue } from '../venue.js';
import { type Flat, flatten, type InlineContext, restoreLateAutolinks, spanOf } from './flatten.js';
import { isLabel, type RawLink, venueFromLinks } from './links.js';
import { cleanSegment, collapse, hasWords, splitAtMarks } from './title.js';

export type { InlineContext } from './flatten.js';

export interface InlineFacts {
  title: string;
  titleSpan: Span | null;
  venue: string | null;
  venueSpan: Span | null;
  year: number | null;
  links: Link[];
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
