/**
 * Finding the title in flattened text: runs between label links, with tags and separators taken off their
 * ends (cleanSegment), attribution taken off (withoutAttribution), and a venue in the text itself
 * (venueInText); bracketed tags are read by tags.ts.
 */
import type { Span } from '../../model/paper.js';
import { parseVenue, recogniseVenue } from '../venue.js';
import { type Flat, LINK_MARK, spanOf } from './flatten.js';
import { looksLikeAcronym, readTag } from './tags.js';

interface Segment {
  start: number;
  end: number;
}

export function splitAtMarks(flat: Flat): Segment[] {
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
  /** The venue is a tag that reads as one (`[ICML 2020]`), not just the bracket in the venue slot (`Title [Blog]`). */
  tagged: boolean;
  year: number | null;
}

/** A bracket that names a link's target (`[Paper]` left by a broken link), not a venue. */
const LINK_LABEL = /^(?:paper|papers|pdf|code|repo|github|project|slides?|video|link|notes?)\d*$/i;

/** Does a bracket's trimmed text name a link's target (`Paper`, `code`) rather than a venue slot? */
export function namesLinkTarget(inner: string): boolean {
  return LINK_LABEL.test(inner);
}

const SEPARATORS = /[\s:：,，;；|\-–—>)\]]/;
const TRAILING_SEPARATORS = /[\s:：,，;；|\-–—([]/;

/** Takes tags and separators off both ends of a run of text; notes a venue or year found there. */
export function cleanSegment(flat: Flat, segment: Segment): Cleaned {
  const text = flat.text;
  // An escaped bracket right against a link wraps it (`\[[paper](u)\]`, `**\[**[Paper](u)`): markup, not text.
  const wrapper = (i: number): boolean =>
    (i === segment.end - 1 && text[i] === '[' && segment.end < text.length) ||
    (i === segment.start && text[i] === ']' && i > 0);
  const markup = (i: number, pattern: RegExp): boolean =>
    (!flat.literal.has(i) || wrapper(i)) && pattern.test(text[i]!);
  let { start, end } = segment;
  let venue: Cleaned['venue'] = null;
  let year: number | null = null;
  /** Notes what the tag text `raw`, starting at `at`, says; `paren` for a parenthesis. */
  const note = (raw: string, at: number, paren: boolean): 'venue' | 'year' | null => {
    // Emphasis marks escaped inside a tag (`(_ICLR_ '24\_)`) and padding are not part of it.
    const lead = raw.length - raw.replace(/^[\s_*]+/, '').length;
    const inner = raw.slice(lead).replace(/[\s_*]+$/, '');
    const s = at + lead;
    const found = readTag(inner, paren);
    if (found?.venue) {
      if (!venue) venue = { text: found.venue.text, span: spanOf(flat, s + found.venue.start, s + found.venue.end) };
      year ??= found.year;
      return 'venue';
    }
    if (found) {
      year ??= found.year;
      return 'year';
    }
    return null;
  };

  /**
   * A parenthesis whose words after an optional date are all set in emphasis and hold a year, as lists that
   * italicise every venue write one the table does not know: `(2017.03 *Medical Imaging: Computer-Aided
   * Diagnosis 2017*)`.
   */
  const noteEmphasizedVenue = (open: number, close: number): 'venue' | null => {
    const emphasis = flat.emphasis.find((range) => range.end === close - 1 && range.start > open);
    if (!emphasis || !/^\s*(?:\d{4,5}(?:[.\-/]\d{1,2}){0,2}\s*[,，;]?\s*)?$/.test(text.slice(open + 1, emphasis.start)))
      return null;
    const words = text.slice(emphasis.start, emphasis.end).trim();
    const years = words.match(/(?:19|20)\d{2}(?!\d)/g);
    if (!years || !/^\p{Lu}/u.test(words)) return null;
    const at = emphasis.start + text.slice(emphasis.start, emphasis.end).indexOf(words);
    if (!venue) venue = { text: words, span: spanOf(flat, at, at + words.length) };
    year ??= Number(years[years.length - 1]);
    return 'venue';
  };

  // Leading tags: `[ICML 2020] [GAT] Title`. A tag run starts with a venue or a year; a title may itself
  // begin with a bracket (`[Re] ...`), so other tags are only dropped after one of those.
  let inTagRun = false;
  for (;;) {
    while (start < end && markup(start, SEPARATORS)) start++;
    if (!markup(start, /\[/)) break;
    const close = unescapedIndex(flat, ']', start);
    if (close < 0 || close >= end) break;
    const inner = text.slice(start + 1, close);
    const kind = note(inner, start + 1, false);
    // `**[DenseASPP]** for Semantic Segmentation`: a name in a bold tag that the words after it go on from
    // (they start in lower case) is the start of the title; its brackets are not words.
    if (!kind && flat.tags.has(start) && /^\s+\p{Ll}/u.test(text.slice(close + 1, end))) {
      flat.dropped.add(start);
      flat.dropped.add(close);
      break;
    }
    // `**[DRN]** Title`: a bracket set apart in bold or italics is a tag too.
    if (kind || inner.trim() === '' || inTagRun || flat.tags.has(start)) {
      inTagRun = true;
      start = close + 1;
      continue;
    }
    break;
  }

  // Trailing tags: `Title[OSDI'20]:`, `Title (NeurIPS '17)`, `Title [arxiv'20][Nvidia]`.
  let untaggedVenue: Cleaned['venue'] = null;
  for (;;) {
    while (end > start && markup(end - 1, TRAILING_SEPARATORS)) end--;
    const last = text[end - 1];
    // `Title *CVPR 2019*`, `Title, NeurIPS 2020`: a venue set in emphasis, or after a comma or dash, ends the title.
    const piece = trailingVenuePiece(flat, start, end);
    if (piece >= 0) {
      note(text.slice(piece, end), piece, false);
      end = piece;
      continue;
    }
    if ((last !== ']' && last !== ')') || flat.literal.has(end - 1)) break;
    const openChar = last === ']' ? '[' : '(';
    const open = matchingOpen(flat, start, end - 1, openChar, last);
    if (open < 0 && last === ']') {
      // A stray `]` (`[Paper]](url)` lost a bracket) is no title word.
      end--;
      continue;
    }
    if (open < 0 || open === start) break;
    const inner = text.slice(open + 1, end - 1);
    const kind = note(inner, open + 1, last === ')') ?? (last === ')' ? noteEmphasizedVenue(open, end) : null);
    // Square tags at the end are labels, not title words (the leftmost one is the venue slot when no
    // tag looks like a venue: `Title [Blog]`, a link label such as `[Paper]` aside); parentheses only when
    // they hold a venue or year.
    if (kind || last === ']') {
      if (!kind && inner.trim() !== '' && !namesLinkTarget(inner.trim()))
        untaggedVenue = { text: inner.trim(), span: spanOf(flat, open + 1, end - 1) };
      end = open;
      continue;
    }
    break;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, venue: venue ?? untaggedVenue, tagged: venue !== null, year };
}

/** What sets a trailing venue apart: `,，;；–—` or a hyphen (only with spaces around it, checked by the caller). */
function separatesPiece(code: number): boolean {
  return (
    code === 0x2c ||
    code === 0xff0c ||
    code === 0x3b ||
    code === 0xff1b ||
    code === 0x2013 ||
    code === 0x2014 ||
    code === 0x2d
  );
}

/**
 * Where a venue that ends a run starts, when it is set apart by emphasis or by a comma or dash and reads
 * as a venue with a year (a known name or an acronym: `CVPR 2019`, `OSDI'20`) or is a year (`, 2023`);
 * else -1.
 */
function trailingVenuePiece(flat: Flat, start: number, end: number): number {
  const text = flat.text;
  const reads = (piece: string): boolean => {
    const trimmed = piece.trim();
    if (/^(?:19|20)\d{2}$/.test(trimmed)) return true;
    const parsed = parseVenue(trimmed);
    return parsed !== null && (recogniseVenue(piece.trim())?.canonical != null || looksLikeAcronym(parsed.name));
  };
  const emphasis = flat.emphasis.find((range) => range.end === end && range.start > start);
  if (emphasis && reads(text.slice(emphasis.start, end))) return emphasis.start;
  for (let i = end - 1; i > start; i--) {
    if (!separatesPiece(text.charCodeAt(i))) continue;
    // A hyphen separates only with spaces around it (`Title - CVPR 2019`, not `Few-Shot`), and spaces as
    // written: an escaped one (`TODO&#32;- 2020`, as `add` keeps a to-do word in a title) is the writer's text.
    const spaced = (at: number) => text[at] === ' ' && !flat.literal.has(at);
    if (text[i] === '-' && !(spaced(i - 1) && spaced(i + 1))) continue;
    // An escaped separator is the writer's own text (`add` writes `Foo\, 2023`).
    if (flat.literal.has(i)) return -1;
    return reads(text.slice(i + 1, end)) && /[\p{L}\p{N}]/u.test(text.slice(start, i)) ? i + 1 : -1;
  }
  return -1;
}

function matchingOpen(flat: Flat, min: number, closeAt: number, openChar: string, closeChar: string): number {
  let depth = 0;
  for (let i = closeAt; i >= min; i--) {
    if (flat.literal.has(i)) continue;
    if (flat.text[i] === closeChar) depth++;
    else if (flat.text[i] === openChar && --depth === 0) return i;
  }
  return -1;
}

function unescapedIndex(flat: Flat, ch: string, from: number): number {
  for (let i = flat.text.indexOf(ch, from); i >= 0; i = flat.text.indexOf(ch, i + 1))
    if (!flat.literal.has(i)) return i;
  return -1;
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '「': '」' };
/** `A. Karpathy`, `L. Weng`, `C. Olah`: a name with an initial. (’ is an escape: the hot files are ASCII only.) */
const AUTHOR = String.raw`(?:\p{Lu}\.\s*)+\p{Lu}[\p{L}'\u2019\-]+|\p{Lu}[\p{L}'\u2019\-]+\s+(?:\p{Lu}\.\s*)+`;

/**
 * The patterns of authors, made when first needed: making them (30 Unicode classes) cost every load of
 * the parser ~1.3 ms, and most lists never need them (see withoutAttribution).
 */
interface AuthorPatterns {
  byAuthor: RegExp;
  authorsFirst: RegExp;
  inParens: RegExp;
}
let authorPatterns: AuthorPatterns | undefined;

/** Whether the text after a quoted title is its author (`" by L. Weng`). */
function byAuthorAfterQuote(after: string): boolean {
  const text = ` ${after.replace(/^\s+/, '')}`;
  return MAY_BE_BY_AUTHOR(text) && authors().byAuthor.test(text);
}

/** The author patterns (made on first use; exported for the test that each MAY_BE_ test is implied by its pattern). */
export function authors(): AuthorPatterns {
  return (authorPatterns ??= {
    byAuthor: new RegExp(String.raw`\s+by\s+(?:${AUTHOR})(?:\s*(?:,|and|&)\s*(?:${AUTHOR}))*\s*$`, 'u'),
    authorsFirst: new RegExp(
      String.raw`^\p{Lu}[\p{L}'\u2019\-]+\s+(?:\p{Lu}\.\s*)+(?:et\s+al\.?|and\s+(?:${AUTHOR}))\s*[,:]?\s*`,
      'u',
    ),
    inParens: new RegExp(String.raw`^\s*\(\s*(?:[^()]*\bet\s+al\.?|by\s+(?:${AUTHOR}))\s*\)$`, 'u'),
  });
}
/**
 * What each author pattern needs before it can match, tested first with patterns V8 compiles at once: the
 * author patterns hold Unicode classes, whose first run compiles them (~12-20 ms, more than reading a
 * list of a hundred papers), and a title with a period or a `by` in it (`v2.0`, `Hierarchy`) is common.
 * Every AUTHOR holds an initial (a capital and a period); `by` stands as a word; authors first are a
 * name, then initials; each test below is implied by its pattern (test/inline.test.ts checks).
 */
export const MAY_BE_BY_AUTHOR = (text: string): boolean => text.includes('.') && /\sby\s/.test(text);
export const MAY_BE_AUTHORS_FIRST = (text: string): boolean =>
  /^\S+\s+\S{1,2}\./.test(text) && /(?:et|and)\s/.test(text);
export const MAY_BE_IN_PARENS = (text: string): boolean =>
  /\bet\s+al/.test(text) || (text.includes('.') && /\bby\s/.test(text));
const SITE_SUFFIX =
  /\s+[|｜]\s*(?:OpenReview|arXiv(?:\.org)?|GitHub|Medium|ScienceDirect|IEEE Xplore|IEEE Journals & Magazine|Semantic Scholar|ResearchGate|SpringerLink|ACM Digital Library|Papers With Code|Hugging Face|YouTube|Wikipedia|知乎|CSDN)\s*$/i;
/** `TODO RoPE`, `WIP: GQA`: a to-do marker before the title. */
const MARKER = /^(?:TODO|TBD|WIP|FIXME)\b[\s:：\-–—]+/;

/**
 * Who wrote it is not the title. A run that is a quoted title (`"Visualizing memorization in RNNs"`), maybe
 * followed by its author or a remark (`"Domain Randomization for Sim2Real Transfer" by L. Weng`,
 * `"Learning Dexterity"(OpenAI)`), is the quoted words; authors before or after a title
 * (`Bittig T. *et al.* Dynamics of ...`, `Understanding LSTM Networks by C. Olah`, `... (Braun E. _et al._)`)
 * are taken off, and so are a to-do marker (`TODO RoPE`) and the site of a copied page title
 * (`Graph Attention Networks | OpenReview`).
 */
export function withoutAttribution(flat: Flat, start: number, end: number): { start: number; end: number } {
  const text = flat.text;
  const plain = (from: number, to: number): boolean => plainText(flat, from, to);
  const close = QUOTES[text[start]!];
  if (close && plain(start, start + 1)) {
    const at = text.indexOf(close, start + 1);
    if (at > start + 1 && at < end && plain(at, at + 1)) {
      const after = text.slice(at + 1, end);
      if (/^\s*$/.test(after) || byAuthorAfterQuote(after) || /^\s*(?:\(|[-–—])/.test(after)) {
        if (hasWords(text.slice(start + 1, at))) return { start: start + 1, end: at };
      }
    }
  }
  // A page title copied with its site (`Graph Attention Networks | OpenReview`).
  const site = SITE_SUFFIX.exec(text.slice(start, end));
  if (site && plain(start + site.index, start + site.index + 1) && hasWords(text.slice(start, start + site.index)))
    end = start + site.index;
  const marker = MARKER.exec(text.slice(start, end));
  if (marker && plain(start, start + marker[0].length) && hasWords(text.slice(start + marker[0].length, end)))
    start += marker[0].length;
  // (Each pattern tried only where the text has what it needs: see MAY_BE_BY_AUTHOR.)
  const lead = MAY_BE_AUTHORS_FIRST(text.slice(start, end))
    ? authors().authorsFirst.exec(text.slice(start, end))
    : null;
  if (lead && plain(start, start + lead[0].length) && hasWords(text.slice(start + lead[0].length, end)))
    start += lead[0].length;
  // (The check for `by` first: the pattern tries every position of the title.)
  const by = MAY_BE_BY_AUTHOR(text.slice(start, end)) ? authors().byAuthor.exec(text.slice(start, end)) : null;
  if (by && plain(start + by.index, end) && hasWords(text.slice(start, start + by.index))) end = start + by.index;
  const paren = text.lastIndexOf('(', end);
  // (Inside the parentheses only: some lists escape every parenthesis, `\(by L. Weng\)`.)
  const inParens = text.slice(paren, end);
  if (
    paren > start &&
    MAY_BE_IN_PARENS(inParens) &&
    authors().inParens.test(inParens) &&
    plain(paren + 1, end - 1) &&
    hasWords(text.slice(start, paren))
  )
    end = paren;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * A venue written as a plain piece of a comment, between `.`, `,`, `;` or dashes: `ICLR 2018` in
 * `*A. Author et al.* ICLR 2018.`. Only a name that reads as a venue counts: a known one or an acronym
 * (`TKDE 2020`), not `Published in 2019`.
 */
export function venueInText(flat: Flat, from: number, to: number): { text: string; span: Span } | null {
  const text = flat.text.slice(from, to);
  const piece = /[^.,，;；\-–—()[\]]+/g;
  for (let m = piece.exec(text); m; m = piece.exec(text)) {
    const venueText = m[0].trim();
    const parsed = parseVenue(venueText);
    if (!parsed || (!recogniseVenue(venueText)?.canonical && !looksLikeAcronym(parsed.name))) continue;
    const at = from + m.index + m[0].indexOf(venueText);
    return { text: venueText, span: spanOf(flat, at, at + venueText.length) };
  }
  return null;
}

/** Escaped characters are the writer's own text (`add` writes `\"Quoted\"`, `A\. Author`): no rule reads them. */
function plainText(flat: Flat, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (flat.literal.has(i)) return false;
  return true;
}

export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The words of `flat.text` from `start` to `end`, without the characters no rule counts as words, spaces collapsed. */
export function wordsOf(flat: Flat, start: number, end: number): string {
  let text = '';
  if (flat.dropped.size === 0) return collapse(flat.text.slice(start, end));
  for (let i = start; i < end; i++) if (!flat.dropped.has(i)) text += flat.text[i];
  return collapse(text);
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `(2410.04335) Title`, `2509.15202 — Title`, `arXiv:2410.04335 Title`: an arXiv id before the title. */
const LEADING_ARXIV =
  /^\s*\(?(?:arXiv:)?(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?(?:\)|(?=[\s\-–—:|]))\s*(?:[-–—:|]\s*)?(?=\S)/i;
/** `Title, Mnih et al, 2013.`: authors and a year after the title. */
const TRAILING_CITATION =
  /,\s*\p{Lu}[\p{L}'’-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]+)?\s+et\s+al\.?,?\s*\(?((?:19|20)\d{2})\)?\.?\s*$/u;

/**
 * What is around a title on its line but not of it: an arXiv id before it (it gives the year), authors
 * and a year after it (`, Mnih et al, 2013.`), and the lines under it when they are notes rather than the
 * title going on: an author list (`Title\nA · B · C`), a line set in emphasis, or one that says what it is
 * (`by …`, `Authors: …`, `Note: …`). Any other next line continues the title (titles wrap: `Towards a Open
 * and Compiler-centric\nEcosystem for …`); a line break inside a link's text is part of the title.
 */
/** A read date at the end of an entry: Obsidian Tasks' `✅ 2026-11-28`, or `(read 2026-11-28)`. */
const TRAILING_READ_DATE = /\s*(?:✅\uFE0F?\s*\d{4}-\d{2}-\d{2}|\(read (?:on )?\d{4}-\d{2}-\d{2}\))\s*$/u;

export function trimEntry(flat: Flat, start: number, end: number): { start: number; end: number; year: number | null } {
  const text = flat.text;
  let year: number | null = null;
  for (let i = start; i < end; i++) {
    if (text[i] !== '\n' || flat.wordLinks.some((range) => range.start <= i && i < range.end)) continue;
    const after = text.slice(i + 1, end);
    const lineEnd = after.indexOf('\n') < 0 ? end : i + 1 + after.indexOf('\n');
    const next = text.slice(i + 1, lineEnd).trim();
    const emphasized =
      flat.emphasis.some((range) => range.start <= i + 1 + after.indexOf(next) && range.end >= lineEnd - 1) &&
      next !== '';
    const note =
      /\S\s+[·•]\s+\S/.test(next) ||
      /^(?:by|authors?|notes?|tl;?dr|summary|abstract|keywords?)\b/i.test(next) ||
      emphasized;
    if (hasWords(text.slice(start, i)) && note) {
      end = i;
      break;
    }
  }
  const arxiv = LEADING_ARXIV.exec(text.slice(start, end));
  if (arxiv && plainText(flat, start, start + arxiv[0].length) && hasWords(text.slice(start + arxiv[0].length, end))) {
    const month = Number(arxiv[2]);
    if (month >= 1 && month <= 12) {
      start += arxiv[0].length;
      year = 2000 + Number(arxiv[1]);
    }
  }
  // (it needs `et al`: see withoutAttribution on compiling such patterns)
  const citation = /et\s+al/.test(text.slice(start, end)) ? TRAILING_CITATION.exec(text.slice(start, end)) : null;
  if (citation && plainText(flat, start + citation.index, end) && hasWords(text.slice(start, start + citation.index))) {
    end = start + citation.index;
    year = Number(citation[1]);
  }
  // The day it was read (`✅ 2026-11-28`, `(read 2026-11-28)`, as `done` writes with dates on) is no title word:
  // a paper keeps its title and id when it is marked read.
  const read = TRAILING_READ_DATE.exec(text.slice(start, end));
  if (read && plainText(flat, start + read.index, end) && hasWords(text.slice(start, start + read.index)))
    end = start + read.index;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, year };
}
