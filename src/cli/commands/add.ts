/** `papers add <title> --area <A/B>`: append a paper to an area, in the file's style. */
import { InvalidInputError, UsageError } from '../../core/errors.js';
import type { ListDocument } from '../../core/model.js';
import { addPaper } from '../../core/add.js';
import { TOP_AREA } from '../../core/areas.js';
import { formatAreaPath } from '../../core/query.js';
import { withAreaChoice } from '../area-choice.js';
import { cleanTitle, cleanVenue } from '../../core/validate.js';
import { cleanLink } from '../links.js';
import { normalizeKey } from '../../core/venue.js';
import { listPath, loadList } from '../context.js';
import type { GlobalOptions } from '../main.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { ask, choose, isInteractive, NEW_CHOICE } from '../prompt.js';

export interface AddOptions extends MutationOptions {
  area?: string;
  venue?: string;
  paper?: string;
  note?: string;
  read?: boolean;
  force?: boolean;
  top?: boolean;
  create?: boolean;
}

export async function runAdd(globals: GlobalOptions, titleArg: string | undefined, options: AddOptions): Promise<void> {
  if (options.top && options.area !== undefined) throw new UsageError('give --area or --top, not both');
  const file = listPath(globals);
  const force = options.force === true;
  const given = { title: titleArg, area: options.top ? TOP_AREA : options.area, venue: options.venue, paper: options.paper, note: options.note };
  if (given.title === undefined || given.area === undefined) {
    const missing = [given.title === undefined ? 'a title' : null, given.area === undefined ? '--area <A/B>' : null].filter(Boolean).join(' and ');
    if (!isInteractive()) throw new UsageError(`add needs ${missing}; e.g. papers add "Rammer: ..." --area "MLSys/DNN Compiler"`);
    // On a terminal: ask for what is missing, each answer checked as the flag would be, and asked again if wrong.
    const doc = (await loadList(globals)).doc;
    given.title ??= await ask('Title:', (answer) => problem(() => cleanTitle(answer)));
    given.area ??= await chooseArea(doc);
    given.venue ??= (await ask("Venue (e.g. OSDI'22; Enter for none):", (answer) => problem(() => cleanVenue(answer)), true)) || undefined;
    given.paper ??= (await ask('Paper URL (Enter for none):', (answer) => problem(() => cleanLink(answer, file, force)), true)) || undefined;
    given.note ??= (await ask('Note URL (Enter for none):', (answer) => problem(() => cleanLink(answer, file, force)), true)) || undefined;
  }
  const title = cleanTitle(given.title);
  const venue = given.venue === undefined ? null : cleanVenue(given.venue);
  const links = [
    ...(given.paper === undefined ? [] : [{ label: 'Paper', url: cleanLink(given.paper, file, force) }]),
    ...(given.note === undefined ? [] : [{ label: 'Note', url: cleanLink(given.note, file, force) }]),
  ];
  await withAreaChoice(given.area, options.create === true, (wantedArea, create) =>
    runMutation(globals, options, (doc) => {
      if (!force) refuseDuplicate(doc, title, links[0]?.label === 'Paper' ? links[0].url : null);
      return addPaper(doc, { area: wantedArea, create, paper: { title, venue, links, read: options.read === true } });
    }),
  );
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

function refuseDuplicate(doc: ListDocument, title: string, paperUrl: string | null): void {
  const key = normalizeKey(title);
  const same = doc.papers.find(
    (paper) => normalizeKey(paper.title) === key || (paperUrl !== null && paper.links.some((link) => link.url === paperUrl)),
  );
  if (same) {
    const why = normalizeKey(same.title) === key ? 'the same title' : 'the same paper URL';
    throw new InvalidInputError(`"${same.title}" (${same.id}, line ${same.line}) has ${why}; add --force to add it anyway`);
  }
}

async function chooseArea(doc: ListDocument): Promise<string> {
  const areas = [...new Set(doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => formatAreaPath(heading.path)))];
  const askNew = () => ask('New area (a heading name, or A/B for a sub-area):', (answer) => (answer === '' ? 'give a name' : null));
  if (areas.length === 0) return askNew();
  const picked = await choose('Area (arrow keys or number; the last choice types a new one):', areas, true, 'A new area…');
  return picked === NEW_CHOICE ? askNew() : picked;
}
