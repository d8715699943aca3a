/**
 * `papers cite` and `papers refresh` against the local fake APIs (127.0.0.1 only).
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_WAIT_MS, tempDir, tempFile, runCliInProcess } from '../helpers.js';
import { itIf, needs } from '../needs.js';
import { runOnTerminal } from '../pty.js';
import { closedPort, FakeApis } from './fake-apis.js';

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

/** The fake APIs answer at once; a busy machine must not turn a slow answer into a timeout (tests of the timeout set their own). */
function lookupEnv(): Record<string, string> {
  return {
    ...apis.env(),
    PAPERS_HTTP_MIN_INTERVAL_MS: '0',
    PAPERS_HTTP_TIMEOUT_MS: String(LONG_WAIT_MS),
    PAPERS_CACHE_DIR: tempDir(),
  };
}

function papers(file: string, args: string[], extra: Record<string, string> = {}) {
  return runCliInProcess(['--file', file, ...args], { env: { ...lookupEnv(), ...extra } });
}

function closedPortEnv(port: number): Record<string, string> {
  const dead = `http://127.0.0.1:${port}`;
  return {
    PAPERS_ARXIV_API: `${dead}/api/query`,
    PAPERS_CROSSREF_API: dead,
    PAPERS_DBLP_API: dead,
    PAPERS_S2_API: dead,
    PAPERS_OPENALEX_API: dead,
  };
}

describe('cite', () => {
  it('prints BibTeX that a BibTeX parser reads, with stable keys, for an area and for ids; --format json', async () => {
    const file = tempFile(LIST);
    const [area, again, ids, json] = await Promise.all([
      papers(file, ['cite', '--area', 'LLM']),
      papers(file, ['cite', '--area', 'LLM']),
      papers(file, ['cite', 'orca', 'nobody']),
      papers(file, ['cite', 'flashattention', 'fixture', '--format', 'json']),
    ]);
    expect(area.stderr).toBe('');
    expect(area.status).toBe(0);
    const parsed = parseBibtex(area.stdout, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => [e.key, e.type])).toEqual([
      ['dao2022flashattention', 'inproceedings'],
      ['vaswani2017attention', 'inproceedings'],
      ['lovelace2022fixture', 'misc'],
      ['kwon2023efficient', 'inproceedings'],
    ]);
    expect(parsed.entries[0]!.fields.title).toBe(
      'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    );
    expect(parsed.entries[2]!.fields.eprint).toBe('2206.15472');
    expect(parsed.entries[3]!.fields.doi).toBe('10.1145/3600006.3613165');
    // The same keys and text on another run (with its own, empty cache).
    expect(again.stdout).toBe(area.stdout);

    expect(ids.status).toBe(0);
    expect(ids.stderr).toBe('papers: paper-nobody-indexes: found nowhere; its entry is built from the list\n');
    const two = parseBibtex(ids.stdout);
    expect(two.errors).toEqual([]);
    expect(two.entries.map((e) => e.key)).toEqual(['yu2022orca', 'anon2021paper']);
    expect(two.entries[1]!.fields.url).toBe('https://example.org/nobody.pdf');

    expect(json.status).toBe(0);
    const entries = JSON.parse(json.stdout) as {
      id: string;
      key: string;
      venue: string | null;
      year: number;
      arxiv: string | null;
      bibtex: string;
    }[];
    expect(entries.map((e) => [e.id, e.key, e.venue, e.year, e.arxiv])).toEqual([
      ['flashattention', 'dao2022flashattention', 'NeurIPS', 2022, '2205.14135'],
      ['fixture-preprint', 'lovelace2022fixture', null, 2022, '2206.15472'],
    ]);
    expect(parseBibtex(entries.map((e) => e.bibtex).join('\n')).errors).toEqual([]);
  });

  it('asks arXiv no more often than the gap allows', async () => {
    const before = apis.requestsTo('/arxiv').length;
    const result = await papers(tempFile(LIST), ['cite', 'flashattention', 'fixture'], {
      PAPERS_HTTP_MIN_INTERVAL_MS: '300',
    });
    expect(result.status).toBe(0);
    const [first, second] = apis.requestsTo('/arxiv').slice(before);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(290);
  });

  it('offline: one line saying the entry is built from the list, exit 0', async () => {
    const port = await closedPort();
    const result = await papers(tempFile(LIST), ['cite', 'flashattention'], closedPortEnv(port));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^@misc\{anon2022flashattention,\n/);
    expect(result.stderr).toBe(
      `papers: could not reach 127.0.0.1:${port} (connection refused); not looked up, the entry is built from the list (--offline says so on purpose)\n`,
    );
  });
});

describe('refresh', () => {
  const flash =
    "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv'22]: [[Paper](https://arxiv.org/abs/2205.14135)]";
  const attention = 'Attention is All you Need: [[Paper](https://arxiv.org/pdf/1706.03762v5.pdf)]';

  it('changes only the venue bytes of published preprints; --dry-run writes nothing; not on a terminal it needs --yes', async () => {
    const file = tempFile(LIST);
    const [dry, refused] = await Promise.all([papers(file, ['refresh', '--dry-run']), papers(file, ['refresh'])]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      "+- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[NeurIPS'22]",
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(readFileSync(file, 'utf8')).toBe(LIST);

    const done = await papers(file, ['refresh', '--yes']);
    expect(done.status).toBe(0);
    expect(done.stderr).toBe('papers: fixture-preprint: no published version found\n');
    const expected = LIST.replace(flash, flash.replace("[arXiv'22]", "[NeurIPS'22]")).replace(
      attention,
      attention.replace('Need:', "Need[NeurIPS'17]:"),
    );
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // Nothing left to do.
    const again = await papers(file, ['refresh', '--yes']);
    expect(again.stdout).toBe('Nothing to refresh.\n');
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('--link published re-points the paper link only; a named paper that is no preprint is skipped; the venue keeps its form', async () => {
    const list = LIST.replace("IO-Awareness[arXiv'22]", 'IO-Awareness[arXiv 2022]');
    const file = tempFile(list);
    const result = await papers(file, ['refresh', 'flashattention', 'orca', '--link', 'published', '--yes']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'papers: orca is not listed as an arXiv preprint (an arXiv link, and no venue or an arXiv one); skipped\n',
    );
    const was =
      'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv 2022]: [[Paper](https://arxiv.org/abs/2205.14135)] [[Note](https://example.org/notes/1)]';
    const now =
      'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[NeurIPS 2022]: [[Paper](http://papers.nips.cc/paper_files/paper/2022/hash/67d57c32e20fd0a7a302cb81d36e40d5-Abstract-Conference.html)] [[Note](https://example.org/notes/1)]';
    expect(readFileSync(file, 'utf8')).toBe(list.replace(was, now));
  });
});

describe('refresh on a terminal', () => {
  itIf(needs.script)('shows each change and asks; only the accepted one is written', async () => {
    const file = tempFile(LIST);
    const steps = [
      { wait: 'Change flashattention? (y/N)', keys: 'n\n' },
      { wait: 'Change attention-all-you? (y/N)', keys: 'y\n' },
    ];
    const result = await runOnTerminal(['--file', file, 'refresh'], { env: lookupEnv(), steps });
    expect(result.status).toBe(0);
    expect(result.output).toContain(
      "+ - [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[NeurIPS'22]",
    );
    expect(result.output).toMatch(/Change flashattention\? \(y\/N\)/);
    expect(result.output).toMatch(/Change attention-all-you\? \(y\/N\)/);
    const attention = 'Attention is All you Need: [[Paper](https://arxiv.org/pdf/1706.03762v5.pdf)]';
    expect(readFileSync(file, 'utf8')).toBe(LIST.replace(attention, attention.replace('Need:', "Need[NeurIPS'17]:")));
  });
});

describe('add --lookup on a terminal', () => {
  itIf(needs.script)('offers the top hits and adds the one picked', async () => {
    const list =
      "# Reading\n\n## Systems\n\n- [ ] Orca: A Distributed Serving System[OSDI'22]: [[Paper](https://example.org/orca.pdf)]\n";
    const file = tempFile(list);
    const steps = [{ wait: 'Which paper?', keys: '2\n' }];
    const result = await runOnTerminal(['--file', file, 'add', '--lookup', 'attention', '--area', 'Systems'], {
      env: lookupEnv(),
      steps,
    });
    expect(result.output).toContain('Which paper?');
    expect(result.output).toContain(' 2) Attention is All you Need (NeurIPS 2017, Ashish Vaswani et al.)');
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      `${list}- [ ] Attention is All you Need[NeurIPS'17]: [[Paper](https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html)]\n`,
    );
  });
});
