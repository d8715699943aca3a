/**
 * A document's link reference and footnote definitions, collected so that its parts can be read apart
 * (chunks.ts): each part is parsed with the document's definitions after it (parse-remark.ts), so that a
 * reference in one part is read with its definition in another, as the whole document is read.
 *
 * Only plain definitions are collected, whose meaning a line tells alone: `[label]: destination`, with
 * an optional title on the same line, or `[^label]: text`, at column 0, outside code, HTML blocks and
 * comments (as the splitter follows them), after a blank line (or first, or after another link
 * definition), and followed by a blank line (or last; a link definition also by another). Such a line is
 * a definition wherever it stands, and says all there is to know about it: its label, and for a link its
 * destination. When any line that could be a definition is not plain (in a block quote or list item,
 * indented, over two lines, its title on the next line, right after text it would continue, in front
 * matter or code), two definitions share a label, or the document has an HTML block the splitter does not
 * follow (`<?`, `<!X`, `<![CDATA[`, which could hold a line that looks like one), the collector has no
 * block to give: the document is read as one part, which holds every definition it has.
 */
import { definitionLines } from '../model/text.js';

/** A plain link reference definition: label, destination (`<…>` or without spaces, parentheses, escapes), optional title. */
const LINK_DEFINITION =
  /^\[(?!\^)(?=[ \t]*[^\s\]])([^[\]\\\r\n]{1,999})\]:[ \t]*(?:<[^<>\\\r\n]*>|[^\s<>\\()]+)(?:[ \t]+(?:"[^"\\\r\n]*"|'[^'\\\r\n]*'|\([^()\\\r\n]*\)))?[ \t]*$/;
/** A plain footnote definition: a label without spaces, then text (holding nothing that could be a definition). */
const FOOTNOTE_DEFINITION = /^\[\^([^[\]\\\s^]{1,999})\]:[ \t]+(?:(?!\]:)[^\r\n])*$/;
const BLANK = /^[ \t]*$/;
/** HTML blocks the splitter does not follow (CommonMark's kinds 3 to 5): they run to their end marker. */
const UNFOLLOWED_HTML = /^ {0,3}<(?:\?|![A-Za-z]|!\[CDATA\[)/m;

type LineKind = 'start' | 'blank' | 'link' | 'footnote' | 'other';

/** Fed the document's lines by the splitter; gives the block of definitions every part is parsed with. */
export class DefinitionCollector {
  private readonly lines: string[] = [];
  private readonly labels = new Set<string>();
  private previous: LineKind = 'start';
  private plain: boolean;

  private constructor(
    /** How many lines could be definitions (text.ts definitionLines): each must be a plain one. */
    private readonly candidates: number,
    src: string,
  ) {
    this.plain = !UNFOLLOWED_HTML.test(src);
  }

  /** A collector for `src`, or null when it has no line that could be a definition. */
  static for(src: string): DefinitionCollector | null {
    const candidates = definitionLines(src).length;
    return candidates === 0 ? null : new DefinitionCollector(candidates, src);
  }

  /** The next line (with its line ending); `outside`: not in code, an HTML block or a comment. */
  line(line: string, outside: boolean): void {
    if (!this.plain) return;
    const text = line.replace(/\r?\n$/, '');
    const kind = outside ? kindOf(text) : 'other';
    // (A link definition's title may be on the next line; a footnote's text goes on lazily.)
    if (this.previous === 'link' && kind !== 'blank' && kind !== 'link') this.plain = false;
    if (this.previous === 'footnote' && kind !== 'blank') this.plain = false;
    if (kind === 'link' || kind === 'footnote') {
      // (After text, it would be that text's continuation; after a footnote, lazily its text.)
      if (this.previous !== 'start' && this.previous !== 'blank' && this.previous !== 'link') this.plain = false;
      const label = (kind === 'footnote' ? '^' : '') + normalizeLabel(labelOf(text));
      if (this.labels.has(label)) this.plain = false;
      this.labels.add(label);
      this.lines.push(text);
    }
    this.previous = kind;
  }

  /**
   * The definitions every part is parsed with, each after a blank line (parse-remark.ts puts them after
   * the part's text): null when they are not all plain (then the document is one part).
   */
  block(): string | null {
    return this.plain && this.lines.length === this.candidates ? this.lines.join('\n\n') : null;
  }
}

/**
 * The definitions of `definitions` (a collector's block) that a part's text may refer to: those whose
 * label's every word (split at whitespace) is in the text, letters case-folded (for a footnote, its call
 * `[^label]`). A reference names its label in the text word by word (a label may break across lines, even
 * after a block quote's `>`), and matches a definition only when the two labels fold to the same words;
 * any other definition changes nothing in the part. (The rest would only cost time: a list's badges are defined once for all parts.)
 */
export function definitionsFor(text: string, definitions: string): string {
  if (definitions === '') return '';
  const folded = fold(text);
  const kept = definitions.split('\n\n').filter((line) => {
    const label = labelOf(line);
    // (A footnote's call is its label in `[^…]`, whole: it holds no whitespace.)
    const words = line[1] === '^' ? [`[^${label}]`] : label.split(/[\t\n\r ]+/);
    return words.every((word) => folded.includes(fold(word))) && !holdsLine(text, line);
  });
  return kept.join('\n\n');
}

/**
 * Whether `line` is a whole line of `text`: then the part holds that definition itself (every line of the
 * document that could be a definition is one of those collected, and no two share a label).
 */
function holdsLine(text: string, line: string): boolean {
  for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
    const end = at + line.length;
    if ((at === 0 || text[at - 1] === '\n') && (end === text.length || /^\r?\n/.test(text.slice(end, end + 2))))
      return true;
  }
  return false;
}

function kindOf(text: string): LineKind {
  if (BLANK.test(text)) return 'blank';
  if (LINK_DEFINITION.test(text)) return 'link';
  if (FOOTNOTE_DEFINITION.test(text)) return 'footnote';
  return 'other';
}

function labelOf(text: string): string {
  return text.slice(text[1] === '^' ? 2 : 1, text.indexOf(']:'));
}

/** A label as CommonMark matches it (micromark's normalizeIdentifier): spaces collapsed, case folded. */
function normalizeLabel(label: string): string {
  return fold(label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, ''));
}

/** Case folded as labels are (code point by code point: a word's fold is in the fold of a text that holds it). */
function fold(text: string): string {
  return text.toLowerCase().toUpperCase();
}
