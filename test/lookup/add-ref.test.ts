/**
 * `papers add <ref>` against a local server that answers like arXiv, Crossref, DBLP, Semantic Scholar
 * and OpenAlex (fake-apis.ts). Every base URL points at 127.0.0.1; nothing here reaches the internet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, LONG_WAIT_MS, runCliInProcess, tempDir, tempFile } from '../helpers.js';

/** A writable copy (the shared seed is read-only). */
const seedCopy = () => tempFile(readFileSync(EXAMPLE), 'paper-reading.md');
import { closedPort, FakeApis } from './fake-apis.js';

export const LIST = `# Reading

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

/** The fake APIs answer at once; a busy machine must not turn a slow answer into a timeout (the timeout's own test sets 0.4 s). */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...apis.env(),
    PAPERS_HTTP_MIN_INTERVAL_MS: '0',
    PAPERS_HTTP_TIMEOUT_MS: String(LONG_WAIT_MS),
    PAPERS_CACHE_DIR: tempDir(),
    ...extra,
  };
}

function papers(file: string, args: string[], extra: Record<string, string> = {}) {
  return runCliInProcess(['--file', file, ...args], { env: env(extra) });
}

/** The fake APIs' base URLs on `port` (what FakeApis.env() gives once it listens there). */
function portEnv(port: number): Record<string, string> {
  const base = `http://127.0.0.1:${port}`;
  return {
    PAPERS_ARXIV_API: `${base}/arxiv/api/query`,
    PAPERS_CROSSREF_API: `${base}/crossref`,
    PAPERS_DBLP_API: `${base}/dblp`,
    PAPERS_S2_API: `${base}/s2/graph/v1`,
    PAPERS_OPENALEX_API: `${base}/openalex`,
  };
}

/** The lines a change added. */
function addedLines(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !old.has(line));
}

interface Case {
  ref: string[];
  area: string;
  title: string;
  venue: string;
  url: string;
}

const CASES: Case[] = [
  {
    ref: ['2205.14135'],
    area: 'MLSys',
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    venue: "NeurIPS'22",
    url: 'https://arxiv.org/abs/2205.14135',
  },
  {
    ref: ['arXiv:1706.03762v2'],
    area: 'MLSys',
    title: 'Attention is All you Need',
    venue: "NeurIPS'17",
    url: 'https://arxiv.org/abs/1706.03762v2',
  },
  {
    ref: ['https://arxiv.org/abs/2206.15472'],
    area: 'MLSys',
    title: 'Fixture Preprint: Unpublished Work on Tensor Programs',
    venue: "arXiv'22",
    url: 'https://arxiv.org/abs/2206.15472',
  },
  {
    ref: ['https://arxiv.org/pdf/2206.15472v1'],
    area: 'New Area',
    title: 'Fixture Preprint: Unpublished Work on Tensor Programs',
    venue: "arXiv'22",
    url: 'https://arxiv.org/pdf/2206.15472v1',
  },
  {
    ref: ['cs/0112017'],
    area: 'MLSys',
    title: 'An Old-Style Identifier Paper on Logic Programming',
    venue: "arXiv'01",
    url: 'https://arxiv.org/abs/cs/0112017',
  },
  {
    ref: ['2301.00002'],
    area: 'MLSys',
    title: 'A Fixture Published Where DBLP Does Not Look',
    venue: "EuroSys'23",
    url: 'https://arxiv.org/abs/2301.00002',
  },
  {
    ref: ['10.1145/3600006.3613165'],
    area: 'MLSys',
    title: 'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    venue: "SOSP'23",
    url: 'https://doi.org/10.1145/3600006.3613165',
  },
  {
    ref: ['https://doi.org/10.1145/3600006.3613165'],
    area: 'Hypervisor',
    title: 'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    venue: "SOSP'23",
    url: 'https://doi.org/10.1145/3600006.3613165',
  },
  {
    ref: ['https://dl.acm.org/doi/10.1145/3600006.3613165'],
    area: 'MLSys',
    title: 'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    venue: "SOSP'23",
    url: 'https://dl.acm.org/doi/10.1145/3600006.3613165',
  },
  {
    ref: ['https://aclanthology.org/N19-1423/'],
    area: 'NLP',
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    venue: "NAACL-HLT'19",
    url: 'https://aclanthology.org/N19-1423/',
  },
  {
    ref: ['https://dblp.org/rec/conf/osdi/YuJKKC22.html'],
    area: 'MLSys',
    title: 'Orca: A Distributed Serving System for Transformer-Based Generative Models',
    venue: "OSDI'22",
    url: 'https://www.usenix.org/conference/osdi22/presentation/yu',
  },
  {
    ref: ['--lookup', 'flashattention io-awareness'],
    area: 'MLSys',
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    venue: "NeurIPS'22",
    url: 'http://papers.nips.cc/paper_files/paper/2022/hash/67d57c32e20fd0a7a302cb81d36e40d5-Abstract-Conference.html',
  },
];

describe('add <ref>', () => {
  it('resolves every kind of reference, and writes the line a hand-typed add with the same fields writes', async () => {
    const results = await Promise.all(
      CASES.map(async (c) => {
        const looked = tempFile(LIST);
        const typed = tempFile(LIST);
        const [byRef, byHand] = await Promise.all([
          papers(looked, ['add', ...c.ref, '--area', c.area]),
          papers(typed, ['add', c.title, '--area', c.area, '--venue', c.venue, '--paper', c.url]),
        ]);
        return { c, byRef, byHand, looked: readFileSync(looked, 'utf8'), typed: readFileSync(typed, 'utf8') };
      }),
    );
    for (const { c, byRef, byHand, looked, typed } of results) {
      expect(byRef.stderr, c.ref.join(' ')).toBe('');
      expect(byRef.status, c.ref.join(' ')).toBe(0);
      expect(byHand.status).toBe(0);
      expect(
        addedLines(LIST, looked).filter((line) => line.startsWith('- ')),
        c.ref.join(' '),
      ).toEqual([`- [ ] ${c.title.replace(/-/g, '-')}[${c.venue}]: [[Paper](${c.url})]`]);
      expect(looked, c.ref.join(' ')).toBe(typed);
    }
  });

  it('in a repository of lists, an area a typo away names its file, as a typed add says it', async () => {
    // (review: the looked-up venue's area was found without the file, which the message then left out)
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), LIST);
    writeFileSync(join(dir, 'b.md'), LIST);
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const result = await runCliInProcess(['add', ...CASES[0]!.ref, '--area', 'a.md/Hypervisr'], {
      cwd: dir,
      env: env(),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'papers: no area "Hypervisr" in a.md; did you mean "a.md/Hypervisor"? Pass --create to make "a.md/Hypervisr" a new area\n',
    );
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(LIST);
  });

  it('follows the venue form of the area (OSDI 2022 -> NeurIPS 2022), and the flags the user gives win', async () => {
    const list =
      '## Systems\n\n- [ ] Ray: A Distributed Framework[OSDI 2018]: [[Paper](https://example.org/ray.pdf)]\n- [ ] Alpa: Automating Parallelism[OSDI 2022]: [[Paper](https://example.org/alpa.pdf)]\n';
    const a = tempFile(list);
    const b = tempFile(list);
    const [first, second] = await Promise.all([
      papers(a, ['add', '2205.14135', '--area', 'Systems']),
      papers(b, [
        'add',
        '2205.14135',
        '--area',
        'Systems',
        '--title',
        'My FlashAttention title',
        '--venue',
        "NIPS'22",
        '--paper',
        'https://example.org/fa.pdf',
      ]),
    ]);
    expect(first.status).toBe(0);
    expect(addedLines(list, readFileSync(a, 'utf8'))).toEqual([
      '- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[NeurIPS 2022]: [[Paper](https://arxiv.org/abs/2205.14135)]',
    ]);
    expect(second.status).toBe(0);
    expect(addedLines(list, readFileSync(b, 'utf8'))).toEqual([
      "- [ ] My FlashAttention title[NIPS'22]: [[Paper](https://example.org/fa.pdf)]",
    ]);
  });

  it('sends a descriptive User-Agent, and a repeated lookup comes from the cache (--no-cache asks again)', async () => {
    const cache = tempDir();
    const before = apis.requestsTo('/arxiv').length;
    const first = await papers(tempFile(LIST), ['add', '2206.15472', '--area', 'MLSys'], { PAPERS_CACHE_DIR: cache });
    expect(first.status).toBe(0);
    expect(apis.requestsTo('/arxiv').length).toBe(before + 1);
    expect(apis.requestsTo('/arxiv').at(-1)!.userAgent).toMatch(/^papers\/\S+ \(.+\)$/);
    const again = await papers(tempFile(LIST), ['add', '2206.15472', '--area', 'MLSys'], { PAPERS_CACHE_DIR: cache });
    expect(again.status).toBe(0);
    expect(apis.requestsTo('/arxiv').length).toBe(before + 1);
    const fresh = await papers(tempFile(LIST), ['add', '2206.15472', '--area', 'MLSys', '--no-cache'], {
      PAPERS_CACHE_DIR: cache,
    });
    expect(fresh.status).toBe(0);
    expect(apis.requestsTo('/arxiv').length).toBe(before + 2);
  });
});

describe('add <paper page URL>', () => {
  it("reads the page's citation meta tags, follows a DOI it names, and refuses a page that names no paper", async () => {
    const page = (path: string) => `http://127.0.0.1:${apis.port}/pages/${path}`;
    const [usenix, typed, withDoi, blog] = await Promise.all([
      (async () => {
        const file = tempFile(LIST);
        return {
          result: await papers(file, ['add', page('osdi22/presentation/yu'), '--area', 'MLSys']),
          text: () => readFileSync(file, 'utf8'),
        };
      })(),
      (async () => {
        const file = tempFile(LIST);
        await papers(file, [
          'add',
          'Orca: A Distributed Serving System for Transformer-Based Generative Models',
          '--venue',
          "OSDI'22",
          '--paper',
          page('osdi22/presentation/yu'),
          '--area',
          'MLSys',
        ]);
        return readFileSync(file, 'utf8');
      })(),
      (async () => {
        const file = tempFile(LIST);
        return {
          result: await papers(file, ['add', page('forum?id=paged'), '--area', 'MLSys']),
          text: () => readFileSync(file, 'utf8'),
        };
      })(),
      (async () => {
        const file = tempFile(LIST);
        return {
          result: await papers(file, ['add', page('blog/post'), '--area', 'MLSys']),
          text: () => readFileSync(file, 'utf8'),
        };
      })(),
    ]);
    expect(usenix.result.stderr).toBe('');
    expect(usenix.text()).toBe(typed);
    expect(addedLines(LIST, typed)).toEqual([
      `- [ ] Orca: A Distributed Serving System for Transformer-Based Generative Models[OSDI'22]: [[Paper](${page('osdi22/presentation/yu')})]`,
    ]);
    expect(withDoi.result.status).toBe(0);
    expect(addedLines(LIST, withDoi.text())).toEqual([
      `- [ ] Efficient Memory Management for Large Language Model Serving with PagedAttention[SOSP'23]: [[Paper](${page('forum?id=paged')})]`,
    ]);
    expect(apis.requestsTo('/crossref/works/10.1145/3600006.3613165').length).toBeGreaterThan(0);
    expect(blog.result.status).toBe(1);
    expect(blog.result.stderr).toMatch(
      /^papers: 127\.0\.0\.1:\d+ names no paper in its page \(no citation_title meta tag\); search by title: papers add --lookup "<title words>"; give the title yourself/,
    );
    expect(blog.text()).toBe(LIST);
  });
});

describe('add --lookup', () => {
  it('refuses title words that match several papers, listing them, and writes nothing', async () => {
    const file = tempFile(LIST);
    const result = await papers(file, ['add', '--lookup', 'attention', '--area', 'MLSys']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^papers: "attention" matches 2 papers, none clearly: 1\) FlashAttention: .* \(NeurIPS 2022, Tri Dao et al\.\); 2\) Attention is All you Need \(NeurIPS 2017, Ashish Vaswani et al\.\); give more of the title, or an arXiv id or DOI\n$/,
    );
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });
});

describe('add <ref> on the seed list', () => {
  it('copies the seed style like a typed add, and refuses papers the seed has by arXiv id and DOI', async () => {
    const looked = seedCopy();
    const typed = seedCopy();
    const before = readFileSync(EXAMPLE, 'utf8');
    const [byRef, byHand, dupArxiv, dupDoi] = await Promise.all([
      papers(looked, ['add', 'https://arxiv.org/abs/2309.06180', '--area', 'MLSys/DNN Compiler']),
      papers(typed, [
        'add',
        'Efficient Memory Management for Large Language Model Serving with PagedAttention',
        '--area',
        'MLSys/DNN Compiler',
        '--venue',
        "SOSP'23",
        '--paper',
        'https://arxiv.org/abs/2309.06180',
      ]),
      papers(seedCopy(), ['add', 'arXiv:2207.04606', '--area', 'MLSys']),
      papers(seedCopy(), ['add', 'https://doi.org/10.1145/3341617.3326138', '--area', 'MLSys']),
    ]);
    expect(byRef.stderr).toBe('');
    expect(byHand.status).toBe(0);
    expect(readFileSync(looked)).toEqual(readFileSync(typed));
    expect(addedLines(before, readFileSync(looked, 'utf8')).filter(Boolean)).toEqual([
      "- [ ] Efficient Memory Management for Large Language Model Serving with PagedAttention[SOSP'23]: [[Paper](https://arxiv.org/abs/2309.06180)]",
    ]);
    expect(dupArxiv.status).toBe(1);
    expect(dupArxiv.stderr).toMatch(/"SparseTIR: .*" \(sparsetir, line \d+\) has the same arXiv id \(2207\.04606\)/);
    expect(dupDoi.status).toBe(1);
    expect(dupDoi.stderr).toMatch(/"HyperBench: .*" \(hyperbench, line \d+\) has the same DOI/);
  });
});

describe('add <ref> when a source fails', () => {
  it('waits as Retry-After says on 429, then succeeds', async () => {
    apis.script('/arxiv', { status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '2' } });
    const before = apis.requestsTo('/arxiv').length;
    const file = tempFile(LIST);
    const result = await papers(file, ['add', '2206.15472', '--area', 'MLSys']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const tries = apis.requestsTo('/arxiv').slice(before);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1950);
    expect(readFileSync(file, 'utf8')).toContain("Fixture Preprint: Unpublished Work on Tensor Programs[arXiv'22]");
  });

  it('retries a 503 with backoff, then falls back to Semantic Scholar', async () => {
    const busy = { status: 503, body: 'Service Unavailable' };
    apis.script('/arxiv', busy, busy, busy);
    const before = apis.requestsTo('/arxiv').length;
    const file = tempFile(LIST);
    const result = await papers(file, ['add', '2205.14135', '--area', 'MLSys'], { PAPERS_HTTP_MAX_WAIT_MS: '50' });
    expect(result.status).toBe(0);
    expect(apis.requestsTo('/arxiv').length - before).toBe(3);
    expect(result.stderr).toMatch(/answered HTTP 503 .*3 times.*used Semantic Scholar instead/);
    // DBLP still names the venue.
    expect(readFileSync(file, 'utf8')).toContain(
      "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[NeurIPS'22]: [[Paper](https://arxiv.org/abs/2205.14135)]",
    );
  });

  it('an unknown id or DOI (404, empty feed) exits 1 and writes nothing', async () => {
    const file = tempFile(LIST);
    const [arxiv, doi] = await Promise.all([
      papers(file, ['add', '2301.99999', '--area', 'MLSys']),
      papers(file, ['add', '10.1145/0000000.0000000', '--area', 'MLSys']),
    ]);
    expect(arxiv.status).toBe(1);
    expect(arxiv.stderr).toMatch(/^papers: no paper arXiv:2301\.99999 at 127\.0\.0\.1:\d+\n$/);
    expect(doi.status).toBe(1);
    expect(doi.stderr).toMatch(/^papers: no paper doi:10\.1145\/0000000\.0000000 at /);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('a body that is not what the API sends is refused, nothing written', async () => {
    const bad = { status: 200, body: '<feed><entry><title>cut off' };
    apis.script('/arxiv', bad);
    apis.script('/s2', { status: 200, body: '{"title": ' });
    apis.script('/openalex', { status: 200, body: 'not json' });
    const file = tempFile(LIST);
    const result = await papers(file, ['add', '2205.14135', '--area', 'MLSys']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^papers: 127\.0\.0\.1:\d+ sent an answer papers cannot read \(not well-formed XML\); give the title yourself: papers add "<title>" --area MLSys --paper https:\/\/arxiv\.org\/abs\/2205\.14135\n$/,
    );
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('a server that never answers: exit 1 within the timeout, file byte-identical', async () => {
    apis.script('/arxiv', 'hang');
    const file = tempFile(LIST);
    // The server never answers: only the timeout ends the run (else the test times out), and the message says it did.
    const result = await papers(file, ['add', '2205.14135', '--area', 'MLSys'], { PAPERS_HTTP_TIMEOUT_MS: '400' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^papers: could not reach 127\.0\.0\.1:\d+ \(timed out after 0\.4 s\); give the title yourself: papers add "<title>" --area MLSys --paper https:\/\/arxiv\.org\/abs\/2205\.14135\n$/,
    );
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('two runs in one process share no network state: a host unreachable in the first is asked again in the second', async () => {
    const port = await closedPort();
    const later = new FakeApis();
    const file = tempFile(LIST);
    const run = () =>
      runCliInProcess(['--file', file, 'add', '10.1145/3600006.3613165', '--area', 'MLSys'], {
        env: env({ ...later.env(), ...portEnv(port) }),
      });
    const first = await run();
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`could not reach 127.0.0.1:${port} (connection refused)`);
    await later.start(port);
    try {
      const second = await run();
      expect(second.status, second.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('PagedAttention');
    } finally {
      await later.stop();
    }
  });

  it('offline (connection refused everywhere): one line, exit 1, file byte-identical', async () => {
    const port = await closedPort();
    const dead = `http://127.0.0.1:${port}`;
    const offline = {
      PAPERS_ARXIV_API: `${dead}/api/query`,
      PAPERS_CROSSREF_API: dead,
      PAPERS_DBLP_API: dead,
      PAPERS_S2_API: dead,
      PAPERS_OPENALEX_API: dead,
    };
    const file = tempFile(LIST);
    const [arxiv, doi, search] = await Promise.all([
      papers(file, ['add', 'https://arxiv.org/abs/2205.14135', '--area', 'Deep Learning'], offline),
      papers(file, ['add', '10.1145/3600006.3613165', '--area', 'MLSys'], offline),
      papers(file, ['add', '--lookup', 'flashattention', '--area', 'MLSys'], offline),
    ]);
    expect(arxiv.status).toBe(1);
    expect(arxiv.stdout).toBe('');
    expect(arxiv.stderr).toBe(
      `papers: could not reach 127.0.0.1:${port} (connection refused); give the title yourself: papers add "<title>" --area "Deep Learning" --paper https://arxiv.org/abs/2205.14135\n`,
    );
    expect(doi.status).toBe(1);
    expect(doi.stderr).toBe(
      `papers: could not reach 127.0.0.1:${port} (connection refused); give the title yourself: papers add "<title>" --area MLSys --paper https://doi.org/10.1145/3600006.3613165\n`,
    );
    expect(search.status).toBe(1);
    expect(search.stderr).toMatch(/^papers: could not reach .*connection refused.*; give the title yourself/);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
    // In a repository of several lists the command it suggests names the file (review: `--area MLSys`
    // there is in both lists, and refused).
    const repository = tempDir();
    for (const name of ['a.md', 'b.md']) writeFileSync(join(repository, name), LIST);
    writeFileSync(join(repository, '.papers.json'), JSON.stringify({ lists: ['*.md'] }));
    const inRepository = await runCliInProcess(['add', '10.1145/3600006.3613165', '--area', 'b.md/MLSys'], {
      cwd: repository,
      env: env(offline),
    });
    expect(inRepository.status).toBe(1);
    expect(inRepository.stderr).toBe(
      `papers: could not reach 127.0.0.1:${port} (connection refused); give the title yourself: papers add "<title>" --area b.md/MLSys --paper https://doi.org/10.1145/3600006.3613165\n`,
    );
    // A title needs no network at all.
    const typed = await papers(file, ['add', 'A Paper Typed by Hand', '--area', 'MLSys'], offline);
    expect(typed.status).toBe(0);
  });
});

describe('duplicates by identity', () => {
  it('refuses the same arXiv id, DOI, paper URL or title, naming the entry and its line; --force adds it', async () => {
    const file = tempFile(LIST);
    const attempts: [string[], RegExp][] = [
      [
        ['add', '2207.04606v2', '--area', 'MLSys'],
        /^papers: "SparseTIR: .*" \(sparsetir, line 7\) has the same arXiv id \(2207\.04606\); add --force/,
      ],
      [
        ['add', 'Some Other Title', '--paper', 'https://arxiv.org/abs/2207.04606v3', '--area', 'MLSys'],
        /\(sparsetir, line 7\) has the same arXiv id/,
      ],
      [
        ['add', '10.1145/3341617.3326138', '--area', 'MLSys'],
        /^papers: "HyperBench: .*" \(hyperbench, line 11\) has the same DOI \(10\.1145\/3341617\.3326138\)/,
      ],
      [
        ['add', 'https://doi.org/10.1145/3341617.3326138', '--area', 'MLSys'],
        /\(hyperbench, line 11\) has the same DOI/,
      ],
      [
        ['add', 'Another Title', '--paper', 'http://usenix.org/system/files/osdi20-ma.pdf/', '--area', 'MLSys'],
        /\(rammer, line 5\) has the same paper URL/,
      ],
      [
        ['add', 'rammer: enabling holistic deep-learning compiler optimizations with RTASKS!', '--area', 'MLSys'],
        /\(rammer, line 5\) has the same title/,
      ],
    ];
    const before = apis.requests.length;
    const results = await Promise.all(attempts.map(([args]) => papers(file, args)));
    results.forEach((result, i) => {
      expect(result.status, attempts[i]![0].join(' ')).toBe(1);
      expect(result.stderr, attempts[i]![0].join(' ')).toMatch(attempts[i]![1]);
    });
    // Refused by id before any source was asked.
    expect(apis.requests.length).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
    // A looked-up paper whose title is already listed (under another link) is refused too.
    const withTitle = tempFile(
      `${LIST}\n- [ ] Attention Is All You Need: [[Paper](https://example.org/attention.pdf)]\n`,
    );
    const byTitle = await papers(withTitle, ['add', '1706.03762', '--area', 'MLSys']);
    expect(byTitle.status).toBe(1);
    expect(byTitle.stderr).toMatch(/\(attention-all-you, line 13\) has the same title/);
    const forced = await papers(file, ['add', '2207.04606', '--area', 'MLSys', '--force'], {
      PAPERS_ARXIV_API: `${apis.env().PAPERS_ARXIV_API}`,
    });
    // 2207.04606 is unknown to the fake arXiv: --force gets past the duplicate check to the lookup.
    expect(forced.stderr).toMatch(/no paper arXiv:2207\.04606/);
    const forcedTitle = await papers(file, [
      'add',
      'Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks',
      '--area',
      'OS',
      '--force',
    ]);
    expect(forcedTitle.status).toBe(0);
  });
});
