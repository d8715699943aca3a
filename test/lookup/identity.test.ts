/** The pure rules under `add <ref>`: which text is which reference, URL and title identity, venue forms. No network. */
import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, doiFromUrl, normalizeTitle, normalizeUrl } from '../../src/core/query/identity.js';
import { citeKey, rekey, uniqueKeys } from '../../src/core/meta/bibtex.js';
import { parseRef } from '../../src/core/meta/ref.js';
import { DEFAULT_FORM, formatVenue, shortVenueName, venueFormOf } from '../../src/core/meta/venue-form.js';

describe('parseRef', () => {
  it('reads every documented form, and leaves titles alone', () => {
    expect(parseRef('2206.15472')).toEqual({ kind: 'arxiv', id: '2206.15472', url: null });
    expect(parseRef('arXiv:2206.15472v2')).toEqual({ kind: 'arxiv', id: '2206.15472v2', url: null });
    expect(parseRef('cs/0112017')).toEqual({ kind: 'arxiv', id: 'cs/0112017', url: null });
    expect(parseRef('math.GT/0309136')).toEqual({ kind: 'arxiv', id: 'math.GT/0309136', url: null });
    expect(parseRef('https://arxiv.org/abs/2206.15472')).toMatchObject({ kind: 'arxiv', id: '2206.15472' });
    expect(parseRef('https://arxiv.org/pdf/2206.15472v1')).toMatchObject({ kind: 'arxiv', id: '2206.15472v1' });
    expect(parseRef('http://arxiv.org/pdf/2206.15472v1.pdf')).toMatchObject({ kind: 'arxiv', id: '2206.15472v1' });
    expect(parseRef('10.1145/3341617.3326138')).toEqual({ kind: 'doi', doi: '10.1145/3341617.3326138', url: null });
    expect(parseRef('doi:10.1145/3341617.3326138')).toMatchObject({ kind: 'doi', doi: '10.1145/3341617.3326138' });
    expect(parseRef('https://doi.org/10.1145/3341617.3326138')).toMatchObject({
      kind: 'doi',
      doi: '10.1145/3341617.3326138',
    });
    expect(parseRef('https://dl.acm.org/doi/pdf/10.1145/3341617.3326138')).toMatchObject({
      kind: 'doi',
      doi: '10.1145/3341617.3326138',
    });
    expect(parseRef('https://aclanthology.org/2022.acl-long.1.pdf')).toMatchObject({
      kind: 'doi',
      doi: '10.18653/v1/2022.acl-long.1',
    });
    expect(parseRef('https://dblp.org/rec/conf/osdi/YuJKKC22.html')).toEqual({
      kind: 'dblp',
      key: 'conf/osdi/YuJKKC22',
      url: null,
    });
    expect(parseRef('https://dblp.org/rec/conf/osdi/YuJKKC22.bib')).toMatchObject({
      kind: 'dblp',
      key: 'conf/osdi/YuJKKC22',
    });
    expect(parseRef('Attention Is All You Need')).toBeNull();
    expect(parseRef('GPT-4 Technical Report')).toBeNull();
    expect(parseRef('https://www.usenix.org/conference/osdi22/presentation/yu')).toEqual({
      kind: 'page',
      url: 'https://www.usenix.org/conference/osdi22/presentation/yu',
    });
  });
});

describe('identity', () => {
  it('normalises URLs: scheme, www, abs/pdf, version, .pdf, trailing slash', () => {
    const same = [
      'https://arxiv.org/abs/2207.04606',
      'http://www.arxiv.org/pdf/2207.04606v2.pdf',
      'https://arxiv.org/pdf/2207.04606/',
    ];
    expect(new Set(same.map(normalizeUrl)).size).toBe(1);
    expect(normalizeUrl('https://www.usenix.org/system/files/osdi20-ma.pdf')).toBe(
      normalizeUrl('http://usenix.org/system/files/osdi20-ma.pdf/'),
    );
    expect(normalizeUrl('https://example.org/a')).not.toBe(normalizeUrl('https://example.org/b'));
    expect(arxivIdFromUrl('https://arxiv.org/abs/cs/0112017v1')).toBe('cs/0112017v1');
    expect(doiFromUrl('https://dx.doi.org/10.1145/ABC.1')).toBe('10.1145/abc.1');
    expect(normalizeTitle('Rammer: Enabling  Holistic Deep-Learning')).toBe(
      normalizeTitle('rammer enabling holistic deep learning'),
    );
  });
});

describe('venue forms and keys', () => {
  it('reads a list venue form and writes a new venue in it', () => {
    expect(venueFormOf("OSDI'22")).toEqual({ separator: "'", digits: 2 });
    expect(venueFormOf('OSDI 2022')).toEqual({ separator: ' ', digits: 4 });
    expect(venueFormOf("NeurIPS '17")).toEqual({ separator: " '", digits: 2 });
    expect(venueFormOf('ICLR2018')).toEqual({ separator: '', digits: 4 });
    expect(venueFormOf('ResNet50')).toBeNull();
    expect(formatVenue('USENIX ATC', 2022, DEFAULT_FORM)).toBe("USENIX ATC'22");
    expect(formatVenue('NeurIPS', 2017, { separator: " '", digits: 2 })).toBe("NeurIPS '17");
    expect(shortVenueName('ASPLOS (2)')).toBe('ASPLOS');
    expect(shortVenueName('NIPS')).toBe('NeurIPS');
    expect(shortVenueName('CoRR')).toBeNull();
  });

  it('makes stable, unique cite keys', () => {
    expect(citeKey({ authors: ['Christopher Ré'], year: 2022, title: 'The FlashAttention Paper' })).toBe(
      're2022flashattention',
    );
    expect(citeKey({ authors: ['Wei Chen 0001'], year: 2020, title: 'A Study' })).toBe('chen2020study');
    expect(uniqueKeys(['a2020x', 'b2020y', 'a2020x'])).toEqual(['a2020x', 'b2020y', 'a2020xb']);
    expect(rekey('@InProceedings{DBLP:conf/osdi/X22,\n  title = {T}\n}', 'x2022t')).toBe(
      '@inproceedings{x2022t,\n  title = {T}\n}',
    );
  });
});
