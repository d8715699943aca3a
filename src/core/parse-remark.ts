/**
 * The reference parser for a part: remark-parse + remark-gfm (+ front matter) build the mdast tree, as
 * GitHub reads the markdown, and a walk over it collects papers and headings. Every paper is a GFM
 * task-list item wherever it stands, or a row of a paper table; code, HTML blocks and comments hide their
 * contents. Loaded only for parts the line scanner (scan.ts) does not read: it is most of the bundle.
 */
import type { Definition, Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readInline } from './inline.js';
import type { Span } from './model.js';
import type { ChunkModel, PartialHeading, PartialPaper } from './parts.js';
import { readTable } from './table.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(src: string): Root {
  return processor.parse(src);
}

/** The model of one part (offsets relative to it), from its mdast tree. */
export function remarkPartModel(chunkText: string): ChunkModel {
  const tree = parseMarkdown(chunkText);
  const walker = new Walker(chunkText, collectDefinitions(tree));
  walker.walk(tree, -1, false);
  const first = tree.children[0];
  const last = tree.children[tree.children.length - 1];
  return {
    papers: walker.papers,
    headings: walker.headings,
    lists: walker.listCount,
    openAtEnd: last !== undefined && (last.type === 'code' || last.type === 'html'),
    frontMatterEnd: first && (first.type === 'yaml' || (first.type as string) === 'toml') ? first.position!.end.offset! : 0,
  };
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
      reading: false,
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
        reading: facts.row.status === 'reading',
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
