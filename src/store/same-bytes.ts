/**
 * Whether an open file holds exactly the bytes it was read as. A write reads its list twice more to see
 * it did not change (under the lock, and right before the rename): each into a buffer of its size was
 * ~5 ms a MB here (every page of new memory is a fault), through one small buffer it is a fraction of that.
 */
import { readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;

/**
 * Whether `fd` holds exactly `expected`, no byte more or less. Read at explicit positions: the
 * descriptor's own offset is left where it was (a read after this one starts where it would have).
 */
export function holdsExactly(fd: number, expected: Buffer): boolean {
  const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, expected.length + 1));
  for (let position = 0; ; ) {
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) return position === expected.length;
    if (position + n > expected.length || chunk.compare(expected, position, position + n, 0, n) !== 0) return false;
    position += n;
  }
}
