/** Text-level facts the parser and the editor share: BOM, line endings, line numbers. */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Whether every character of the text is ASCII (the common case, which needs no Unicode handling). */
export function isAsciiText(text: string): boolean {
  return ASCII_ONLY.test(text);
}

export function splitBom(text: string): { bomLength: number; body: string } {
  return text.charCodeAt(0) === 0xfeff ? { bomLength: 1, body: text.slice(1) } : { bomLength: 0, body: text };
}

/** The line ending most lines use; LF for a file with none. */
export function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Start of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  // (lastIndexOf reads a negative start as 0: a text that opens with a line break would put offset 0 on line 2)
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line that holds `offset`, before its line ending. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** A `\r` not followed by `\n`: a line ending for markdown (CommonMark), which papers does not edit. */
export function hasLoneCr(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/** A thematic break line (`---`, `* * *`, `___`: one character three times or more, spaces and tabs between). */
export const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Just past the line ending of the line that holds `offset` (the text's end on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The start of a link reference definition line (`[label]: url`), also inside a block quote or a list
 * item (`> [p]: url`, `- [p]: url`), its label holding escaped brackets too (`[a\\]b]: url`): the one
 * pattern for it (chunking and add's read-back use it).
 * Groups: 1 = the container prefix to drop, 2 = the definition itself.
 */
const DEFINITION_LINE = /^([ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*)(\[(?:[^\]\\\n]|\\.)+\]:.*)$/gm;

/** Every definition line of the text, without its container prefix. */
export function definitionLines(text: string): string[] {
  return [...text.matchAll(DEFINITION_LINE)].map((match) => match[2]!);
}
