/**
 * `papers import`: entries of another library (a BibTeX file — Zotero, Better BibTeX, pubs, papis and
 * JabRef all export one —, a CSL-JSON file, or a pubs repository) as papers of one area, written in the
 * area's style. Pure: the CLI reads the files. Duplicates (same DOI, arXiv id, URL or normalised title as
 * a listed paper or an earlier entry) are not added but listed. The read state comes from a field or a tag
 * (`read`, `toread`, Zotero keywords, pubs tags).
 */
import { addPaper } from '../write/add.js';
import { applyEdits, changedRegion } from '../write/splice.js';
import { arxivIdFromUrl, doiFromUrl, findDuplicate, normalizeDoi } from '../query/identity.js';
import type { ListDocument } from '../model/paper.js';
import type { Change } from '../write/change.js';
import { targetOf } from '../write/placement.js';
import { parseDocument } from '../read/parse.js';
import { formatPlace } from '../query/query.js';
import { cleanTitle as checkTitle, cleanVenue as checkVenue } from '../write/validate.js';
import { cleanText, cleanTitle } from './clean.js';
import { formatVenue, neighbourForm } from './venue-form.js';
import { venueName } from './venue-name.js';

export interface ImportEntry {
  /** The entry's key in its library. */
  key: string;
  title: string;
  /** The venue's short name (`NeurIPS`), null when none. */
  venue: string | null;
  year: number | null;
  url: string | null;
  doi: string | null;
  arxiv: string | null;
  /** true/false from a field or tag; null when the library does not say. */
  read: boolean | null;
}

const READ_TAGS = /^(?:read|done|finished|已读|読了)$/i;
const UNREAD_TAGS = /^(?:to-?read|unread|reading|queue|later)$/i;

function readState(tags: string[], field: string | undefined): boolean | null {
  if (field !== undefined) {
    if (/^(?:true|yes|1|read|done)$/i.test(field.trim())) return true;
    if (/^(?:false|no|0|unread|toread|to-read)$/i.test(field.trim())) return false;
  }
  if (tags.some((tag) => UNREAD_TAGS.test(tag.trim()))) return false;
  if (tags.some((tag) => READ_TAGS.test(tag.trim()))) return true;
  return null;
}

function yearOf(text: string | undefined): number | null {
  const m = text ? /(?<!\d)((?:1[6-9]|20)\d{2})(?!\d)/.exec(text) : null;
  return m ? Number(m[1]) : null;
}

const ARXIV_NOTE = /arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i;

function kindOfBibType(type: string): 'conference' | 'journal' | 'preprint' | 'unknown' {
  if (/^(?:inproceedings|conference|proceedings)$/i.test(type)) return 'conference';
  if (/^article$/i.test(type)) return 'journal';
  if (/^(?:misc|unpublished|online|preprint|techreport|report)$/i.test(type)) return 'preprint';
  return 'unknown';
}

/**
 * The entries of a BibTeX file; unreadable entries are reported, not fatal. (The BibTeX parser, ~1 MB
 * with its LaTeX and charset tables, is loaded only here: no other command needs it.)
 */
export async function entriesFromBibtex(
  text: string,
  extraTags: Map<string, string[]> = new Map(),
): Promise<{ entries: ImportEntry[]; problems: string[] }> {
  const { parse: parseBibtex } = await import('@retorquere/bibtex-parser');
  const parsed = parseBibtex(text, { sentenceCase: false, english: false });
  const problems = parsed.errors.map((error) => `BibTeX: ${error.error}`);
  const entries: ImportEntry[] = [];
  for (const entry of parsed.entries) {
    const f = entry.fields as Record<string, unknown>;
    const str = (name: string): string | undefined => {
      const value = f[name];
      if (value === undefined || value === null) return undefined;
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    };
    const title = cleanTitle(str('title') ?? '');
    if (title === '') {
      problems.push(`${entry.key}: no title; skipped`);
      continue;
    }
    const url = str('url')?.trim() || null;
    const doiField = str('doi')?.trim();
    const doi = doiField ? normalizeDoi(doiField) : url ? doiFromUrl(url) : null;
    const eprint = str('eprint')?.trim();
    const arxivPrefix = /arxiv/i.test(str('archiveprefix') ?? str('eprinttype') ?? '');
    const arxiv =
      (eprint && arxivPrefix ? eprint : null) ??
      (url ? arxivIdFromUrl(url) : null) ??
      ARXIV_NOTE.exec(`${str('note') ?? ''} ${str('journal') ?? ''}`)?.[1] ??
      null;
    const arxivOnly = doi !== null && /^10\.48550\//i.test(doi);
    const kind = kindOfBibType(entry.type);
    const container = str('booktitle') ?? str('journal') ?? str('journaltitle') ?? str('howpublished');
    const isPreprintContainer = container !== undefined && /^arxiv/i.test(container.trim());
    const venue =
      container && !isPreprintContainer
        ? venueName({
            kind: kind === 'preprint' ? 'unknown' : kind,
            abbreviations: [str('shortjournal'), str('journalabbreviation')],
            names: [cleanText(container)],
          })
        : null;
    const tags = [
      ...(Array.isArray(f.keywords) ? (f.keywords as unknown[]).map(String) : (str('keywords') ?? '').split(/[,;]/)),
      ...(str('tags') ?? '').split(/[,;]/),
      ...(extraTags.get(entry.key) ?? []),
    ].filter((tag) => tag.trim() !== '');
    entries.push({
      key: entry.key,
      title,
      venue,
      year: yearOf(str('year') ?? str('date')),
      // The DOI link when there is a DOI (it lasts, and says which paper it is), else the entry's URL.
      url: doi && !arxivOnly ? `https://doi.org/${doi}` : (url ?? (arxiv ? `https://arxiv.org/abs/${arxiv}` : null)),
      doi: arxivOnly ? null : doi,
      arxiv: arxiv ?? (arxivOnly ? doi!.replace(/^10\.48550\/arxiv\./i, '') : null),
      read: readState(tags, str('read')),
    });
  }
  return { entries, problems };
}

/** The fields of a CSL-JSON item papers reads (cslItem makes one from a file's item, field by field). */
interface CslItem {
  id?: string | undefined;
  type?: string | undefined;
  title?: string | undefined;
  'container-title'?: string | undefined;
  'container-title-short'?: string | undefined;
  event?: string | { name?: string | undefined } | undefined;
  'event-title'?: string | undefined;
  issued?: {
    'date-parts'?: (number | string | null)[][] | undefined;
    raw?: string | undefined;
    literal?: string | undefined;
  };
  DOI?: string | undefined;
  URL?: string | undefined;
  number?: string | undefined;
  keyword?: string | undefined;
  tags?: string[] | undefined;
}

/** A string field: a string as it is, a number as its digits, anything else (an object, a list) absent. */
function textField(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * An item of a CSL-JSON file with only the fields whose types are what CSL says: the file is someone's
 * data, and a title that is a number or a DOI that is an object is bad data to skip, never a crash.
 */
function cslItem(raw: unknown): CslItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const item = raw as Record<string, unknown>;
  const container = item['container-title'];
  const event = item.event;
  const issued = item.issued;
  const dateParts = typeof issued === 'object' && issued !== null ? (issued as Record<string, unknown>) : {};
  const parts = dateParts['date-parts'];
  const firstPart = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[])[0] : undefined;
  return {
    id: textField(item.id),
    type: textField(item.type),
    title: textField(item.title),
    'container-title': Array.isArray(container) ? textField(container[0]) : textField(container),
    'container-title-short': textField(item['container-title-short']),
    event:
      typeof event === 'object' && event !== null
        ? { name: textField((event as Record<string, unknown>).name) }
        : textField(event),
    'event-title': textField(item['event-title']),
    issued: {
      'date-parts':
        firstPart === undefined
          ? undefined
          : [[typeof firstPart === 'number' ? firstPart : (textField(firstPart) ?? null)]],
      raw: textField(dateParts.raw),
      literal: textField(dateParts.literal),
    },
    // (A link is text or nothing: a number is no address.)
    DOI: typeof item.DOI === 'string' ? item.DOI : undefined,
    URL: typeof item.URL === 'string' ? item.URL : undefined,
    number: textField(item.number),
    keyword: textField(item.keyword),
    tags: Array.isArray(item.tags) ? item.tags.flatMap((tag) => textField(tag) ?? []) : undefined,
  };
}

/** The entries of a CSL-JSON file (an array of items, as Zotero, pandoc and citeproc write it). */
export function entriesFromCslJson(text: string): { entries: ImportEntry[]; problems: string[] } {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return { entries: [], problems: ['not JSON'] };
  }
  if (!Array.isArray(items)) return { entries: [], problems: ['CSL-JSON is an array of items; this is not one'] };
  const entries: ImportEntry[] = [];
  const problems: string[] = [];
  items.forEach((raw: unknown, i) => {
    const item = cslItem(raw);
    const key = String(item.id ?? i + 1);
    const title = cleanTitle(item.title ?? '');
    if (title === '') {
      problems.push(`${key}: no title; skipped`);
      return;
    }
    const container = item['container-title'];
    const type = item.type ?? '';
    const kind =
      type === 'paper-conference'
        ? 'conference'
        : type === 'article-journal'
          ? 'journal'
          : type === 'article'
            ? 'preprint'
            : 'unknown';
    const event = typeof item.event === 'string' ? item.event : (item.event?.name ?? item['event-title']);
    const preprintOnly = container !== undefined && /^arxiv/i.test(container);
    const venue =
      container && !preprintOnly
        ? venueName({ kind, abbreviations: [item['container-title-short']], names: [container, event] })
        : null;
    const doi = item.DOI ? normalizeDoi(item.DOI) : null;
    const url = item.URL ?? null;
    const arxiv = (url ? arxivIdFromUrl(url) : null) ?? ARXIV_NOTE.exec(`${item.number ?? ''}`)?.[1] ?? null;
    const dateYear = item.issued?.['date-parts']?.[0]?.[0];
    const tags = [...(item.tags ?? []), ...(item.keyword ?? '').split(/[,;]/)];
    entries.push({
      key,
      title,
      venue,
      year:
        typeof dateYear === 'number'
          ? dateYear
          : yearOf(String(dateYear ?? item.issued?.raw ?? item.issued?.literal ?? '')),
      url: doi ? `https://doi.org/${doi}` : url,
      doi,
      arxiv,
      read: readState(tags, undefined),
    });
  });
  return { entries, problems };
}

/** pubs' `meta/<key>.yaml`: its `tags: [a, b]` (or a block list). */
export function pubsTags(yaml: string): string[] {
  const inline = /^tags:\s*\[([^\]]*)\]/m.exec(yaml);
  if (inline)
    return inline[1]!
      .split(',')
      .map((tag) => tag.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
  const block = /^tags:\s*\n((?:\s*-\s*.+\n?)*)/m.exec(yaml);
  return block
    ? block[1]!
        .split('\n')
        .map((line) =>
          line
            .replace(/^\s*-\s*/, '')
            .trim()
            .replace(/^['"]|['"]$/g, ''),
        )
        .filter(Boolean)
    : [];
}

export interface ImportPlan {
  change: Change;
  added: ImportEntry[];
  duplicates: { entry: ImportEntry; why: string }[];
  skipped: { entry: ImportEntry; why: string }[];
}

/**
 * Each entry appended to the area in turn, as `add` would (in the area's style, venue written like its
 * neighbours'), read back each time; the result is one edit at the place the papers went.
 */
export function planImport(
  doc: ListDocument,
  entries: ImportEntry[],
  area: string,
  create: boolean,
  readAll: boolean,
  /** The list's file in a repository of several lists, for the message (see formatPlace). */
  file?: string,
): ImportPlan {
  let current = doc;
  const added: ImportEntry[] = [];
  const duplicates: ImportPlan['duplicates'] = [];
  const skipped: ImportPlan['skipped'] = [];
  const createdAreas: string[][] = [];
  for (const entry of entries) {
    const same = findDuplicate(current, {
      title: entry.title,
      urls: entry.url ? [entry.url] : [],
      arxiv: entry.arxiv,
      doi: entry.doi,
    });
    if (same) {
      duplicates.push({
        entry,
        why: `"${same.paper.title}" (${same.paper.id}, line ${same.paper.line}) has ${same.why}`,
      });
      continue;
    }
    let title: string;
    let venue: string | null = null;
    try {
      title = checkTitle(entry.title);
      const target = targetOf(current, area, create, file);
      const areaPath =
        target.kind === 'heading'
          ? current.headings[target.index]!.path
          : target.kind === 'missing'
            ? [...(target.parent?.path ?? []), ...target.missing]
            : [];
      const name = entry.venue ?? (entry.arxiv ? 'arXiv' : null);
      if (name !== null && entry.year !== null)
        venue = checkVenue(formatVenue(name, entry.year, neighbourForm(current, areaPath)));
    } catch (error) {
      skipped.push({ entry, why: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const change = addPaper(
      current,
      {
        area,
        create,
        paper: {
          title,
          venue,
          links: entry.url ? [{ label: 'Paper', url: entry.url }] : [],
          read: readAll || entry.read === true,
        },
      },
      parseDocument,
    );
    createdAreas.push(...change.createdAreas);
    current = parseDocument(applyEdits(current.text, change.edits));
    added.push(entry);
  }
  const edits = added.length ? [changedRegion(doc.text, current.text)] : [];
  const readCount = added.filter((entry) => readAll || entry.read === true).length;
  return {
    change: {
      edits,
      message: `Imported ${added.length} paper${added.length === 1 ? '' : 's'} into ${formatPlace(targetPath(doc, area, create, file), file)}${duplicates.length ? `; ${duplicates.length} already listed` : ''}${skipped.length ? `; ${skipped.length} skipped` : ''}`,
      createdAreas,
      touched: [],
      removed: [],
      delta: { total: added.length, read: readCount },
    },
    added,
    duplicates,
    skipped,
  };
}

function targetPath(doc: ListDocument, area: string, create: boolean, file?: string): string[] {
  const target = targetOf(doc, area, create, file);
  return target.kind === 'heading'
    ? doc.headings[target.index]!.path
    : target.kind === 'missing'
      ? [...(target.parent?.path ?? []), ...target.missing]
      : [];
}
