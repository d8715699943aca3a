/** The marker vocabulary, cell by cell and column by column: the issue's cases as unit tests. */
import { describe, expect, it } from 'vitest';
import { findLegend } from '../src/core/read/formats/legend.js';
import { readCell } from '../src/core/read/formats/vocabulary.js';
import { parseDocument } from '../src/core/read/parse.js';
import { setState } from '../src/core/write/operations.js';
import { applyEdits } from '../src/core/write/splice.js';

const state = (text: string) =>
  parseDocument(text).papers.map((paper) => (paper.read ? 'read' : paper.reading ? 'reading' : 'unread'));
const table = (header: string, cells: string[]) =>
  `| Paper | ${header} |\n|---|---|\n${cells.map((cell, i) => `| P${i} | ${cell} |`).join('\n')}\n`;

describe('a cell', () => {
  it('reads markers as GitHub draws them, and words as whole cells only', () => {
    expect(readCell(':heavy_check_mark:').meaning).toBe('read');
    expect(readCell(':white_check_mark:').meaning).toBe('read');
    expect(readCell(':x:').meaning).toBe('unread');
    expect(readCell(':red_square:').meaning).toBe('unread');
    expect(readCell('&cross;').meaning).toBe('unread');
    expect(readCell('&check;').meaning).toBe('read');
    expect(readCell('&#10004;').meaning).toBe('read');
    expect(readCell('not read').meaning).toBe('unread');
    expect(readCell('to be read').meaning).toBe('unread');
    expect(readCell('x-ray').meaning).toBe('unknown');
    expect(readCell('In progress').meaning).toBe('reading');
    expect(readCell('⏳').meaning).toBe('reading');
    expect(readCell('**已完成**')).toMatchObject({ meaning: 'read', start: 0, end: 7 });
    expect(readCell('✅ 📝')).toMatchObject({ meaning: 'read', start: 0, end: 1 });
    expect(readCell('📝').meaning).toBe('empty');
  });
});

describe('a column', () => {
  it('O beside X is done / not done; x alone is a check', () => {
    expect(state(table('정독여부', ['O', 'X', 'O']))).toEqual(['read', 'unread', 'read']);
    expect(state(table('Read', ['x', '', 'x']))).toEqual(['read', 'unread', 'read']);
  });

  it('dates and percentages say a state under a status header only', () => {
    expect(state(table('Read', ['18/09/24', 'No', '20200523']))).toEqual(['read', 'unread', 'read']);
    expect(state(table('Status', ['Done', '70%', 'Pending']))).toEqual(['read', 'reading', 'unread']);
    expect(state(table('Accuracy', ['93%', '0%']))).toEqual([]);
  });

  it("a status column of the author's own words beside empty cells: filled is read", () => {
    expect(state(table('Read', ['<code>rough</code>', '', 'detailed']))).toEqual(['read', 'unread', 'read']);
    expect(state(table('Read', ['Y', '', 'Y']))).toEqual(['read', 'unread', 'read']);
  });

  it('a column named as the status is the status, with one paper read, beside a column of the same markers on most rows', () => {
    // The author's `Status` holds a ✅ on one row and leaves the others empty (not read yet); `Code` says
    // which papers have code, with the same ✅ on four rows. GitHub shows two columns; the author means
    // the one headed `Status` (seed 212019386 of formats-properties: undone on the second of two read
    // papers left one ✅ under `Статус`, and the four under `Code` became the states).
    const text = [
      '| Paper | Year | Статус | Code |',
      '| --- | --- | --- | --- |',
      '| A | 2015 |  | ✅ |',
      '| B | 2016 | ✅ |  |',
      '| C | 2017 |  | ✅ |',
      '| D | 2018 |  | ✅ |',
      '| E | 2019 |  | ✅ |',
      '',
    ].join('\n');
    expect(state(text)).toEqual(['unread', 'read', 'unread', 'unread', 'unread']);
    expect(state(text.replace('| B | 2016 | ✅ |', '| B | 2016 |  |'))).toEqual(Array(5).fill('unread'));
    const doc = parseDocument(text);
    const once = applyEdits(text, setState(doc, doc.papers[1]!, 'unread').edits);
    expect(state(once)).toEqual(Array(5).fill('unread'));
    const back = applyEdits(once, setState(parseDocument(once), parseDocument(once).papers[1]!, 'read').edits);
    expect(back).toBe(text);
  });

  it('a marker hidden in a link or bold is read as shown', () => {
    expect(state('| 论文 | 卡片 |\n|---|---|\n| A | **[✓](a.md)** |\n| B | — |\n| C | **[✓](c.md)** |\n')).toEqual([
      'read',
      'unread',
      'read',
    ]);
  });
});

describe('a legend', () => {
  it("gives the file's markers their meanings", () => {
    expect([
      ...findLegend('    💯 | fully read\n    ✅ | read & summarised\n    ☑️ | Reading\n    🔲 | TO READ\n'),
    ]).toEqual([
      ['💯', 'read'],
      ['✅', 'read'],
      ['☑', 'reading'],
      ['🔲', 'unread'],
    ]);
    expect(state(`Legend: ✅ read, ☑️ reading, 🔲 to read\n\n${table('Status', ['☑️', '✅', '🔲'])}`)).toEqual([
      'reading',
      'read',
      'unread',
    ]);
    // Task checkboxes before words are no legend.
    expect(findLegend('- [ ] Uncomplete reading\n- [x] done reading\n').size).toBe(0);
  });

  it('a mark is written with a marker the legend gives that state: `✅`, not `[x]` where `☑️` is "reading"', () => {
    const text = '# R\n\nLegend: ✅ read, ☑️ reading, ⬜ to read\n\n| Done | Paper |\n|---|---|\n| [ ] | Foo |\n';
    const doc = parseDocument(text);
    expect(doc.papers[0]!.read).toBe(false);
    const done = applyEdits(text, setState(doc, doc.papers[0]!, 'read').edits);
    expect(done).toContain('| ✅ | Foo |');
    expect(parseDocument(done).papers[0]!.read).toBe(true);
    // The marker the list pairs with its own is still the one taken where the legend does not object.
    const plain = text.replace('Legend: ✅ read, ☑️ reading, ⬜ to read\n\n', '');
    const plainDoc = parseDocument(plain);
    expect(applyEdits(plain, setState(plainDoc, plainDoc.papers[0]!, 'read').edits)).toContain('| [x] | Foo |');
    // Where the legend leaves no marker for the state, the refusal names that state.
    const taken = '# P\n\nLegend: ✅ reading, ⬜ to read\n\n- ⬜ Attention\n- ⬜ BERT\n';
    const takenDoc = parseDocument(taken);
    expect(() => setState(takenDoc, takenDoc.papers[0]!, 'read')).toThrow(
      'this list has no marker for "read" (such as ✅ or "done") that its legend agrees with',
    );
  });
});

describe('tables with the same header', () => {
  it('are one kind of table: one whose rows have no marker yet is read by the layout of another', () => {
    const text =
      '## A\n\n| 已录制 | 名字 |\n|---|---|\n| ✅ | AlexNet |\n|  | VGG |\n\n## B\n\n| 已录制 | 名字 |\n|---|---|\n|  | GoogleNet |\n|  | ResNet |\n';
    const doc = parseDocument(text);
    expect(doc.papers.map((paper) => [paper.title, paper.read])).toEqual([
      ['AlexNet', true],
      ['VGG', false],
      ['GoogleNet', false],
      ['ResNet', false],
    ]);
    expect(doc.readAsWhole).toBe(true);
    // Alone, the second table holds no papers (no header names its status, no row has a marker).
    expect(parseDocument(text.slice(text.indexOf('## B'))).papers).toEqual([]);
  });
});

describe('no legend where there is none', () => {
  it('table rows and long titles beside a marker are papers, not a legend', () => {
    const text =
      '| Status | Paper |\n|---|---|\n| ✅ | Reading Wikipedia to Answer Open-Domain Questions |\n| ⬜ | To Read |\n';
    expect(findLegend(text).size).toBe(0);
    expect(
      findLegend('- ✅ Reading Wikipedia to Answer Open-Domain Questions\n- ⬜ Done deals: a study of contracts\n')
        .size,
    ).toBe(0);
  });

  it('a list whose entries share a marker is entries, not a legend, whatever their titles say', () => {
    // `- ⬜ Done` and `- ✅ Read Attention` read like "⬜: done, ✅: read"; but ✅ marks two entries here,
    // and a legend says what a marker means once. Taken as a legend, ⬜ read as done.
    const text = '## Papers\n\n- ⬜ Done\n- ✅ Attention\n- ✅ Read Attention\n';
    expect(findLegend(text).size).toBe(0);
    expect(state(text)).toEqual(['unread', 'read', 'read']);
    expect(state('## Papers\n\n+ ❌ Done Attention\n+ ✔️ Reading Attention\n+ ✔️ 2019\n')).toEqual([
      'unread',
      'read',
      'read',
    ]);
    // (a legend in lines of its own, each marker once, is one)
    expect(findLegend('✅ read\n☑️ reading\n🔲 to read\n\n- ✅ Attention\n- ✅ Residual\n').size).toBe(3);
  });

  it('rows of a table without outer pipes are rows too, not a legend', () => {
    // `🔴 | 안읽음` reads like a legend entry ("red: unread") but is a row's two cells, as GitHub shows it;
    // taken as a legend it made the 🟢 of the other row unread too.
    const text = 'Paper | Status | 코드\n--- | --- | ---\nAttention | 🔴 | 안읽음\nResidual | 🟢 | 안읽음\n';
    expect(findLegend(text).size).toBe(0);
    expect(state(text)).toEqual(['unread', 'read']);
    // (a legend above the table, apart from it, is still one: on this list ☑️ is "reading")
    const legend = 'Legend: ✅ read, ☑️ reading, 🔲 to read\n\n';
    expect(state(legend + text.replace('🟢', '☑️'))).toEqual(['unread', 'reading']);
  });
});
