/**
 * Markdown text -> ListDocument. Every paper is a GFM task-list item as remark-gfm (and GitHub) sees it,
 * wherever it stands; code, HTML blocks and comments hide their contents. Never throws on user content.
 */
import type { Definition, Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { assignIds } from './ids.js';
import { readInline } from './inline.js';
import type { Heading, ListDocument, Paper, Span } from './model.js';
import { detectEol, splitBom } from './text.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(src: string): Root {
  return processor.parse(src);
}

export function parseDocument(text: string): ListDocument {
  const { bomLength, body } = splitBom(text);
  const tree = parseMarkdown(body);
  const walker = new Walker(body, bomLength, collectDefinitions(tree));
  walker.walk(tree, -1, false);
  const headings = finishHeadings(walker.headings, text.length);
  const ids = assignIds(walker.papers);
  const papers: Paper[] = walker.papers.map((partial, i) => ({
    ...partial,
    id: ids[i]!,
    number: i + 1,
    area: partial.headingIndex < 0 ? [] : headings[partial.headingIndex]!.path,
  }));
  const first = tree.children[0];
  const contentStart = first && (first.type === 'yaml' || (first.type as string) === 'toml') ? bomLength + first.position!.end.offset! : bomLength;
  return { text, bomLength, eol: detectEol(text), papers, headings, contentStart };
}

type PartialPaper = Omit<Paper, 'id' | 'number' | 'area'>;
type PartialHeading = Omit<Heading, 'path' | 'sectionEnd' | 'isDocumentTitle'>;

class Walker {
  readonly papers: PartialPaper[] = [];
  readonly headings: PartialHeading[] = [];
  private listCount = 0;

  constructor(
    private readonly src: string,
    private readonly shift: number,
    private readonly definitions: Map<string, Definition>,
  ) {}

  walk(node: Nodes, listIndex: number, loose: boolean): void {
    if (node.type === 'heading') {
      this.addHeading(node);
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
      text: toString(node).replace(/\s+/g, ' ').trim(),
      depth: node.depth,
      span: this.span(node),
    });
  }

  private addPaper(item: ListItem, listIndex: number, loose: boolean): void {
    const paragraph = item.children[0];
    if (!paragraph || paragraph.type !== 'paragraph') return;
    const span = this.span(item);
    const body = this.span(paragraph);
    const facts = readInline(paragraph as Paragraph, { src: this.src, definitions: this.definitions });
    this.papers.push({
      title: facts.title,
      read: item.checked === true,
      venue: facts.venue,
      year: facts.year,
      links: facts.links.map((link) => ({
        ...link,
        span: this.shifted(link.span),
        urlSpan: link.urlSpan && this.shifted(link.urlSpan),
        labelSpan: this.shifted(link.labelSpan),
        outerSpan: this.shifted(link.outerSpan),
      })),
      line: item.position!.start.line,
      source: 'task',
      span,
      checkbox: this.checkbox(item, paragraph as Paragraph),
      body,
      titleSpan: facts.titleSpan && this.shifted(facts.titleSpan),
      venueSpan: facts.venueSpan && this.shifted(facts.venueSpan),
      headingIndex: this.headings.length - 1,
      listIndex,
      loose,
    });
  }

  /** remark-gfm does not give the checkbox a node: it is the last `[?]` before the paragraph. */
  private checkbox(item: ListItem, paragraph: Paragraph): Span {
    const from = item.position!.start.offset!;
    const to = paragraph.position!.start.offset!;
    const head = this.src.slice(from, to);
    const at = head.lastIndexOf(']');
    const offset = from + at - 1;
    return { start: offset + this.shift, end: offset + 1 + this.shift };
  }

  private span(node: Nodes): Span {
    return { start: node.position!.start.offset! + this.shift, end: node.position!.end.offset! + this.shift };
  }

  private shifted(span: Span): Span {
    return { start: span.start + this.shift, end: span.end + this.shift };
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
