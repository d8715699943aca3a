/**
 * For tests that plant damaged cache entries: both sections' words, where paper i's field and offsets
 * are (by the named layout, src/store/cache/layout.ts), and the file again with its checksums made right.
 */
import { withHeader } from '../src/store/cache/encode.js';
import {
  Count,
  HEADER_BYTES,
  HeadingColumn,
  int32View,
  LinkColumn,
  PaperColumn,
  paperWordAt,
  readHeader,
} from '../src/store/cache/layout.js';

export function editableEntry(file: Buffer) {
  const layout = readHeader(file);
  if (!layout) throw new Error('not a cache entry of this format');
  const facts = Buffer.from(file.subarray(HEADER_BYTES, HEADER_BYTES + layout.factsBytes));
  const detail = Buffer.from(file.subarray(HEADER_BYTES + layout.factsBytes));
  const factsWords = int32View(facts);
  const detailWords = int32View(detail);
  const papers = factsWords[Count.Papers]!;
  const links = factsWords[Count.Links]!;
  const headings = factsWords[Count.Headings]!;
  const linkBase = Count.Total + papers * PaperColumn.Total;
  return {
    factsWords,
    detailWords,
    paperField: (column: keyof typeof PaperColumn, i: number) => paperWordAt(PaperColumn[column], papers, i),
    /** Link k's field (links are numbered across papers: paper i's first is its FirstLink). */
    linkField: (column: keyof typeof LinkColumn, k: number) => linkBase + LinkColumn[column] * links + k,
    headingField: (column: keyof typeof HeadingColumn, h: number) =>
      linkBase + links * LinkColumn.Total + HeadingColumn[column] * headings + h,
    detailRun: (i: number) => papers + 1 + detailWords[i]!,
    bytes: () => withHeader(facts, detail),
  };
}
