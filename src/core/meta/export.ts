/**
 * `papers export`: the list as a bibliography, from the list alone (no network): BibTeX, CSL-JSON (what
 * Zotero, pandoc and citeproc read) or CSV. One entry per paper, in list order, with stable keys.
 */
import { buildBibtex, citeKey, uniqueKeys } from './bibtex.js';
import type { PaperMeta } from './work.js';

export interface ExportEntry {
  id: string;
  meta: PaperMeta;
  read: boolean;
  area: string[];
}

function keysOf(entries: ExportEntry[]): string[] {
  return uniqueKeys(entries.map((entry) => citeKey(entry.meta)));
}

export function toBibtex(entries: ExportEntry[]): string {
  const keys = keysOf(entries);
  return entries.map((entry, i) => buildBibtex(entry.meta, keys[i]!)).join('\n\n') + (entries.length ? '\n' : '');
}

const CSL_TYPE: Record<PaperMeta['kind'], string> = {
  inproceedings: 'paper-conference',
  article: 'article-journal',
  incollection: 'chapter',
  book: 'book',
  misc: 'article',
};

/** CSL-JSON items (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export function toCslJson(entries: ExportEntry[]): string {
  const keys = keysOf(entries);
  const items = entries.map((entry, i) => {
    const { meta } = entry;
    const year = meta.venueYear ?? meta.year;
    return {
      id: keys[i]!,
      type: meta.arxiv && !meta.venue ? 'article' : CSL_TYPE[meta.kind],
      title: meta.title,
      ...(meta.authors.length ? { author: meta.authors.map((name) => ({ literal: name })) } : {}),
      ...((meta.containerTitle ?? meta.venue) ? { 'container-title': meta.containerTitle ?? meta.venue } : {}),
      ...(year !== null ? { issued: { 'date-parts': [[year]] } } : {}),
      ...(meta.doi ? { DOI: meta.doi } : {}),
      ...(meta.url ? { URL: meta.url } : {}),
      ...(meta.arxiv ? { number: `arXiv:${meta.arxiv}`, publisher: meta.venue ? undefined : 'arXiv' } : {}),
      note: `papers: ${entry.id}${entry.read ? ', read' : ''}`,
    };
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180): one row per paper. */
export function toCsv(entries: ExportEntry[], venues: (string | null)[]): string {
  const keys = keysOf(entries);
  const header = ['key', 'id', 'title', 'venue', 'year', 'read', 'area', 'url', 'doi', 'arxiv'];
  const rows = entries.map((entry, i) => {
    const { meta } = entry;
    const year = meta.venueYear ?? meta.year;
    return [
      keys[i]!,
      entry.id,
      meta.title,
      venues[i] ?? '',
      year === null ? '' : String(year),
      entry.read ? 'yes' : 'no',
      entry.area.join('/'),
      meta.url ?? '',
      meta.doi ?? '',
      meta.arxiv ?? '',
    ];
  });
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
