/**
 * The real lists, parsed once per test process (test files share a worker: vitest.config.ts
 * `isolate: false`), and re-parsed after an edit from the parts that did not change.
 *
 * A re-parse through the chunk cache parses only the parts (split at headings) the edit touched and
 * takes the rest from the first parse: test/differential.test.ts checks, on every real list and on
 * generated ones, that such a parse is the model a whole parse gives, so the tests that read an edit
 * back get the same answer for a fraction of the time (a whole re-parse of a big list takes ~0.5 s).
 * Callers must not change what they get: it is shared.
 */
import { readFileSync } from 'node:fs';
import type { ListDocument } from '../src/core/model/paper.js';
import { type ChunkCache, type ChunkModel, parseDocument } from '../src/core/read/parse.js';
import type { PartText } from '../src/core/read/parts.js';

export interface ParsedList {
  text: string;
  doc: ListDocument;
  /** The model of `edited` (this list's text after an edit), re-parsing only the parts that changed. */
  reparse(edited: string): ListDocument;
}

const parsed = new Map<string, ParsedList>();

export function parsedList(path: string): ParsedList {
  let list = parsed.get(path);
  if (!list) {
    const text = readFileSync(path, 'utf8');
    list = parsedText(text);
    parsed.set(path, list);
  }
  return list;
}

/** A part's key in a test's own cache: its text and the definitions it is read with (as hash.ts partHash). */
export function partKeyOf(part: PartText): string {
  return JSON.stringify([part.definitions, part.text]);
}

/** The same for a text of the test's own. */
function parsedText(text: string): ParsedList {
  const parts = new Map<string, ChunkModel>();
  const cache: ChunkCache = {
    get: (part) => parts.get(partKeyOf(part)),
    set: (part, model) => void parts.set(partKeyOf(part), model),
  };
  return { text, doc: parseDocument(text, { cache }), reparse: (edited) => parseDocument(edited, { cache }) };
}
