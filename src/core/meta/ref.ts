/**
 * What `papers add <ref>` was given: an arXiv id or URL, a DOI or a URL that names one, a DBLP record,
 * or a landing page we can map to one of those. Pure text rules, no network.
 */
import { UsageError } from '../model/errors.js';
import { ARXIV_ID, arxivIdFromUrl, DOI, doiFromUrl, normalizeDoi } from '../query/identity.js';

export type Ref =
  | { kind: 'arxiv'; id: string; url: string | null }
  | { kind: 'doi'; doi: string; url: string | null }
  | { kind: 'dblp'; key: string; url: string | null }
  /** Any other paper page: its `citation_*` meta tags (as Google Scholar reads them) name the paper. */
  | { kind: 'page'; url: string }
  | { kind: 'search'; query: string };

/** The text as a reference, or null when it is not one (then it is a title). */
export function parseRef(raw: string): Ref | null {
  const text = raw.trim();
  const bare = text.replace(/^arxiv:\s*/i, '');
  if (ARXIV_ID.test(bare)) {
    return { kind: 'arxiv', id: bare, url: null };
  }
  const doiText = text.replace(/^doi:\s*/i, '');
  if (DOI.test(doiText)) return { kind: 'doi', doi: normalizeDoi(doiText), url: null };
  if (!/^https?:\/\//i.test(text)) return null;
  return refFromUrl(text);
}

/** A URL: an id when the URL names one (arXiv, DOI, ACM DL, ACL Anthology, DBLP), else the page itself. */
export function refFromUrl(url: string): Ref {
  const arxiv = arxivIdFromUrl(url);
  if (arxiv) return { kind: 'arxiv', id: arxiv, url };
  const doi = doiFromUrl(url);
  if (doi) return { kind: 'doi', doi, url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL`);
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = decodeURIComponent(parsed.pathname);
  if (host === 'dblp.org' || host === 'dblp.uni-trier.de' || host === 'dblp.dagstuhl.de') {
    const m =
      /^\/rec\/(?:bibtex\/|xml\/|html\/)?((?:conf|journals|books|series|phd|reference|informal|persons|tr|ms|www)\/[^?#]+?)(?:\.(?:html|bib|xml|ris|nt|ttl|rdf))?\/?$/.exec(
        path,
      );
    if (m) return { kind: 'dblp', key: m[1]!, url: null };
  }
  if (host === 'aclanthology.org' || host === 'aclweb.org') {
    // Anthology ids map to the ACL's DOIs: `2022.acl-long.1` -> 10.18653/v1/2022.acl-long.1, `P19-1001` -> 10.18653/v1/P19-1001.
    const m = /^(?:\/anthology)?\/([0-9]{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})(?:\.pdf)?\/?$/.exec(path);
    if (m) return { kind: 'doi', doi: normalizeDoi(`10.18653/v1/${m[1]}`), url };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`"${url}" is not an http(s) URL`);
  return { kind: 'page', url };
}

/** The text `--lookup` was given, as a search. */
export function searchRef(query: string): Ref {
  const text = query.replace(/\s+/g, ' ').trim();
  if (text === '')
    throw new UsageError('--lookup needs some words of the title, e.g. --lookup "attention is all you need"');
  return { kind: 'search', query: text };
}

export function describeRef(ref: Ref): string {
  switch (ref.kind) {
    case 'arxiv':
      return `arXiv:${ref.id}`;
    case 'doi':
      return `doi:${ref.doi}`;
    case 'dblp':
      return `DBLP ${ref.key}`;
    case 'page':
      return ref.url;
    case 'search':
      return `"${ref.query}"`;
  }
}
