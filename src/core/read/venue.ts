/**
 * Venues as lists write them: `OSDI'20`, `USENIX ATC'22`, `ICML 2020`, `ICLR2018`, `NeurIPS '17`,
 * `NeurIPS-21`, `MICCAI18`, `ECCV 2020 spotlight`, `ASPLOS'24 Best Paper`.
 */
import { isAsciiText } from '../model/text.js';

export interface ParsedVenue {
  /** The venue's name without the year, e.g. `USENIX ATC`. */
  name: string;
  year: number;
}

const NAME = String.raw`[A-Za-z][A-Za-z0-9&.+\-]*?(?:\s[A-Za-z][A-Za-z&.+\-]*){0,2}?`;
/**
 * Name, a separator, then a year; an optional word or two after it (`spotlight`, `Best Paper`). (The
 * quotes ’ ‘ are escapes the pattern reads: the hot files are ASCII only, see scripts/ascii-regexps.mjs.)
 */
const VENUE_RE = new RegExp(
  String.raw`^(${NAME})(\s*['\u2019\u2018]\s*|[\s_\-]+|)((?:19|20)\d{2}|\d{2})['\u2019]?(?:\s+\(?[A-Za-z][A-Za-z\- ]{0,30}\)?)?$`,
);
/** `2015`, and the dates lists put beside a title: `2015.02`, `2017-05`, `2019/11/03`. */
const YEAR_ONLY_RE = /^((?:19|20)\d{2})(?:[.\-/](?:0?[1-9]|1[0-2])(?:[.\-/]\d{1,2})?)?$/;

/** Two-digit years 00–59 are 20xx, 60–99 are 19xx: fixed so that a file reads the same every year. */
function expandYear(digits: string): number {
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
  // (A known venue may: `NeurIPS22`.)
  if (
    separator === '' &&
    digits.length === 2 &&
    name !== name.toUpperCase() &&
    !canonicalNames().has(normalizeKey(name))
  )
    return null;
  // A name that ends in digits would swallow part of the year (`GPT4 2023` is fine, `A100` is not a venue).
  if (/\d$/.test(name) && separator === '') return null;
  return { name, year: expandYear(digits) };
}

export function parseYearOnly(raw: string): number | null {
  const text = raw.trim();
  const m = YEAR_ONLY_RE.exec(text);
  if (m) return Number(m[1]);
  // `'22`: a year written short, alone.
  const short = /^['’‘](\d{2})$/.exec(text);
  return short ? expandYear(short[1]!) : null;
}

/** Lower-case letters and digits only: `USENIX ATC'22` -> `usenixatc22`. */
export function normalizeKey(text: string): string {
  // (ASCII, the common case, without the Unicode classes: the first use of those costs ~0.7 ms.)
  if (isAsciiText(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
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
  if (!parsed) {
    if (normalizeKey(venue) === normalizeKey(query)) return true;
    const canonical = canonicalNames().get(normalizeKey(query));
    return wanted.year === null && canonical !== undefined && canonicalNames().get(normalizeKey(venue)) === canonical;
  }
  if (wanted.year !== null && wanted.year !== parsed.year) return false;
  const key = normalizeKey(wanted.name);
  if (key === '') return wanted.year !== null;
  if (normalizeKey(parsed.name) === key) return true;
  // Other spellings of one venue match each other: `--venue NeurIPS` finds `NIPS'17`.
  const canonical = canonicalNames().get(key);
  if (canonical !== undefined && recogniseVenue(venue)?.canonical === canonical) return true;
  return parsed.name.split(/[\s-]+/).some((word) => normalizeKey(word) === key);
}

function parseVenueQuery(query: string): { name: string; year: number | null } {
  const m = /^(.*?)[\s'’_-]*((?:19|20)\d{2}|\d{2})$/.exec(query.trim());
  if (m && /[A-Za-z]/.test(m[1]!)) return { name: m[1]!, year: expandYear(m[2]!) };
  return { name: query, year: null };
}

// ---------------------------------------------------------------------------------------------
// Known venues

/**
 * Short names lists write for conferences, journals and preprint servers, each with the other spellings
 * seen for it (`NIPS` is `NeurIPS`, `T-PAMI` is `TPAMI`). The first name is the canonical one. Used to
 * recognise a venue written without a year (`[arXiv](url)`, `(Nature)`), to match `--venue` across
 * spellings, and to tell `lint` which venues are known; a name with a year is a venue even when it is
 * not here (`OCEANS 2020`), it is just not recognised.
 */
const VENUE_TABLE: readonly (readonly string[])[] = [
  // Machine learning, vision, language, speech
  ['NeurIPS', 'NIPS'],
  ['ICML'],
  ['ICLR'],
  ['AAAI'],
  ['IJCAI'],
  ['UAI'],
  ['AISTATS'],
  ['COLT'],
  ['CoRL'],
  ['TMLR'],
  ['JMLR'],
  ['CVPR'],
  ['ICCV'],
  ['ECCV'],
  ['WACV'],
  ['BMVC'],
  ['ACCV'],
  ['ICPR'],
  ['ICIP'],
  ['3DV'],
  ['SIGGRAPH'],
  ['SIGGRAPH Asia'],
  ['ACL'],
  ['EMNLP'],
  ['NAACL'],
  ['COLING'],
  ['EACL'],
  ['TACL'],
  ['CoNLL'],
  ['Interspeech', 'InterSpeech'],
  ['ICASSP'],
  ['ACM MM', 'MM', 'ACMMM'],
  ['ICME'],
  ['ICMR'],
  ['ICANN'],
  ['IJCNN'],
  ['ESANN'],
  ['ICONIP'],
  // Data mining, web, information retrieval
  ['KDD', 'SIGKDD'],
  ['WWW', 'TheWebConf'],
  ['SIGIR'],
  ['CIKM'],
  ['WSDM'],
  ['ICDM'],
  ['SDM'],
  ['ECML-PKDD', 'ECML', 'PKDD', 'ECMLPKDD'],
  ['PAKDD'],
  ['RecSys'],
  ['KSEM'],
  ['ICDE'],
  ['SIGMOD'],
  ['VLDB', 'PVLDB'],
  // Medical imaging
  ['MICCAI'],
  ['IPMI'],
  ['ISBI'],
  ['MIDL'],
  ['MedIA', 'Medical Image Analysis'],
  ['TMI', 'IEEE TMI'],
  // Systems, architecture, programming languages, security, HCI, robotics
  ['OSDI'],
  ['SOSP'],
  ['NSDI'],
  ['USENIX ATC', 'ATC'],
  ['EuroSys'],
  ['ASPLOS'],
  ['ISCA'],
  ['MICRO'],
  ['HPCA'],
  ['PLDI'],
  ['POPL'],
  ['OOPSLA'],
  ['CGO'],
  ['PPoPP'],
  ['SC'],
  ['FAST'],
  ['SIGCOMM'],
  ['MobiCom'],
  ['MLSys', 'SysML'],
  ['HotOS'],
  ['SoCC'],
  ['DAC'],
  ['ICSE'],
  ['FSE'],
  ['ISSTA'],
  ['CCS'],
  ['S&P', 'IEEE S&P', 'Oakland'],
  ['USENIX Security'],
  ['NDSS'],
  ['CHI'],
  ['UIST'],
  ['ICRA'],
  ['IROS'],
  ['RSS'],
  ['RA-L', 'RAL'],
  ['IH&MMSec'],
  // Journals (short names as lists write them)
  ['TPAMI', 'PAMI', 'T-PAMI'],
  ['IJCV'],
  ['TIP'],
  ['TNNLS'],
  ['TMM'],
  ['TIFS'],
  ['TCSVT'],
  ['TKDE'],
  ['TKDD'],
  ['TIST'],
  ['TOG'],
  ['TOMM'],
  ['TDSC'],
  ['TVCG'],
  ['PR', 'Pattern Recognition'],
  ['KBS'],
  ['ESWA'],
  ['Neurocomputing', 'Neuro Computing'],
  ['SPL'],
  ['JVCIR'],
  ['Nature'],
  ['Science'],
  ['Cell'],
  ['PNAS'],
  ['JAMA'],
  ['Lancet', 'The Lancet'],
  ['Lancet Oncology', 'LANCET Oncology'],
  ['Nature Communications', 'Nature Comm', 'Nat Commun'],
  ['Nature Medicine'],
  ['Nature Methods'],
  ['Nature Machine Intelligence'],
  ['Scientific Reports', 'Sci Rep'],
  ['PLOS ONE', 'PLoS ONE'],
  ['eLife'],
  ['Radiology'],
  ['Cancer Research'],
  ['Distill'],
  ['Neural Computation'],
  ['Neural Networks'],
  ['Pattern Recognition Letters', 'PRL'],
  // Preprints
  ['arXiv', 'ArXiv', 'Arxiv', 'CoRR'],
  ['bioRxiv'],
  ['medRxiv'],
];

/** Words after a venue's name that say which track or honour, not which venue: `CVPR 2020 Workshop`, `ICLR'22 Spotlight`. */
const QUALIFIER =
  /\s+(?:\(?(?:workshops?|findings|oral|spotlight|poster|best(?:\s+\w+)*|short|long|demo|under review|accepted)\)?)+$/i;

/**
 * Each known name's key (normalizeKey) -> its canonical name. Made on first use: most runs (a `list`, a
 * `done`) never ask, and making it cost each bundle that holds this file ~1 ms at load.
 */
let canonicalByKey: Map<string, string> | undefined;

function canonicalNames(): Map<string, string> {
  if (!canonicalByKey) {
    canonicalByKey = new Map();
    for (const names of VENUE_TABLE) for (const name of names) canonicalByKey.set(normalizeKey(name), names[0]!);
  }
  return canonicalByKey;
}

export interface RecognisedVenue {
  /** The canonical short name (`NeurIPS` for `NIPS'17`), or null when the name is not in the table. */
  canonical: string | null;
  /** The name as written, without year and qualifiers. */
  name: string;
  year: number | null;
  workshop: boolean;
}

/**
 * What a venue string says: `NIPS'17` -> NeurIPS 2017, `CVPRW '23` -> CVPR 2023 (workshop),
 * `[arXiv]` -> arXiv. Null when it is neither a name with a year nor a known name.
 */
export function recogniseVenue(raw: string): RecognisedVenue | null {
  const text = raw.trim();
  const parsed = parseVenue(text);
  let name = parsed ? parsed.name : text.replace(QUALIFIER, '');
  const workshop = /workshop/i.test(text) || (/W$/.test(name) && canonicalNames().has(normalizeKey(name.slice(0, -1))));
  let canonical = canonicalNames().get(normalizeKey(name)) ?? null;
  if (!canonical && /W$/.test(name)) canonical = canonicalNames().get(normalizeKey(name.slice(0, -1))) ?? null;
  // `Findings of EMNLP`, `EMNLP Findings`, `USENIX ATC`: a known name as the last or first word.
  if (!canonical) {
    const words = name.split(/\s+/);
    if (words.length > 1)
      canonical =
        canonicalNames().get(normalizeKey(words[words.length - 1]!)) ??
        canonicalNames().get(normalizeKey(words[0]!)) ??
        null;
    if (canonical && !parsed && !/^(?:findings|proceedings|proc)\b/i.test(name)) canonical = null;
  }
  if (!parsed && !canonical) return null;
  name = name.trim();
  return { canonical, name, year: parsed?.year ?? null, workshop };
}

/** A venue a list writes without a year, found by name alone: `arXiv`, `Nature`, `MICCAI`. */
export function isKnownVenueName(raw: string): boolean {
  const text = raw.trim();
  return text !== '' && canonicalNames().has(normalizeKey(text.replace(QUALIFIER, '')));
}

/** For `lint`: whether a paper's venue is one the table knows (`none` when the paper has no venue). */
export function venueDiagnostic(venue: string | null): 'none' | 'recognised' | 'unrecognised' {
  if (venue === null) return 'none';
  return recogniseVenue(venue)?.canonical ? 'recognised' : 'unrecognised';
}
