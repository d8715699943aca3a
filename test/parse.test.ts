/**
 * The parser on hand-written tricky inputs: what GitHub renders as a task item is a paper and nothing
 * else is; every paper's facts, and every offset the editor will splice at, point at the right bytes.
 */
import { describe, expect, it } from 'vitest';
import { AmbiguousError, NotFoundError } from '../src/core/model/errors.js';
import type { ListDocument, Paper } from '../src/core/model/paper.js';
import { parseDocument } from '../src/core/read/parse.js';
import { filterPapers, resolvePaper } from '../src/core/query/query.js';
import { venueMatches } from '../src/core/read/venue.js';

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

/** Markup a title span may still hold (emphasis, code, escapes, entities, tags, `>` prefixes), taken off to compare with `title`. */
function plain(source: string): string {
  return source
    .replace(/\n[ \t]*(?:>[ \t]*)+/g, '\n')
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses and checks every offset of every paper against the text as given (BOM included):
 * the checkbox is exactly the mark, the item starts with its marker, links are `[...](url)` or
 * `![...](url)` with the URL where urlSpan says, and the title and venue spans hold the title and venue.
 */
function parse(text: string, options: { autolinks?: boolean } = {}): ListDocument {
  const doc = parseDocument(text);
  expect(doc.text).toBe(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  doc.papers.forEach((paper, i) => {
    const where = `paper ${paper.number} (${paper.title})`;
    expect(paper.number, where).toBe(i + 1);
    expect(paper.source).toBe('task');

    const mark = slice(text, paper.checkbox);
    expect([' ', 'x', 'X'], where).toContain(mark);
    expect(text.slice(paper.checkbox.start - 1, paper.checkbox.end + 1), where).toMatch(/^\[[ xX]\]$/);
    expect(paper.read, where).toBe(mark !== ' ');

    const item = slice(text, paper.span);
    expect(item, where).toMatch(/^(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\][ \t]/);
    expect(item.endsWith('\n') || item.endsWith('\r'), where).toBe(false);
    expect(paper.span.start).toBeLessThan(paper.checkbox.start);
    // The item starts on the line the paper reports.
    expect(
      lineStarts[paper.line - 1]! <= paper.span.start && paper.span.start < (lineStarts[paper.line] ?? Infinity),
      where,
    ).toBe(true);

    // The first paragraph comes after the checkbox and stays inside the item.
    expect(paper.body.start, where).toBeGreaterThan(paper.checkbox.end);
    expect(paper.body.end).toBeLessThanOrEqual(paper.span.end);
    expect(slice(text, paper.body), where).not.toMatch(/^\s|^\[[ xX]\]/);

    expect(paper.title.trim(), where).not.toBe('');
    expect(paper.title).toBe(paper.title.trim());
    if (paper.titleSpan) expect(plain(slice(text, paper.titleSpan)), where).toBe(paper.title);
    if (paper.venueSpan && paper.venue !== null) {
      const venueText = slice(text, paper.venueSpan);
      // A venue read from a shields.io badge points at the badge.
      if (venueText.includes('img.shields.io')) expect(venueText, where).toMatch(/^\[?!\[/);
      else expect(plain(venueText), where).toBe(paper.venue);
    }

    expect(paper.id, where).toMatch(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u);
    for (const link of paper.links) {
      const written = slice(text, link.span);
      // Only a document that has autolinks (`<url>`, a bare URL) may have a link written without brackets.
      const autolink =
        options.autolinks === true &&
        (written === `<${link.url}>` || (written === link.label && link.urlSpan === null));
      expect(autolink || written.startsWith('[') || written.startsWith('!['), `${where}: ${written}`).toBe(true);
      expect(link.span.start).toBeGreaterThanOrEqual(paper.body.start);
      expect(link.span.end).toBeLessThanOrEqual(paper.body.end);
      if (link.urlSpan) expect(slice(text, link.urlSpan), where).toBe(link.url);
      expect(slice(text, link.labelSpan), where).toContain(link.label);
      expect(link.outerSpan.start).toBeLessThanOrEqual(link.span.start);
      expect(link.outerSpan.end).toBeGreaterThanOrEqual(link.span.end);
    }
  });
  expect(new Set(doc.papers.map((paper) => paper.id)).size).toBe(doc.papers.length);
  return doc;
}

const titles = (doc: ListDocument): string[] => doc.papers.map((paper) => paper.title);

function only(doc: ListDocument, title: string): Paper {
  const found = doc.papers.filter((paper) => paper.title === title);
  expect(found.map((paper) => paper.title)).toEqual([title]);
  return found[0]!;
}

function links(paper: Paper): { label: string; url: string }[] {
  return paper.links.map(({ label, url }) => ({ label, url }));
}

function facts(paper: Paper): Pick<Paper, 'title' | 'venue' | 'year' | 'read'> {
  return { title: paper.title, venue: paper.venue, year: paper.year, read: paper.read };
}

/** 1-based line of the first line that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

describe('what is a paper', () => {
  it('task items inside fenced (``` and ~~~) and indented code are not papers', () => {
    const text = [
      '## Area',
      '',
      '```',
      '- [ ] In Backtick Fence',
      '```',
      '',
      '~~~markdown',
      '- [x] In Tilde Fence',
      '~~~',
      '',
      'A paragraph.',
      '',
      '    - [ ] In Indented Code',
      '',
      '- [ ] Real Paper',
      '  ```',
      '  - [ ] In A Fence Inside The Item',
      '  ```',
      '- [x] Second Real Paper',
      '',
      '````',
      '```',
      '- [ ] In A Longer Fence',
      '```',
      '````',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(titles(doc)).toEqual(['Real Paper', 'Second Real Paper']);
    expect(doc.papers.map((paper) => paper.line)).toEqual([15, 19]);
    // The fence belongs to the item that holds it.
    expect(slice(text, doc.papers[0]!.span)).toContain('In A Fence Inside The Item');
  });

  it('HTML blocks and comments hide task lines; <details> then a blank line does not', () => {
    const text = [
      '## Area',
      '',
      '<div>',
      '- [ ] In A Div',
      '</div>',
      '',
      '<!--',
      '- [ ] In A Comment',
      '',
      '- [x] Still In The Comment After A Blank Line',
      '-->',
      '',
      '<!-- - [x] In A One-Line Comment -->',
      '',
      '<details><summary>Hidden</summary>',
      '- [ ] In The Details Html Block',
      '</details>',
      '',
      '<details><summary>x</summary>',
      '',
      "- [ ] Inside Details One [OSDI'20]",
      '- [x] Inside Details Two',
      '',
      '</details>',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(titles(doc)).toEqual(['Inside Details One', 'Inside Details Two']);
    expect(doc.papers.map((paper) => paper.line)).toEqual([21, 22]);
    expect(doc.papers.map((paper) => paper.area)).toEqual([['Area'], ['Area']]);
    expect(doc.papers.map((paper) => paper.read)).toEqual([false, true]);
    expect(doc.papers[0]!.venue).toBe("OSDI'20");
  });

  it('nested bullets belong to the paper; nested task items are papers too', () => {
    const text = [
      '## Reading',
      '',
      "- [ ] Parent Paper [OSDI'20]",
      '  - a note about it',
      "  - [x] Child Paper [SOSP'19]",
      '    * a deeper note',
      '  + another note, another list',
      '- [x] Sibling Paper',
      '- Not A Paper, A Group',
      '  - [ ] Grouped Paper',
      '  - plain bullet',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(titles(doc)).toEqual(['Parent Paper', 'Child Paper', 'Sibling Paper', 'Grouped Paper']);
    expect(doc.papers.map((paper) => paper.line)).toEqual([3, 5, 8, 10]);
    const [parent, child, sibling, grouped] = doc.papers as [Paper, Paper, Paper, Paper];
    expect(facts(parent)).toEqual({ title: 'Parent Paper', venue: "OSDI'20", year: 2020, read: false });
    expect(facts(child)).toEqual({ title: 'Child Paper', venue: "SOSP'19", year: 2019, read: true });
    // The parent's span holds its notes and the child, up to the end of its content.
    const parentText = slice(text, parent.span);
    expect(parentText).toBe(text.slice(text.indexOf('- [ ] Parent'), text.indexOf('\n- [x] Sibling')));
    expect(parentText).toContain('a note about it');
    expect(parentText).toContain('another note, another list');
    expect(parent.span.start).toBeLessThan(child.span.start);
    expect(child.span.end).toBeLessThanOrEqual(parent.span.end);
    expect(slice(text, child.span)).toBe("- [x] Child Paper [SOSP'19]\n    * a deeper note");
    // The first paragraph is only the first line.
    expect(slice(text, parent.body)).toBe("Parent Paper [OSDI'20]");
    expect(child.area).toEqual(['Reading']);
    expect(sibling.listIndex).toBe(parent.listIndex);
    expect(child.listIndex).not.toBe(parent.listIndex);
    expect(grouped.area).toEqual(['Reading']);
  });

  it('every list marker, [x] and [X]; things that only look like task items are not papers', () => {
    const text = [
      '## Markers',
      '',
      '1. [ ] Ordered Dot',
      '2. [x] Ordered Dot Two',
      '',
      '1) [X] Ordered Paren',
      '',
      '- [ ] Dash',
      '',
      '* [x] Star',
      '',
      '+ [X] Plus',
      '',
      '10. [ ] Ten',
      '',
      '-   [x] Wide Gap',
      '',
      '- [] Empty Brackets',
      '- [ x] Space Before Mark',
      '- [x]No Space After',
      '-[ ] No Space After Marker',
      '- [y] Other Letter',
      '',
      '[ ] Not In A List',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => [paper.title, paper.read, paper.line])).toEqual([
      ['Ordered Dot', false, 3],
      ['Ordered Dot Two', true, 4],
      ['Ordered Paren', true, 6],
      ['Dash', false, 8],
      ['Star', true, 10],
      ['Plus', true, 12],
      ['Ten', false, 14],
      ['Wide Gap', true, 16],
    ]);
    expect(doc.papers.map((paper) => slice(text, paper.span).split(' ')[0])).toEqual([
      '1.',
      '2.',
      '1)',
      '-',
      '*',
      '+',
      '10.',
      '-',
    ]);
    expect(doc.papers.map((paper) => slice(text, paper.checkbox))).toEqual([' ', 'x', 'X', ' ', 'x', 'X', ' ', 'x']);
    expect(doc.papers[0]!.listIndex).toBe(doc.papers[1]!.listIndex);
    expect(doc.papers[1]!.listIndex).not.toBe(doc.papers[2]!.listIndex);
  });

  it('finds the checkbox when the text starts with bold, a link, code or an image', () => {
    const text = [
      '- [x] **Bold Start** Paper',
      '- [ ] [A Linked Title Of Some Length](https://example.org/linked)',
      "- [X] `TVM`: An Automated End-to-End Optimizing Compiler [OSDI'18]",
      '- [ ] ![logo](https://example.org/logo.png) Image Start Paper',
      '- [x] _Emphasis_ Start Paper',
      '- [ ] <span>Html</span> Start Paper',
      '- [x] **[ICML 2017]** [Constrained Policy Optimization (CPO)](https://arxiv.org/abs/1705.10528)',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => slice(text, paper.checkbox))).toEqual(['x', ' ', 'X', ' ', 'x', ' ', 'x']);
    expect(titles(doc)).toEqual([
      'Bold Start Paper',
      'A Linked Title Of Some Length',
      'TVM: An Automated End-to-End Optimizing Compiler',
      'Image Start Paper',
      'Emphasis Start Paper',
      'Html Start Paper',
      'Constrained Policy Optimization (CPO)',
    ]);
    expect(doc.papers.map((paper) => slice(text, paper.body).slice(0, 6))).toEqual([
      '**Bold',
      '[A Lin',
      '`TVM`:',
      '![logo',
      '_Empha',
      '<span>',
      '**[ICM',
    ]);
    expect(slice(text, doc.papers[2]!.titleSpan!)).toBe('TVM`: An Automated End-to-End Optimizing Compiler');
    expect(facts(doc.papers[6]!)).toEqual({
      title: 'Constrained Policy Optimization (CPO)',
      venue: 'ICML 2017',
      year: 2017,
      read: true,
    });
  });
});

describe('areas', () => {
  it('setext headings (=== and ---) are areas; two H1s are both areas', () => {
    const text = [
      'Top Area',
      '========',
      '',
      '- [ ] Paper Zero',
      '',
      'Setext Area',
      '===========',
      '',
      '- [ ] Paper One',
      '',
      'Sub Setext',
      '----------',
      '',
      '- [x] Paper Two',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => [paper.title, paper.area])).toEqual([
      ['Paper Zero', ['Top Area']],
      ['Paper One', ['Setext Area']],
      ['Paper Two', ['Setext Area', 'Sub Setext']],
    ]);
    expect(doc.headings.map((heading) => [heading.text, heading.depth, heading.isDocumentTitle])).toEqual([
      ['Top Area', 1, false],
      ['Setext Area', 1, false],
      ['Sub Setext', 2, false],
    ]);
    expect(slice(text, doc.headings[2]!.span)).toBe('Sub Setext\n----------');
    expect(doc.headings[0]!.sectionEnd).toBe(doc.headings[1]!.span.start);
    expect(doc.headings[2]!.sectionEnd).toBe(text.length);
  });

  it('a lone H1 at the top is the document title, not an area', () => {
    const text = [
      '# My Reading List',
      '',
      '- [ ] Before Any Area',
      '',
      '## MLSys',
      '',
      '### DNN Compiler',
      '',
      '- [ ] Deep Paper',
      '',
      '## OS',
      '',
      '- [x] OS Paper',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => [paper.title, paper.area])).toEqual([
      ['Before Any Area', []],
      ['Deep Paper', ['MLSys', 'DNN Compiler']],
      ['OS Paper', ['OS']],
    ]);
    expect(doc.headings[0]).toMatchObject({ text: 'My Reading List', isDocumentTitle: true, path: [] });
    expect(doc.headings.slice(1).every((heading) => !heading.isDocumentTitle)).toBe(true);
  });

  it('with two ATX H1s both are areas, and nothing before the first heading has an area', () => {
    const text = [
      '- [ ] No Heading Yet',
      '',
      '# First',
      '',
      '- [ ] A',
      '',
      '# Second',
      '',
      '## Inner',
      '',
      '- [ ] B',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => [paper.title, paper.area, paper.headingIndex])).toEqual([
      ['No Heading Yet', [], -1],
      ['A', ['First'], 0],
      ['B', ['Second', 'Inner'], 2],
    ]);
    expect(doc.headings.some((heading) => heading.isDocumentTitle)).toBe(false);
  });

  it('heading markup (emphasis, links, code, closing hashes) becomes plain text', () => {
    const text = [
      '## *Emph* [Linked](https://example.org/h) `code` **Bold** Area',
      '',
      '- [ ] P1',
      '',
      '### Closing Hashes ###',
      '',
      '- [ ] P2',
      '',
      '## Slash / In \\_Name\\_',
      '',
      '- [ ] P3',
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => paper.area)).toEqual([
      ['Emph Linked code Bold Area'],
      ['Emph Linked code Bold Area', 'Closing Hashes'],
      ['Slash / In _Name_'],
    ]);
  });

  it('YAML front matter is not a heading and is skipped by contentStart', () => {
    const text = ['---', 'title: x', 'tags: [a, b]', '---', '', '# Reading', '', '- [ ] After Front Matter', ''].join(
      '\n',
    );
    const doc = parse(text);
    expect(doc.headings.map((heading) => heading.text)).toEqual(['Reading']);
    expect(doc.headings[0]!.isDocumentTitle).toBe(true);
    expect(doc.contentStart).toBe(text.indexOf('\n\n# Reading'));
    expect(only(doc, 'After Front Matter')).toMatchObject({ area: [], line: 8 });

    const bare = parse('---\ntitle: x\n---\n- [x] Right After\n');
    expect(bare.headings).toEqual([]);
    expect(bare.contentStart).toBe('---\ntitle: x\n---'.length);
    expect(bare.papers.map((paper) => [paper.title, paper.line, paper.area])).toEqual([['Right After', 4, []]]);
  });

  it('empty front matter (--- then ---) is front matter, as before (from a review)', () => {
    const doc = parse('+++\n+++\n2. [ ] Alpha\n3. [ ] Beta\n');
    expect(doc.papers.map((paper) => [paper.title, paper.line])).toEqual([
      ['Alpha', 3],
      ['Beta', 4],
    ]);
    expect(parse('---\n---\n\n- [ ] Gamma\n').papers.map((paper) => paper.title)).toEqual(['Gamma']);
  });

  it('an opening --- (or +++) that nothing closes is a thematic break, and the list after it is read (as GitHub shows it)', () => {
    for (const fence of ['---', '+++', '--- ']) {
      const doc = parse(`${fence}\n- [ ] Alpha Paper\n- [x] Beta Paper\n\n## X\n\n- [ ] Gamma Paper\n`);
      expect(
        doc.papers.map((paper) => [paper.title, paper.read, paper.area]),
        fence,
      ).toEqual([
        ['Alpha Paper', false, []],
        ['Beta Paper', true, []],
        ['Gamma Paper', false, ['X']],
      ]);
    }
  });
});

describe('BOM and CRLF', () => {
  const text =
    '\uFEFF# Reading\r\n\r\n## Systems\r\n\r\n' +
    "- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)] [[Note](https://github.com/KuangjuX/paper-reading/issues/22)]\r\n" +
    "- [ ] **Bold** Title Here [SOSP'19]\r\n" +
    '  - a note\r\n' +
    "- [X] Soft\r\n  Wrapped Title [NSDI'21]\r\n" +
    '- [ ] Tom &amp; Jerry \\[Re\\]: A Study [ICML 2019]\r\n';

  it('offsets index the original string, BOM included', () => {
    const doc = parse(text);
    expect(doc.bomLength).toBe(1);
    expect(doc.eol).toBe('\r\n');
    expect(doc.papers.map((paper) => slice(text, paper.checkbox))).toEqual(['x', ' ', 'X', ' ']);
    expect(doc.papers.map((paper) => paper.line)).toEqual([5, 6, 8, 10]);
    expect(doc.papers.map((paper) => paper.area)).toEqual([['Systems'], ['Systems'], ['Systems'], ['Systems']]);
    expect(slice(text, doc.headings[1]!.span)).toBe('## Systems');

    const [rammer, bold, soft, tom] = doc.papers as [Paper, Paper, Paper, Paper];
    expect(facts(rammer)).toEqual({
      title: 'Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks',
      venue: "OSDI'20",
      year: 2020,
      read: true,
    });
    expect(rammer.id).toBe('rammer');
    expect(links(rammer)).toEqual([
      { label: 'Paper', url: 'https://www.usenix.org/system/files/osdi20-ma.pdf' },
      { label: 'Note', url: 'https://github.com/KuangjuX/paper-reading/issues/22' },
    ]);
    expect(rammer.links.map((link) => slice(text, link.outerSpan))).toEqual([
      '[[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)]',
      '[[Note](https://github.com/KuangjuX/paper-reading/issues/22)]',
    ]);
    expect(slice(text, rammer.venueSpan!)).toBe("OSDI'20");
    expect(slice(text, rammer.titleSpan!)).toBe(rammer.title);

    expect(slice(text, bold.span)).toBe("- [ ] **Bold** Title Here [SOSP'19]\r\n  - a note");
    expect(facts(bold)).toEqual({ title: 'Bold Title Here', venue: "SOSP'19", year: 2019, read: false });

    expect(facts(soft)).toEqual({ title: 'Soft Wrapped Title', venue: "NSDI'21", year: 2021, read: true });
    expect(slice(text, soft.titleSpan!)).toBe('Soft\r\n  Wrapped Title');
    expect(slice(text, soft.venueSpan!)).toBe("NSDI'21");

    expect(facts(tom)).toEqual({ title: 'Tom & Jerry [Re]: A Study', venue: 'ICML 2019', year: 2019, read: false });
    expect(slice(text, tom.titleSpan!)).toBe('Tom &amp; Jerry \\[Re\\]: A Study');
    expect(slice(text, tom.venueSpan!)).toBe('ICML 2019');
  });

  it('reads the same facts as the LF file without a BOM', () => {
    const lf = parse(text.slice(1).replace(/\r\n/g, '\n'));
    const crlf = parse(text);
    const strip = (paper: Paper) => ({
      ...facts(paper),
      id: paper.id,
      area: paper.area,
      line: paper.line,
      links: links(paper),
    });
    expect(crlf.papers.map(strip)).toEqual(lf.papers.map(strip));
    expect(lf.bomLength).toBe(0);
    expect(lf.eol).toBe('\n');
  });
});

describe('titles, venues, years and links', () => {
  it('CJK and emoji titles', () => {
    const text = [
      '## 閱讀',
      '',
      '- [ ] 一堂課讓你認識肺癌（Basic Concepts）([Coursera](https://x))',
      "- [x] 🚀 FlashAttention: Fast and Memory-Efficient Exact Attention 🎉 [NeurIPS'22]",
      "- [ ] 深度学习编译器综述：全面调查 [arXiv'20]",
      '',
    ].join('\n');
    const doc = parse(text);
    const [cjk, emoji, chinese] = doc.papers as [Paper, Paper, Paper];
    expect(facts(cjk)).toEqual({ title: '一堂課讓你認識肺癌（Basic Concepts）', venue: null, year: null, read: false });
    expect(links(cjk)).toEqual([{ label: 'Coursera', url: 'https://x' }]);
    expect(cjk.area).toEqual(['閱讀']);
    expect(slice(text, cjk.titleSpan!)).toBe('一堂課讓你認識肺癌（Basic Concepts）');
    expect(facts(emoji)).toEqual({
      title: '🚀 FlashAttention: Fast and Memory-Efficient Exact Attention 🎉',
      venue: "NeurIPS'22",
      year: 2022,
      read: true,
    });
    expect(emoji.id).toBe('flashattention');
    expect(facts(chinese)).toEqual({
      title: '深度学习编译器综述：全面调查',
      venue: "arXiv'20",
      year: 2020,
      read: false,
    });
    expect(chinese.id.length).toBeGreaterThan(0);
  });

  it('a title that begins with a bracket keeps it', () => {
    const doc = parse("- [ ] [Re] Reproducing X [ICLR'21]\n");
    expect(facts(doc.papers[0]!)).toEqual({ title: '[Re] Reproducing X', venue: "ICLR'21", year: 2021, read: false });
  });

  it("seed style: Title[VENUE'YY]: [[Paper](u)] [[Note](u)], no venue, multi-word venue", () => {
    const text = [
      '## MLSys',
      '',
      '### DNN Compiler',
      '',
      '- [x] The Deep Learning Compiler: A Comprehensive Survey: [[Paper](https://arxiv.org/pdf/2002.03794.pdf)] [[Note](https://example.org/note1)]',
      '',
      "- [x] MLIR: Scaling Compiler Infrastructure for Domain Specifific Computation[CGO'21]: [[Paper](https://example.org/mlir)] [[Note](https://example.org/note2)]",
      '',
      "- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)] [[Note](https://github.com/KuangjuX/paper-reading/issues/22)]",
      '',
      "- [ ] ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]: [[Paper](https://www.usenix.org/system/files/osdi22-zhu.pdf)]",
      '',
      "- [ ] The Tensor Algebra Compiler[OOPSLA'17]: [[Paper](https://dl.acm.org/doi/pdf/10.1145/3133901)]",
      '',
      "- [ ] TASO: Optimizing Deep Learning Computation with Automatic Generation of Graph Substitutions[SOSP'19]: [[Paper](https://www.cs.cmu.edu/~zhihaoj2/papers/sosp19.pdf)]",
      '',
      '## Storage',
      '',
      "- [ ] Some Storage System: Doing Things[USENIX ATC'22]: [[Paper](https://example.org/atc)]",
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => paper.id)).toEqual([
      'deep-learning-compiler',
      'mlir',
      'rammer',
      'roller',
      'tensor-algebra-compiler',
      'taso',
      'some-storage-system',
    ]);
    expect(doc.papers.map((paper) => [paper.venue, paper.year])).toEqual([
      [null, null],
      ["CGO'21", 2021],
      ["OSDI'20", 2020],
      ["OSDI'22", 2022],
      ["OOPSLA'17", 2017],
      ["SOSP'19", 2019],
      ["USENIX ATC'22", 2022],
    ]);
    expect(doc.papers.map((paper) => paper.line)).toEqual([5, 7, 9, 11, 13, 15, 19]);
    expect(doc.papers.map((paper) => paper.area.join('/'))).toEqual([
      'MLSys/DNN Compiler',
      'MLSys/DNN Compiler',
      'MLSys/DNN Compiler',
      'MLSys/DNN Compiler',
      'MLSys/DNN Compiler',
      'MLSys/DNN Compiler',
      'Storage',
    ]);
    expect(doc.papers[0]!.title).toBe('The Deep Learning Compiler: A Comprehensive Survey');
    expect(doc.papers[3]!.title).toBe('ROLLER: Fast and Efficient Tensor Compilation for Deep Learning');
    expect(doc.papers[6]!.title).toBe('Some Storage System: Doing Things');
    expect(links(doc.papers[0]!)).toEqual([
      { label: 'Paper', url: 'https://arxiv.org/pdf/2002.03794.pdf' },
      { label: 'Note', url: 'https://example.org/note1' },
    ]);
    // The items of one list share its index; the lone item under Storage is a list of its own.
    expect(doc.papers.map((paper) => paper.listIndex)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    const roller = doc.papers[3]!;
    expect(slice(text, roller.links[0]!.span)).toBe('[Paper](https://www.usenix.org/system/files/osdi22-zhu.pdf)');
    expect(slice(text, roller.links[0]!.outerSpan)).toBe(
      '[[Paper](https://www.usenix.org/system/files/osdi22-zhu.pdf)]',
    );
    expect(slice(text, roller.links[0]!.labelSpan)).toBe('Paper');
  });

  it('the variants real lists use', () => {
    const lines = [
      '- [ ] [ICML 2020] Title One ([paper](https://p.org/1) [code](https://c.org/1))',
      '- [x] [ICLR2018] [GAT] Graph Attention Networks [[paper]](https://p.org/2) [[code]](https://c.org/2)',
      "* [ ] Attention Is All You Need (_NeurIPS '17_) **\\[**[**Paper**](https://p.org/3)**]**",
      '- [x] **[ICML 2017]** [Constrained Policy Optimization (CPO)](https://p.org/4)',
      '* [ ] Some Segmentation Net ([MICCAI18](https://p.org/5)): review text here, it was good',
      '- [X] [2015] Deep Residual Learning — [paper](https://p.org/6)',
      '- [ ] Escaped Brackets Paper \\[[paper](https://p.org/7)\\]',
      "- [ ] Badge Paper [![Static Badge](https://img.shields.io/badge/CVPR_'25-dc3545)](https://p.org/8)",
      '- [ ] [AAAI 2023] Four Digit Years',
      "- [ ] Two Digit Years[OSDI'20]",
    ];
    const text = ['## Variants', '', ...lines, ''].join('\n');
    const doc = parse(text);
    expect(doc.papers).toHaveLength(lines.length);
    expect(doc.papers.map((paper) => paper.line)).toEqual(lines.map((line) => lineOf(text, line)));
    const p = doc.papers;

    expect(facts(p[0]!)).toEqual({ title: 'Title One', venue: 'ICML 2020', year: 2020, read: false });
    expect(links(p[0]!)).toEqual([
      { label: 'paper', url: 'https://p.org/1' },
      { label: 'code', url: 'https://c.org/1' },
    ]);

    expect(facts(p[1]!)).toEqual({ title: 'Graph Attention Networks', venue: 'ICLR2018', year: 2018, read: true });
    expect(links(p[1]!)).toEqual([
      { label: 'paper', url: 'https://p.org/2' },
      { label: 'code', url: 'https://c.org/2' },
    ]);
    expect(slice(text, p[1]!.links[0]!.span)).toBe('[[paper]](https://p.org/2)');

    expect(facts(p[2]!)).toEqual({ title: 'Attention Is All You Need', venue: "NeurIPS '17", year: 2017, read: false });
    expect(links(p[2]!)).toEqual([{ label: 'Paper', url: 'https://p.org/3' }]);
    expect(slice(text, p[2]!.links[0]!.span)).toBe('[**Paper**](https://p.org/3)');
    expect(slice(text, p[2]!.links[0]!.outerSpan)).toBe('**\\[**[**Paper**](https://p.org/3)**]**');

    expect(facts(p[3]!)).toEqual({
      title: 'Constrained Policy Optimization (CPO)',
      venue: 'ICML 2017',
      year: 2017,
      read: true,
    });
    expect(links(p[3]!)).toEqual([{ label: 'Constrained Policy Optimization (CPO)', url: 'https://p.org/4' }]);
    expect(slice(text, p[3]!.venueSpan!)).toBe('ICML 2017');

    expect(facts(p[4]!)).toEqual({ title: 'Some Segmentation Net', venue: 'MICCAI18', year: 2018, read: false });
    expect(links(p[4]!)).toEqual([{ label: 'MICCAI18', url: 'https://p.org/5' }]);
    expect(slice(text, p[4]!.venueSpan!)).toBe('MICCAI18');

    expect(facts(p[5]!)).toEqual({ title: 'Deep Residual Learning', venue: null, year: 2015, read: true });
    expect(links(p[5]!)).toEqual([{ label: 'paper', url: 'https://p.org/6' }]);

    expect(facts(p[6]!)).toEqual({ title: 'Escaped Brackets Paper', venue: null, year: null, read: false });
    expect(links(p[6]!)).toEqual([{ label: 'paper', url: 'https://p.org/7' }]);
    expect(slice(text, p[6]!.links[0]!.outerSpan)).toBe('\\[[paper](https://p.org/7)\\]');

    expect(facts(p[7]!)).toEqual({ title: 'Badge Paper', venue: "CVPR '25", year: 2025, read: false });
    expect(links(p[7]!)).toEqual([{ label: 'Static Badge', url: 'https://p.org/8' }]);
    expect(slice(text, p[7]!.links[0]!.span)).toBe(
      "[![Static Badge](https://img.shields.io/badge/CVPR_'25-dc3545)](https://p.org/8)",
    );

    expect(facts(p[8]!)).toEqual({ title: 'Four Digit Years', venue: 'AAAI 2023', year: 2023, read: false });
    expect(facts(p[9]!)).toEqual({ title: 'Two Digit Years', venue: "OSDI'20", year: 2020, read: false });
  });

  it('reference links, autolinks, entities, footnotes and inline HTML', () => {
    const text = [
      '- [ ] Reference Style Paper [[Paper][ref]] [[Code][]]',
      '- [ ] Attention Is All You Need https://arxiv.org/abs/1706.03762',
      '- [ ] Short Autolink Paper <https://a.io/x>',
      '- [ ] AT&amp;T Labs &lt;3 Research [SIGCOMM 2019]',
      "- [ ] Footnoted Paper[^1] [OSDI'20]",
      "- [ ] Title <br> With Html [SOSP'19]",
      '- [ ] Paper About `foo` Code',
      '',
      '[ref]: https://ref.example/paper',
      '[code]: https://ref.example/code',
      '[^1]: a footnote',
      '',
    ].join('\n');
    const doc = parse(text, { autolinks: true });
    expect(titles(doc)).toEqual([
      'Reference Style Paper',
      'Attention Is All You Need',
      'Short Autolink Paper',
      'AT&T Labs <3 Research',
      'Footnoted Paper',
      'Title With Html',
      'Paper About foo Code',
    ]);
    const [ref, bare, angle, entity, , , code] = doc.papers as Paper[];
    expect(links(ref!)).toEqual([
      { label: 'Paper', url: 'https://ref.example/paper' },
      { label: 'Code', url: 'https://ref.example/code' },
    ]);
    expect(ref!.links.map((link) => link.urlSpan)).toEqual([null, null]);
    expect(ref!.links.map((link) => slice(text, link.outerSpan))).toEqual(['[[Paper][ref]]', '[[Code][]]']);
    // Autolinks are links, not title words.
    expect(links(bare!)).toEqual([
      { label: 'https://arxiv.org/abs/1706.03762', url: 'https://arxiv.org/abs/1706.03762' },
    ]);
    expect(slice(text, bare!.links[0]!.span)).toBe('https://arxiv.org/abs/1706.03762');
    expect(links(angle!)).toEqual([{ label: 'https://a.io/x', url: 'https://a.io/x' }]);
    expect(slice(text, angle!.links[0]!.span)).toBe('<https://a.io/x>');
    expect(facts(entity!)).toEqual({ title: 'AT&T Labs <3 Research', venue: 'SIGCOMM 2019', year: 2019, read: false });
    expect(slice(text, entity!.titleSpan!)).toBe('AT&amp;T Labs &lt;3 Research');
    expect(slice(text, entity!.venueSpan!)).toBe('SIGCOMM 2019');
    expect(slice(text, code!.titleSpan!)).toBe('Paper About `foo` Code');
  });

  it('link destinations as written: a link title, <angle brackets>, parentheses, empty', () => {
    const text =
      '- [ ] Link Forms Paper [Paper](https://x.org/a "the title") [Code](<https://x.org/b c>) ' +
      '[Wiki](https://en.wikipedia.org/wiki/A_(b)) [Empty]()\n';
    const doc = parse(text);
    const paper = only(doc, 'Link Forms Paper');
    expect(links(paper)).toEqual([
      { label: 'Paper', url: 'https://x.org/a' },
      { label: 'Code', url: 'https://x.org/b c' },
      { label: 'Wiki', url: 'https://en.wikipedia.org/wiki/A_(b)' },
      { label: 'Empty', url: '' },
    ]);
    expect(paper.links.map((link) => slice(text, link.span))).toEqual([
      '[Paper](https://x.org/a "the title")',
      '[Code](<https://x.org/b c>)',
      '[Wiki](https://en.wikipedia.org/wiki/A_(b))',
      '[Empty]()',
    ]);
    const empty = paper.links[3]!.urlSpan!;
    expect(empty.start).toBe(empty.end);
    expect(text[empty.start - 1]).toBe('(');
  });

  it('a tab after the marker, a lazy continuation line, a task item in a block quote', () => {
    const text = [
      '-\t[ ] Tab After Marker',
      '- [x] Lazy',
      "continuation title [OSDI'20]",
      '',
      '> - [ ] In Quote',
      ">   continued [SOSP'19]",
      '',
    ].join('\n');
    const doc = parse(text);
    expect(doc.papers.map((paper) => [paper.title, paper.venue, paper.line, paper.read])).toEqual([
      ['Tab After Marker', null, 1, false],
      ['Lazy continuation title', "OSDI'20", 2, true],
      ['In Quote continued', "SOSP'19", 5, false],
    ]);
    expect(slice(text, doc.papers[1]!.titleSpan!)).toBe('Lazy\ncontinuation title');
    expect(slice(text, doc.papers[2]!.titleSpan!)).toBe('In Quote\n>   continued');
    expect(slice(text, doc.papers[2]!.venueSpan!)).toBe("SOSP'19");
  });

  it('a paper with nothing recognisable still has a non-empty title', () => {
    const text = [
      '- [ ] [[Paper](https://a.org)] [[Code](https://b.org)]',
      "- [x] [OSDI'22]",
      '- [ ] ![badge](https://img.shields.io/badge/foo-bar-blue)',
      '- [ ] :',
      '- [ ] [2020]',
      '- [ ] https://only.example/a/very/long/address/of/a/paper.pdf',
      '',
    ].join('\n');
    const doc = parse(text, { autolinks: true });
    expect(doc.papers).toHaveLength(6);
    for (const paper of doc.papers) expect(paper.title.trim()).not.toBe('');
    expect(links(doc.papers[0]!)).toEqual([
      { label: 'Paper', url: 'https://a.org' },
      { label: 'Code', url: 'https://b.org' },
    ]);
    expect(doc.papers[1]).toMatchObject({ venue: "OSDI'22", year: 2022, read: true });
    expect(doc.papers[4]!.year).toBe(2020);
    expect(new Set(doc.papers.map((paper) => paper.id)).size).toBe(6);
  });
});

describe('ids', () => {
  it('are unique: identical titles differ', () => {
    const doc = parse(
      ['- [ ] Same Title', '- [x] Same Title', "- [ ] Same Title [OSDI'20]", '- [ ] Same Title', ''].join('\n'),
    );
    const ids = doc.papers.map((paper) => paper.id);
    expect(ids[0]).toBe('same-title');
    expect(new Set(ids).size).toBe(4);
  });

  it('a long title without a colon gives a short id', () => {
    const doc = parse('- [ ] A Very Long Title Without Any Colon That Goes On And On About Deep Neural Networks\n');
    const id = doc.papers[0]!.id;
    expect(id).toBe('very-long-title');
    expect(id.split('-').length).toBeLessThanOrEqual(3);
  });

  const base = [
    '## A',
    '',
    "- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://a)]",
    "- [ ] ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]: [[Paper](https://b)]",
    "- [ ] The Tensor Algebra Compiler[OOPSLA'17]: [[Paper](https://c)]",
    '- [ ] Same Title',
    '- [ ] Same Title',
    "- [ ] TASO: Optimizing Deep Learning Computation with Automatic Generation of Graph Substitutions[SOSP'19]",
    '',
    '## B',
    '',
    "- [ ] MLIR: Scaling Compiler Infrastructure for Domain Specifific Computation[CGO'21]",
    '- [ ] A Very Long Title Without Any Colon That Goes On And On',
    '',
  ];
  const before = parse(base.join('\n'));

  it('seed-like titles give the name before the colon', () => {
    expect(before.papers.map((paper) => paper.id)).toEqual([
      'rammer',
      'roller',
      'tensor-algebra-compiler',
      'same-title',
      'same-title-2',
      'taso',
      'mlir',
      'very-long-title',
    ]);
  });

  it('do not change when a paper is added at the end', () => {
    const after = parse([...base, "- [ ] Rammer Again: A Sequel [OSDI'24]", '- [ ] Same Title', ''].join('\n'));
    expect(after.papers.slice(0, before.papers.length).map((paper) => paper.id)).toEqual(
      before.papers.map((paper) => paper.id),
    );
    expect(after.papers.slice(before.papers.length).map((paper) => paper.id)).toEqual(['rammer-again', 'same-title-3']);
  });

  it('do not change when a paper is marked read', () => {
    const after = parse(
      base.join('\n').replace('- [ ] ROLLER', '- [x] ROLLER').replace('- [x] Rammer', '- [ ] Rammer'),
    );
    expect(after.papers.map((paper) => paper.id)).toEqual(before.papers.map((paper) => paper.id));
    expect(after.papers.map((paper) => paper.read)).toEqual([false, true, false, false, false, false, false, false]);
  });

  it('do not change for the others when a paper is removed', () => {
    for (const removed of [2, 3, 7, 11, 12]) {
      const after = parse(base.filter((_, i) => i !== removed).join('\n'));
      expect(after.papers).toHaveLength(before.papers.length - 1);
      const was = new Map(before.papers.map((paper) => [paper.title, paper.id]));
      for (const paper of after.papers) {
        if (paper.title === 'Same Title') continue; // the twins are checked below
        expect(paper.id, `removing line ${removed + 1}`).toBe(was.get(paper.title));
      }
    }
    // Removing the second of two identical titles leaves the first alone.
    const after = parse(base.filter((_, i) => i !== 6).join('\n'));
    expect(after.papers.map((paper) => paper.id)).toEqual(
      before.papers.map((paper) => paper.id).filter((id) => id !== 'same-title-2'),
    );
  });
});

describe('resolvePaper and filterPapers', () => {
  const doc = parse(
    [
      '# List',
      '',
      '## MLSys',
      '',
      '### DNN Compiler',
      '',
      "- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://a)]",
      "- [ ] ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]: [[Paper](https://b)]",
      "- [ ] Ray: A Distributed Framework for Emerging AI Applications[OSDI'18]",
      '',
      '## Storage',
      '',
      "- [ ] Some Storage System: Doing Things[USENIX ATC'22]",
      "- [x] Roller Coaster: Nothing To Do With Compilers [SOSP'22]",
      '',
    ].join('\n'),
  );
  const ids = (papers: Paper[]): string[] => papers.map((paper) => paper.id);

  it('finds a paper by exact id, unique prefix, number or title piece', () => {
    expect(ids(doc.papers)).toEqual(['rammer', 'roller', 'ray', 'some-storage-system', 'roller-coaster']);
    expect(resolvePaper(doc.papers, 'roller').id).toBe('roller'); // exact beats the prefix of roller-coaster
    expect(resolvePaper(doc.papers, 'ROLLER').id).toBe('roller');
    expect(resolvePaper(doc.papers, 'ram').id).toBe('rammer');
    expect(resolvePaper(doc.papers, 'roller-c').id).toBe('roller-coaster');
    expect(resolvePaper(doc.papers, '3').id).toBe('ray');
    expect(resolvePaper(doc.papers, ' 4 ').id).toBe('some-storage-system');
    expect(resolvePaper(doc.papers, 'holistic').id).toBe('rammer');
    expect(resolvePaper(doc.papers, 'Emerging AI').id).toBe('ray');
  });

  it('ambiguous names and unknown names are errors that say what to do', () => {
    expect(() => resolvePaper(doc.papers, 'r')).toThrow(AmbiguousError);
    expect(() => resolvePaper(doc.papers, 'ro')).toThrow(/roller.*roller-coaster/);
    expect(() => resolvePaper(doc.papers, 'compil')).toThrow(AmbiguousError);
    expect(() => resolvePaper(doc.papers, 'rammr')).toThrow(NotFoundError);
    expect(() => resolvePaper(doc.papers, 'rammr')).toThrow(/did you mean "rammer"/);
    expect(() => resolvePaper(doc.papers, '99')).toThrow(NotFoundError);
    expect(() => resolvePaper(doc.papers, 'zzzzzzzzzzzz')).toThrow(NotFoundError);
  });

  it('filters by read, area, venue, year and search, combined', () => {
    expect(ids(filterPapers(doc.papers, { state: 'unread' }))).toEqual(['roller', 'ray', 'some-storage-system']);
    expect(ids(filterPapers(doc.papers, { area: 'MLSys' }))).toEqual(['rammer', 'roller', 'ray']);
    expect(ids(filterPapers(doc.papers, { area: 'dnn compiler' }))).toEqual(['rammer', 'roller', 'ray']);
    expect(ids(filterPapers(doc.papers, { area: 'MLSys/DNN Compiler', state: 'unread' }))).toEqual(['roller', 'ray']);
    expect(ids(filterPapers(doc.papers, { area: 'List' }))).toEqual([]);
    expect(ids(filterPapers(doc.papers, { venue: 'OSDI' }))).toEqual(['rammer', 'roller', 'ray']);
    expect(ids(filterPapers(doc.papers, { venue: 'osdi22' }))).toEqual(['roller']);
    expect(ids(filterPapers(doc.papers, { venue: 'ATC' }))).toEqual(['some-storage-system']);
    expect(ids(filterPapers(doc.papers, { year: 2022 }))).toEqual(['roller', 'some-storage-system', 'roller-coaster']);
    // --search looks at the area too.
    expect(ids(filterPapers(doc.papers, { search: 'storage' }))).toEqual(['some-storage-system', 'roller-coaster']);
    expect(ids(filterPapers(doc.papers, { search: 'doing things' }))).toEqual(['some-storage-system']);
    expect(ids(filterPapers(doc.papers, { search: 'sosp' }))).toEqual(['roller-coaster']);
    expect(ids(filterPapers(doc.papers, { search: 'compiler', state: 'read' }))).toEqual(['rammer', 'roller-coaster']);
  });
});

describe('venueMatches', () => {
  it.each([
    ["OSDI'22", 'OSDI', true],
    ["OSDI'22", "OSDI'22", true],
    ["OSDI'22", 'osdi22', true],
    ["OSDI'22", 'OSDI 2022', true],
    ["OSDI'22", 'osdi-22', true],
    ["OSDI'22", "OSDI'20", false],
    ["OSDI'22", 'SOSP', false],
    ["OSDI'22", 'OSD', false],
    ["USENIX ATC'22", 'ATC', true],
    ["USENIX ATC'22", 'USENIX', true],
    ["USENIX ATC'22", "ATC'22", true],
    ["USENIX ATC'22", 'atc21', false],
    ["USENIX ATC'22", 'usenix atc', true],
    ['ICML 2020', 'icml20', true],
    ['ICLR2018', 'ICLR', true],
    ["NeurIPS '17", 'neurips2017', true],
    ['MICCAI18', 'MICCAI', true],
    ['Blog', 'blog', true],
    [null, 'OSDI', false],
  ] as const)('%s matches %s: %s', (venue, query, expected) => {
    expect(venueMatches(venue, query)).toBe(expected);
  });
});
