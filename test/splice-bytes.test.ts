/** A write's bytes spliced from the old bytes are the new text's UTF-8, byte for byte. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { applyEdits } from '../src/core/write/splice.js';
import { splicedBytes } from '../src/store/splice-bytes.js';

describe('splicedBytes', () => {
  it('equals encoding the edited text, for ASCII lists and any edit text', () => {
    const edits = (length: number) =>
      fc.uniqueArray(fc.nat({ max: length }), { maxLength: 6 }).chain((points) => {
        const sorted = [...points].sort((a, b) => a - b);
        // Pairs of neighbouring points: edits that do not overlap.
        const spans = sorted.flatMap((start, i) => (i % 2 === 0 ? [{ start, end: sorted[i + 1] ?? start }] : []));
        return fc.tuple(...spans.map((span) => fc.string({ unit: 'grapheme' }).map((text) => ({ ...span, text }))));
      });
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n', '[', 'x', ']') })
          .chain((text) => fc.tuple(fc.constant(text), edits(text.length))),
        ([text, list]) => {
          const spliced = splicedBytes(Buffer.from(text, 'latin1'), list);
          expect(spliced).not.toBeNull();
          expect(spliced!.equals(Buffer.from(applyEdits(text, list), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it('declines a list that is not ASCII (offsets are not byte offsets there)', () => {
    expect(splicedBytes(Buffer.from('- [ ] Café\n'), [{ start: 3, end: 4, text: 'x' }])).toBeNull();
  });
});
