/**
 * Exit 2 is for what the user typed; a list (or an answer from the network) that is not as a command
 * needs it is bad data: exit 1 (#21 item 9). Here: `refresh`, when the list changes while it asks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { LONG_WAIT_MS, tempDir, tempFile } from './helpers.js';
import { FakeApis } from './lookup/fake-apis.js';
import { itIf, needs } from './needs.js';
import { runOnTerminal } from './pty.js';

const FLASH =
  "- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv'22]: [[Paper](https://arxiv.org/abs/2205.14135)]\n";
const ATTENTION = '- [x] Attention is All you Need: [[Paper](https://arxiv.org/pdf/1706.03762v5.pdf)]\n';
const LIST = `# Reading\n\n## LLM\n\n${FLASH}${ATTENTION}`;

let apis: FakeApis;
beforeAll(async () => {
  apis = await new FakeApis().start();
});
afterAll(async () => {
  await apis.stop();
});

describe('refresh on a list that changes while it asks', () => {
  itIf(needs.script)('a preprint gone meanwhile is bad data (exit 1), not a usage error (2)', async () => {
    const file = tempFile(LIST);
    const env = {
      ...apis.env(),
      PAPERS_HTTP_MIN_INTERVAL_MS: '0',
      PAPERS_HTTP_TIMEOUT_MS: String(LONG_WAIT_MS),
      PAPERS_CACHE_DIR: tempDir(),
    };
    const steps = [
      { wait: 'Change flashattention? (y/N)', keys: 'y\n' },
      {
        wait: 'Change attention-all-you? (y/N)',
        // (read when the step before is answered: the list loses FlashAttention while papers asks)
        get keys() {
          writeFileSync(file, LIST.replace(FLASH, ''));
          return 'n\n';
        },
      },
    ];
    const result = await runOnTerminal(['--file', file, 'refresh'], { env, steps });
    expect(result.output).toMatch(/no longer in the list/);
    expect(result.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(LIST.replace(FLASH, ''));
  });
});
