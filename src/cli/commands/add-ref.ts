/**
 * `papers add <ref>` and `papers add --lookup "<words>"`: the metadata behind a reference, fetched
 * before the list is locked. What comes back goes through the same `add` as a typed title.
 */
import { AmbiguousError, NotFoundError } from '../../core/model/errors.js';
import { duplicateError, findDuplicate } from '../../core/query/identity.js';
import { indexCachedModel } from '../../store/identity-index.js';
import { clearBest, describeHit } from '../../core/meta/match.js';
import { emptyMeta, type PaperMeta } from '../../core/meta/work.js';
import type { Ref } from '../../core/meta/ref.js';
import { LookupError } from '../../lookup/errors.js';
import { resolveRef, searchTitle, withPublishedVenue } from '../../lookup/resolve.js';
import type { LookupContext } from '../../lookup/source.js';
import { loadList } from '../context.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';
import { choose, isInteractive } from '../prompt.js';

export async function fetchForAdd(
  ctx: CommandContext,
  ref: Ref,
  area: string,
  lookup: LookupContext,
  force: boolean,
): Promise<PaperMeta> {
  // A paper already listed under this arXiv id or DOI is refused before anyone is asked.
  if (!force && ref.kind !== 'search' && ref.kind !== 'dblp') {
    const doc = (await loadList(ctx)).doc;
    indexCachedModel(ctx.models, doc);
    const same = findDuplicate(doc, {
      title: '',
      urls: ref.url ? [ref.url] : [],
      arxiv: ref.kind === 'arxiv' ? ref.id : null,
      doi: ref.kind === 'doi' ? ref.doi : null,
    });
    if (same) throw duplicateError(same);
  }
  try {
    const { meta, warnings } =
      ref.kind === 'search' ? await pickFromSearch(ctx, ref.query, lookup) : await resolveRef(ref, lookup);
    for (const warning of warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
    return meta;
  } catch (error) {
    if (error instanceof LookupError) {
      const paper =
        ref.kind === 'arxiv'
          ? ` --paper ${ref.url ?? `https://arxiv.org/abs/${ref.id}`}`
          : ref.kind === 'doi'
            ? ` --paper ${ref.url ?? `https://doi.org/${ref.doi}`}`
            : ref.kind === 'page'
              ? ` --paper ${ref.url}`
              : '';
      // (in a repository of several lists, the area as --area names it there: with its file)
      const named = ctx.listLabel === undefined ? area : `${ctx.listLabel}/${area}`;
      throw new LookupError(
        `${error.message}; give the title yourself: papers add "<title>" --area ${quote(named)}${paper}`,
      );
    }
    throw error;
  }
}

async function pickFromSearch(
  run: CommandContext,
  query: string,
  ctx: LookupContext,
): Promise<{ meta: PaperMeta; warnings: string[] }> {
  const { candidates, warnings } = await searchTitle(query, ctx);
  if (candidates.length === 0)
    throw new NotFoundError(`nothing found for "${query}"; try other words, or give the title yourself`);
  let meta = clearBest(query, candidates);
  if (meta === null) {
    const top = candidates.slice(0, 8);
    if (!isInteractive(run)) {
      const listed = top.map((hit, i) => `${i + 1}) ${describeHit(hit)}`).join('; ');
      throw new AmbiguousError(
        `"${query}" matches ${candidates.length} papers, none clearly: ${listed}; give more of the title, or an arXiv id or DOI`,
      );
    }
    const names = top.map(describeHit);
    meta = top[names.indexOf(await choose('Which paper?', names, false))]!;
  }
  return { meta: await withPublishedVenue(meta, ctx, warnings), warnings };
}

function quote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `"${text.replace(/"/g, '\\"')}"`;
}

/**
 * `add <ref> --title T`: the user named the paper, so nobody is asked. The link is the reference's URL
 * (or the arXiv abs page / DOI), the ids are kept for the duplicate check; the venue is what --venue says.
 */
export function metaWithoutLookup(ref: Exclude<Ref, { kind: 'search' }>, title: string): PaperMeta {
  const meta = emptyMeta('the command line', title);
  if (ref.kind === 'arxiv') {
    meta.arxiv = ref.id;
    meta.url = ref.url ?? `https://arxiv.org/abs/${ref.id}`;
  } else if (ref.kind === 'doi') {
    meta.doi = ref.doi;
    meta.url = ref.url ?? `https://doi.org/${ref.doi}`;
  } else if (ref.kind === 'dblp') {
    meta.dblpKey = ref.key;
    meta.url = ref.url ?? `https://dblp.org/rec/${ref.key}`;
  } else {
    meta.url = ref.url;
  }
  return meta;
}
