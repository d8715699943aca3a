/**
 * A paper's identity, as the list can show it: an arXiv id, a DOI, its paper URL, its title. Two
 * entries with the same arXiv id, DOI, normalised URL or normalised title are the same paper; `add`
 * refuses the second one (unless --force). Pure: no network, no files.
 */
import { OnePaperRefusal } from '../model/errors.js';
import type { ListDocument, Paper } from '../model/paper.js';
import { normalizeKey } from '../read/venue.js';
import { isAsciiText } from '../model/text.js';

export interface Identity {
  title: string;
  urls: string[];
  arxiv?: string | null;
  doi?: string | null;
}

/** New-style (`2206.15472`, 4 or 5 digits after the dot) and old-style (`cs/0112017`, `math.GT/0309136`) ids, version kept. */
const ARXIV_NEW = String.raw`\d{4}\.\d{4,5}(?:v\d+)?`;
const ARXIV_OLD = String.raw`[a-z][a-z\-]*(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?`;
export const ARXIV_ID = new RegExp(`^(?:${ARXIV_NEW}|${ARXIV_OLD})$`);
const ARXIV_URL = new RegExp(
  String.raw`^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(${ARXIV_NEW}|${ARXIV_OLD})(?:\.pdf)?/?(?:[?#].*)?$`,
  'i',
);
/** A DOI: `10.` + registrant + `/` + suffix (anything without spaces). */
export const DOI = /^10\.\d{4,9}\/\S+$/;
const DOI_URL = /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+?)\/?$/i;
const ACM_URL =
  /^https?:\/\/(?:dl\.)?acm\.org\/doi\/(?:(?:abs|pdf|full|fullHtml|epdf|book)\/)?(10\.\d{4,9}\/[^?#\s]+?)\/?(?:[?#].*)?$/i;

/** `2206.15472v2` -> `2206.15472`. */
export function arxivBase(id: string): string {
  return id.replace(/v\d+$/, '');
}

/** The arXiv id (version kept) an arxiv.org abs/pdf/html URL names, else null. */
export function arxivIdFromUrl(url: string): string | null {
  const m = ARXIV_URL.exec(url.trim());
  return m ? m[1]! : null;
}

/** The DOI a doi.org or ACM DL URL names, else null. Lower-cased: DOIs are case-insensitive. */
export function doiFromUrl(url: string): string | null {
  const text = url.trim();
  const m = DOI_URL.exec(text) ?? ACM_URL.exec(text);
  return m ? normalizeDoi(decodeURIComponentSafe(m[1]!)) : null;
}

export function normalizeDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^doi:\s*/i, '')
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .toLowerCase();
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A URL with what does not change the address of a paper taken off: scheme, `www.`, arXiv's
 * `abs`/`pdf` and version suffix, a `.pdf` ending, a trailing slash, the fragment.
 */
export function normalizeUrl(url: string): string {
  return normalizedWith(url, arxivIdFromUrl(url), doiFromUrl(url));
}

/** normalizeUrl, with the URL's arXiv id and DOI already read. */
function normalizedWith(url: string, arxiv: string | null, doi: string | null): string {
  if (arxiv) return `arxiv.org/abs/${arxivBase(arxiv)}`;
  if (doi) return `doi.org/${doi}`;
  let text = url
    .trim()
    .replace(/#.*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = text.indexOf('/');
  const host = (slash < 0 ? text : text.slice(0, slash)).toLowerCase().replace(/^www\./, '');
  let path = slash < 0 ? '' : text.slice(slash);
  path = path
    .replace(/\/+$/, '')
    .replace(/\.pdf$/i, '')
    .replace(/\/+$/, '');
  text = host + path;
  return text;
}

export function normalizeTitle(title: string): string {
  // (NFKC leaves ASCII as it is)
  return normalizeKey(isAsciiText(title) ? title : title.normalize('NFKC'));
}

/** What a listed paper's links say about its identity. */
export function identityOf(paper: { title: string; links: { url: string }[] }): Required<Identity> {
  const urls = paper.links.map((link) => link.url);
  return {
    title: paper.title,
    urls,
    arxiv: urls.map(arxivIdFromUrl).find((id) => id !== null) ?? null,
    doi: urls.map(doiFromUrl).find((doi) => doi !== null) ?? null,
  };
}

export interface Duplicate {
  paper: Paper;
  /** `the same arXiv id (2206.15472)`, `the same DOI (...)`, `the same paper URL`, `the same title`. */
  why: string;
}

/**
 * The keys two entries share when findDuplicate calls them the same paper: `t:` the normalised title,
 * `u:` each normalised URL, `a:` the arXiv id (no version) and `d:` the DOI its links name first. An
 * index of the list's keys (the model cache keeps one, see ListDocument.identityCandidates) finds the
 * only papers that can match without reading every paper.
 */
export function identityKeys(paper: { title: string; links: readonly { url: string }[] }): string[] {
  // Each URL's arXiv id and DOI read once (the cache's identity index asks this of every paper).
  let arxiv: string | null = null;
  let doi: string | null = null;
  const urls = paper.links.map(({ url }) => {
    const itsArxiv = arxivIdFromUrl(url);
    const itsDoi = doiFromUrl(url);
    arxiv ??= itsArxiv;
    doi ??= itsDoi;
    return normalizedWith(url, itsArxiv, itsDoi);
  });
  return keysOf(normalizeTitle(paper.title), urls, arxiv ? arxivBase(arxiv) : null, doi);
}

function keysOf(title: string, urls: readonly string[], arxiv: string | null, doi: string | null): string[] {
  const keys = urls.map((url) => `u:${url}`);
  if (title !== '') keys.push(`t:${title}`);
  if (arxiv) keys.push(`a:${arxiv}`);
  if (doi) keys.push(`d:${doi}`);
  return keys;
}

export function findDuplicate(doc: ListDocument, wanted: Identity): Duplicate | null {
  const title = normalizeTitle(wanted.title);
  const arxiv = wanted.arxiv ? arxivBase(wanted.arxiv) : (wanted.urls.map(arxivIdFromUrl).find(Boolean) ?? null);
  const arxivKey = arxiv ? arxivBase(arxiv) : null;
  const doi = wanted.doi ? normalizeDoi(wanted.doi) : (wanted.urls.map(doiFromUrl).find(Boolean) ?? null);
  const urls = new Set(wanted.urls.map(normalizeUrl));
  // With an index, only the papers that share a key can match (each is checked in full below).
  const candidates = doc.identityCandidates?.(keysOf(title, [...urls], arxivKey, doi));
  for (const i of candidates ?? doc.papers.keys()) {
    const paper = doc.papers[i]!;
    const theirs = identityOf(paper);
    if (arxivKey && theirs.arxiv && arxivBase(theirs.arxiv) === arxivKey)
      return { paper, why: `the same arXiv id (${arxivKey})` };
    if (doi && theirs.doi === doi) return { paper, why: `the same DOI (${doi})` };
    if (theirs.urls.some((url) => urls.has(normalizeUrl(url)))) return { paper, why: 'the same paper URL' };
    if (title !== '' && normalizeTitle(paper.title) === title) return { paper, why: 'the same title' };
  }
  return null;
}

/** Throws when the list already has this paper, naming the entry and its line. */
export function refuseDuplicate(doc: ListDocument, wanted: Identity): void {
  const same = findDuplicate(doc, wanted);
  if (same) throw duplicateError(same);
}

/** The paper is in the list already: a refusal (exit 1), not a mistake in the command line. */
export function duplicateError(same: Duplicate): OnePaperRefusal {
  return new OnePaperRefusal(
    `"${same.paper.title}" (${same.paper.id}, line ${same.paper.line}) has ${same.why}; add --force to add it anyway`,
    same.paper.span,
  );
}
