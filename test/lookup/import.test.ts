/**
 * `papers import` on real exports (test/fixtures/import/, origins in its README): Better BibTeX (Zotero)
 * exports and a pubs repository. Round trip: import, export, and a BibTeX parser reads the same titles
 * and DOIs as in the source.
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tempFile, runCliInProcess } from '../helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const LIST = `# Reading

## Imported

- [x] Information Driven Self-Organization of Complex Robotic Behaviors[PLoS ONE'13]: [[Paper](https://example.org/martius.pdf)]
`;

const papers = (file: string, args: string[]) =>
  runCliInProcess(['--file', file, ...args], { env: { PAPERS_CACHE_DIR: tempDir() } });
const norm = (title: string) =>
  title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<!\.)\.$/, '');

function sourceEntries(text: string): { title: string; doi: string | null }[] {
  return parseBibtex(text, { sentenceCase: false, english: false }).entries.map((e) => ({
    title: norm(String(e.fields.title ?? '')),
    doi: e.fields.doi ? String(e.fields.doi).toLowerCase() : null,
  }));
}

describe('import', () => {
  it('--dry-run shows the diff and writes nothing; a pubs repository imports with its duplicate named', async () => {
    const file = tempFile(LIST);
    const dry = await papers(file, ['import', join(FIXTURES, 'pubs-repo'), '--area', 'Imported', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      "+- [ ] Interactive Language Learning by Robots: The Transition from Babbling to Word Forms[PLOS ONE'12]: [[Paper](https://doi.org/10.1371/journal.pone.0038236)]",
    );
    expect(dry.stderr).toMatch(
      /^papers: 10\.1371\/journal\.pone\.0063400: not added: "Information Driven Self-Organization of Complex Robotic Behaviors" \(information-driven-self, line 5\) has the same title\n/,
    );
    expect(readFileSync(file, 'utf8')).toBe(LIST);
    const real = await papers(file, ['import', join(FIXTURES, 'pubs-repo'), '--area', 'Imported']);
    expect(real.status).toBe(0);
    expect(
      readFileSync(file, 'utf8'),
    ).toBe(`${LIST}- [ ] Interactive Language Learning by Robots: The Transition from Babbling to Word Forms[PLOS ONE'12]: [[Paper](https://doi.org/10.1371/journal.pone.0038236)]
- [ ] The PageRank Citation Ranking: Bringing Order to the Web: [[Paper](http://ilpubs.stanford.edu:8090/422/)]
`);
    // Imported again: every entry is already listed.
    const again = await papers(file, ['import', join(FIXTURES, 'pubs-repo'), '--area', 'Imported']);
    expect(again.stderr.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('tags say what is read: pubs tags, Zotero keywords, a read field', async () => {
    const bib = `@article{a, title={Read One}, journal={Nature}, year={2020}, keywords={read, ml}}
@article{b, title={Queued One}, journal={Nature}, year={2021}, keywords={toread}}
@misc{c, title={Field One}, year={2022}, read={true}, eprint={2201.00001}, archivePrefix={arXiv}}`;
    const file = tempFile('# R\n\n## A\n');
    const result = await papers(file, ['import', tempFile(bib, 'refs.bib'), '--area', 'A']);
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      "# R\n\n## A\n\n- [x] Read One[Nature'20]\n- [ ] Queued One[Nature'21]\n- [x] Field One[arXiv'22]: [[Paper](https://arxiv.org/abs/2201.00001)]\n",
    );
  });

  it.each(['zotero-bbt-901.bib', 'zotero-bbt-1803.bib', 'zotero-bbt-1069.bib', 'zotero-bbt-460.bib'])(
    'round-trips the Better BibTeX export %s: export reads back the same titles and DOIs',
    async (name) => {
      const source = readFileSync(join(FIXTURES, name), 'utf8');
      const file = tempFile('# Reading\n');
      const imported = await papers(file, ['import', join(FIXTURES, name), '--area', 'From Zotero']);
      expect(imported.status).toBe(0);
      const exported = await papers(file, ['export', '--format', 'bibtex']);
      expect(exported.status).toBe(0);
      const back = parseBibtex(exported.stdout, { sentenceCase: false, english: false });
      expect(back.errors).toEqual([]);
      const want = sourceEntries(source);
      const skipped = (imported.stderr.match(/: (?:skipped|not added): /g) ?? []).length;
      expect(back.entries.length).toBe(want.length - skipped);
      const got = back.entries.map((e) => ({
        title: norm(String(e.fields.title)),
        doi: e.fields.doi ? String(e.fields.doi).toLowerCase() : null,
      }));
      for (const entry of got) {
        const same = want.find((w) => w.title === entry.title);
        expect(same, entry.title).toBeDefined();
        if (same!.doi) expect(entry.doi, entry.title).toBe(same!.doi);
      }
    },
  );
});

describe('import of CSL-JSON with fields of the wrong type', () => {
  it('takes a numeric title as its digits and leaves out a URL or DOI that is not text: no crash', async () => {
    const csl = JSON.stringify([
      {
        id: 'a',
        type: 'article-journal',
        title: 1984,
        'container-title': 'Nature',
        issued: { 'date-parts': [[1949]] },
      },
      { id: 'b', type: 'article-journal', title: 'Object DOI', DOI: { x: 1 }, URL: 42, tags: ['read', 7, {}] },
      { id: 'c', title: ['not', 'text'] },
      'not an item',
    ]);
    const file = tempFile('# R\n\n## A\n');
    const result = await papers(file, ['import', tempFile(csl, 'refs.json'), '--area', 'A']);
    expect(result.stderr).not.toContain('bug');
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe("# R\n\n## A\n\n- [ ] 1984[Nature'49]\n- [x] Object DOI\n");
    expect(result.stderr).toContain('c: no title; skipped');
  });
});
