/**
 * Seams (core/read/chunks.ts): a long section's list is read in parts of ~SEAM_LINES lines, joined by
 * their list. The model must be the one a whole-document remark parse gives (every path: parts, caches,
 * the file cache), seams that do not hold (an HTML block, a processing instruction) must leave the parts
 * joined, and the writes that ask which list a paper is in must see one list across its parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { SEAM_LINES, splitDocument } from '../src/core/read/chunks.js';
import { scanPart } from '../src/core/read/scan.js';
import { runCli, tempDir, tempFile } from './helpers.js';
import { expectSameModel } from './same-model.js';

/** `count` task items in one list, `mark(i)` in the box of item i (1-based), a note under every fourth. */
function items(count: number, options: { loose?: boolean; notes?: boolean; mark?: (i: number) => string } = {}) {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    lines.push(
      `- [${options.mark?.(i) ?? ' '}] Paper ${i}: A Study of Things[OSDI'2${i % 10}]: [[Paper](https://x.org/${i})]`,
    );
    if (options.notes && i % 4 === 0) lines.push(`  - a note on ${i}`);
    if (options.loose) lines.push('');
  }
  return lines;
}

const seamsOf = (text: string) => splitDocument(text).chunks.filter((chunk) => chunk.joins !== undefined);

describe('a long section is read in parts joined by their list', () => {
  it('tight and loose lists, with notes: seams, and the model of the whole', async () => {
    for (const options of [{}, { loose: true }, { notes: true }, { loose: true, notes: true }]) {
      const text = ['# Reading', '', '## Systems', '', ...items(300, options), '## Later', '', '- [ ] Last', ''].join(
        '\n',
      );
      const { chunks } = splitDocument(text);
      expect(seamsOf(text).length).toBeGreaterThanOrEqual(2);
      // Each part at a seam starts with a task item, the line it names is one.
      for (const chunk of seamsOf(text)) {
        expect(text.slice(chunk.start)).toMatch(/^- \[[ x]\] /);
        expect(text.split('\n')[chunk.joins! - 1]).toMatch(/^- \[[ x]\] /);
        expect(chunk.line).toBeGreaterThan(0);
      }
      // (With notes, seams come after them too: the lines before a seam, up to its item, are its notes.)
      if ('notes' in options)
        expect(
          seamsOf(text).some((chunk) => text.slice(0, chunk.start).trimEnd().split('\n').pop()!.startsWith('  - ')),
        ).toBe(true);
      expect(chunks.every((chunk) => scanPart(text.slice(chunk.start, chunk.end)) !== null)).toBe(true);
      await expectSameModel(text);
    }
  });

  it('a list whose bullet changes, or that is broken by text, is not joined across the change', async () => {
    const long = items(SEAM_LINES);
    const starred = items(40).map((line) => line.replace(/^-/, '*'));
    await expectSameModel(['## A', '', ...long, ...starred, ...long].join('\n'));
    await expectSameModel(['## A', '', ...long, '', 'Some text.', '', ...long].join('\n'));
    // (No seam where the bullet changes: the starred list is another list.)
    const text = ['## A', '', ...long, ...starred].join('\n');
    for (const chunk of seamsOf(text)) expect(text[chunk.start]).toBe(text.split('\n')[chunk.joins! - 1]![0]);
  });

  it('a seam inside an HTML block or a processing instruction does not hold: the parts are read as one', async () => {
    const long = items(SEAM_LINES - 4);
    for (const block of [['<div>'], ['<?php', ''], ['<!X', ''], ['<![CDATA[', '']]) {
      const closing =
        block[0] === '<div>' ? [''] : block[0] === '<?php' ? ['?>', ''] : block[0] === '<!X' ? ['>', ''] : [']]>', ''];
      const text = ['## A', '', ...long, ...block, ...items(30), ...closing, ...items(140)].join('\n');
      // The splitter does put a seam inside the `<div>` block (which only the parse can tell); one whose
      // end is a line of text (`?>`) has a part of text on each side of it, which are one part then.
      const inside = seamsOf(text).filter((chunk) => chunk.line < SEAM_LINES + 40);
      expect(inside.length).toBe(block[0] === '<div>' ? 1 : 0);
      await expectSameModel(text);
    }
  });

  // (helper-61's finding: a seam put one of two such lines in each part, and neither part read them.)
  it('paragraph lines marked as entries on both sides of a seam are read as the section reads them', async () => {
    const long = items(SEAM_LINES + 10);
    for (const text of [
      ['[✅] One', '', ...long, '', '[✅] Two', ''],
      ['## A', '', '[✅] One', '', ...long, '', 'Some text', '', ...long, '', '[ ] Two', ''],
      ['## A', '', ...long, '', '[✅] One', '', ...long, '', ...long, '', '[✅] Two', '', ...long],
    ].map((lines) => lines.join('\n'))) {
      await expectSameModel(text);
    }
    // (A section with one such part keeps its seams.)
    expect(seamsOf(['## A', '', 'Intro text.', '', ...long, ...long].join('\n')).length).toBeGreaterThan(0);
  });

  it('items in a fence or a comment make no seam', async () => {
    const long = items(SEAM_LINES);
    for (const [open, close] of [
      ['```', '```'],
      ['~~~~', '~~~~'],
      ['<!--', '-->'],
    ]) {
      const text = ['## A', '', ...long.slice(0, 100), open!, ...items(60), close!, ...items(100)].join('\n');
      for (const chunk of seamsOf(text)) expect(chunk.line).toBeGreaterThan(100 + 60 + 1);
      await expectSameModel(text);
    }
  });

  const line = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 999 }).map((n) => `- [${n % 3 ? ' ' : 'x'}] Paper ${n}`), weight: 30 },
    { arbitrary: fc.integer({ min: 1, max: 99 }).map((n) => `* [ ] Star ${n}`), weight: 1 },
    { arbitrary: fc.constant(''), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        '  - note',
        '    - deeper note',
        'lazy text',
        '<div>',
        '<?php',
        '?>',
        '```',
        '<!--',
        '-->',
        '| a | b |',
        '|---|---|',
        '> quote',
        '1. one',
        '---',
        '- plain item',
        '- [ ]',
        '    code',
        '[l]: https://x.org',
        '- [x] Paper [l]',
      ),
      weight: 3,
    },
  );
  it('random long lists: read as remark reads them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: SEAM_LINES + 10, maxLength: 3 * SEAM_LINES }),
        fc.constantFrom('\n', '\r\n'),
        async (lines, eol) => {
          await expectSameModel(['## A', '', ...lines].join(eol));
        },
      ),
      {
        numRuns: propertyRuns(15),
        ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
      },
    );
  });
});

describe('writes see one list across its parts', () => {
  // The long list checks its boxes with `X` (its first ten), the file's other list with `x` (more of
  // them): a box checked far down the long list takes the list's `X`, which only a list read as one has.
  const text = [
    '# Reading',
    '',
    '## Old',
    '',
    ...Array.from({ length: 20 }, (_, i) => `- [x] Old ${i + 1}`),
    '',
    '## Long',
    '',
    // (Notes are lists too: the long list is not the last one opened before a seam.)
    ...items(300, { loose: true, notes: true, mark: (i) => (i <= 10 ? 'X' : ' ') }),
  ].join('\n');

  it('done far down the list writes the list own mark, cached or not, and changes one line', () => {
    expect(seamsOf(text).length).toBeGreaterThanOrEqual(2);
    for (const warm of [false, true]) {
      const file = tempFile(text);
      if (warm) expect(runCli(['list', '--file', file]).status).toBe(0);
      const done = runCli(['done', 'paper-280', '--file', file]);
      expect(done.stderr).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(text.replace('- [ ] Paper 280:', '- [X] Paper 280:'));
    }
  });

  it('add to the long area, rm across a seam: the same bytes and the same list after, warm and cold', () => {
    const file = tempFile(text);
    expect(runCli(['list', '--file', file]).status).toBe(0);
    const added = runCli(['add', 'A New Paper', '--area', 'Long', '--file', file]);
    expect(added.stderr).toBe('');
    // Appended after the list's last item, a blank line between (the list is loose).
    const withAdded = readFileSync(file, 'utf8');
    expect(withAdded.startsWith(text.trimEnd())).toBe(true);
    expect(withAdded.slice(text.trimEnd().length)).toMatch(/^\n\n- \[ \] A New Paper\n?$/);
    // The item each side of the first seam, removed.
    const seam = seamsOf(withAdded)[0]!;
    const before = withAdded.split('\n')[seam.joins! - 1]!;
    const after = withAdded.slice(seam.start).split('\n')[0]!;
    for (const line of [after, before]) {
      const id = /Paper (\d+)/.exec(line)![1];
      const current = readFileSync(file, 'utf8');
      const removed = runCli(['rm', `paper-${id}`, '--yes', '--file', file]);
      expect(removed.stderr).toBe('');
      const item = new RegExp(`${line.replace(/[[\]().*+?^$|\\]/g, '\\$&')}\n(?:  - .*\n)?\n`);
      expect(current).toMatch(item);
      expect(readFileSync(file, 'utf8')).toBe(current.replace(item, ''));
    }
    // One more inside a part (its entry spliced: the parts after it copied, their list moved), then a box
    // checked far down on the entry the writes left: the list's own `X`.
    expect(runCli(['rm', 'paper-150', '--yes', '--file', file]).stderr).toBe('');
    const last = readFileSync(file, 'utf8');
    expect(last).not.toContain('Paper 150:');
    expect(runCli(['done', 'paper-295', '--file', file]).stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(last.replace('- [ ] Paper 295:', '- [X] Paper 295:'));
    // The entry the writes left (spliced) says what a parse of the text from scratch says.
    const warm = runCli(['list', '--json', '--file', file]);
    const cold = runCli(['list', '--json', '--file', file], { env: { XDG_CACHE_HOME: join(tempDir(), 'cache') } });
    expect(warm.stdout).toBe(cold.stdout);
    expect(JSON.parse(warm.stdout).length).toBe(20 + 300 + 1 - 3);
    expect(JSON.parse(warm.stdout).filter((paper: { read: boolean }) => paper.read).length).toBe(20 + 10 + 1);
  });
});
