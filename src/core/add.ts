/**
 * `add`: a new item at the end of an area, written in the file's style and checked by reading it back.
 * Apart from operations.ts because reading back needs the parser (and remark), which the other
 * commands do not load.
 */
import { InvalidInputError } from './errors.js';
import type { ListDocument, Paper, Span } from './model.js';
import { type Change, displayName, place, placementNote } from './operations.js';
import { parseDocument } from './parse.js';
import { formatAreaPath } from './query.js';
import { DEFAULT_STYLE, learnStyle, type RenderedBody, renderInStyle } from './item-style.js';
import { checkedMark, type NewPaper } from './render.js';

export interface AddRequest {
  area: string;
  paper: NewPaper;
  /** False: refuse a new area whose name is close to an existing one (default: create it). */
  create?: boolean;
}

export function addPaper(doc: ListDocument, request: AddRequest): Change {
  const placement = place(doc, request.area, (prefix, styleNear, areaItems) => renderNewItem(doc, prefix, styleNear, areaItems, request.paper), null, request.create ?? true);
  const edits = [{ start: placement.at, end: placement.at, text: placement.text }];
  return {
    edits,
    message: `Added ${displayName(request.paper)} to ${formatAreaPath(placement.areaPath)}${placementNote(placement)}`,
    createdAreas: placement.createdAreas,
    touched: [placement.at + placement.text.trimEnd().length - 1],
    removed: [],
  };
}

/**
 * The new item's line, in the style learned from the area's items (and the file's), checked by reading
 * it back: the whole line must parse into exactly the parts that were written, where they were
 * written (no stray bracket left over). Else the default style, which must read back too.
 */
function renderNewItem(doc: ListDocument, prefix: string, styleNear: Paper | null, areaItems: Paper[], paper: NewPaper): string {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: read back with the file's definitions.
  const definitions = (doc.text.match(DEFINITION_LINES) ?? []).map((line) => `\n${line.replace(/^[ \t>]*/, '')}`).join('');
  const mark = paper.read ? checkedMark(doc, styleNear) : ' ';
  const gapOf = (near: Paper | null) => (near ? doc.text.slice(near.checkbox.end + 1, near.body.start) : ' ');
  const gap = /^[ \t]+$/.test(gapOf(styleNear)) ? gapOf(styleNear) : ' ';
  const learned = learnStyle(doc, areaItems, styleNear);
  for (const style of [learned, { ...DEFAULT_STYLE, paperLabel: learned.paperLabel, links: { ...DEFAULT_STYLE.links, like: learned.links.like } }, DEFAULT_STYLE]) {
    const rendered = renderInStyle(doc, style, paper);
    if (readsBack(rendered, paper, definitions)) return `${prefix}[${mark}]${gap}${rendered.body}`;
  }
  throw new InvalidInputError(`cannot write "${paper.title}" so that it reads back with the same title, venue and links; simplify the one that has unusual characters`);
}

/** Link reference definitions anywhere in the file (in quotes and lists too). */
const DEFINITION_LINES = /^[ \t>]*\[[^\]\n]+\]:.*$/gm;

/**
 * Parse the rendered paragraph alone and compare the whole line with what was meant: the same title,
 * venue and links, each read where it was written, and between them only the glue (no word, no stray
 * bracket).
 */
function readsBack(rendered: RenderedBody, paper: NewPaper, definitions: string): boolean {
  const lead = '- [ ] ';
  const parsed = parseDocument(`${lead}${rendered.body}\n${definitions}`).papers;
  if (parsed.length !== 1) return false;
  const got = parsed[0]!;
  const at = (offset: number) => offset + lead.length;
  // (the parser may end a title or venue before an escaped last character: `\:`, `&#65306;`)
  const sameSpan = (a: Span | null, b: Span | null) =>
    a === null || b === null
      ? a === b
      : a.start === at(b.start) && a.end <= at(b.end) && /^(?:\\?.|&?#?\w*;)?$/su.test(rendered.body.slice(a.end - lead.length, b.end));
  return (
    got.title === paper.title &&
    got.venue === paper.venue &&
    sameSpan(got.titleSpan, rendered.title) &&
    sameSpan(got.venueSpan, rendered.venue) &&
    got.links.length === rendered.links.length &&
    got.links.every((link, i) => {
      const meant = rendered.links[i]!;
      return link.url === meant.url && link.outerSpan.start === at(meant.start) && link.label.toLowerCase() === meant.label.toLowerCase();
    }) &&
    onlyGlue(rendered)
  );
}

/** The line without its parts: spaces, separators and balanced wrappers only (no stray `[` or `(`). */
function onlyGlue(rendered: RenderedBody): boolean {
  const spans = [rendered.title, rendered.venue, ...rendered.links].filter((span): span is Span => span !== null);
  let rest = rendered.body;
  for (const span of spans) rest = rest.slice(0, span.start) + ' '.repeat(span.end - span.start) + rest.slice(span.end);
  if (/[\p{L}\p{N}]/u.test(rest)) return false;
  let square = 0;
  let round = 0;
  for (const ch of rest) {
    if (ch === '[') square++;
    else if (ch === ']' && --square < 0) return false;
    else if (ch === '(') round++;
    else if (ch === ')' && --round < 0) return false;
  }
  return square === 0 && round === 0;
}
