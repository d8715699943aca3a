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
  // The list's next item, a paper or not, says whether it puts blank lines between its items (helper-61:
  // with only papers looked at, a plain item after the anchor was not seen, and the new item came tight).
  for (const [name, gap, expected] of [
    ['a loose list', '\n', '- [ ] b\n\n- [ ] New One\n\n- plain item'],
    ['a tight list', '', '- [ ] b\n- [ ] New One\n- plain item'],
  ] as const) {
    it(`follows its next item: ${name}`, async () => {
      const before = `## A\n\n- [ ] a1\n\n- [ ] a2\n- [ ] a3\n\n## B\n\n- [ ] b\n${gap}- plain item\n`;
      const file = tempFile(before);
      const result = await runCliInProcess(['--file', file, 'add', 'New One', '--area', 'B']);
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(before.replace(/- \[ \] b\n[\s\S]*$/, `${expected}\n`));
    });
  }
});
