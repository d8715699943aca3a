/**
 * A link that `note` (or `set --paper`) writes must read back as that link, and leave the paper's title,
 * venue and other links as they were. In a list of bare `[label](url)` links, `[zz](u)` after a title
 * with no links yet reads as part of the title (`original GAN zz`): the paper's id would change.
 */
import type { ListDocument, Paper } from '../model/paper.js';
import { definitionLines, lineEnd, lineStart } from '../model/text.js';
import type { ReadBack } from './read-back.js';
import { applyEdits, type Edit } from './splice.js';

export interface LinkValue {
  label: string;
  url: string;
}

/**
 * Whether `paper` with `edit` applied reads as the same title, venue, year and state with exactly `links`,
 * and the papers around it as they were. The paper's own line (a row: with its table's head) is read
 * before and after the edit, so the check costs a line on any list; when the line alone does not read
 * as the paper (a marker that counts only in a list marked throughout), the lines from the paper before
 * it in its list to the one after; when neither does (a legend elsewhere gives the marker its meaning, a
 * block quote around a table), the whole edited text.
 */
export function linkReadsBack(
  doc: ListDocument,
  paper: Paper,
  edit: Edit,
  links: readonly LinkValue[],
  readBack: ReadBack,
): boolean {
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: an excerpt is read with the file's definitions.
  const definitions = definitionLines(doc.text)
    .map((definition) => `\n${definition}`)
    .join('');
  const siblings = doc.papers.filter((p) => p.listIndex === paper.listIndex);
  const at = siblings.indexOf(paper);
  const around: [Paper, Paper] = [siblings[at - 1] ?? paper, siblings[at + 1] ?? paper];
  const excerpts: [Paper, Paper][] =
    around[0] === paper && around[1] === paper ? [[paper, paper]] : [[paper, paper], around];
  for (const [first, last] of excerpts) {
    const piece = excerpt(doc, paper, first, last, edit, definitions);
    if (piece === null) continue;
    const before = readBack(piece.text).papers;
    const target = innermost(before, piece.edit.start);
    if (!target) continue;
    // (In an excerpt, a marker's state may read otherwise than in the file, where a legend gives it: the
    // state is compared before and after the edit, the rest with the paper as the file reads it. Named
    // one by one: a cached paper's fields are getters, which a spread leaves out.)
    const asFileReads = {
      title: paper.title,
      venue: paper.venue,
      year: paper.year,
      read: target.read,
      reading: target.reading,
    };
    if (!sameFields(target, asFileReads, paper.links)) continue;
    const after = readBack(applyEdits(piece.text, [piece.edit])).papers;
    return (
      after.length === before.length &&
      after.every((p, i) => sameFields(p, before[i]!, before[i] === target ? links : before[i]!.links))
    );
  }
  return sameFields(innermost(readBack(applyEdits(doc.text, [edit])).papers, edit.start) ?? null, paper, links);
}

/** The paper whose span holds `offset` most closely: an item's span holds its nested items too. */
function innermost(papers: readonly Paper[], offset: number): Paper | undefined {
  let found: Paper | undefined;
  for (const p of papers) if (p.span.start <= offset && offset <= p.span.end) found = p;
  return found;
}

/**
 * The lines from `first`'s first line to `last`'s (a row: with its table's head), without the indent of
 * the first (where a line has it), with `edit` (in `paper`'s first line) moved into them; null when the
 * edit is not within them.
 */
function excerpt(
  doc: ListDocument,
  paper: Paper,
  first: Paper,
  last: Paper,
  edit: Edit,
  definitions: string,
): { text: string; edit: Edit } | null {
  const row = paper.source === 'row';
  const start = lineStart(doc.text, first.span.start);
  const end = lineEnd(doc.text, row ? last.span.start : last.body.end);
  const lines = doc.text.slice(start, end).split('\n');
  const indent = row ? '' : /^[ \t]*/.exec(lines[0]!)![0];
  if (edit.start < lineStart(doc.text, paper.span.start) + indent.length || edit.end > end) return null;
  const head = paper.row ? `${doc.text.slice(paper.row.head.start, paper.row.head.end)}\n` : '';
  // Where the edit lands: each line before it, and its own, lose the indent they have.
  let shift = head.length - start;
  let lineAt = start;
  const kept = lines.map((line) => {
    const cut = indent !== '' && line.startsWith(indent) ? indent.length : 0;
    if (lineAt <= edit.start) shift -= cut;
    lineAt += line.length + 1;
    return line.slice(cut);
  });
  return {
    text: `${head}${kept.join('\n')}\n${definitions}`,
    edit: { start: edit.start + shift, end: edit.end + shift, text: edit.text },
  };
}

type Fields = Pick<Paper, 'title' | 'venue' | 'year' | 'read' | 'reading'>;

/** The same title, venue, year and state, and the same links in any order (a row's new link may go before another cell's). */
function sameFields(got: Paper | null, paper: Fields, links: readonly LinkValue[]): boolean {
  if (got === null) return false;
  const keys = (list: readonly LinkValue[]) =>
    JSON.stringify(list.map((link) => [link.label.toLowerCase(), link.url]).sort());
  return (
    got.title === paper.title &&
    got.venue === paper.venue &&
    got.year === paper.year &&
    got.read === paper.read &&
    got.reading === paper.reading &&
    keys(got.links) === keys(links)
  );
}
