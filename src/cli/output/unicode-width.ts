/**
 * string-width under a name of its own: the hot path requires it as a CommonJS file (dist/hot-width.cjs,
 * see scripts/build.mjs), where a package's default export would come back as the module object.
 */
export { default as stringWidth } from 'string-width';
