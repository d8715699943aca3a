/** note's read-back (core/write/link-read-back.ts) on the models a write really plans on. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentParts } from '../src/core/read/parse.js';
import { attachLink } from '../src/core/write/operations.js';
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
