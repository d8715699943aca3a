/**
 * Planted cache entries whose values are in range and whose checksums are right (test/cache-entry.ts
 * re-seals them): what the #21 review found a write still took from the cache. A section's end (where
 * `add` puts a new sub-area), the file's line ending, which papers share a list (what `rm` takes out
 * with a paper), and a refusal ("no paper matches") are read off the text before they decide anything:
 * each write here writes the bytes it writes without a cache.
 */
import { describe, expect, it } from 'vitest';
import { Count } from '../src/store/cache/layout.js';
import { decoyRun, type editableEntry, plantedRun, uncachedRun } from './cache-entry.js';

type Entry = ReturnType<typeof editableEntry>;

const uncached = uncachedRun;
const planted = (text: string, plant: (entry: Entry) => void, args: string[]) => plantedRun(text, plant, args);

const SECTIONS =
  '# Reading\n\n## A\n\n- [ ] Alpha one\n- [ ] Alpha two\n\n## B\n\n- [ ] Beta one\n\n## C\n\n- [ ] Gamma one\n- [ ] Gamma two\n';

describe('a planted entry (right checksums, values in range) decides no bytes', () => {
  it("a section's end: add --area B/Sub puts the new sub-area under B, not at the end of C", async () => {
    const args = ['add', 'New Paper', '--area', 'B/Sub'];
    const expected = await uncached(SECTIONS, args);
    // Heading 2 is `## B` (0 is the document's title): its section made to run to the end of the text.
    const got = await planted(SECTIONS, (e) => (e.factsWords[e.headingField('SectionEnd', 2)] = SECTIONS.length), args);
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected.text);
    expect(got.text.indexOf('### Sub')).toBeLessThan(got.text.indexOf('## C'));
  });

  it("the file's line ending: add writes LF into an LF file when the entry says CRLF", async () => {
    const text = '# R\n\n## A\n\n- [ ] Alpha\n';
    const args = ['add', 'New Paper', '--area', 'A'];
    const expected = await uncached(text, args);
    const got = await planted(text, (e) => (e.factsWords[Count.Eol] = 1), args);
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected.text);
    expect(got.text).not.toContain('\r');
  });

  it('which papers share a list: rm keeps the blank line before the next list', async () => {
    const text = '# R\n\n## A\n\n- [ ] Alpha\n- [ ] Bravo\n\n* [ ] Charlie\n';
    const args = ['rm', '--yes', 'bravo'];
    const expected = await uncached(text, args);
    // Charlie put in Alpha and Bravo's list.
    const got = await planted(
      text,
      (e) => (e.factsWords[e.paperField('List', 2)] = e.factsWords[e.paperField('List', 0)]!),
      args,
    );
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected.text);
  });

  it('a refusal is the text’s: a decoy model that lacks the paper does not make done say "no paper matches"', async () => {
    const text = '# R\n\n## A\n\n- [ ] Alpha Paper\n- [ ] Beta Paper\n';
    const decoy = text.replace('- [ ] Alpha Paper', '- ... Alpha Paper');
    expect(decoy.length).toBe(text.length);
    const args = ['done', 'alpha-paper'];
    const expected = await uncached(text, args);
    expect(expected.status).toBe(0);
    // The decoy's entry (right checksums: it is a real entry) stored as the list's.
    const got = await decoyRun(text, decoy, args);
    expect(got.status, got.stderr).toBe(0);
    expect(got.text).toBe(expected.text);
  });
});
