/** `papers export`: BibTeX, CSL-JSON and CSV from the list alone, read back by real parsers. */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, tempDir, tempFile, runCliInProcess } from '../helpers.js';

const LIST = `# Reading

## Systems

- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)]
- [ ] Effect of native oxide layers, "quoted"[J. Appl. Phys.'15]: [[Paper](https://doi.org/10.1063/1.4938384)]

## Preprints

- [ ] FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness[arXiv'22]: [[Paper](https://arxiv.org/abs/2205.14135)]
`;

const run = (file: string, args: string[]) =>
  runCliInProcess(['--file', file, 'export', ...args], {
    env: { PAPERS_CACHE_DIR: tempDir(), PAPERS_ARXIV_API: 'http://127.0.0.1:9/none' },
  });

describe('export', () => {
  it('writes the three formats from the list, with the filters list takes; the file is untouched', async () => {
    const file = tempFile(LIST);
    const [bib, csl, csv, unread] = await Promise.all([
      run(file, []),
      run(file, ['--format', 'csl-json', '--area', 'Systems']),
      run(file, ['--format', 'csv']),
      run(file, ['--format', 'csv', '--unread']),
    ]);
    for (const r of [bib, csl, csv, unread]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const parsed = parseBibtex(bib.stdout, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.entries.map((e) => [
        e.key,
        e.type,
        e.fields.title,
        e.fields.booktitle ?? e.fields.journal ?? null,
        e.fields.year,
        e.fields.doi ?? e.fields.eprint ?? null,
      ]),
    ).toEqual([
      [
        'anon2020rammer',
        'inproceedings',
        'Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks',
        'OSDI',
        '2020',
        null,
      ],
      [
        'anon2015effect',
        'article',
        'Effect of native oxide layers, "quoted"',
        'J. Appl. Phys.',
        '2015',
        '10.1063/1.4938384',
      ],
      [
        'anon2022flashattention',
        'misc',
        'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
        null,
        '2022',
        '2205.14135',
      ],
    ]);
    const items = JSON.parse(csl.stdout) as {
      id: string;
      type: string;
      title: string;
      issued: { 'date-parts': number[][] };
    }[];
    expect(items.map((i) => [i.id, i.type, i.issued['date-parts'][0]![0]])).toEqual([
      ['anon2020rammer', 'paper-conference', 2020],
      ['anon2015effect', 'article-journal', 2015],
    ]);
    expect(csv.stdout.split('\r\n')).toEqual([
      'key,id,title,venue,year,read,area,url,doi,arxiv',
      "anon2020rammer,rammer,Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks,OSDI'20,2020,yes,Systems,https://www.usenix.org/system/files/osdi20-ma.pdf,,",
      `anon2015effect,effect-native-oxide,"Effect of native oxide layers, ""quoted""",J. Appl. Phys.'15,2015,no,Systems,https://doi.org/10.1063/1.4938384,10.1063/1.4938384,`,
      "anon2022flashattention,flashattention,FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness,arXiv'22,2022,no,Preprints,https://arxiv.org/abs/2205.14135,,2205.14135",
      '',
    ]);
    expect(unread.stdout.split('\r\n')).toHaveLength(4);
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('exports every paper of the seed list as BibTeX a parser reads, titles intact', async () => {
    const file = tempFile(readFileSync(EXAMPLE));
    const [bib, listed] = await Promise.all([
      run(file, []),
      runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_CACHE_DIR: tempDir() } }),
    ]);
    expect(bib.status).toBe(0);
    const parsed = parseBibtex(bib.stdout, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    const titles = (JSON.parse(listed.stdout) as { title: string }[]).map((p) => p.title.replace(/\s+/g, ' '));
    expect(parsed.entries.map((e) => String(e.fields.title).replace(/\s+/g, ' '))).toEqual(titles);
    expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(parsed.entries.length);
  });
});
