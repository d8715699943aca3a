/**
 * Hashes and random names. node:crypto loads on first use, and only for what needs it: loading it costs
 * ~10 ms here (node's streams come with it), so a short list's SHA-1s are WebAssembly's (sha1.ts) and
 * random names come from /dev/urandom; a warm `list` of an unchanged file hashes nothing (see the stat
 * records in cache.ts).
 */
import type * as NodeCrypto from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { PartText } from '../core/read/parts.js';
import { createRequire } from 'node:module';
import { WasmSha1 } from './sha1.js';

let crypto: typeof NodeCrypto | undefined;
/** The WebAssembly SHA-1, made on first use (null: it cannot run here). */
let wasmSha1: WasmSha1 | null | undefined;
/** How many bytes this process has hashed with it (see NATIVE_SHA1_BYTES). */
let wasmBytes = 0;

function nodeCrypto(): typeof NodeCrypto {
  return (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto);
}

/**
 * From this many bytes on SHA-1s are node:crypto's: native, it hashes ~1 GB/s, the WebAssembly one ~200
 * MB/s, and the ~10 ms of loading it are won back (a list of 10,000 papers is 1.4 MB). Counted over the
 * run, not per input (each hot bundle's copy of this module counts its own): a cold read of a long list
 * hashes hundreds of short parts (10,000 papers: ~28 ms more in WebAssembly, measured; partHash sends
 * them to node:crypto from the start), and once node:crypto is loaded every hash is its.
 */
const NATIVE_SHA1_BYTES = 256 * 1024;

/**
 * The SHA-1 of `data`: a string's UTF-8 bytes, pieces (readonly Uint8Array[]) in order as if joined.
 * `native`: node:crypto's, whatever the size (see partHash).
 */
function sha1(data: string | Uint8Array | readonly Uint8Array[], native = false): Buffer {
  const pieces: readonly (string | Uint8Array)[] = Array.isArray(data) ? data : [data as string | Uint8Array];
  // (A string's UTF-8 length is at most 3 bytes a unit: counted only when WebAssembly may take it.)
  let bytes = 0;
  if (!native && crypto === undefined)
    for (const piece of pieces) bytes += typeof piece === 'string' ? piece.length * 3 : piece.length;
  if (!native && crypto === undefined && wasmBytes + bytes < NATIVE_SHA1_BYTES) {
    // Made once, and tried once: where it cannot be (null) the hash below loads node:crypto, after which
    // it is not tried again (a failed try can cost ~80 ms, V8 collecting garbage before it gives up on the
    // module's memory under a `ulimit -v`: found by review).
    if (wasmSha1 === undefined) wasmSha1 = WasmSha1.create();
    if (wasmSha1) {
      const encoded = pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece));
      for (const piece of encoded) wasmBytes += piece.length;
      return wasmSha1.digest(encoded);
    }
  }
  // (Strings as they are: node:crypto encodes them natively, where a Buffer of each part of a long text
  // was ~15 MB more memory in a cold read of 100,000 papers.)
  const hash = nodeCrypto().createHash('sha1');
  for (const piece of pieces) hash.update(piece);
  return hash.digest();
}

/** The SHA-1 of `data` in hex (see sha1). */
export function sha1Hex(data: string | Uint8Array | readonly Uint8Array[]): string {
  return sha1(data).toString('hex');
}

/** 0xff is no byte of UTF-8: it sets a part's definitions apart from its text (partHash). */
const APART = Buffer.from([0xff]);

/**
 * The key a cache entry keeps for a part (cache/layout.ts): the hash of its text, and with the
 * definitions it is read with (chunks.ts splitDocument) when there are any; no text alone hashes as a
 * text with definitions does, nor one text with other definitions. `of`: the length of the text it is a
 * part of. The parts of a long text add up to it: from NATIVE_SHA1_BYTES on they are node:crypto's, which
 * the text's own fingerprint loads anyway (the WebAssembly module, made late in a cold read of 100,000
 * papers, cost ~50 ms there, measured).
 */
export function partHash(part: PartText, of: number): Buffer {
  const native = of >= NATIVE_SHA1_BYTES;
  if (part.definitions === '') return sha1(part.text, native);
  return sha1(Buffer.concat([APART, Buffer.from(part.definitions), APART, Buffer.from(part.text)]), native);
}

/**
 * `bytes` random bytes as hex: unguessable temp file names. Read from the kernel's /dev/urandom (the
 * source node:crypto's would come from) when it is a character device that gives bytes at once, not all
 * zeros; else (no such device, a sandbox's stand-in: a FIFO would block, /dev/zero give zeros)
 * node:crypto's.
 */
export function randomHex(bytes: number): string {
  const random = Buffer.alloc(bytes);
  try {
    const fd = openSync('/dev/urandom', constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      if (
        fstatSync(fd).isCharacterDevice() &&
        readSync(fd, random, 0, bytes, null) === bytes &&
        random.some((byte) => byte !== 0)
      )
        return random.toString('hex');
    } finally {
      closeSync(fd);
    }
  } catch {
    // not on this system
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
