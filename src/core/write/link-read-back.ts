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
 * Whether `paper` with `edit` applied reads as the same title and venue with exactly `links`. The item's
 * own line (a row: with its table's head) is read alone before and after the edit, so the check costs one
 * line on any list; when the line alone does not read as the paper (a legend elsewhere gives its marker a
 * meaning, a block quote around a table), the whole edited text is read instead.
 */
export function linkReadsBack(
  doc: ListDocument,
  paper: Paper,
  edit: Edit,
  links: readonly LinkValue[],
  readBack: ReadBack,
): boolean {
  const alone = lineAlone(doc, paper, edit);
  const before = alone === null ? [] : readBack(alone.text).papers;
  if (alone !== null && before.length === 1 && sameFields(before[0]!, paper, paper.links)) {
    const after = readBack(applyEdits(alone.text, [alone.edit])).papers;
    return after.length === 1 && sameFields(after[0]!, paper, links);
  }
  const whole = readBack(applyEdits(doc.text, [edit]));
  const got = whole.papers.find((p) => p.span.start <= edit.start && edit.start <= p.span.end);
  return got !== undefined && sameFields(got, paper, links);
}

/** The paper's first line (a row: its table's head and the row), with `edit` moved into it. */
function lineAlone(doc: ListDocument, paper: Paper, edit: Edit): { text: string; edit: Edit } | null {
  const start = lineStart(doc.text, paper.span.start);
  const end = lineEnd(doc.text, paper.source === 'row' ? paper.span.start : paper.body.end);
  const line = doc.text.slice(start, end);
  const indent = paper.source === 'row' ? 0 : /^[ \t]*/.exec(line)![0].length;
  if (edit.start < start + indent || edit.end > end) return null;
  const head = paper.row ? `${doc.text.slice(paper.row.head.start, paper.row.head.end)}\n` : '';
  // `[OSDI'22]` is a link in a file that defines `[osdi'22]: ...`: the line is read with the file's definitions.
  const definitions = definitionLines(doc.text)
    .map((definition) => `\n${definition}`)
    .join('');
  const shift = head.length - start - indent;
  return {
    text: `${head}${line.slice(indent)}\n${definitions}`,
    edit: { start: edit.start + shift, end: edit.end + shift, text: edit.text },
  };
}

/** The same title and venue, and the same links in any order (a row's new link may go before another cell's). */
function sameFields(got: Paper, paper: Paper, links: readonly LinkValue[]): boolean {
  const keys = (list: readonly LinkValue[]) =>
    JSON.stringify(list.map((link) => [link.label.toLowerCase(), link.url]).sort());
  return got.title === paper.title && got.venue === paper.venue && keys(got.links) === keys(links);
}
