/** The merge of a list by paper (src/core/merge): on the seed list and small tables, edited as papers would edit them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diff3 } from '../src/core/merge/diff3.js';
import { mergeLists } from '../src/core/merge/merge-list.js';
import { mergePaperText } from '../src/core/merge/paper-text.js';
import { parseDocument } from '../src/core/read/parse.js';
import { join } from 'node:path';
import { EXAMPLE } from './helpers.js';
import { describeIf, needs } from './needs.js';
import { CORPUS } from './paths.js';

const seed = readFileSync(EXAMPLE, 'utf8');
const merge = (base: string, ours: string, theirs: string) => mergeLists({ base, ours, theirs, parse: parseDocument });

function replaced(text: string, from: string, to: string): string {
  expect(text.split(from).length, `"${from}" once in the text`).toBe(2);
  return text.replace(from, () => to);
}

const ROLLER = '- [ ] ROLLER: Fast';
const WELDER = '- [ ] Welder: Scheduling';
const TASO_LINE =
  "- [ ] TASO: Optimizing Deep Learning Computation with Automatic Generation of Graph Substitutions[SOSP'19]: [[Paper](https://www.cs.cmu.edu/~zhihaoj2/papers/sosp19.pdf)]\n";

describe('diff3', () => {
  it('takes a change from either side and both sides the same change once; conflicts otherwise', () => {
    const chunks = diff3(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'd'], ['a', 'b', 'c', 'D']);
    expect(chunks).toEqual([
      { stable: true, items: ['a'] },
      { stable: false, base: ['b'], ours: ['B'], theirs: ['b'] },
      { stable: true, items: ['c'] },
      { stable: false, base: ['d'], ours: ['d'], theirs: ['D'] },
    ]);
  });
});

describe('one paper, token by token', () => {
  it('a ticked checkbox and a note added on the one line both land', () => {
    const base = "- [ ] T[OSDI'22]: [[Paper](https://a.org/p.pdf)]\n";
    const ours = "- [x] T[OSDI'22]: [[Paper](https://a.org/p.pdf)]\n";
    const theirs = "- [ ] T[OSDI'22]: [[Paper](https://a.org/p.pdf)] [[Note](https://a.org/n)]\n";
    expect(mergePaperText(base, ours, theirs)).toBe(
      "- [x] T[OSDI'22]: [[Paper](https://a.org/p.pdf)] [[Note](https://a.org/n)]\n",
    );
  });
  it('two notes added after the same link are both kept, ours first', () => {
    const base = '- [ ] T: [[Paper](https://a.org/p.pdf)]\n';
    const ours = '- [ ] T: [[Paper](https://a.org/p.pdf)] [[Note](https://a.org/n)]\n';
    const theirs = '- [ ] T: [[Paper](https://a.org/p.pdf)] [[Code](https://a.org/c)]\n';
    expect(mergePaperText(base, ours, theirs)).toBe(
      '- [ ] T: [[Paper](https://a.org/p.pdf)] [[Note](https://a.org/n)] [[Code](https://a.org/c)]\n',
    );
  });
  it('the same word changed two ways is a conflict', () => {
    expect(mergePaperText('| ⬜ | **T** |\n', '| ✅ | **T** |\n', '| ⏳ | **T** |\n')).toBeNull();
  });
});

describe('mergeLists on the seed list', () => {
  it('done/done on two papers', () => {
    const ours = replaced(seed, ROLLER, '- [x] ROLLER: Fast');
    const theirs = replaced(seed, WELDER, '- [x] Welder: Scheduling');
    const result = merge(seed, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (result.merged) expect(result.text).toBe(replaced(ours, WELDER, '- [x] Welder: Scheduling'));
  });

  it('add/add at the end of one area keeps both, ours first, each with its blank line', () => {
    const a = "- [ ] Paper A[OSDI'24]: [[Paper](https://a.org/a.pdf)]\n";
    const b = "- [ ] Paper B[SOSP'24]: [[Paper](https://b.org/b.pdf)]\n";
    const ours = replaced(seed, TASO_LINE, `${TASO_LINE}\n${a}`);
    const theirs = replaced(seed, TASO_LINE, `${TASO_LINE}\n${b}`);
    const result = merge(seed, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (result.merged) expect(result.text).toBe(replaced(seed, TASO_LINE, `${TASO_LINE}\n${a}\n${b}`));
  });

  it('CRLF line endings and a BOM are kept, also in the lines each side added', () => {
    const crlf = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    const a = "- [ ] Paper A[OSDI'24]: [[Paper](https://a.org/a.pdf)]\n";
    const ours = replaced(replaced(seed, TASO_LINE, `${TASO_LINE}\n${a}`), ROLLER, '- [x] ROLLER: Fast');
    const theirs = replaced(seed, WELDER, '- [x] Welder: Scheduling');
    const result = merge(crlf(seed), crlf(ours), crlf(theirs));
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (result.merged) expect(result.text).toBe(crlf(replaced(ours, WELDER, '- [x] Welder: Scheduling')));
  });

  it('rm of a paper the other side marked read is a conflict around that paper (never lose a side)', () => {
    const ours = replaced(seed, ROLLER, '- [x] ROLLER: Fast');
    const rollerLine = seed.split('\n').find((line) => line.startsWith(ROLLER))!;
    const theirs = replaced(seed, `${rollerLine}\n\n`, '');
    const result = merge(seed, ours, theirs);
    expect(result.merged).toBe(true);
    if (!result.merged) return;
    expect(result.textConflicts).toBe(1);
    expect(result.text).toContain(
      `<<<<<<< ours\n- [x] ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]: [[Paper](https://www.usenix.org/system/files/osdi22-zhu.pdf)]\n\n=======\n>>>>>>> theirs\n- [ ] Welder`,
    );
  });

  it('mv of a paper the other side marked read: moved and read', () => {
    const rollerLine = seed.split('\n').find((line) => line.startsWith(ROLLER))!;
    const ours = replaced(
      replaced(seed, `${rollerLine}\n\n`, ''),
      '### Distrubited Training\n\n',
      `### Distrubited Training\n\n${rollerLine}\n\n`,
    );
    const theirs = replaced(seed, ROLLER, '- [x] ROLLER: Fast');
    const result = merge(seed, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (result.merged) expect(result.text).toBe(replaced(ours, ROLLER, '- [x] ROLLER: Fast'));
  });
});

describe('mergeLists reads its result back', () => {
  it('a line that merges but reads otherwise than both sides meant is a conflict around that paper', () => {
    const list = (item: string) => `# L\n\n## A\n\n${item}\n- [ ] Other: [[Paper](https://o.org/o)]\n`;
    const base = list('- [ ] Title: [[Paper](https://p.org/p)]');
    // Ours adds a venue after the title, theirs words to the title, at the same place: put together,
    // "Title[OSDI'22] and More" reads as another title.
    const ours = list("- [ ] Title[OSDI'22]: [[Paper](https://p.org/p)]");
    const theirs = list('- [ ] Title and More: [[Paper](https://p.org/p)]').replace('- [ ] Other', '- [x] Other');
    const result = merge(base, ours, theirs);
    expect(result).toMatchObject({
      merged: true,
      textConflicts: 0,
      conflicts: [{ title: 'Title', why: "both sides' changes to its line, put together, do not read as both meant" }],
    });
    if (result.merged)
      expect(result.text).toBe(
        "# L\n\n## A\n\n<<<<<<< ours\n- [ ] Title[OSDI'22]: [[Paper](https://p.org/p)]\n=======\n- [ ] Title and More: [[Paper](https://p.org/p)]\n>>>>>>> theirs\n- [x] Other: [[Paper](https://o.org/o)]\n",
      );
  });
});

describe('mergeLists on a table with counts', () => {
  const table = (rows: string[], read: number) =>
    `# L\n\n![](https://img.shields.io/badge/Read-${read}-green) ![](https://img.shields.io/badge/Papers-${rows.length}-blue)\n\n## A\n\n| Status | Paper | Venue |\n|---|---|---|\n${rows.join('\n')}\n\n## B\n\ntext\n`;
  const row = (state: string, title: string) => `| ${state} | **${title}** | OSDI'22 |`;
  const base = table([row('⬜', 'One'), row('⬜', 'Two'), row('✅', 'Three')], 1);

  it('done/done: both rows read and the badge counts both', () => {
    const ours = table([row('✅', 'One'), row('⬜', 'Two'), row('✅', 'Three')], 2);
    const theirs = table([row('⬜', 'One'), row('✅', 'Two'), row('✅', 'Three')], 2);
    const result = merge(base, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], summary: { counts: 1 } });
    if (result.merged) expect(result.text).toBe(table([row('✅', 'One'), row('✅', 'Two'), row('✅', 'Three')], 3));
  });

  it('add/add: both rows, and the total counts both', () => {
    const ours = table([row('⬜', 'One'), row('⬜', 'Two'), row('✅', 'Three'), row('⬜', 'Four')], 1);
    const theirs = table([row('⬜', 'One'), row('⬜', 'Two'), row('✅', 'Three'), row('✅', 'Five')], 2);
    const result = merge(base, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (result.merged)
      expect(result.text).toBe(
        table([row('⬜', 'One'), row('⬜', 'Two'), row('✅', 'Three'), row('⬜', 'Four'), row('✅', 'Five')], 2),
      );
  });

  it('the same row read on one side and in progress on the other: markers around that row only', () => {
    const ours = table([row('✅', 'One'), row('✅', 'Two'), row('✅', 'Three')], 3);
    const theirs = table([row('⏳', 'One'), row('⬜', 'Two'), row('✅', 'Three')], 1);
    const result = merge(base, ours, theirs);
    expect(result.merged).toBe(true);
    if (!result.merged) return;
    expect(result.conflicts).toEqual([{ title: 'One', why: 'ours marks it read, theirs reading' }]);
    expect(result.text).toContain(
      `<<<<<<< ours\n${row('✅', 'One')}\n=======\n${row('⏳', 'One')}\n>>>>>>> theirs\n${row('✅', 'Two')}\n`,
    );
  });
});

describeIf(needs.shared)("mergeLists on the seed author's own history", () => {
  it('ours rewrote the task lists as tables (and much more); theirs unticked one task item: the row is unticked', () => {
    const base = readFileSync(join(CORPUS, 'KuangjuX__paper-reading__README@721ac84.md'), 'utf8');
    const ours = readFileSync(join(CORPUS, 'KuangjuX__paper-reading__README.md'), 'utf8');
    const line = '- [x] Unikraft: Fast, Specialized Unikernels the Easy Way';
    const theirs = replaced(base, line, line.replace('[x]', '[ ]'));
    const result = merge(base, ours, theirs);
    expect(result).toMatchObject({ merged: true, conflicts: [], textConflicts: 0 });
    if (!result.merged) return;
    // Only the row's marker and the badges (recounted: 83 papers, 68 read) differ from ours.
    const want = replaced(ours, '| ✅ | **Unikraft: Fast,', '| ⬜ | **Unikraft: Fast,')
      .replace('badge/Read-67-', 'badge/Read-68-')
      .replace('badge/To_Read-16-', 'badge/To_Read-15-');
    expect(result.text).toBe(want);
  });
});
