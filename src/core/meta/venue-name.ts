/**
 * The one place a source's venue becomes the name a reading list writes before the year: `NeurIPS`,
 * `OSDI`, `J. Appl. Phys.`, `PNAS`. Every source (arXiv's journal_ref, Crossref, DBLP, Semantic Scholar,
 * OpenAlex, a paper page) hands its strings here; the rules, in order:
 *
 * 1. Each string is cleaned: entities and LaTeX decoded (`A-TEST\@ESEC/SIGSOFT FSE`), a year, edition
 *    or part number dropped (`SIGIR '21`, `ICSE (1)`, `2019 IEEE AFRICON`), preprint servers recognised.
 * 2. A well-known name, long or short, gives its usual short name (venue-name-tables.ts, and the venues
 *    `core/venue.ts` knows): `Neural Information Processing Systems` -> `NeurIPS`, `NIPS` -> `NeurIPS`,
 *    `Proceedings of the National Academy of Sciences` -> `PNAS`, `ESEC/SIGSOFT FSE` -> `FSE`.
 * 3. A conference: the source's acronym (DBLP's venue, Crossref's event acronym, Semantic Scholar's
 *    alternate names), a workshop before `@` (`A-TEST@ESEC/SIGSOFT FSE` -> `A-TEST`); else an acronym in
 *    the full name (`2019 IEEE AFRICON` -> `AFRICON`); else the initials of its words
 *    (`International Conference on Distributed Computing Systems Workshops` -> `ICDCSW`).
 * 4. A journal: its name when it is short (`Cell Genomics`), else the source's abbreviation
 *    (`Mol Cell Biochem`), else an ISO-4-style abbreviation of its words (`Journal of Applied Physics` ->
 *    `J. Appl. Phys.`); one of more than three words becomes its initials (`Softw. Test. Verif.
 *    Reliab.` -> `STVR`), so that the name always reads back as a venue (`lint` accepts it).
 */
import { recogniseVenue } from '../read/venue.js';
import { cleanText } from './clean.js';
import { ISO4, MINOR, PREPRINTS, PUBLISHERS, WELL_KNOWN } from './venue-name-tables.js';

export interface VenueHints {
  /** Conference, journal, preprint server or unknown. */
  kind: 'conference' | 'journal' | 'preprint' | 'unknown';
  /** Short names the source gives: DBLP's venue, an event acronym, alternate names. */
  acronyms?: (string | null | undefined)[];
  /** Abbreviated titles: Crossref's short-container-title, an ISO 4 abbreviation. */
  abbreviations?: (string | null | undefined)[];
  /** Full names: container title, event name, the source's venue name. */
  names?: (string | null | undefined)[];
}

const key = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&/]+/gu, ' ')
    .trim();

/** A string as a venue name: cleaned, without year, part or edition; null when nothing is left. */
function cleanVenueString(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = cleanText(raw, true)
    .replace(/\s*\((?:\d+|[IVX]+)\)\s*$/, '') // DBLP's part of a proceedings: `ICSE (1)`
    .replace(/\s*['’‘]\s*\d{2}$/, '') // `SIGIR '21`, `SOSP'23`
    .replace(/[\s,]+(?:19|20)\d{2}\.?$/, '') // `NeurIPS 2022`
    .replace(/^(?:19|20)\d{2}\s+/, '') // `2019 IEEE AFRICON`
    .replace(/^(?:the\s+)/i, '')
    .trim();
  text = text
    .replace(/\s*\.\s*Proceedings\.?$/i, '')
    .replace(/,\s*$/, '')
    .trim();
  return text === '' ? null : text;
}

function preprintName(text: string): string | null {
  return PREPRINTS[key(text).replace(/\s+/g, ' ')] ?? PREPRINTS[key(text).replace(/[^a-z]/g, '')] ?? null;
}

/** A known name: this module's table, then the venues the parser knows (`NIPS` -> `NeurIPS`). */
function wellKnown(text: string): string | null {
  const k = key(text).replace(/\s+/g, ' ');
  const found = WELL_KNOWN[k] ?? WELL_KNOWN[k.replace(/\//g, ' ')] ?? WELL_KNOWN[k.replace(/^proceedings of the /, '')];
  if (found) return found;
  const recognised = recogniseVenue(text);
  if (recognised?.canonical && recognised.year === null && !recognised.workshop && key(recognised.name) === key(text))
    return recognised.canonical;
  return null;
}

/** Whether `name'22` reads back as a venue with a year (what `lint` asks of every venue). */
export function isListableName(name: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9&.+-]*(?: [A-Za-z][A-Za-z&.+-]*){0,2}$/.test(name) &&
    (name.match(/[A-Za-z]/g) ?? []).length >= 2
  );
}

/** Characters a venue name cannot hold in a list: `/` -> `-` (`ACL/IJCNLP` -> `ACL-IJCNLP`), others dropped. */
function listable(name: string): string {
  return name
    .replace(/\s*\/\s*/g, '-')
    .replace(/[,:;'’"()[\]{}!?@#$%^*=<>|\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Initials of a name's significant words: `Int. J. Mod. Phys. B` -> `IJMPB`. */
function initials(name: string): string | null {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s/-]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}&]/gu, ''))
    .filter((w) => w !== '' && !MINOR.has(w.toLowerCase()) && /^[A-Za-z]/.test(w));
  const letters = words.map((w) => (/^[A-Z]{2,}$/.test(w) && w.length <= 5 ? w : w[0]!.toUpperCase())).join('');
  return letters.length >= 2 && /^[A-Za-z]/.test(letters) ? letters : null;
}

/** An ISO-4-style abbreviation: `Journal of Applied Physics` -> `J. Appl. Phys.`. */
function abbreviate(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => !MINOR.has(word.toLowerCase()))
    .map((word) => ISO4[word.toLowerCase()] ?? word)
    .join(' ');
}

/** A name that reads back as a venue: as it is, with only the characters fixed, or as its initials. */
function fit(name: string): string | null {
  const fixed = listable(name);
  if (isListableName(fixed)) return fixed;
  return initials(fixed);
}

/** An acronym inside a full name: `2019 IEEE AFRICON` -> `AFRICON`, `Proceedings of SPIE` -> null (a publisher). */
function acronymIn(name: string): string | null {
  const found = [
    ...new Set(
      [...name.matchAll(/(?<![\w-])([A-Z][A-Z0-9&-]*[A-Z0-9](?:\/[A-Z][A-Z0-9&-]+)*)(?![\w-])/g)].map((m) => m[1]!),
    ),
  ].filter((word) => !PUBLISHERS.has(word) && /[A-Z]{2}/.test(word) && !/^[IVXLC]+$/.test(word));
  return found.length === 1 ? found[0]! : null;
}

/** A full conference name without its ordinal, publisher, `Proceedings of` and place: the words to take initials of. */
function conferenceWords(name: string): string {
  return name
    .replace(/^(?:post-)?proceedings\s+of\s+(?:the\s+)?/i, '')
    .split(',')[0]!
    .replace(/\s*['’]\d{2}\b|\b(?:19|20)\d{2}\b/g, '')
    .replace(/\b\d+\.(?=\s)/g, '')
    .replace(/\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/gi, '')
    .replace(/\b(?:IEEE|ACM|USENIX|IFIP|Annual)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The venue name for a source's hints, or null when they name none. */
export function venueName(hints: VenueHints): string | null {
  const acronyms = (hints.acronyms ?? []).map(cleanVenueString).filter((s): s is string => s !== null);
  const abbreviations = (hints.abbreviations ?? []).map(cleanVenueString).filter((s): s is string => s !== null);
  const names = (hints.names ?? []).map(cleanVenueString).filter((s): s is string => s !== null);
  const every = [...acronyms, ...names, ...abbreviations];
  if (every.length === 0) return null;
  // A preprint server names the venue only when nothing else does; arXiv is no venue (a list writes `arXiv'22` for any preprint).
  const published = (list: string[]) => list.filter((text) => preprintName(text) === null);
  const all = published(every);
  if (all.length === 0) {
    const server = preprintName(every[0]!);
    return server === 'arXiv' ? null : server;
  }
  acronyms.splice(0, acronyms.length, ...published(acronyms));
  names.splice(0, names.length, ...published(names));
  abbreviations.splice(0, abbreviations.length, ...published(abbreviations));
  for (const text of all) {
    const known = wellKnown(text);
    if (known) return known;
  }
  if (hints.kind !== 'journal') {
    for (const acronym of acronyms) {
      // `A-TEST@ESEC/SIGSOFT FSE`: the workshop, held at FSE.
      const workshop = acronym.includes('@') ? acronym.split('@')[0]!.trim() : acronym;
      const short = wellKnown(workshop) ?? workshop;
      if (short.split(/\s+/).length <= 3) {
        const fitted = fit(short);
        if (fitted) return fitted;
      }
    }
  }
  if (hints.kind === 'journal') {
    for (const name of names) {
      // `Biochimica et Biophysica Acta (BBA) - Reviews on Cancer` -> `BBA`.
      const paren = /\(([A-Z][A-Z0-9&-]{1,9})\)/.exec(name);
      if (paren) return paren[1]!;
    }
    for (const name of [...names, ...acronyms]) {
      const plain = name.split(/:\s| - /)[0]!.trim();
      if (plain.split(/\s+/).length <= 3 && isListableName(listable(plain))) return listable(plain);
    }
    for (const short of abbreviations) if (isListableName(listable(short))) return listable(short);
    for (const name of names) {
      const abbreviated = abbreviate(name.split(/:\s| - /)[0]!.trim());
      const fitted = fit(abbreviated);
      if (fitted) return fitted;
    }
    for (const short of [...abbreviations, ...acronyms]) {
      const fitted = fit(short);
      if (fitted) return fitted;
    }
    return null;
  }
  for (const name of [...names, ...abbreviations]) {
    const inside = acronymIn(name);
    if (inside) {
      const fitted = fit(wellKnown(inside) ?? inside);
      if (fitted) return fitted;
    }
  }
  for (const name of names) {
    const words = conferenceWords(name);
    if (words.split(/\s+/).length <= 3 && isListableName(listable(words))) return listable(words);
    const letters = initials(words);
    if (letters) return letters;
  }
  for (const text of abbreviations) {
    const fitted = fit(text);
    if (fitted) return fitted;
  }
  return null;
}

/**
 * arXiv's `journal_ref` (free text the authors typed): the journal and year, when it reads as one.
 * `Phys. Rev. B 74, 024520 (2006)` -> `Phys. Rev. B`, 2006; `ActaAstron.56:1-50,2006` -> `Acta Astron.`.
 */
export function journalRefVenue(
  ref: string | null | undefined,
): { name: string; year: number | null; container: string } | null {
  if (!ref) return null;
  const text = cleanText(ref, true);
  const years = [...text.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  const year = years.length ? years[years.length - 1]! : null;
  // The name is the text before the first number (volume, year or page) or comma.
  const m = /^([^\d,(]*?[A-Za-z.])\s*(?:\d|,|\(|$)/.exec(text);
  if (!m) return null;
  const raw = m[1]!
    .replace(/\bvol\.?$/i, '')
    .replace(/\s+(?:in|at)$/i, '')
    .trim();
  if (raw.length < 2) return null;
  // Proceedings written out in full are conferences: `Proceedings of ICML 2019` -> `ICML`.
  const looksConference = /\b(?:proc(?:eedings)?|conference|symposium|workshop)\b/i.test(raw);
  const name = venueName(
    looksConference ? { kind: 'conference', names: [raw] } : { kind: 'journal', names: [raw], abbreviations: [raw] },
  );
  return name ? { name, year, container: raw } : null;
}
