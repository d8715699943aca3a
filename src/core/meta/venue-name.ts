/**
 * The one place a source's venue becomes the name a reading list writes before the year: `NeurIPS`,
 * `OSDI`, `J. Appl. Phys.`, `PNAS`. Every source (arXiv's journal_ref, Crossref, DBLP, Semantic Scholar,
 * OpenAlex, a paper page) hands its strings here; the rules, in order:
 *
 * 1. Each string is cleaned: entities and LaTeX decoded (`A-TEST\@ESEC/SIGSOFT FSE`), a year, edition
 *    or part number dropped (`SIGIR '21`, `ICSE (1)`, `2019 IEEE AFRICON`), preprint servers recognised.
 * 2. A well-known name, long or short, gives its usual short name (the table below, and the venues
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

/** Long or odd names -> the short name lists use. Keys are compared lower-case, letters and digits only. */
const WELL_KNOWN: Record<string, string> = {
  'neural information processing systems': 'NeurIPS',
  'advances in neural information processing systems': 'NeurIPS',
  'conference on neural information processing systems': 'NeurIPS',
  'international conference on machine learning': 'ICML',
  'international conference on learning representations': 'ICLR',
  'computer vision and pattern recognition': 'CVPR',
  'ieee/cvf conference on computer vision and pattern recognition': 'CVPR',
  'conference on computer vision and pattern recognition': 'CVPR',
  'international conference on computer vision': 'ICCV',
  'ieee/cvf international conference on computer vision': 'ICCV',
  'european conference on computer vision': 'ECCV',
  'annual meeting of the association for computational linguistics': 'ACL',
  'conference on empirical methods in natural language processing': 'EMNLP',
  'north american chapter of the association for computational linguistics': 'NAACL',
  'aaai conference on artificial intelligence': 'AAAI',
  'international joint conference on artificial intelligence': 'IJCAI',
  'knowledge discovery and data mining': 'KDD',
  'the web conference': 'WWW',
  'operating systems design and implementation': 'OSDI',
  'usenix symposium on operating systems design and implementation': 'OSDI',
  'symposium on operating systems principles': 'SOSP',
  'networked systems design and implementation': 'NSDI',
  'usenix annual technical conference': 'USENIX ATC',
  'usenix annual technical conference general track': 'USENIX ATC',
  'architectural support for programming languages and operating systems': 'ASPLOS',
  'international symposium on computer architecture': 'ISCA',
  'programming language design and implementation': 'PLDI',
  'esec/sigsoft fse': 'FSE',
  'sigsoft fse': 'FSE',
  'esec/fse': 'FSE',
  'proc acm softw eng': 'FSE',
  'ieee symposium on security and privacy': 'S&P',
  'ieee s&p': 'S&P',
  sp: 'S&P',
  'proc vldb endow': 'VLDB',
  pvldb: 'VLDB',
  'proceedings of the vldb endowment': 'VLDB',
  'proceedings of the national academy of sciences': 'PNAS',
  'proceedings of the national academy of sciences of the united states of america': 'PNAS',
  'proc natl acad sci usa': 'PNAS',
  'proc natl acad sci u s a': 'PNAS',
  'proc natl acad sci': 'PNAS',
  'journal of machine learning research': 'JMLR',
  'j mach learn res': 'JMLR',
  'transactions on machine learning research': 'TMLR',
  'trans mach learn res': 'TMLR',
  'ieee transactions on pattern analysis and machine intelligence': 'TPAMI',
  'ieee trans pattern anal mach intell': 'TPAMI',
  'international journal of computer vision': 'IJCV',
  'int j comput vis': 'IJCV',
  'transactions of the association for computational linguistics': 'TACL',
  'trans assoc comput linguistics': 'TACL',
  'acm transactions on graphics': 'TOG',
  'acm trans graph': 'TOG',
  'nat mac intell': 'Nature Machine Intelligence',
  'nat mach intell': 'Nature Machine Intelligence',
  'nature machine intelligence': 'Nature Machine Intelligence',
  'nat commun': 'Nature Communications',
  'sci rep': 'Scientific Reports',
  'proceedings of spie': 'Proc. SPIE',
  'proc spie': 'Proc. SPIE',
  'spie proceedings': 'Proc. SPIE',
  'proceedings of spie the international society for optical engineering': 'Proc. SPIE',
  'softw test verification reliab': 'STVR',
  'softw test verif reliab': 'STVR',
  'software testing verification and reliability': 'STVR',
  'software testing verification & reliability': 'STVR',
  'journal of applied physics': 'J. Appl. Phys.',
  'physical review letters': 'Phys. Rev. Lett.',
  'physical review a': 'Phys. Rev. A',
  'physical review b': 'Phys. Rev. B',
  'physical review c': 'Phys. Rev. C',
  'physical review d': 'Phys. Rev. D',
  'physical review e': 'Phys. Rev. E',
  'physical review x': 'Phys. Rev. X',
  'acta astronomica': 'Acta Astron.',
  actaastron: 'Acta Astron.',
  'annals of physics': 'Ann. Phys.',
};

/** Preprint servers: the name a list writes for a paper that is only there. */
const PREPRINTS: Record<string, string> = {
  arxiv: 'arXiv',
  arxivorg: 'arXiv',
  corr: 'arXiv',
  'arxiv cornell university': 'arXiv',
  biorxiv: 'bioRxiv',
  medrxiv: 'medRxiv',
  chemrxiv: 'ChemRxiv',
  ssrn: 'SSRN',
  'ssrn electronic journal': 'SSRN',
  'research square': 'Research Square',
  'research square platform llc': 'Research Square',
  preprints: 'Preprints',
  openreview: 'OpenReview',
};

/** Words an ISO-4-style abbreviation shortens (the LTWA's forms for the words journal names use most). */
const ISO4: Record<string, string> = {
  journal: 'J.',
  journals: 'J.',
  applied: 'Appl.',
  physics: 'Phys.',
  physical: 'Phys.',
  review: 'Rev.',
  reviews: 'Rev.',
  letters: 'Lett.',
  international: 'Int.',
  transactions: 'Trans.',
  proceedings: 'Proc.',
  science: 'Sci.',
  sciences: 'Sci.',
  computer: 'Comput.',
  computers: 'Comput.',
  computing: 'Comput.',
  computational: 'Comput.',
  engineering: 'Eng.',
  software: 'Softw.',
  systems: 'Syst.',
  system: 'Syst.',
  research: 'Res.',
  communications: 'Commun.',
  chemistry: 'Chem.',
  chemical: 'Chem.',
  biology: 'Biol.',
  biological: 'Biol.',
  mathematics: 'Math.',
  mathematical: 'Math.',
  medicine: 'Med.',
  medical: 'Med.',
  annual: 'Annu.',
  advances: 'Adv.',
  advanced: 'Adv.',
  information: 'Inf.',
  technology: 'Technol.',
  american: 'Am.',
  european: 'Eur.',
  society: 'Soc.',
  molecular: 'Mol.',
  cellular: 'Cell.',
  statistics: 'Stat.',
  statistical: 'Stat.',
  learning: 'Learn.',
  machine: 'Mach.',
  intelligence: 'Intell.',
  artificial: 'Artif.',
  networks: 'Netw.',
  processing: 'Process.',
  analysis: 'Anal.',
  applications: 'Appl.',
  theoretical: 'Theor.',
  materials: 'Mater.',
  environmental: 'Environ.',
  national: 'Natl.',
  academy: 'Acad.',
  quarterly: 'Q.',
  bulletin: 'Bull.',
  experimental: 'Exp.',
  evolutionary: 'Evol.',
  developmental: 'Dev.',
  seminars: 'Semin.',
  biochemistry: 'Biochem.',
  reports: 'Rep.',
  delivery: 'Deliv.',
  verification: 'Verif.',
  reliability: 'Reliab.',
  testing: 'Test.',
  modern: 'Mod.',
  optical: 'Opt.',
  optics: 'Opt.',
  frontiers: 'Front.',
  environment: 'Environ.',
  electronics: 'Electron.',
  electronic: 'Electron.',
  economics: 'Econ.',
  economic: 'Econ.',
  geophysical: 'Geophys.',
  astronomy: 'Astron.',
  astrophysics: 'Astrophys.',
  astrophysical: 'Astrophys.',
  neuroscience: 'Neurosci.',
  psychology: 'Psychol.',
  pathology: 'Pathol.',
  genetics: 'Genet.',
  clinical: 'Clin.',
  ecology: 'Ecol.',
  evolution: 'Evol.',
  methods: 'Methods',
  knowledge: 'Knowl.',
  management: 'Manag.',
  language: 'Lang.',
  languages: 'Lang.',
  programming: 'Program.',
  robotics: 'Robot.',
  automation: 'Autom.',
  signal: 'Signal',
  image: 'Image',
  pattern: 'Pattern',
  recognition: 'Recognit.',
  graphics: 'Graph.',
  visualization: 'Vis.',
  security: 'Secur.',
  distributed: 'Distrib.',
  parallel: 'Parallel',
  database: 'Database',
  databases: 'Databases',
  biomedical: 'Biomed.',
  biophysical: 'Biophys.',
  biophysics: 'Biophys.',
  nuclear: 'Nucl.',
  condensed: 'Condens.',
  matter: 'Matter',
  quantum: 'Quantum',
  fluid: 'Fluid',
  mechanics: 'Mech.',
  acoustical: 'Acoust.',
};

/** Words that are not part of a name's initials. */
const MINOR = new Set([
  'of',
  'the',
  'and',
  'on',
  'in',
  'for',
  'at',
  'to',
  'a',
  'an',
  'de',
  'des',
  'der',
  'und',
  'et',
  '&',
  'with',
]);

/** Organisations that publish many proceedings: not the venue's own acronym. */
const PUBLISHERS = new Set([
  'IEEE',
  'ACM',
  'USENIX',
  'IFIP',
  'SIAM',
  'AAAI',
  'IAPR',
  'IET',
  'ISCA',
  'SIGPLAN',
  'SIGOPS',
  'SIGSOFT',
  'SIGARCH',
  'SIGMOD',
  'SIGKDD',
  'CVF',
  'IEEE/CVF',
  'LNCS',
  'CEUR',
  'AIP',
  'ASME',
  'OSA',
  'SPIE',
  'EAI',
  'ICST',
  'II',
  'III',
  'IV',
  'VI',
  'VII',
  'VIII',
  'IX',
  'XI',
  'XII',
]);

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
