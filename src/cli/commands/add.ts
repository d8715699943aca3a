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
import { ask, choose, isInteractive } from '../prompt.js';

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
  let rawTitle = titleArg;
  if (options.top && options.area !== undefined) throw new UsageError('give --area or --top, not both');
  let area = options.top ? TOP_AREA : options.area;
  if (rawTitle === undefined || area === undefined) {
    const missing = [rawTitle === undefined ? 'a title' : null, area === undefined ? '--area <A/B>' : null].filter(Boolean).join(' and ');
    if (!isInteractive()) throw new UsageError(`add needs ${missing}; e.g. papers add "Rammer: ..." --area "MLSys/DNN Compiler"`);
    rawTitle ??= await ask('Title: ');
    area ??= await chooseArea((await loadList(globals)).doc);
  }
  const title = cleanTitle(rawTitle);
  const venue = options.venue === undefined ? null : cleanVenue(options.venue);
  const links = [
    ...(options.paper === undefined ? [] : [{ label: 'Paper', url: cleanLink(options.paper, listPath(globals), options.force === true) }]),
    ...(options.note === undefined ? [] : [{ label: 'Note', url: cleanLink(options.note, listPath(globals), options.force === true) }]),
  ];
  await withAreaChoice(area, options.create === true, (wantedArea, create) =>
    runMutation(globals, options, (doc) => {
      if (!options.force) refuseDuplicate(doc, title, links[0]?.label === 'Paper' ? links[0].url : null);
      return addPaper(doc, { area: wantedArea, create, paper: { title, venue, links, read: options.read === true } });
    }),
  );
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
  const areas = doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => formatAreaPath(heading.path));
  if (areas.length === 0) return ask('Area (a new heading name): ');
  return choose('Area:', areas, true);
}
