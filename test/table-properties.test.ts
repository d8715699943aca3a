/**
 * The properties the task-list edits hold (test/properties.test.ts), on table lists: generated paper
 * tables (with and without leading pipes, aligned and unaligned, LF and CRLF, escaped `\|` in cells,
 * inline code holding `|`, emoji in cells, every marker pair, columns in any order) and every table
 * list of the shared corpus. In-process, no CLI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { addPaper, checkMoveReadsBack, renderMovedItem } from '../src/core/write/add.js';
import { applyEdits } from '../src/core/write/splice.js';
import { escapeInline, formatDestination } from '../src/core/write/markdown-escape.js';
import type { ListDocument, Paper } from '../src/core/model/paper.js';
import { attachLink, movePaper, removePaper, setState } from '../src/core/write/operations.js';
import { type ChunkCache, type ChunkModel, parseDocument } from '../src/core/read/parse.js';
import { cellText } from '../src/core/write/table-edit.js';
import { lineEnd, lineStart } from '../src/core/model/text.js';
import { parseVenue, parseYearOnly } from '../src/core/read/venue.js';
import { realLists } from './helpers.js';
import { parsedList, partKeyOf } from './lists.js';
import { describeIf, needs } from './needs.js';

const setRead = (doc: Parameters<typeof setState>[0], paper: Parameters<typeof setState>[1], read: boolean) =>
  setState(doc, paper, read ? 'read' : 'unread');

const RUNS = {
  numRuns: propertyRuns(60),
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
};
// A net for a hang, not a speed limit: these are CPU-bound, and a busy machine runs them several times slower.
const TIMEOUT = Math.max(300_000, RUNS.numRuns * 1500);

// ---------------------------------------------------------------------------------------------
// Generators

const WORDS = ['Attention', 'GPU', 'Deep', 'Learning', 'of', 'a', 'Serving', 'v2', 'LLM', 'Kernels', 'Fast', 'x', 'no'];
const SPECIAL = ['|', '|', '*', '_', '[', ']', ':', '-', '&', '!', '(', ')', '"', '#', '\\'];
const UNICODE = ['é', 'Ж', '中', '🚀', '✅', '📝', '–', 'λ'];

const titleArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
      fc.constantFrom(...SPECIAL),
      fc.constantFrom(...UNICODE),
      fc.constant(' '),
    ),
    {
      minLength: 1,
      maxLength: 10,
    },
  )
  .map((parts) => parts.join('').replace(/\s+/g, ' ').trim())
  .filter((title) => /\p{L}/u.test(title) && /^[\p{L}\p{N}]/u.test(title));

const venueArb = fc.constantFrom(
  "OSDI'22",
  "USENIX ATC'22",
  'ICML 2020',
  "EuroSys'21",
  "SOSP'19",
  'MLSys 2023',
  "CGO'21",
);
const urlArb = fc.oneof(
  fc.webUrl({ validSchemes: ['https'] }),
  fc.constantFrom(
    'https://arxiv.org/abs/2207.04606',
    'https://example.org/a_(b)',
    'https://x.org/a|b',
    'notes/llm/a.md',
  ),
);

interface GenRow {
  title: string;
  /** Written with a code span holding a pipe after the title words: `Title \`a\|b\``. */
  code: boolean;
  venue: string | null;
  read: boolean;
  note: boolean;
  links: { label: string; url: string }[];
}

interface GenTable {
  area: string;
  rows: GenRow[];
}

type Column = 'status' | 'title' | 'venue' | 'links';

interface GenDoc {
  tables: GenTable[];
  pipes: boolean;
  aligned: boolean;
  eol: '\n' | '\r\n';
  markers: [string, string];
  bold: boolean;
  emptyVenue: string;
  order: Column[];
  statusName: string;
  titleName: string;
  separator: string;
  final: boolean;
}

const rowArb: fc.Arbitrary<GenRow> = fc.record({
  title: titleArb,
  code: fc.constantFrom(false, false, false, true),
  venue: fc.option(venueArb, { nil: null }),
  read: fc.boolean(),
  note: fc.boolean(),
  links: fc.uniqueArray(fc.record({ label: fc.constantFrom('Paper', 'Note', 'Code', 'Slides'), url: urlArb }), {
    maxLength: 3,
    selector: (l) => l.label,
  }),
});

const docArb: fc.Arbitrary<GenDoc> = fc
  .record({
    tables: fc.uniqueArray(
      fc.record({
        area: fc.constantFrom('Compilers', 'Serving', 'Training', 'OS', 'Graph', 'Vision'),
        rows: fc.array(rowArb, { minLength: 1, maxLength: 6 }),
      }),
      {
        minLength: 1,
        maxLength: 3,
        selector: (t) => t.area,
      },
    ),
    pipes: fc.boolean(),
    aligned: fc.boolean(),
    eol: fc.constantFrom<GenDoc['eol']>('\n', '\r\n'),
    markers: fc.constantFrom<[string, string]>(
      ['✅', '⬜'],
      ['✅', '⬜'],
      ['[x]', '[ ]'],
      ['yes', 'no'],
      ['✔️', '❌'],
      ['x', ''],
      ['☑', '☐'],
      ['Done', 'Todo'],
    ),
    bold: fc.boolean(),
    emptyVenue: fc.constantFrom('—', '-', ''),
    order: fc.constantFrom<Column[]>(
      ['status', 'title', 'venue', 'links'],
      ['title', 'venue', 'status', 'links'],
      ['title', 'status', 'links', 'venue'],
    ),
    statusName: fc.constantFrom('Status', 'Read', '✓', '**Done**'),
    titleName: fc.constantFrom('Paper', 'Title', 'Name'),
    separator: fc.constantFrom(' / ', ' ', ' · ', ', '),
    final: fc.boolean(),
  })
  // Without a leading pipe, a first cell that is empty would read as the leading pipe.
  .filter((doc) => doc.pipes || doc.markers[1] !== '' || doc.order[0] !== 'status');

function cells(doc: GenDoc, row: GenRow): Record<Column, string> {
  const title = cellText(escapeInline(row.title)) + (row.code ? ' `a\\|b`' : '');
  const marker = row.read ? doc.markers[0] : doc.markers[1];
  return {
    status: [marker, row.note ? '📝' : ''].filter(Boolean).join(' '),
    title: doc.bold ? `**${title}**` : title,
    venue: row.venue ?? doc.emptyVenue,
    links: row.links.map((l) => `[${l.label}](${cellText(formatDestination(l.url))})`).join(doc.separator),
  };
}

function renderTable(doc: GenDoc, table: GenTable): string[] {
  const header: Record<Column, string> = {
    status: doc.statusName,
    title: doc.titleName,
    venue: 'Venue',
    links: 'Links',
  };
  const grid = [doc.order.map((c) => header[c]), ...table.rows.map((row) => doc.order.map((c) => cells(doc, row)[c]))];
  const widths = doc.order.map((_, i) => Math.max(3, ...grid.map((line) => line[i]!.length)));
  const pad = (text: string, i: number) => (doc.aligned ? text.padEnd(widths[i]!) : text);
  const line = (values: string[]) => {
    const body = values.map((v, i) => ` ${pad(v, i)} `).join('|');
    return doc.pipes ? `|${body}|` : body.trim() === '' ? body : body.replace(/^ /, '').replace(/ $/, '');
  };
  const delimiter = doc.order.map((_, i) => (doc.aligned ? '-'.repeat(widths[i]! + 2) : '---'));
  return [line(grid[0]!), doc.pipes ? `|${delimiter.join('|')}|` : delimiter.join('|'), ...grid.slice(1).map(line)];
}

function renderDoc(doc: GenDoc): string {
  const lines = ['# Reading list', ''];
  for (const table of doc.tables) lines.push(`## ${table.area}`, '', ...renderTable(doc, table), '');
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join(doc.eol) + (doc.final ? doc.eol : '');
}

const listArb = fc.tuple(docArb, fc.nat(), fc.nat()).map(([gen, pick, pick2]) => {
  const text = renderDoc(gen);
  return { gen, text, doc: parseDocument(text), pick, pick2 };
});

function facts(paper: Paper) {
  return {
    title: paper.title,
    venue: paper.venue,
    year: paper.year,
    read: paper.read,
    links: paper.links.map((l) => ({ label: l.label, url: l.url })),
  };
}

function expected(row: GenRow) {
  const venue = row.venue;
  return {
    title: row.title.replace(/\s+/g, ' ') + (row.code ? ' a|b' : ''),
    venue,
    year: venue === null ? null : (parseVenue(venue)?.year ?? parseYearOnly(venue)),
    read: row.read,
    links: row.links,
  };
}

/** The row's line, for checking that an edit stayed inside it. */
function lineOf(text: string, paper: Paper): { from: number; to: number } {
  return { from: lineStart(text, paper.span.start), to: lineEnd(text, paper.span.end) };
}

/** Parts of documents parsed before, by their text: a re-parse after an edit parses only the part it changed. */
const parts = new Map<string, ChunkModel>();
const partCache: ChunkCache = {
  get: (part) => parts.get(partKeyOf(part)),
  set: (part, model) => void parts.set(partKeyOf(part), model),
};
const reparse = (text: string) => parseDocument(text, { cache: partCache });

function show(text: string): string {
  return JSON.stringify(text);
}

// ---------------------------------------------------------------------------------------------
// Properties shared by generated and corpus lists

/** done then undone (or the reverse) gives the text back, and changes only the status cell. */
function checkFlip(text: string, doc: ListDocument, index: number): void {
  const paper = doc.papers[index]!;
  const change = setRead(doc, paper, !paper.read);
  const once = applyEdits(text, change.edits);
  const cell = paper.row!.cells[paper.row!.layout.status]!;
  // Only the status cell changed (its marker; an empty cell takes one).
  const before = text.slice(0, cell.start - 1);
  expect(once.startsWith(before), show(once)).toBe(true);
  expect(once.endsWith(text.slice(cell.end + 1))).toBe(true);
  const doc1 = reparse(once);
  expect(doc1.papers).toHaveLength(doc.papers.length);
  expect(doc1.papers[index]!.read).toBe(!paper.read);
  expect({ ...facts(doc1.papers[index]!), read: paper.read }).toEqual(facts(paper));
  doc1.papers.forEach((other, i) => {
    if (i !== index) expect(facts(other)).toEqual(facts(doc.papers[i]!));
  });
  const back = applyEdits(once, setRead(doc1, doc1.papers[index]!, paper.read).edits);
  const marker = (p: Paper, t: string) => t.slice(p.checkbox.start, p.checkbox.end);
  // The table says which marker a state takes when another of its rows is in that state, all alike;
  // else (the only row in that state) the marker may come back as the pair's usual one.
  const sameState = doc.papers.filter(
    (p, i) => i !== index && p.listIndex === paper.listIndex && p.read === paper.read,
  );
  const learned =
    sameState.length > 0 &&
    sameState.every((p) => marker(p, text) === marker(paper, text) && p.row!.status === paper.row!.status);
  if (learned) {
    expect(
      back,
      `${show(text.slice(cell.start - 1, cell.end + 1))} -> ${show(once.slice(cell.start - 1, cell.end + 3))}`,
    ).toBe(text);
  } else {
    expect(reparse(back).papers.map(facts)).toEqual(doc.papers.map(facts));
    expect(back.startsWith(before)).toBe(true);
  }
}

/** note changes only its row's line, adds (or re-points) the link, and nothing else changes. */
function checkNote(text: string, doc: ListDocument, index: number, label: string, url: string): void {
  const paper = doc.papers[index]!;
  const after = applyEdits(text, attachLink(doc, paper, label, url, reparse).edits);
  const { from, to } = lineOf(text, paper);
  expect(after.slice(0, from)).toBe(text.slice(0, from));
  expect(after.endsWith(text.slice(to))).toBe(true);
  const doc2 = reparse(after);
  expect(doc2.papers, show(after)).toHaveLength(doc.papers.length);
  const now = facts(doc2.papers[index]!);
  const was = facts(paper);
  expect({ title: now.title, venue: now.venue, read: now.read }).toEqual({
    title: was.title,
    venue: was.venue,
    read: was.read,
  });
  const replaced = was.links.findIndex((l) => l.label.toLowerCase() === label.toLowerCase());
  const links =
    replaced >= 0 ? was.links.map((l, i) => (i === replaced ? { ...l, url } : l)) : [...was.links, { label, url }];
  expect(
    now.links.map((l) => ({ label: l.label.toLowerCase(), url: l.url })),
    show(after.slice(from, after.length - (text.length - to))),
  ).toEqual(links.map((l) => ({ label: l.label.toLowerCase(), url: l.url })));
  doc2.papers.forEach((other, i) => {
    if (i !== index) expect(facts(other)).toEqual(facts(doc.papers[i]!));
  });
}

/** rm takes exactly that row's line; the others stay as they were. */
function checkRemove(text: string, doc: ListDocument, index: number): string {
  const paper = doc.papers[index]!;
  const after = applyEdits(text, removePaper(doc, paper).edits);
  const doc2 = reparse(after);
  expect(doc2.papers.map(facts)).toEqual(doc.papers.filter((_, i) => i !== index).map(facts));
  expect(after.length).toBeLessThan(text.length);
  return after;
}

describe('generated table lists', () => {
  it(
    'parse into the rows they were written with, numbered in order',
    () => {
      fc.assert(
        fc.property(listArb, ({ gen, doc, text }) => {
          const rows = gen.tables.flatMap((t) => t.rows.map((row) => ({ ...expected(row), area: [t.area] })));
          expect(
            doc.papers.map((p) => ({ ...facts(p), area: p.area })),
            show(text),
          ).toEqual(rows);
          expect(doc.papers.every((p) => p.source === 'row')).toBe(true);
          expect(doc.papers.map((p) => p.number)).toEqual(rows.map((_, i) => i + 1));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'done/undone change only the status cell and give the text back',
    () => {
      fc.assert(
        fc.property(listArb, ({ text, doc, pick }) => checkFlip(text, doc, pick % doc.papers.length)),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'note changes only its row, and reads back',
    () => {
      fc.assert(
        fc.property(listArb, fc.constantFrom('Note', 'Paper', 'Video'), urlArb, ({ text, doc, pick }, label, url) =>
          checkNote(text, doc, pick % doc.papers.length, label, url),
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'add only inserts one row in the right table, which reads back; rm takes it out again',
    () => {
      fc.assert(
        fc.property(listArb, rowArb, ({ text, doc, gen, pick }, row) => {
          const area = gen.tables[pick % gen.tables.length]!.area;
          const paper = { title: row.title, venue: row.venue, read: row.read, links: row.links };
          const change = addPaper(doc, { area, paper }, parseDocument);
          expect(change.edits).toHaveLength(1);
          const edit = change.edits[0]!;
          expect(edit.start).toBe(edit.end);
          const after = applyEdits(text, change.edits);
          const doc2 = parseDocument(after);
          const added = doc2.papers.filter(
            (p) => p.span.start >= edit.start && p.span.start < edit.start + edit.text.length,
          );
          expect(added, show(after)).toHaveLength(1);
          expect({ ...facts(added[0]!), year: null }).toEqual({ ...paper, year: null, links: paper.links });
          expect(added[0]!.area).toEqual([area]);
          expect(added[0]!.listIndex).toBe(doc.papers.filter((p) => p.area[0] === area).pop()!.listIndex);
          expect(doc2.papers.filter((p) => p !== added[0]).map(facts)).toEqual(doc.papers.map(facts));
          const back = applyEdits(after, removePaper(doc2, added[0]!).edits);
          expect(back).toBe(text);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'rm takes one row',
    () => {
      fc.assert(
        fc.property(listArb, ({ text, doc, pick }) => {
          checkRemove(text, doc, pick % doc.papers.length);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'mv moves a row to another table, keeping its facts',
    () => {
      fc.assert(
        fc.property(listArb, ({ text, doc, gen, pick, pick2 }) => {
          fc.pre(gen.tables.length > 1);
          const paper = doc.papers[pick % doc.papers.length]!;
          const target = gen.tables[pick2 % gen.tables.length]!.area;
          fc.pre(paper.area[0] !== target);
          const after = applyEdits(text, movePaper(doc, paper, target).edits);
          const doc2 = parseDocument(after);
          expect(doc2.papers).toHaveLength(doc.papers.length);
          const landed = doc2.papers.filter((p) => p.area[0] === target).pop()!;
          expect(facts(landed), show(after)).toEqual(facts(paper));
          expect(landed.source).toBe('row');
          const rest = doc2.papers.filter((p) => p !== landed).map(facts);
          expect(rest).toEqual(doc.papers.filter((p) => p !== paper).map(facts));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

/** A table list with a task-list area after its tables: a mixed file. */
const mixedArb = fc
  .tuple(docArb, fc.array(rowArb, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat())
  .map(([gen, tasks, pick, pick2]) => {
    const items = tasks.map((row) => {
      const links = row.links.map((l) => `[[${l.label}](${formatDestination(l.url)})]`).join(' ');
      return `- [${row.read ? 'x' : ' '}] ${escapeInline(row.title)}${row.venue ? `[${row.venue}]` : ''}${links ? `: ${links}` : ''}`;
    });
    const text = renderDoc({ ...gen, final: false }) + gen.eol + gen.eol + ['## Tasks', '', ...items, ''].join(gen.eol);
    return { gen, tasks, text, doc: parseDocument(text), pick, pick2 };
  });

describe('mixed files (tables and a task list)', () => {
  it(
    'papers are numbered in document order; mv turns a row into a task item and a task item into a row, facts kept',
    () => {
      fc.assert(
        fc.property(mixedArb, ({ gen, tasks, text, doc, pick, pick2 }) => {
          const rows = gen.tables.reduce((n, t) => n + t.rows.length, 0);
          expect(doc.papers.map((p) => p.source)).toEqual([
            ...Array(rows).fill('row'),
            ...Array(tasks.length).fill('task'),
          ]);
          expect(doc.papers.map((p) => p.number)).toEqual(doc.papers.map((_, i) => i + 1));

          // A row into the task list, written as the CLI writes it (checked renderer), read back.
          const row = doc.papers[pick % rows]!;
          const toList = movePaper(doc, row, 'Tasks', true, (...args) => renderMovedItem(...args, parseDocument));
          checkMoveReadsBack(doc, toList, row, parseDocument);
          const afterList = applyEdits(text, toList.edits);
          const docList = parseDocument(afterList);
          const landed = docList.papers.filter((p) => p.area[0] === 'Tasks').pop()!;
          expect(landed.source).toBe('task');
          expect({ ...facts(landed), year: null }, show(afterList)).toEqual({ ...facts(row), year: null });
          expect(docList.papers.filter((p) => p !== landed).map(facts)).toEqual(
            doc.papers.filter((p) => p !== row).map(facts),
          );

          // A task item into a table.
          const task = doc.papers[rows + (pick2 % tasks.length)]!;
          const area = gen.tables[pick2 % gen.tables.length]!.area;
          const toTable = movePaper(doc, task, area, true, (...args) => renderMovedItem(...args, parseDocument));
          checkMoveReadsBack(doc, toTable, task, parseDocument);
          const afterTable = applyEdits(text, toTable.edits);
          const docTable = parseDocument(afterTable);
          const asRow = docTable.papers.filter((p) => p.area[0] === area).pop()!;
          expect(asRow.source).toBe('row');
          expect({ ...facts(asRow), year: null }, show(afterTable)).toEqual({ ...facts(task), year: null });
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// The corpus's table lists

const tableLists = realLists()
  .map((path) => ({ path, ...parsedList(path) }))
  .filter((file) => file.doc.papers.some((p) => p.source === 'row'));

describeIf(needs.shared)('table lists of the corpus', () => {
  it('has at least one (KuangjuX)', () => {
    expect(tableLists.some((file) => file.path.includes('KuangjuX'))).toBe(true);
  });

  for (const { path, text, doc } of tableLists) {
    const name = path.split('/').pop();
    it(`${name}: done/undone on every row change only its status cell and give the text back`, () => {
      doc.papers.forEach((paper, i) => {
        if (paper.source === 'row') checkFlip(text, doc, i);
      });
    });
    // note and rm re-parse the file per row: every fifth row keeps the suite fast.
    it(`${name}: note on rows touches that row only`, () => {
      doc.papers.forEach((paper, i) => {
        if (paper.source === 'row' && i % 5 === 0)
          checkNote(text, doc, i, i % 2 ? 'Note' : 'Slides', `https://example.org/n/${i}`);
      });
    });
    it(`${name}: rm of a row takes that row only`, () => {
      doc.papers.forEach((paper, i) => {
        if (paper.source === 'row' && i % 5 === 2) checkRemove(text, doc, i);
      });
    });
  }
});
