/**
 * The mdast tree of a whole document (explain, lint, track) is parsed a part at a time and joined
 * (parse-remark.ts documentTree): it must be the very tree a parse of the whole gives, positions and all,
 * on every real list and on generated documents whose parts each run alone (run length 0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBom } from '../src/core/model/text.js';
import { documentTree, parseMarkdown } from '../src/core/read/parse.js';
import { realLists, SHARED } from './helpers.js';
import { describeIf } from './needs.js';
import { propertyRuns } from './property-runs.js';

const WILD = join(SHARED, 'corpus-wild');
const wild = (() => {
  try {
    return readdirSync(WILD)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(WILD, name));
  } catch {
    return [];
  }
})();

/** Each part read alone (run length 0) and, for `runs` too, in runs of the default length: the whole's tree. */
function expectSameTree(src: string, runs = true): void {
  const whole = parseMarkdown(src);
  expect(documentTree(src, 0)).toEqual(whole);
  // (A real list of under 16 KB is one run: the whole parse again.)
  if (runs) expect(documentTree(src)).toEqual(whole);
}

describe('a document parsed part by part is the tree of the whole', () => {
  it.each(realLists())('%s', (file) => {
    expectSameTree(splitBom(readFileSync(file, 'utf8')).body, false);
  });

  it('generated documents: headings, task items, fences, HTML, comments and definitions', () => {
    const line = fc.oneof(
      { arbitrary: fc.constant(''), weight: 3 },
      fc.constantFrom('# T', '## Area', '### Sub [x]', '## *Em* `c`', '#', '##no space'),
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('- ', '* ', '1. ', '  - ', '> - ', ''),
            fc.constantFrom('[ ] ', '[x] ', ''),
            fc.constantFrom('Title', 'a [ref] b', '[Paper][p]', '[^1] note', "X [OSDI'22]: [[Paper](u)]", '<b>x'),
          )
          .map((parts) => parts.join('')),
        weight: 4,
      },
      fc.constantFrom('```', '~~~', '<!--', '-->', '<pre>', '</pre>', '<div>', '    code', '| a | b |', '|---|---|'),
      fc.constantFrom('- <!--', '    ```', '> ```', '  - ~~~', 'a\rb'),
      fc.constantFrom('[ref]: https://x.org/r', '[p]: <https://x.org/p> "t"', '[^1]: a footnote', '---', '+++', '***'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        expectSameTree(lines.join(eol));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('a last part whose code block is never closed (the definitions read after it would be code): the whole', () => {
    expectSameTree('# A\n\nSee [ref].\n\n[ref]: https://x.org\n\n## B\n\n```\ncode [ref]\n');
    expectSameTree('# A\n\n[ref]: https://x.org\n\n## B\n\n<!-- open\n- [ ] [ref]\n');
  });

  it('a block left open inside a list item at a part end, and lone \\r line endings: the whole (from a review)', () => {
    expectSameTree('<div>\n# T\n# T\n');
    expectSameTree('- <!--\n# T\n');
    expectSameTree('- [ ] one\n    ```\n# B\n');
    expectSameTree('# A\n\n- Some note\n- Another note\n    ```\n# B\n\n- [ ] x\n');
    expectSameTree('> ```\n# B\n');
    expectSameTree('# A\nfoo\rbar\n\n# B\ntext\n');
  });

  it('a list of 400 areas, each read alone', () => {
    let src = '# List\n\n';
    for (let area = 0; area < 400; area++) src += `## Area ${area}\n\n- [ ] Paper ${area}\n- [x] Other ${area}\n\n`;
    expectSameTree(src);
  });
});

describeIf({ ok: wild.length > 0, why: `${WILD} is absent (clone papers beside shared/ to run them)` })(
  'the wild lists too',
  () => {
    // (One test over them all: a suite of it.each over no files fails to collect when they are absent.)
    it('each wild list', () => {
      for (const file of wild) expectSameTree(splitBom(readFileSync(file, 'utf8')).body, false);
    });
  },
);
