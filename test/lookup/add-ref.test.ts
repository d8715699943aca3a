/**
 * `papers add <ref>` against a local server that answers like arXiv, Crossref, DBLP, Semantic Scholar
 * and OpenAlex. Every base URL points at 127.0.0.1; nothing here reaches the internet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, tempDir, tempFile } from '../helpers.js';
import { FakeApis } from './fake-apis.js';
import { join } from 'node:path';

const LIST = `# Reading

## MLSys

- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)]

- [ ] SparseTIR: Composable Abstractions for Sparse Compilation in Deep Learning[ASPLOS'23]: [[Paper](https://arxiv.org/pdf/2207.04606.pdf)]

## Hypervisor

- [x] HyperBench: A Benchmark Suite for Virtualization Capabilities: [[Paper](https://dl.acm.org/doi/pdf/10.1145/3341617.3326138)]
`;

let apis: FakeApis;
beforeAll(async () => {
  apis = await new FakeApis().start();
});
afterAll(async () => {
  await apis.stop();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { ...apis.env(), PAPERS_HTTP_MIN_INTERVAL_MS: '0', PAPERS_HTTP_TIMEOUT_MS: '2000', PAPERS_CACHE_DIR: tempDir(), ...extra };
}

async function papers(file: string, args: string[], extra: Record<string, string> = {}) {
  return runCliAsync(['--file', file, ...args], { env: env(extra) });
}

describe('add <ref>', () => {
  it('prints', async () => {
    const file = tempFile(LIST);
    const r = await papers(file, ['add', 'https://arxiv.org/abs/2205.14135', '--area', 'MLSys']);
    console.log(r, readFileSync(file, 'utf8'), apis.requests);
  });
});
