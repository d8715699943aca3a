/**
 * Reads a task item's first paragraph into title, venue, year and links, keeping source offsets.
 *
 * The paragraph's inline tree is flattened (flatten.ts) into plain text where every character remembers
 * its source offset: text, code and emphasis give their words, inline HTML gives none (its text between
 * tags does), and every label link (`[Paper](url)`, `[[code]](url)`, a badge; see readsAsWords in
 * links.ts) becomes one placeholder. The title, venue and year are then read by the rules below.
 */
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Link, Span } from '../../model/paper.js';
import { parseVenue } from '../venue.js';
import { emptyFlat, type Flat, flatten, type InlineContext, restoreLateAutolinks, titleSpanOf } from './flatten.js';
import { isLabel, type RawLink, venueFromLinks } from './links.js';
import {
  cleanSegment,
  collapse,
  hasWords,
  splitAtMarks,
  trimEntry,
  venueInText,
  withoutAttribution,
  wordsOf,
} from './title.js';
import { tagsIn } from './tags.js';

export type { InlineContext } from './flatten.js';

export interface InlineFacts {
  title: string;
  titleSpan: Span | null;
  venue: string | null;
  venueSpan: Span | null;
  year: number | null;
  links: Link[];
}

type Found = { text: string; span: Span } | null;

/**
 * The rules, in the order they are tried, each with the style it serves.
 *
 * Title:
 *  1. Tags at the ends of a run of text are not title words (cleanSegment): at the start a venue or year
 *     tag and the tags after it (`[ICML 2020] [GAT] Title`, `**[ICML 2017]** [Title](u)`, `[2015] Title`), or
 *     a bracket set in bold (`**[DRN]** Title`); at the end a bracket (`Title[OSDI'20]:`, `Title [Blog]`), a
 *     parenthesis with a venue or date (`(NeurIPS '17)`, `(2017.05 *CVPR 2017*)`, `(2015.02)`), or a venue
 *     set apart by emphasis, a comma or a spaced dash (`Title *CVPR 2016*`, `Title, OSDI'20`).
 *  2. A title set apart at the start, as a link or a bold sentence, followed by a comment
 *     (`[The Byzantine Generals Problem](u) -- **currently reading**`, `[Title](notes.md) (_CVPR '23_)`,
 *     `**Title.** *Authors.* ICLR 2018.`): the set-apart words (linkedTitle).
 *  3. Otherwise the first run between label links that has words. Links read as words stay in it
 *     (`Add [Best Collection](u)`, `Score-based ... (not GAN, but [code](u) provided)`, `[Rammer](u): ...`),
 *     and so does any remark the rules do not recognise. Attribution is taken off it (withoutAttribution):
 *     quotes around a title, authors (`by L. Weng`, `Bittig T. et al.`, `(Braun E. et al.)`), `TODO`.
 *  4. With no words outside label links, the first link with words (`[BERT](u)`), else the whole text.
 *
 * Venue, the first found: a tag of rule 1 in the title's run (or a run before it), a venue in the comment
 * of rule 2 (`- K. He et al., CVPR 2016`), a venue tag at the ends of a later run (`Title [[paper]](u)
 * (CVPR 2017)`), then a link or badge whose text is a venue (`([MICCAI18](u))`, `([arXiv](u))`,
 * `[![](https://img.shields.io/badge/CVPR_'25-dc3545)](u)`). Venues are names with a year in the forms
 * lists use (`OSDI'20`, `ICML 2020`, `MICCAI18`, `NeurIPS-21`, `arXiv '23'`) or known names without one
 * (`arXiv`, `Nature`: the table in venue.ts). Year: the venue's, else a year or date tag.
 */
export function readInline(paragraph: Paragraph, ctx: InlineContext): InlineFacts {
  const links: RawLink[] = [];
  const flat = emptyFlat();
  restoreLateAutolinks(paragraph, ctx.src, paragraph.position!.start.offset!);
  flatten(paragraph.children, ctx, flat, links);
  flat.offsets.push(paragraph.position!.end.offset!);
  return readFlat(flat, links, () => toString(paragraph));
}

/**
 * The rules above, on a paragraph already flattened (by flatten, or by the line scanner for a plain line).
 * `wholeText` gives the paragraph's text, markup removed: the title when nothing else has words.
 */
export function readFlat(flat: Flat, links: RawLink[], wholeText: () => string): InlineFacts {
  const segments = splitAtMarks(flat);
  let venue: Found = null;
  let year: number | null = null;
  let title: Found | { text: string; span: null } = null;
  let i = 0;
  for (; i < segments.length; i++) {
    const cleaned = cleanSegment(flat, segments[i]!);
    venue ??= cleaned.venue;
    year ??= cleaned.year;
    if (!hasWords(flat.text.slice(cleaned.start, cleaned.end))) continue;
    const linked = linkedTitle(flat, cleaned, segments[i]!);
    if (linked) {
      title = linked.title;
      venue ??= linked.venue;
      year ??= linked.year;
    } else {
      const attributed = withoutAttribution(flat, cleaned.start, cleaned.end);
      const { start, end, year: entryYear } = trimEntry(flat, attributed.start, attributed.end);
      year ??= entryYear;
      title = { text: wordsOf(flat, start, end), span: titleSpanOf(flat, start, end) };
    }
    break;
  }
  // Venue tags after the title's run: `Title [[paper]](u) (CVPR 2017)`.
  for (i++; i < segments.length && !venue; i++) {
    const cleaned = cleanSegment(flat, segments[i]!);
    if (cleaned.tagged) venue = cleaned.venue;
    if (cleaned.tagged || !hasWords(flat.text.slice(cleaned.start, cleaned.end))) year ??= cleaned.year;
  }

  let labelLinks = links.filter((raw) => raw.isImage || isLabel(raw.link.label));
  if (!title) {
    // No words outside label links: a short linked title (`[BERT](url)`), else the item's whole text.
    const first = links.find((raw) => !raw.isImage && hasWords(raw.link.label));
    // (The link that is the title is not also its venue: `[Nature](url)` alone is a title.)
    labelLinks = labelLinks.filter((raw) => raw !== first);
    const whole = collapse(wholeText());
    title = first
      ? { text: collapse(first.link.label), span: first.link.labelSpan }
      : { text: whole === '' ? '(untitled)' : whole, span: null };
  }
  if (!venue) venue = venueFromLinks(labelLinks);
  if (venue) year = parseVenue(venue.text)?.year ?? year;

  return {
    title: title.text,
    titleSpan: title.span,
    venue: venue ? venue.text.replace(/\s+/g, ' ') : null,
    venueSpan: venue?.span ?? null,
    year,
    links: links.map((raw) => raw.link),
  };
}

/**
 * Rule 2: a run that starts with a title set apart, as a link (`[Title](u) -- comment`, `[Title](notes.md)
 * (_CVPR '23_)`, `[Title](u), CVPR 2019`) or in bold as a sentence (`**Title.** NeurIPS 2019.`, the
 * "must-read papers" style), then a dash, comma, parenthesis, bracket or bar (or, after a bold sentence,
 * anything): the title is the set-apart words, the rest a comment. Tags in the comment still give a venue or
 * year, and so does a piece of it that is a venue (`- A. Author et al., CVPR 2019`). A colon or plain words
 * after a link continue the title (`[Rammer](u): Enabling ...`).
 */
function linkedTitle(
  flat: Flat,
  cleaned: { start: number; end: number },
  segment: { start: number; end: number },
): { title: Found; venue: Found; year: number | null } | null {
  let start = cleaned.start;
  while (start < cleaned.end && /\s/.test(flat.text[start]!)) start++;
  const link = flat.wordLinks.find((range) => range.start === start && range.end < cleaned.end);
  const bold = flat.bold.find(
    (range) =>
      range.start === start && range.end < cleaned.end && /\.\s*$/.test(flat.text.slice(range.start, range.end)),
  );
  const apart = link ?? bold;
  if (!apart) return null;
  const rest = flat.text.slice(apart.end, segment.end);
  if (!bold && (!/^\s*(?:[-–—,，]|\(|\[|\||$)/.test(rest) || /^\s*-\w/.test(rest))) return null;
  let end = apart.end;
  while (end > start && /[\s:：,，;；|\-–—.]/.test(flat.text[end - 1]!)) end--;
  if (!hasWords(flat.text.slice(start, end))) return null;
  const title = { text: wordsOf(flat, start, end), span: titleSpanOf(flat, start, end) };
  const after = tagsIn(flat, apart.end, segment.end);
  // `**Title.** NeurIPS 2019.`, `[Title](u) - A. Author et al., CVPR 2019`: a piece of the rest names the venue.
  const venue = after.venue ?? venueInText(flat, apart.end, cleaned.end);
  return { title, venue, year: (venue && parseVenue(venue.text)?.year) ?? after.year };
}
