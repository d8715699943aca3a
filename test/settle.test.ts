/**
 * The settle wait before a write: a file changed moments ago by another program is written at once when
 * it is whole by its looks (quiet for a moment, and ending as the last text papers read there ended),
 * and waited for when it may be half-saved. Each "does not wait" case sets a quiet time longer than the
 * test's timeout; each "waits" case a short give-up time, which only a run that waited can reach.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, LONG_WAIT_MS, runBinInProcess, tempDir, tempFile, until } from './helpers.js';

const example = () => readFileSync(EXAMPLE, 'utf8');
const noQuickGiveUp = { PAPERS_SETTLE_MS: String(LONG_WAIT_MS), PAPERS_SETTLE_TIMEOUT_MS: String(LONG_WAIT_MS) };
const giveUpSoon = { PAPERS_SETTLE_MS: String(LONG_WAIT_MS), PAPERS_SETTLE_TIMEOUT_MS: '1500' };

/** A list papers has read (so its cache remembers how it ended), then saved by another program. */
async function savedAfterRead(saved: (text: string) => string) {
  const cache = tempDir();
  const file = tempFile(example(), 'reading.md');
  expect((await runBinInProcess(['--file', file, 'list'], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
  const record = join(cache, 'papers', readdirSync(join(cache, 'papers')).find((name) => name.startsWith('path-'))!);
  const text = saved(example());
  // The save must come after the record, by the file system's clock (its ticks can be milliseconds long).
  await until(() => {
    writeFileSync(file, text);
    return statSync(file).ctimeMs > statSync(record).mtimeMs;
  });
  return { file, env: { XDG_CACHE_HOME: cache } };
}

describe('a write right after another program saved the list', () => {
  it('does not wait the quiet time when the file is whole (changed above its end)', async () => {
    const { file, env } = await savedAfterRead((text) =>
      text.replace('### DNN Compiler\n\n', '### DNN Compiler\n\n- [ ] Inserted By An Editor\n\n'),
    );
    const result = await runBinInProcess(['--file', file, 'done', 'welder'], { env: { ...env, ...noQuickGiveUp } });
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('- [ ] Inserted By An Editor');
    expect(text).toContain('- [x] Welder');
  });

  it('waits for a file that may be half-saved: cut at a line end, it does not end as the list did', async () => {
    const { file, env } = await savedAfterRead((text) => text.slice(0, text.indexOf('\n', text.length >> 1) + 1));
    const half = readFileSync(file, 'utf8');
    const result = await runBinInProcess(['--file', file, 'done', 'rammer'], { env: { ...env, ...giveUpSoon } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/still being written by another program/);
    expect(readFileSync(file, 'utf8')).toBe(half);
  });

  it('waits for a file whose end changed (it cannot tell a whole save from a half one)', async () => {
    const { file, env } = await savedAfterRead((text) => `${text}- [ ] Appended By An Editor\n`);
    const result = await runBinInProcess(['--file', file, 'done', 'rammer'], { env: { ...env, ...giveUpSoon } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/still being written by another program/);
  });

  it('waits when papers read the file only after it changed (that read may have been of a half-saved file)', async () => {
    const cache = tempDir();
    const file = tempFile(example(), 'reading.md');
    const env = { XDG_CACHE_HOME: cache, ...giveUpSoon };
    writeFileSync(file, example().replace('Welder', 'Welder (edited)'));
    expect((await runBinInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const result = await runBinInProcess(['--file', file, 'done', 'rammer'], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/still being written by another program/);
  });
});
