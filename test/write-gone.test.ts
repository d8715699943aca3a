/** store/write.ts: a list removed or moved away after it was read is a file error, not a crash (found by review). */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../src/core/model/errors.js';
import { writeAtomically } from '../src/store/write.js';
import { tempFile } from './helpers.js';

describe('a list that is gone by the time of the write', () => {
  it('is a FileError that says so; nothing is written, no temp file is left', async () => {
    const list = tempFile('- [ ] A Paper\n', 'list.md');
    rmSync(list);
    const writing = writeAtomically({
      target: list,
      text: '- [x] A Paper\n',
      expectedBytes: Buffer.from('- [ ] A Paper\n'),
    });
    await expect(writing).rejects.toBeInstanceOf(FileError);
    await expect(writing).rejects.toThrow(
      /is gone \(removed or moved by another program while papers edited it\); nothing was written/,
    );
    expect(existsSync(list)).toBe(false);
    expect(readdirSync(dirname(list))).toEqual([]);
  });
});
