/**
 * Runs in a worker thread (see parse-budget.ts): parses lists so that the main thread can stop a parse
 * that takes too long or too much memory or stack. Answers each request with the model without its
 * text (the main thread has the text) and the parts, or with the models of the parts it was given, or the
 * reason it failed.
 */
import { parentPort } from 'node:worker_threads';
import { parseDocumentParts } from '../core/read/parse.js';
import { remarkPartModel } from '../core/read/parse-remark.js';
import { readPart } from '../core/read/parts.js';
import type { WorkerAnswer, WorkerRequest } from './parse-budget.js';

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    let answer: WorkerAnswer;
    if ('parts' in request) answer = { models: request.parts.map((part) => readPart(part, remarkPartModel)) };
    else {
      const { doc, parts } = parseDocumentParts(
        request.text,
        request.definitions === undefined ? {} : { definitions: request.definitions },
      );
      answer = { doc: { ...doc, text: '' }, parts };
    }
    parentPort!.postMessage({ ok: true, ...answer });
  } catch (error) {
    const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
    parentPort!.postMessage({ ok: false, tooDeep, message: error instanceof Error ? error.message : String(error) });
  }
});
