/**
 * The bytes of an edited list as pieces of the bytes it was read from: the edits' new text encoded, the
 * rest copied. Encoding the whole new text again (a 1.4 MB list for one checkbox) costs more than the
 * write. Only for ASCII files, where a text offset is a byte offset; else null (encode the text).
 */
import { isAscii } from 'node:buffer';
import type { Edit } from '../core/write/splice.js';

export function splicedBytes(before: Buffer, edits: readonly Edit[]): Buffer | null {
  if (!isAscii(before)) return null;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > before.length) return null;
    pieces.push(before.subarray(at, edit.start), Buffer.from(edit.text, 'utf8'));
    at = edit.end;
  }
  pieces.push(before.subarray(at));
  return Buffer.concat(pieces);
}
