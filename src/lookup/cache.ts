/**
 * Answers of metadata sources, kept in the user's cache directory (`$XDG_CACHE_HOME/papers/lookup`, or
 * PAPERS_CACHE_DIR/lookup), so a repeated `add` or `cite` asks nobody. An entry older than
 * PAPERS_LOOKUP_MAX_AGE_DAYS (30; 404s: 1) is ignored. Best effort: a cache that cannot be read or
 * written is no cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCacheFile } from '../store/cache.js';
import type { LookupContext } from './source.js';

interface Entry {
  url: string;
  status: number;
  fetchedAt: number;
  body: string;
}

const DAY = 24 * 60 * 60 * 1000;

function entryName(url: string): string {
  return `${createHash('sha1').update(url).digest('hex')}.json`;
}

function maxAgeMs(ctx: LookupContext, status: number): number {
  const base = ctx.settings.maxAgeDays * DAY;
  return status === 404 ? Math.min(base, DAY) : base;
}

export function readCached(ctx: LookupContext, url: string): { status: number; body: string } | null {
  const dir = ctx.cacheDir;
  if (!dir) return null;
  try {
    const entry = JSON.parse(readFileSync(join(dir, entryName(url)), 'utf8')) as Entry;
    if (entry.url !== url || typeof entry.body !== 'string') return null;
    if (Date.now() - entry.fetchedAt > maxAgeMs(ctx, entry.status)) return null;
    return { status: entry.status, body: entry.body };
  } catch {
    return null;
  }
}

export function writeCached(ctx: LookupContext, url: string, status: number, body: string): void {
  const dir = ctx.cacheDir;
  if (!dir) return;
  writeCacheFile(dir, entryName(url), JSON.stringify({ url, status, fetchedAt: Date.now(), body } satisfies Entry));
}
