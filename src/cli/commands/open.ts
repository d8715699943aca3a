/**
 * `papers open <id>`: the paper's link (or the one with --label) in the browser. The opener is run
 * directly, never through a shell, with the URL as one argument. Without a display or a terminal the URL
 * is printed instead. The list may be someone else's: only an http(s) URL, or a relative link to a file
 * inside the list's folder or its repository, is opened (a custom scheme's handler, `file:` or a link
 * climbing out to /usr/bin/id is refused); `--print` (and `--json`) still show any link.
 */
import type * as ChildProcess from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotFoundError, PapersError, UsageError } from '../../core/model/errors.js';
import type { Link, Paper } from '../../core/model/paper.js';
import { RESOLUTIONS, type Resolution, resolvePaper } from '../../core/query/query.js';
import { loadModelWithSource } from '../../store/stored-model.js';
import { onePaper } from '../targets.js';
import { loadList, printJson } from '../context.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';

export interface OpenOptions {
  label?: string;
  print?: boolean;
  /** Print the paper and the link as JSON; open nothing. */
  json?: boolean;
}

export async function runOpen(ctx: CommandContext, id: string | undefined, options: OpenOptions): Promise<void> {
  const path = ctx.filePath;
  const { stored, doc } = await loadList(ctx);
  // (how the paper was found, by number or id, is checked on the text below too)
  const resolved: Resolution[] = [];
  Object.defineProperty(doc.papers, RESOLUTIONS, { value: resolved });
  let paper: Paper;
  let link: Link;
  let onText = false;
  try {
    paper = await onePaper(ctx, doc.papers, id, 'open', 'Open');
    link = pickLink(paper.links, options.label, paper.id);
  } catch (error) {
    // A refusal ("no paper matches", no such link) made on a cached model is the cache's word: it is asked
    // again of the text (a parse, on a path that ends in an error otherwise). A usage error (`-` with no
    // ids on stdin) is the command line's, not the cache's.
    if (id === undefined || !(error instanceof PapersError) || error instanceof UsageError) throw error;
    const fresh = (await loadModelWithSource(ctx.models, stored, { fresh: true })).doc;
    paper = resolvePaper(fresh.papers, id);
    link = pickLink(paper.links, options.label, paper.id);
    onText = true;
  }
  // A model from the cache does not choose what a browser opens on its word: the part of the text that
  // holds the link is read again, and must say the same (the link is there, in this paper's item).
  const at = { start: link.span.start, end: link.span.end, text: '' };
  // (Loaded here: it parses, which the hot path's bundle leaves to hot-parse.cjs.)
  const { modelHoldsWhereEdited } = await import('../../store/verify.js');
  if (!onText && !(await modelHoldsWhereEdited(ctx.models.parser, stored, doc, [at], resolved))) {
    const fresh = (await loadModelWithSource(ctx.models, stored, { fresh: true })).doc;
    paper = resolvePaper(fresh.papers, id ?? paper.id);
    link = pickLink(paper.links, options.label, paper.id);
  }
  const { target, file } = resolveTarget(link.url, path);
  if (options.json) {
    printJson(ctx, { id: paper.id, title: paper.title, label: link.label, url: link.url, target });
    return;
  }
  const openable = options.print ? null : openableTarget(ctx, link.url, file);
  if (!options.print && openable === null) {
    throw new PapersError(
      `${paper.id}'s link ${link.url} is not an http(s) URL or a file inside the list's folder, so papers does not hand it to a browser; papers open --print ${paper.id}${options.label === undefined ? '' : ` --label ${JSON.stringify(options.label)}`} shows it`,
    );
  }
  const reason = options.print ? 'print' : cannotOpen(ctx);
  if (reason !== null) {
    if (reason !== 'print' && reason !== NOT_A_TERMINAL)
      ctx.stderr.write(`papers: ${reason}; printing the link instead\n`);
    ctx.stdout.write(`${sanitize(target)}\n`);
    return;
  }
  const [command, args] = opener(openable ?? target);
  const started = await start(ctx, command, args);
  if (started !== true) {
    ctx.stderr.write(`papers: could not run ${command} (${started}); printing the link instead\n`);
    ctx.stdout.write(`${sanitize(target)}\n`);
    return;
  }
  ctx.stdout.write(`opening ${sanitize(link.label)}: ${sanitize(target)}\n`);
}

function pickLink<L extends { label: string; url: string }>(links: L[], label: string | undefined, id: string): L {
  const usable = links.filter((link) => link.url.trim() !== '');
  if (label === undefined) {
    // The paper itself first: a link labelled Paper (or PDF), else the first link.
    const first = usable.find((link) => /^(paper|pdf)$/i.test(link.label.trim())) ?? usable[0];
    if (!first) throw new NotFoundError(`${id} has no link; add one with: papers note ${id} <url> --label Paper`);
    return first;
  }
  const wanted = label.trim().toLowerCase();
  const match = usable.find((link) => link.label.trim().toLowerCase() === wanted);
  if (match) return match;
  const labels = usable.map((link) => `"${link.label}"`).join(', ');
  throw new NotFoundError(`${id} has no link labelled "${label}"${labels ? `; its links are ${labels}` : ''}`);
}

/**
 * URLs with a scheme stay as they are (file: null); a relative link is a file beside the list: its
 * `file://` URL, and the file.
 */
function resolveTarget(url: string, listFile: string): { target: string; file: string | null } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { target: url, file: null };
  const [pathPart, fragment] = splitFragment(url);
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    /* keep it as written */
  }
  const file = resolve(dirname(resolve(listFile)), decoded);
  if (!existsSync(file)) throw new NotFoundError(`the link points to ${file}, which does not exist`);
  return { target: pathToFileURL(file).href + fragment, file };
}

/**
 * What a link hands the browser opener, or null when it is not to be opened: an http: or https: URL as it
 * is; a relative link whose file, resolved as the kernel resolves it (a folder link before `..` followed
 * first), is inside the list's folder or the repository's (the folder of its `.papers.json`), as the
 * `file://` URL of that real path, so that a `d/..` through a folder link cannot lead the opener elsewhere.
 */
function openableTarget(ctx: CommandContext, url: string, file: string | null): string | null {
  if (file === null) return /^https?:\/\//i.test(url) ? url : null;
  const real = realOrNull(file);
  if (real === null) return null;
  const roots = [dirname(resolve(ctx.filePath)), ...(ctx.config.file ? [ctx.config.file.dir] : [])];
  const inside = roots.some((root) => {
    const folder = realOrNull(root);
    return folder !== null && real.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
  });
  return inside ? pathToFileURL(real).href + splitFragment(url)[1] : null;
}

function realOrNull(path: string): string | null {
  try {
    // (native: the kernel's realpath(3); the JavaScript one drops `d/..` as text before following d)
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

function splitFragment(url: string): [string, string] {
  const at = url.search(/[?#]/);
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}

const NOT_A_TERMINAL = 'output is not a terminal';

/** Why a browser cannot be opened here, or null when it can. */
function cannotOpen(ctx: CommandContext): string | null {
  if (!ctx.stdout.isTTY) return NOT_A_TERMINAL;
  if (process.platform === 'linux' || process.platform === 'freebsd' || process.platform === 'openbsd') {
    if (!ctx.settings.hasDisplay) return 'no display ($DISPLAY and $WAYLAND_DISPLAY are unset)';
  }
  return null;
}

function opener(target: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [target]];
  // Not `cmd /c start`: cmd would parse & and ^ in the URL. This hands the URL over as one argument.
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', target]];
  return ['xdg-open', [target]];
}

/**
 * Starts the opener detached and waits only until it has started (or failed to). node:child_process is
 * required only here: it loads node's net module, which every `list` of the same hot file would pay for.
 */
function start(ctx: CommandContext, command: string, args: string[]): Promise<true | string> {
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false, env: ctx.env, cwd: ctx.cwd });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolvePromise(error.code === 'ENOENT' ? 'not found' : error.message),
    );
    child.once('spawn', () => {
      child.unref();
      resolvePromise(true);
    });
  });
}
