/**
 * store/sha1.ts, the WebAssembly SHA-1 of short inputs, gives node:crypto's digest for every input; the
 * module is the one sha1.wat assembles to; and a write to a short list, which hashes only short inputs
 * now, loads no node:crypto (its ~10 ms were the point).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { randomHex, sha1Hex } from '../src/store/hash.js';
import { WasmSha1 } from '../src/store/sha1.js';
import { BIN, cliEnv, EXAMPLE, tempDir, tempFile } from './helpers.js';
import { ROOT } from './paths.js';
import { propertyRuns } from './property-runs.js';

const native = (pieces: readonly Uint8Array[]) => {
  const hash = createHash('sha1');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
};

const engine = () => {
  const made = WasmSha1.create();
  expect(made).not.toBeNull();
  return made!;
};

describe('the WebAssembly SHA-1', () => {
  it('is the module sha1.wat assembles to (scripts/wasm.mjs)', () => {
    const committed = readFileSync(new URL('../src/store/sha1-wasm.ts', import.meta.url), 'utf8');
    const assembled = spawnSync(process.execPath, ['scripts/wasm.mjs', '--print'], { cwd: ROOT, encoding: 'utf8' });
    expect(assembled.status, assembled.stderr).toBe(0);
    expect(committed).toBe(assembled.stdout);
  });

  it("gives node:crypto's digest for every length up to 300 bytes (each padding case)", () => {
    const sha1 = engine();
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
    for (let length = 0; length <= 300; length++) {
      const input = bytes.subarray(0, length);
      expect(sha1.digest([input]).toString('hex'), `length ${length}`).toBe(native([input]));
    }
  });

  it("gives node:crypto's digest around its buffer's edges (64 KB) and over several of them", () => {
    const sha1 = engine();
    for (const length of [65_471, 65_472, 65_535, 65_536, 65_537, 65_600, 131_072, 131_073, 200_003]) {
      const input = Buffer.alloc(length);
      for (let i = 0; i < length; i++) input[i] = (i * 2_654_435_761) >>> 24;
      expect(sha1.digest([input]).toString('hex'), `length ${length}`).toBe(native([input]));
    }
  });

  it("gives node:crypto's digest of any bytes cut into any pieces, one instance for all", () => {
    const sha1 = engine();
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 3_000 }), { maxLength: 6 }),
        fc.array(fc.uint8Array({ minLength: 60_000, maxLength: 70_000 }), { maxLength: 1 }),
        (small, large) => {
          const pieces = [...small, ...large, ...small];
          expect(sha1.digest(pieces).toString('hex')).toBe(native(pieces));
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it("through hash.ts: a string's UTF-8, pieces, and inputs on both sides of the native size", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(sha1Hex(text)).toBe(native([Buffer.from(text, 'utf8')]));
      }),
      { numRuns: propertyRuns(200) },
    );
    for (const length of [256 * 1024 - 1, 256 * 1024, 300_000]) {
      const input = Buffer.alloc(length, 'ab');
      expect(sha1Hex(input)).toBe(native([input]));
      expect(sha1Hex([input.subarray(0, 5), input.subarray(5)])).toBe(native([input]));
    }
  });
});

describe('where WebAssembly cannot run', () => {
  it("hash.ts gives node:crypto's digests, and tries to make the module once, not for every hash", async () => {
    let tries = 0;
    // (A function, not an arrow: it is called with `new`.)
    const spy = vi.spyOn(WebAssembly, 'Module').mockImplementation(function refuse(): never {
      tries++;
      throw new RangeError('WebAssembly.Module(): Out of memory');
    });
    try {
      // (A fresh copy of hash.ts, whose module this file's other tests have made already.)
      const freshPath = '../src/store/hash.js?no-webassembly';
      const { sha1Hex: fresh } = (await import(freshPath)) as typeof import('../src/store/hash.js');
      for (let i = 0; i < 20; i++) expect(fresh(`text ${i}`)).toBe(native([Buffer.from(`text ${i}`)]));
      expect(tries).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('random names', () => {
  it('are the hex of as many random bytes as asked, different each time', () => {
    const names = new Set(Array.from({ length: 50 }, () => randomHex(8)));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('node:crypto', () => {
  it('is not loaded by a write to a short list, nor by its cold read', () => {
    const preload = join(tempDir(), 'crypto-loaded.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write(`node:crypto loaded: ${process.moduleLoadList.includes('NativeModule crypto')}\\n`));\n",
    );
    const file = tempFile(readFileSync(EXAMPLE), 'reading.md');
    const env = cliEnv({ XDG_CACHE_HOME: tempDir(), XDG_STATE_HOME: tempDir() });
    const run = (...args: string[]) => {
      const result = spawnSync(process.execPath, ['--require', preload, BIN, '--file', file, ...args], {
        env,
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      return result.stderr;
    };
    for (const args of [
      ['list'],
      ['done', 'roller'],
      ['undone', 'roller'],
      ['add', 'A Paper', '--area', 'OS'],
      ['undo'],
    ])
      expect(run(...args), args.join(' ')).toContain('node:crypto loaded: false');
  });
});
