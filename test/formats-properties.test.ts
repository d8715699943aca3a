/**
 * Reading every real list, as a property: tables and checkbox-less lists generated from status and title
 * headers in many languages (or none, when the markers say it) x marker vocabularies (symbols, gemoji
 * shortcodes, character references, words, letters, an empty unread) x the status column's place x a
 * confounder column with the same markers or others, anywhere x LF/CRLF x tight or padded cells, aligned
 * columns, a 📝 beside a marker, titles with marker words; lists with links or plain titles, a venue tag, a
 * separator before an end marker. The parsed states are the generated ones, and
 * done/undone/reading round trips give the bytes back wherever another paper of the list shows the
 * marker of the state going back. In-process, no CLI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { applyEdits } from '../src/core/write/splice.js';
import type { ReadState } from '../src/core/read/formats/meanings.js';
import type { ListDocument } from '../src/core/model/paper.js';
import { setState } from '../src/core/write/operations.js';
import { parseDocument } from '../src/core/read/parse.js';

const RUNS = {
  numRuns: propertyRuns(150),
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
};

/** Markers for read, unread and (where the vocabulary has one) reading. */
type Vocabulary = [string, string, string | null];
const SYMBOLS: Vocabulary[] = [
  ['✅', '⬜', '⏳'],
  ['✔', '❌', null],
  ['✔️', '✖️', '📖'],
  ['☑', '☐', null],
  [':heavy_check_mark:', '&cross;', null],
  [':white_check_mark:', ':x:', ':hourglass_flowing_sand:'],
  ['&#10004;', '&#10008;', null],
  ['✅', '', '🚧'],
];
/** Colours are markers only under a status header (elsewhere lists use them for priority). */
const COLOURS: Vocabulary[] = [
  ['🟢', '🔴', '🟡'],
  ['🟩', '🟥', '🟨'],
];
const WORDS: Vocabulary[] = [
  ['Done', 'Pending', 'In progress'],
  ['yes', 'no', null],
  ['O', 'X', null],
  ['已读', '未读', '在读'],
  ['**已完成**', '未开始', '进行中'],
  ['읽음', '안읽음', '읽는 중'],
  ['完了', '未読', null],
  ['Leído', 'Pendiente', 'Leyendo'],
  ['Lu', 'Non lu', 'En cours'],
  ['Gelesen', 'Ungelesen', null],
  ['Lido', 'Não lido', 'Lendo'],
  ['Прочитано', 'Не прочитано', 'Читаю'],
  ['read', 'to be read', 'reading'],
];
const STATUS_HEADERS = [
  'Status',
  'Read?',
  '状态',
  '阅读',
  '完成',
  '읽음',
  '정독여부',
  '既読',
  'Estado',
  'Statut',
  'Gelesen',
  'Lido',
  'Статус',
  'Progress',
  '**Done**',
];
const TITLE_HEADERS = [
  'Paper',
  'Title',
  '论文标题',
  '文章名称',
  '제목',
  '논문제목',
  'タイトル',
  'Título',
  'Titre',
  'Titel',
  'Название',
  'Papers',
];
const TITLE_WORDS = [
  'Attention',
  'Deep',
  'Residual',
  'Learning',
  'GPU',
  'Kernels',
  'Serving',
  'LLM',
  'Graph',
  'Networks',
  'Fast',
  'Sparse',
  '中文',
  '학습',
];
/** Words that are also markers: a title cell or an entry may hold them. */
const MARKER_WORDS = ['Reading', 'Done', 'Yes', 'Pending', 'X', 'O', 'To', 'Read', '2019'];

const titleArb = fc
  .array(fc.constantFrom(...TITLE_WORDS, ...MARKER_WORDS), { minLength: 1, maxLength: 5 })
  .map((words) => words.join(' '));
// Entries of a list without checkboxes hold no marker words: `- ⬜ Done X` beside `- ✅ Reading Y` and
// `- ⏳ Z` (each marker once) reads as a legend, "⬜: done" (legend.ts; not yet told from entries).
const entryTitleArb = fc
  .array(fc.constantFrom(...TITLE_WORDS), { minLength: 1, maxLength: 5 })
  .map((words) => words.join(' '));

const stateArb = (vocabulary: Vocabulary) =>
  fc.constantFrom<ReadState>(
    ...(vocabulary[2] === null ? (['read', 'unread'] as const) : (['read', 'unread', 'reading'] as const)),
  );
const rowsArb = (vocabulary: Vocabulary, title = titleArb) =>
  fc.array(fc.record({ title, state: stateArb(vocabulary) }), { minLength: 1, maxLength: 10 });

const markerOf = (vocabulary: Vocabulary, state: ReadState) =>
  state === 'read' ? vocabulary[0] : state === 'unread' ? vocabulary[1] : vocabulary[2]!;

const tableArb = fc
  .record({
    named: fc.boolean(),
    vocabulary: fc.oneof(fc.constantFrom(...SYMBOLS), fc.constantFrom(...WORDS), fc.constantFrom(...COLOURS)),
    statusHeader: fc.constantFrom(...STATUS_HEADERS),
    titleHeader: fc.constantFrom(...TITLE_HEADERS),
    place: fc.constantFrom('first', 'middle', 'last'),
    confounder: fc.boolean(),
    crlf: fc.boolean(),
    pipes: fc.boolean(),
    seed: fc.nat(),
    confHeader: fc.constantFrom('Code', 'Reproduced', 'Slides', '📝', '', 'Notes', '代码'),
    confPlace: fc.nat(4),
    confVocab: fc.constantFrom(...SYMBOLS, ...WORDS),
    tight: fc.boolean(),
    align: fc.constantFrom('---', ':---', ':-:', '--:'),
    decorate: fc.nat(),
  })
  .chain((table) => rowsArb(table.vocabulary).map((rows) => ({ ...table, rows })))
  // A column no header names is read by its markers: symbols on some rows, and nothing that is no marker.
  .filter((t) => !COLOURS.includes(t.vocabulary) || t.named)
  .filter(
    (t) =>
      t.named ||
      (t.pipes && SYMBOLS.includes(t.vocabulary) && t.rows.some((row) => markerOf(t.vocabulary, row.state) !== '')),
  )
  // (`X` means "not done" only beside an `O`: alone it is a check, as in `[x]`; so the column keeps an
  // `O` when one is flipped)
  .filter((t) => t.vocabulary[0] !== 'O' || t.rows.filter((row) => row.state === 'read').length >= 2)
  // (without outer pipes an empty first cell cannot be written: the row would start with its second)
  // (nor an empty first or last header cell)
  .filter((t) => t.pipes || t.place !== 'first' || t.vocabulary[1] !== '')
  .filter((t) => t.pipes || !t.confounder || (t.confPlace > 0 && t.confHeader !== ''))
  // (`Title|2015|` has no third cell: done writes it as `Title|2015| ✅`, with a space the other rows lack)
  .filter((t) => t.pipes || !t.tight || t.vocabulary[1] !== '');

type GenTable = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function renderTable(t: GenTable): string {
  const eol = t.crlf ? '\r\n' : '\n';
  const status = t.named ? t.statusHeader : ' ';
  const columns: string[][] = [
    [t.titleHeader, ...t.rows.map((row) => row.title)],
    ['Year', ...t.rows.map((_, i) => String(2015 + i))],
  ];
  const statusColumn = [
    status,
    ...t.rows.map((row, i) => {
      const m = markerOf(t.vocabulary, row.state);
      return (t.decorate >> i) & 1 && SYMBOLS.includes(t.vocabulary) ? (m === '' ? '📝' : `${m} 📝`) : m;
    }),
  ];
  if (t.place === 'first') columns.unshift(statusColumn);
  else if (t.place === 'middle') columns.splice(1, 0, statusColumn);
  else columns.push(statusColumn);
  // A confounder: another column with the same markers (or another vocabulary's), which is not the status
  // (only beside a named one), anywhere in the row.
  if (t.confounder && t.named) {
    const v = t.seed & 1024 ? t.confVocab : t.vocabulary;
    columns.splice(Math.min(t.confPlace, columns.length), 0, [
      t.confHeader,
      ...t.rows.map((_, i) => markerOf(v, (t.seed >> i) & 1 ? 'read' : 'unread')),
    ]);
  }
  const sep = t.tight ? '|' : ' | ';
  const line = (cells: string[]) =>
    t.pipes ? (t.tight ? `|${cells.join('|')}|` : `| ${cells.join(' | ')} |`) : cells.join(sep);
  const rows = [line(columns.map((c) => c[0]!)), line(columns.map(() => t.align))];
  for (let r = 1; r <= t.rows.length; r++) rows.push(line(columns.map((c) => c[r]!)));
  return ['# Reading', '', '## Papers', '', ...rows, ''].join(eol);
}

function stateOf(paper: { read: boolean; reading: boolean }): ReadState {
  return paper.read ? 'read' : paper.reading ? 'reading' : 'unread';
}

/** Each paper flipped away and back: the text comes back where the list shows the marker going back. */
function checkRoundTrips(
  text: string,
  doc: ListDocument,
  markers: (state: ReadState) => string,
  hasReading: boolean,
): void {
  doc.papers.forEach((paper, index) => {
    const from = stateOf(paper);
    const targets: ReadState[] = (['read', 'unread', 'reading'] as const).filter(
      (s) => s !== from && (s !== 'reading' || hasReading),
    );
    for (const to of targets) {
      // `reading` is refused on a list that has no marker for it (none in use, none paired with its own).
      if (to === 'reading' && !doc.papers.some((other) => other.listIndex === paper.listIndex && other.reading)) {
        try {
          setState(doc, paper, to);
        } catch (error) {
          expect(String(error)).toMatch(/no marker for "being read"/);
          continue;
        }
      }
      const once = applyEdits(text, setState(doc, paper, to).edits);
      const after = parseDocument(once);
      expect(after.papers.map(stateOf)).toEqual(doc.papers.map((p, i) => (i === index ? to : stateOf(p))));
      const shown = doc.papers.some(
        (other, i) => i !== index && stateOf(other) === from && other.listIndex === paper.listIndex,
      );
      let backChange;
      try {
        backChange = setState(after, after.papers[index]!, from);
      } catch (error) {
        // (the list's last paper being read took its reading marker with it, and none pairs with its others)
        expect(from === 'reading' && !shown && !after.papers.some((other) => other.reading)).toBe(true);
        expect(String(error)).toMatch(/no marker for "being read"/);
        continue;
      }
      const back = applyEdits(once, backChange.edits);
      if (shown) expect(back, `${from} -> ${to} -> ${from} on paper ${index + 1} (${markers(from)})`).toBe(text);
      else expect(parseDocument(back).papers.map(stateOf)).toEqual(doc.papers.map(stateOf));
    }
  });
}

describe('reading every list: generated tables', () => {
  it('parse into the generated states, and round trips give the bytes back', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const text = renderTable(t);
        const doc = parseDocument(text);
        expect(doc.papers.map((paper) => paper.title)).toEqual(t.rows.map((row) => row.title));
        expect(doc.papers.map(stateOf)).toEqual(t.rows.map((row) => row.state));
        checkRoundTrips(text, doc, (state) => markerOf(t.vocabulary, state), t.vocabulary[2] !== null);
      }),
      RUNS,
    );
  }, 120_000);
});

const listArb = fc
  .record({
    vocabulary: fc.constantFrom(...SYMBOLS),
    bullet: fc.constantFrom('- ', '* ', '+ ', '1. '),
    place: fc.constantFrom('start', 'end'),
    crlf: fc.boolean(),
    link: fc.boolean(),
    sepEnd: fc.constantFrom('', ' -', ' |', ':'),
    venue: fc.boolean(),
  })
  .chain((list) => rowsArb(list.vocabulary, entryTitleArb).map((rows) => ({ ...list, rows })))
  // The list marks its entries: more than half of them carry a marker, and still do with one taken away
  // (with fewer, unread is written as an explicit marker so that the list stays one: tested below).
  .filter((l) => (l.rows.filter((row) => markerOf(l.vocabulary, row.state) !== '').length - 1) * 2 > l.rows.length);

describe('reading every list: generated lists without checkboxes', () => {
  it('parse into the generated states, and round trips give the bytes back', () => {
    fc.assert(
      fc.property(listArb, (l) => {
        const eol = l.crlf ? '\r\n' : '\n';
        const items = l.rows.map((row) => {
          const marker = markerOf(l.vocabulary, row.state);
          const text =
            (l.link ? `[${row.title}](https://example.org/${row.title.length})` : row.title) +
            (l.venue ? " [OSDI'20]" : '');
          return (
            l.bullet +
            (marker === '' ? text : l.place === 'start' ? `${marker} ${text}` : `${text}${l.sepEnd} ${marker}`)
          );
        });
        const text = ['# Reading', '', '## Papers', '', ...items, ''].join(eol);
        const doc = parseDocument(text);
        expect(doc.papers.map((paper) => paper.title)).toEqual(l.rows.map((row) => row.title));
        expect(doc.papers.map(stateOf)).toEqual(l.rows.map((row) => row.state));
        checkRoundTrips(text, doc, (state) => markerOf(l.vocabulary, state), l.vocabulary[2] !== null);
      }),
      RUNS,
    );
  }, 120_000);
});

describe('a list without checkboxes stays one', () => {
  it('unread is written as a marker where taking the marker away would leave too few marked entries', () => {
    const text = '## A\n\n* [One](u) ✅\n* [Two](u) ✅\n* [Three](u)\n';
    const doc = parseDocument(text);
    expect(doc.papers.map(stateOf)).toEqual(['read', 'read', 'unread']);
    const once = applyEdits(text, setState(doc, doc.papers[0]!, 'unread').edits);
    expect(once).toBe('## A\n\n* [One](u) ⬜\n* [Two](u) ✅\n* [Three](u)\n');
    expect(parseDocument(once).papers.map(stateOf)).toEqual(['unread', 'read', 'unread']);
  });
});
