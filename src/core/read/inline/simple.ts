/**
 * The commonest item text, read without flattening: `Title words[OSDI'20]: [[Paper](url)] [[Note](url)]`
 * (the tag and the links optional). For text of exactly this shape the rules of read.ts come down to:
 * the title is the words before the tag, the tag is read by readTag, and every link is a label (its
 * brackets wrap it). The shape is kept narrow so that no other rule can apply:
 *
 *   - title words: ASCII letters, digits, spaces, `:` `'` `?` `/` `-`, starting and ending with a letter
 *     or digit, no spaced dash (a venue separator), not starting with a to-do marker; no `.`, quotes,
 *     parentheses or brackets, so no attribution rule (`by A. Author`, `"Quoted"`, `(et al.)`) applies;
 *   - the tag, right after the words or spaces: `[` text `]` with no brackets, commas, semicolons,
 *     long dashes, spaced hyphens or outer spaces;
 *   - then only spaces and colons, and links each wrapped in brackets, with only spaces between.
 *
 * Anything else returns null, and read.ts reads the text. test/differential.test.ts checks both agree.
 */
import type { Link } from '../../model/paper.js';
import { parseVenue } from '../venue.js';
import type { InlineFacts } from './read.js';
import { isLabel, type RawLink, venueFromLinks } from './links.js';
import { namesLinkTarget } from './title.js';
import { readBracketTag, type TagMemo } from './tags.js';

const HEAD =
  /^([A-Za-z0-9](?:[A-Za-z0-9 :'?/-]*[A-Za-z0-9])?)( *\[([^[\],;，；–—\s](?:[^[\],;，；–—]*[^[\],;，；–—\s])?)\])?[ :]*$/;
const TODO_MARKER = /^(?:TODO|TBD|WIP|FIXME)\b/;
/** The first letters of TODO_MARKER's words: any other title needs no test. */
const TODO_FIRST = new Set([0x54, 0x57, 0x46]);

/** Runs of white space as one space (the text itself when it has none to change). */
function oneSpaced(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * Facts of the item text from `start` to `end` of `src` holding `links` (all of its inline links), or null.
 * `tags`: the tags this parse has read (a 10,000-paper list's venue tags are a few hundred texts).
 */
export function readSimpleText(
  src: string,
  start: number,
  end: number,
  links: Link[],
  tags?: TagMemo,
): InlineFacts | null {
  if (!wrappedLinksOnly(src, end, links)) return null;
  const headEnd = links.length ? links[0]!.outerSpan.start : end;
  const head = HEAD.exec(src.slice(start, headEnd));
  if (!head) return null;
  const words = head[1]!;
  const tagText = head[3];
  if (words.includes(' - ') || (TODO_FIRST.has(words.charCodeAt(0)) && TODO_MARKER.test(words))) return null;
  if (tagText?.includes(' - ')) return null;
  let venue: { text: string; span: { start: number; end: number } } | null = null;
  let year: number | null = null;
  let venueFromTag = false;
  if (tagText !== undefined) {
    const tagStart = start + head[1]!.length + head[2]!.length - tagText.length - 1;
    const tag = readBracketTag(tagText, tags);
    if (tag?.venue) {
      venue = { text: tag.venue.text, span: { start: tagStart + tag.venue.start, end: tagStart + tag.venue.end } };
      venueFromTag = true;
    }
    if (tag) year = tag.year;
    // A bracket that is neither venue nor year still holds the venue slot (`Title [Blog]`).
    else if (!namesLinkTarget(tagText))
      venue = { text: tagText, span: { start: tagStart, end: tagStart + tagText.length } };
  }
  venue ??= venueFromLinks(
    links.filter((link) => isLabel(link.label)).map((link): RawLink => ({ link, isImage: false, imageUrl: null })),
  );
  // (A tag's venue comes with its year already: readTag parsed it.)
  if (venue && !venueFromTag) year = parseVenue(venue.text)?.year ?? year;
  return {
    // (Most titles have no double space: a replace would copy every one of them.)
    title: words.includes('  ') ? words.replace(/ +/g, ' ') : words,
    titleSpan: { start, end: start + words.length },
    venue: venue ? oneSpaced(venue.text) : null,
    venueSpan: venue?.span ?? null,
    year,
    links,
  };
}

/** Every link is wrapped in brackets (`[[Paper](u)]`: a label), with only spaces between them, and the last ends the text. */
function wrappedLinksOnly(src: string, end: number, links: Link[]): boolean {
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.outerSpan.start !== link.span.start - 1 || link.outerSpan.end !== link.span.end + 1) return false;
    const gapEnd = i + 1 < links.length ? links[i + 1]!.outerSpan.start : end;
    for (let j = link.outerSpan.end; j < gapEnd; j++) if (src.charCodeAt(j) !== 0x20) return false;
    if (i + 1 === links.length && link.outerSpan.end !== end) return false;
  }
  return true;
}
