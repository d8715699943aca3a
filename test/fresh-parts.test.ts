/**
 * The part models add's read-back reads (the whole file, for a new table row) are what the parse of the
 * written text takes for the parts the two share (store/parse-budget.ts freshParts): a table list's add
 * parses the file once, not twice, and the model after the write is still exactly a fresh parse's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/read/parse.js';
import { partTexts } from '../src/core/read/parts.js';
import { addPaper } from '../src/core/write/add.js';
import { withReadBack } from '../src/core/write/read-back.js';
import { applyEdits } from '../src/core/write/splice.js';
import { ParseBudget } from '../src/store/parse-budget.js';
import { SHARED } from './helpers.js';
import { needs } from './needs.js';

/** A table list in a style real lists use (HTML around it, count badges, a legend, emoji markers); made up. */
const MADE_UP = `<h1 align="center">Reading</h1>

<p align="center">
  <img src="https://img.shields.io/badge/Read-2-green" alt="Read">
  <img src="https://img.shields.io/badge/To_Read-1-orange" alt="To Read">
</p>

> **Legend:** ✅ = Read &nbsp;|&nbsp; ⬜ = To Read

## Storage

| Status | Paper | Venue | Links |
|:------:|-------|-------|-------|
| ✅ | **Log-Structured Storage for Example Workloads** | OSDI'21 | [Paper](https://example.org/log.pdf) |
| ⬜ | **A Survey of Example Caches** | — | [Paper](https://arxiv.org/pdf/2101.00001.pdf) |

Some words about this area, which the line scanner leaves to remark.

## Networks

| Status | Paper | Venue | Links |
|:------:|-------|-------|-------|
| ✅ | **Example Transport for Datacenters** | SIGCOMM'20 | [Paper](https://example.org/transport.pdf) |
`;

const lists: [string, string, string][] = [['made-up table list', MADE_UP, 'Networks']];
if (needs.shared.ok)
  lists.push([
    "the seed author's list",
    readFileSync(join(SHARED, 'corpus', 'KuangjuX__paper-reading__README.md'), 'utf8'),
    'LLM Inference/General',
  ]);

describe("add's read-back and the parse after the write", () => {
  it.each(lists)('share the parts they both read: %s', async (_name, text, area) => {
    const budget = new ParseBudget({ maxDepth: 100, parseTimeoutMs: 600_000 });
    try {
      const doc = parseDocument(text);
      const paper = {
        title: 'A Paper Added by the Test',
        venue: "OSDI'24",
        links: [{ label: 'Paper', url: 'https://example.org/added.pdf' }],
        read: false,
      };
      const change = await withReadBack(
        (readBack) => addPaper(doc, { area, create: false, paper }, readBack),
        budget.freshParts,
      );
      // What the write puts on disk: the new row, and a count badge brought up to date (a part the
      // read-back never read).
      const written = applyEdits(text, change.edits).replace(/To_Read-(\d+)/, (_, n) => `To_Read-${Number(n) + 1}`);
      expect(written).not.toBe(applyEdits(text, change.edits));
      const { doc: after, parts } = await budget.parse('/list.md', written, null);
      // The same model as a parse of the written text by a parser of its own.
      const alone = new ParseBudget({ maxDepth: 100, parseTimeoutMs: 600_000 });
      try {
        expect(JSON.parse(JSON.stringify(after))).toEqual(
          JSON.parse(JSON.stringify((await alone.parse('/list.md', written, null)).doc)),
        );
      } finally {
        alone.close();
      }
      expect(after.papers.some((p) => p.title === paper.title)).toBe(true);
      // Every part but the badges' is the very model the read-back made (none read again).
      const texts = partTexts(written);
      const reused = parts.filter((part, i) => part.model === budget.freshParts.get(texts[i]!));
      expect(reused.length).toBe(parts.length - 1);
      expect(parts.length).toBeGreaterThan(2);
    } finally {
      budget.close();
    }
  });
});
