/**
 * Where `add` puts a new item: after the area's own items, which leave out the task items nested in
 * them (placement.ts outermost, one pass over the area in order of the items' starts).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/model/paper.js';
import { outermost } from '../src/core/write/placement.js';
import { runCliInProcess, tempFile } from './helpers.js';
import { propertyRuns } from './property-runs.js';

/** The definition outermost keeps to: not inside another paper that starts before it. */
function outermostByPairs(papers: Paper[]): Paper[] {
  return papers.filter(
    (paper) =>
      !papers.some(
        (other) => other !== paper && other.span.start < paper.span.start && paper.span.end <= other.span.end,
      ),
  );
}

const spans = fc.array(
  fc.tuple(fc.nat(60), fc.nat(20)).map(([start, length]) => ({ span: { start, end: start + length } }) as Paper),
  { maxLength: 40 },
);

describe('outermost', () => {
  it('keeps the papers no earlier-starting paper contains, in their order (any order, shared starts)', () => {
    fc.assert(
      fc.property(spans, (papers) => {
        expect(outermost(papers)).toEqual(outermostByPairs(papers));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('keeps papers in document order as they are', () => {
    fc.assert(
      fc.property(spans, (papers) => {
        const ordered = [...papers].sort((a, b) => a.span.start - b.span.start);
        expect(outermost(ordered)).toEqual(outermostByPairs(ordered));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe('add after an area whose items have nested items', () => {
  it('goes after the last top-level item and what is nested in it, with its bullet', async () => {
    const before = [
      '## A',
      '',
      '* [ ] One: [[Paper](https://a.org/1.pdf)]',
      '  * [ ] One, part 1: [[Paper](https://a.org/1a.pdf)]',
      '* [x] Two: [[Paper](https://a.org/2.pdf)]',
      '  * [ ] Two, part 1: [[Paper](https://a.org/2a.pdf)]',
      '    * [ ] Two, part 1, deeper: [[Paper](https://a.org/2b.pdf)]',
      '',
      '## B',
      '',
      '- [ ] Elsewhere: [[Paper](https://b.org/1.pdf)]',
      '',
    ].join('\n');
    const file = tempFile(before);
    const result = await runCliInProcess([
      '--file',
      file,
      'add',
      'Three',
      '--area',
      'A',
      '--paper',
      'https://a.org/3.pdf',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      before.replace('2b.pdf)]\n', '2b.pdf)]\n* [ ] Three: [[Paper](https://a.org/3.pdf)]\n'),
    );
  });
});

describe('add into a list of one paper, where the file is as often tight as loose', () => {
  // The items next to the anchor, papers or not, say whether its list puts blank lines between them
  // (helper-61, helper-62: a plain item before or after the anchor, a rule, another quote, CRLF). Each
  // expected text is what the model's list looseness gave before seams (5e7f842).
  const cases: [string, string, string][] = [
    [
      'plain before',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- plain\n\n- [ ] b\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- plain\n\n- [ ] b\n\n- [ ] New One\n',
    ],
    [
      'numbered before',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n1. x\n\n2. [ ] b\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n1. x\n\n2. [ ] b\n\n3. [ ] New One\n',
    ],
    ['thematic after', '## B\n\n* [ ] b\n\n* * *\n', '## B\n\n* [ ] b\n* [ ] New One\n\n* * *\n'],
    ['thematic after dash', '## B\n\n- [ ] b\n\n- - -\n', '## B\n\n- [ ] b\n- [ ] New One\n\n- - -\n'],
    ['other quote after', '## B\n\n> - [ ] b\n\n> - x\n', '## B\n\n> - [ ] b\n> - [ ] New One\n\n> - x\n'],
    [
      'plain after loose',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- [ ] b\n\n- plain item\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- [ ] b\n\n- [ ] New One\n\n- plain item\n',
    ],
    [
      'plain after tight',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- [ ] b\n- plain item\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- [ ] b\n- [ ] New One\n- plain item\n',
    ],
    [
      'note then plain before',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- plain\n  a note\n\n- [ ] b\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- plain\n  a note\n\n- [ ] b\n\n- [ ] New One\n',
    ],
    [
      'quoted loose',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n> - x\n>\n> - [ ] b\n',
      '## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n> - x\n>\n> - [ ] b\n>\n> - [ ] New One\n',
    ],
    [
      'crlf plain before',
      '## A\r\n\r\n- [ ] a1\r\n\r\n- [ ] a2\r\n- [ ] a3\r\n\r\n## B\r\n\r\n- plain\r\n\r\n- [ ] b\r\n',
      '## A\r\n\r\n- [ ] a1\r\n\r\n- [ ] a2\r\n- [ ] a3\r\n\r\n## B\r\n\r\n- plain\r\n\r\n- [ ] b\r\n\r\n- [ ] New One\r\n',
    ],
  ];
  for (const [name, before, expected] of cases) {
    it(name, async () => {
      const file = tempFile(before);
      const result = await runCliInProcess(['--file', file, 'add', 'New One', '--area', 'B']);
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(expected);
    });
  }
});
