/**
 * Naming areas. An area is written as a heading name or a path of heading names joined by `/`; a
 * heading whose own name holds a `/` (`I/O Systems`) is matched by that name first, and `/` is a path
 * separator only when no heading is so named. `/` alone names the top of the file: the papers above
 * the first heading (or under the document title only). A path that appears more than once (per-month
 * sections) means its last section, or the n-th with `#n`.
 */
import { AmbiguousError, NotFoundError } from '../model/errors.js';
import type { Heading, ListDocument } from '../model/paper.js';
import { THEMATIC_BREAK } from '../model/text.js';

/** How the top of the file is named on the command line and in messages. */
export const TOP_AREA = '/';

/** Made on first use: creating a collator loads locale data (milliseconds a run need not spend). */
let collator: Intl.Collator | null = null;

/** Printable ASCII only: compared case-insensitively, as the collator would, without it. */
const PLAIN = /^[\x20-\x7e]*$/;

/** `MLSys / DNN Compiler` and `MLSys\/DNN Compiler` read as `MLSys/DNN Compiler`. */
export function normalizeArea(text: string): string {
  return text
    .replace(/\\\//g, '/')
    .split('/')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part !== '')
    .join('/');
}

/** An area path as printed everywhere: the names joined by `/`, `/` alone for the top of the file. */
export function formatArea(path: readonly string[]): string {
  return path.length === 0 ? TOP_AREA : path.join('/');
}

function same(a: string, b: string): boolean {
  if (PLAIN.test(a) && PLAIN.test(b)) return a.length === b.length && a.toLowerCase() === b.toLowerCase();
  collator ??= new Intl.Collator(undefined, { sensitivity: 'accent' });
  return collator.compare(a, b) === 0 || collator.compare(withoutLeadingEmoji(a), withoutLeadingEmoji(b)) === 0;
}

/** A heading's leading emoji (`## 🚀 LLM Inference`, as table lists title sections) may be left out. */
const LEADING_EMOJI =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: U+FE0F and U+200D are taken one at a time on purpose
  /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}][\uFE0F\u200D\p{Extended_Pictographic}]*\s*)+/u;

export function withoutLeadingEmoji(path: string): string {
  return path
    .split('/')
    .map((part) => part.replace(LEADING_EMOJI, ''))
    .join('/');
}

/** The fewest last names of `path` that read as `key` (1 for the heading's own name), or 0 if none do. */
function suffixMatch(path: readonly string[], key: string): number {
  for (let k = 1; k <= path.length; k++) if (same(normalizeArea(path.slice(path.length - k).join('/')), key)) return k;
  return 0;
}

/** The fewest consecutive names anywhere in `path` that read as `key`, or 0 if none do. */
function runMatch(path: readonly string[], key: string): number {
  for (let k = 1; k <= path.length; k++) {
    for (let i = 0; i + k <= path.length; i++) if (same(normalizeArea(path.slice(i, i + k).join('/')), key)) return k;
  }
  return 0;
}

/**
 * For `list --area`: which papers' areas the name picks (sub-areas included). Null when no area of
 * these papers is so named. The literal heading name wins over a path with the same text.
 */
export function areaFilter(
  areas: readonly (readonly string[])[],
  wanted: string,
): ((area: readonly string[]) => boolean) | null {
  const key = normalizeArea(wanted);
  if (key === '') return (area) => area.length === 0;
  const memo = new Map<readonly string[], number>();
  const matchOf = (area: readonly string[]) => {
    let k = memo.get(area);
    if (k === undefined) memo.set(area, (k = runMatch(area, key)));
    return k;
  };
  let fewest = Infinity;
  for (const area of areas) {
    const k = matchOf(area);
    if (k > 0) fewest = Math.min(fewest, k);
  }
  if (fewest === Infinity) return null;
  return (area) => {
    // Contains the name as a run of `fewest` headings.
    if (matchOf(area) === 0) return false;
    for (let i = 0; i + fewest <= area.length; i++)
      if (same(normalizeArea(area.slice(i, i + fewest).join('/')), key)) return true;
    return false;
  };
}

export type AreaTarget =
  | { kind: 'top' }
  | { kind: 'heading'; index: number; note: string | null }
  | { kind: 'missing'; parent: Heading | null; missing: string[]; similar: string[] };

/** Where `add`/`mv` put a paper for this area name. */
export function findTarget(doc: ListDocument, wanted: string): AreaTarget {
  const key = normalizeArea(wanted);
  if (key === '') return { kind: 'top' };
  const found = matchHeadings(doc, key);
  if (found) return found;
  const ordinal = /^(.*?)\s*#(\d+)$/.exec(key);
  if (ordinal) {
    const picked = matchHeadings(doc, normalizeArea(ordinal[1]!), Number(ordinal[2]));
    if (picked) return picked;
  }
  // Missing: create what is missing under the longest part of the path that exists.
  const parts = key.split('/');
  let parent: Heading | null = null;
  let missing = parts;
  for (let k = parts.length - 1; k >= 1; k--) {
    const above = matchHeadings(doc, parts.slice(0, k).join('/'));
    if (above?.kind === 'heading') {
      parent = doc.headings[above.index]!;
      missing = parts.slice(k);
      break;
    }
  }
  return { kind: 'missing', parent, missing, similar: similarAreas(doc, key) };
}

function matchHeadings(doc: ListDocument, key: string, ordinal?: number): AreaTarget | null {
  const matches: { index: number; k: number }[] = [];
  doc.headings.forEach((heading, index) => {
    if (heading.isDocumentTitle) return;
    const k = suffixMatch(heading.path, key);
    if (k > 0) matches.push({ index, k });
  });
  if (matches.length === 0) return null;
  const fewest = Math.min(...matches.map((match) => match.k));
  const literal = matches.filter((match) => match.k === fewest);
  const paths = [...new Set(literal.map((match) => formatArea(doc.headings[match.index]!.path)))];
  if (paths.length > 1) {
    throw new AmbiguousError(
      `area "${key}" matches ${paths.map((path) => `"${path}"`).join(', ')}; give the full path`,
    );
  }
  const path = paths[0]!;
  if (ordinal !== undefined) {
    const chosen = literal[ordinal - 1];
    if (!chosen)
      throw new NotFoundError(
        `"${path}" has ${literal.length} section${literal.length === 1 ? '' : 's'}; #${ordinal} is not one of them`,
      );
    return {
      kind: 'heading',
      index: chosen.index,
      note: literal.length > 1 ? `section ${ordinal} of ${literal.length}` : null,
    };
  }
  const last = literal[literal.length - 1]!;
  const note =
    literal.length > 1 ? `the last of ${literal.length} "${path}" sections; "${path}#1" names the first` : null;
  return { kind: 'heading', index: last.index, note };
}

/**
 * Existing areas a few typing mistakes away from `key` (closest first), with or without their leading
 * emoji (`Compiller` is close to `⚙️ Compiler`).
 */
function similarAreas(doc: ListDocument, key: string): string[] {
  const paths = [
    ...new Set(doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => formatArea(heading.path))),
  ];
  return closeNames(paths, key, (path) => {
    const leaf = path.split('/').pop()!;
    return [path, leaf, withoutLeadingEmoji(path).trim(), withoutLeadingEmoji(leaf).trim()];
  });
}

/** A thematic break line (text.ts), found line by line. */
const BREAK_LINE = new RegExp(THEMATIC_BREAK.source, 'gm');

/**
 * Where the page's footer starts, or the end of the text: after the last heading and the last paper,
 * a `---` line, or an HTML block (`<p align="center">…`), and whatever follows it. New areas go before it.
 */
export function footerStart(doc: ListDocument): number {
  const { text } = doc;
  let after = doc.contentStart;
  for (const heading of doc.headings) after = Math.max(after, heading.span.end);
  for (const paper of doc.papers) after = Math.max(after, paper.span.end);
  BREAK_LINE.lastIndex = after;
  const line = BREAK_LINE.exec(text);
  if (line) return line.index;
  // No break: an HTML block at the top level after the last paper (the first line after the blank lines).
  const html = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)+(<[A-Za-z!])/g;
  html.lastIndex = after;
  const block = html.exec(text);
  return block ? block.index + block[0].length - block[1]!.length : text.length;
}

export interface CloseOptions {
  /** Also names that contain `wanted` (`dnn` -> `DNN Compiler`): for finding, not for creating. */
  pieces?: boolean;
}

/** Names within a small edit distance of `wanted` (case ignored), closest first, at most 3. */
export function closeNames(
  names: readonly string[],
  wanted: string,
  forms: (name: string) => string[] = (name) => [name],
  options: CloseOptions = {},
): string[] {
  const target = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 5));
  return names
    .map((name) => ({
      name,
      distance: Math.min(...forms(name).map((form) => editDistance(form.toLowerCase(), target))),
    }))
    .filter(
      (entry) =>
        entry.distance <= limit ||
        (options.pieces === true && target.length >= 2 && entry.name.toLowerCase().includes(target)),
    )
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((entry) => entry.name);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const CONTENTS_NAMES = /^(?:table of contents|contents|toc|index|目录|目錄|목차|目次|índice|inhalt|sommaire)$/i;

/**
 * A heading that holds the page's table of contents, not papers: named so (`Table of Contents`, `目录`)
 * or whose own text is mostly a list of links to the page's headings (`- [Area](#area)`). It is no area
 * to offer (areas, the area question of add, completion).
 */
export function isContentsHeading(doc: ListDocument, index: number): boolean {
  const heading = doc.headings[index]!;
  if (CONTENTS_NAMES.test(withoutLeadingEmoji(heading.text).trim())) return true;
  const own = doc.text.slice(heading.span.end, doc.headings[index + 1]?.span.start ?? heading.sectionEnd);
  const items = own.match(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S.*$/gm) ?? [];
  const anchors = items.filter((item) => /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]]*\]\(#[^)]*\)\s*$/.test(item));
  return items.length > 0 && anchors.length * 2 > items.length;
}

/** The headings papers may be added to, as area paths, in document order, once each (no title, no contents). */
export function areaChoices(doc: ListDocument): string[] {
  return [
    ...new Set(
      doc.headings
        .filter((heading, index) => !heading.isDocumentTitle && !isContentsHeading(doc, index))
        .map((heading) => formatArea(heading.path)),
    ),
  ];
}
