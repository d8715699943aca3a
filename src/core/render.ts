/**
 * The one place that writes new markdown. New text copies the file: an existing item serves as the
 * template (its prefix, checkbox, where its venue goes and how it is wrapped, its link format and
 * separators), and whatever is rendered is read back and compared before it is used.
 */
import type { Link, ListDocument, Paper, Span } from './model.js';
import { escapeInline, formatDestination } from './markdown-escape.js';
import { lineStart } from './text.js';

export interface NewPaper {
  title: string;
  venue: string | null;
  links: { label: string; url: string }[];
  read: boolean;
}

/** Everything before the checkbox's `[` on the item's first line: indentation, quote markers, bullet, gap. */
export function itemPrefix(doc: ListDocument, paper: Paper): string {
  return doc.text.slice(lineStart(doc.text, paper.span.start), paper.checkbox.start - 1);
}

/** The mark a checked box gets in this paper's list (else the file's majority, else `x`). */
export function checkedMark(doc: ListDocument, near: Paper | null): 'x' | 'X' {
  const count = (papers: Paper[]) => {
    let upper = 0;
    let lower = 0;
    for (const paper of papers) {
      const mark = doc.text[paper.checkbox.start];
      if (mark === 'X') upper++;
      else if (mark === 'x') lower++;
    }
    return upper === lower ? null : upper > lower ? 'X' : 'x';
  };
  const sameList = near ? doc.papers.filter((paper) => paper.listIndex === near.listIndex) : [];
  return count(sameList) ?? count(doc.papers) ?? 'x';
}

/** The whole first line of a new item: `prefix[ ] body`. */
export function renderItem(doc: ListDocument, prefix: string, template: Paper | null, paper: NewPaper): string {
  const mark = paper.read ? checkedMark(doc, template) : ' ';
  const gap = template ? doc.text.slice(template.checkbox.end + 1, template.body.start) || ' ' : ' ';
  return `${prefix}[${mark}]${gap}${renderBody(doc, template, paper)}`;
}

/** The paragraph of a new item, in the style of `template` when it can express this paper. */
export function renderBody(doc: ListDocument, template: Paper | null, paper: NewPaper): string {
  const styled = template ? bodyFromTemplate(doc, template, paper) : null;
  return styled ?? defaultBody(doc, paper);
}

/** The seed's style: `Title[Venue]: [[Paper](url)] [[Note](url)]`. */
function defaultBody(doc: ListDocument, paper: NewPaper): string {
  let body = escapeInline(paper.title);
  if (paper.venue) body += `[${escapeInline(paper.venue)}]`;
  if (paper.links.length) body += `: ${paper.links.map((link) => renderLink(doc, null, link)).join(' ')}`;
  return body;
}

/** One link in the format of `like` (`[[Note](url)]`, `[[note]](url)`, `\[[note](url)\]`, ...). */
export function renderLink(doc: ListDocument, like: Link | null, link: { label: string; url: string }): string {
  const label = escapeInline(labelCase(like, link.label));
  const url = formatDestination(link.url);
  if (!like || !like.urlSpan) return `[[${label}](${url})]`;
  const outer = like.outerSpan;
  const labelText = doc.text.slice(like.labelSpan.start, like.labelSpan.end);
  // Keep brackets written inside the label: `[[paper]](url)` stays `[[note]](url)`.
  const wrapped = /^\[.*\]$/s.test(labelText) ? `[${label}]` : label;
  return replaceSpans(doc.text, outer, [
    { span: like.labelSpan, text: /^\*\*.*\*\*$/s.test(labelText) ? `**${wrapped}**` : wrapped },
    { span: writtenDestination(doc.text, like.urlSpan), text: url },
  ]);
}

/** A link destination with the angle brackets it is written in, if any (`<http://a/(>`): what a new URL replaces. */
export function writtenDestination(text: string, urlSpan: Span): Span {
  return text[urlSpan.start - 1] === '<' && text[urlSpan.end] === '>' ? { start: urlSpan.start - 1, end: urlSpan.end + 1 } : urlSpan;
}

/** The text of `outer` with the given inner spans replaced; `kept` may change the text between them. */
function replaceSpans(text: string, outer: Span, replacements: { span: Span; text: string }[], kept = (between: string) => between): string {
  let out = '';
  let cursor = outer.start;
  for (const { span, text: value } of [...replacements].sort((a, b) => a.span.start - b.span.start)) {
    out += kept(text.slice(cursor, span.start)) + value;
    cursor = span.end;
  }
  return out + kept(text.slice(cursor, outer.end));
}

/** Tags with words that belong to the template's own paper (`[GAT]`, `[Nvidia]`), and the space before them. */
function dropOwnTags(between: string): string {
  return between.replace(/\s*(?<!\\)\[(?:[^[\]\\]|\\.)*[\p{L}\p{N}](?:[^[\]\\]|\\.)*(?<!\\)\]/gu, '');
}

function inside(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * Copies the template's paragraph up to its last link, with the title, the venue and the links swapped
 * for the new ones. Null when the template cannot express this paper (no title found, links on both
 * sides of the title, a venue inside a link ...): the caller falls back to the default style.
 */
function bodyFromTemplate(doc: ListDocument, template: Paper, paper: NewPaper): string | null {
  const text = doc.text;
  const titleSpan = template.titleSpan;
  if (!titleSpan) return null;
  const titleLink = template.links.find((link) => inside(titleSpan, link.labelSpan)) ?? null;
  const labelLinks = template.links.filter((link) => link !== titleLink);
  const venueSpan = template.venueSpan;
  const venueInLink = venueSpan !== null && template.links.some((link) => inside(venueSpan, link.span));
  if (venueInLink) return null;
  if (paper.venue && !venueSpan) return null;
  const titleRegion = titleLink ? titleLink.span : titleSpan;

  const replacements: { span: Span; text: string }[] = [];
  let newLinks = paper.links;
  if (titleLink) {
    const paperLink = paper.links.find((link) => /^paper$/i.test(link.label));
    if (paperLink) {
      newLinks = paper.links.filter((link) => link !== paperLink);
      replacements.push({ span: titleRegion, text: `[${escapeInline(paper.title)}](${formatDestination(paperLink.url)})` });
    } else {
      replacements.push({ span: titleRegion, text: escapeInline(paper.title) });
    }
  } else {
    replacements.push({ span: titleSpan, text: escapeInline(paper.title) });
  }

  // The links: one cluster on one side of the title, replaced as a whole.
  let end = Math.max(titleRegion.end, venueSpan?.end ?? 0);
  if (labelLinks.length) {
    const first = labelLinks[0]!.outerSpan;
    const last = labelLinks[labelLinks.length - 1]!.outerSpan;
    const before = last.end <= titleRegion.start;
    const after = first.start >= titleRegion.end;
    if (!before && !after) return null;
    const separator = labelLinks.length >= 2 ? text.slice(labelLinks[0]!.outerSpan.end, labelLinks[1]!.outerSpan.start) : ' ';
    if (!/^[ \t,;|/·•]*$/.test(separator)) return null;
    const like = labelLinks.find((link) => link.urlSpan) ?? null;
    const rendered = newLinks.map((link) => renderLink(doc, like, link)).join(separator);
    replacements.push({ span: { start: first.start, end: last.end }, text: rendered });
    end = Math.max(end, closingAfter(text, last.end, template.body.end));
  } else if (newLinks.length) {
    return null;
  } else {
    // No links: the venue's closing bracket (`Title[ICML 2020]`) still belongs to the copied part.
    end = closingAfter(text, end, template.body.end);
  }
  if (venueSpan) replacements.push({ span: venueSpan, text: paper.venue ? escapeInline(paper.venue) : '\u0000' });

  let body = replaceSpans(text, { start: template.body.start, end }, replacements, dropOwnTags);
  if (!paper.venue && venueSpan) body = dropEmptyVenue(body);
  if (!newLinks.length && labelLinks.length) body = dropEmptyLinks(body);
  return body.includes('\n') || body.includes('\r') ? null : body;
}

/** `Title ([a](u) [b](v)): text` ends the copied part after `)`: closing punctuation right after the links. */
function closingAfter(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && /[)\]*_]/.test(text[i]!)) i++;
  return i;
}

/** Without a venue, its slot goes too: `[\0]`, `(_\0_)`, `**[\0]**`, with the space beside it. */
function dropEmptyVenue(body: string): string {
  const slot = /(\*\*|__|\*|_)?[[(](\*\*|__|\*|_)?\u0000(\*\*|__|\*|_)?[\])](\*\*|__|\*|_)?/.exec(body);
  if (!slot) return body.replace(/\u0000/g, '');
  const before = body.slice(0, slot.index);
  const after = body.slice(slot.index + slot[0].length);
  return before === '' ? after.replace(/^\s+/, '') : before.replace(/\s+$/, '') + after;
}

/** Without links, the separators and parentheses that held them go too. */
function dropEmptyLinks(body: string): string {
  return body.replace(/\(\s*\)/g, '').replace(/[\s:：,;|\-–—]+$/, '');
}

/** `paper`/`Paper`: new labels follow the case of the template's labels. */
function labelCase(like: Link | null, label: string): string {
  if (!like) return label;
  if (like.label === like.label.toLowerCase() && /[a-z]/.test(like.label)) return label.toLowerCase();
  return label;
}
