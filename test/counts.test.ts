/** Summary counts: which forms are found, which count each is, and that writes change only their digits. */
import { describe, expect, it } from 'vitest';
import { countEdits, findCounts, staleCounts, totalsOf, withCounts } from '../src/core/read/counts.js';
import { applyEdits } from '../src/core/write/splice.js';
import { setState } from '../src/core/write/operations.js';
import { parseDocument } from '../src/core/read/parse.js';

const setRead = (doc: Parameters<typeof setState>[0], paper: Parameters<typeof setState>[1], read: boolean) =>
  setState(doc, paper, read ? 'read' : 'unread');

const kinds = (text: string) =>
  findCounts(text).map((m) => `${m.kind}=${m.value}@${text.slice(m.span.start, m.span.end)}`);

describe('findCounts', () => {
  it('reads shields.io badges by their label', () => {
    expect(
      kinds(
        '![](https://img.shields.io/badge/Papers-83-blue) ![](https://img.shields.io/badge/Read-67-green?style=flat) ![](https://img.shields.io/badge/To_Read-16-orange)',
      ),
    ).toEqual(['total=83@83', 'read=67@67', 'unread=16@16']);
    expect(kinds('<img src="https://img.shields.io/badge/Read-67%2F83-green">')).toEqual(['read=67@67', 'total=83@83']);
    expect(kinds('![](https://img.shields.io/badge/read--67-green)')).toEqual(['read=67@67']);
    expect(
      kinds(
        '[![r](https://img.shields.io/badge/papers%20read-12-green)](#x) ![](<https://img.shields.io/badge/unread-3-red>)',
      ),
    ).toEqual(['read=12@12', 'unread=3@3']);
    expect(kinds('![read][b]\n\n[b]: https://img.shields.io/badge/Read-4-green\n')).toEqual(['read=4@4']);
  });

  it('reads lines made only of counts', () => {
    expect(kinds('# L\n\nTotal: 83 · Read: 69 · To read: 14\n')).toEqual(['total=83@83', 'read=69@69', 'unread=14@14']);
    expect(kinds('**Read:** 69 | **To read:** 14\r\n')).toEqual(['read=69@69', 'unread=14@14']);
  });

  it("ignores counts in code, comments, block quotes and link targets (examples, not the list's counts)", () => {
    const badge = '![](https://img.shields.io/badge/Read-5-green)';
    expect(kinds(`\`\`\`md\n${badge}\nTotal: 3\n\`\`\`\n`)).toEqual([]);
    expect(kinds(`~~~~\n${badge}\n~~~~\n\n${badge}\n`)).toEqual(['read=5@5']);
    expect(kinds(`Intro\n\n    ${badge}\n    Total: 3\n`)).toEqual([]);
    expect(kinds(`- item\n\n    ${badge}\n`)).toEqual(['read=5@5']);
    expect(kinds(`<!-- ${badge} -->\n<!--\nTotal: 3\n-->\n`)).toEqual([]);
    expect(kinds(`> ${badge}\n> Total: 3\n`)).toEqual([]);
    expect(kinds('[see](https://img.shields.io/badge/Read-5-green) https://img.shields.io/badge/Read-6-green')).toEqual(
      [],
    );
  });

  it('ignores other badges and prose', () => {
    expect(kinds('https://img.shields.io/badge/OSDI-2022-blue https://img.shields.io/badge/license-MIT-green')).toEqual(
      [],
    );
    expect(kinds('- [ ] Read: 5 things about GPUs\nWe read: 3 papers a week.\n')).toEqual([]);
  });
});

describe('withCounts', () => {
  const text = '# L\n\nTotal: 2 · Read: 0\n\n## A\n\n- [ ] One\n- [ ] Two\n';
  const doc = parseDocument(text);

  it("uses the change's own delta, or parses the result when the change has none", () => {
    const change = setRead(doc, doc.papers[0]!, true);
    const withDelta = applyEdits(
      text,
      withCounts(doc, change, () => {
        throw new Error('no parse needed');
      }).edits,
    );
    expect(withDelta).toBe(text.replace('Read: 0', 'Read: 1').replace('- [ ] One', '- [x] One'));
    const { delta: _ignored, ...noDelta } = change;
    const parsed = applyEdits(text, withCounts(doc, noDelta, (t) => parseDocument(t).papers).edits);
    expect(parsed).toBe(withDelta);
  });

  it('says which counts are stale, and a change without edits stays without', () => {
    expect(staleCounts(findCounts(text), totalsOf([{ read: true }, { read: false }]))).toEqual([
      'line "Read" says 0, the list has 1',
    ]);
    expect(countEdits(findCounts(text), totalsOf(doc.papers))).toEqual([]);
    expect(
      withCounts(doc, { edits: [], message: '', createdAreas: [], touched: [], removed: [] }, () => []).edits,
    ).toEqual([]);
  });
});
