/**
 * Properties of the editing operations on generated lists (in-process, no CLI): random areas and
 * sub-areas, 0-8 papers each, `-` `*` `+` `1.` bullets, tight or loose, LF or CRLF, a BOM or not, a final
 * newline or not, read marks `x`/`X`, venues in three styles, links in four, sub-bullets, and titles full
 * of markdown-significant characters and unicode (written raw or escaped).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { applyEdits } from '../src/core/write/splice.js';
import { AmbiguousError, InvalidInputError } from '../src/core/model/errors.js';
import type { Change } from '../src/core/write/change.js';
import { escapeInline, formatDestination } from '../src/core/write/markdown-escape.js';
import type { ListDocument, Paper } from '../src/core/model/paper.js';
import { addPaper } from '../src/core/write/add.js';
import { attachLink, movePaper, removePaper, setState } from '../src/core/write/operations.js';
import { parseDocument } from '../src/core/read/parse.js';
import { formatAreaPath } from '../src/core/query/query.js';
import { lineStart } from '../src/core/model/text.js';
import { cleanTitle, cleanUrl, cleanVenue } from '../src/core/write/validate.js';

const setRead = (doc: Parameters<typeof setState>[0], paper: Parameters<typeof setState>[1], read: boolean) =>
  setState(doc, paper, read ? 'read' : 'unread');

// 120 runs each in `npm test` (a new seed every run, so the hunt goes on across runs); PROPERTY_RUNS=2000 for a
// longer hunt; PROPERTY_SEED to replay a failure.
const RUNS = {
  numRuns: propertyRuns(120),
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
};
// A net for a hang, not a speed limit: these are CPU-bound, and a busy machine runs them several times slower.
const TIMEOUT = Math.max(300_000, RUNS.numRuns * 1500);

// ---------------------------------------------------------------------------------------------
// Generators

const SPECIAL = [
  '[',
  ']',
  '*',
  '_',
  '`',
  '<',
  '|',
  '\\',
  ':',
  '(',
  ')',
  "'",
  '-',
  '#',
  '&',
  '!',
  '~',
  '.',
  ',',
  '"',
  '$',
];
const UNICODE = ['é', 'ü', 'ß', 'Ж', '中', '文', 'ñ', 'ø', '🚀', '∑', 'λ', '\u00a0', '–', '：'];
const WORDS = [
  'Attention',
  'GPU',
  'Deep',
  'Learning',
  'of',
  'a',
  'OSDI',
  "'22",
  '2020',
  'Paper',
  'x',
  'Note',
  'RL',
  'v2',
  'LLM',
  'https',
  'www',
];

/** A title: words, spaces, markdown-significant characters and unicode, at least one letter. */
const titleArb = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
      fc.constantFrom(...SPECIAL),
      fc.constantFrom(...UNICODE),
      fc.constant(' '),
    ),
    {
      minLength: 1,
      maxLength: 14,
    },
  )
  .map((parts) => parts.join(''))
  .filter((title) => /\p{L}/u.test(title));

const venueArb = fc.oneof(
  fc.constantFrom(
    "OSDI'22",
    "USENIX ATC'22",
    'ICML 2020',
    "NeurIPS '17",
    'ICLR2018',
    "EuroSys'21",
    "SOSP'19",
    'MLSys 2023',
  ),
  fc
    .tuple(fc.stringMatching(/^[A-Z][A-Za-z]{1,6}$/), fc.constantFrom("'", ' ', ''), fc.integer({ min: 0, max: 59 }))
    .map(([name, sep, year]) => `${name}${sep}${sep === '' ? 2000 + year : String(year).padStart(2, '0')}`),
);

const urlArb = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://arxiv.org/abs/2207.04606',
    'https://example.org/a_(b)',
    'http://x.org/p*q_r',
    'https://www.usenix.org/system/files/osdi22-zhu.pdf',
  ),
);

const LABELS = ['Paper', 'Note', 'Code', 'Slides', 'Video'];

const areaNameArb = fc
  .array(
    fc.constantFrom(
      'Systems',
      'OS',
      'MLSys',
      'Compilers',
      'Training',
      'Graph',
      'Systèmes',
      '中文',
      'Q&A',
      'C++',
      'Reading',
      'Misc',
      'Vision',
    ),
    {
      minLength: 1,
      maxLength: 2,
    },
  )
  .map((words) => words.join(' '));

/** A new area's name may hold markup characters too (it goes through escaping). */
const newAreaNameArb = fc.oneof(
  areaNameArb.map((name) => `${name} New`),
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('Serving', 'Data', 'Ünïcode', 'RL') },
        fc.constantFrom('*', '_', '[', ']', '`', '<', '#', '&', '!', ':', '(', ')', '|', '\\'),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((parts) => parts.join(' '))
    .filter((name) => /\p{L}/u.test(name)),
);

interface GenPaper {
  title: string;
  raw: boolean;
  venue: string | null;
  read: boolean;
  mark: 'x' | 'X';
  links: { label: string; url: string }[];
  subs: number;
}

/** What stands around an area's list: a paragraph before it, a paragraph or a code block after it, a blockquote. */
interface Surroundings {
  intro: boolean;
  outro: 'none' | 'para' | 'code';
  quote: boolean;
}

interface GenSection {
  name: string;
  papers: GenPaper[];
  around: Surroundings;
}

interface GenArea extends GenSection {
  bullet: '-' | '*' | '+' | '1.' | '1)' | 'count';
  subAreas: GenSection[];
}

interface GenDoc {
  docTitle: boolean;
  areas: GenArea[];
  eol: '\n' | '\r\n';
  bom: boolean;
  final: boolean;
  loose: boolean;
  venueStyle: 'seed' | 'iclr' | 'neurips';
  linkStyle: 'seed' | 'iclr' | 'neurips' | 'plain';
  blankAfterHeading: boolean;
}

const paperArb: fc.Arbitrary<GenPaper> = fc.record({
  title: titleArb,
  raw: fc.boolean(),
  venue: fc.option(venueArb, { nil: null }),
  read: fc.boolean(),
  mark: fc.constantFrom<'x' | 'X'>('x', 'x', 'X'),
  links: fc.uniqueArray(fc.record({ label: fc.constantFrom(...LABELS), url: urlArb }), {
    maxLength: 3,
    selector: (link) => link.label,
  }),
  subs: fc.constantFrom(0, 0, 0, 1, 2),
});

const papersArb = fc.array(paperArb, { maxLength: 8 });

const aroundArb: fc.Arbitrary<Surroundings> = fc.record({
  intro: fc.boolean(),
  outro: fc.constantFrom<Surroundings['outro']>('none', 'none', 'para', 'code'),
  quote: fc.constantFrom(false, false, false, true),
});

const docArb: fc.Arbitrary<GenDoc> = fc
  .record({
    docTitle: fc.boolean(),
    areas: fc.uniqueArray(
      fc.record({
        name: areaNameArb,
        papers: papersArb,
        around: aroundArb,
        bullet: fc.constantFrom<GenArea['bullet']>('-', '-', '*', '+', '1.', '1)', 'count'),
        subAreas: fc.uniqueArray(fc.record({ name: areaNameArb, papers: papersArb, around: aroundArb }), {
          maxLength: 1,
          selector: (area) => area.name.toLowerCase(),
        }),
      }),
      { minLength: 1, maxLength: 3, selector: (area) => area.name.toLowerCase() },
    ),
    eol: fc.constantFrom<GenDoc['eol']>('\n', '\r\n'),
    bom: fc.boolean(),
    final: fc.boolean(),
    loose: fc.boolean(),
    venueStyle: fc.constantFrom<GenDoc['venueStyle']>('seed', 'iclr', 'neurips'),
    linkStyle: fc.constantFrom<GenDoc['linkStyle']>('seed', 'iclr', 'neurips', 'plain'),
    blankAfterHeading: fc.boolean(),
  })
  // Area names are unique in the whole file, so that a name alone finds one area.
  .filter((doc) => {
    const names = doc.areas
      .flatMap((area) => [area.name, ...area.subAreas.map((sub) => sub.name)])
      .map((name) => name.toLowerCase());
    return new Set(names).size === names.length;
  });

function renderLinkOf(style: GenDoc['linkStyle'], link: { label: string; url: string }): string {
  const url = formatDestination(link.url);
  switch (style) {
    case 'seed':
      return `[[${link.label}](${url})]`;
    case 'iclr':
      return `[[${link.label.toLowerCase()}]](${url})`;
    case 'neurips':
      return `**\\[**[**${link.label}**](${url})**]**`;
    case 'plain':
      return `[${link.label}](${url})`;
  }
}

function renderBody(doc: GenDoc, paper: GenPaper): string {
  const title = paper.raw ? paper.title : escapeInline(paper.title);
  const links = paper.links.map((link) => renderLinkOf(doc.linkStyle, link)).join(' ');
  let body: string;
  if (!paper.venue) body = title;
  else if (doc.venueStyle === 'seed') body = `${title}[${paper.venue}]`;
  else if (doc.venueStyle === 'iclr') body = `[${paper.venue}] ${title}`;
  else body = `${title} (_${paper.venue}_)`;
  if (!links) return body;
  return doc.venueStyle === 'seed' ? `${body}: ${links}` : `${body} ${links}`;
}

function renderList(doc: GenDoc, bullet: GenArea['bullet'], papers: GenPaper[]): string[] {
  const lines: string[] = [];
  papers.forEach((paper, i) => {
    if (i > 0 && doc.loose) lines.push('');
    const marker = bullet === 'count' ? `${i + 1}.` : bullet;
    lines.push(`${marker} [${paper.read ? paper.mark : ' '}] ${renderBody(doc, paper)}`);
    const indent = ' '.repeat(marker.length + 1);
    for (let k = 0; k < paper.subs; k++) lines.push(`${indent}- sub-note ${k + 1} of ${paper.title.length}`);
  });
  return lines;
}

function renderDoc(doc: GenDoc): string {
  const lines: string[] = [];
  if (doc.docTitle) lines.push('# Reading list', '');
  const section = (heading: string, bullet: GenArea['bullet'], { papers, around }: GenSection) => {
    lines.push(heading);
    if (doc.blankAfterHeading || papers.length === 0) lines.push('');
    if (around.intro) lines.push('Papers to read, most urgent first:', ...(doc.blankAfterHeading ? [''] : []));
    if (papers.length) {
      const list = renderList(doc, bullet, papers);
      lines.push(...(around.quote ? list.map((line) => (line === '' ? '>' : `> ${line}`)) : list), '');
    }
    if (around.outro === 'para') lines.push('Read the ones above first.', '');
    if (around.outro === 'code') lines.push('```md', '- [ ] Not a paper: an example in a code block', '```', '');
  };
  for (const area of doc.areas) {
    section(`## ${area.name}`, area.bullet, area);
    for (const sub of area.subAreas) section(`### ${sub.name}`, area.bullet, sub);
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return (doc.bom ? '\uFEFF' : '') + lines.join(doc.eol) + (doc.final ? doc.eol : '');
}

/** A generated list and its parse; `pick` chooses among its papers and areas. */
const listArb = fc.tuple(docArb, fc.nat(), fc.nat()).map(([gen, pick, pick2]) => {
  const text = renderDoc(gen);
  return { gen, text, doc: parseDocument(text), pick, pick2 };
});

// ---------------------------------------------------------------------------------------------
// Helpers

function areaPaths(doc: ListDocument): string[][] {
  return doc.headings.filter((heading) => !heading.isDocumentTitle).map((heading) => heading.path);
}

/** What a paper is, apart from where it is. */
function facts(paper: Paper) {
  return {
    title: paper.title,
    venue: paper.venue,
    read: paper.read,
    links: paper.links.map((link) => ({ label: link.label, url: link.url })),
  };
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

function endsWithPath(area: string[], path: string[]): boolean {
  return area.length >= path.length && path.every((part, i) => sameName(area[area.length - path.length + i]!, part));
}

/** `newText` is `oldText` with one contiguous piece inserted: that piece and where, else null. */
function insertionOf(oldText: string, newText: string): { at: number; text: string } | null {
  if (newText.length < oldText.length) return null;
  let prefix = 0;
  while (prefix < oldText.length && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < oldText.length - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  )
    suffix++;
  if (prefix + suffix !== oldText.length) return null;
  return { at: prefix, text: newText.slice(prefix, newText.length - suffix) };
}

/**
 * The item's lines without indentation and quote markers, to compare an item before and after a move
 * (without the blank `>` line that the parser's span of a quoted loose item takes in).
 */
function itemLines(doc: ListDocument, paper: Paper): string[] {
  const lines = doc.text
    .slice(paper.checkbox.start - 1, paper.span.end)
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s>]*/, ''));
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function show(text: string): string {
  return JSON.stringify(text);
}

// ---------------------------------------------------------------------------------------------
// Properties

describe('properties of the edits', () => {
  it(
    'the generated lists parse into the papers they were written with',
    () => {
      fc.assert(
        fc.property(listArb, ({ gen, doc }) => {
          const count = gen.areas.reduce(
            (n, area) => n + area.papers.length + area.subAreas.reduce((m, sub) => m + sub.papers.length, 0),
            0,
          );
          expect(doc.papers).toHaveLength(count);
        }),
        { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 4) },
      );
    },
    TIMEOUT,
  );

  it(
    '(a) done then undone (or undone then done) gives the text back; each changes one character',
    () => {
      fc.assert(
        fc.property(listArb, ({ text, doc, pick }) => {
          fc.pre(doc.papers.length > 0);
          const index = pick % doc.papers.length;
          const paper = doc.papers[index]!;
          const first = setRead(doc, paper, !paper.read);
          const once = applyEdits(text, first.edits);
          expect(once.length).toBe(text.length);
          const units = Array.from({ length: text.length }, (_, i) => i).filter((i) => text[i] !== once[i]);
          expect(units).toEqual([paper.checkbox.start]);

          const doc1 = parseDocument(once);
          expect(doc1.papers).toHaveLength(doc.papers.length);
          const flipped = doc1.papers[index]!;
          expect(flipped.read).toBe(!paper.read);
          expect({ ...facts(flipped), read: paper.read }).toEqual(facts(paper));

          const back = applyEdits(once, setRead(doc1, flipped, paper.read).edits);
          if (!paper.read) {
            expect(back).toBe(text);
          } else {
            // A read paper gets its mark back: byte for byte when the file's other read papers all write it
            // that way (with no other read paper, or a mix of `x` and `X`, it may come back as the other one).
            expect(back.slice(0, paper.checkbox.start) + back.slice(paper.checkbox.end)).toBe(
              text.slice(0, paper.checkbox.start) + text.slice(paper.checkbox.end),
            );
            expect(['x', 'X']).toContain(back[paper.checkbox.start]);
            const marks = doc.papers.filter((p) => p.read).map((p) => text[p.checkbox.start]);
            if (marks.length >= 2 && new Set(marks).size === 1) expect(back).toBe(text);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    '(b) add only inserts, reads back as asked, and rm gives the text back',
    () => {
      const request = fc.record({
        title: titleArb,
        venue: fc.option(venueArb, { nil: null }),
        paperUrl: fc.option(urlArb, { nil: null }),
        noteUrl: fc.option(urlArb, { nil: null }),
        read: fc.boolean(),
        newArea: fc.option(newAreaNameArb, { nil: null }),
        underParent: fc.boolean(),
        fullPath: fc.boolean(),
      });
      fc.assert(
        fc.property(listArb, request, ({ text, doc, pick }, req) => {
          let title: string;
          try {
            title = cleanTitle(req.title);
          } catch {
            return fc.pre(false);
          }
          const venue = req.venue === null ? null : cleanVenue(req.venue);
          const links = [
            ...(req.paperUrl === null ? [] : [{ label: 'Paper', url: cleanUrl(req.paperUrl) }]),
            ...(req.noteUrl === null ? [] : [{ label: 'Note', url: cleanUrl(req.noteUrl) }]),
          ];
          const existing = areaPaths(doc);
          let path: string[];
          if (req.newArea === null || (req.underParent && existing.length === 0)) {
            fc.pre(existing.length > 0);
            const chosen = existing[pick % existing.length]!;
            path = req.fullPath ? chosen : chosen.slice(-1);
          } else {
            fc.pre(!existing.some((area) => area.some((name) => sameName(name, req.newArea!.trim()))));
            const parent = req.underParent ? existing[pick % existing.length]! : [];
            path = [...parent, req.newArea];
          }
          const newArea = req.newArea !== null && !(req.underParent && existing.length === 0);

          const change = addPaper(
            doc,
            { area: formatAreaPath(path), paper: { title, venue, links, read: req.read } },
            parseDocument,
          );
          expect(change.edits.every((edit) => edit.start === edit.end)).toBe(true);
          const after = applyEdits(text, change.edits);
          const inserted = insertionOf(text, after);
          expect(inserted, `not one insertion:\n${show(text)}\n${show(after)}`).not.toBeNull();

          const doc2 = parseDocument(after);
          expect(doc2.papers, show(after)).toHaveLength(doc.papers.length + 1);
          const added = doc2.papers.filter(
            (paper) => paper.span.start >= inserted!.at && paper.span.end <= inserted!.at + inserted!.text.length,
          );
          expect(added, show(after)).toHaveLength(1);
          const paper = added[0]!;
          // Labels follow the case the file writes them in (`[[paper]]`); everything else is as asked.
          const got = facts(paper);
          expect(
            { ...got, links: got.links.map((link) => ({ ...link, label: link.label.toLowerCase() })) },
            show(after),
          ).toEqual({
            title,
            venue,
            read: req.read,
            links: links.map((link) => ({ ...link, label: link.label.toLowerCase() })),
          });
          expect(endsWithPath(paper.area, path), `${JSON.stringify(paper.area)} for ${JSON.stringify(path)}`).toBe(
            true,
          );
          // Every other paper is still what it was, where it was.
          const others = doc2.papers.filter((other) => other !== paper);
          expect(others.map((other) => ({ ...facts(other), area: other.area }))).toEqual(
            doc.papers.map((other) => ({ ...facts(other), area: other.area })),
          );

          const back = applyEdits(after, removePaper(doc2, paper).edits);
          if (!newArea) {
            expect(back).toBe(text);
          } else {
            // The new headings stay; nothing else.
            const left = insertionOf(text, back);
            expect(left).not.toBeNull();
            expect(left!.text.split(/\r?\n/).every((line) => line === '' || line.startsWith('#'))).toBe(true);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    '(c) note changes only the lines of its paper',
    () => {
      fc.assert(
        // (a label no list item uses, `Zz`, may be refused where no form of it reads back as a link)
        fc.property(listArb, fc.constantFrom(...LABELS, 'Zz'), urlArb, ({ text, doc, pick }, label, rawUrl) => {
          fc.pre(doc.papers.length > 0);
          const url = cleanUrl(rawUrl);
          const index = pick % doc.papers.length;
          const paper = doc.papers[index]!;
          let change: Change;
          try {
            change = attachLink(doc, paper, label, url, parseDocument);
          } catch (error) {
            if (label === 'Zz' && error instanceof InvalidInputError) return;
            throw error;
          }
          const after = applyEdits(text, change.edits);
          const from = lineStart(text, paper.span.start);
          expect(after.slice(0, from)).toBe(text.slice(0, from));
          expect(after.endsWith(text.slice(paper.span.end))).toBe(true);

          const doc2 = parseDocument(after);
          expect(doc2.papers).toHaveLength(doc.papers.length);
          const noted = doc2.papers[index]!;
          const before = facts(paper);
          const now = facts(noted);
          expect(
            { title: now.title, venue: now.venue, read: now.read },
            show(after.slice(from, after.length - (text.length - paper.span.end))),
          ).toEqual({
            title: before.title,
            venue: before.venue,
            read: before.read,
          });
          const replaced = before.links.findIndex((link) => link.label.toLowerCase() === label.toLowerCase());
          const expected =
            replaced >= 0
              ? before.links.map((link, i) => (i === replaced ? { ...link, url } : link))
              : [...before.links, { label, url }];
          expect(now.links.map((link) => ({ label: link.label.toLowerCase(), url: link.url }))).toEqual(
            expected.map((link) => ({ label: link.label.toLowerCase(), url: link.url })),
          );
          doc2.papers.forEach((other, i) => {
            if (i !== index) expect(facts(other)).toEqual(facts(doc.papers[i]!));
          });
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    '(d) mv puts the paper, unchanged, in the new area and leaves the others as they were',
    () => {
      fc.assert(
        fc.property(
          listArb,
          fc.option(newAreaNameArb, { nil: null }),
          fc.boolean(),
          ({ text, doc, pick, pick2 }, newName, fullPath) => {
            fc.pre(doc.papers.length > 0);
            const index = pick % doc.papers.length;
            const paper = doc.papers[index]!;
            const existing = areaPaths(doc);
            let path: string[];
            if (newName === null) {
              const chosen = existing[pick2 % existing.length]!;
              path = fullPath ? chosen : chosen.slice(-1);
            } else {
              fc.pre(!existing.some((area) => area.some((name) => sameName(name, newName.trim()))));
              path = fullPath ? [...existing[pick2 % existing.length]!, newName] : [newName];
            }
            let change;
            try {
              change = movePaper(doc, paper, formatAreaPath(path));
            } catch (error) {
              if (error instanceof AmbiguousError) return fc.pre(false);
              throw error;
            }
            fc.pre(change.edits.length > 0); // already there
            const after = applyEdits(text, change.edits);
            const doc2 = parseDocument(after);
            expect(doc2.papers, show(after)).toHaveLength(doc.papers.length);

            const others = doc.papers.filter((other) => other !== paper);
            const moved = doc2.papers.filter((candidate) => endsWithPath(candidate.area, path));
            const found = moved.filter(
              (candidate) => JSON.stringify(facts(candidate)) === JSON.stringify(facts(paper)),
            );
            expect(found.length, `${show(text)}\n->\n${show(after)}`).toBeGreaterThanOrEqual(1);
            const landed = found[found.length - 1]!;
            expect(itemLines(doc2, landed)).toEqual(itemLines(doc, paper));

            const rest = doc2.papers.filter((candidate) => candidate !== landed);
            expect(
              rest.map((other) => ({ ...facts(other), area: other.area })),
              show(after),
            ).toEqual(others.map((other) => ({ ...facts(other), area: other.area })));
          },
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
