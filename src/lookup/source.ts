/**
 * One interface for every metadata source: a module per source (arxiv.ts, crossref.ts, dblp.ts, s2.ts,
 * openalex.ts) exports a MetaSource, and resolve.ts tries them in order. Adding a source is adding a
 * module and naming it in resolve.ts.
 */
import type { PaperMeta } from '../core/meta/work.js';
import type { Ref } from '../core/meta/ref.js';
import type { LookupSettings } from '../config/index.js';
import type { HttpSession } from './http.js';

/** What a lookup needs from its run: made once per run by the CLI (see cli/lookup-context.ts), never global. */
export interface LookupContext {
  /** Read the lookup cache (false with --no-cache). */
  useCache: boolean;
  /** The base URLs, timeouts, retries and caps (PAPERS_* variables, read by src/config). */
  settings: LookupSettings;
  /** Where answers are kept (`<cache>/lookup`), or null: no cache, or one that is not private. */
  cacheDir: string | null;
  /** The run's requests: one queue per host, hosts found unreachable, when each was last asked. */
  http: HttpSession;
}

export interface MetaSource {
  /** For messages: `arXiv`, `Crossref`, ... */
  name: string;
  /** The base URL: its PAPERS_*_API setting, else the public default. */
  base(settings: LookupSettings): string;
  /** Whether this source can look this kind of reference up. */
  supports(ref: Ref): boolean;
  /** The paper, or null when the source does not know it. Throws LookupError when it cannot be asked. */
  lookup(ref: Ref, ctx: LookupContext): Promise<PaperMeta | null>;
  /** Candidates for title words, best first (sources that can search). */
  search?(query: string, ctx: LookupContext): Promise<PaperMeta[]>;
}

export function hostOf(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}
