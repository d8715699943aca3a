/**
 * Real lists nobody here wrote the parser for (../shared/corpus-wild: task lists and tables in many
 * styles and languages), read with the hand counts of their MANIFEST: papers and read papers per file
 * (for a file whose counts are for its tables, its table rows), and done/undone round trips on three
 * papers of each that give the bytes back.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listJsonInProcess, runCliInProcess, SHARED, tempCopy } from './helpers.js';
import { describeIf } from './needs.js';

const WILD = join(SHARED, 'corpus-wild');
const MANIFEST = join(WILD, 'MANIFEST.tsv');
const present = existsSync(MANIFEST);

interface Row {
  file: string;
  kind: string;
  papers: number | null;
  read: number | null;
}

/** The manifest's rows, with counts from its papers/read columns, or from its notes ("197 tasks (115 read)"). */
function manifest(): Row[] {
  const [header, ...lines] = readFileSync(MANIFEST, 'utf8').trim().split('\n');
  const names = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const cell = (name: string) => cells[names.indexOf(name)] ?? '';
    const lead = (text: string) => (/^\s*(\d+)/.exec(text) ? Number(/^\s*(\d+)/.exec(text)![1]) : null);
    let papers = lead(cell('papers'));
    let read = lead(cell('read'));
    const noted = /(\d+) tasks \((\d+) (?:read|done)\)/.exec(cell('notes'));
    if (papers === null && noted) [papers, read] = [Number(noted[1]), Number(noted[2])];
    return { file: cell('file'), kind: cell('kind'), papers, read };
  });
}

describeIf({ ok: present, why: `${WILD} is absent (clone papers beside shared/ to run them)` })(
  'corpus-wild: real lists read with their hand counts',
  () => {
    const rows = present ? manifest() : [];
    const counted = rows.filter((row) => row.papers !== null);

    it('has hand counts for most files (the rest are read without a count to compare)', () => {
      expect(counted.length).toBeGreaterThanOrEqual(20);
    });

    for (const row of counted) {
      it(`${row.file}: ${row.papers} papers, ${row.read} read${row.kind === 'table' ? ' (table rows)' : ''}`, async () => {
        const all = await listJsonInProcess(join(WILD, row.file));
        const papers = row.kind === 'table' ? all.filter((paper) => paper.source === 'row') : all;
        expect({ papers: papers.length, read: papers.filter((paper) => paper.read).length }).toEqual({
          papers: row.papers,
          read: row.read,
        });
      });
    }

    for (const row of rows) {
      it(`${row.file}: done/undone on three papers give the bytes back`, async () => {
        const file = tempCopy(join(WILD, row.file));
        chmodSync(file, 0o644); // (the shared copies are read-only)
        const before = readFileSync(file);
        const papers = await listJsonInProcess(file);
        const picks = [
          ...new Set([papers[0], papers[Math.floor(papers.length / 2)], papers[papers.length - 1]]),
        ].filter((paper) => paper !== undefined);
        for (const paper of picks) {
          const back = paper.read ? 'done' : paper.reading ? 'reading' : 'undone';
          const away = paper.read ? 'undone' : 'done';
          const there = await runCliInProcess(['--file', file, away, String(paper.number)]);
          expect(there.status, there.stderr).toBe(0);
          expect(readFileSync(file).equals(before), `${away} ${paper.id} changed the file`).toBe(false);
          const again = await runCliInProcess(['--file', file, back, String(paper.number)]);
          expect(again.status, again.stderr).toBe(0);
          // The list says which marker a state takes while another of its papers is in it; the last one of
          // its state may come back as the marker paired with the list's other one (✅ -> ⬜ for a blank).
          const state = (p: (typeof papers)[number]) => (p.read ? 'read' : p.reading ? 'reading' : 'unread');
          const alone = !papers.some(
            (other) =>
              other !== paper &&
              other.source === paper.source &&
              other.area.join('/') === paper.area.join('/') &&
              state(other) === state(paper),
          );
          if (alone) {
            const strip = ({ line: _line, ...facts }: (typeof papers)[number]) => facts;
            expect((await listJsonInProcess(file)).map(strip)).toEqual(papers.map(strip));
            writeFileSync(file, before);
            continue;
          }
          expect(readFileSync(file, 'utf8'), `${away} then ${back} ${paper.id} (line ${paper.line})`).toBe(
            before.toString('utf8'),
          );
        }
      });
    }
  },
);
