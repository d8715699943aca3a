import { cleanText } from './clean.js';

/** BibTeX's entry types, as far as papers tells them apart. */
export type MetaKind = 'inproceedings' | 'article' | 'incollection' | 'book' | 'misc';

/** What a metadata source says about a paper. */
export interface PaperMeta {
  title: string;
  /** Full names, in order. */
  authors: string[];
  year: number | null;
  /**
   * The venue's short name without the year (`OSDI`, `USENIX ATC`, `NeurIPS`), null when not published
   * anywhere known (an arXiv preprint).
   */
  venue: string | null;
  /** The year of that venue (the publication year), when known. */
  venueYear: number | null;
  /** The paper's address: the arXiv abs page, the DOI, the publisher's page. */
  url: string | null;
  /** The published version's address (DOI or publisher's page), when the paper was published. */
  publishedUrl: string | null;
  arxiv: string | null;
  doi: string | null;
  dblpKey: string | null;
  /** A BibTeX record the source gave (DBLP's), verbatim; re-keyed when printed. */
  bibtex: string | null;
  /** Bibliographic details for building BibTeX: the full container name (its parts joined), ... */
  containerTitle: string | null;
  /** The series a proceedings volume or chapter belongs to (`Proceedings of SPIE`, `Lecture Notes in Computer Science`). */
  series?: string | null;
  /** `inproceedings`, `article`, `incollection` (a book chapter), `book`, or `misc` (a preprint, anything else). */
  kind: MetaKind;
  /** Which source said it: `arXiv`, `Crossref`, `DBLP`, `Semantic Scholar`, `OpenAlex`. */
  source: string;
}

export function emptyMeta(source: string, title: string): PaperMeta {
  return {
    title,
    authors: [],
    year: null,
    venue: null,
    venueYear: null,
    url: null,
    publishedUrl: null,
    arxiv: null,
    doi: null,
    dblpKey: null,
    bibtex: null,
    containerTitle: null,
    kind: 'misc',
    source,
  };
}

/** Whitespace runs (arXiv wraps titles) to one space; markup and entities decoded (see clean.ts). */
export function cleanMetaText(text: string): string {
  return cleanText(text);
}
