/**
 * Hashes and random names, with node:crypto loaded on first use: loading it costs ~2.5 ms, and a warm
 * `list` of an unchanged file hashes nothing (see the stat records in cache.ts).
 */
import type * as NodeCrypto from 'node:crypto';
import type { PartText } from '../core/read/parts.js';
import { createRequire } from 'node:module';

let crypto: typeof NodeCrypto | undefined;

function nodeCrypto(): typeof NodeCrypto {
  return (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto);
}

function sha1(data: string | Uint8Array): Buffer {
  return nodeCrypto().createHash('sha1').update(data).digest();
}

/** The SHA-1 of `data` in hex; pieces (readonly Uint8Array[]) are hashed in order, as if joined. */
export function sha1Hex(data: string | Uint8Array | readonly Uint8Array[]): string {
  const hash = nodeCrypto().createHash('sha1');
  if (typeof data === 'string' || !Array.isArray(data)) hash.update(data as string | Uint8Array);
  else for (const piece of data) hash.update(piece);
  return hash.digest('hex');
}

/** 0xff is no byte of UTF-8: it sets a part's definitions apart from its text (partHash). */
const APART = Buffer.from([0xff]);

/**
 * The key a cache entry keeps for a part (cache/layout.ts): the hash of its text, and with the
 * definitions it is read with (chunks.ts splitDocument) when there are any; no text alone hashes as a
 * text with definitions does, nor one text with other definitions.
 */
export function partHash(part: PartText): Buffer {
  if (part.definitions === '') return sha1(part.text);
  return sha1(Buffer.concat([APART, Buffer.from(part.definitions), APART, Buffer.from(part.text)]));
}

/** `bytes` random bytes as hex: unguessable temp file names. */
export function randomHex(bytes: number): string {
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
  if (bytes.length >= NATIVE_CHECKSUM_BYTES) return sha1(bytes).readUInt32LE(0);
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
