/**
 * The bytes of an edited list as pieces of the bytes it was read from: the edits' new text encoded, the
 * rest the old bytes as they are. Encoding the whole new text again (a 1.4 MB list for one checkbox)
 * costs more than the write, and so does joining the pieces (~5 ms for 1.4 MB here, most of it the fresh
 * memory): the write writes them as they are (write.ts), the fingerprint hashes them one by one, and only
 * what needs the whole buffer joins them (StoredText.bytes, on first use). Only for ASCII files, where a
 * text offset is a byte offset; else null (encode the text).
 */
import { isAscii } from 'node:buffer';
import type { Edit } from '../core/write/splice.js';

/** A file's bytes, whole or as pieces in order. */
export type FileBytes = Buffer | readonly Buffer[];

export function splicedBytes(before: Buffer, edits: readonly Edit[]): Buffer[] | null {
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
  return pieces;
}

/** The bytes as one buffer (pieces joined). */
export function wholeBytes(bytes: FileBytes): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes);
}
