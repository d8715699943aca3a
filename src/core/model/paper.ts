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

/**
 * Where a paper came from: a GFM task-list item, a body row of a paper table (one with a status column),
 * or a list item or line without a checkbox whose state is a marker before or after it (`- ✅ Title`,
 * `* [Title](url) :heavy_check_mark:`, `[✅] Title`), in a list that marks its entries so.
 */
export type PaperSource = 'task' | 'row' | 'marked';

/** Which column of a paper table holds what (0-based; -1 for none), and how many the header has. */
export interface TableLayout {
  columns: number;
  status: number;
  title: number;
  venue: number;
  year: number;
  links: number;
}

/**
 * How a row's status cell (or a checkbox-less item's marker place) reads: a read, reading or unread marker,
 * nothing (unread), or something that is no marker (unread; edits refuse to guess).
 */
export type RowStatus = 'read' | 'reading' | 'unread' | 'empty' | 'unknown';

/** What a table row adds to a paper: its cells and its table's layout. */
export interface TableRowInfo {
  /** Each cell's content, trimmed (an empty cell: an empty span after its pipe and one space). */
  cells: Span[];
  layout: TableLayout;
  /** The table's header and delimiter rows, from the header's first character to the delimiter row's end. */
  head: Span;
  status: RowStatus;
}

/** What a paper says, without where it says it: all that `list` needs (and all the cache loads for it). */
export interface PaperFacts {
  /** Short readable id, unique in the file, derived from the title. */
  id: string;
  /** 1-based position in document order, as `list` shows it. */
  number: number;
  title: string;
  read: boolean;
  /** Being read: a marker that means "in progress" (`⏳`, `📖`, `reading`, `70%`). Never with `read`. */
  reading: boolean;
  /** Heading texts above the paper, outermost first (a lone document-title H1 excluded). */
  area: string[];
  venue: string | null;
  year: number | null;
  links: { label: string; url: string }[];
  /** 1-based line of the item's first line. */
  line: number;
  /**
   * The one character inside the checkbox brackets: ` `, `x` or `X`. For a table row, the read-state
   * marker in its status cell (`✅`, `⬜`, `[x]`, `yes` ...), empty when the cell has none.
   */
  checkbox: Span;
  /** Absent means 'task' (the cache's facts carry it). */
  source?: PaperSource;
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
  /** Index of the list (or paper table) that holds the item (items of one list share it). */
  listIndex: number;
  /** Set for a table row (source 'row'): its cells and its table's layout. The row's table counts as a list. */
  row?: TableRowInfo | undefined;
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
  /**
   * Some papers' states or some tables were read with the whole document in view — a legend gave markers
   * their meaning (formats/legend.ts), or a table was read by the layout of another with the same header —
   * so its parts are not re-used alone (the cache keeps no path pointer to it), and edits trust the
   * model's states over what a marker means alone.
   */
  readAsWhole?: boolean;
  /** What markers mean in this file by its legend or the user's rules (marker text -> state), where they say. */
  markerMeanings?: ReadonlyMap<string, 'read' | 'reading' | 'unread'>;
  /** The markers the user's rules name for each state (.papers.json "formats"): what edits write. */
  ruleMarkers?: Partial<Record<'read' | 'reading' | 'unread', string>>;
  /**
   * The indexes (ascending) of the papers that have one of these identity keys (query/identity.ts
   * identityKeys), when an index is at hand (the model cache keeps one); without it every paper is read.
   * (May be worked out as it is read: store/identity-index.ts.)
   */
  identityCandidates?: (keys: readonly string[]) => Iterable<number>;
}
