/**
 * What the user says where detection cannot know (`.papers.json` "formats"): the status and title column
 * of tables, and the cell texts that mean read, being read or unread — for the whole file or under one
 * heading. The core's own shape of a rule (src/config validates the file and hands these down); the
 * parser takes the columns as hints, and applyRules gives papers the states their markers are named for.
 */
import { areaFilter } from '../../query/areas.js';
import type { ListDocument } from '../../model/paper.js';
import type { ColumnHints } from './columns.js';
import type { ReadState } from './meanings.js';

export interface ReadingRule {
  heading?: string;
  statusColumn?: string;
  titleColumn?: string;
  markers?: Partial<Record<ReadState, string[]>>;
}

/** The column hints of the rules (the first rule that names each column). */
export function columnHints(rules: readonly ReadingRule[]): ColumnHints {
  const hints: ColumnHints = {};
  for (const rule of rules) {
    hints.statusColumn ??= rule.statusColumn;
    hints.titleColumn ??= rule.titleColumn;
  }
  return hints;
}

/**
 * Papers whose marker (a table row: its whole status cell) is one the rules name take that state; a row
 * whose cell the rules name is read with the whole cell as its marker. In the rule's heading only, when
 * it has one.
 */
export function applyRules(doc: ListDocument, rules: readonly ReadingRule[]): void {
  let applied = false;
  for (const rule of rules) {
    const markers = rule.markers;
    if (!markers) continue;
    const meaning = new Map<string, ReadState>();
    for (const state of ['read', 'reading', 'unread'] as const) {
      for (const text of markers[state] ?? []) meaning.set(text.trim(), state);
      doc.markerMeanings = new Map([...(doc.markerMeanings ?? []), ...meaning]);
      const first = markers[state]?.[0];
      if (first !== undefined) (doc.ruleMarkers ??= {})[state] ??= first.trim();
    }
    const inScope =
      rule.heading === undefined
        ? () => true
        : areaFilter(
            doc.papers.map((paper) => paper.area),
            rule.heading,
          );
    if (!inScope) continue;
    for (const paper of doc.papers) {
      if (paper.source === 'task' || !inScope(paper.area)) continue;
      const cell = paper.row ? paper.row.cells[paper.row.layout.status] : paper.checkbox;
      if (!cell) continue;
      const state = meaning.get(doc.text.slice(cell.start, cell.end).trim());
      if (!state) continue;
      paper.read = state === 'read';
      paper.reading = state === 'reading';
      if (paper.row) {
        paper.row = { ...paper.row, status: state };
        if (cell.end > cell.start) paper.checkbox = { start: cell.start, end: cell.end };
      }
      applied = true;
    }
  }
  if (applied) doc.readAsWhole = true;
}
