/**
 * Runs in a worker thread (see parse-budget.ts): parses lists so that the main thread can stop a parse
 * that takes too long or too much memory or stack. Answers each request with the model without its
 * text (the main thread has the text) and the parts, or the reason it failed.
 */
import { parentPort } from 'node:worker_threads';
import { parseDocumentParts } from '../core/read/parse.js';

parentPort!.on('message', ({ text, definitions }: { text: string; definitions?: string }) => {
  try {
    const { doc, parts } = parseDocumentParts(text, definitions === undefined ? {} : { definitions });
    parentPort!.postMessage({ ok: true, doc: { ...doc, text: '' }, parts });
  } catch (error) {
    const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
    parentPort!.postMessage({ ok: false, tooDeep, message: error instanceof Error ? error.message : String(error) });
  }
});
