/**
 * What a future `papers lint` reports for a paper, derived from its facts alone (so a model served from
 * the cache gives the same answers as a fresh parse, and the cache stores nothing more).
 */
import type { PaperFacts } from './model.js';
import { recogniseVenue } from './venue.js';

export interface PaperDiagnostic {
  /** `venue-unrecognised`: the paper has a venue the known-venue table does not know (`OCEANS 2020`, `Blog`). */
  code: 'venue-unrecognised';
  id: string;
  line: number;
  message: string;
}

/** Whether a paper's venue was recognised: true or false, or null when the paper has no venue. */
export function venueRecognised(paper: Pick<PaperFacts, 'venue'>): boolean | null {
  if (paper.venue === null) return null;
  return recogniseVenue(paper.venue)?.canonical != null;
}

export function diagnosePaper(paper: Pick<PaperFacts, 'id' | 'line' | 'venue'>): PaperDiagnostic[] {
  if (venueRecognised(paper) !== false) return [];
  return [
    {
      code: 'venue-unrecognised',
      id: paper.id,
      line: paper.line,
      message: `venue "${paper.venue}" is not one the venue table knows`,
    },
  ];
}
