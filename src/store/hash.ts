/**
 * Keys, checksums and random names. A small list's write hashes nothing with node:crypto: loading it
 * costs ~8 ms of a ~120 ms `done` here (its JavaScript pulls in streams and ciphers), so a key of data
 * under KEY_NATIVE_BYTES is MurmurHash3 in JavaScript and random bytes come from /dev/urandom. A warm
 * `list` of an unchanged file hashes nothing (see the stat records in cache.ts).
 */
import type * as NodeCrypto from 'node:crypto';
import type { PartText } from '../core/read/parts.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

let crypto: typeof NodeCrypto | undefined;

function nodeCrypto(): typeof NodeCrypto {
  return (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto);
}

/** The bytes of a key (KEY_BYTES): what cache entries, records and journal names are keyed by. */
const KEY_BYTES = 20;

/**
 * From this size on a key is node:crypto's SHA-1, which a list this big has loaded anyway (its stat record's
 * SHA-256); below it, JavaScript's MurmurHash3 runs before the JIT has compiled it in less time than
 * loading node:crypto takes (256 KB: ~2 ms).
 */
const KEY_NATIVE_BYTES = 256 * 1024;

/**
 * A 20-byte key of `data` (a string is keyed as its UTF-8): a content key and a change detector, not a
 * defence against an adversary (which SHA-1 is not either). Under KEY_NATIVE_BYTES, MurmurHash3 x86
 * 128-bit (seed 0) and then the length as a 32-bit word; from there on, SHA-1. Both fill 20 bytes, so
 * every record and entry layout keeps one key width.
 */
export function keyOf(data: string | Uint8Array): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (bytes.length >= KEY_NATIVE_BYTES) return nodeCrypto().createHash('sha1').update(bytes).digest();
  const key = Buffer.allocUnsafe(KEY_BYTES);
  murmur3x86x128(bytes, key);
  key.writeUInt32LE(bytes.length >>> 0, 16);
  return key;
}

/** The SHA-1 of `data` as hex: only what papers recorded before keys (the journal's formats 1 and 2) uses it. */
export function sha1Hex(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha1').update(data).digest('hex');
}

/** keyOf as hex (40 characters). */
export function keyHex(data: string | Uint8Array): string {
  return keyOf(data).toString('hex');
}

/**
 * MurmurHash3_x86_128 (Austin Appleby's public-domain reference, seed 0) of `bytes`, written into
 * out[0..16) as four little-endian words, as the reference writes them on x86.
 */
export function murmur3x86x128(bytes: Uint8Array, out: Buffer): void {
  const length = bytes.length;
  const blocks = length >>> 4;
  const c1 = 0x239b961b;
  const c2 = 0xab0e9789;
  const c3 = 0x38b34ae5;
  const c4 = 0xa1e38b93;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  // The blocks' words through an Int32Array (aligned; read as little-endian words, as the reference
  // reads them on x86): ~2.5 times faster than assembling them from bytes before the JIT compiles the loop.
  const words = LITTLE_ENDIAN ? alignedWords(bytes, blocks * 4) : null;
  const word = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  for (let i = 0; i < blocks; i++) {
    let k1: number;
    let k2: number;
    let k3: number;
    let k4: number;
    if (words !== null) {
      const w = i << 2;
      k1 = words[w]!;
      k2 = words[w + 1]!;
      k3 = words[w + 2]!;
      k4 = words[w + 3]!;
    } else {
      const at = i << 4;
      k1 = word(at);
      k2 = word(at + 4);
      k3 = word(at + 8);
      k4 = word(at + 12);
    }
    k1 = Math.imul(k1, c1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, c2);
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (Math.imul(h1 + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, c2);
    k2 = (k2 << 16) | (k2 >>> 16);
    h2 ^= Math.imul(k2, c3);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul(h2 + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, c3);
    k3 = (k3 << 17) | (k3 >>> 15);
    h3 ^= Math.imul(k3, c4);
    h3 = (h3 << 15) | (h3 >>> 17);
    h3 = (Math.imul(h3 + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, c4);
    k4 = (k4 << 18) | (k4 >>> 14);
    h4 ^= Math.imul(k4, c1);
    h4 = (h4 << 13) | (h4 >>> 19);
    h4 = (Math.imul(h4 + h1, 5) + 0x32ac3b17) | 0;
  }
  // The last 1-15 bytes, as the reference's fall-through switch reads them.
  const tail = blocks << 4;
  const rest = length & 15;
  const tailWord = (from: number) => {
    let k = 0;
    for (let j = Math.min(rest, from + 4) - 1; j >= from; j--) k = (k << 8) | bytes[tail + j]!;
    return k;
  };
  if (rest > 12) {
    let k4 = Math.imul(tailWord(12), c4);
    k4 = (k4 << 18) | (k4 >>> 14);
    h4 ^= Math.imul(k4, c1);
  }
  if (rest > 8) {
    let k3 = Math.imul(tailWord(8), c3);
    k3 = (k3 << 17) | (k3 >>> 15);
    h3 ^= Math.imul(k3, c4);
  }
  if (rest > 4) {
    let k2 = Math.imul(tailWord(4), c2);
    k2 = (k2 << 16) | (k2 >>> 16);
    h2 ^= Math.imul(k2, c3);
  }
  if (rest > 0) {
    let k1 = Math.imul(tailWord(0), c1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, c2);
  }
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out.writeInt32LE(h1, 0);
  out.writeInt32LE(h2, 4);
  out.writeInt32LE(h3, 8);
  out.writeInt32LE(h4, 12);
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The first `count` 32-bit words of `bytes`, copied first if they do not start on a word boundary. */
function alignedWords(bytes: Uint8Array, count: number): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes.subarray(0, count * 4));
  return new Int32Array(aligned.buffer, aligned.byteOffset, count);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** 0xff is no byte of UTF-8: it sets a part's definitions apart from its text (partHash). */
const APART = Buffer.from([0xff]);

/**
 * The key a cache entry keeps for a part (cache/layout.ts): the hash of its text, and with the
 * definitions it is read with (chunks.ts splitDocument) when there are any; no text alone hashes as a
 * text with definitions does, nor one text with other definitions.
 */
export function partHash(part: PartText): Buffer {
  if (part.definitions === '') return keyOf(part.text);
  return keyOf(Buffer.concat([APART, Buffer.from(part.definitions), APART, Buffer.from(part.text)]));
}

/**
 * `bytes` random bytes as hex: unguessable temp file names. Read from the kernel's /dev/urandom where
 * there is one (as node:crypto's come from the kernel too), else from node:crypto.
 */
export function randomHex(bytes: number): string {
  const random = Buffer.alloc(bytes);
  let fd = -1;
  try {
    fd = openSync('/dev/urandom', 'r');
    if (readSync(fd, random, 0, bytes, null) === bytes) return random.toString('hex');
  } catch {
    // no /dev/urandom here (Windows): node:crypto below
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return nodeCrypto().randomBytes(bytes).toString('hex');
}

/** From this size on, checksum32 takes node:crypto's SHA-1 (see there). */
const NATIVE_CHECKSUM_BYTES = 256 * 1024;

/**
 * A 32-bit checksum of a buffer whose length is a multiple of 4: it catches damage (a cut or changed
 * file), not tampering. FNV-1a over its 32-bit words, which runs in a fraction of sha1's time on a small
 * buffer; a big one (a cache entry of a list over ~1,500 papers, which has node:crypto loaded already for
 * its fingerprint or stat record) is summed by SHA-1, natively: the loop below runs once per process,
 * mostly before the JIT has compiled it (2.5 MB: ~10-18 ms, SHA-1 ~1.5 ms).
 */
export function checksum32(bytes: Buffer): number {
  if (bytes.length >= NATIVE_CHECKSUM_BYTES)
    return nodeCrypto().createHash('sha1').update(bytes).digest().readUInt32LE(0);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  let hash = 0x811c9dc5 ^ words.length;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 16777619);
  return hash >>> 0;
}

/**
 * The SHA-256 of a list's bytes, hex: what a stat record checks the bytes it read against (cache.ts). A
 * real hash, so that no one can make an edit that keeps it (1.5 MB: ~1 ms, plus ~8 ms to load node:crypto
 * the first time, about what a 32-bit checksum in JavaScript cost before the JIT had compiled it).
 */
export function contentDigest(bytes: Buffer): string {
  return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
}
