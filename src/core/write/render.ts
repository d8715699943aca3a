/**
 * Writing new markdown in the file's style: item prefixes, checkbox marks, links in the list's format.
 * A new item's paragraph is assembled from the style learned in item-style.ts.
 */
import type { Link, ListDocument, Paper, Span } from '../model/paper.js';
import { escapeLabel, formatDestination } from './markdown-escape.js';
import { lineStart } from '../model/text.js';

export interface NewPaper {
  title: string;
  venue: string | null;
  links: { label: string; url: string }[];
  read: boolean;
}

/** Everything before the checkbox's `[` on the item's first line: indentation, quote markers, bullet, gap. */
export function itemPrefix(doc: ListDocument, paper: Paper): string {
  const start = lineStart(doc.text, paper.span.start);
  if (paper.source === 'task') return doc.text.slice(start, paper.checkbox.start - 1);
  // A marked entry's marker may come anywhere (`- ✅ Title`, `- Title ✅`): its prefix is its line's
  // quote marks, indent and bullet (a line that is no list item: its quote marks and indent, and a bullet).
  const line = doc.text.slice(start, paper.body.end);
  const item = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(line)?.[0];
  return item ?? `${/^[ \t>]*/.exec(line)![0]}- `;
}

/** The mark a checked box gets in this paper's list (else the file's majority, else `x`). */
export function checkedMark(doc: ListDocument, near: Paper | null): 'x' | 'X' {
  const choose = ([upper, lower]: number[]) => (upper === lower ? null : upper! > lower! ? 'X' : 'x');
  // The file's papers are counted only when near's list does not decide: on a cached list each paper's
  // checkbox is decoded when asked for (10,000 of them were ~15 ms of a `done`).
  const list = near?.listIndex;
  const inList = near ? choose(marksOf(doc, (paper) => paper.listIndex === list)) : null;
  return inList ?? choose(marksOf(doc, () => true)) ?? 'x';
}

/** [upper, lower]: how many of the papers `counted` takes have an `X` or an `x` in their box. */
function marksOf(doc: ListDocument, counted: (paper: Paper) => boolean): [number, number] {
  const marks: [number, number] = [0, 0];
  for (const paper of doc.papers) {
    if (!counted(paper)) continue;
    const mark = doc.text[paper.checkbox.start];
    if (mark === 'X') marks[0]++;
    else if (mark === 'x') marks[1]++;
  }
  return marks;
}

/** One link in the format of `like` (`[[Note](url)]`, `[[note]](url)`, `\[[note](url)\]`, ...). */
export function renderLink(doc: ListDocument, like: Link | null, link: { label: string; url: string }): string {
  const label = escapeLabel(labelCase(like, link.label));
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
