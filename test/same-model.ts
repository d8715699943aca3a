/**
 * The check both differential.test.ts and definitions.test.ts make: every path that reads a list (the
 * parse, the lazy parse, a part cache, the file cache and a re-parse from its parts) gives exactly the
 * model one whole-document remark parse gives, every field and every offset.
 */
import { expect } from 'vitest';
import type { ListDocument } from '../src/core/model/paper.js';
import { type ChunkCache, type ChunkModel, parseDocument, parseDocumentParts } from '../src/core/read/parse.js';
import { parseDocumentPartsLazily } from '../src/core/read/parts.js';
import { ModelCache } from '../src/store/cache.js';
import { encodeEntry } from '../src/store/cache/encode.js';
import { fingerprintOf } from '../src/store/read.js';
import { tempDir } from './helpers.js';
import { partKeyOf } from './lists.js';

export async function expectSameModel(
  text: string,
  /** The whole-document remark parse of `text`, when the caller has made it already. */
  reference: ListDocument = parseDocument(text, { reference: true }),
): Promise<void> {
  expectSectionEnds(reference);
  // The parse (parseDocument is this call's .doc), filling a part cache, and the parts the file cache
  // stores below.
  const store = new Map<string, ChunkModel>();
  const cache: ChunkCache = {
    get: (part) => store.get(partKeyOf(part)),
    set: (part, model) => void store.set(partKeyOf(part), JSON.parse(JSON.stringify(model))),
  };
  const { doc, parts } = parseDocumentParts(text, { cache });
  expect(doc).toEqual(reference);
  // The store's path, with no cache (the models it makes become the papers in place): remark imported
  // only when a part needs it.
  expect((await parseDocumentPartsLazily(text)).doc).toEqual(reference);
  // A second parse served from the cached parts is the same model.
  expect(parseDocument(text, { cache })).toEqual(reference);
  // Through the file cache: the stored model, and a re-parse that takes its parts from it.
  const files = new ModelCache(tempDir());
  files.storeEntry(fingerprintOf(text), '/list.md', encodeEntry(doc, parts), text, !doc.readAsWhole);
  // Cached papers decode their offsets lazily: compare them as plain data.
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  expect(plain(files.exact(fingerprintOf(text), text)?.doc)).toEqual(plain(reference));
  expect(parseDocument(text, { cache: files.previousParts('/list.md', text.length) })).toEqual(reference);
  expect((await parseDocumentPartsLazily(text, { cache: files.previousParts('/list.md', text.length) })).doc).toEqual(
    reference,
  );
}

/** Section ends as the model defines them, the slow way: the next heading of the same or a higher level. */
function expectSectionEnds(doc: ListDocument): void {
  const ends = doc.headings.map(
    (heading, i) =>
      doc.headings.slice(i + 1).find((next) => next.depth <= heading.depth)?.span.start ?? doc.text.length,
  );
  expect(doc.headings.map((heading) => heading.sectionEnd)).toEqual(ends);
}
