/**
 * The fast paths (parts parsed apart, the plain-line parser, cached parts) must give exactly the model
 * one whole-document remark parse gives: every field and every offset.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from '../src/core/chunks.js';
import { type ChunkCache, type ChunkModel, parseDocument, parseDocumentParts } from '../src/core/parse.js';
import { scanPart } from '../src/core/scan.js';
import { ModelCache } from '../src/store/cache.js';
import { fingerprintOf } from '../src/store/read.js';
import { hasShared, realLists, tempDir } from './helpers.js';

function expectSameModel(text: string): void {
  const reference = parseDocument(text, { reference: true });
  expect(parseDocument(text)).toEqual(reference);
  // Through a cache too: a second parse served from stored parts is the same model.
  const store = new Map<string, ChunkModel>();
  const cache: ChunkCache = { get: (key) => store.get(key), set: (key, model) => void store.set(key, JSON.parse(JSON.stringify(model))) };
  expect(parseDocument(text, { cache })).toEqual(reference);
  expect(parseDocument(text, { cache })).toEqual(reference);
  // Through the file cache: the stored model, and a re-parse that takes its parts from it.
  const files = new ModelCache(tempDir());
  const { doc, parts } = parseDocumentParts(text);
  files.store(fingerprintOf(text), '/list.md', doc, parts);
  // Cached papers decode their offsets lazily: compare them as plain data.
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  expect(plain(files.exact(fingerprintOf(text), text))).toEqual(plain(reference));
  expect(parseDocument(text, { cache: files.previousParts('/list.md') })).toEqual(reference);
}

describe.skipIf(!hasShared)('fast paths agree with remark on every real list', () => {
  for (const file of realLists()) {
    it(basename(file), () => expectSameModel(readFileSync(file, 'utf8')));
  }
});

describe('fast paths agree with remark on tricky parts', () => {
  const cases: Record<string, string> = {
    'heading inside a fence': '# A\n\n- [ ] One\n\n```bash\n# not a heading\n- [ ] not a paper\n```\n\n## B\n\n- [x] Two\n',
    'heading inside a comment': '# A\n\n<!--\n# hidden\n- [ ] hidden\n-->\n\n## B\n\n- [ ] Two\n',
    'heading right after an HTML line': '## A\n\n<details>\n# inside html\n- [ ] x\n\n- [ ] y\n</details>\n\n## B\n- [ ] z\n',
    'unclosed fence': '## A\n\n~~~\n## B\n- [ ] in code\n',
    'definitions are document-wide': '## A\n\n- [ ] Title [OSDI\'20] [paper][p]\n\n## B\n\n[p]: https://x.org/p\n',
    'crlf and bom': '\uFEFF# T\r\n\r\n## A\r\n\r\n- [ ] One[OSDI\'20]: [[Paper](https://x.org/1)]\r\n\r\n- [x] Two\r\n',
    'tight then loose lists, mixed bullets': '## A\n- [ ] a\n- [x] b\n\n* [ ] c\n\n* [ ] d\n+ [X] e\n',
    'brackets the plain parser must get right': '## A\n\n- [ ] [[paper]](https://x.org/a) [GAT] T [x](y) [a [b](c) d](e) ](f) [g](h(i)j)\n- [ ] T [u]() [v](w\n- [ ] ]( [ok](https://x.org/(1))\n',
    'markup falls back to remark': '## A\n\n- [ ] *em* T\n- [ ] `code` [p](u)\n- [ ] a & b\n- [ ] https://x.org\n- [ ] ![i](u) t\n- [ ] t\\_u\n',
    'paragraph and nested items': '## A\n\nsome text\n- [ ] after text\n  - [ ] nested\n  - note\n',
    'setext headings': 'Title\n=====\n\nArea\n----\n\n- [ ] one\n',
    'no final newline': '## A\n\n- [ ] one\n\n- [ ] two',
    'front matter': '---\ntitle: x\n---\n# T\n\n## A\n\n- [ ] one\n',
    'front matter with a # comment': '---\n# tags below\ntags: [a]\n---\n# Reading list\n\n## Systems\n\n- [ ] one\n',
    'a definition inside a block quote': "## A\n\n- [ ] Foo: [[Paper][foo]]\n\n## Refs\n\n> [foo]: https://x.org/foo.pdf\n",
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
    expect(splitIntoChunks(text).map((chunk) => text.slice(chunk.start, chunk.end).split('\n')[0])).toEqual(['# A', '## B', '### C']);
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
        fc.array(fc.constantFrom('Title', ' ', 'a', '[', ']', '(', ')', ':', "OSDI'22", '[[Paper](https://x.org/p)]', '[n](u)', '*', '_', '`', '<b>', '&amp;', '\\', 'www.x.org', '日本'), { minLength: 1, maxLength: 8 }),
      )
      .map(([bullet, box, words]) => bullet + box + words.join('')),
    fc.constantFrom('```', '~~~', '<!--', '-->', '<details>', 'text line', '[d]: https://x.org', '    indented'),
  );
  it('random documents', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        expectSameModel(lines.join(eol));
      }),
      { numRuns: 300 },
    );
  });
});
