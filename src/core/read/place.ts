/**
 * A part's papers and headings at their places in the whole text: spans moved by the part's offset, lines
 * by its line, headings given their paths and section ends. Used by parts.ts (a fresh parse) and the
 * cache's spliced entries (store/cache/splice-entry.ts).
 */
import type { Chunk } from './chunks.js';
import type { Heading, Paper, Span } from '../model/paper.js';
import type { ChunkModel, PartialPaper } from './parts.js';

/** A part's paper at its place in the whole text (id, number and area are set by the caller). */
export function placePaper(
  partial: PartialPaper,
  shift: number,
  lineShift: number,
  headingIndex: number,
  listIndex: number,
): Paper {
  const move = (span: Span): Span => ({ start: span.start + shift, end: span.end + shift });
  const paper: Paper = {
    title: partial.title,
    read: partial.read,
    reading: partial.reading,
    venue: partial.venue,
    year: partial.year,
    links: partial.links.map((link) => ({
      label: link.label,
      url: link.url,
      span: move(link.span),
      urlSpan: link.urlSpan && move(link.urlSpan),
      labelSpan: move(link.labelSpan),
      outerSpan: move(link.outerSpan),
    })),
    line: partial.line + lineShift,
    source: partial.source,
    span: move(partial.span),
    checkbox: move(partial.checkbox),
    body: move(partial.body),
    titleSpan: partial.titleSpan && move(partial.titleSpan),
    venueSpan: partial.venueSpan && move(partial.venueSpan),
    headingIndex,
    listIndex,
    id: '',
    number: 0,
    area: [],
  };
  if (partial.row) paper.row = { ...partial.row, cells: partial.row.cells.map(move), head: move(partial.row.head) };
  return paper;
}

/**
 * placePaper for a part model nothing else holds (see ownedModels): the partial paper becomes the paper,
 * its spans moved where they are (once each: a link's span may also be its outer span or the venue's),
 * instead of a copy of every paper and span (a cold parse of 100,000 papers made each twice).
 */
export function placeInPlace(
  partial: PartialPaper,
  shift: number,
  lineShift: number,
  headingIndex: number,
  listIndex: number,
): Paper {
  // (No closure here: this runs for every paper of a cold parse, and the build names each closure made.)
  const moved: Span[] = [];
  moveOnce(partial.span, shift, moved);
  moveOnce(partial.checkbox, shift, moved);
  moveOnce(partial.body, shift, moved);
  moveOnce(partial.titleSpan, shift, moved);
  moveOnce(partial.venueSpan, shift, moved);
  for (const link of partial.links) {
    moveOnce(link.span, shift, moved);
    moveOnce(link.urlSpan, shift, moved);
    moveOnce(link.labelSpan, shift, moved);
    moveOnce(link.outerSpan, shift, moved);
  }
  const paper = partial as Paper;
  paper.line = partial.line + lineShift;
  paper.headingIndex = headingIndex;
  paper.listIndex = listIndex;
  paper.id = '';
  paper.number = 0;
  paper.area = [];
  return paper;
}

/** Moves `span` by `shift` unless it is in `moved` (a span two fields share moves once). */
function moveOnce(span: Span | null, shift: number, moved: Span[]): void {
  if (span === null || moved.includes(span)) return;
  span.start += shift;
  span.end += shift;
  moved.push(span);
}

/**
 * The headings of all parts at their places, with paths and section ends, in one pass. A lone H1 before
 * everything else titles the document and is not an area. A section ends at the next heading of the same
 * or a higher level (the document title's included), found with a stack of the sections still open.
 */
export function finishHeadings(
  parts: readonly { chunk: Chunk; model: Pick<ChunkModel, 'headings'> }[],
  bomLength: number,
  textLength: number,
): Heading[] {
  const headings: Heading[] = [];
  let h1Count = 0;
  for (const { model } of parts) for (const heading of model.headings) if (heading.depth === 1) h1Count++;
  const areas: Heading[] = [];
  const open: Heading[] = [];
  for (const { chunk, model } of parts) {
    const shift = bomLength + chunk.start;
    for (const partial of model.headings) {
      const isDocumentTitle = headings.length === 0 && partial.depth === 1 && h1Count === 1;
      while (areas.length && areas[areas.length - 1]!.depth >= partial.depth) areas.pop();
      const start = partial.span.start + shift;
      while (open.length && open[open.length - 1]!.depth >= partial.depth) open.pop()!.sectionEnd = start;
      const parentPath = areas.length ? areas[areas.length - 1]!.path : [];
      const heading: Heading = {
        text: partial.text,
        depth: partial.depth,
        span: { start, end: partial.span.end + shift },
        path: isDocumentTitle ? [] : [...parentPath, partial.text],
        sectionEnd: textLength,
        isDocumentTitle,
      };
      headings.push(heading);
      open.push(heading);
      if (!isDocumentTitle) areas.push(heading);
    }
  }
  return headings;
}
