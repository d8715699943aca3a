/**
 * The one way papers talks to the network: GET with a descriptive User-Agent and a timeout, one
 * request at a time per host, a minimum gap between requests to hosts that ask for one (arXiv: 3 s),
 * and retries with backoff on 429/503 that honour Retry-After. Responses are cached (see cache.ts).
 *
 * Knobs (read by src/config into LookupSettings; documented in the README; tests use them to stay fast):
 * PAPERS_HTTP_TIMEOUT_MS (5000), PAPERS_HTTP_MIN_INTERVAL_MS (overrides every per-host gap),
 * PAPERS_HTTP_RETRIES (3 tries in all), PAPERS_HTTP_MAX_WAIT_MS (longest wait a Retry-After may ask for,
 * 30000), PAPERS_HTTP_MAX_BYTES (2 MB), PAPERS_MAILTO (your address, sent so that Crossref and OpenAlex can
 * reach you, as they ask). What a run remembers between requests lives in its HttpSession, not here.
 */
import { LookupError, UnreachableError } from './errors.js';
import type { LookupSettings } from '../config/index.js';
import { readCached, writeCached } from './cache.js';
import type { LookupContext } from './source.js';

export interface HttpResponse {
  status: number;
  body: string;
  /** Served from the lookup cache. */
  cached: boolean;
}

export interface GetOptions {
  accept?: string;
  /** Gap to keep between two requests to this host, in ms (unless PAPERS_HTTP_MIN_INTERVAL_MS says otherwise). */
  minIntervalMs?: number;
}

// Set at build time by esbuild's `define` (as in cli/version.ts, which lookup must not import: imports point down).
declare const __PAPERS_VERSION__: string | undefined;
const VERSION: string = typeof __PAPERS_VERSION__ === 'string' ? __PAPERS_VERSION__ : '0.0.0-dev';

/** What one run remembers between its requests (made per run: two runs in one process share nothing). */
export class HttpSession {
  /** The request each host is answering now: the next one to that host waits for it. */
  readonly hostQueues = new Map<string, Promise<unknown>>();
  /** Hosts that could not be reached in this run: asked again, they fail at once instead of waiting out another timeout. */
  readonly unreachable = new Map<string, UnreachableError>();
  readonly lastRequestAt = new Map<string, number>();
}

function userAgent(settings: LookupSettings): string {
  const mailto = settings.mailto ? `; mailto:${settings.mailto}` : '';
  return `papers/${VERSION} (markdown reading-list CLI; looks up one paper at a time for its user${mailto})`;
}

/** `5 s`, `0.3 s`. */
function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET `url`. 200 and 404 come back as responses (404 means "no such paper"); other statuses after the
 * retries, an unreachable host or a timeout throw a LookupError whose message names the host.
 */
async function get(ctx: LookupContext, url: string, options: GetOptions): Promise<HttpResponse> {
  if (ctx.useCache) {
    const hit = readCached(ctx, url);
    if (hit !== null) return { status: hit.status, body: hit.body, cached: true };
  }
  const host = new URL(url).host;
  const dead = ctx.http.unreachable.get(host);
  if (dead) throw new UnreachableError(dead.host, dead.reason);
  const previous = ctx.http.hostQueues.get(host) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => fetchWithRetries(ctx, url, host, options));
  ctx.http.hostQueues.set(host, run);
  return run;
}

/**
 * GET and read: `parse` turns a 200 body into a value (throwing on a body it cannot read); 404 gives
 * null. Only answers that were read are cached, so a damaged answer is asked for again next time.
 */
export async function getParsed<T>(
  ctx: LookupContext,
  url: string,
  options: GetOptions,
  parse: (body: string) => T,
): Promise<T | null> {
  const response = await get(ctx, url, options);
  if (response.status === 404) {
    if (!response.cached) writeCached(ctx, url, 404, response.body);
    return null;
  }
  let value: T;
  try {
    value = parse(response.body);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LookupError(
      `${new URL(url).host} sent an answer papers cannot read (${why})${response.cached ? '; run again with --no-cache' : ''}`,
    );
  }
  if (!response.cached) writeCached(ctx, url, 200, response.body);
  return value;
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('not JSON');
  }
}

async function fetchWithRetries(
  ctx: LookupContext,
  url: string,
  host: string,
  options: GetOptions,
): Promise<HttpResponse> {
  const tries = Math.max(1, ctx.settings.tries);
  const maxWait = ctx.settings.maxWaitMs;
  let lastStatus = 0;
  for (let attempt = 1; attempt <= tries; attempt++) {
    await keepGap(ctx, host, options.minIntervalMs ?? 0);
    const { status, body, retryAfter } = await fetchOnce(ctx, url, host, options);
    if (status !== 429 && status !== 503) {
      if (status === 200 || status === 404) return { status, body, cached: false };
      throw new LookupError(`${host} answered HTTP ${status} for ${pathOf(url)}`);
    }
    lastStatus = status;
    if (attempt === tries) break;
    const backoff = Math.min(maxWait, 1000 * 2 ** (attempt - 1));
    const wait = retryAfter ?? backoff;
    if (wait > maxWait)
      throw new LookupError(`${host} asks papers to wait ${seconds(wait)} (HTTP ${status}); try again later`);
    await sleep(wait);
  }
  throw new LookupError(
    `${host} answered HTTP ${lastStatus} (${lastStatus === 429 ? 'too many requests' : 'unavailable'}) ${tries} times; try again later`,
  );
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

async function keepGap(ctx: LookupContext, host: string, defaultGap: number): Promise<void> {
  const gap = ctx.settings.minIntervalMs ?? defaultGap;
  const last = ctx.http.lastRequestAt.get(host);
  if (last !== undefined && gap > 0) {
    const wait = last + gap - Date.now();
    if (wait > 0) await sleep(wait);
  }
  ctx.http.lastRequestAt.set(host, Date.now());
}

async function fetchOnce(
  ctx: LookupContext,
  url: string,
  host: string,
  options: GetOptions,
): Promise<{ status: number; body: string; retryAfter: number | null }> {
  const limit = ctx.settings.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit);
  try {
    const response = await fetch(url, {
      headers: { 'User-Agent': userAgent(ctx.settings), Accept: options.accept ?? '*/*' },
      signal: controller.signal,
      redirect: 'follow',
    });
    const body = await readCapped(response, host, url, controller, ctx.settings.maxBytes);
    return { status: response.status, body, retryAfter: parseRetryAfter(response.headers.get('retry-after')) };
  } catch (error) {
    if (error instanceof LookupError) throw error;
    const failure = new UnreachableError(
      host,
      controller.signal.aborted ? `timed out after ${seconds(limit)}` : networkReason(error),
    );
    ctx.http.unreachable.set(host, failure);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} kB`;
}

/**
 * The body as text, read no further than `limit` bytes after decompression (PAPERS_HTTP_MAX_BYTES, 2 MB: a
 * paper's record is a few kB): a larger answer is refused and the download stopped.
 */
async function readCapped(
  response: Response,
  host: string,
  url: string,
  controller: AbortController,
  limit: number,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw new LookupError(
        `${host} sent more than ${size(limit)} for ${pathOf(url)}; papers reads at most ${size(limit)} of an answer (PAPERS_HTTP_MAX_BYTES)`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Seconds or an HTTP date -> ms; null when absent or unreadable. */
function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host, or no network';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'network unreachable';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    default:
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}
