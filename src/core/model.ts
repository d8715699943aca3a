/** A half-open range of UTF-16 offsets into the file's text, as read (a BOM included). */
export interface Span {
  start: number;
  end: number;
}

export interface Link {
  label: string;
  url: string;
  /** The link itself, `[label](url)`. */
  span: Span;
  /** The destination between the parentheses (empty for `[label]()`); null for a reference link. */
  urlSpan: Span | null;
  /** The link text between the brackets. */
  labelSpan: Span;
  /**
   * The link with the literal brackets the list wraps it in, if any:
   * `[[Paper](url)]` or `\[[paper](url)\]`. Equal to `span` otherwise.
   */
  outerSpan: Span;
}

/** Where a paper came from; a table row is the next kind (see the roadmap). */
export type PaperSource = 'task';

/** What a paper says, without where it says it: all that `list` needs (and all the cache loads for it). */
export interface PaperFacts {
  /** Short readable id, unique in the file, derived from the title. */
  id: string;
  /** 1-based position in document order, as `list` shows it. */
  number: number;
  title: string;
  read: boolean;
  /** Heading texts above the paper, outermost first (a lone document-title H1 excluded). */
  area: string[];
  venue: string | null;
  year: number | null;
  links: { label: string; url: string }[];
  /** 1-based line of the item's first line. */
  line: number;
  /** The one character inside the checkbox brackets: ` `, `x` or `X`. */
  checkbox: Span;
}

/** A paper and where each of its parts is in the text, so edits can splice it. */
export interface Paper extends PaperFacts {
  links: Link[];
  source: PaperSource;
  /** The list item, from its marker to the end of its content (nested items included). */
  span: Span;
  /** The text of the item's first paragraph. */
  body: Span;
  titleSpan: Span | null;
  venueSpan: Span | null;
  /** Index (in `headings`) of the nearest heading above the paper, or -1. */
  headingIndex: number;
  /** Index of the list that holds the item (items of one list share it). */
  listIndex: number;
  /** The list puts blank lines between its items. */
  loose: boolean;
}

export interface Heading {
  /** Heading text as plain text (markup removed), trimmed. */
  text: string;
  depth: number;
  /** Path of heading texts, outermost first, ending with this heading's text. */
  path: string[];
  /** The heading's lines. */
  span: Span;
  /** Where the heading's section ends: the next heading of the same or a higher level, or the end of text. */
  sectionEnd: number;
  /** True for a lone H1 that titles the document (not an area). */
  isDocumentTitle: boolean;
}

export interface ListDocument {
  /** The file's full text, as read. */
  text: string;
  /** Length of a leading BOM (0 or 1): parser offsets are shifted by it. */
  bomLength: number;
  /** The line ending the file mostly uses. */
  eol: '\n' | '\r\n';
  papers: Paper[];
  headings: Heading[];
  /** Offset where the front matter ends (0 if none): nothing is inserted before it. */
  contentStart: number;
}
