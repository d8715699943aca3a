/**
 * The reference parser for a part: remark-parse + remark-gfm (+ front matter) build the mdast tree, as
 * GitHub reads the markdown, and a walk over it collects papers and headings. Every paper is a GFM
 * task-list item wherever it stands, or a row of a paper table; code, HTML blocks and comments hide their
 * contents. Loaded only for parts the line scanner (scan.ts) does not read: it is most of the bundle.
 */
import type {
  Definition,
  Heading as MdHeading,
  List,
  ListItem,
  Nodes,
  Paragraph,
  Root,
  RootContent,
  Table,
} from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { consistentPlace, type EntryMark, lineMark, markAtEnd, markAtStart } from './formats/marked.js';
import { type InlineFacts, readInline } from './inline/read.js';
import type { Link, Span } from '../model/paper.js';
import type { ColumnHints } from './formats/columns.js';
import type { ReadState } from './formats/meanings.js';
import { type PaperPlace, partialPaper, rowPaper } from './partial-paper.js';
import type { ChunkModel, KnownLayouts, PartialHeading, PartialPaper, PartText } from './parts.js';
import { placePaper } from './place.js';
import { readTable } from './table.js';
import { type Chunk, opensFrontMatterUnclosed, partText, splitDocument } from './chunks.js';

const processor = unified().use(remarkParse).use(remarkGfm);
const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * The mdast tree of `src`. Front matter is read only where it is closed: an opening `---` that nothing
 * closes is a thematic break to GitHub, and remark-frontmatter's attempt at it made the lists after it
 * paragraphs (`---` then `- [ ] A`: no task item).
 */
export function parseMarkdown(src: string): Root {
  return (opensFrontMatterUnclosed(src) ? processor : withFrontMatter).parse(src);
}

/**
 * The mdast tree of a whole document (explain, lint, track), parsed a part at a time (chunks.ts) and
 * joined, positions moved to the document's: the tree a parse of the whole gives, where the parts are
 * independent (what the parser relies on too). micromark's time grows faster than a document's length
 * (syntax-tree/mdast-util-from-markdown#49): `explain` of 12,000 papers under 4,000 headings took ~44 s
 * in one piece, ~4 s so. A part that leaves a code or HTML block open at its end (which takes the next
 * heading in: `<div>` then `# T`) is not independent: then the whole is parsed as one, as before.
 */
export function documentTree(src: string, runChars = TREE_RUN): Root {
  const { chunks, definitions } = splitDocument(src);
  // (A line ending that is a lone \r is one to micromark, not to the parts' line numbers.)
  if (chunks.length <= 1 || /\r(?!\n)/.test(src)) return parseMarkdown(src);
  const children: RootContent[] = [];
  for (const chunk of runsOf(chunks, runChars)) {
    const part = partText(src.slice(chunk.start, chunk.end), definitions);
    const { text } = part;
    // (With the definitions it may refer to after it, as remarkPartModel reads a part: only its own blocks kept.)
    const tree = parseMarkdown(part.definitions === '' ? text : `${text}\n\n${part.definitions}`);
    const own = tree.children.filter((node) => node.position!.start.offset! < text.length);
    const last = own[own.length - 1];
    // (A code or HTML block still open at the run's end would take the next heading in: see stillOpen; one
    // inside a list item or quote would end with the item there, but here runs on to the run's end.)
    const open =
      last !== undefined &&
      (last.position!.end.offset! > text.length ||
        (chunk.end < src.length &&
          (((last.type === 'code' || last.type === 'html') && stillOpen(text, last, text.length)) ||
            lastBlockRunsTo(last, text.length))));
    if (open) return parseMarkdown(src);
    for (const node of own) children.push(moved(node, chunk.start, chunk.line));
  }
  const end = pointAt(src, src.length);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/**
 * Consecutive parts joined into runs of up to `runChars` characters (a run of independent parts is one
 * too): each parse costs something before it reads anything, and a short one grows no square.
 */
function runsOf(chunks: readonly Chunk[], runChars: number): Chunk[] {
  const runs: Chunk[] = [];
  for (const chunk of chunks) {
    const last = runs[runs.length - 1];
    // (A part that starts at a seam goes on with the list before it: one run with it.)
    if (last && (chunk.joins !== undefined || chunk.end - last.start <= runChars)) last.end = chunk.end;
    else runs.push({ ...chunk });
  }
  return runs;
}

/** The length of the runs documentTree parses (a test gives 0: each part alone). */
const TREE_RUN = 16 * 1024;

/** Whether a code or HTML block at the end of `node` (itself, or its last child's, and so on) runs to `end`. */
function lastBlockRunsTo(node: Nodes, end: number): boolean {
  for (let at: Nodes | undefined = node; at !== undefined; ) {
    if ((at.type === 'code' || at.type === 'html') && at.position!.end.offset! >= end) return true;
    at = 'children' in at ? (at.children[at.children.length - 1] as Nodes | undefined) : undefined;
  }
  return false;
}

/** `node` (and everything in it) with its positions moved by `offset` characters and `lines` lines. */
function moved<T extends Nodes>(node: T, offset: number, lines: number): T {
  const shift = (point: { line: number; offset?: number | undefined }) => {
    point.line += lines;
    if (point.offset !== undefined) point.offset += offset;
  };
  const visit = (each: Nodes): void => {
    if (each.position) {
      shift(each.position.start);
      shift(each.position.end);
    }
    if ('children' in each) for (const child of each.children) visit(child as Nodes);
  };
  visit(node);
  return node;
}

/** The line and column (1-based, as mdast counts them) of `offset` in `src`. */
function pointAt(src: string, offset: number): { line: number; column: number; offset: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = src.indexOf('\n'); at !== -1 && at < offset; at = src.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * The model of one part (offsets relative to it), from its mdast tree. The document's definitions the
 * part may refer to (chunks.ts partText) are parsed after the part's text, a blank line between: they are
 * read as the part's own, and nothing of them is in the model (only the blocks that start within the
 * text are read). A part whose text ends inside a code or HTML block swallows them: it is then joined
 * with the next part (openAtEnd), or it is the document's last, whose open block runs to the end and
 * holds none of them; then they are read before its text instead (a part other than the first starts
 * with a heading, which nothing before it changes; the first holds every definition itself).
 */
export function remarkPartModel(part: PartText, known?: KnownLayouts, hints?: ColumnHints): ChunkModel {
  const { text, definitions } = part;
  if (definitions === '') return modelOfTree(text, parseMarkdown(text), 0, text.length, known, hints);
  const after = `${text}\n\n${definitions}`;
  const tree = parseMarkdown(after);
  const within = tree.children.filter((node) => node.position!.start.offset! < text.length);
  const last = within[within.length - 1];
  if (!last || last.position!.end.offset! <= text.length) return modelOfTree(after, tree, 0, text.length, known, hints);
  const before = `${definitions}\n\n`;
  const src = before + text;
  const model = modelOfTree(src, parseMarkdown(src), before.length, src.length, known, hints);
  return movedModel(model, -before.length, -(before.split('\n').length - 1));
}

/**
 * Whether a code or HTML block that is the last of a part (ending at `to` in `src`) is still open there,
 * so that the next part's first line, a heading, would be read into it. Asked of the parser: the block's
 * lines with a heading after them. Its end condition (a blank line, an end tag, a closing fence) does
 * not depend on the heading, only whether it was met before it; blocks before it are closed and do not
 * change how it is read. A closed one (`<p>..</p>` then a blank line, a fence closed) is not open: the
 * parts around it are read apart, not again as one.
 */
function stillOpen(src: string, block: RootContent, to: number): boolean {
  const lineStart = src.lastIndexOf('\n', block.position!.start.offset! - 1) + 1;
  let lines = src.slice(lineStart, to);
  if (!lines.endsWith('\n')) lines += '\n';
  const probe = parseMarkdown(`${lines}# probe\n`).children;
  const after = probe[probe.length - 1];
  return !(after?.type === 'heading' && after.position!.start.offset === lines.length);
}

/** The model of the blocks of `tree` (parsed from `src`) that start in [from, to), offsets into `src`. */
function modelOfTree(
  src: string,
  tree: Root,
  from: number,
  to: number,
  known?: KnownLayouts,
  hints?: ColumnHints,
): ChunkModel {
  const definitions = collectDefinitions(tree);
  if (from > 0 || to < src.length)
    tree.children = tree.children.filter(
      (node) => from <= node.position!.start.offset! && node.position!.start.offset! < to,
    );
  const walker = new Walker(src, definitions, countMarkedLines(src, tree) >= 2, known, hints);
  walker.walk(tree, -1);
  const first = tree.children[0];
  const last = tree.children[tree.children.length - 1];
  return {
    papers: walker.papers,
    headings: walker.headings,
    lists: walker.listCount,
    openAtEnd: last !== undefined && (last.type === 'code' || last.type === 'html') && stillOpen(src, last, to),
    frontMatterEnd:
      from === 0 && first && (first.type === 'yaml' || (first.type as string) === 'toml')
        ? first.position!.end.offset!
        : 0,
  };
}

/** A model with its offsets moved by `shift` and its lines by `lines`. */
function movedModel(model: ChunkModel, shift: number, lines: number): ChunkModel {
  return {
    ...model,
    papers: model.papers.map((paper) => {
      const {
        id: _id,
        number: _number,
        area: _area,
        ...moved
      } = placePaper(paper, shift, lines, paper.headingIndex, paper.listIndex);
      return moved;
    }),
    headings: model.headings.map((heading) => ({
      ...heading,
      span: { start: heading.span.start + shift, end: heading.span.end + shift },
    })),
  };
}

/** Collects papers and headings from one part's tree, with offsets relative to the part. */
class Walker {
  readonly papers: PartialPaper[] = [];
  readonly headings: PartialHeading[] = [];
  listCount = 0;

  /** How many lists the walk is inside: a paragraph in none may be lines used as a list. */
  private listDepth = 0;

  constructor(
    private readonly src: string,
    private readonly definitions: Map<string, Definition>,
    /** The part has two or more paragraph lines marked as entries (`[✅] Title`): such lines are papers. */
    private readonly markedLines: boolean,
    /** Layouts of the file's paper tables by header line: a table with the same header is read so. */
    private readonly known?: KnownLayouts,
    /** The user's status and title columns (.papers.json "formats"). */
    private readonly hints?: ColumnHints,
  ) {}

  walk(node: Nodes, listIndex: number): void {
    if (node.type === 'heading') {
      this.addHeading(node);
      return;
    }
    if (node.type === 'table') {
      this.addTable(node);
      return;
    }
    if (node.type === 'listItem' && typeof node.checked === 'boolean') this.addPaper(node, listIndex);
    if (node.type === 'paragraph' && this.listDepth === 0 && this.markedLines && this.addMarkedLines(node)) return;
    if (!('children' in node)) return;
    if (node.type === 'list') {
      this.listDepth++;
      if (!this.addMarkedList(node)) {
        const index = this.listCount++;
        for (const child of (node as List).children) this.walk(child, index);
      }
      this.listDepth--;
      return;
    }
    for (const child of node.children as Nodes[]) this.walk(child, listIndex);
  }

  /** A paper from what its text says, its state, and where it is. */
  private push(facts: InlineFacts, state: ReadState, place: PaperPlace): void {
    this.papers.push(partialPaper(facts, state, this.headings.length - 1, place));
  }

  private addHeading(node: MdHeading): void {
    this.headings.push({
      // The heading's visible text: raw HTML in it (`<span id="x"> Content </span>`, `<img …/> To Do`) is not.
      text: toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim(),
      depth: node.depth,
      span: this.span(node),
    });
  }

  private addPaper(item: ListItem, listIndex: number): void {
    const paragraph = item.children[0];
    if (paragraph?.type !== 'paragraph') return;
    const span = this.span(item);
    const checkbox = this.checkbox(item);
    const body = this.body(paragraph as Paragraph, checkbox);
    const facts = readInline(paragraph as Paragraph, { src: this.src, definitions: this.definitions });
    const state = item.checked === true ? 'read' : 'unread';
    this.push(facts, state, {
      line: item.position!.start.line,
      source: 'task',
      span,
      checkbox,
      body,
      listIndex,
    });
  }

  /**
   * A list with no checkbox whose items mark their state consistently before or after their text
   * (formats/marked.ts): each item is a paper, an item without the marker unread. Lists inside its items
   * are walked as usual. False when the list is not such a list.
   */
  private addMarkedList(list: List): boolean {
    if (list.children.some((item) => typeof item.checked === 'boolean')) return false;
    const entries = list.children.map((item) => {
      const paragraph = item.children[0]?.type === 'paragraph' ? (item.children[0] as Paragraph) : null;
      if (!paragraph) return { item, paragraph, start: null, end: null };
      const { start, end } = this.span(paragraph);
      return { item, paragraph, start: markAtStart(this.src, start, end), end: markAtEnd(this.src, start, end) };
    });
    const place = consistentPlace(entries);
    if (!place) return false;
    const listIndex = this.listCount++;
    for (const { item, paragraph, ...marks } of entries) {
      if (paragraph)
        this.addMarked(
          this.span(item),
          this.span(paragraph),
          marks[place],
          place,
          item.position!.start.line,
          listIndex,
        );
      for (const child of item.children.slice(paragraph ? 1 : 0)) this.walk(child, listIndex);
    }
    return true;
  }

  /** The lines of a paragraph used as a list (`[✅] Title` / `Title - 🔘`), each a paper; false when none is marked. */
  private addMarkedLines(paragraph: Paragraph): boolean {
    const lines = linesOf(this.src, this.span(paragraph));
    const marked = lines
      .map((line) => ({ line, mark: lineMark(this.src, line) }))
      .filter((entry) => entry.mark !== null);
    if (marked.length === 0) return false;
    const listIndex = this.listCount++;
    const firstLine = paragraph.position!.start.line;
    for (const { line, mark } of marked) {
      this.addMarked(line, line, mark, mark!.place, firstLine + lines.indexOf(line), listIndex);
    }
    return true;
  }

  /** A checkbox-less entry as a paper: its marker (or the place one goes) and its text read as an item's. */
  private addMarked(
    span: Span,
    body: Span,
    mark: EntryMark | null,
    place: EntryMark['place'],
    line: number,
    listIndex: number,
  ): void {
    let textEnd = body.end;
    while (textEnd > body.start && /\s/.test(this.src[textEnd - 1]!)) textEnd--;
    const from = mark?.place === 'start' ? mark.textStart : body.start;
    const to = mark?.place === 'end' ? mark.textEnd : textEnd;
    if (!/\p{L}|\p{N}/u.test(this.src.slice(from, to))) return;
    const facts = this.readRange(from, to);
    const checkbox = mark
      ? { start: mark.start, end: mark.end }
      : place === 'start'
        ? { start: body.start, end: body.start }
        : { start: textEnd, end: textEnd };
    this.push(facts, mark?.state ?? 'unread', { line, source: 'marked', span, checkbox, body, listIndex });
  }

  /** src[from, to) read as an item's paragraph (title, venue, links), with offsets into src. */
  private readRange(from: number, to: number): InlineFacts {
    const text = this.src.slice(from, to);
    const paragraph = parseMarkdown(text).children[0];
    const facts: InlineFacts =
      paragraph?.type === 'paragraph'
        ? readInline(paragraph, { src: text, definitions: this.definitions })
        : {
            title: text.replace(/\s+/g, ' ').trim(),
            titleSpan: { start: 0, end: text.length },
            venue: null,
            venueSpan: null,
            year: null,
            links: [],
          };
    const move = (span: Span): Span => ({ start: span.start + from, end: span.end + from });
    const moveLink = (link: Link): Link => ({
      ...link,
      span: move(link.span),
      urlSpan: link.urlSpan && move(link.urlSpan),
      labelSpan: move(link.labelSpan),
      outerSpan: move(link.outerSpan),
    });
    return {
      ...facts,
      titleSpan: facts.titleSpan && move(facts.titleSpan),
      venueSpan: facts.venueSpan && move(facts.venueSpan),
      links: facts.links.map(moveLink),
    };
  }

  /** A paper table's body rows, each a paper; the table counts as one list. Other tables hold no papers. */
  private addTable(node: Table): void {
    const headerStart = node.position!.start.offset!;
    const headerLine = this.src
      .slice(
        headerStart,
        this.src.indexOf('\n', headerStart) < 0 ? this.src.length : this.src.indexOf('\n', headerStart),
      )
      .trim();
    const table = readTable(this.src, node, this.definitions, this.hints ?? {}, this.known?.get(headerLine));
    if (!table) return;
    const listIndex = this.listCount++;
    for (const { node: rowNode, facts } of table.rows) {
      const place = { span: this.span(rowNode), line: rowNode.position!.start.line, listIndex };
      this.papers.push(rowPaper(facts, this.headings.length - 1, place));
    }
  }

  /**
   * remark-gfm does not give the checkbox a node: it is the first `[` after the list marker (only the
   * marker and whitespace come before it).
   */
  private checkbox(item: ListItem): Span {
    const offset = this.src.indexOf('[', item.position!.start.offset!) + 1;
    return { start: offset, end: offset + 1 };
  }

  /**
   * The first paragraph after the checkbox. remark-gfm moves the paragraph's start past the checkbox only
   * when the text goes on with a text node; before `**bold**`, a link or code it stays on the `[`.
   */
  private body(paragraph: Paragraph, checkbox: Span): Span {
    const span = this.span(paragraph);
    if (span.start >= checkbox.end) return span;
    const first = paragraph.children[0];
    return { start: first ? first.position!.start.offset! : span.end, end: span.end };
  }

  private span(node: Nodes): Span {
    return { start: node.position!.start.offset!, end: node.position!.end.offset! };
  }
}

/** The lines of a span, without their line endings. */
function linesOf(src: string, span: Span): Span[] {
  const lines: Span[] = [];
  for (let start = span.start; start < span.end; ) {
    const newline = src.indexOf('\n', start);
    let end = newline < 0 || newline > span.end ? span.end : newline;
    const next = end + 1;
    if (src[end - 1] === '\r') end--;
    lines.push({ start, end });
    start = next;
  }
  return lines;
}

/** How many paragraph lines outside lists are marked as entries (a part needs two to read any). */
function countMarkedLines(src: string, tree: Root): number {
  let count = 0;
  const visit = (node: Nodes): void => {
    if (node.type === 'list' || node.type === 'table' || node.type === 'code' || node.type === 'html') return;
    if (node.type === 'paragraph') {
      for (const line of linesOf(src, { start: node.position!.start.offset!, end: node.position!.end.offset! }))
        if (lineMark(src, line)) count++;
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return count;
}

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return definitions;
}
