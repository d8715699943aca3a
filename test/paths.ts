/** Where things are: the repository, its entry points, the example list and ../shared (no test runner imports here). */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The real entry, for the tests that need a process (runCli, runCliAsync, terminal runs). */
export const BIN = join(ROOT, 'bin', 'papers.cjs');
/** The seed list (the same bytes as ../shared/seed/paper-reading.md): always here. */
export const EXAMPLE = join(ROOT, 'examples', 'paper-reading.md');
/** Real lists beside the repository (read, never copied into it); tests that need them skip when absent. */
export const SHARED = resolve(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
