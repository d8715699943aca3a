import type { Link, Paper, PaperFacts, PaperSource, Span, TableRowInfo } from '../../core/model/paper.js';
import type { PaperDetail, StoredDetail, StoredFacts } from './decode.js';

/**
 * A paper of a stored entry. Only `read` and `reading` (which `done` changes in place) are plain fields; everything
 * else is read from the columns when first asked for, so papers a command never looks at cost one small
 * object. toJSON gives the plain object.
 */
export class CachedPaper implements Paper {
  read: boolean;
  reading: boolean;
  readonly number: number;
  private idText: string | undefined;
  private titleText: string | undefined;
  private venueText: string | null | undefined;
  private linkList: Link[] | undefined;
  private detailOf: PaperDetail | undefined;
  /** The span alone, read before the rest of the offsets was asked for (see StoredDetail.spanOf). */
  private spanOnly: Span | undefined;

  constructor(
    private readonly facts: StoredFacts,
    private readonly detailSection: StoredDetail | null,
    private readonly index: number,
    read = facts.read(index),
    reading = facts.reading(index),
  ) {
    this.read = read;
    this.reading = reading;
    this.number = index + 1;
  }

  private get detail(): PaperDetail {
    if (!this.detailSection) throw new Error('internal: offsets asked of a paper read for listing only');
    return (this.detailOf ??= this.detailSection.of(this.index, this.facts));
  }

  get id(): string {
    return (this.idText ??= this.facts.id(this.index));
  }
  get title(): string {
    return (this.titleText ??= this.facts.title(this.index));
  }
  get venue(): string | null {
    if (this.venueText === undefined) this.venueText = this.facts.venue(this.index);
    return this.venueText;
  }
  get year(): number | null {
    return this.facts.year(this.index);
  }
  get area(): string[] {
    return this.facts.area(this.index);
  }
  get line(): number {
    return this.facts.line(this.index);
  }
  get checkbox(): Span {
    return this.facts.checkbox(this.index);
  }
  get source(): PaperSource {
    return this.facts.source(this.index);
  }
  get headingIndex(): number {
    return this.facts.headingIndex(this.index);
  }
  get listIndex(): number {
    return this.facts.listIndex(this.index);
  }
  get links(): Link[] {
    if (this.linkList) return this.linkList;
    const plain = this.facts.links(this.index);
    // Listing needs labels and URLs only; edits get the offsets too.
    this.linkList = this.detailSection
      ? plain.map((link, k) => ({ ...link, ...this.detail.links[k]! }))
      : (plain as Link[]);
    return this.linkList;
  }
  get span(): Span {
    if (this.detailOf || !this.detailSection) return this.detail.span;
    return (this.spanOnly ??= this.detailSection.spanOf(this.index, this.facts));
  }
  get body(): Span {
    return this.detail.body;
  }
  get titleSpan(): Span | null {
    return this.detail.titleSpan;
  }
  get venueSpan(): Span | null {
    return this.detail.venueSpan;
  }
  get row(): TableRowInfo | undefined {
    return this.detail.row;
  }

  toJSON(): Paper | PaperFacts {
    const { id, number, title, read, reading, area, venue, year, line, checkbox, source, links } = this;
    const facts = { id, number, title, read, reading, area, venue, year, line, checkbox, source, links };
    if (!this.detailSection) return facts;
    const { span, body, titleSpan, venueSpan, row } = this;
    return {
      ...facts,
      headingIndex: this.headingIndex,
      listIndex: this.listIndex,
      span,
      body,
      titleSpan,
      venueSpan,
      ...(row ? { row } : {}),
    };
  }
}
