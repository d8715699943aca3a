/**
 * The fast paths (parts parsed apart, the line scanner and its direct reading of the commonest line,
 * cached parts, remark loaded lazily) must give exactly the model one whole-document remark parse gives:
 * every field and every offset. Tests that only pass because a part fell back to remark prove nothing
 * about the scanner, so the plain cases also check that the scanner read them.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.js';
import { splitIntoChunks } from '../src/core/read/chunks.js';
import { type ChunkCache, type ChunkModel, parseDocument } from '../src/core/read/parse.js';
import { parseDocumentPartsLazily, partCacheForCall } from '../src/core/read/parts.js';
import { scanPart } from '../src/core/read/scan.js';
import { realLists, ROOT } from './helpers.js';
import { partKeyOf } from './lists.js';
import { expectSameModel } from './same-model.js';

/** The parts of `text` (BOM removed) as the splitter cuts them. */
function partsOf(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  return splitIntoChunks(body).map((chunk) => body.slice(chunk.start, chunk.end));
}

describe('fast paths agree with remark on every real list', () => {
  for (const file of realLists()) {
    it(basename(file), () => expectSameModel(readFileSync(file, 'utf8')));
  }
});

describe('fast paths agree with remark on tricky parts', () => {
  const cases: Record<string, string> = {
    'heading inside a fence':
      '# A\n\n- [ ] One\n\n```bash\n# not a heading\n- [ ] not a paper\n```\n\n## B\n\n- [x] Two\n',
    'heading inside a comment': '# A\n\n<!--\n# hidden\n- [ ] hidden\n-->\n\n## B\n\n- [ ] Two\n',
    'heading right after an HTML line':
      '## A\n\n<details>\n# inside html\n- [ ] x\n\n- [ ] y\n</details>\n\n## B\n- [ ] z\n',
    'unclosed fence': '## A\n\n~~~\n## B\n- [ ] in code\n',
    'definitions are document-wide': "## A\n\n- [ ] Title [OSDI'20] [paper][p]\n\n## B\n\n[p]: https://x.org/p\n",
    'crlf and bom': "\uFEFF# T\r\n\r\n## A\r\n\r\n- [ ] One[OSDI'20]: [[Paper](https://x.org/1)]\r\n\r\n- [x] Two\r\n",
    'tight then loose lists, mixed bullets': '## A\n- [ ] a\n- [x] b\n\n* [ ] c\n\n* [ ] d\n+ [X] e\n',
    'brackets the plain parser must get right':
      '## A\n\n- [ ] [[paper]](https://x.org/a) [GAT] T [x](y) [a [b](c) d](e) ](f) [g](h(i)j)\n- [ ] T [u]() [v](w\n- [ ] ]( [ok](https://x.org/(1))\n',
    'markup falls back to remark':
      '## A\n\n- [ ] *em* T\n- [ ] `code` [p](u)\n- [ ] a & b\n- [ ] https://x.org\n- [ ] ![i](u) t\n- [ ] t\\_u\n',
    'paragraph and nested items': '## A\n\nsome text\n- [ ] after text\n  - [ ] nested\n  - note\n',
    'setext headings': 'Title\n=====\n\nArea\n----\n\n- [ ] one\n',
    'no final newline': '## A\n\n- [ ] one\n\n- [ ] two',
    'front matter': '---\ntitle: x\n---\n# T\n\n## A\n\n- [ ] one\n',
    'front matter with a # comment': '---\n# tags below\ntags: [a]\n---\n# Reading list\n\n## Systems\n\n- [ ] one\n',
    'a definition inside a block quote':
      '## A\n\n- [ ] Foo: [[Paper][foo]]\n\n## Refs\n\n> [foo]: https://x.org/foo.pdf\n',
    'a no-break space before a URL': '## A\n\n- [ ] Foo: [[Paper](\u00a0https://a.org/x)]\n',
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => expectSameModel(text));

  it('the scanner declines what it does not handle', () => {
    expect(scanPart('- [ ] *em*\n')).toBeNull();
    expect(scanPart('1. [ ] ordered\n')).toBeNull();
    expect(scanPart('text\n')).toBeNull();
    expect(scanPart('## A\n\n- [ ] plain [p](u)\n')).not.toBeNull();
  });

  it('splits only at headings outside code and comments', () => {
    const text = '# A\n\n```\n# x\n```\n\n## B\n<!--\n## y\n-->\n### C\n';
    expect(splitIntoChunks(text).map((chunk) => text.slice(chunk.start, chunk.end).split('\n')[0])).toEqual([
      '# A',
      '## B',
      '### C',
    ]);
  });

  // Found by the #21 review: a part boundary inside a code block let a planted cache entry pass the
  // check of the parts around an edit. A fence closes only on a run of its own character; <pre>,
  // <script>, <style> and <textarea> blocks run to their end tag, blank lines and headings included.
  it('does not split inside a fence closed by a mixed run, nor inside <pre>/<script>/<style>/<textarea>', () => {
    const firstLines = (text: string) =>
      splitIntoChunks(text).map((chunk) => text.slice(chunk.start, chunk.end).split('\n')[0]);
    expect(firstLines('# A\n\n```python\nx = 1\n```~~\n## B\n\n- [ ] Fake\n```\n## C\n')).toEqual(['# A', '## C']);
    expect(firstLines('# A\n\n~~~\n~~~~ x\n## B\n~~~~\n## C\n')).toEqual(['# A', '## C']);
    for (const tag of ['pre', 'PRE class="x"', 'script', 'style', 'textarea'])
      expect(firstLines(`# A\n\n<${tag}>\n\n## B\n\n- [ ] Hidden\n</${tag.split(' ')[0]}>\n\n## C\n`)).toEqual([
        '# A',
        '## C',
      ]);
    // An end tag on the opening line closes it there.
    expect(firstLines('# A\n<pre>x</pre>\n\n## B\n')).toEqual(['# A', '## B']);
  });
});

describe('fast paths agree with remark on generated lists', () => {
  const line = fc.oneof(
    fc.constant(''),
    fc.constantFrom('# T', '## Area', '### Sub Area', '## Other [x]', '#### *Em*'),
    fc
      .tuple(
        fc.constantFrom('- ', '* ', '+ ', '1. ', '  - ', '> - '),
        fc.constantFrom('[ ] ', '[x] ', '[X] '),
        fc.array(
          fc.constantFrom(
            'Title',
            ' ',
            'a',
            '[',
            ']',
            '(',
            ')',
            ':',
            "OSDI'22",
            '[[Paper](https://x.org/p)]',
            '[n](u)',
            '*',
            '_',
            '`',
            '<b>',
            '&amp;',
            '\\',
            'www.x.org',
            '日本',
          ),
          { minLength: 1, maxLength: 8 },
        ),
      )
      .map(([bullet, box, words]) => bullet + box + words.join('')),
    fc.constantFrom(
      '```',
      '~~~',
      '<!--',
      '-->',
      '<!-- c -->',
      '<!-- a --> b',
      '<details>',
      'text line',
      '[d]: https://x.org',
      '    indented',
    ),
  );
  it('random documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        await expectSameModel(lines.join(eol));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

/** Whether the line scanner reads every part of `text` (else some part goes to remark). */
function scannedWhole(text: string): boolean {
  return partsOf(text).every((part) => scanPart(part) !== null);
}

describe('the line scanner agrees with remark, and reads only what it understands', () => {
  const paper = '[[Paper](https://x.org/p/1.pdf)] [[Note](https://x.org/n/1)]';
  /** name -> [text, does the scanner read every part?] */
  const cases: Record<string, [string, boolean]> = {
    'the generated-list line': [
      `## A\n\n- [ ] Word Word 12: Capitalized words[OSDI'20]: ${paper}\n\n- [x] Other 13: More words[USENIX ATC'22]: [[Paper](https://x.org/2)]\n`,
      true,
    ],
    crlf: [`## A\r\n\r\n- [ ] One[OSDI'20]: ${paper}\r\n- [x] Two\r\n\r\n### B\r\n- [ ] Three\r\n`, true],
    bom: [`\uFEFF## A\n- [ ] One [SOSP'19]\n`, true],
    'no final newline': ['## A\n\n- [ ] One', true],
    'spaces on a blank line': ['## A\n   \n- [ ] One\n \t\n- [ ] Two\n', true],
    'trailing spaces after an item': ['## A\n- [ ] One  \n- [ ] Two \n', false],
    'trailing spaces after a heading': ['## A \n- [ ] One\n', false],
    'a tab inside the text': ["## A\n- [ ] One\tTwo [OSDI'20]\n", true],
    'a tab after the bullet': ['## A\n-\t[ ] One\n', false],
    'two spaces after the checkbox': ['## A\n- [ ]  One\n', false],
    'an empty item': ['## A\n- [ ]\n', false],
    '* and + bullets, one list each': ['## A\n* [ ] a\n* [x] b\n+ [X] c\n- [ ] d\n\n- [ ] e\n', true],
    '[X]': ['## A\n- [X] Upper\n', true],
    'numbered items': ['## A\n1. [ ] One\n2. [x] Two\n', false],
    'loose list': ['## A\n- [ ] a\n\n- [ ] b\n- [ ] c\n', true],
    'tight list, blank before the next heading': ['## A\n- [ ] a\n- [ ] b\n\n## B\n\n- [ ] c\n\n', true],
    'blank lines, then another bullet': ['## A\n- [ ] a\n\n* [ ] b\n\n* [ ] c\n', true],
    'an indented item': ['## A\n - [ ] one\n', false],
    'a nested item': ['## A\n- [ ] one\n  - [ ] nested\n', false],
    'closing hashes': ['## A ##\n- [ ] x\n', false],
    'a hash at the end of a heading': ['## C#\n- [ ] x\n', false],
    'a hashtag line': ['## A\n- [ ] x\n#tag\n', false],
    'seven hashes': ['####### A\n- [ ] x\n', false],
    'a link in a heading': ['## [A](u)\n- [ ] x\n', false],
    'emphasis in a title': ['## A\n- [ ] *Em* title\n- [ ] a_b\n', false],
    'an escape': ['## A\n- [ ] a\\[b\n', false],
    'an entity': ['## A\n- [ ] a &amp; b\n', false],
    'an autolink literal': ['## A\n- [ ] see www.x.org\n- [ ] a@b.org\n', false],
    'a < in a title': ['## A\n- [ ] a <b> c\n', false],
    'venue forms': [
      "## A\n- [ ] T[OSDI'20]\n- [ ] T (OSDI 2020)\n- [ ] [ICML 2020] T\n- [ ] T [Blog]\n- [ ] T [Paper]\n- [ ] T [2020]\n- [ ] T [arXiv]\n- [ ] T, OSDI'20\n" +
        "- [ ] T - OSDI 2020\n- [ ] T (2017.05 CVPR 2017)\n- [ ] T [NeurIPS-21]\n- [ ] T ([MICCAI18](https://x.org))\n- [ ] T [ OSDI'20 ]\n- [ ] T [Wu et al., 2021]\n- [ ] T (Wu et al., 2021)\n- [ ] T [CVPR 2019, oral]\n",
      true,
    ],
    'titles the rules change': [
      "## A\n- [ ] TODO: RoPE\n- [ ] \"Quoted Title\" by A. Author\n- [ ] Title by L. Weng [OSDI'20]\n- [ ] Graph Attention Networks | OpenReview\n- [ ] Bittig T. et al. Dynamics\n- [ ] T (by A. Karpathy)\n- [ ] Few-Shot - Learning\n- [ ] 日本語のタイトル[OSDI'20]\n- [ ] 1984\n- [ ] Don't Stop: Me\n",
      true,
    ],
    'links the rules read as words': [
      '## A\n- [ ] [Rammer](https://x.org): Enabling things\n- [ ] Add [Best Collection](https://x.org)\n- [ ] [Attention Is All You Need](https://x.org) -- reading\n- [ ] [BERT](https://x.org)\n- [ ] [Paper](https://x.org)\n- [ ] T [code](https://x.org) [[Paper](https://x.org)]\n',
      true,
    ],
    'parentheses in urls': ['## A\n- [ ] T [[Paper](https://x.org/a_(b))] [c](https://x.org/((d)))\n', true],
    'an unclosed destination': ['## A\n- [ ] T [p](https://x.org/a(b)\n', false],
    'a destination with a title': ['## A\n- [ ] T [p](https://x.org "t")\n', false],
    'empty labels and brackets': [
      '## A\n- [ ] T [](https://x.org) [[]](https://x.org) [x] ](f) [a [b](c) d](e)\n- [ ] [x] T\n',
      true,
    ],
    'a reference link without a definition': ['## A\n- [ ] T [p][r] [q]\n', true],
    'a reference link with a definition': ['## A\n- [ ] T [p][r]\n\n[r]: https://x.org\n', false],
    'lazy continuation': ['## A\n- [ ] one\ncontinues the item\n- [ ] two\n', false],
    'an indented line after an item': ['## A\n- [ ] one\n    more\n', false],
    'indented code after a blank': ['## A\n- [ ] one\n\n    code\n', false],
    'a setext underline after an item': ['## A\n- [ ] one\n---\n', false],
    'a setext = underline after an item': ['## A\n- [ ] one\n===\n', false],
    'a thematic break of bullets': ['## A\n- [ ] one\n- - -\n', false],
    'an html block': ['## A\n<details>\n\n- [ ] one\n\n</details>\n', false],
    'a fence': ['## A\n```\n- [ ] one\n```\n', false],
    'a table': ['## A\n| Title | Read |\n|---|---|\n| T | [x] |\n', false],
    'a lone CR inside a line': ['## A\n- [ ] a\rb\n', false],
    'a line separator inside a title': ['## A\n- [ ] a\u2028b\n', false],
    'a no-break space ending an item': ['## A\n- [ ] T\u00a0\n', false],
    'front matter': ['---\ntitle: x\n---\n## A\n- [ ] one\n', false],
    'one-line comments between items': [
      '## A\n- [ ] a\n<!-- c -->\n- [ ] b\n\n<!-- toc -->\n\n- [ ] c\n\n- [ ] d\n<!-- x --> trailing\n* [ ] e\n<!---->\n',
      true,
    ],
    'a comment open past its line': ['## A\n<!-- open\n- [ ] a\n-->\n', false],
    'an empty comment <!-->': ['## A\n<!-->\n- [ ] a\n', false],
    'an indented comment after an item': ['## A\n- [ ] a\n  <!-- c -->\n- [ ] b\n', false],
    'a comment with a lone CR': ['## A\n- [ ] a\n<!-- a -->\rtext\n', false],
  };
  for (const [name, [text, scanned]] of Object.entries(cases)) {
    it(name, async () => {
      await expectSameModel(text);
      expect(scannedWhole(text)).toBe(scanned);
    });
  }

  it('a cached part that ended inside an HTML block is joined and parsed again on the lazy path', async () => {
    const before = '# T\n\n## A\n\n- [ ] Alpha\n\n<div align="center">\nMade with love\n';
    const after = `${before}## B\n- [ ] Beta\n`;
    const store = new Map<string, ChunkModel>();
    const cache: ChunkCache = {
      get: (part) => store.get(partKeyOf(part)),
      set: (part, model) => void store.set(partKeyOf(part), model),
    };
    await parseDocumentPartsLazily(before, { cache });
    expect((await parseDocumentPartsLazily(after, { cache })).doc).toEqual(parseDocument(after, { reference: true }));
  });

  it('reads every part of the generated lists (and remark is not needed for them)', () => {
    const text = generatedList(300, 7);
    expect(partsOf(text).length).toBeGreaterThan(5);
    expect(scannedWhole(text)).toBe(true);
  });

  it('the bundle loads remark only on demand from the parser the store uses', () => {
    // dist/ is built by test/global-setup.ts; esbuild's metafile says which chunk holds what.
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
    };
    const holding = (input: string) =>
      Object.keys(meta.outputs).find((out) => Object.keys(meta.outputs[out]!.inputs).some((i) => i.endsWith(input)));
    const start = holding('src/core/read/parts.ts')!;
    expect(start).toBeDefined();
    const seen = new Set<string>();
    const visit = (out: string): void => {
      if (seen.has(out) || !meta.outputs[out]) return;
      seen.add(out);
      for (const imported of meta.outputs[out]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(start);
    const inputs = [...seen].flatMap((out) => Object.keys(meta.outputs[out]!.inputs));
    expect(inputs.filter((input) => /remark-parse|micromark|unified|src\/core\/parse-remark\.ts/.test(input))).toEqual(
      [],
    );
  });
});

/** A list in the style scripts/bench.mjs generates, with more title and venue forms. */
function generatedList(count: number, seed: number): string {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = [
    'Adaptive',
    'Graph',
    'GPU',
    'fine-grained',
    'at',
    'Scale',
    'in',
    'the',
    'Datacenter',
    "Don't",
    'Why?',
    'I/O',
    'x86',
  ];
  const venues = [
    "[OSDI'20]",
    "[USENIX ATC'22]",
    '[NeurIPS 2019]',
    '[arXiv]',
    '[Blog]',
    '[2020]',
    '',
    '',
    '[ICML2018]',
    '[MICCAI18]',
    '[Paper]',
  ];
  const lines = ['# Papers', ''];
  for (let n = 1; n <= count; n++) {
    if (n % 25 === 1) lines.push(`## Area ${n}`, '');
    const title = `${pick(words)} ${pick(words)} ${n}: ${pick(words)} ${pick(words)}`;
    const links = pick([
      '',
      ': [[Paper](https://x.org/p/1.pdf)]',
      ': [[Paper](https://x.org/p/1.pdf)] [[Note](https://x.org/n/(1))]',
      ' [[code]](https://x.org/c)',
    ]);
    lines.push(`${pick(['-', '-', '*'])} [${pick([' ', 'x', 'X'])}] ${title}${pick(venues)}${links}`);
    if (random() < 0.6) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('the line scanner agrees with remark on generated plain lists', () => {
  const word = fc.constantFrom(
    'Adaptive',
    'graph',
    'GPU',
    'fine-grained',
    '12',
    'Scale:',
    "Don't",
    'Why?',
    'I/O',
    'TODO',
    'by',
    'A.',
    'et',
    'al.',
    '-',
    ',',
    '"Quoted"',
    '日本',
    'Paper',
    '(x)',
    'OSDI',
  );
  const venue = fc.constantFrom(
    '',
    "[OSDI'20]",
    " [USENIX ATC'22]",
    '[NeurIPS 2019]',
    ' (ICML 2020)',
    '[arXiv]',
    '[Blog]',
    '[2020]',
    '[Paper]',
    ', CVPR 2019',
    ' - OSDI 2020',
    '[Wu et al., 2021]',
    '[ICML2018]',
  );
  const link = fc.constantFrom(
    '[[Paper](https://x.org/p.pdf)]',
    '[[Note](https://x.org/n)]',
    '[code](https://x.org/c)',
    '[Attention Is All You Need](https://x.org/a)',
    '[[PDF]](https://x.org/(1))',
    '[MICCAI18](https://x.org/m)',
    '[](https://x.org/e)',
  );
  const item = fc
    .tuple(
      fc.constantFrom('- ', '* ', '+ '),
      fc.constantFrom('[ ] ', '[x] ', '[X] '),
      fc.array(word, { minLength: 1, maxLength: 6 }),
      venue,
      fc.constantFrom('', ': ', ' '),
      fc.array(link, { maxLength: 3 }),
    )
    .map(
      ([bullet, box, words, tag, separator, links]) =>
        `${bullet}${box}${words.join(' ')}${tag}${links.length ? separator + links.join(' ') : ''}`,
    );
  const line = fc.oneof(
    { arbitrary: item, weight: 6 },
    fc.constant(''),
    fc.constantFrom('## Area', '### Sub Area', '# Title'),
  );
  it('random plain lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        const text = lines.join(eol);
        await expectSameModel(text);
        expect(scannedWhole(text)).toBe(true);
      }),
      {
        numRuns: propertyRuns(200),
        ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
      },
    );
  });
});

describe('one part cache for several related texts (partCacheForCall: the merge driver, add read-back)', () => {
  // A part shared by the texts is read once; the same part text under other link definitions, or
  // beside a changed part, must still read as a parse of that text alone.
  it('gives each text the model a parse of it alone gives', () => {
    const seed = readFileSync(join(ROOT, 'examples', 'paper-reading.md'), 'utf8');
    const withDefinitions = (text: string, url: string) =>
      `${text.replace('- [ ] ROLLER', '- [ ] ROLLER [[Code][code]]')}\n[code]: ${url}\n`;
    const texts = [
      seed,
      seed.replace('- [ ] ROLLER', '- [x] ROLLER'),
      withDefinitions(seed, 'https://example.org/one'),
      withDefinitions(seed, 'https://example.org/two'),
      seed.replace('## OS', '## OS\n\n| Status | Paper |\n|---|---|\n| ✅ | **A Table Paper** |\n'),
      seed,
    ];
    const cache = partCacheForCall();
    for (const text of texts) expect(parseDocument(text, { cache })).toEqual(parseDocument(text));
  });
});
