/**
 * BibTeX that a real BibTeX parser reads back as written; `cite` with no network (`--offline`, or every
 * source unreachable); `add <ref> --title` with no network; lookup answers capped in size.
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBibtex } from '../../src/core/meta/bibtex.js';
import { emptyMeta, type PaperMeta } from '../../src/core/meta/work.js';
import { LONG_WAIT_MS, tempDir, tempFile, runCliInProcess } from '../helpers.js';
import { closedPort, FakeApis } from './fake-apis.js';

const LIST = `# Reading

## Systems

- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)]
- [ ] Effect of native oxide layers on copper thin-film tensile properties[J. Appl. Phys.'15]: [[Paper](https://doi.org/10.1063/1.4938384)]
- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv'22]: [[Paper](https://arxiv.org/abs/2205.14135)]
- [ ] A_Paper with 100% & $x$ in its title[Workshop'21]: [[Paper](https://example.org/a_b%20c.pdf)]
`;

async function offlineEnv(): Promise<Record<string, string>> {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  return {
    PAPERS_ARXIV_API: `${dead}/api/query`,
    PAPERS_CROSSREF_API: dead,
    PAPERS_DBLP_API: dead,
    PAPERS_S2_API: dead,
    PAPERS_OPENALEX_API: dead,
    PAPERS_CACHE_DIR: tempDir(),
    PAPERS_HTTP_TIMEOUT_MS: String(LONG_WAIT_MS),
  };
}

function meta(fields: Partial<PaperMeta>): PaperMeta {
  return { ...emptyMeta('test', 'A Title'), ...fields };
}

describe('buildBibtex', () => {
  it('writes doi/url/eprint verbatim, escapes text fields, and a BibTeX parser reads back the same values', () => {
    const records = [
      buildBibtex(
        meta({
          title: 'Under_scores & 100% of $costs #1',
          authors: ['Ada Lovelace', 'Kurt Gödel'],
          kind: 'article',
          containerTitle: 'Seminars in Cell & Developmental Biology',
          year: 2017,
          doi: '10.1016/s1097-2765(02)00617_x',
          url: 'https://example.org/a_b%20c?x=1&y=2',
        }),
        'lovelace2017under',
      ),
      buildBibtex(
        meta({
          kind: 'incollection',
          containerTitle: 'Computer Vision – ECCV 2020',
          series: 'Lecture Notes in Computer Science',
          year: 2020,
        }),
        'anon2020title',
      ),
      buildBibtex(
        meta({ kind: 'misc', arxiv: '2205.14135v2', year: 2022, url: 'https://arxiv.org/abs/2205.14135v2' }),
        'anon2022title',
      ),
      buildBibtex(meta({ kind: 'inproceedings', containerTitle: null, venue: null, year: 2021 }), 'anon2021title'),
    ];
    const parsed = parseBibtex(records.join('\n\n'), { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.type)).toEqual(['article', 'incollection', 'misc', 'misc']);
    const [article, chapter, preprint] = parsed.entries;
    expect(article!.fields.title).toBe('Under_scores & 100% of $costs #1');
    expect(article!.fields.journal).toBe('Seminars in Cell & Developmental Biology');
    expect(article!.fields.doi).toBe('10.1016/s1097-2765(02)00617_x');
    expect(article!.fields.url).toBe('https://example.org/a_b%20c?x=1&y=2');
    expect(records[0]).toMatch(/\n {2}doi += \{10\.1016\/s1097-2765\(02\)00617_x\},\n/);
    expect(chapter!.fields.booktitle).toBe('Computer Vision – ECCV 2020');
    expect(chapter!.fields.series).toBe('Lecture Notes in Computer Science');
    expect(preprint!.fields.eprint).toBe('2205.14135');
  });
});

describe('cite with no network', () => {
  it('--offline builds every entry from the list, says so on stderr, and asks nobody', async () => {
    const apis = await new FakeApis().start();
    try {
      const file = tempFile(LIST);
      const result = await runCliInProcess(['--file', file, 'cite', '--area', 'Systems', '--offline'], {
        env: { ...apis.env(), PAPERS_CACHE_DIR: tempDir() },
      });
      expect(result.status).toBe(0);
      expect(apis.requests).toEqual([]);
      expect(result.stderr).toBe('papers: --offline: the entries are built from the list, not looked up\n');
      const parsed = parseBibtex(result.stdout, { sentenceCase: false });
      expect(parsed.errors).toEqual([]);
      expect(
        parsed.entries.map((e) => [e.key, e.type, e.fields.booktitle ?? e.fields.journal ?? null, e.fields.year]),
      ).toEqual([
        ['anon2020rammer', 'inproceedings', 'OSDI', '2020'],
        ['anon2015effect', 'article', 'J. Appl. Phys.', '2015'],
        ['anon2022flashattention', 'misc', null, '2022'],
        ['anon2021paper', 'inproceedings', 'Workshop', '2021'],
      ]);
      expect(parsed.entries[1]!.fields.doi).toBe('10.1063/1.4938384');
      expect(parsed.entries[2]!.fields.eprint).toBe('2205.14135');
      expect(parsed.entries[3]!.fields.title).toBe('A_Paper with 100% & $x$ in its title');
      expect(parsed.entries[3]!.fields.url).toBe('https://example.org/a_b%20c.pdf');
      expect(readFileSync(file, 'utf8')).toBe(LIST);
    } finally {
      await apis.stop();
    }
  });

  it('every source unreachable: one note, the entries from the list, exit 0', async () => {
    const env = await offlineEnv();
    const result = await runCliInProcess(['--file', tempFile(LIST), 'cite', 'rammer', 'effect'], { env });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^papers: could not reach 127\.0\.0\.1:\d+ \(connection refused\); not looked up, the entries are built from the list \(--offline says so on purpose\)\n$/,
    );
    const parsed = parseBibtex(result.stdout, { sentenceCase: false });
    expect(parsed.entries.map((e) => e.fields.title)).toEqual([
      'Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks',
      'Effect of native oxide layers on copper thin-film tensile properties',
    ]);
  });
});

describe('add <ref> --title', () => {
  it('needs no network: the reference gives the link and ids, --title and --venue the rest', async () => {
    const env = await offlineEnv();
    const file = tempFile(LIST);
    const [arxiv, doi, dup] = await Promise.all([
      runCliInProcess(
        [
          '--file',
          file,
          'add',
          '2301.00002',
          '--title',
          'A Paper Named by Hand',
          '--venue',
          "EuroSys'23",
          '--area',
          'Systems',
        ],
        { env },
      ),
      runCliInProcess(
        [
          '--file',
          tempFile(LIST),
          'add',
          'https://doi.org/10.1145/3600006.3613165',
          '--title',
          'PagedAttention',
          '--area',
          'Systems',
        ],
        { env },
      ),
      runCliInProcess(
        ['--file', tempFile(LIST), 'add', 'arXiv:2205.14135v2', '--title', 'Another Title', '--area', 'Systems'],
        { env },
      ),
    ]);
    expect(arxiv.stderr).toBe('');
    expect(arxiv.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      `${LIST}- [ ] A Paper Named by Hand[EuroSys'23]: [[Paper](https://arxiv.org/abs/2301.00002)]\n`,
    );
    expect(doi.status).toBe(0);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/has the same arXiv id \(2205\.14135\)/);
  });
});

describe('answer size', () => {
  it('an answer over the cap (2 MB after decompression) is refused in one line, exit 1, nothing written', async () => {
    const apis = await new FakeApis().start();
    try {
      const huge = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${'x'.repeat(3 * 1024 * 1024)}</title></feed>`;
      apis.script('/arxiv', { status: 200, body: huge, headers: { 'Content-Type': 'application/atom+xml' } });
      const dead = `http://127.0.0.1:${await closedPort()}`;
      const file = tempFile(LIST);
      const result = await runCliInProcess(['--file', file, 'add', '2206.15472', '--area', 'Systems'], {
        env: {
          ...apis.env(),
          PAPERS_S2_API: dead,
          PAPERS_OPENALEX_API: dead,
          PAPERS_HTTP_MIN_INTERVAL_MS: '0',
          PAPERS_CACHE_DIR: tempDir(),
        },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^papers: 127\.0\.0\.1:\d+ sent more than 2 MB for \/arxiv\/api\/query\?id_list=2206\.15472&max_results=1; papers reads at most 2 MB of an answer \(PAPERS_HTTP_MAX_BYTES\); give the title yourself: .*\n$/,
      );
      expect(readFileSync(file, 'utf8')).toBe(LIST);
    } finally {
      await apis.stop();
    }
  });
});
