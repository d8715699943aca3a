/**
 * The labelled set (test/fixtures/inline-labels.jsonl, see its README): task lines from real lists and
 * generated variants, each with the title, venue and year a person reads. Prints the accuracy per field
 * and fails below the bar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/read/parse.js';
import { normalizeKey } from '../src/core/read/venue.js';
import { ROOT } from './helpers.js';

interface Label {
  source: string;
  line: string;
  title: string;
  venue: string | null;
  year: number | null;
}

const BAR = { title: 0.99, venue: 0.98, year: 0.98 };

const labels: Label[] = readFileSync(join(ROOT, 'test', 'fixtures', 'inline-labels.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Label);

describe('the labelled set', () => {
  it('has at least 300 lines, each one task item', () => {
    expect(labels.length).toBeGreaterThanOrEqual(300);
  });

  it('is read as a person reads it, field by field, above the bar', () => {
    // One document holds every line (a heading between them keeps each a list of its own), so one parse reads them all.
    const text = labels.map((label, i) => `## ${i}\n\n${label.line.trimStart()}\n`).join('\n');
    const papers = parseDocument(text).papers;
    expect(papers).toHaveLength(labels.length);
    const misses: Record<keyof typeof BAR, string[]> = { title: [], venue: [], year: [] };
    labels.forEach((label, i) => {
      const paper = papers[i]!;
      const where = `${label.source}: ${label.line.slice(0, 120)}`;
      if (paper.title !== label.title)
        misses.title.push(`${where}\n      read ${JSON.stringify(paper.title)}, label ${JSON.stringify(label.title)}`);
      const sameVenue =
        paper.venue === null || label.venue === null
          ? paper.venue === label.venue
          : normalizeKey(paper.venue) === normalizeKey(label.venue);
      if (!sameVenue)
        misses.venue.push(`${where}\n      read ${JSON.stringify(paper.venue)}, label ${JSON.stringify(label.venue)}`);
      if (paper.year !== label.year) misses.year.push(`${where}\n      read ${paper.year}, label ${label.year}`);
    });
    const report = (Object.keys(BAR) as (keyof typeof BAR)[]).map((field) => {
      const accuracy = 1 - misses[field].length / labels.length;
      return {
        field,
        accuracy,
        line: `${field}: ${(accuracy * 100).toFixed(1)}% (${labels.length - misses[field].length}/${labels.length}, bar ${BAR[field] * 100}%)`,
      };
    });
    console.log(`[labelled set] ${report.map((r) => r.line).join('; ')}`);
    // The same per group: corpus lines, generated variants, and lists held out while the rules were written.
    const group = (label: Label) =>
      label.source.startsWith('generated') ? 'generated' : label.source.includes('(held out)') ? 'held out' : 'corpus';
    for (const name of ['corpus', 'generated', 'held out']) {
      const members = labels.filter((label) => group(label) === name);
      const wrong = (field: keyof typeof BAR) =>
        misses[field].filter((miss) =>
          members.some((label) => miss.startsWith(`${label.source}: ${label.line.slice(0, 120)}`)),
        ).length;
      const parts = (Object.keys(BAR) as (keyof typeof BAR)[]).map(
        (field) => `${field} ${(100 * (1 - wrong(field) / members.length)).toFixed(1)}%`,
      );
      console.log(`[labelled set] ${name} (${members.length} lines): ${parts.join(', ')}`);
    }
    for (const field of Object.keys(misses) as (keyof typeof BAR)[])
      for (const miss of misses[field]) console.log(`  ${field} miss: ${miss}`);
    for (const { field, accuracy } of report) expect(accuracy, `${field} accuracy`).toBeGreaterThanOrEqual(BAR[field]);
  });
});
