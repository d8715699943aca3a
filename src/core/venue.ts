/**
 * Venues as lists write them: `OSDI'20`, `USENIX ATC'22`, `ICML 2020`, `ICLR2018`, `NeurIPS '17`,
 * `NeurIPS-21`, `MICCAI18`, `ECCV 2020 spotlight`, `ASPLOS'24 Best Paper`.
 */
export interface ParsedVenue {
  /** The venue's name without the year, e.g. `USENIX ATC`. */
  name: string;
  year: number;
}

const NAME = String.raw`[A-Za-z][A-Za-z0-9&.+\-]*?(?:\s[A-Za-z][A-Za-z&.+\-]*){0,2}?`;
/** Name, a separator, then a year; an optional word or two after it (`spotlight`, `Best Paper`). */
const VENUE_RE = new RegExp(
  String.raw`^(${NAME})(\s*['’‘]\s*|[\s_\-]+|)((?:19|20)\d{2}|\d{2})(?:\s+\(?[A-Za-z][A-Za-z\- ]{0,30}\)?)?$`,
);
const YEAR_ONLY_RE = /^(?:19|20)\d{2}$/;

/** Two-digit years 00–59 are 20xx, 60–99 are 19xx: fixed so that a file reads the same every year. */
export function expandYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n < 60 ? 2000 + n : 1900 + n;
}

export function parseVenue(raw: string): ParsedVenue | null {
  const text = raw.trim();
  const m = VENUE_RE.exec(text);
  if (!m) return null;
  const name = m[1]!.trim();
  const separator = m[2]!;
  const digits = m[3]!;
  if ((name.match(/[A-Za-z]/g) ?? []).length < 2) return null;
  // A glued two-digit year (`MICCAI18`) only after an all-caps name: `ResNet50` is a model, not a venue.
  if (separator === '' && digits.length === 2 && name !== name.toUpperCase()) return null;
  // A name that ends in digits would swallow part of the year (`GPT4 2023` is fine, `A100` is not a venue).
  if (/\d$/.test(name) && separator === '') return null;
  return { name, year: expandYear(digits) };
}

export function parseYearOnly(raw: string): number | null {
  const text = raw.trim();
  return YEAR_ONLY_RE.test(text) ? Number(text) : null;
}

/** Lower-case letters and digits only: `USENIX ATC'22` -> `usenixatc22`. */
export function normalizeKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Does a paper's venue match a `--venue` query? `OSDI` matches every OSDI; `OSDI'22`, `osdi22` or
 * `OSDI 2022` one year; `ATC` matches `USENIX ATC'22` (any word of the name).
 */
export function venueMatches(venue: string | null, query: string): boolean {
  if (venue === null) return false;
  const parsed = parseVenue(venue);
  const wanted = parseVenueQuery(query);
  if (!parsed) return normalizeKey(venue) === normalizeKey(query);
  if (wanted.year !== null && wanted.year !== parsed.year) return false;
  const key = normalizeKey(wanted.name);
  if (key === '') return wanted.year !== null;
  if (normalizeKey(parsed.name) === key) return true;
  return parsed.name.split(/[\s-]+/).some((word) => normalizeKey(word) === key);
}

function parseVenueQuery(query: string): { name: string; year: number | null } {
  const m = /^(.*?)[\s'’_-]*((?:19|20)\d{2}|\d{2})$/.exec(query.trim());
  if (m && /[A-Za-z]/.test(m[1]!)) return { name: m[1]!, year: expandYear(m[2]!) };
  return { name: query, year: null };
}
