import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf, murmur3x86x128, randomHex } from '../src/store/hash.js';

/**
 * Known answers of MurmurHash3_x86_128, seed 0, from an implementation that is not ours: the Python
 * package mmh3 4.x (`mmh3.hash_bytes(data, 0, x64arch=False).hex()`, which wraps Appleby's C reference).
 */
const MMH3_ANSWERS: [Buffer, string][] = [
  [Buffer.from(''), '00000000000000000000000000000000'],
  [Buffer.from('a'), '3c9394a71bb056551bb056551bb05655'],
  [Buffer.from('hello'), 'a044242bf7de91dbb631db9ab631db9a'],
  [Buffer.from('The quick brown fox jumps over the lazy dog'), 'c383152f672ceeec6cf67b5d2c1de9e5'],
  [Buffer.from(Array.from({ length: 768 }, (_, i) => i % 256)), 'd7c3bf1b294aad21e645dbd0fbb54091'],
];

const murmur = (bytes: Uint8Array) => {
  const out = Buffer.alloc(16);
  murmur3x86x128(bytes, out);
  return out.toString('hex');
};

describe('keys (hash.ts)', () => {
  it('MurmurHash3 x86 128 gives the reference answers (every tail length among them: 0, 1, 5, 11)', () => {
    for (const [bytes, answer] of MMH3_ANSWERS) expect(murmur(bytes), bytes.toString('latin1')).toBe(answer);
  });

  it('a buffer that does not start on a word boundary keys as its copy does', () => {
    const [bytes] = MMH3_ANSWERS[4]!;
    const backing = Buffer.alloc(bytes.length + 3);
    for (const offset of [1, 2, 3]) {
      const view = backing.subarray(offset, offset + bytes.length);
      bytes.copy(view);
      expect(murmur(view)).toBe(MMH3_ANSWERS[4]![1]);
    }
  });

  it('a small key is MurmurHash3 and the length; a large one SHA-1; a string is keyed as its UTF-8', () => {
    const text = 'Ünïcode — 论文 ✅';
    const bytes = Buffer.from(text, 'utf8');
    expect(keyOf(text).equals(keyOf(bytes))).toBe(true);
    expect(keyOf(bytes).subarray(0, 16).toString('hex')).toBe(murmur(bytes));
    expect(keyOf(bytes).readUInt32LE(16)).toBe(bytes.length);
    const large = Buffer.alloc(256 * 1024, 0x61);
    expect(keyOf(large).toString('hex')).toBe(createHash('sha1').update(large).digest('hex'));
    expect(keyOf(large.subarray(1)).subarray(0, 16).toString('hex')).toBe(murmur(large.subarray(1)));
  });

  it('one changed, added or dropped byte changes the key (every tail length, every place)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 70 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, flip) => {
          const bytes = Buffer.from(data);
          const key = keyOf(bytes).toString('hex');
          if (bytes.length > 0) {
            const changed = Buffer.from(bytes);
            changed[at % bytes.length]! ^= flip;
            expect(keyOf(changed).toString('hex')).not.toBe(key);
          }
          expect(keyOf(Buffer.concat([bytes, Buffer.of(0)])).toString('hex')).not.toBe(key);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random names are hex of the length asked, and differ', () => {
    const names = new Set(Array.from({ length: 50 }, () => randomHex(8)));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{16}$/);
  });
});
