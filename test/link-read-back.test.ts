/** note's read-back (core/write/link-read-back.ts) on the models a write really plans on. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLegend } from '../src/core/read/formats/legend.js';
import { lineStart } from '../src/core/model/text.js';
import { parseDocument, parseDocumentParts } from '../src/core/read/parse.js';
import { legendHolds, linkCheck } from '../src/core/write/link-read-back.js';
import { attachLink } from '../src/core/write/operations.js';
import { applyEdits } from '../src/core/write/splice.js';
import { ModelCache } from '../src/store/cache.js';
import { encodeEntry } from '../src/store/cache/encode.js';
import { fingerprintOf } from '../src/store/read.js';
import { tempDir } from './helpers.js';

describe('a link read back', () => {
  it("reads a cached paper's own line, not the whole list, and plans what a fresh model plans", () => {
    // A cached paper's fields are getters: a check that copied them with a spread found no title, and
    // read the whole list for every note (a 10,000-paper list's note took twice as long).
    const text = readFileSync(new URL('../examples/paper-reading.md', import.meta.url), 'utf8');
    const { doc, parts } = parseDocumentParts(text);
    const files = new ModelCache(tempDir());
    files.storeEntry(fingerprintOf(text), '/list.md', encodeEntry(doc, parts), text, !doc.readAsWhole);
    const cached = files.exact(fingerprintOf(text), text)!.doc;
    expect(cached.papers.length).toBe(doc.papers.length);
    const lengths: number[] = [];
    const readBack = (piece: string) => {
      lengths.push(piece.length);
      return parseDocument(piece);
    };
    cached.papers.forEach((paper, i) => {
      const change = attachLink(cached, paper, 'Code', 'https://x.org/c', readBack);
      expect(change.edits).toEqual(attachLink(doc, doc.papers[i]!, 'Code', 'https://x.org/c', parseDocument).edits);
    });
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThan(text.length / 4);
  });
});

describe('a candidate link, checked', () => {
  it("reads the paper's line with the file's definitions: `[^1](u)` is a footnote where `[^1]:` is defined", () => {
    const text = '- [ ] Alpha paper\n\n[^1]: a footnote\n';
    const doc = parseDocument(text);
    const paper = doc.papers[0]!;
    const at = paper.body.end;
    const check = linkCheck(doc, paper, [{ label: '^1', url: 'https://x.org/' }], parseDocument);
    expect(check({ start: at, end: at, text: ' [^1](https://x.org/)' })).toBe(false);
    expect(check({ start: at, end: at, text: ' [\\^1](https://x.org/)' })).toBe(true);
  });
});

describe("the legend check of a link's block", () => {
  // legendHolds reads only the block (blank lines apart) that holds the edit: where it says the legend
  // holds, the whole text's legend must be the one it was.
  const line = fc.constantFrom(
    '✅ read',
    '⬜ todo',
    '📖 reading, ✅ done',
    '- Alpha paper ✅',
    '- [ ] Beta paper',
    '- Gamma ⬜',
    '| Title | Status |',
    '|---|---|',
    '| Delta | ✅ |',
    'Some words',
    '',
    '   ',
  );
  const fragment = fc.constantFrom(
    ' [[code](https://x.org/⬜done)]',
    ' ✅todo',
    '⬜ done',
    ' 📖 read,',
    ' x',
    ' [[p](https://x.org/)]',
  );
  it('lineStart of offset 0 is 0, also in a text that opens with a line break', () => {
    expect(lineStart('\n✅ read', 0)).toBe(0);
    expect(lineStart('\n✅ read', 1)).toBe(1);
  });

  it('says the legend holds only where the whole text keeps it', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(),
        fragment,
        (lines, crlf, pick, text) => {
          const eol = crlf ? '\r\n' : '\n';
          const doc = lines.join(eol);
          // (The edit is in a paper's line, which is never blank.)
          const filled = lines.flatMap((text, i) => (text.trim() === '' ? [] : [i]));
          fc.pre(filled.length > 0);
          const i = filled[pick % filled.length]!;
          const at = lines.slice(0, i + 1).join(eol).length;
          const edit = { start: at, end: at, text };
          if (legendHolds(doc, edit))
            expect(JSON.stringify([...findLegend(applyEdits(doc, [edit]))])).toBe(JSON.stringify([...findLegend(doc)]));
        },
      ),
      { numRuns: 3000, ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}) },
    );
  });
});
