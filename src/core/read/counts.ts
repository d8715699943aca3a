/**
 * Summary counts a list carries about itself: shields.io badges (`badge/Papers-83-blue`,
 * `badge/Read-67-green`, `badge/To_Read-16-orange`, `badge/Read-67%2F83-green`) and plain lines such
 * as `Total: 83 · Read: 69`. Each count is known by its label; a write replaces only its digits.
 * Only counts the page shows as the list's own are counts: a badge drawn as an image (not a link's
 * target or a bare URL), in prose or a heading — never in code, an HTML comment or a block quote, which
 * hold examples and quotations.
 */
import { applyEdits, type Edit, mapOffset } from '../write/splice.js';
import type { Span } from '../model/paper.js';
import type { Change } from '../write/change.js';
import { isAsciiText } from '../model/text.js';

export type CountKind = 'total' | 'read' | 'unread';

export interface CountMark {
  kind: CountKind;
  /** The digits. */
  span: Span;
  value: number;
  /** Where it was found, for messages: `badge "Read"` or `line "Total"`. */
  where: string;
}

export interface Totals {
  total: number;
  read: number;
  unread: number;
}

const LABELS: [CountKind, RegExp][] = [
  ['unread', /^(?:to ?read|unread|todo|to do|remaining|pending|not read|queued?)$/],
  ['read', /^(?:read|done|finished|completed|papers read|read papers)$/],
  ['total', /^(?:papers?|total|all|all papers|total papers|count|papers total)$/],
];

function kindOf(label: string): CountKind | null {
  const lower = label.toLowerCase();
  // (ASCII, the common case, without the Unicode classes: their first use costs ~0.7 ms.)
  const words = (
    isAsciiText(lower) ? lower.replace(/[^a-z0-9]+/g, ' ') : lower.replace(/[^\p{L}\p{N}]+/gu, ' ')
  ).trim();
  for (const [kind, re] of LABELS) if (re.test(words)) return kind;
  return null;
}

const BADGE = /img\.shields\.io\/badge\/([^\s?#)"'<>/\\]+)/g;
/** A label (no digits), one or two dashes, the count, then the end, a dash, or `%2F` and a total. */
const BADGE_COUNT = /^((?:%[0-9A-Fa-f]{2}|[^\d%-]|--)+?)(-{1,2})(\d+)(?:(%2[Ff])(\d+))?(?=-|$)/;

/** Count lines: `Total: 83 · Read: 69`, `**Read:** 69 | **To read:** 14`. */
const PAIR = /(total|papers|read|unread|to[ _-]?read|done|todo)\s*[*_]*\s*[:：]\s*[*_]*\s*(\d+)/gi;
const PAIR_LINE_REST = /^[\s*_`·|,;/•>\-–—()[\]]*$/;

/**
 * Some colon followed by a digit (spaces, `*` and `_` between): every PAIR match has one. Tested first
 * because it is several times faster than PAIR on a big list, where nearly every colon is a title's or a
 * URL's; and as one regex, not a loop over the colons, which runs before the JIT has compiled it (1.4 MB:
 * ~1 ms, not ~4). (`\s` here is what PAIR's is.)
 */
const COLON_DIGIT = /[:：][*_\s]*\d/;

/**
 * The text's lines, each with its line ending (`\n`, `\r\n` or a lone `\r`): what
 * `text.split(/(?<=\n)|(?<=\r)(?!\n)/)` gives, found with indexOf (that regex, tried at every position of
 * the text, cost a `list` of an 18 KB file ~1 ms a split).
 */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  // (the next of each at or after `start`; -1 once there is none)
  let newline = text.indexOf('\n');
  let carriage = text.indexOf('\r');
  for (let start = 0; start < text.length; ) {
    if (newline >= 0 && newline < start) newline = text.indexOf('\n', start);
    if (carriage >= 0 && carriage < start) carriage = text.indexOf('\r', start);
    const breakAt = carriage >= 0 && (newline < 0 || carriage < newline) ? carriage : newline;
    const end =
      breakAt < 0 ? text.length : breakAt === carriage && text[breakAt + 1] === '\n' ? breakAt + 2 : breakAt + 1;
    lines.push(text.slice(start, end));
    start = end;
  }
  if (lines.length === 0) lines.push('');
  return lines;
}

export function findCounts(text: string): CountMark[] {
  const marks = findAllCounts(text);
  if (marks.length === 0) return marks;
  const hidden = hiddenSpans(text);
  return marks.filter((mark) => !hidden.some((span) => span.start <= mark.span.start && mark.span.end <= span.end));
}

/**
 * Where text is not prose: fenced and indented code, HTML comments, block quotes (whole lines, or the
 * comment itself). Indented code is a run of lines indented four spaces (or a tab) after a blank line
 * that does not continue a list.
 */
function hiddenSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at + 4)) {
    const close = text.indexOf('-->', at + 4);
    const end = close < 0 ? text.length : close + 3;
    spans.push({ start: at, end });
    at = end - 4;
  }
  let fence: string | null = null;
  let previousBlank = true;
  let inList = false;
  let inIndented = false;
  let start = 0;
  for (const line of linesOf(text)) {
    const end = start + line.length;
    const blank = /^[ \t]*[\r\n]*$/.test(line);
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      spans.push({ start, end });
      if (
        opening &&
        opening[1]![0] === fence[0] &&
        opening[1]!.length >= fence.length &&
        /^ {0,3}[`~]+[ \t]*[\r\n]*$/.test(line)
      )
        fence = null;
    } else if (opening) {
      fence = opening[1]!;
      spans.push({ start, end });
    } else if (/^ {0,3}>/.test(line)) {
      spans.push({ start, end });
    } else if (!blank && /^(?: {4}|\t)/.test(line) && ((previousBlank && !inList) || inIndented)) {
      inIndented = true;
      spans.push({ start, end });
    } else if (!blank) {
      inIndented = false;
      if (/^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line)) inList = true;
      else if (!/^[ \t]/.test(line)) inList = false;
    }
    if (!blank && !/^(?: {4}|\t)/.test(line)) inIndented = false;
    previousBlank = blank;
    start = end;
  }
  return spans;
}

/** A badge's URL at `at` is drawn as an image: `![…](url)`, `<img src="url">`, or a reference definition. */
function drawnAsImage(text: string, at: number): boolean {
  let urlStart = at;
  const scheme = /https?:\/\/$/.exec(text.slice(Math.max(0, at - 8), at));
  if (scheme) urlStart -= scheme[0].length;
  const before = text.slice(Math.max(0, urlStart - 400), urlStart);
  if (/src\s*=\s*["']?$/i.test(before) || /(?:^|\n)[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?$/.test(before)) return true;
  if (!before.endsWith('](') && !before.endsWith('](<')) return false;
  // The `[` that opens this link text, brackets inside it balanced.
  let depth = 0;
  for (let i = before.lastIndexOf(']'); i >= 0; i--) {
    const ch = before[i];
    if (ch === ']' && before[i - 1] !== '\\') depth++;
    else if (ch === '[' && before[i - 1] !== '\\' && --depth === 0) return before[i - 1] === '!';
  }
  return false;
}

function findAllCounts(text: string): CountMark[] {
  const marks: CountMark[] = [];
  // A plain substring search first: the regex costs milliseconds on a big list that has no badge.
  for (const m of text.includes('img.shields.io/badge/') ? text.matchAll(BADGE) : []) {
    const path = m[1]!;
    if (!drawnAsImage(text, m.index)) continue;
    const base = m.index + m[0].length - path.length;
    const c = BADGE_COUNT.exec(path);
    if (!c) continue;
    let label: string;
    try {
      label = decodeURIComponent(c[1]!.replace(/--/g, '-')).replace(/_/g, ' ');
    } catch {
      continue;
    }
    const kind = kindOf(label);
    if (!kind) continue;
    const digitsAt = base + c[1]!.length + c[2]!.length;
    marks.push({
      kind,
      span: { start: digitsAt, end: digitsAt + c[3]!.length },
      value: Number(c[3]),
      where: `badge "${label.trim()}"`,
    });
    if (c[5] !== undefined && kind === 'read') {
      const totalAt = digitsAt + c[3]!.length + c[4]!.length;
      marks.push({
        kind: 'total',
        span: { start: totalAt, end: totalAt + c[5].length },
        value: Number(c[5]),
        where: `badge "${label.trim()}"`,
      });
    }
  }
  // Lines made of nothing but `Label: number` pairs.
  if (COLON_DIGIT.test(text) && PAIR.test(text)) {
    PAIR.lastIndex = 0;
    let lineStart = 0;
    for (const line of linesOf(text)) {
      // (every pair has a colon)
      const pairs = line.includes(':') || line.includes('：') ? [...line.matchAll(PAIR)] : [];
      if (pairs.length && PAIR_LINE_REST.test(line.replace(PAIR, ''))) {
        for (const p of pairs) {
          const kind = kindOf(p[1]!.replace(/[_-]/g, ' '));
          if (!kind) continue;
          const at = lineStart + p.index + p[0].length - p[2]!.length;
          marks.push({
            kind,
            span: { start: at, end: at + p[2]!.length },
            value: Number(p[2]),
            where: `line "${p[1]}"`,
          });
        }
      }
      lineStart += line.length;
    }
  }
  return marks.sort((a, b) => a.span.start - b.span.start);
}

export function totalsOf(papers: readonly { read: boolean }[]): Totals {
  const read = papers.filter((paper) => paper.read).length;
  return { total: papers.length, read, unread: papers.length - read };
}

/** The edits that make every count say its number; none when all are right. */
export function countEdits(marks: readonly CountMark[], totals: Totals): Edit[] {
  return marks
    .filter((mark) => mark.value !== totals[mark.kind])
    .map((mark) => ({ start: mark.span.start, end: mark.span.end, text: String(totals[mark.kind]) }));
}

/** One line per count that is out of date: `badge "Read" says 67, the list has 69`. */
export function staleCounts(marks: readonly CountMark[], totals: Totals): string[] {
  return marks
    .filter((mark) => mark.value !== totals[mark.kind])
    .map((mark) => `${mark.where} says ${mark.value}, the list has ${totals[mark.kind]}`);
}

/**
 * The change with the file's counts brought up to date in the same write: the counts of the text the
 * change produces (read back with `reparse`), written over the digits of every count that differs.
 */
export function withCounts(
  doc: { text: string; papers: readonly { read: boolean }[] },
  change: Change,
  reparse: (text: string) => readonly { read: boolean }[],
): Change {
  if (change.edits.length === 0) return change;
  const marks = findCounts(doc.text);
  if (marks.length === 0) return change;
  const totals = change.delta
    ? shifted(totalsOf(doc.papers), change.delta)
    : totalsOf(reparse(applyEdits(doc.text, change.edits)));
  const extra = countEdits(marks, totals).filter(
    (e) => !change.edits.some((c) => c.start <= e.end && e.start <= c.end),
  );
  if (extra.length === 0) return change;
  // Offsets in the new text move by what the count edits before them add.
  const touched = change.touched.map((offset) => {
    let shifted = offset;
    for (const e of extra) if (mapOffset(change.edits, e.start) < offset) shifted += e.text.length - (e.end - e.start);
    return shifted;
  });
  return { ...change, edits: [...change.edits, ...extra], touched };
}

function shifted(totals: Totals, delta: { total: number; read: number }): Totals {
  const total = totals.total + delta.total;
  const read = totals.read + delta.read;
  return { total, read, unread: total - read };
}
