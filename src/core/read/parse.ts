/**
 * Markdown text -> ListDocument, synchronously: the line scanner where it reads a part, remark for the
 * rest (see parts.ts for how a document is split, parsed and assembled). Importing this module loads
 * remark; the store parses through parts.ts's parseDocumentPartsLazily, which loads it only when needed.
 * Never throws on user content.
 */
import type { ListDocument } from '../model/paper.js';
import type { ReadingRule } from './formats/rules.js';
import { documentTree, parseMarkdown, remarkPartModel } from './parse-remark.js';
import { type ChunkCache, type Parsed, parseAsOnePart, parsePartsWith, parseWithRules } from './parts.js';

export type { ChunkCache, ChunkModel, ParsedPart, PartialHeading, PartialPaper } from './parts.js';
export { documentTree, parseMarkdown };

export interface ParseOptions {
  cache?: ChunkCache;
  /** `text` is a piece of a document whose parts are read with these definitions (chunks.ts splitDocument). */
  definitions?: string;
  /** Parse with remark-parse only, as one part: the reference the fast paths are tested against. */
  reference?: boolean;
  /** The user's reading rules for this list (.papers.json `formats`), as the store parses it with them. */
  rules?: readonly ReadingRule[] | undefined;
}

export function parseDocument(text: string, options: ParseOptions = {}): ListDocument {
  return parseDocumentParts(text, options).doc;
}

/** The document and the parts it was assembled from (the cache stores them). */
export function parseDocumentParts(text: string, options: ParseOptions = {}): Parsed {
  if (options.reference) return parseAsOnePart(text, remarkPartModel);
  if (options.rules?.length) return parseWithRules(text, remarkPartModel, options.rules);
  return parsePartsWith(text, remarkPartModel, options.cache, undefined, options.definitions);
}
