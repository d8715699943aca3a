/**
 * `papers cite` and `papers refresh` against the local fake APIs (127.0.0.1 only).
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, tempDir, tempFile } from '../helpers.js';
import { FakeApis } from './fake-apis.js';

const LIST = `# Reading

## LLM

- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv'22]: [[Paper](https://arxiv.org/abs/2205.14135)] [[Note](https://example.org/notes/1)]
- [x] Attention is All you Need: [[Paper](https://arxiv.org/pdf/1706.03762v5.pdf)]
- [ ] Fixture Preprint: Unpublished Work on Tensor Programs[arXiv'22]: [[Paper](https://arxiv.org/abs/2206.15472)]
- [ ] Efficient Memory Management for Large Language Model Serving with PagedAttention[SOSP'23]: [[Paper](https://dl.acm.org/doi/pdf/10.1145/3600006.3613165)]

## Systems

- [ ] Orca: A Distributed Serving System for Transformer-Based Generative Models[OSDI'22]: [[Paper](https://www.usenix.org/conference/osdi22/presentation/yu)]
- [ ] A Paper Nobody Indexes[Workshop'21]: [[Paper](https://example.org/nobody.pdf)]
`;

let apis: FakeApis;
beforeAll(async () => {
  apis = await new FakeApis().start();
});
afterAll(async () => {
  await apis.stop();
});

function papers(file: string, args: string[], extra: Record<string, string> = {}) {
  return runCliAsync(['--file', file, ...args], { env: { ...apis.env(), PAPERS_HTTP_MIN_INTERVAL_MS: '0', PAPERS_HTTP_TIMEOUT_MS: '3000', PAPERS_CACHE_DIR: tempDir(), ...extra } });
}

describe('cite', () => {
  it('prints BibTeX that a BibTeX parser reads, with stable keys, for an area and for ids', async () => {
    const file = tempFile(LIST);
    const [area, again, one] = await Promise.all([papers(file, ['cite', '--area', 'LLM']), papers(file, ['cite', '--area', 'LLM']), papers(file, ['cite', 'orca', 'nobody'])]);
    console.log(area, one);
  });
});

describe('refresh', () => {
  it('shows', async () => {
    const file = tempFile(LIST);
    const r = await papers(file, ['refresh', '--dry-run', '--link', 'published']);
    console.log(r);
    const w = await papers(file, ['refresh', '--yes']);
    console.log(w, readFileSync(file, 'utf8'));
  });
});
