/**
 * Every real list parses, and its papers are exactly the task items GitHub renders as checkboxes
 * (remark-gfm's `listItem.checked`), read straight from the library here as the oracle, plus the body
 * rows of tables whose header has a status and a title column (read state: a ✅-like mark in the
 * status cell).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Nodes } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { listJsonInProcess, realLists } from './helpers.js';

function taskItemsByOracle(text: string): { line: number; checked: boolean }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(body);
  const found: { line: number; checked: boolean }[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean')
      found.push({ line: node.position!.start.line, checked: node.checked });
    if (node.type === 'table') {
      const [head, ...rows] = node.children;
      const names = head!.children.map((cell) => toString(cell).trim().toLowerCase());
      const status = names.findIndex((name) => /^(status|read|done|state|✓|✔)$/.test(name));
      if (status >= 0 && names.some((name) => /^(paper|title|name|papers)$/.test(name))) {
        for (const row of rows) {
          const cell = row.children[status] ? toString(row.children[status]).trim() : '';
          found.push({
            line: row.position!.start.line,
            checked: /✅|✔|☑|✓|\[x\]/i.test(cell) || /^(x|yes|done|read)$/i.test(cell),
          });
        }
      }
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return found;
}

describe('every real list', () => {
  for (const file of realLists()) {
    it(`${basename(file)}: papers are exactly the GFM task items`, async () => {
      const text = readFileSync(file, 'utf8');
      const papers = await listJsonInProcess(file);
      const oracle = taskItemsByOracle(text);
      expect(papers.map((paper) => ({ line: paper.line, checked: paper.read }))).toEqual(oracle);

      const lines = text.split('\n');
      for (const paper of papers) {
        // The line holds the checkbox the paper was read from.
        expect(lines[paper.line - 1]).toMatch(/\[[ xX]\]|\|/);
        expect(paper.title, `title of line ${paper.line}`).not.toMatch(/\]\(|\[\[|\]\]/);
        expect(paper.title.trim()).not.toBe('');
        expect(paper.id).toMatch(/^[\p{L}\p{N}-]+$/u);
        // Every link's destination (possibly empty: `[paper]()`) is written in the file (as is, or with markdown escapes or entities).
        for (const link of paper.links) {
          const forms = [
            link.url,
            link.url.replace(/&/g, '&amp;'),
            link.url.replace(/[_*~]/g, '\\$&'),
            encodeURI(link.url),
          ];
          expect(
            forms.some((form) => text.includes(form)),
            `${link.url} of line ${paper.line}`,
          ).toBe(true);
        }
      }
      expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
      expect(papers.map((paper) => paper.number)).toEqual(papers.map((_, i) => i + 1));
    });
  }
});
