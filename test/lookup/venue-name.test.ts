/** The venue-name rules (core/meta/venue-name.ts) and title cleaning (core/meta/clean.ts), on the shapes real answers have. */
import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../src/core/meta/clean.js';
import { isListableName, journalRefVenue, venueName } from '../../src/core/meta/venue-name.js';
import { parseVenue } from '../../src/core/read/venue.js';

describe('venueName', () => {
  const cases: [Parameters<typeof venueName>[0], string | null][] = [
    [{ kind: 'conference', acronyms: ['A-TEST\\@ESEC/SIGSOFT FSE'] }, 'A-TEST'],
    [{ kind: 'conference', acronyms: ['ESEC/SIGSOFT FSE'] }, 'FSE'],
    [{ kind: 'conference', acronyms: ['ACL/IJCNLP (1)'] }, 'ACL-IJCNLP'],
    [{ kind: 'conference', acronyms: ['NAACL-HLT (1)'] }, 'NAACL-HLT'],
    [{ kind: 'conference', acronyms: ["SOSP '23"] }, 'SOSP'],
    [{ kind: 'conference', acronyms: ['NIPS'] }, 'NeurIPS'],
    [{ kind: 'conference', names: ['Neural Information Processing Systems'] }, 'NeurIPS'],
    [{ kind: 'conference', names: ['2019 IEEE AFRICON'] }, 'AFRICON'],
    [
      {
        kind: 'conference',
        names: ['23rd International Conference on Distributed Computing Systems Workshops, 2003. Proceedings.'],
      },
      'ICDCSW',
    ],
    [{ kind: 'conference', names: ['Proceedings of SPIE', 'Optical Metrology'] }, 'Proc. SPIE'],
    [{ kind: 'journal', acronyms: ['Softw. Test.\\, Verif. Reliab.'] }, 'STVR'],
    [{ kind: 'journal', names: ['Journal of Applied Physics'] }, 'J. Appl. Phys.'],
    [
      {
        kind: 'journal',
        names: ['Proceedings of the National Academy of Sciences'],
        abbreviations: ['Proc. Natl. Acad. Sci. U.S.A.'],
      },
      'PNAS',
    ],
    [
      {
        kind: 'journal',
        names: ['Annual Review of Pathology: Mechanisms of Disease'],
        abbreviations: ['Annu. Rev. Pathol. Mech. Dis.'],
      },
      'Annu. Rev. Pathol.',
    ],
    [{ kind: 'journal', names: ['Biochimica et Biophysica Acta (BBA) - Reviews on Cancer'] }, 'BBA'],
    [
      { kind: 'journal', acronyms: ['Nat. Mac. Intell.'], names: ['Nature Machine Intelligence'] },
      'Nature Machine Intelligence',
    ],
    [
      {
        kind: 'journal',
        names: ['Frontiers in Ecology and the Environment'],
        abbreviations: ['Frontiers in Ecol &amp; Environ'],
      },
      'Front. Ecol. Environ.',
    ],
    [{ kind: 'preprint', names: ['bioRxiv'] }, 'bioRxiv'],
    [{ kind: 'journal', names: ['bioRxiv', 'Cell Genomics'] }, 'Cell Genomics'],
    [{ kind: 'journal', names: ['arXiv.org', 'ArXiv'] }, null],
    [{ kind: 'unknown', names: [] }, null],
  ];
  it.each(cases)('%j -> %s', (hints, want) => {
    expect(venueName(hints)).toBe(want);
  });

  it('every name it makes reads back as a venue with a year, in each form lists use', () => {
    for (const [hints] of cases) {
      const name = venueName(hints);
      if (name === null) continue;
      expect(isListableName(name), name).toBe(true);
      for (const written of [`${name}'22`, `${name} 2022`, `${name} '22`])
        expect(parseVenue(written), written).toEqual({ name, year: 2022 });
    }
  });
});

describe('journalRefVenue', () => {
  it.each([
    ['Phys. Rev. B 74, 024520 (2006)', { name: 'Phys. Rev. B', year: 2006 }],
    ['Physical Review B 82, 060515(R) (2010)', { name: 'Phys. Rev. B', year: 2010 }],
    ['Int. J. Mod. Phys. B, 26, 1244002 (2012)', { name: 'IJMPB', year: 2012 }],
    ['ActaAstron.56:1-50,2006', { name: 'Acta Astron.', year: 2006 }],
    ['Annals of Physics 324, 523 (2009).', { name: 'Ann. Phys.', year: 2009 }],
    ['Proceedings of ICML 2019', { name: 'ICML', year: 2019 }],
    ['', null],
  ])('%s', (ref, want) => {
    const got = journalRefVenue(ref);
    expect(got && { name: got.name, year: got.year }).toEqual(want);
  });
});

describe('cleanTitle', () => {
  it.each([
    ['<scp>T</scp>reebase: an<scp>R</scp>package for discovery', {}, 'Treebase: an R package for discovery'],
    ['Oncogenic mutations p110α (\n            <i>PIK3CA</i>\n            )', {}, 'Oncogenic mutations p110α (PIK3CA)'],
    ['The role of\n   <scp>AI</scp>\n  in ecology’s footprint', {}, 'The role of AI in ecology’s footprint'],
    ['Analyse de l&apos;injection.', {}, "Analyse de l'injection"],
    ['$\\omega$Test: a tool', {}, 'ωTest: a tool'],
    [
      'FUSION',
      { subtitle: 'An Online Method for Multistream Classification' },
      'FUSION: An Online Method for Multistream Classification',
    ],
    ['Datenqualit{\\"{a}}t: Eine {DBLP}', { latex: true }, 'Datenqualität: Eine DBLP'],
    ['H<sub>2</sub>O splitting', {}, 'H2O splitting'],
    ['Pharmacokinetics of oligonucleotides.', {}, 'Pharmacokinetics of oligonucleotides'],
    ['Where to?', {}, 'Where to?'],
  ])('%s', (raw, options, want) => {
    expect(cleanTitle(raw, options)).toBe(want);
  });
});
