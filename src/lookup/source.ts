/**
 * One interface for every metadata source: a module per source (arxiv.ts, crossref.ts, dblp.ts, s2.ts,
 * openalex.ts) exports a MetaSource, and resolve.ts tries them in order. Adding a source is adding a
 * module and naming it in resolve.ts.
 */
import type { PaperMeta } from '../core/meta/work.js';
import type { Ref } from '../core/meta/ref.js';

export interface LookupContext {
  /** Read the lookup cache (false with --no-cache). */
  useCache: boolean;
}

export interface MetaSource {
  /** For messages: `arXiv`, `Crossref`, ... */
  name: string;
  /** The base URL: its environment variable, else the public default. */
  base(): string;
  /** Whether this source can look this kind of reference up. */
  supports(ref: Ref): boolean;
  /** The paper, or null when the source does not know it. Throws LookupError when it cannot be asked. */
  lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null>;
  /** Candidates for title words, best first (sources that can search). */
  search?(query: string, ctx: LookupContext): Promise<PaperMeta[]>;
}

export function baseFrom(variable: string, fallback: string): string {
  const value = process.env[variable];
  return (value && value.trim() !== '' ? value.trim() : fallback).replace(/\/+$/, '');
}

export function hostOf(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}
