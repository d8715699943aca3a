/**
 * An entry spliced from the previous text's entry (store/cache/splice-entry.ts) must be the very entry a
 * fresh parse and encodeEntry write for the new text, byte for byte; where it cannot show that, it must
 * decline (null) rather than guess. Edits: what add, rm, note and mv do, and an editor's changes (ids
 * that collide or free a shorter id, new headings, a line that turns a part into one the scanner declines).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentParts } from '../src/core/read/parse.js';
import { encodeEntry } from '../src/store/cache/encode.js';
import { spliceEntry } from '../src/store/cache/splice-entry.js';
import { fingerprintOf } from '../src/store/read.js';
import { realLists, runCliInProcess, tempDir, tempFile } from './helpers.js';

/** A fresh parse's entry, with an identity index (as a write that added papers stores it) or without. */
function entryOf(text: string, identity = false): Buffer[] {
  const { doc, parts } = parseDocumentParts(text);
  return encodeEntry(doc, parts, identity);
}

/**
 * The spliced entry of `after` from `before`'s (null when it declines); when not null, the fresh one's
 * bytes: from an entry without an identity index and from one with one (which it keeps).
 */
function splice(before: string, after: string): Buffer | null {
  let result: Buffer | null = null;
  for (const identity of [false, true]) {
    const [, facts, detail] = entryOf(before, identity);
    const spliced = spliceEntry(facts!, detail!, after);
    if (spliced === null) return null;
    const fresh = Buffer.concat(entryOf(after, identity));
    expect(Buffer.concat(spliced).equals(fresh), identity ? 'indexed' : 'not indexed').toBe(true);
    result ??= Buffer.concat(spliced);
  }
  return result;
}

/** A list in the bench's style: areas, sub-areas, task items with venues and links; titles repeat (ids collide). */
function list(areas: number, perArea: number, eol = '\n'): string {
  const lines = ['# Reading', ''];
  let n = 0;
  for (let a = 1; a <= areas; a++) {
    lines.push(`## Area ${a}`, '');
    for (let k = 0; k < perArea; k++, n++) {
      const title = n % 7 === 3 ? 'Tensor Graph Kernel: a study' : `Paper ${n}: on things`;
      const venue = n % 3 ? ` [OSDI'${10 + (n % 14)}]` : '';
      lines.push(`- [${n % 2 ? 'x' : ' '}] ${title}${venue}: [[Paper](https://x.org/${n}.pdf)]`);
    }
    lines.push('');
  }
  return lines.join(eol);
}

function insertAfterLine(text: string, needle: string, line: string): string {
  const at = text.indexOf(needle);
  const end = text.indexOf('\n', at) + 1;
  return text.slice(0, end) + line + text.slice(end);
}

describe('a spliced cache entry is the fresh entry, byte for byte', () => {
  const base = list(6, 12);

  it('add: a new item at the end of one area', () => {
    const after = insertAfterLine(
      base,
      'Paper 23:',
      "- [ ] Brand New Paper [SOSP'24]: [[Paper](https://x.org/new.pdf)]\n",
    );
    expect(splice(base, after)).not.toBeNull();
  });

  it('add where the new paper takes an id a later paper had (the later one moves on)', () => {
    // Paper 3 and 10 are both "Tensor Graph Kernel: a study" (ids tensor-graph-kernel, then a longer one):
    // a third one above both takes the short id, so every later one's id changes — declined or right.
    const after = insertAfterLine(base, '## Area 1', '\n- [ ] Tensor Graph Kernel: a study\n');
    splice(base, after);
  });

  it('rm: an item removed (its id freed for a later paper)', () => {
    const at = base.indexOf('- [x] Tensor Graph Kernel');
    const lineEnd = base.indexOf('\n', at) + 1;
    const after = base.slice(0, at) + base.slice(lineEnd);
    // The first "Tensor Graph Kernel" paper is gone: the next one takes its id, so this must decline or be exact.
    splice(base, after);
    // Removing a paper after which every paper holds its first id form (no repeated title follows) splices.
    const plain = base.indexOf('Paper 68:');
    const start = base.lastIndexOf('\n', plain) + 1;
    expect(splice(base, base.slice(0, start) + base.slice(base.indexOf('\n', plain) + 1))).not.toBeNull();
  });

  it('note and mv: text changed in one area, a paper moved between two', () => {
    expect(splice(base, base.replace('Paper 40: on things', 'Paper 40: on things, noted'))).not.toBeNull();
    const line = base.slice(
      base.lastIndexOf('\n', base.indexOf('Paper 14:')) + 1,
      base.indexOf('\n', base.indexOf('Paper 14:')) + 1,
    );
    const moved = insertAfterLine(base.replace(line, ''), 'Paper 60:', line);
    splice(base, moved);
  });

  it('a new area (a new heading, new parts) and a changed heading', () => {
    expect(splice(base, `${base}## Area 7\n\n- [ ] Fresh: one\n`)).not.toBeNull();
    splice(base, base.replace('## Area 2', '### Area 2'));
    splice(base, base.replace('# Reading', '# Reading\n\n# Second title'));
  });

  it('CRLF and a BOM', () => {
    const crlf = `\uFEFF${list(4, 9, '\r\n')}`;
    const after = crlf.replace('Paper 10: on things', 'Paper 10: on things again');
    expect(splice(crlf, after)).not.toBeNull();
  });

  it('declines a changed part the scanner does not read, or one left open', () => {
    expect(splice(base, base.replace('Paper 5: on things', 'Paper 5: on *things*'))).toBeNull();
    expect(splice(base, base.replace('## Area 3\n', '## Area 3\n\n```\n'))).toBeNull();
  });

  it('random edits of one to three lines: exact or declined', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const samples = [
      '- [ ] Tensor Graph Kernel: a study',
      "- [x] Paper 5: on things [OSDI'12]: [[Paper](https://x.org/5.pdf)]",
      '## Area 9',
      '### Sub',
      '',
      '- [ ] Paper 77: on things',
      '- [ ] New one: [[Code](https://x.org/c)]',
    ];
    let spliced = 0;
    for (let round = 0; round < 60; round++) {
      const lines = base.split('\n');
      for (let e = 0; e <= random(3); e++) {
        const at = random(lines.length);
        const kind = random(3);
        if (kind === 0) lines.splice(at, 1);
        else if (kind === 1) lines.splice(at, 0, samples[random(samples.length)]!);
        else lines[at] = samples[random(samples.length)]!;
      }
      if (splice(base, lines.join('\n')) !== null) spliced++;
    }
    expect(spliced).toBeGreaterThan(20);
  });
});

describe('real lists: an item added to the end of each area is exact or declined', () => {
  for (const file of realLists()) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const at = text.lastIndexOf('\n- [ ] ');
      if (at < 0) return;
      const after = insertAfterLine(
        text,
        text.slice(at + 1, at + 30),
        '- [ ] A Paper Added By The Test: [[Paper](https://x.org/t)]\n',
      );
      splice(text, after);
    });
  }
});

describe('through the CLI', () => {
  it('add, note and rm store the entry a fresh parse encodes, and list shows what a fresh parse shows', async () => {
    const cache = tempDir();
    const file = tempFile(list(6, 12), 'reading.md');
    const env = { XDG_CACHE_HOME: cache };
    const steps = [
      ['add', 'A Paper Added: here', '--area', 'Area 3', '--paper', 'https://x.org/added.pdf'],
      ['note', 'paper-40', 'https://x.org/notes/40'],
      ['rm', 'paper-68', '--yes'],
    ];
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    for (const step of steps) {
      const result = await runCliInProcess(['--file', file, ...step], { env });
      expect(result.status, result.stderr).toBe(0);
      const text = readFileSync(file, 'utf8');
      // The write stored the new text's entry (spliced: no parse), byte for byte a fresh parse's: with an
      // identity index from the add on (the add built it; the writes after keep it).
      const stored = readFileSync(join(cache, 'papers', `${fingerprintOf(text)}.entry`));
      expect(stored.equals(Buffer.concat(entryOf(text, true))), step[0]).toBe(true);
      const cached = await runCliInProcess(['--file', file, 'list', '--json'], { env });
      const fresh = await runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_NO_CACHE: '1' } });
      expect(cached.stdout, step[0]).toBe(fresh.stdout);
    }
  });

  it('with --json the new model is derived too (the papers changed), and the same entry stored', async () => {
    // (Without --json a write stores the new text's entry without decoding it: the test above.)
    const cache = tempDir();
    const file = tempFile(list(6, 12), 'reading.md');
    const env = { XDG_CACHE_HOME: cache };
    expect((await runCliInProcess(['--file', file, 'list'], { env })).status).toBe(0);
    const steps: [string[], string][] = [
      [['add', 'A Paper Added: here', '--area', 'Area 3', '--paper', 'https://x.org/added.pdf'], 'A Paper Added: here'],
      [['note', 'paper-40', 'https://x.org/notes/40'], 'Paper 40: on things'],
    ];
    for (const [step, title] of steps) {
      const result = await runCliInProcess(['--file', file, ...step, '--json'], { env });
      expect(result.status, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { papers: { title: string }[] }).papers.map((p) => p.title)).toEqual([
        title,
      ]);
      const text = readFileSync(file, 'utf8');
      const stored = readFileSync(join(cache, 'papers', `${fingerprintOf(text)}.entry`));
      expect(stored.equals(Buffer.concat(entryOf(text, true))), step[0]).toBe(true);
    }
  });
});
