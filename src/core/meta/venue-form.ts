/**
 * How a list writes venues (`OSDI'22`, `OSDI 2022`, `NeurIPS '17`, `ICLR2018`), so that a looked-up
 * paper's venue is written like its neighbours'. The brackets around it (`[OSDI'22]`, `(NeurIPS '17)`)
 * come from the item used as a template when the line is rendered; this is only the venue's own text.
 */
import type { ListDocument, Paper } from '../model/paper.js';
import type { PaperMeta } from './work.js';

export interface VenueForm {
  /** Between the name and the year: `'`, ` '`, ` `, `-`, `` (glued). */
  separator: string;
  digits: 2 | 4;
}

export const DEFAULT_FORM: VenueForm = { separator: "'", digits: 2 };

const FORM_RE = /^([A-Za-z][A-Za-z0-9&.+\- ]*?)((?:\s*['’]\s*)|[\s_-]+|)((?:19|20)\d{2}|\d{2})(?:\s+\S.*)?$/;

/** The form one written venue uses, or null when it is not `name + year`. */
export function venueFormOf(venue: string): VenueForm | null {
  const m = FORM_RE.exec(venue.trim());
  if (!m) return null;
  const [, name, rawSeparator, digits] = m as unknown as [string, string, string, string];
  if (!/[A-Za-z&.+]$/.test(name)) return null;
  const separator = rawSeparator.replace(/’/g, "'");
  // A glued two-digit year only after capitals (`MICCAI18`); `ResNet50` is no venue.
  if (separator === '' && digits.length === 2 && name !== name.toUpperCase()) return null;
  return { separator, digits: digits.length === 4 ? 4 : 2 };
}

/** The form most papers in the area use, else most in the file, else `OSDI'22`. */
export function neighbourForm(doc: ListDocument, areaPath: string[]): VenueForm {
  const inArea = doc.papers.filter(
    (paper) => areaPath.length > 0 && areaPath.every((name, i) => paper.area[i] === name),
  );
  return majorityForm(inArea) ?? majorityForm(doc.papers) ?? DEFAULT_FORM;
}

function majorityForm(papers: Paper[]): VenueForm | null {
  const counts = new Map<string, { form: VenueForm; count: number }>();
  for (const paper of papers) {
    const form = paper.venue ? venueFormOf(paper.venue) : null;
    if (!form) continue;
    const key = `${form.separator}|${form.digits}`;
    const entry = counts.get(key) ?? { form, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { form: VenueForm; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.form ?? null;
}

export function formatVenue(name: string, year: number, form: VenueForm): string {
  const digits = form.digits === 4 ? String(year) : String(year % 100).padStart(2, '0');
  return `${name}${form.separator}${digits}`;
}

/** The venue a looked-up paper gets in this list: its published venue, else `arXiv` for a preprint. */
export function venueForList(doc: ListDocument, areaPath: string[], meta: PaperMeta): string | null {
  const year = meta.venueYear ?? meta.year;
  const name = meta.venue ?? (meta.arxiv ? 'arXiv' : null);
  if (name === null || year === null) return null;
  return formatVenue(name, year, neighbourForm(doc, areaPath));
}

/**
 * DBLP's venue strings to the short names lists use: `ASPLOS (2)` -> `ASPLOS`, `Proc. VLDB Endow.` stays;
 * `CoRR` (DBLP's name for arXiv) -> null, as not published.
 */
export function shortVenueName(venue: string | null | undefined): string | null {
  if (!venue) return null;
  const name = venue
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[[\]()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (name === '' || /^(corr|arxiv|arxiv\.org)$/i.test(name)) return null;
  if (/^neurips$|^nips$/i.test(name)) return 'NeurIPS';
  return name;
}
