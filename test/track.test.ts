/** `papers track`: plain lists get `[ ] `, tables without a status column get one; only those bytes change. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, tempFile } from './helpers.js';

const TEXT = [
  '# Awesome',
  '',
  '- [Intro](#intro)',
  '- [Graphs](#graphs)',
  '',
  '## Graphs',
  '',
  '- [GCN](https://x.org) - Kipf 2017',
  '  - a note',
  '- GAT: Graph Attention Networks',
  '',
  '| Title | Year |',
  '|---|---|',
  '| BERT | 2018 |',
  '',
  'Title | Year',
  '--- | ---',
  'GPT | 2018',
  '',
  '## Done already',
  '',
  '| Status | Paper |',
  '|:-:|---|',
  '| ☑ | Kept |',
  '| ☐ | Also kept |',
  '',
  '- plain in another area',
  '',
].join('\r\n');

describe('papers track', () => {
  it("adds exactly the checkboxes and status cells, all unread, in the file's own unread marker; a second run adds nothing", async () => {
    const file = tempFile(TEXT);
    const dry = await runCliInProcess(['--file', file, 'track', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(TEXT);
    const result = await runCliInProcess(['--file', file, 'track']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Tracking 3 entries of plain lists and 2 tables');
    const expected = TEXT.replace('- [GCN]', '- [ ] [GCN]')
      .replace('- GAT', '- [ ] GAT')
      .replace('| Title | Year |\r\n|---|---|\r\n| BERT', '| Status | Title | Year |\r\n|---|---|---|\r\n| ☐ | BERT')
      .replace('Title | Year\r\n--- | ---\r\nGPT', 'Status | Title | Year\r\n--- | --- | ---\r\n☐ | GPT')
      .replace('- plain in another', '- [ ] plain in another');
    expect(readFileSync(file, 'utf8')).toBe(expected);
    const papers = await listJsonInProcess(file);
    expect(papers.map((paper) => [paper.title, paper.state])).toEqual([
      ['GCN', 'unread'],
      ['GAT: Graph Attention Networks', 'unread'],
      ['BERT', 'unread'],
      ['GPT', 'unread'],
      ['Kept', 'read'],
      ['Also kept', 'unread'],
      ['plain in another area', 'unread'],
    ]);
    const again = await runCliInProcess(['--file', file, 'track']);
    expect(again.stdout).toMatch(/Nothing to track/);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('--area tracks only that area', async () => {
    const file = tempFile(TEXT);
    await runCliInProcess(['--file', file, 'track', '--area', 'Done already']);
    expect(readFileSync(file, 'utf8')).toBe(TEXT.replace('- plain in another', '- [ ] plain in another'));
    const missing = await runCliInProcess(['--file', file, 'track', '--area', 'Nowhere']);
    expect(missing.status).toBe(2);
  });
});
