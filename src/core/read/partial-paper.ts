/** A part's paper from what its text says, its state and where it is: the one maker of PartialPaper. */
import type { ReadState } from './formats/meanings.js';
import type { InlineFacts } from './inline/read.js';
import type { PartialPaper } from './parts.js';

/** Where a paper is in its part, and how it is written there (item or row). */
export type PaperPlace = Pick<
  PartialPaper,
  'line' | 'source' | 'span' | 'checkbox' | 'body' | 'listIndex' | 'loose' | 'row'
>;

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
