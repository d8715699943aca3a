/**
 * Every parse of a list runs within a budget, so that no file under the size limit can hang papers or
 * crash it: nesting deeper than any list needs is refused before parsing, and a file that does not look
 * like an ordinary list (see looksOrdinary) is parsed in a worker thread that is stopped after a deadline
 * or when it runs out of memory or stack. Each way ends in one message: this file is too complex to parse.
 */
import type { ReadingRule } from '../core/read/formats/rules.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { FileError } from '../core/model/errors.js';
import type { ListDocument } from '../core/model/paper.js';
import type { ChunkCache, ChunkModel, ParsedPart, PartText } from '../core/read/parts.js';

const WORKER_MEMORY_MB = 2048;

/** The budget (from src/config: PAPERS_MAX_DEPTH, PAPERS_PARSE_TIMEOUT_MS). */
export interface ParseLimits {
  /** Deeper than any reading list nests (block quotes and lists together). */
  maxDepth: number;
  parseTimeoutMs: number;
}

export interface Parsed {
  doc: ListDocument;
  parts: ParsedPart[];
}

/**
 * The parser of one run, within its limits. Its worker (for unusual files) is started on the first such
 * parse and kept for the next (a write parses up to three times); close() stops it at the run's end.
 */
export class ParseBudget {
  private worker: Worker | null = null;
  /**
   * Part models read afresh from a text this run is about to write (add's read-back of its new row, which
   * reads the whole file): the parse of the written text after the write takes them for the parts it
   * shares (a part reads the same every time: its text and definitions are its key), so a table list's
   * add parses the file once, not twice. Only models no parse changes in place are put here (see
   * ChunkCache.forThisParseOnly); a part no one put here is parsed as before.
   */
  readonly freshParts = new FreshParts();

  constructor(private readonly limits: ParseLimits) {}

  /**
   * `piece.definitions`: `text` is a piece of a document (a part, or the text up to one: verify.ts), whose
   * parts are read with these definitions (chunks.ts splitDocument).
   */
  async parse(
    path: string,
    text: string,
    known: ChunkCache | null,
    piece: { rules?: readonly ReadingRule[]; definitions?: string } = {},
  ): Promise<Parsed> {
    const { rules, definitions } = piece;
    refuseDeepNesting(path, text, this.limits.maxDepth);
    if (rules?.length) {
      // The user's rules travel with the text: parsed here (the worker reads files without them).
      const { parseDocumentPartsLazily } = await import('../core/read/parts.js');
      return parseDocumentPartsLazily(text, { rules });
    }
    known = withFresh(known, this.freshParts);
    const workerFile = new URL('./parse-worker.js', import.meta.url);
    const parts = await import('../core/read/parts.js');
    const here = (cache: ChunkCache | null, beforeRead?: (part: PartText) => void) =>
      parts.parseDocumentPartsLazily(text, {
        ...(cache ? { cache } : {}),
        ...(definitions === undefined ? {} : { definitions }),
        ...(beforeRead ? { beforeRead } : {}),
      });
    // An ordinary list parses here, at full speed (a worker costs time and memory to start and to copy
    // the model back); remark is loaded only if some part needs it. Run from the TypeScript sources
    // (unit tests) there is no built worker either.
    if (looksOrdinary(text) || !existsSync(fileURLToPath(workerFile))) return here(known);
    // Otherwise only the parts that do not look ordinary, and that no cache holds, are read in the worker;
    // the rest here: a long line in one area does not send every write elsewhere in the list to the worker.
    const unusual = parts
      .partTexts(text, definitions)
      .filter((part) => !looksOrdinary(part.text) && known?.get(part) === undefined);
    const answer: WorkerAnswer =
      unusual.length === 0
        ? { models: [] }
        : await this.inWorker(await this.started(workerFile), path, { parts: unusual });
    // (A part that ends inside a block is read again with the next one: the whole goes to the worker.)
    if ('models' in answer && !answer.models.some((model) => model.openAtEnd)) {
      const read = new Map(unusual.map((part, i) => [partKey(part), answer.models[i]!]));
      const withRead: ChunkCache = {
        get: (part) => read.get(partKey(part)) ?? known?.get(part),
        set: (part, model) => known?.set(part, model),
        // (A cache that keeps its models for later parses must get them unchanged: see ChunkCache.)
        forThisParseOnly: known ? known.forThisParseOnly === true : true,
      };
      try {
        return await here(withRead, (part) => {
          if (!looksOrdinary(part.text)) throw new UnusualPart();
        });
      } catch (error) {
        if (!(error instanceof UnusualPart)) throw error;
        // Parts joined, or read again knowing the tables, came to more than an ordinary part: the whole there.
      }
    }
    const whole = await this.inWorker(await this.started(workerFile), path, {
      text,
      ...(definitions === undefined ? {} : { definitions }),
    });
    if (!('doc' in whole)) throw new Error('internal: the parse worker answered a whole document with parts');
    return { doc: { ...whole.doc, text }, parts: whole.parts };
  }

  /** The run's worker, started on first use. */
  private async started(workerFile: URL): Promise<Worker> {
    // node:worker_threads is loaded only here: most runs never need it.
    const { Worker: WorkerThread } = await import('node:worker_threads');
    this.worker ??= new WorkerThread(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB } });
    return this.worker;
  }

  /** Stops the worker, if one was started (the run is over). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private inWorker(current: Worker, path: string, request: WorkerRequest): Promise<WorkerAnswer> {
    current.ref();
    return new Promise<WorkerAnswer>((resolve, reject) => {
      // Clamped to setTimeout's limit: a longer value would fire at once.
      const timeoutMs = Math.min(this.limits.parseTimeoutMs, 2 ** 31 - 1);
      const fail = (error: Error) => {
        cleanUp();
        if (this.worker === current) this.worker = null;
        void current.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(tooComplex(path, `it took longer than ${Math.round(timeoutMs / 1000)}s`)),
        timeoutMs,
      );
      const onMessage = (answer: Answer) => {
        cleanUp();
        current.unref();
        if (answer.ok) resolve(answer);
        else reject(answer.tooDeep ? tooComplex(path, 'it nests too deeply') : new Error(answer.message));
      };
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') fail(tooComplex(path, `it needed over ${WORKER_MEMORY_MB} MB`));
        else if (error instanceof RangeError && /call stack/i.test(error.message))
          fail(tooComplex(path, 'it nests too deeply'));
        else fail(error);
      };
      const cleanUp = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
      };
      current.on('message', onMessage);
      current.on('error', onError);
      current.postMessage(request);
    });
  }
}

/**
 * What every reading list looks like, and what the inputs that make markdown parsers slow do not: short
 * lines, shallow indentation, and markup characters (backticks, brackets, emphasis, angle brackets) that
 * are a small share of the text. Size alone is not suspect (the read limit bounds it; 50,000 papers may
 * take more than the deadline on a busy machine). Anything else is parsed in the worker, under it.
 */
function looksOrdinary(text: string): boolean {
  if (longestLine(text) > 2000 || /^[ \t]{201}/m.test(text)) return false;
  // (counted, not matched: a match array of every bracket in 100,000 papers costs ~0.15 s)
  let markup = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ` * _ [ ] < >
    if (c === 96 || c === 42 || c === 95 || c === 91 || c === 93 || c === 60 || c === 62) markup++;
  }
  return markup <= text.length * 0.2;
}

/** What the worker is asked (parse-worker.ts): a whole document, or some parts of one. */
export type WorkerRequest = { text: string; definitions?: string } | { parts: PartText[] };
/** A whole document's model without its text (the main thread has it), or the parts' models in order. */
export type WorkerAnswer = { doc: ListDocument; parts: ParsedPart[] } | { models: ChunkModel[] };
type Answer = ({ ok: true } & WorkerAnswer) | { ok: false; tooDeep: boolean; message: string };

/** Models by part (its text and definitions), kept for the run: see ParseBudget.freshParts. */
class FreshParts implements ChunkCache {
  readonly models = new Map<string, ChunkModel>();
  get(part: PartText): ChunkModel | undefined {
    return this.models.get(partKey(part));
  }
  set(part: PartText, model: ChunkModel): void {
    this.models.set(partKey(part), model);
  }
}

/**
 * `known` with the run's fresh part models first (they were read from the text itself, this run; the
 * models a parse makes still go to `known` alone).
 */
function withFresh(known: ChunkCache | null, fresh: FreshParts): ChunkCache | null {
  if (fresh.models.size === 0) return known;
  return {
    get: (part) => fresh.get(part) ?? known?.get(part),
    set: (part, model) => known?.set(part, model),
    forThisParseOnly: known ? known.forThisParseOnly === true : true,
  };
}

/** A part read afresh here that does not look ordinary: the parse goes to the worker. */
class UnusualPart extends Error {}

/** A part's key among the parts the worker read (one parse: the same document definitions throughout). */
function partKey(part: PartText): string {
  return `${part.definitions}\u0000${part.text}`;
}

function tooComplex(path: string, why: string): FileError {
  return new FileError(
    `${path} is too complex to parse (${why}); nothing was changed. Is it really a markdown reading list?`,
  );
}

/**
 * The deepest nesting any line opens, counted cheaply: `>` markers and list markers at the start of
 * the line (`- - - x` is three lists). Deep nesting by indentation alone costs lines, not bytes: the
 * size limit and the parse deadline bound it.
 */
function refuseDeepNesting(path: string, text: string, limit: number): void {
  const opening = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/gm;
  for (let match = opening.exec(text); match !== null; match = opening.exec(text)) {
    const depth = match[0].replace(/[ \t\d]/g, '').length;
    if (depth > limit) {
      const line = text.slice(0, match.index).split(/\r\n|\r|\n/).length;
      throw tooComplex(path, `line ${line} nests over ${limit} levels deep`);
    }
  }
}

/** The length of the longest line, in one pass (a regex like /[^\n]{2001}/ is quadratic on long lines). */
function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > longest) longest = end - start;
    if (newline < 0) return longest;
    start = newline + 1;
  }
}
