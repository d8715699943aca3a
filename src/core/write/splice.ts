/**
 * An edit is data: replace `text.slice(start, end)` with `text`. Commands compute every edit first, on
 * the offsets the parser recorded; the store applies them once. Nothing else ever rewrites the file.
 */
import { InternalError } from '../model/errors.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new InternalError(`overlapping or out-of-range edit at ${edit.start}-${edit.end}`);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Where `offset` of the old text lands in the new text (edits strictly before it shift it). */
export function mapOffset(edits: readonly Edit[], offset: number): number {
  let shifted = offset;
  for (const edit of edits)
    if (edit.end <= offset && !(edit.start === offset && edit.end === offset))
      shifted += edit.text.length - (edit.end - edit.start);
  return shifted;
}

/** One edit that turns `before` into `after`: the region between their common start and end. */
export function changedRegion(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
