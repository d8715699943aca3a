/**
 * The line scanner's tables (src/core/read/scan-table.ts): wherever it reads a part with a table, its model
 * is remark's, field by field and offset by offset; and it reads the plain tables lists are made of (the
 * seed author's own list among them), so that a check of a touched table part needs no remark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { splitIntoChunks } from '../src/core/read/chunks.js';
import { remarkPartModel } from '../src/core/read/parse-remark.js';
import { scanPart } from '../src/core/read/scan.js';
import { describeIf, needs } from './needs.js';
import { CORPUS } from './paths.js';

/** The scanner's model of a part, checked against remark's when it reads the part; null when it declines. */
function scannedAsRemark(part: string) {
  const scanned = scanPart(part);
  if (scanned) expect(scanned).toEqual(remarkPartModel({ text: part, definitions: '' }));
  return scanned;
}

const TABLE = [
  '## Systems',
  '',
  '| Status | Paper | Venue | Links |',
  '|:------:|-------|-------|-------|',
  "| ✅ | **Orca: A Distributed Serving System** | OSDI'22 | [Paper](https://x.org/orca.pdf) / [Note](notes/orca.md) |",
  '| ⬜ | **Look Ma, No Bubbles! A Megakernel** | — | [Paper](https://x.org/a?b=1&c=(2)) |',
  '| ✅ 📝 | FlashAttention > Attention | arXiv | |',
  '|  |  |  |  |',
  '',
].join('\n');

describe('the scanner reads plain tables as remark does', () => {
  it('a table of bold titles, venues and links (LF and CRLF), and a table of no papers', () => {
    expect(scannedAsRemark(TABLE)?.papers.map((paper) => [paper.title, paper.read, paper.links.length])).toEqual([
      ['Orca: A Distributed Serving System', true, 2],
      ['Look Ma, No Bubbles! A Megakernel', false, 1],
      ['FlashAttention > Attention', true, 0],
    ]);
    expect(scannedAsRemark(TABLE.replace(/\n/g, '\r\n'))?.papers).toHaveLength(3);
    const plain = '| Name | Value |\n|---|---|\n| a | b |\n';
    expect(scannedAsRemark(plain)).toMatchObject({ papers: [], lists: 0 });
    // A table between task items: items, the table's rows, items, each list counted once.
    expect(scannedAsRemark(`## A\n\n- [ ] One\n\n${TABLE}\n- [x] Two\n`)?.lists).toBe(3);
  });

  it('declines what it does not read itself', () => {
    const declined = [
      // a line right after the table (a row of it, or text), and a table right after an item's line
      `${TABLE.trimEnd()}\ntext\n`,
      `- [ ] One\n${TABLE.slice(TABLE.indexOf('|'))}`,
      // escapes, code, emphasis inside a cell, references, autolinks, images, titles that end in punctuation
      TABLE.replace('OSDI', 'OS\\|DI'),
      TABLE.replace('OSDI', '`OSDI`'),
      TABLE.replace('**Orca: A Distributed Serving System**', '**Orca** (A Distributed Serving System)'),
      TABLE.replace('FlashAttention', 'Flash&amp;Attention'),
      TABLE.replace('FlashAttention', 'https://x.org'),
      TABLE.replace('FlashAttention', '![i](u)'),
      TABLE.replace('Serving System**', 'Serving System?**'),
      TABLE.replace('[Paper](https://x.org/orca.pdf)', '[Paper](https://x.org/orca.pdf "t")'),
      // a row of another number of cells, a space after the last pipe, an indented table
      TABLE.replace('|  |  |  |  |', '|  |  |  |'),
      TABLE.replace('|  |  |  |  |', '|  |  |  |  | '),
      TABLE.replace(/^\|/gm, ' |'),
    ];
    for (const part of declined) expect(scannedAsRemark(part), part).toBeNull();
  });

  it('tables of generated cells: whatever it reads is what remark reads', () => {
    const cell = fc
      .array(
        fc.constantFrom(
          '',
          ' ',
          'Title',
          'Read',
          '✅',
          '⬜',
          'x',
          '—',
          "OSDI'22",
          '**Bold Title**',
          '**A: B**',
          '[Paper](https://x.org/p)',
          '[N](u(1))',
          ' / ',
          '!',
          '&',
          '&amp;',
          '>',
          '\\|',
          '`c`',
          '*',
          '_',
          'www.x.org',
          '(',
          ')',
          '[',
          ']',
          '日本',
        ),
        { maxLength: 4 },
      )
      .map((pieces) => pieces.join(''));
    const header = fc.constantFrom(
      '| Status | Paper |',
      '| Paper | Read |',
      '| A | B |',
      '| 已读 | 名字 |',
      '| | Title |',
    );
    const row = fc.tuple(cell, cell).map(([a, b]) => `| ${a} | ${b} |`);
    const doc = fc.tuple(
      fc.constantFrom('', '## Area\n\n', '- [ ] Item\n\n', '- [ ] Item\n', '<!-- c -->\n'),
      header,
      fc.constantFrom('|---|---|', '|:---:|---|', '| - | :-: |', '|---|'),
      fc.array(row, { maxLength: 5 }),
      fc.constantFrom('', '\n', '\ntext\n', '\n\n- [x] After\n'),
      fc.constantFrom('\n', '\r\n'),
    );
    let read = 0;
    fc.assert(
      fc.property(doc, ([before, head, delimiter, rows, after, eol]) => {
        const text = `${before}${[head, delimiter, ...rows].join('\n')}${after}`.replace(/\n/g, eol);
        if (scannedAsRemark(text)) read++;
      }),
      { numRuns: propertyRuns(600) },
    );
    // (the property says nothing if the scanner declined every table)
    expect(read).toBeGreaterThan(25);
  });
});

describeIf(needs.shared)("the seed author's list", () => {
  it('most of its table parts are read by the scanner, as remark reads them', () => {
    const text = readFileSync(join(CORPUS, 'KuangjuX__paper-reading__README.md'), 'utf8');
    const parts = splitIntoChunks(text).map((chunk) => text.slice(chunk.start, chunk.end));
    const scanned = parts.map(scannedAsRemark);
    const rows = scanned.reduce((sum, model) => sum + (model?.papers.length ?? 0), 0);
    expect(rows).toBeGreaterThan(60);
  });
});
