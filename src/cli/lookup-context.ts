/**
 * The lookup context of a command: the run's lookup settings, the private answer cache (none under
 * PAPERS_NO_CACHE or when the cache directory is not private: a planted answer would be written into the
 * list), and a fresh HttpSession, so two runs in one process never share a host queue or a dead host.
 */
import { join } from 'node:path';
import { HttpSession } from '../lookup/http.js';
import type { LookupContext } from '../lookup/source.js';
import { privateDirectory } from '../store/private-dir.js';
import type { CommandContext } from './context.js';

export function lookupContextOf(ctx: CommandContext, options: { cache?: boolean }): LookupContext {
  const { settings } = ctx;
  const cacheRoot = settings.noCache ? null : privateDirectory(settings.cacheDir);
  return {
    useCache: options.cache !== false,
    settings: settings.lookup,
    cacheDir: cacheRoot ? privateDirectory(join(cacheRoot, 'lookup')) : null,
    http: new HttpSession(),
  };
}
