/**
 * `papers import <file> --area A`: the entries of a BibTeX file (Zotero, Better BibTeX, pubs, papis,
 * JabRef exports), a CSL-JSON file, or a pubs repository (its `bib/` and `meta/` folders) as papers of one
 * area. Papers already listed (same DOI, arXiv id, URL or title) are not added but named on stderr.
 * `--dry-run` shows the diff.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { FileError, InvalidInputError, UsageError } from '../../core/model/errors.js';
import {
  entriesFromBibtex,
  entriesFromCslJson,
  type ImportEntry,
  type ImportPlan,
  planImport,
  pubsTags,
} from '../../core/meta/import.js';
import { withAreaChoice } from '../area-choice.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { indexCachedModel } from '../../store/identity-index.js';
import { sanitize } from '../output/sanitize.js';

export interface ImportOptions extends MutationOptions {
  area?: string;
  format?: string;
  read?: boolean;
  create?: boolean;
}

async function readSource(
  path: string,
  named: string,
  format: string | undefined,
): Promise<{ entries: ImportEntry[]; problems: string[] }> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InvalidInputError(`cannot read "${named}": no such file or folder`);
  }
  if (isDir) {
    // A pubs repository: bib/<key>.bib, meta/<key>.yaml (its tags).
    let bibs: string[];
    try {
      bibs = readdirSync(join(path, 'bib'))
        .filter((name) => name.endsWith('.bib'))
        .sort();
    } catch {
      throw new FileError(
        `"${named}" is a folder but not a pubs repository (no bib/ folder); give a .bib or CSL-JSON file`,
      );
    }
    const tags = new Map<string, string[]>();
    const texts: string[] = [];
    for (const name of bibs) {
      const text = readFileSync(join(path, 'bib', name), 'utf8');
      texts.push(text);
      const key = /@\w+\s*\{\s*([^,\s]+)/.exec(text)?.[1];
      try {
        if (key) tags.set(key, pubsTags(readFileSync(join(path, 'meta', name.replace(/\.bib$/, '.yaml')), 'utf8')));
      } catch {
        // no meta file: no tags
      }
    }
    return entriesFromBibtex(texts.join('\n\n'), tags);
  }
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const kind = format ?? (extname(path).toLowerCase() === '.json' || /^\s*\[/.test(text) ? 'csl-json' : 'bibtex');
  if (kind === 'csl-json') return entriesFromCslJson(text);
  if (kind === 'bibtex') return entriesFromBibtex(text);
  throw new UsageError(`--format takes bibtex or csl-json, not "${kind}"`);
}

export async function runImport(ctx: CommandContext, file: string, options: ImportOptions): Promise<void> {
  if (options.area === undefined)
    throw new UsageError('import needs --area <A/B>; e.g. papers import refs.bib --area "Reading/From Zotero"');
  // A relative path is relative to the run's directory (messages quote it as given).
  const { entries, problems } = await readSource(resolve(ctx.cwd, file), file, options.format);
  for (const problem of problems) ctx.stderr.write(`papers: ${sanitize(file)}: ${sanitize(problem)}\n`);
  // Bad data in a file, not a mistake on the command line: exit 1.
  if (entries.length === 0) throw new FileError(`no entries with a title in "${file}"`);
  let plan: ImportPlan | null = null;
  await withAreaChoice(ctx, options.area, options.create === true, (area, create) =>
    runMutation(ctx, options, (doc) => {
      indexCachedModel(ctx.models, doc);
      plan = planImport(doc, entries, area, create, options.read === true, ctx.listLabel);
      return plan.change;
    }),
  );
  const done = plan as ImportPlan | null;
  for (const { entry, why } of done?.duplicates ?? [])
    ctx.stderr.write(`papers: ${sanitize(entry.key)}: not added: ${sanitize(why)}\n`);
  for (const { entry, why } of done?.skipped ?? [])
    ctx.stderr.write(`papers: ${sanitize(entry.key)}: skipped: ${sanitize(why)}\n`);
}
