/**
 * `refresh`: a preprint's venue (and, if asked, its paper link) replaced by the published version's.
 * Only those bytes change: the venue's text in place (or, for a paper without a venue, a venue slot
 * written like its neighbours' right after the title), the link's destination in place. The new item
 * is read back before it is used.
 */
import type { Edit } from '../write/splice.js';
import { applyEdits } from '../write/splice.js';
import { identityOf } from '../query/identity.js';
import { escapeInline, formatDestination } from '../write/markdown-escape.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { displayName } from '../write/change.js';
import { parseDocument } from '../read/parse.js';
import { writtenDestination } from '../write/render.js';
import { parseVenue } from '../read/venue.js';

/** A paper the list shows as an arXiv preprint: an arXiv link, and no venue or an arXiv/CoRR one. */
export function isListedPreprint(paper: Paper): boolean {
  if (!identityOf(paper).arxiv) return false;
  if (paper.venue === null) return true;
  const name = parseVenue(paper.venue)?.name ?? paper.venue;
  return /^(arxiv|corr|preprint)$/i.test(name.trim());
}

export interface Proposal {
  paper: Paper;
  venue: string;
  url: string | null;
  edits: Edit[];
  /** The item's first line before and after. */
  before: string;
  after: string;
}

/** The edits for one paper, or a reason why it cannot be changed so that it reads back right. */
export function proposeRefresh(doc: ListDocument, paper: Paper, venue: string, url: string | null): Proposal | string {
  const edits: Edit[] = [];
  if (paper.venueSpan) {
    edits.push({ start: paper.venueSpan.start, end: paper.venueSpan.end, text: escapeInline(venue) });
  } else {
    if (!paper.titleSpan) return 'its title cannot be found on its line';
    const slot = venueSlot(doc, paper);
    edits.push({
      start: paper.titleSpan.end,
      end: paper.titleSpan.end,
      text: `${slot.open}${escapeInline(venue)}${slot.close}`,
    });
  }
  if (url !== null) {
    const link =
      paper.links.find((l) => /^paper$/i.test(l.label)) ??
      paper.links.find(
        (l) => paper.titleSpan && l.labelSpan.start <= paper.titleSpan.start && paper.titleSpan.end <= l.labelSpan.end,
      );
    if (!link?.urlSpan) return 'it has no paper link to re-point';
    edits.push({ ...writtenDestination(doc.text, link.urlSpan), text: formatDestination(url) });
  }
  const lineStart = doc.text.lastIndexOf('\n', paper.span.start - 1) + 1;
  const bodyEnd = paper.body.end;
  const before = doc.text.slice(lineStart, bodyEnd);
  const local = edits.map((edit) => ({ ...edit, start: edit.start - lineStart, end: edit.end - lineStart }));
  const after = applyEdits(before, local);
  const body = applyEdits(
    doc.text.slice(paper.body.start, bodyEnd),
    edits.map((edit) => ({ ...edit, start: edit.start - paper.body.start, end: edit.end - paper.body.start })),
  );
  const got = parseDocument(`- [ ] ${body}\n`).papers[0];
  const wantLinks = paper.links.map((l) =>
    url !== null && l.urlSpan && edits.some((e) => e.end === writtenDestination(doc.text, l.urlSpan!).end)
      ? url
      : l.url,
  );
  if (
    !got ||
    got.title !== paper.title ||
    got.venue !== venue ||
    got.links.map((l) => l.url).join('\n') !== wantLinks.join('\n')
  ) {
    return 'the changed line would not read back with the same title and the new venue';
  }
  return { paper, venue, url, edits, before: before.trimStart(), after: after.trimStart() };
}

/** How the nearest paper with a venue right after its title writes it: `[`…`]` (the default), ` (`…`)`. */
function venueSlot(doc: ListDocument, paper: Paper): { open: string; close: string } {
  const near = [...doc.papers]
    .filter((p) => p.venueSpan && p.titleSpan)
    .sort((a, b) => Math.abs(a.number - paper.number) - Math.abs(b.number - paper.number));
  for (const other of near) {
    const open = doc.text.slice(other.titleSpan!.end, other.venueSpan!.start);
    const close = doc.text.slice(other.venueSpan!.end, other.venueSpan!.end + 1);
    if (/^ ?[[(]$/.test(open) && /^[\])]$/.test(close)) return { open, close };
  }
  return { open: '[', close: ']' };
}

export function describeProposal(proposal: Proposal): string {
  const link = proposal.url ? `, link ${proposal.url}` : '';
  return `Refreshed ${displayName(proposal.paper)}: venue ${proposal.paper.venue ?? '(none)'} -> ${proposal.venue}${link}`;
}
