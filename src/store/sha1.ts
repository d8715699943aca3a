/**
 * SHA-1 in WebAssembly (sha1.wat), for hash.ts's small inputs: a list's text, a part, a path. node:crypto
 * takes ~10 ms to load here (it loads node's streams with it), more than a write to a short list spends
 * on anything else of its own; this module compiles in ~1.5 ms and hashes a 20 KB list in well under one.
 * Past 256 KB a run's hashes are node:crypto's (hash.ts): native SHA-1 is ~5× faster, and there its load
 * is paid back.
 */
import { SHA1_WASM } from './sha1-wasm.js';

/** Where the host's buffer starts in the module's memory (sha1.wat), and how much of it is filled at a time. */
const BUFFER = 1024;
const CHUNK = 64 * 1024;

interface Sha1Exports {
  memory: WebAssembly.Memory;
  reset(): void;
  blocks(at: number, count: number): void;
  digestWord(k: number): number;
}

/** One instance of the module, reused for every digest of a process (hash.ts keeps it). */
export class WasmSha1 {
  private readonly exports: Sha1Exports;
  private readonly memory: Uint8Array;

  private constructor(exports: Sha1Exports) {
    this.exports = exports;
    this.memory = new Uint8Array(exports.memory.buffer);
  }

  /** The module instantiated, or null where WebAssembly is not there to run it (`node --jitless`). */
  static create(): WasmSha1 | null {
    try {
      const module = new WebAssembly.Module(Buffer.from(SHA1_WASM, 'base64'));
      return new WasmSha1(new WebAssembly.Instance(module).exports as unknown as Sha1Exports);
    } catch {
      return null;
    }
  }

  /** The SHA-1 of the pieces, in order, as if joined. */
  digest(pieces: readonly Uint8Array[]): Buffer {
    const { memory } = this;
    const { reset, blocks, digestWord } = this.exports;
    reset();
    let filled = 0;
    let total = 0;
    for (const piece of pieces) {
      total += piece.length;
      for (let at = 0; at < piece.length; ) {
        const n = Math.min(CHUNK - filled, piece.length - at);
        memory.set(piece.subarray(at, at + n), BUFFER + filled);
        filled += n;
        at += n;
        if (filled === CHUNK) {
          blocks(BUFFER, CHUNK / 64);
          filled = 0;
        }
      }
    }
    const whole = filled & ~63;
    if (whole > 0) {
      blocks(BUFFER, whole / 64);
      memory.copyWithin(BUFFER, BUFFER + whole, BUFFER + filled);
      filled -= whole;
    }
    // The padding: a 1 bit, zeros, and the message's length in bits as a big-endian 64-bit number, ending
    // the last block (a second one when fewer than 8 bytes are left after the 1 bit).
    memory[BUFFER + filled] = 0x80;
    const end = filled < 56 ? 64 : 128;
    memory.fill(0, BUFFER + filled + 1, BUFFER + end);
    const bits = total * 8;
    const view = new DataView(memory.buffer, memory.byteOffset);
    view.setUint32(BUFFER + end - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(BUFFER + end - 4, bits >>> 0);
    blocks(BUFFER, end / 64);
    const digest = Buffer.allocUnsafe(20);
    for (let k = 0; k < 5; k++) digest.writeInt32BE(digestWord(k), 4 * k);
    return digest;
  }
}
