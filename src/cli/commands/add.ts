/** `papers add <title> --area <A/B>`: append a paper to an area, in the file's style. */
import { InvalidInputError, PapersError, UsageError } from '../../core/model/errors.js';
import type { ListDocument } from '../../core/model/paper.js';
import { addPaper } from '../../core/write/add.js';
import { withReadBack } from '../../core/write/read-back.js';
import type { AreaTarget } from '../../core/query/areas.js';
import { areaChoices, TOP_AREA } from '../../core/query/areas.js';
import { refuseDuplicate } from '../../core/query/identity.js';
import { indexCachedModel } from '../../store/identity-index.js';
import type { PaperMeta } from '../../core/meta/work.js';
import { parseRef, type Ref, searchRef } from '../../core/meta/ref.js';
import { venueForList } from '../../core/meta/venue-form.js';
import { targetOf } from '../../core/write/placement.js';
import { cleanTitle, cleanVenue } from '../../core/write/validate.js';
import { withAreaChoice } from '../area-choice.js';
import { loadList } from '../context.js';
import type { CommandContext } from '../context.js';
import { cleanLink } from '../links.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { ask, choose, isInteractive, NEW_CHOICE } from '../prompt.js';

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
  top?: boolean;
  create?: boolean;
}

export async function runAdd(ctx: CommandContext, titleArg: string | undefined, options: AddOptions): Promise<void> {
  if (options.top && options.area !== undefined) throw new UsageError('give --area or --top, not both');
  const file = ctx.filePath;
  const force = options.force === true;
  const ref = referenceOf(titleArg, options);
  const given = {
    title: ref ? undefined : (options.title ?? titleArg),
    area: options.top ? TOP_AREA : options.area,
    venue: options.venue,
    paper: options.paper,
    note: options.note,
  };
  let fetched: PaperMeta | null = null;
  if (ref) {
    if (given.area === undefined) {
      if (!isInteractive(ctx))
        throw new UsageError('add needs --area <A/B>; e.g. papers add 2206.15472 --area "MLSys/DNN Compiler"');
      given.area = await chooseArea((await loadList(ctx)).doc);
    }
    const { fetchForAdd, metaWithoutLookup } = await import('./add-ref.js');
    const { lookupContextOf } = await import('../lookup-context.js');
    // A title given with the reference needs no lookup (and no network).
    fetched =
      options.title !== undefined && ref.kind !== 'search'
        ? metaWithoutLookup(ref, options.title)
        : await fetchForAdd(ctx, ref, given.area, lookupContextOf(ctx, options), force);
    given.title = options.title ?? fetched.title;
    given.paper ??= fetched.url ?? undefined;
  }
  if (given.title === undefined || given.area === undefined) {
    const missing = [given.title === undefined ? 'a title' : null, given.area === undefined ? '--area <A/B>' : null]
      .filter(Boolean)
      .join(' and ');
    if (!isInteractive(ctx))
      throw new UsageError(`add needs ${missing}; e.g. papers add "Rammer: ..." --area "MLSys/DNN Compiler"`);
    // On a terminal: ask for what is missing, each answer checked as the flag would be, and asked again if wrong.
    const doc = (await loadList(ctx)).doc;
    given.title ??= await ask('Title:', (answer) => problem(() => cleanTitle(answer)));
    given.area ??= await chooseArea(doc);
    given.venue ??=
      (await ask("Venue (e.g. OSDI'22; Enter for none):", (answer) => problem(() => cleanVenue(answer)), true)) ||
      undefined;
    given.paper ??=
      (await ask('Paper URL (Enter for none):', (answer) => problem(() => cleanLink(answer, file, force)), true)) ||
      undefined;
    given.note ??=
      (await ask('Note URL (Enter for none):', (answer) => problem(() => cleanLink(answer, file, force)), true)) ||
      undefined;
  }
  const looked = fetched;
  const title = fromSource(looked !== null && options.title === undefined, () => cleanTitle(given.title!));
  const venue = given.venue === undefined ? null : cleanVenue(given.venue);
  const paperUrl = given.paper;
  const links = [
    ...(paperUrl === undefined
      ? []
      : [
          {
            label: 'Paper',
            url: fromSource(looked !== null && options.paper === undefined, () => cleanLink(paperUrl, file, force)),
          },
        ]),
    ...(given.note === undefined ? [] : [{ label: 'Note', url: cleanLink(given.note, file, force) }]),
  ];
  await withAreaChoice(ctx, given.area, options.create === true, (wantedArea, create) =>
    runMutation(ctx, options, (doc) =>
      withReadBack((readBack) => {
        const urls = links[0]?.label === 'Paper' ? [links[0].url] : [];
        if (!force) {
          indexCachedModel(ctx.models, doc);
          refuseDuplicate(doc, { title, urls, arxiv: fetched?.arxiv ?? null, doi: fetched?.doi ?? null });
        }
        // A looked-up venue is written the way this area (else this file) writes venues.
        const fetchedVenue =
          fetched && venue === null
            ? venueForList(doc, areaPathOf(doc, targetOf(doc, wantedArea, create, ctx.listLabel)), fetched)
            : null;
        const paper = {
          title,
          venue: venue ?? (fetchedVenue === null ? null : fromSource(true, () => cleanVenue(fetchedVenue))),
          links,
          read: options.read === true,
        };
        return addPaper(doc, { area: wantedArea, create, paper, file: ctx.listLabel }, readBack);
      }, ctx.models.parser.freshParts),
    ),
  );
}

/**
 * A value a metadata source sent that cannot be written is bad data from the network, not a mistake in
 * what the user typed: it fails with exit 1 (2 is for the command line only).
 */
function fromSource<T>(looked: boolean, clean: () => T): T {
  try {
    return clean();
  } catch (error) {
    if (!looked || !(error instanceof InvalidInputError)) throw error;
    throw new PapersError(
      `the looked-up answer cannot be written: ${error.message}; give it yourself (--title, --venue, --paper)`,
    );
  }
}

/** The heading path an add goes to (existing or to be created). */
function areaPathOf(doc: ListDocument, target: AreaTarget): string[] {
  if (target.kind === 'heading') return doc.headings[target.index]!.path;
  if (target.kind === 'missing') return [...(target.parent?.path ?? []), ...target.missing];
  return [];
}

/** The message of the error `check` throws, or null when it passes. */
function problem(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Whether this add looks a reference up (an arXiv id, DOI or URL, or --lookup) rather than taking a title. */
export function looksUp(titleArg: string | undefined, options: AddOptions): boolean {
  return options.lookup !== undefined || (titleArg !== undefined && parseRef(titleArg) !== null);
}

/** `add <ref>` or `add --lookup "<words>"`: the reference to look up; null for a plain title. */
function referenceOf(titleArg: string | undefined, options: AddOptions): Ref | null {
  if (options.lookup !== undefined) {
    if (titleArg !== undefined)
      throw new UsageError('give either a title or reference, or --lookup "<title words>", not both');
    return searchRef(options.lookup);
  }
  return titleArg === undefined ? null : parseRef(titleArg);
}

async function chooseArea(doc: ListDocument): Promise<string> {
  const areas = areaChoices(doc);
  const askNew = () =>
    ask('New area (a heading name, or A/B for a sub-area):', (answer) => (answer === '' ? 'give a name' : null));
  if (areas.length === 0) return askNew();
  const picked = await choose(
    'Area (arrow keys or number; the last choice types a new one):',
    areas,
    true,
    'A new area…',
  );
  return picked === NEW_CHOICE ? askNew() : picked;
}
