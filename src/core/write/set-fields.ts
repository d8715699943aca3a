/**
 * `papers set <id> --title/--venue/--year/--paper`: a paper's fields edited in place, in the file's own
 * style, for task items and table rows. Each field is one splice of exactly its own text (the title's
 * words, the venue tag or cell, the year's digits, the Paper link's URL); everything else on the line
 * stays byte for byte. The result is read back: a field that would not read as given is refused, with
 * nothing written. (`--area` is a move: cli/commands/set.ts runs it after these.)
 */
import { InvalidInputError } from '../model/errors.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { parseVenue } from '../read/venue.js';
import { escapeInline } from './markdown-escape.js';
import { type Change, displayName } from './change.js';
import { attachLink } from './operations.js';
import { applyEdits, changedRegion, type Edit, mapOffset } from './splice.js';
import { cellText } from './table-edit.js';

export interface FieldValues {
  title?: string;
  venue?: string;
  year?: number;
  paper?: string;
}

/** One field's change on `doc` (which holds `paper`), or null when it already reads so. */
type FieldStep = (doc: ListDocument, paper: Paper) => { edit: Edit | Edit[]; said: string } | null;

/**
 * The changes `values` ask for, one after another (each on the text the one before made, read with
 * `parse`), as one Change; `check` reads the result back.
 */
export function setFields(
  doc: ListDocument,
  paper: Paper,
  values: FieldValues,
  parse: (text: string) => ListDocument,
): Change {
  const steps: FieldStep[] = [];
  if (values.title !== undefined) steps.push(titleStep(values.title));
  if (values.venue !== undefined) steps.push(venueStep(values.venue));
  if (values.year !== undefined) steps.push(yearStep(values.year));
  if (values.paper !== undefined) steps.push(paperStep(values.paper, parse));
  const name = displayName(paper);
  let current = doc;
  let key = paper.checkbox.start;
  const said: string[] = [];
  for (const step of steps) {
    const now = current.papers.find((candidate) => candidate.checkbox.start === key)!;
    const result = step(current, now);
    if (result === null) continue;
    const edits = Array.isArray(result.edit) ? result.edit : [result.edit];
    said.push(result.said);
    const text = applyEdits(current.text, edits);
    key = mapOffset(edits, key);
    current = parse(text);
  }
  if (current === doc)
    return { edits: [], message: `${name} already reads so`, createdAreas: [], touched: [], removed: [] };
  const after = current.papers.find((candidate) => candidate.checkbox.start === key);
  checkReadsBack(after, values, name);
  return {
    edits: [changedRegion(doc.text, current.text)],
    message: `Changed ${name}: ${said.join(', ')}`,
    createdAreas: [],
    touched: [key],
    removed: [],
    delta: { total: 0, read: 0 },
  };
}

function checkReadsBack(paper: Paper | undefined, values: FieldValues, name: string): void {
  const wrong = (field: string, got: unknown) => {
    throw new InvalidInputError(
      `the new ${field} of ${name} would read back as ${JSON.stringify(got)}; nothing written (papers edit opens the line)`,
    );
  };
  if (!paper) return wrong('line', null);
  if (values.title !== undefined && paper.title !== values.title.trim()) wrong('title', paper.title);
  if (values.venue !== undefined && (paper.venue ?? '') !== values.venue.trim()) wrong('venue', paper.venue);
  if (values.year !== undefined && paper.year !== values.year) wrong('year', paper.year);
  if (
    values.paper !== undefined &&
    !paper.links.some((link) => /^paper$/i.test(link.label) && link.url === values.paper)
  )
    wrong('Paper link', paper.links.find((link) => /^paper$/i.test(link.label))?.url ?? null);
}

/** The title's own words: only where they are written plainly (a title split by markup is refused). */
function titleStep(title: string): FieldStep {
  return (doc, paper) => {
    if (paper.title === title.trim()) return null;
    const span = paper.titleSpan;
    if (span === null) throw new InvalidInputError(`papers cannot tell where the title of ${paper.id} is written`);
    const raw = doc.text.slice(span.start, span.end);
    const plain = raw.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    if (plain !== paper.title)
      throw new InvalidInputError(
        `the title of ${paper.id} is written with markup (${raw}); change it with papers edit ${paper.id}`,
      );
    const text = paper.source === 'row' ? cellText(escapeInline(title.trim())) : escapeInline(title.trim());
    return { edit: { ...span, text }, said: `title "${paper.title}" -> "${title.trim()}"` };
  };
}

function venueStep(venue: string): FieldStep {
  return (doc, paper) => {
    const wanted = venue.trim();
    if ((paper.venue ?? '') === wanted) return null;
    const text = paper.source === 'row' ? cellText(escapeInline(wanted)) : escapeInline(wanted);
    const said = `venue ${paper.venue ?? '(none)'} -> ${wanted}`;
    if (paper.venueSpan) return { edit: { ...paper.venueSpan, text }, said };
    if (paper.source === 'row') {
      const column = paper.row!.layout.venue;
      if (column < 0)
        throw new InvalidInputError(
          `the table of ${paper.id} has no venue column; papers edit ${paper.id} opens the line`,
        );
      return { edit: cellEdit(doc.text, paper.row!.cells[column]!, text), said };
    }
    if (paper.titleSpan === null) throw new InvalidInputError(`papers cannot tell where the title of ${paper.id} ends`);
    // A tag after the title, as the file writes its venues (`Title[OSDI'22]`, `Title (OSDI'22)`).
    const [open, close] = venueTagStyle(doc);
    const at = paper.titleSpan.end;
    const closing = doc.text.slice(at).match(/^\*\*|^__|^\*|^_/)?.[0] ?? '';
    return {
      edit: { start: at + closing.length, end: at + closing.length, text: `${open}${text}${close}` },
      said,
    };
  };
}

/** How the file's task items tag their venues: what stands between title and venue, and after it (`[`, `]`). */
function venueTagStyle(doc: ListDocument): [string, string] {
  for (const other of doc.papers) {
    if (other.source !== 'task' || !other.venueSpan || !other.titleSpan) continue;
    const between = doc.text.slice(other.titleSpan.end, other.venueSpan.start).replace(/^(\*\*|__|\*|_)/, '');
    const after = doc.text[other.venueSpan.end];
    if (/^[ \t]*[[(]$/.test(between) && (after === ']' || after === ')')) return [between, after];
  }
  return ['[', ']'];
}

/** The year's digits where they are written: in the venue (`'22` -> `'23`), a year cell, a `[2017]` tag. */
function yearStep(year: number): FieldStep {
  return (doc, paper) => {
    if (paper.year === year) return null;
    if (paper.venueSpan && paper.venue !== null && parseVenue(paper.venue)?.year !== undefined) {
      const raw = doc.text.slice(paper.venueSpan.start, paper.venueSpan.end);
      const m = /(\d{4}|\d{2})(?!.*\d)/.exec(raw);
      if (m) {
        const digits = m[1]!.length === 2 ? String(year % 100).padStart(2, '0') : String(year);
        const start = paper.venueSpan.start + m.index;
        return {
          edit: { start, end: start + m[1]!.length, text: digits },
          said: `year ${paper.year ?? '(none)'} -> ${year}`,
        };
      }
    }
    if (paper.source === 'row' && paper.row!.layout.year >= 0)
      return {
        edit: cellEdit(doc.text, paper.row!.cells[paper.row!.layout.year]!, String(year)),
        said: `year ${paper.year ?? '(none)'} -> ${year}`,
      };
    if (paper.year !== null) {
      // A year tag of its own: `[2017]` or `(2017)` in the item's text.
      const body = doc.text.slice(paper.body.start, paper.body.end);
      const tag = new RegExp(`([[(])${paper.year}([\\])])`).exec(body);
      if (tag) {
        const start = paper.body.start + tag.index + 1;
        return {
          edit: { start, end: start + 4, text: String(year) },
          said: `year ${paper.year ?? '(none)'} -> ${year}`,
        };
      }
    }
    throw new InvalidInputError(
      `${paper.id} has no venue or year to change; give the venue with its year: papers set ${paper.id} --venue "<venue>'${String(year % 100).padStart(2, '0')}"`,
    );
  };
}

function paperStep(url: string, parse: (text: string) => ListDocument): FieldStep {
  return (doc, paper) => {
    const existing = paper.links.find((link) => /^paper$/i.test(link.label));
    if (existing?.url === url) return null;
    const change = attachLink(doc, paper, existing?.label ?? 'Paper', url, parse);
    return { edit: change.edits, said: `Paper link ${existing?.url ?? '(none)'} -> ${url}` };
  };
}

/** A table cell's content replaced: `| — |` -> `| OSDI'22 |`; an empty cell gets the row's padding. */
function cellEdit(text: string, span: { start: number; end: number }, value: string): Edit {
  if (span.end > span.start) return { ...span, text: value };
  // An empty cell: its span is a point; write the value between its pipes, padded as `| x |`.
  let start = span.start;
  while (start > 0 && text[start - 1] !== '|') start--;
  let end = span.start;
  while (end < text.length && text[end] !== '|' && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end, text: ` ${value} ` };
}
