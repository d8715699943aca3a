/** A part's paper from what its text says, its state and where it is: the one maker of PartialPaper. */
import type { ReadState } from './formats/meanings.js';
import type { InlineFacts } from './inline/read.js';
import type { PartialPaper } from './parts.js';
import type { Span, TableRowInfo } from '../model/paper.js';

/** Where a paper is in its part, and how it is written there (item or row). */
export type PaperPlace = Pick<PartialPaper, 'line' | 'source' | 'span' | 'checkbox' | 'body' | 'listIndex' | 'row'>;

export function partialPaper(
  facts: Pick<InlineFacts, 'title' | 'venue' | 'year' | 'links' | 'titleSpan' | 'venueSpan'>,
  state: ReadState,
  headingIndex: number,
  place: PaperPlace,
): PartialPaper {
  return {
    title: facts.title,
    read: state === 'read',
    reading: state === 'reading',
    venue: facts.venue,
    year: facts.year,
    links: facts.links,
    titleSpan: facts.titleSpan,
    venueSpan: facts.venueSpan,
    headingIndex,
    ...place,
  };
}

/** A table row's paper: its state is its status cell's (its body is the row). */
export function rowPaper(
  facts: Pick<InlineFacts, 'title' | 'venue' | 'year' | 'links' | 'titleSpan' | 'venueSpan'> & {
    row: TableRowInfo;
    marker: Span;
  },
  headingIndex: number,
  place: { span: Span; line: number; listIndex: number },
): PartialPaper {
  const status = facts.row.status;
  const state = status === 'read' || status === 'reading' ? status : 'unread';
  return partialPaper(facts, state, headingIndex, {
    ...place,
    source: 'row',
    checkbox: facts.marker,
    body: place.span,
    row: facts.row,
  });
}
