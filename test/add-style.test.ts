/**
 * `add` writes the new line in the style of the area's items (and of the file for what the area's
 * items lack), part by part, and the read-back check compares the whole line: no stray bracket.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, tempCopy, tempFile, runCliInProcess } from './helpers.js';

/** Runs `add` on a list holding `lines` under `## A` and returns the line it added. */
async function addTo(lines: string[], args: string[]): Promise<string> {
  const file = tempFile(`## A\n\n${lines.join('\n')}\n`);
  const result = await runCliInProcess(['--file', file, 'add', ...args, '--area', 'A']);
  expect(result.status, result.stderr).toBe(0);
  const after = readFileSync(file, 'utf8').split('\n');
  return after[lines.length + 2]!;
}

describe('add: no stray text from a neighbour', () => {
  it('a template that ends with its venue leaves no `[` or `(` behind', async () => {
    const file = tempCopy(EXAMPLE);
    expect(
      (
        await runCliInProcess([
          '--file',
          file,
          'add',
          'Attention Is All You Need',
          '--area',
          'Deep Learning',
          '--venue',
          "NeurIPS'17",
          '--read',
        ])
      ).status,
    ).toBe(0);
    const second = await runCliInProcess([
      '--file',
      file,
      'add',
      'BERT: Pre-training of Deep Bidirectional Transformers',
      '--area',
      'Deep Learning',
    ]);
    expect(second.status, second.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("- [x] Attention Is All You Need[NeurIPS'17]\n");
    expect(text).toMatch(/\n- \[ \] BERT: Pre-training of Deep Bidirectional Transformers\n$/);

    expect(await addTo(['- [ ] Foo (ICML 2020)'], ['Plain'])).toBe('- [ ] Plain');
    expect(await addTo(['- [ ] Foo (ICML 2020)'], ['Plain', '--venue', 'NeurIPS 2021'])).toBe(
      '- [ ] Plain (NeurIPS 2021)',
    );
  });

  it('an empty tag `[]` is not copied, and no double space', async () => {
    expect(await addTo(['- [ ] [] Title one', '- [ ] [] Title two'], ['QA Probe'])).toBe('- [ ] QA Probe');
  });
});

describe('add: a venue tag that the file links through a definition', () => {
  // `[OSDI'22]` in a file that defines `[osdi'22]: <url>` is a link (GitHub draws it so): papers writes no
  // link the user did not give (attack.test.ts), and says why it refuses and what to do instead.
  it('is refused with the definition named and another way to give the venue', async () => {
    const text = "## A\n\n- [ ] Alpha Paper [SOSP'21]\n\n[osdi'22]: https://example.org/osdi22\n";
    const file = tempFile(text);
    const result = await runCliInProcess(['--file', file, 'add', 'Gamma Paper', '--area', 'A', '--venue', "OSDI'22"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'papers: the venue tag [OSDI\'22] would read as a link: the file defines [osdi\'22]: https://example.org/osdi22 (line 5), and papers writes no link you did not give; give the venue another way (e.g. --venue "OSDI 22") or write this line by hand\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
    const other = await runCliInProcess(['--file', file, 'add', 'Gamma Paper', '--area', 'A', '--venue', 'OSDI 22']);
    expect(other.status, other.stderr).toBe(0);
  });
});

describe('add: each part of the style is learned from the area, then the file', () => {
  const paper = ['--paper', 'https://x.org/new.pdf'];
  const note = ['--note', 'https://n.org/new'];

  it('a venue before the title stays before it when links are given', async () => {
    expect(await addTo(["- [ ] [OSDI'22] Title one"], ['New', '--venue', "SOSP'19", ...paper])).toBe(
      "- [ ] [SOSP'19] New [[Paper](https://x.org/new.pdf)]",
    );
    expect(await addTo(["- [ ] **[OSDI'22]** Title one"], ['New', '--venue', "SOSP'19", ...paper])).toBe(
      "- [ ] **[SOSP'19]** New [[Paper](https://x.org/new.pdf)]",
    );
  });

  it('the link format of the area is kept for every link, the note too', async () => {
    expect(
      await addTo(['- [ ] Title one \\[[paper](https://a.org/x)\\]', '- [ ] Title two'], ['New', ...paper, ...note]),
    ).toBe('- [ ] New \\[[paper](https://x.org/new.pdf)\\] \\[[note](https://n.org/new)\\]');
  });

  it('a title written as the link to the paper', async () => {
    expect(await addTo(['- [ ] [Title one](https://a.org/x)'], ['New', ...paper])).toBe(
      '- [ ] [New](https://x.org/new.pdf)',
    );
  });

  it("the area's label for the paper link (PDF, pdf) and its case, and its parentheses", async () => {
    // (A link labelled `arXiv` reads as the venue too since the title rules of #11, so it is no label to copy.)
    expect(
      await addTo(['- [ ] One ([PDF](https://a.org/1))', '- [ ] Two ([PDF](https://a.org/2))'], ['New', ...paper]),
    ).toBe('- [ ] New ([PDF](https://x.org/new.pdf))');
    expect(await addTo(['- [ ] One [[pdf](https://a.org/1)]', '- [ ] Two'], ['New', ...paper, ...note])).toBe(
      '- [ ] New [[pdf](https://x.org/new.pdf)] [[note](https://n.org/new)]',
    );
  });

  it('a part the area lacks comes from the rest of the file', async () => {
    const file = tempFile(
      "## A\n\n- [ ] [OSDI'22] One\n- [ ] [SOSP'19] Two\n\n## B\n\n- [ ] Three \\[[pdf](https://a.org/3)\\] \\[[code](https://c.org/3)\\]\n",
    );
    const result = await runCliInProcess([
      '--file',
      file,
      'add',
      'New',
      '--area',
      'A',
      '--venue',
      "ATC'23",
      ...paper,
      ...note,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[4]).toBe(
      "- [ ] [ATC'23] New \\[[pdf](https://x.org/new.pdf)\\] \\[[note](https://n.org/new)\\]",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The property over every real list: each part the new line shows is written the way an item of its
// area writes that part (or, when none of the area's items shows it, an item elsewhere in the file).

import { applyEdits } from '../src/core/write/splice.js';
import { addPaper } from '../src/core/write/add.js';
import { parseDocument } from '../src/core/read/parse.js';
import type { ListDocument, Paper } from '../src/core/model/paper.js';
import { formatAreaPath } from '../src/core/query/query.js';
import { realLists } from './helpers.js';
import { parsedList } from './lists.js';
import { basename } from 'node:path';

interface Shape {
  /** The venue with the character on each side and which side of the title it stands. */
  venue: string | null;
  /** The title is a link. */
  titleLink: boolean;
  /** A label link with its label and URL taken out: `[[L](U)]`, `\[[L](U)\]`, `**\[**[**L**](U)**]**`. */
  link: string | null;
  /** What stands between the title (or the venue after it) and the first label link. */
  lead: string | null;
}

function shapeOf(doc: ListDocument, paper: Paper): Shape {
  const text = doc.text;
  const title = paper.titleSpan!;
  const titleLink =
    paper.links.find((link) => link.labelSpan.start <= title.start && title.end <= link.labelSpan.end) ?? null;
  const labels = paper.links.filter((link) => link !== titleLink && link.urlSpan);
  const v = paper.venueSpan;
  const venue =
    v && !paper.links.some((link) => link.span.start <= v.start && v.end <= link.span.end)
      ? `${v.start < title.start ? 'before' : 'after'}:${text[v.start - 1]}V${text[v.end]}`
      : null;
  const first = labels[0];
  const link = first
    ? (
        text.slice(first.outerSpan.start, first.labelSpan.start) +
        'L' +
        text.slice(first.labelSpan.end, first.urlSpan!.start) +
        'U' +
        text.slice(first.urlSpan!.end, first.outerSpan.end)
      ).replace(/\\\[/g, '\\[')
    : null;
  let lead: string | null = null;
  if (first && first.outerSpan.start >= (titleLink ? titleLink.span.end : title.end)) {
    // After the venue's closing brackets and emphasis when the venue stands between.
    const venueEnd =
      v && v.start > title.start && v.end <= first.outerSpan.start
        ? v.end + /^[\])*_]*/.exec(text.slice(v.end))![0].length
        : 0;
    const from = Math.max(titleLink ? titleLink.span.end : title.end, venueEnd);
    lead = text.slice(from, first.outerSpan.start);
  }
  return { venue, titleLink: titleLink !== null, link, lead };
}

describe('add writes in the style of the area, on every real list', () => {
  for (const file of realLists()) {
    const { text, doc, reparse } = parsedList(file);
    if (doc.papers.length === 0) continue;
    it(`${basename(file)}: every combination of --venue/--paper/--note`, async () => {
      // Task items only (table rows have their own style tests in tables.test.ts), in areas where no item
      // writes its venue as a link's label (`([MICCAI17](url))`): there venue and link are one thing, and
      // add falls back to the default link format (a known gap, in the closing note of #8/#11).
      const venueIsLink = (paper: Paper) =>
        paper.venueSpan !== null &&
        paper.links.some((link) => link.span.start <= paper.venueSpan!.start && paper.venueSpan!.end <= link.span.end);
      const areas = doc.headings
        .map((heading, index) => ({ heading, index }))
        .filter(({ index }) => {
          const items = doc.papers.filter((paper) => paper.headingIndex === index && paper.titleSpan);
          return items.length > 0 && items.every((paper) => paper.source !== 'row' && !venueIsLink(paper));
        });
      // Five areas spread over the file; three on big files (each combination re-parses its part of the file).
      const count = text.length > 50_000 ? 3 : 5;
      const sample = areas.filter((_, i) => i % Math.ceil(areas.length / count) === 0);
      const fileShapes = doc.papers.filter((paper) => paper.titleSpan).map((paper) => shapeOf(doc, paper));
      let checked = 0;
      for (const { heading, index } of sample) {
        const own = doc.papers
          .filter((paper) => paper.headingIndex === index && paper.titleSpan)
          .map((paper) => shapeOf(doc, paper));
        const ownPaperish = doc.papers.some(
          (paper) =>
            paper.headingIndex === index &&
            paper.links.some((link) => /^(paper|pdf|arxiv|link|code|note|notes)$/i.test(link.label.trim())),
        );
        // The last heading of that path, where add puts the paper.
        const same = doc.headings.filter((other) => formatAreaPath(other.path) === formatAreaPath(heading.path));
        if (same[same.length - 1] !== heading) continue;
        for (let combo = 0; combo < 8; combo++) {
          const venue = combo & 1 ? "OSDI'24" : null;
          const links = [
            ...(combo & 2 ? [{ label: 'Paper', url: 'https://example.org/zebra.pdf' }] : []),
            ...(combo & 4 ? [{ label: 'Note', url: 'https://notes.example.org/zebra' }] : []),
          ];
          const change = addPaper(
            doc,
            {
              area: formatAreaPath(heading.path),
              paper: { title: 'Zebra: Striped Tensors', venue, links, read: false },
            },
            parseDocument,
          );
          const after = reparse(applyEdits(text, change.edits));
          const added = after.papers.find((paper) => paper.title === 'Zebra: Striped Tensors')!;
          const shape = shapeOf(after, added);
          const where = `${basename(file)} ${formatAreaPath(heading.path)} combo ${combo}: ${after.text.slice(added.body.start, added.body.end)}`;
          for (const part of ['venue', 'link', 'lead'] as const) {
            if (shape[part] === null) continue;
            // An area whose links are not paper links (`([Coursera](u))`) teaches no paper-link format.
            if (part !== 'venue' && !ownPaperish) continue;
            const pool = own.some((other) => other[part] !== null) ? own : fileShapes;
            if (!pool.some((other) => other[part] !== null)) continue; // nothing to follow: the default
            expect(
              pool.map((other) => other[part]),
              where,
            ).toContain(shape[part]);
          }
          if (combo & 2 && own.some((other) => other.link !== null || other.titleLink)) {
            expect(
              own.map((other) => other.titleLink),
              where,
            ).toContain(shape.titleLink);
          }
          checked++;
        }
      }
      // (A file whose papers are all table rows has no task-item area to check.)
      if (doc.papers.some((paper) => paper.source !== 'row')) expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('a new area where the file has no areas yet (from a review)', () => {
  it.each([
    ['front matter only', '---\ntitle: x\n---\n', '---\ntitle: x\n---\n\n## Other\n\n- [ ] New Paper\n'],
    ['front matter without a last line ending', '+++\na = 1\n+++', '+++\na = 1\n+++\n\n## Other\n\n- [ ] New Paper\n'],
    ['a lone rule (no front matter: a footer)', '---\n', '## Other\n\n- [ ] New Paper\n\n---\n'],
    ['nothing', '', '## Other\n\n- [ ] New Paper\n'],
  ])('%s', async (_, before, after) => {
    const file = tempFile(before);
    const result = await runCliInProcess(['--file', file, 'add', 'New Paper', '--area', 'Other']);
    expect(result.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(after);
  });
});

describe("add: what the area's items lack comes from the file's items nearest to it", () => {
  it('of a long list, the 100 nearest vote, and the nearest breaks a tie', async () => {
    // 75 items far away join their links with " / ", the 50 nearer ones with " | "; the area's own item
    // has one link. The 100 nearest are 50 of each: a tie the nearest item breaks (all 125 would say " / ").
    const far = Array.from(
      { length: 75 },
      (_, i) => `- [ ] Far ${i}: [[Paper](https://f.org/${i}.pdf)] / [[Note](https://f.org/n${i})]`,
    );
    const near = Array.from(
      { length: 50 },
      (_, i) => `- [ ] Near ${i}: [[Paper](https://n.org/${i}.pdf)] | [[Note](https://n.org/n${i})]`,
    );
    const text = [
      '# L',
      '',
      '## Far',
      '',
      ...far,
      '',
      '## Near',
      '',
      ...near,
      '',
      '## A',
      '',
      '- [ ] Mine: [[Paper](https://m.org/1.pdf)]',
      '',
    ];
    const file = tempFile(text.join('\n'));
    const args = ['add', 'New One', '--area', 'A', '--paper', 'https://x.org/p.pdf', '--note', 'https://x.org/n'];
    const result = await runCliInProcess(['--file', file, ...args]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(
      /\n- \[ \] New One: \[\[Paper\]\(https:\/\/x\.org\/p\.pdf\)\] \| \[\[Note\]\(https:\/\/x\.org\/n\)\]\n$/,
    );
  });
});

describe("add: a long area's last items vote", () => {
  it('the 400 before the new item, not every item of the area', async () => {
    // 300 items join their links with " / ", the 250 after them with " | ": the whole area would say " / ",
    // the last 400 (150 and 250) say " | ".
    const lines = [
      ...Array.from(
        { length: 300 },
        (_, i) => `- [ ] Old ${i}: [[Paper](https://o.org/${i}.pdf)] / [[Note](https://o.org/n${i})]`,
      ),
      ...Array.from(
        { length: 250 },
        (_, i) => `- [ ] New ${i}: [[Paper](https://n.org/${i}.pdf)] | [[Note](https://n.org/n${i})]`,
      ),
    ];
    expect(await addTo(lines, ['Mine', '--paper', 'https://x.org/p.pdf', '--note', 'https://x.org/n'])).toBe(
      '- [ ] Mine: [[Paper](https://x.org/p.pdf)] | [[Note](https://x.org/n)]',
    );
  });
});
