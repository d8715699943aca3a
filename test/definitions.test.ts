/**
 * A document with link reference or footnote definitions is split into parts like any other (#25), each
 * part parsed with the definitions it may refer to (chunks.ts splitDocument and partText): its model must
 * be exactly the one a parse of the whole document gives, through every path that parses or keeps a part
 * (the parse, the lazy parse, a part cache, the file cache's entries and their re-use, and the check of a
 * cached model before a write, verify.ts). Documents whose definitions are not all plain stay one part.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { splitDocument } from '../src/core/read/chunks.js';
import type { ListDocument } from '../src/core/model/paper.js';
import { parseDocument, parseDocumentParts } from '../src/core/read/parse.js';
import { ParseBudget } from '../src/store/parse-budget.js';
import { fingerprintOf, type StoredText } from '../src/store/read.js';
import { modelHoldsWhereEdited } from '../src/store/verify.js';
import { expectSameModel as expectSameModelEverywhere } from './same-model.js';

const RUNS = { numRuns: propertyRuns(150) };
const TIMEOUT = Math.max(300_000, RUNS.numRuns * 2000);

/** What the model says of each paper: titles, links' urls and labels, venues, states and every span. */
function papersOf(doc: ListDocument) {
  return doc.papers.map((paper) => ({
    title: paper.title,
    venue: paper.venue,
    year: paper.year,
    read: paper.read,
    reading: paper.reading,
    links: paper.links.map((link) => [link.url, link.label, link.span, link.urlSpan, link.labelSpan]),
    spans: [paper.span, paper.checkbox, paper.body, paper.titleSpan, paper.venueSpan],
    line: paper.line,
    area: paper.area,
  }));
}

/** Every path that reads a part gives the model of one whole-document parse (papers first: a clearer diff). */
async function expectSameModel(text: string): Promise<void> {
  const reference = parseDocument(text, { reference: true });
  expect(papersOf(parseDocumentParts(text).doc)).toEqual(papersOf(reference));
  await expectSameModelEverywhere(text, reference);
}

function partsOf(text: string): number {
  return splitDocument(text).chunks.length;
}

/** References in one part, definitions in others (before and after), footnotes, an image reference. */
const SPLIT =
  '# Reading\n\n[early]: https://x.org/early "Early"\n\n' +
  "## Systems\n\n- [ ] Fast Things [[Paper][p]] [OSDI'20]\n- [x] Slow Things[^1] (SOSP 2019) [code]\n" +
  '- [ ] [Early][] and ![Book] Title\n- [ ] Labels fold: [BIG   label] [x](https://x.org/inline)\n\n' +
  '## Theory\n\n> - [ ] Quoted [big\n>   LABEL] item\n- [ ] [Unknown] stays text [early]\n\n' +
  '## References\n\n[p]: https://x.org/p.pdf\n[code]: <https://x.org/c d>\n[Big label]: https://x.org/big\n' +
  '[Book]: https://img.shields.io/static/v1?label=&message=Book\n\n[^1]: The note, with a [link](https://x.org/n).\n';

describe('a document with plain definitions is split, and each part reads them', () => {
  it('references to definitions in other parts, before and after', async () => {
    expect(partsOf(SPLIT)).toBe(4);
    await expectSameModel(SPLIT);
    const doc = parseDocument(SPLIT);
    const urls = doc.papers.map((paper) => paper.links.map((link) => link.url));
    expect(urls[0]).toContain('https://x.org/p.pdf');
    expect(urls[1]).toContain('https://x.org/c d');
    expect(urls[2]).toContain('https://x.org/early');
    expect(urls[3]).toContain('https://x.org/big');
    expect(doc.papers[0]!.venue).toBe("OSDI'20");
    expect(doc.papers[1]!.read).toBe(true);
  });

  it('a label with an escaped bracket (`[a\\]b]: url`): the model of the whole, its link read (from a review)', async () => {
    const text =
      '# List\n\n## A\n\n- [ ] Alpha Paper [Paper][a\\]b]\n- [ ] Beta Paper [Paper][c]\n\n' +
      '## B\n\n[a\\]b]: https://x.org/alpha.pdf\n\n[c]: https://x.org/beta.pdf\n';
    await expectSameModel(text);
    expect(parseDocument(text).papers.map((paper) => paper.links.map((link) => link.url))).toEqual([
      ['https://x.org/alpha.pdf'],
      ['https://x.org/beta.pdf'],
    ]);
  });

  it('crlf, a BOM and definitions first', () =>
    expectSameModel(
      `\uFEFF[p]: https://x.org/p\r\n\r\n## A\r\n\r\n- [ ] T [[Paper][p]]\r\n\r\n## B\r\n\r\n- [ ] U [p]\r\n`,
    ));

  // Found by the property below: the last part ends in a fence that runs to the end of the document, which
  // would swallow definitions put after its text.
  it('the last part ends inside a fence or an HTML block', async () => {
    for (const end of ['~~~', '```x', '<!--', '<pre>'])
      await expectSameModel(
        `## A\n\n[p]: https://x.org/p\n\n## B\n\n- [ ] [P][]Title [x][p]\n\n${end}\n\n## C\n\n- [ ] in code [p]\n`,
      );
  });

  it('no headings: one part, read with its own definitions only', async () => {
    const text = '- [ ] T [[Paper][p]]\n\n[p]: https://x.org/p\n';
    expect(splitDocument(text).chunks.length).toBe(1);
    await expectSameModel(text);
  });

  // Not plain: the document is one part, as before.
  const whole: Record<string, string> = {
    'a duplicate label (case folded)': '## A\n\n- [ ] T [p]\n\n[p]: https://x.org/1\n\n## B\n\n[P]: https://x.org/2\n',
    'a definition over two lines': '## A\n\n- [ ] T [p]\n\n## B\n\n[p]:\nhttps://x.org/2\n',
    'a title on the next line': '## A\n\n- [ ] T [p]\n\n## B\n\n[p]: https://x.org/2\n"Title"\n',
    'a definition right after text (it continues it)':
      '## A\n\n- [ ] T [p]\n\n## B\n\nsome text\n[p]: https://x.org/2\n',
    'a link definition after a footnote (its lazy text)':
      '## A\n\n- [ ] T [p][^1]\n\n## B\n\n[^1]: note\n[p]: https://x.org/2\n',
    'a definition in a block quote': '## A\n\n- [ ] T [p]\n\n## B\n\n> [p]: https://x.org/2\n',
    'a definition-like line in a fence': '## A\n\n- [ ] T [p]\n\n## B\n\n```\n[p]: https://x.org/2\n```\n',
    'an indented definition': '## A\n\n- [ ] T [p]\n\n## B\n\n   [p]: https://x.org/2\n',
    'a processing instruction that could hold one': '## A\n\n- [ ] T [p]\n\n<?x\n\n[p]: https://x.org/2\n?>\n\n## B\n',
  };
  for (const [name, text] of Object.entries(whole))
    it(name, async () => {
      expect(partsOf(text)).toBe(1);
      await expectSameModel(text);
    });
});

describe('generated documents with definitions', () => {
  const item = fc
    .tuple(
      fc.constantFrom('- [ ] ', '- [x] ', '* [ ] ', '> - [ ] ', '1. [ ] '),
      fc.array(
        fc.constantFrom(
          'Title',
          ' ',
          '[[Paper][p]]',
          '[p]',
          '[P][]',
          '[code]',
          '[Big  Label]',
          '![Book]',
          '[^1]',
          '[^a]',
          '[x](https://x.org/q)',
          "[OSDI'20]",
          ' (ICML 2020)',
          '[nope]',
          '[',
          ']',
        ),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .map(([bullet, words]) => bullet + words.join(''));
  const definition = fc.constantFrom(
    '[p]: https://x.org/p',
    '[Paper]: https://x.org/paper "T"',
    '[big label]: <https://x.org/b l>',
    '[code]: https://x.org/code',
    '[Book]: https://img.shields.io/static/v1?label=&message=Book',
    '[^1]: A note',
    '[^a]: Another [link](https://x.org/n)',
  );
  /** Lines that make the definitions not plain (the document is one part then), drawn now and then. */
  const odd = fc.constantFrom(
    '[P]: https://x.org/duplicate',
    '[p]:\nhttps://x.org/multi-line',
    '[code]: https://x.org/c\n"title on the next line"',
    'text\n[p]: https://x.org/lazy',
    '> [big label]: https://x.org/quoted',
    '```\n[p]: https://x.org/in-code\n```',
  );
  const block = fc.oneof(
    { weight: 6, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')) },
    { weight: 3, arbitrary: definition },
    { weight: 1, arbitrary: fc.constantFrom('Some text.', '<details>', '~~~', '<!-- c -->') },
  );
  const section = fc
    .tuple(fc.constantFrom('## A', '## B', '### C', '# D'), fc.array(block, { maxLength: 5 }))
    .map(([heading, blocks]) => [heading, ...blocks].join('\n\n'));

  it(
    'parse split as they parse whole',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(section, { minLength: 2, maxLength: 5 }),
          fc.option(odd, { freq: 4 }),
          fc.nat(5),
          fc.constantFrom('\n', '\r\n'),
          async (sections, oddLine, at, eol) => {
            if (oddLine !== null) sections.splice(at % (sections.length + 1), 0, oddLine);
            const text = sections.join('\n\n').replace(/\n/g, eol);
            await expectSameModel(text);
          },
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('documents with plain definitions only are split', () => {
    const sections = ['## A\n\n- [ ] T [p] [^1]', '[p]: https://x.org/p', '## B\n\n- [ ] U [[Paper][p]]\n\n[^1]: n'];
    expect(partsOf(sections.join('\n\n'))).toBe(2);
  });
});

describe('the check of a cached model before a write reads a part with the definitions of the text', () => {
  const stored = (text: string): StoredText => ({
    path: '/list.md',
    text,
    bytes: Buffer.from(text),
    fingerprint: fingerprintOf(text),
    mode: 0o644,
  });
  const parser = () => new ParseBudget({ maxDepth: 100, parseTimeoutMs: 600_000 });

  it('a right model holds where edited; one whose reference reads another definition does not', async () => {
    const text = SPLIT;
    const budget = parser();
    try {
      const doc = parseDocument(text);
      const paper = doc.papers[0]!;
      const edits = [{ start: paper.checkbox.start, end: paper.checkbox.end, text: 'x' }];
      expect(partsOf(text)).toBeGreaterThan(1);
      expect(await modelHoldsWhereEdited(budget, stored(text), doc, edits)).toBe(true);
      const wrong = parseDocument(text);
      wrong.papers[0]!.links.find((link) => link.url === 'https://x.org/p.pdf')!.url = 'https://x.org/other';
      expect(await modelHoldsWhereEdited(budget, stored(text), wrong, edits)).toBe(false);
      // The definition changed in another part: the model of the text before no longer holds.
      const changed = text.replace('[p]: https://x.org/p.pdf', '[p]: https://x.org/q.pdf');
      expect(await modelHoldsWhereEdited(budget, stored(changed), { ...doc, text: changed }, edits)).toBe(false);
    } finally {
      budget.close();
    }
  });
});
