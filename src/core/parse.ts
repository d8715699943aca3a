/**
 * Markdown text -> ListDocument. Every paper is a GFM task-list item as remark-gfm (and GitHub) sees it,
 * wherever it stands; code, HTML blocks and comments hide their contents. Never throws on user content.
 */
import type { Definition, Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { assignIds } from './ids.js';
import { readInline } from './inline.js';
import { type Chunk, splitIntoChunks } from './chunks.js';
import { fastParse } from './fast-parse.js';
import type { Heading, ListDocument, Paper, Span } from './model.js';
import { readTable } from './table.js';
import { detectEol, splitBom } from './text.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(src: string): Root {
  return processor.parse(src);
}

export type PartialPaper = Omit<Paper, 'id' | 'number' | 'area'>;
export type PartialHeading = Omit<Heading, 'path' | 'sectionEnd' | 'isDocumentTitle'>;

/** What one part of the document holds, with offsets and lines relative to the part's start. */
export interface ChunkModel {
  papers: PartialPaper[];
  headings: PartialHeading[];
  /** How many lists the part opened (list indexes are numbered across the document). */
  lists: number;
  /** The part ends inside a code or HTML block, which might swallow the next part's first line. */
  openAtEnd: boolean;
  /** End of the front matter, when the part starts with one; else 0. */
  frontMatterEnd: number;
}

/** Where parsed parts are kept between runs (the store's file cache), keyed by the part's text. */
export interface ChunkCache {
  get(chunkText: string): ChunkModel | undefined;
  set(chunkText: string, model: ChunkModel): void;
}

export interface ParseOptions {
  cache?: ChunkCache;
  /** Parse with remark-parse only, as one part: the reference the fast paths are tested against. */
  reference?: boolean;
}

export function parseDocument(text: string, options: ParseOptions = {}): ListDocument {
  return parseDocumentParts(text, options).doc;
}

export interface ParsedPart {
  /** Offsets into the text without its BOM. */
  chunk: Chunk;
  model: ChunkModel;
}

/** The document and the parts it was assembled from (the cache stores them). */
export function parseDocumentParts(text: string, options: ParseOptions = {}): { doc: ListDocument; parts: ParsedPart[] } {
  const { bomLength, body } = splitBom(text);
  const chunks = options.reference ? [{ start: 0, end: body.length, line: 0 }] : splitIntoChunks(body);
  const parsed: ParsedPart[] = [];
  for (let i = 0; i < chunks.length; i++) {
    let chunk = chunks[i]!;
    let model = modelOf(body.slice(chunk.start, chunk.end), options);
    // A part that ends inside a code or HTML block is joined with the next and parsed again.
    while (model.openAtEnd && i + 1 < chunks.length) {
      chunk = { start: chunk.start, end: chunks[++i]!.end, line: chunk.line };
      model = modelOf(body.slice(chunk.start, chunk.end), options);
    }
    parsed.push({ chunk, model });
  }
  return { doc: assemble(text, bomLength, parsed), parts: parsed };
}

function modelOf(chunkText: string, options: ParseOptions): ChunkModel {
  const cached = options.cache?.get(chunkText);
  if (cached) return cached;
  const tree = (options.reference ? null : fastParse(chunkText)) ?? parseMarkdown(chunkText);
  const walker = new Walker(chunkText, collectDefinitions(tree));
  walker.walk(tree, -1, false);
  const first = tree.children[0];
  const last = tree.children[tree.children.length - 1];
  const model: ChunkModel = {
    papers: walker.papers,
    headings: walker.headings,
    lists: walker.listCount,
    openAtEnd: last !== undefined && (last.type === 'code' || last.type === 'html'),
    frontMatterEnd: first && (first.type === 'yaml' || (first.type as string) === 'toml') ? first.position!.end.offset! : 0,
  };
  options.cache?.set(chunkText, model);
  return model;
}

/** The parts' models, moved to their places in the whole text, with ids, numbers and areas. */
function assemble(text: string, bomLength: number, parts: { chunk: Chunk; model: ChunkModel }[]): ListDocument {
  const partials: PartialPaper[] = [];
  const headingPartials: PartialHeading[] = [];
  let lists = 0;
  for (const { chunk, model } of parts) {
    const shift = bomLength + chunk.start;
    const move = (span: Span): Span => ({ start: span.start + shift, end: span.end + shift });
    const headingBase = headingPartials.length;
    for (const heading of model.headings) headingPartials.push({ ...heading, span: move(heading.span) });
    for (const paper of model.papers) {
      partials.push({
        ...paper,
        span: move(paper.span),
        checkbox: move(paper.checkbox),
        body: move(paper.body),
        titleSpan: paper.titleSpan && move(paper.titleSpan),
        venueSpan: paper.venueSpan && move(paper.venueSpan),
        ...(paper.row ? { row: { ...paper.row, cells: paper.row.cells.map(move), head: move(paper.row.head) } } : {}),
        links: paper.links.map((link) => ({
          ...link,
          span: move(link.span),
          urlSpan: link.urlSpan && move(link.urlSpan),
          labelSpan: move(link.labelSpan),
          outerSpan: move(link.outerSpan),
        })),
        line: paper.line + chunk.line,
        headingIndex: headingBase + paper.headingIndex,
        listIndex: lists + paper.listIndex,
      });
    }
    lists += model.lists;
  }
  const headings = finishHeadings(headingPartials, text.length);
  const ids = assignIds(partials);
  const papers: Paper[] = partials.map((partial, i) => ({
    ...partial,
    id: ids[i]!,
    number: i + 1,
    area: partial.headingIndex < 0 ? [] : headings[partial.headingIndex]!.path,
  }));
  const frontMatterEnd = parts[0]?.model.frontMatterEnd ?? 0;
  return { text, bomLength, eol: detectEol(text), papers, headings, contentStart: bomLength + frontMatterEnd };
}

/** Collects papers and headings from one part's tree, with offsets relative to the part. */
class Walker {
  readonly papers: PartialPaper[] = [];
  readonly headings: PartialHeading[] = [];
  listCount = 0;

  constructor(
    private readonly src: string,
    private readonly definitions: Map<string, Definition>,
  ) {}

  walk(node: Nodes, listIndex: number, loose: boolean): void {
    if (node.type === 'heading') {
      this.addHeading(node);
      return;
    }
    if (node.type === 'table') {
      this.addTable(node);
      return;
    }
    if (node.type === 'listItem' && typeof node.checked === 'boolean') this.addPaper(node, listIndex, loose);
    if (!('children' in node)) return;
    if (node.type === 'list') {
      const index = this.listCount++;
      for (const child of (node as List).children) this.walk(child, index, (node as List).spread === true);
      return;
    }
    for (const child of node.children as Nodes[]) this.walk(child, listIndex, loose);
  }

  private addHeading(node: MdHeading): void {
    this.headings.push({
      // The heading's visible text: raw HTML in it (`<span id="x"> Content </span>`, `<img …/> To Do`) is not.
      text: toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim(),
      depth: node.depth,
      span: this.span(node),
    });
  }

  private addPaper(item: ListItem, listIndex: number, loose: boolean): void {
    const paragraph = item.children[0];
    if (!paragraph || paragraph.type !== 'paragraph') return;
    const span = this.span(item);
    const checkbox = this.checkbox(item);
    const body = this.body(paragraph as Paragraph, checkbox);
    const facts = readInline(paragraph as Paragraph, { src: this.src, definitions: this.definitions });
    this.papers.push({
      title: facts.title,
      read: item.checked === true,
      venue: facts.venue,
      year: facts.year,
      links: facts.links,
      line: item.position!.start.line,
      source: 'task',
      span,
      checkbox,
      body,
      titleSpan: facts.titleSpan,
      venueSpan: facts.venueSpan,
      headingIndex: this.headings.length - 1,
      listIndex,
      loose,
    });
  }

  /** A paper table's body rows, each a paper; the table counts as one list. Other tables hold no papers. */
  private addTable(node: Table): void {
    const table = readTable(this.src, node, this.definitions);
    if (!table) return;
    const listIndex = this.listCount++;
    for (const { node: rowNode, facts } of table.rows) {
      const span = this.span(rowNode);
      this.papers.push({
        title: facts.title,
        read: facts.row.status === 'read',
        venue: facts.venue,
        year: facts.year,
        links: facts.links,
        line: rowNode.position!.start.line,
        source: 'row',
        span,
        checkbox: facts.marker,
        body: span,
        titleSpan: facts.titleSpan,
        venueSpan: facts.venueSpan,
        headingIndex: this.headings.length - 1,
        listIndex,
        loose: false,
        row: facts.row,
      });
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

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return definitions;
}

/** Paths and section ends. A lone H1 before everything else titles the document and is not an area. */
function finishHeadings(partials: PartialHeading[], textLength: number): Heading[] {
  const h1Count = partials.filter((h) => h.depth === 1).length;
  const titleIndex = partials[0]?.depth === 1 && h1Count === 1 ? 0 : -1;
  const stack: Heading[] = [];
  const headings: Heading[] = [];
  partials.forEach((partial, i) => {
    while (stack.length && stack[stack.length - 1]!.depth >= partial.depth) stack.pop();
    const isDocumentTitle = i === titleIndex;
    const parentPath = stack.length ? stack[stack.length - 1]!.path : [];
    const heading: Heading = {
      ...partial,
      path: isDocumentTitle ? [] : [...parentPath, partial.text],
      sectionEnd: textLength,
      isDocumentTitle,
    };
    headings.push(heading);
    if (!isDocumentTitle) stack.push(heading);
  });
  headings.forEach((heading, i) => {
    const next = headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    if (next) heading.sectionEnd = next.span.start;
  });
  return headings;
}
