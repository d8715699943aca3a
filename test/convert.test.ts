/**
 * `convert` round trips: list -> table -> list keeps every paper's title, venue, read state, links and
 * area, on the seed (through the CLI, compared with `list --json`) and on generated task lists.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/core/write/convert.js';
import { applyEdits } from '../src/core/write/splice.js';
import { escapeInline, formatDestination } from '../src/core/write/markdown-escape.js';
import type { Paper } from '../src/core/model/paper.js';
import { parseDocument } from '../src/core/read/parse.js';
import { EXAMPLE, listJsonInProcess, type PaperJson, runCliInProcess, tempFile } from './helpers.js';

const RUNS = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 60),
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
};

const keep = (p: PaperJson | Paper) => ({
  title: p.title,
  venue: p.venue,
  read: p.read,
  area: p.area,
  links: p.links.map((l) => ({ label: l.label.toLowerCase(), url: l.url })),
});

describe('convert through the CLI', () => {
  it('seed: list -> table -> list keeps every paper (list --json); --dry-run writes nothing', async () => {
    const original = readFileSync(EXAMPLE, 'utf8');
    const file = tempFile(original, 'README.md');
    const before = await listJsonInProcess(file);
    const dry = await runCliInProcess(['--file', file, 'convert', '--to', 'table', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('+| Status | Paper | Venue | Links |');
    expect(readFileSync(file, 'utf8')).toBe(original);

    expect((await runCliInProcess(['--file', file, 'convert', '--to', 'table'])).status).toBe(0);
    const tables = readFileSync(file, 'utf8');
    expect(tables).not.toMatch(/^- \[[ xX]\]/m);
    expect((await listJsonInProcess(file)).map(keep)).toEqual(before.map(keep));

    const back = await runCliInProcess(['--file', file, 'convert', '--to', 'list']);
    expect(back.status, back.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('| Status |');
    const after = await listJsonInProcess(file);
    expect(after.map(keep)).toEqual(before.map(keep));
    expect(after.map((p) => [p.id, p.year])).toEqual(before.map((p) => [p.id, p.year]));
  });

  it('--area converts one area only; --to must be table or list', async () => {
    const file = tempFile(readFileSync(EXAMPLE, 'utf8'), 'README.md');
    const area = (await listJsonInProcess(file))[0]!.area.join('/');
    expect((await runCliInProcess(['--file', file, 'convert', '--to', 'table', '--area', area])).status).toBe(0);
    expect(readFileSync(file, 'utf8').match(/\| Status \| Paper \|/g)).toHaveLength(1);
    const bad = await runCliInProcess(['--file', file, 'convert', '--to', 'csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--to takes "table" or "list"/);
  });
});

const titleArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('Deep', 'GPU', 'Serving', 'of', 'LLM', 'x', 'Fast') },
      fc.constantFrom('|', '*', '_', '[', ']', ':', '-', '&', '`', '🚀', 'é', ' '),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join('').replace(/\s+/g, ' ').trim())
  .filter((t) => /^[\p{L}]/u.test(t));
const paperArb = fc.record({
  title: titleArb,
  venue: fc.option(fc.constantFrom("OSDI'22", "USENIX ATC'22", "SOSP'19", 'ICML 2020'), { nil: null }),
  read: fc.boolean(),
  links: fc.uniqueArray(
    fc.record({
      label: fc.constantFrom('Paper', 'Note', 'Code'),
      url: fc.constantFrom('https://a.org/x', 'https://b.org/a|b', 'https://c.org/(p)', 'notes/n.md'),
    }),
    { maxLength: 3, selector: (l) => l.label },
  ),
});
const docArb = fc.record({
  areas: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom('Compilers', 'Serving', 'OS', 'Graph'),
      papers: fc.array(paperArb, { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 3, selector: (a) => a.name },
  ),
  eol: fc.constantFrom('\n', '\r\n'),
  bullet: fc.constantFrom('-', '*', '1.'),
  loose: fc.boolean(),
});

describe('convert on generated lists', () => {
  it('list -> table -> list keeps every paper', async () => {
    fc.assert(
      fc.property(docArb, (gen) => {
        const lines: string[] = ['# Reading', ''];
        for (const area of gen.areas) {
          lines.push(`## ${area.name}`, '');
          area.papers.forEach((p, i) => {
            if (i > 0 && gen.loose) lines.push('');
            const links = p.links.map((l) => `[[${l.label}](${formatDestination(l.url)})]`).join(' ');
            lines.push(
              `${gen.bullet} [${p.read ? 'x' : ' '}] ${escapeInline(p.title)}${p.venue ? `[${p.venue}]` : ''}${links ? `: ${links}` : ''}`,
            );
          });
          lines.push('');
        }
        const text = lines.join(gen.eol);
        const doc = parseDocument(text);
        const table = applyEdits(text, convert(doc, { to: 'table' }).edits);
        const tableDoc = parseDocument(table);
        expect(tableDoc.papers.every((p) => p.source === 'row')).toBe(true);
        expect(tableDoc.papers.map(keep), JSON.stringify(table)).toEqual(doc.papers.map(keep));
        const list = applyEdits(table, convert(tableDoc, { to: 'list' }).edits);
        const listDoc = parseDocument(list);
        expect(listDoc.papers.every((p) => p.source === 'task')).toBe(true);
        expect(listDoc.papers.map(keep), JSON.stringify(list)).toEqual(doc.papers.map(keep));
      }),
      RUNS,
    );
  });
});
