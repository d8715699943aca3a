/**
 * The real lists, parsed once per test process (test files share a worker: vitest.config.ts
 * `isolate: false`), and re-parsed after an edit from the parts that did not change.
 *
 * A re-parse through the chunk cache parses only the parts (split at headings) the edit touched and
 * takes the rest from the first parse: test/differential.test.ts checks, on every real list and on
 * generated ones, that such a parse is the model a whole parse gives, so the tests that read an edit
 * back get the same answer for a fraction of the time (a whole re-parse of a big list takes ~0.5 s).
 * Callers must not change what they get: it is shared.
 *
 * The test processes share the parts too: the first to parse a list leaves its parts' models in this run's
 * directory, and another process that needs the list assembles it from them (the same check of
 * differential.test.ts: a parse served from cached parts, copied as JSON, is the model a whole parse gives)
 * instead of parsing it again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
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

/** Where the parts of the lists parsed in this run are left for the other test processes (see above). */
const SHARED_PARTS = join(inject('papersRunDir'), 'parsed-lists');

/** The same for a text of the test's own. */
function parsedText(text: string): ParsedList {
  const parts = new Map<string, ChunkModel>();
  const cache: ChunkCache = {
    get: (part) => parts.get(partKeyOf(part)),
    set: (part, model) => void parts.set(partKeyOf(part), model),
  };
  const stored = join(SHARED_PARTS, `${createHash('sha1').update(text).digest('hex')}.json`);
  let shared: [string, ChunkModel][] | undefined;
  try {
    shared = JSON.parse(readFileSync(stored, 'utf8')) as [string, ChunkModel][];
  } catch {
    // Not parsed yet in this run.
  }
  for (const [key, model] of shared ?? []) parts.set(key, model);
  const doc = parseDocument(text, { cache });
  if (!shared) {
    // Whole or not at all (another process may be reading it): written beside it, then renamed.
    mkdirSync(SHARED_PARTS, { recursive: true });
    const temp = `${stored}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify([...parts]));
    renameSync(temp, stored);
  }
  return { text, doc, reparse: (edited) => parseDocument(edited, { cache }) };
}
