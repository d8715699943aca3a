// Replaced at build time by esbuild's `define`; the fallback serves tests that import sources directly.
declare const __PAPERS_VERSION__: string | undefined;
export const VERSION: string = typeof __PAPERS_VERSION__ === 'string' ? __PAPERS_VERSION__ : '0.0.0-dev';
