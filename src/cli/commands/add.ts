/** `papers add <title> --area <A/B>`: append a paper to an area, in the file's style. */
import { UsageError } from '../../core/errors.js';
import type { ListDocument } from '../../core/model.js';
import { addPaper } from '../../core/add.js';
import { refuseDuplicate } from '../../core/identity.js';
import type { PaperMeta } from '../../core/meta/model.js';
import { parseRef, type Ref, searchRef } from '../../core/meta/ref.js';
import { venueForList } from '../../core/meta/venue-form.js';
import { areaPathOf } from '../../core/operations.js';
import { formatAreaPath } from '../../core/query.js';
import { cleanTitle, cleanUrl, cleanVenue } from '../../core/validate.js';
import { loadList } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { ask, choose, isInteractive } from '../prompt.js';

export interface AddOptions extends MutationOptions {
  area?: string;
  venue?: string;
  paper?: string;
  note?: string;
  read?: boolean;
  force?: boolean;
  /** Overrides a looked-up title. */
  title?: string;
  /** Title words to search for (`--lookup`). */
  lookup?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

export async function runAdd(globals: GlobalOptions, titleArg: string | undefined, options: AddOptions): Promise<void> {
  const ref = referenceOf(titleArg, options);
  let rawTitle = ref ? undefined : (options.title ?? titleArg);
  let area = options.area;
  let fetched: PaperMeta | null = null;
  if (ref) {
    if (area === undefined) {
      if (!isInteractive()) throw new UsageError('add needs --area <A/B>; e.g. papers add 2206.15472 --area "MLSys/DNN Compiler"');
      area = await chooseArea((await loadList(globals)).doc);
    }
    const { fetchForAdd } = await import('./add-ref.js');
    fetched = await fetchForAdd(globals, ref, area, { useCache: options.cache !== false }, options.force === true);
    rawTitle = options.title ?? fetched.title;
  }
  if (rawTitle === undefined || area === undefined) {
    const missing = [rawTitle === undefined ? 'a title' : null, area === undefined ? '--area <A/B>' : null].filter(Boolean).join(' and ');
    if (!isInteractive()) throw new UsageError(`add needs ${missing}; e.g. papers add "Rammer: ..." --area "MLSys/DNN Compiler"`);
    rawTitle ??= await ask('Title: ');
    area ??= await chooseArea((await loadList(globals)).doc);
  }
  const title = cleanTitle(rawTitle);
  const venue = options.venue === undefined ? null : cleanVenue(options.venue);
  const paperUrl = options.paper ?? fetched?.url ?? undefined;
  const links = [
    ...(paperUrl === undefined ? [] : [{ label: 'Paper', url: cleanUrl(paperUrl) }]),
    ...(options.note === undefined ? [] : [{ label: 'Note', url: cleanUrl(options.note) }]),
  ];
  const wantedArea = area;
  await runMutation(globals, options, (doc) => {
    const urls = links[0]?.label === 'Paper' ? [links[0].url] : [];
    if (!options.force) refuseDuplicate(doc, { title, urls, arxiv: fetched?.arxiv ?? null, doi: fetched?.doi ?? null });
    // A looked-up venue is written the way this area (else this file) writes venues.
    const fetchedVenue = fetched && venue === null ? venueForList(doc, areaPathOf(wantedArea), fetched) : null;
    const paper = { title, venue: venue ?? (fetchedVenue === null ? null : cleanVenue(fetchedVenue)), links, read: options.read === true };
    return addPaper(doc, { area: wantedArea, paper });
  });
}

/** `add <ref>` or `add --lookup "<words>"`: the reference to look up; null for a plain title. */
function referenceOf(titleArg: string | undefined, options: AddOptions): Ref | null {
  if (options.lookup !== undefined) {
    if (titleArg !== undefined) throw new UsageError('give either a title or reference, or --lookup "<title words>", not both');
    return searchRef(options.lookup);
  }
  return titleArg === undefined ? null : parseRef(titleArg);
}

async function chooseArea(doc: ListDocument): Promise<string> {
  const areas = doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => formatAreaPath(heading.path));
  if (areas.length === 0) return ask('Area (a new heading name): ');
  return choose('Area:', areas, true);
}
