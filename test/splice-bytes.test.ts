/**
 * A write's bytes spliced from the old bytes are the new text's UTF-8, byte for byte: as pieces, written
 * as they are (write.ts), fingerprinted one by one (read.ts), joined only when asked for.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { applyEdits } from '../src/core/write/splice.js';
import { fingerprintOf, storedText } from '../src/store/read.js';
import { splicedBytes, wholeBytes } from '../src/store/splice-bytes.js';
import { writeAtomically } from '../src/store/write.js';
import { tempFile } from './helpers.js';

const edits = (length: number) =>
  fc.uniqueArray(fc.nat({ max: length }), { maxLength: 6 }).chain((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    // Pairs of neighbouring points: edits that do not overlap.
    const spans = sorted.flatMap((start, i) => (i % 2 === 0 ? [{ start, end: sorted[i + 1] ?? start }] : []));
    return fc.tuple(...spans.map((span) => fc.string({ unit: 'grapheme' }).map((text) => ({ ...span, text }))));
  });
const asciiText = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n', '[', 'x', ']') });

describe('splicedBytes', () => {
  it('equals encoding the edited text, for ASCII lists and any edit text; so does its fingerprint', () => {
    fc.assert(
      fc.property(
        asciiText.chain((text) => fc.tuple(fc.constant(text), edits(text.length))),
        ([text, list]) => {
          const spliced = splicedBytes(Buffer.from(text, 'latin1'), list);
          expect(spliced).not.toBeNull();
          const encoded = Buffer.from(applyEdits(text, list), 'utf8');
          expect(wholeBytes(spliced!).equals(encoded)).toBe(true);
          expect(fingerprintOf(spliced!)).toBe(fingerprintOf(encoded));
          const stored = storedText('list.md', applyEdits(text, list), spliced!, 0o644);
          expect(stored.fingerprint).toBe(fingerprintOf(encoded));
          expect(stored.bytes.equals(encoded)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it('are written as the file, byte for byte (empty pieces and all)', async () => {
    await fc.assert(
      fc.asyncProperty(
        asciiText.chain((text) => fc.tuple(fc.constant(text), edits(text.length))),
        async ([text, list]) => {
          const before = Buffer.from(text, 'latin1');
          const file = tempFile(text, 'list.md');
          const after = applyEdits(text, list);
          const written = await writeAtomically({
            target: file,
            text: after,
            bytes: splicedBytes(before, list),
            expectedBytes: before,
          });
          expect(written.written).toBe(true);
          expect(readFileSync(file).equals(Buffer.from(after, 'utf8'))).toBe(true);
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  it('declines a list that is not ASCII (offsets are not byte offsets there)', () => {
    expect(splicedBytes(Buffer.from('- [ ] Café\n'), [{ start: 3, end: 4, text: 'x' }])).toBeNull();
  });
});
