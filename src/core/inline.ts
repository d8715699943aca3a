/**
 * Kept so that existing importers keep working: the reading of a task item's text lives in
 * src/core/inline/ (flatten -> links -> title -> read).
 */
export { type InlineContext, type InlineFacts, readInline } from './inline/read.js';
