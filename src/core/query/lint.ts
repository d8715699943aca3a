/**
 * `papers lint`: problems a list maintainer wants to know, each at a line, some with a surgical fix
 * (edits on the original text, like every other write). Pure: the caller parses the text (with the
 * parser's own remark processor) and says which relative files exist.
 */
import type { Definition, Image, Link as MdLink, List, ListItem, Nodes, Root } from 'mdast';
import { countEdits, findCounts, totalsOf } from '../read/counts.js';
import { arxivBase, identityOf, normalizeDoi, normalizeTitle, normalizeUrl } from './identity.js';
import type { Edit } from '../write/splice.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { formatAreaPath } from './query.js';
import { parseVenue } from '../read/venue.js';

export const RULES = [
  'duplicate',
  'no-link',
  'checkbox',
  'venue',
  'outside-area',
  'mixed-bullets',
  'missing-file',
  'empty-area',
  'counts',
] as const;
export type RuleName = (typeof RULES)[number];

export interface Problem {
  rule: RuleName;
  /** 1-based line. */
  line: number;
  message: string;
  /** Edits that fix it, when a safe fix exists. */
  fix?: Edit[];
}

export interface LintContext {
  doc: ListDocument;
  /** The remark tree of the text without its BOM (offsets are `doc.bomLength` short). */
  tree: Root;
  /** Does a file exist at this path (decoded, relative to the list's folder)? */
  fileExists: (relativePath: string) => boolean;
}

type Check = (ctx: LintContext, lines: LineIndex) => Problem[];

const CHECKS: Record<RuleName, Check> = {
  duplicate: duplicates,
  'no-link': noLink,
  checkbox: malformedCheckboxes,
  venue: unreadableVenues,
  'outside-area': outsideArea,
  'mixed-bullets': mixedBullets,
  'missing-file': missingFiles,
  'empty-area': emptyAreas,
  counts: staleSummaryCounts,
};

/** Summary counts (shields.io badges, `Total: 83 · Read: 69`) that disagree with the papers; the fix rewrites the digits. */
function staleSummaryCounts(ctx: LintContext, lines: LineIndex): Problem[] {
  const totals = totalsOf(ctx.doc.papers);
  return findCounts(ctx.doc.text)
    .filter((mark) => mark.value !== totals[mark.kind])
    .map((mark) => ({
      rule: 'counts' as const,
      line: lines.lineOf(mark.span.start),
      message: `${mark.where} says ${mark.value}, the list has ${totals[mark.kind]}`,
      fix: countEdits([mark], totals),
    }));
}

export function lint(ctx: LintContext, ignore: ReadonlySet<string> = new Set()): Problem[] {
  const lines = new LineIndex(ctx.doc.text);
  const problems: Problem[] = [];
  for (const rule of RULES) if (!ignore.has(rule)) problems.push(...CHECKS[rule](ctx, lines));
  return problems.sort((a, b) => a.line - b.line || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}

/** Every fix of these problems, as one list of edits (later fixes that overlap an earlier one are dropped). */
export function fixesOf(problems: readonly Problem[]): Edit[] {
  const edits: Edit[] = [];
  for (const problem of problems) {
    for (const edit of problem.fix ?? []) {
      if (edits.some((other) => edit.start < other.end && other.start < edit.end)) continue;
      edits.push(edit);
    }
  }
  return edits;
}

/** Offset -> 1-based line, with CRLF, LF and lone CR all ending a line. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function shown(paper: Paper): string {
  const title = paper.title.length > 60 ? `${paper.title.slice(0, 57)}...` : paper.title;
  return `"${title}"`;
}

// duplicate ------------------------------------------------------------------------------------------

/** Same paper: the identity rules `add` refuses duplicates by (identity.ts), applied to every pair. */
function duplicates(ctx: LintContext): Problem[] {
  const seen = new Map<string, Paper>();
  const problems: Problem[] = [];
  for (const paper of ctx.doc.papers) {
    const identity = identityOf(paper);
    const keys: [string, string][] = [];
    const title = normalizeTitle(paper.title);
    if (title.length >= 4 && paper.title !== '(untitled)') keys.push([`title:${title}`, 'the same title as']);
    if (identity.arxiv)
      keys.push([
        `arxiv:${arxivBase(identity.arxiv).toLowerCase()}`,
        `the same arXiv id (${arxivBase(identity.arxiv)}) as`,
      ]);
    if (identity.doi) keys.push([`doi:${normalizeDoi(identity.doi)}`, `the same DOI (${identity.doi}) as`]);
    const first = paper.links.find((link) => /^https?:\/\//i.test(link.url));
    if (first) keys.push([`url:${normalizeUrl(first.url)}`, 'the same link as']);
    const found = keys.find(([key]) => seen.has(key) && seen.get(key) !== paper);
    if (found) {
      const other = seen.get(found[0])!;
      problems.push({
        rule: 'duplicate',
        line: paper.line,
        message: `${shown(paper)} has ${found[1]} line ${other.line} (${other.id})`,
      });
    }
    for (const [key] of keys) if (!seen.has(key)) seen.set(key, paper);
  }
  return problems;
}

// no-link, venue, outside-area -------------------------------------------------------------------------

function noLink(ctx: LintContext): Problem[] {
  return ctx.doc.papers
    .filter((paper) => !paper.links.some((link) => link.url.trim() !== ''))
    .map((paper) => ({
      rule: 'no-link' as const,
      line: paper.line,
      message: `${shown(paper)} has no link; add one with: papers note ${paper.id} <url> --label Paper`,
    }));
}

function unreadableVenues(ctx: LintContext): Problem[] {
  return ctx.doc.papers
    .filter((paper) => paper.venue !== null && paper.year === null && parseVenue(paper.venue) === null)
    .map((paper) => ({
      rule: 'venue' as const,
      line: paper.line,
      message: `venue "${paper.venue}" of ${shown(paper)} has no year papers can read; write it like OSDI'22 or ICML 2020`,
    }));
}

function outsideArea(ctx: LintContext): Problem[] {
  // A list without any area heading is a plain list: nothing is outside.
  if (!ctx.doc.headings.some((heading) => !heading.isDocumentTitle)) return [];
  // Under the document title (where `add --top` puts papers) is a place of its own, not outside.
  const underTitle = (paper: Paper) => ctx.doc.headings[paper.headingIndex]?.isDocumentTitle === true;
  return ctx.doc.papers
    .filter((paper) => paper.area.length === 0 && !underTitle(paper))
    .map((paper) => ({
      rule: 'outside-area' as const,
      line: paper.line,
      message: `${shown(paper)} is under no heading, so it is in no area`,
    }));
}

// checkbox ---------------------------------------------------------------------------------------------

/** `- [ x] Title`: a list item that starts like a checkbox GitHub would not render as one. */
const CHECKBOX_LIKE = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ \txX]{0,4})\]([^\r\n]?)/;

function malformedCheckboxes(ctx: LintContext, lines: LineIndex): Problem[] {
  const { text, bomLength } = ctx.doc;
  const problems: Problem[] = [];
  visit(ctx.tree, (node) => {
    if (node.type !== 'listItem' || typeof node.checked === 'boolean') return;
    const start = node.position!.start.offset! + bomLength;
    const m = CHECKBOX_LIKE.exec(text.slice(start, start + 40));
    if (!m) return;
    const inner = m[1]!;
    const after = m[2]!;
    // Nothing after the box (`- [x]` alone) is an empty item, not a malformed paper.
    if (after === '' || (/^[ \t]$/.test(after) && text.slice(start + m[0].length).match(/^[ \t]*(?:\r|\n|$)/))) return;
    const open = start + m[0].length - after.length - inner.length - 2;
    const mark = /x/.test(inner) ? 'x' : /X/.test(inner) ? 'X' : ' ';
    const fix: Edit[] = [];
    if (inner !== mark) fix.push({ start: open + 1, end: open + 1 + inner.length, text: mark });
    if (!/^[ \t]$/.test(after)) fix.push({ start: open + 2 + inner.length, end: open + 2 + inner.length, text: ' ' });
    if (fix.length === 0) return;
    problems.push({
      rule: 'checkbox',
      line: lines.lineOf(start),
      message: `"[${inner}]${after === ' ' ? '' : after}" is no checkbox on GitHub; write "[${mark}] "`,
      fix,
    });
  });
  return problems;
}

// mixed-bullets ----------------------------------------------------------------------------------------

function mixedBullets(ctx: LintContext, lines: LineIndex): Problem[] {
  const { text, bomLength } = ctx.doc;
  const problems: Problem[] = [];
  const markerOf = (list: List) => text[list.position!.start.offset! + bomLength]!;
  visit(ctx.tree, (node) => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    for (let i = 1; i < children.length; i++) {
      const previous = children[i - 1]!;
      const list = children[i]!;
      if (previous.type !== 'list' || list.type !== 'list' || previous.ordered || list.ordered) continue;
      // A run of lists, each starting where the one before ends: the first one's marker wins.
      let first = previous;
      for (let j = i - 1; j > 0 && children[j - 1]!.type === 'list' && !(children[j - 1] as List).ordered; j--)
        first = children[j - 1] as List;
      const want = markerOf(first);
      const have = markerOf(list);
      if (have === want) continue;
      const fix = list.children.map((item: ListItem) => {
        const at = item.position!.start.offset! + bomLength;
        return { start: at, end: at + 1, text: want };
      });
      problems.push({
        rule: 'mixed-bullets',
        line: lines.lineOf(list.position!.start.offset! + bomLength),
        message: `"${have}" bullets right after a "${want}" list: GitHub starts a new list here; use "${want}"`,
        fix,
      });
    }
  });
  return problems;
}

// missing-file -----------------------------------------------------------------------------------------

function missingFiles(ctx: LintContext, lines: LineIndex): Problem[] {
  const problems: Problem[] = [];
  visit(ctx.tree, (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const url = (node as MdLink | Image | Definition).url.trim();
    const path = relativePath(url);
    if (path === null || ctx.fileExists(path)) return;
    problems.push({
      rule: 'missing-file',
      line: lines.lineOf(node.position!.start.offset! + ctx.doc.bomLength),
      message: `the link "${url}" points to a file that does not exist beside the list`,
    });
  });
  return problems;
}

/** The decoded file path of a relative link, or null for URLs, anchors and site-absolute paths. */
function relativePath(url: string): string | null {
  if (url === '' || url.startsWith('#') || url.startsWith('/') || url.startsWith('\\')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  const path = url.replace(/[?#].*$/, '');
  if (path === '') return null;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

// empty-area -------------------------------------------------------------------------------------------

function emptyAreas(ctx: LintContext, lines: LineIndex): Problem[] {
  const { doc } = ctx;
  if (doc.papers.length === 0) return [];
  const problems: Problem[] = [];
  doc.headings.forEach((heading, i) => {
    if (heading.isDocumentTitle) return;
    const inSection = doc.papers.some(
      (paper) => paper.span.start >= heading.span.end && paper.span.start < heading.sectionEnd,
    );
    if (inSection) return;
    // Nothing in the whole section but sub-headings: papers, notes or text under any of them keep it.
    let own = '';
    let cursor = heading.span.end;
    for (const sub of doc.headings.slice(i + 1)) {
      if (sub.span.start >= heading.sectionEnd) break;
      own += doc.text.slice(cursor, sub.span.start);
      cursor = sub.span.end;
    }
    own += doc.text.slice(cursor, heading.sectionEnd);
    if (own.replace(/<!--[\s\S]*?-->/g, '').trim() !== '') return;
    problems.push({
      rule: 'empty-area',
      line: lines.lineOf(heading.span.start),
      message: `the area "${formatAreaPath(heading.path)}" has no papers`,
    });
  });
  return problems;
}

function visit(node: Nodes | Root, fn: (node: Nodes) => void): void {
  fn(node as Nodes);
  if ('children' in node) for (const child of node.children as Nodes[]) visit(child, fn);
}
