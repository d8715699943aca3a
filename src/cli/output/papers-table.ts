/** `papers list` as a table for people: number, id, read mark, title, venue, area. */
import type { Palette } from './style.js';
import type { PaperFacts } from '../../core/model.js';
import { formatAreaPath } from '../../core/query.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fit, padEnd, padStart, prepareWidths } from './width.js';

const GAP = '  ';
const MIN_TITLE = 20;
const MAX_AREA = 28;
const MIN_AREA = 8;

interface Row {
  number: string;
  id: string;
  mark: string;
  title: string;
  venue: string;
  area: string;
  read: boolean;
}

/** `width` null means no limit (output to a pipe): titles are never cut. */
export async function renderPapersTable(papers: PaperFacts[], color: Palette, width: number | null): Promise<string> {
  // Papers of one area share its path array: format each area once.
  const areaText = new Map<string[], string>();
  const areaOf = (area: string[]) => {
    let text = areaText.get(area);
    if (text === undefined) areaText.set(area, (text = sanitize(formatAreaPath(area))));
    return text;
  };
  const rows: Row[] = papers.map((paper) => ({
    number: String(paper.number),
    id: sanitize(paper.id),
    mark: paper.read ? '✓' : '·',
    title: sanitize(paper.title),
    venue: sanitize(paper.venue ?? ''),
    area: areaOf(paper.area),
    read: paper.read,
  }));
  await prepareWidths(rows.flatMap((row) => [row.title, row.venue, row.area, row.id]));
  const widthOf = (pick: (row: Row) => string, cap = Infinity) => {
    let widest = 0;
    for (const row of rows) widest = Math.max(widest, displayWidth(pick(row)));
    return Math.min(cap, widest);
  };
  const numberWidth = widthOf((row) => row.number);
  const idWidth = widthOf((row) => row.id);
  const venueWidth = widthOf((row) => row.venue);
  let areaWidth = widthOf((row) => row.area, width === null ? Infinity : MAX_AREA);
  let titleWidth = widthOf((row) => row.title);
  if (width !== null) {
    // The title matters most: the area gives way first (down to a third of the room), then both.
    const room = width - (numberWidth + idWidth + 1 + venueWidth + GAP.length * 5);
    if (titleWidth + areaWidth > room) {
      // Too narrow for both: the area column goes.
      areaWidth = room < MIN_TITLE + MIN_AREA ? 0 : Math.min(areaWidth, Math.max(MIN_AREA, room - titleWidth, Math.floor(room / 3)));
      titleWidth = Math.max(MIN_TITLE / 2, room - areaWidth);
    }
  }
  return rows
    .map((row) => {
      const cells = [
        color.dim(padStart(row.number, numberWidth)),
        color.cyan(padEnd(row.id, idWidth)),
        row.read ? color.green(row.mark) : color.dim(row.mark),
        padEnd(fit(row.title, titleWidth), titleWidth),
        color.yellow(padEnd(row.venue, venueWidth)),
        color.dim(fit(row.area, areaWidth)),
      ];
      return cells.join(GAP).trimEnd();
    })
    .join('\n');
}

export function summaryLine(shown: PaperFacts[], total: number): string {
  const read = shown.filter((paper) => paper.read).length;
  const noun = total === 1 ? 'paper' : 'papers';
  const of = shown.length === total ? `${total} ${noun}` : `${shown.length} of ${total} ${noun}`;
  return `${of} (${read} read, ${shown.length - read} unread)`;
}
