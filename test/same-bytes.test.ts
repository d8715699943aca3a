/** store/same-bytes.ts: a write's re-reads see any change to the list, whatever its size and wherever the change. */
import { closeSync, openSync, readSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holdsExactly } from '../src/store/same-bytes.js';
import { tempFile } from './helpers.js';

function holds(onDisk: Buffer, expected: Buffer): boolean {
  const fd = openSync(tempFile(onDisk, 'list.md'), 'r');
  try {
    return holdsExactly(fd, expected);
  } finally {
    closeSync(fd);
  }
}

describe('holdsExactly', () => {
  // Over several of its 64 KB reads, and not a multiple of them.
  const long = Buffer.from("- [ ] A Paper: On Things [OSDI'20]\n".repeat(6000));

  it('holds for the same bytes, of any length', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('x'), long]) expect(holds(bytes, Buffer.from(bytes))).toBe(true);
  });

  it('does not hold for a file cut short, grown, or with any one byte changed', () => {
    expect(holds(long.subarray(0, long.length - 1), long)).toBe(false);
    expect(holds(long.subarray(0, 64 * 1024), long)).toBe(false);
    expect(holds(Buffer.alloc(0), long)).toBe(false);
    expect(holds(Buffer.concat([long, Buffer.from('\n')]), long)).toBe(false);
    expect(holds(Buffer.from('x'), Buffer.alloc(0))).toBe(false);
    for (const at of [0, 64 * 1024 - 1, 64 * 1024, long.length - 1]) {
      const changed = Buffer.from(long);
      changed[at] = changed[at]! ^ 0x20;
      expect(holds(changed, long), `byte ${at}`).toBe(false);
    }
  });

  it('leaves the descriptor where it was: a read after it reads the file from its start', () => {
    const fd = openSync(tempFile(long, 'list.md'), 'r');
    try {
      expect(holdsExactly(fd, long)).toBe(true);
      const first = Buffer.alloc(8);
      readSync(fd, first, 0, 8, null);
      expect(first.equals(long.subarray(0, 8))).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});
