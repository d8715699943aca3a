/**
 * Writing new markdown in the file's style: item prefixes, checkbox marks, links in the list's format.
 * A new item's paragraph is assembled from the style learned in item-style.ts.
 */
import type { Link, ListDocument, Paper, Span } from '../model/paper.js';
import { escapeInline, formatDestination } from './markdown-escape.js';
import { lineStart } from '../model/text.js';

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
  const { text } = doc;
  // [upper, lower] among the papers of near's list, and among all papers.
  const inList = [0, 0];
  const all = [0, 0];
  const list = near?.listIndex;
  for (const paper of doc.papers) {
    const mark = text[paper.checkbox.start];
    const k = mark === 'X' ? 0 : mark === 'x' ? 1 : -1;
    if (k < 0) continue;
    all[k]!++;
    if (paper.listIndex === list) inList[k]!++;
  }
  const choose = ([upper, lower]: number[]) => (upper === lower ? null : upper! > lower! ? 'X' : 'x');
  return choose(inList) ?? choose(all) ?? 'x';
}

/** One link in the format of `like` (`[[Note](url)]`, `[[note]](url)`, `\[[note](url)\]`, ...). */
export function renderLink(doc: ListDocument, like: Link | null, link: { label: string; url: string }): string {
  const label = escapeInline(labelCase(like, link.label));
  const url = formatDestination(link.url);
  if (!like?.urlSpan) return `[[${label}](${url})]`;
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
  return text[urlSpan.start - 1] === '<' && text[urlSpan.end] === '>'
    ? { start: urlSpan.start - 1, end: urlSpan.end + 1 }
    : urlSpan;
}

/** The text of `outer` with the given inner spans replaced; `kept` may change the text between them. */
function replaceSpans(
  text: string,
  outer: Span,
  replacements: { span: Span; text: string }[],
  kept = (between: string) => between,
): string {
  let out = '';
  let cursor = outer.start;
  for (const { span, text: value } of [...replacements].sort((a, b) => a.span.start - b.span.start)) {
    out += kept(text.slice(cursor, span.start)) + value;
    cursor = span.end;
  }
  return out + kept(text.slice(cursor, outer.end));
}

/** `paper`/`Paper`: new labels follow the case of the template's labels. */
function labelCase(like: Link | null, label: string): string {
  if (!like) return label;
  if (like.label === like.label.toLowerCase() && /[a-z]/.test(like.label)) return label.toLowerCase();
  return label;
}
