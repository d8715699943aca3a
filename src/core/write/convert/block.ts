/** What convert works on: one task list or one paper table, as lines of the file, and why one is refused. */
import { PapersError } from '../../model/errors.js';
import type { ListDocument, Paper } from '../../model/paper.js';
import type { Record_ } from './record.js';

export interface Block {
  kind: 'list' | 'table';
  papers: Paper[];
  /** From the start of its first line (the record's, when it has one) to the end of its last line. */
  start: number;
  end: number;
  /** The note an earlier convert left above it, if any. */
  record: Record_ | null;
  /** `lines 12-30 (MLSys/DNN Compiler)`, for messages. */
  where: string;
}

/** A block that cannot be converted without losing something: the message says what and where. */
export class Refusal extends PapersError {}

/** The lines of a block (no line endings), with where each starts. */
export function blockLines(doc: ListDocument, block: Block): { text: string; start: number }[] {
  const lines: { text: string; start: number }[] = [];
  let at = block.start;
  for (;;) {
    const newline = doc.text.indexOf('\n', at);
    const end = newline < 0 || newline >= block.end ? block.end : newline;
    const text = doc.text.slice(at, end).replace(/\r$/, '');
    lines.push({ text, start: at });
    if (end >= block.end) break;
    at = end + 1;
  }
  return lines;
}

/** 1-based line number of an offset. */
export function lineNumber(doc: ListDocument, offset: number): number {
  let n = 1;
  for (let i = doc.text.indexOf('\n'); i >= 0 && i < offset; i = doc.text.indexOf('\n', i + 1)) n++;
  return n;
}

/** `line 12` or `lines 12, 14 and 20`. */
export function linesOf(numbers: number[]): string {
  const list = [...new Set(numbers)].sort((a, b) => a - b);
  if (list.length === 1) return `line ${list[0]}`;
  const shown = list.slice(0, 8).join(', ') + (list.length > 8 ? ` and ${list.length - 8} more` : '');
  return `lines ${shown}`;
}
