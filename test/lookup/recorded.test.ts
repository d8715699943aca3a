/**
 * `papers add <ref>` on real, recorded API answers (test/fixtures/api/, origins in its README), served
 * from 127.0.0.1 by recorded-apis.ts: each case names the source that answers (the others know nothing)
 * and the exact line the list gets.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_WAIT_MS, runCliInProcess, tempDir, tempFile } from '../helpers.js';
import { RecordedApis } from './recorded-apis.js';

const LIST = `# Reading

## Papers

- [x] Rammer: Enabling Holistic Deep Learning Compiler Optimizations with rTasks[OSDI'20]: [[Paper](https://www.usenix.org/system/files/osdi20-ma.pdf)]
`;

let apis: RecordedApis;
beforeAll(async () => {
  apis = await new RecordedApis().start();
});
afterAll(async () => {
  await apis.stop();
});

type Source = 'arxiv' | 'crossref' | 'dblp' | 's2' | 'openalex';

interface Case {
  /** What follows `papers add`. */
  ref: string[];
  /** Sources that know nothing in this case (so that the one under test answers). */
  none?: Source[];
  line: string;
}

async function addLine(c: Case): Promise<{ line: string; stderr: string; status: number }> {
  const file = tempFile(LIST);
  const result = await runCliInProcess(['--file', file, 'add', ...c.ref, '--area', 'Papers'], {
    env: {
      ...apis.env(c.none),
      PAPERS_HTTP_MIN_INTERVAL_MS: '0',
      PAPERS_HTTP_TIMEOUT_MS: String(LONG_WAIT_MS),
      PAPERS_CACHE_DIR: tempDir(),
    },
  });
  const added = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !LIST.split('\n').includes(line));
  return { line: added.join('\n'), stderr: result.stderr, status: result.status };
}

export const ARXIV: Case[] = [
  {
    ref: ['1605.08386'],
    line: "- [ ] Heat-bath random walks with Markov bases[arXiv'16]: [[Paper](https://arxiv.org/abs/1605.08386)]",
  },
  {
    ref: ['1707.08567'],
    line: "- [ ] Proceedings of Workshop AEW10: Concepts in Information Theory and Communications[arXiv'17]: [[Paper](https://arxiv.org/abs/1707.08567)]",
  },
  {
    ref: ['astro-ph/0601001'],
    line: "- [ ] Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina[Acta Astron.'06]: [[Paper](https://arxiv.org/abs/astro-ph/0601001)]",
  },
  {
    ref: ['quant-ph/0201082v1'],
    line: "- [ ] Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and Quantum C Language[arXiv'02]: [[Paper](https://arxiv.org/abs/quant-ph/0201082v1)]",
  },
  { ref: ['2104.12255v1'], line: "- [ ] 0[arXiv'21]: [[Paper](https://arxiv.org/abs/2104.12255v1)]" },
  {
    ref: ['1201.4869'],
    line: "- [ ] A Luttinger Liquid Core Inside Helium-4 Filled Nanopores[IJMPB'12]: [[Paper](https://arxiv.org/abs/1201.4869)]",
  },
  {
    ref: ['cond-mat/0412498'],
    line: "- [ ] Thermal melting of density waves on the square lattice[Phys. Rev. B'05]: [[Paper](https://arxiv.org/abs/cond-mat/0412498)]",
  },
  {
    ref: ['cond-mat/0603029'],
    line: "- [ ] From stripe to checkerboard order on the square lattice in the presence of quenched disorder[Phys. Rev. B'06]: [[Paper](https://arxiv.org/abs/cond-mat/0603029)]",
  },
  {
    ref: ['1005.5383'],
    line: "- [ ] Interacting bosons in one dimension and Luttinger liquid theory[Phys. Rev. B'10]: [[Paper](https://arxiv.org/abs/1005.5383)]",
  },
  {
    ref: ['1303.6954v2'],
    line: "- [ ] Local Superfluidity at the Nanoscale[Phys. Rev. B'13]: [[Paper](https://arxiv.org/abs/1303.6954v2)]",
  },
  {
    ref: ['1312.6177'],
    line: "- [ ] Quantum Monte Carlo measurement of the chemical potential of helium-4[Phys. Rev. B'14]: [[Paper](https://arxiv.org/abs/1312.6177)]",
  },
  {
    ref: ['1412.6529'],
    line: "- [ ] Particle partition entanglement of bosonic Luttinger liquids[Phys. Rev. B'15]: [[Paper](https://arxiv.org/abs/1412.6529)]",
  },
  {
    ref: ['cond-mat/0607501'],
    line: "- [ ] A striped supersolid phase and the search for deconfined quantum criticality in hard-core bosons on the triangular lattice[Phys. Rev. B'06]: [[Paper](https://arxiv.org/abs/cond-mat/0607501)]",
  },
  {
    ref: ['cond-mat/0702661'],
    line: "- [ ] Low temperature specific heat and possible gap to magnetic excitations in the Heisenberg pyrochlore antiferromagnet Gd2Sn207[Phys. Rev. B'07]: [[Paper](https://arxiv.org/abs/cond-mat/0702661)]",
  },
  {
    ref: ['0807.2873'],
    line: "- [ ] Theory of the pairbreaking superconductor-metal transition in nanowires[Ann. Phys.'09]: [[Paper](https://arxiv.org/abs/0807.2873)]",
  },
];

export const CROSSREF: Case[] = [
  {
    ref: ['10.1063/1.4938384'],
    line: "- [ ] Effect of native oxide layers on copper thin-film tensile properties: A reactive molecular dynamics study[J\\. Appl. Phys.'15]: [[Paper](https://doi.org/10.1063/1.4938384)]",
  },
  {
    ref: ['10.1038/s42256-024-00832-8'],
    line: "- [ ] Augmenting large language models with chemistry tools[Nature Machine Intelligence'24]: [[Paper](https://doi.org/10.1038/s42256-024-00832-8)]",
  },
  {
    ref: ['10.1101/2024.04.01.587366'],
    line: "- [ ] High-throughput screening of human genetic variants by pooled prime editing[bioRxiv'24]: [[Paper](https://doi.org/10.1101/2024.04.01.587366)]",
  },
  {
    ref: ['10.1007/s40278-023-41815-2'],
    line: "- [ ] Convalescent-anti-sars-cov-2-plasma/immune-globulin: Fever and mild decrease in baseline oxygen saturation following off-label use: 3 case reports[Reactions Weekly'23]: [[Paper](https://doi.org/10.1007/s40278-023-41815-2)]",
  },
  {
    ref: ['10.1073/pnas.1414271111'],
    line: "- [ ] Developing functional musculoskeletal tissues through hypoxia and lysyl oxidase-induced collagen cross-linking[PNAS'14]: [[Paper](https://doi.org/10.1073/pnas.1414271111)]",
  },
  {
    ref: ['10.1073/pnas.1205508109'],
    line: "- [ ] Oncogenic mutations mimic and enhance dynamic events in the natural activation of phosphoinositide 3-kinase p110α (PIK3CA\\)[PNAS'12]: [[Paper](https://doi.org/10.1073/pnas.1205508109)]",
  },
  {
    ref: ['10.1016/j.semcdb.2016.08.024'],
    line: "- [ ] The impact of heterogeneity in phosphoinositide 3-kinase pathway in human cancer and possible therapeutic treatments[SCDB'17]: [[Paper](https://doi.org/10.1016/j.semcdb.2016.08.024)]",
  },
  {
    ref: ['10.1146/annurev.pathol.4.110807.092311'],
    line: "- [ ] PTEN and the PI3-Kinase Pathway in Cancer[Annu. Rev. Pathol.'09]: [[Paper](https://doi.org/10.1146/annurev.pathol.4.110807.092311)]",
  },
  {
    ref: ['10.1186/1471-2148-11-4'],
    line: "- [ ] Phylogenomics of phosphoinositide lipid kinases: perspectives on the evolution of second messenger signaling and drug discovery[BMC Evolutionary Biology'11]: [[Paper](https://doi.org/10.1186/1471-2148-11-4)]",
  },
  {
    ref: ['10.1016/j.xgen.2025.100814'],
    line: "- [ ] High-throughput screening of human genetic variants by pooled prime editing[Cell Genomics'25]: [[Paper](https://doi.org/10.1016/j.xgen.2025.100814)]",
  },
  {
    ref: ['10.1109/icdcsw.2003.1203662'],
    line: "- [ ] Accurate and explicit differentiation of wireless and congestion losses[ICDCSW'03]: [[Paper](https://doi.org/10.1109/icdcsw.2003.1203662)]",
  },
  {
    ref: ['10.1111/j.2041-210x.2012.00247.x'],
    line: "- [ ] Treebase: an R package for discovery, access and manipulation of online phylogenies[Methods Ecol Evol'12]: [[Paper](https://doi.org/10.1111/j.2041-210x.2012.00247.x)]",
  },
  {
    ref: ['10.1002/fee.70021'],
    line: "- [ ] The role of AI in ecology’s computational carbon footprint[Front. Ecol. Environ.'26]: [[Paper](https://doi.org/10.1002/fee.70021)]",
  },
];

export const S2: Case[] = [
  {
    ref: ['10.1038/s42256-024-00832-8'],
    none: ['crossref'],
    line: "- [ ] Augmenting large language models with chemistry tools[Nature Machine Intelligence'24]: [[Paper](https://doi.org/10.1038/s42256-024-00832-8)]",
  },
  {
    ref: ['10.1063/1.4938384'],
    none: ['crossref'],
    line: "- [ ] Effect of native oxide layers on copper thin-film tensile properties: A reactive molecular dynamics study[J\\. Appl. Phys.'15]: [[Paper](https://doi.org/10.1063/1.4938384)]",
  },
  {
    ref: ['10.1073/pnas.1414271111'],
    none: ['crossref'],
    line: "- [ ] Developing functional musculoskeletal tissues through hypoxia and lysyl oxidase-induced collagen cross-linking[PNAS'14]: [[Paper](https://doi.org/10.1073/pnas.1414271111)]",
  },
  {
    ref: ['10.1016/j.addr.2015.01.008'],
    none: ['crossref'],
    line: "- [ ] Pharmacokinetics, biodistribution and cell uptake of antisense oligonucleotides[ADDR'15]: [[Paper](https://doi.org/10.1016/j.addr.2015.01.008)]",
  },
  {
    ref: ['10.1023/a:1007154515475'],
    none: ['crossref'],
    line: "- [ ] An essential role of active site arginine residue in iodide binding and histidine residue in electron transfer for iodide oxidation by horseradish peroxidase[Mol. Cell. Biochem.'01]: [[Paper](https://doi.org/10.1023/a:1007154515475)]",
  },
  {
    ref: ['1706.03762'],
    none: ['arxiv'],
    line: "- [ ] Attention is All you Need[NeurIPS'17]: [[Paper](https://arxiv.org/abs/1706.03762)]",
  },
  {
    ref: ['2312.07559'],
    none: ['arxiv'],
    line: "- [ ] PaperQA: Retrieval-Augmented Generative Agent for Scientific Research[arXiv'23]: [[Paper](https://arxiv.org/abs/2312.07559)]",
  },
];

export const OPENALEX: Case[] = [
  {
    ref: ['10.1016/j.xgen.2025.100814'],
    none: ['crossref', 's2'],
    line: "- [ ] High-throughput screening of human genetic variants by pooled prime editing[Cell Genomics'25]: [[Paper](https://doi.org/10.1016/j.xgen.2025.100814)]",
  },
  {
    ref: ['10.1016/j.addr.2015.01.008'],
    none: ['crossref', 's2'],
    line: "- [ ] Pharmacokinetics, biodistribution and cell uptake of antisense oligonucleotides[ADDR'15]: [[Paper](https://doi.org/10.1016/j.addr.2015.01.008)]",
  },
  {
    ref: ['10.1023/a:1007154515475'],
    none: ['crossref', 's2'],
    line: "- [ ] An essential role of active site arginine residue in iodide binding and histidine residue in electron transfer for iodide oxidation by horseradish peroxidase[Mol. Cell. Biochem.'01]: [[Paper](https://doi.org/10.1023/a:1007154515475)]",
  },
  {
    ref: ['10.1007/s40278-023-41815-2'],
    none: ['crossref', 's2'],
    line: "- [ ] Convalescent-anti-sars-cov-2-plasma/immune-globulin[Reactions Weekly'23]: [[Paper](https://doi.org/10.1007/s40278-023-41815-2)]",
  },
  {
    ref: ['10.1073/pnas.1414271111'],
    none: ['crossref', 's2'],
    line: "- [ ] Developing functional musculoskeletal tissues through hypoxia and lysyl oxidase-induced collagen cross-linking[PNAS'14]: [[Paper](https://doi.org/10.1073/pnas.1414271111)]",
  },
];

export const DBLP: Case[] = [
  {
    ref: ['--lookup', 'SZZ unleashed'],
    line: "- [ ] SZZ unleashed: an open implementation of the SZZ algorithm - featuring example usage in a study of just-in-time bug prediction for the Jenkins project[MaLTeSQuE'19]: [[Paper](https://doi.org/10.1145/3340482.3342742)]",
  },
  {
    ref: ['--lookup', 'Model checking C++ programs'],
    line: "- [ ] Model checking C++ programs[STVR'22]: [[Paper](https://doi.org/10.1002/stvr.1793)]",
  },
  {
    ref: ['--lookup', 'CUTE concolic unit testing engine'],
    line: "- [ ] CUTE: a concolic unit testing engine for C[FSE'05]: [[Paper](https://doi.org/10.1145/1081706.1081750)]",
  },
  {
    ref: ['--lookup', 'Information Retrieval Anthology'],
    line: "- [ ] The Information Retrieval Anthology[SIGIR'21]: [[Paper](https://doi.org/10.1145/3404835.3462798)]",
  },
  {
    ref: ['--lookup', 'Full Text Document Retrieval Hebrew Legal Texts'],
    line: "- [ ] Full Text Document Retrieval: Hebrew Legal Texts[SIGIR'71]: [[Paper](https://doi.org/10.1145/511285.511293)]",
  },
  {
    ref: ['--lookup', 'How Features Resolve Syntactic Ambiguity'],
    line: "- [ ] How Features Resolve Syntactic Ambiguity[SIGIR'71]: [[Paper](https://doi.org/10.1145/511285.511289)]",
  },
  {
    ref: ['https://dblp.org/rec/conf/sigir/PotthastGBBBFKN21'],
    line: "- [ ] The Information Retrieval Anthology[SIGIR'21]: [[Paper](https://doi.org/10.1145/3404835.3462798)]",
  },
  {
    ref: ['https://dblp.org/rec/journals/pvldb/Ley09'],
    line: "- [ ] DBLP - Some Lessons Learned[VLDB'09]: [[Paper](https://doi.org/10.14778/1687553.1687577)]",
  },
  {
    ref: ['https://dblp.org/rec/conf/jcdl/MichelsFLSS17'],
    line: "- [ ] OXPath-Based Data Acquisition for dblp[JCDL'17]: [[Paper](https://doi.org/10.1109/jcdl.2017.7991609)]",
  },
  {
    ref: ['https://dblp.org/rec/conf/gvd/Ley07'],
    line: "- [ ] Datenqualität: Eine organisatorische und technische Herausforderung - Erfahrungen von der DBLP-Bibliographie[GIWFD'07]",
  },
  {
    ref: ['https://dblp.org/rec/conf/gi/Ley97'],
    line: "- [ ] Die Trierer Informatik-Bibliographie DBLP[Informatik'97]: [[Paper](https://doi.org/10.1007/978-3-642-60831-5_34)]",
  },
  {
    ref: ['https://dblp.org/rec/journals/ife/LeyW90'],
    line: "- [ ] Der LILOG-DB-Fact-Manager: Ein Datenbankkern zur Speicherung variabel strukturierter komplexer Objekte[Inform. Forsch. Entwickl.'90]",
  },
];

describe.each([
  ['arXiv', ARXIV],
  ['Crossref', CROSSREF],
  ['Semantic Scholar', S2],
  ['OpenAlex', OPENALEX],
  ['DBLP', DBLP],
])('%s, recorded', (_name, cases) => {
  it('writes the expected line for every recorded answer', async () => {
    // In-process runs share stdout, so one at a time (the server answers from the same event loop).
    const results: Awaited<ReturnType<typeof addLine>>[] = [];
    for (const c of cases) results.push(await addLine(c));
    results.forEach((r, i) => {
      const c = cases[i]!;
      expect(r.stderr, c.ref.join(' ')).toBe('');
      expect(r.status, c.ref.join(' ')).toBe(0);
      expect(r.line, c.ref.join(' ')).toBe(c.line);
    });
  });
});

describe('venues written from recorded answers', () => {
  it('are all venues lint reads a year from', async () => {
    const lines = [ARXIV, CROSSREF, S2, OPENALEX, DBLP].flat().map((c) => c.line);
    const file = tempFile(`${LIST}${lines.join('\n')}\n`);
    const result = await runCliInProcess(['--file', file, 'lint', '--json'], { env: { PAPERS_CACHE_DIR: tempDir() } });
    const problems = JSON.parse(result.stdout) as { rule: string; message: string }[];
    expect(problems.filter((p) => p.rule === 'venue')).toEqual([]);
    const listed = await runCliInProcess(['--file', file, 'list', '--json'], { env: { PAPERS_CACHE_DIR: tempDir() } });
    const papers = JSON.parse(listed.stdout) as { venue: string | null; year: number | null }[];
    expect(papers.filter((p) => p.venue !== null && p.year === null)).toEqual([]);
  });
});

describe('arXiv journal_ref in refresh and cite', () => {
  it('refresh writes the journal a preprint was published in; cite makes it an @article', async () => {
    const list = `${LIST}- [ ] Thermal melting of density waves on the square lattice[arXiv'04]: [[Paper](https://arxiv.org/abs/cond-mat/0412498)]\n`;
    const file = tempFile(list);
    const env = { ...apis.env(), PAPERS_HTTP_MIN_INTERVAL_MS: '0', PAPERS_CACHE_DIR: tempDir() };
    const refreshed = await runCliInProcess(['--file', file, 'refresh', '--yes'], { env });
    expect(refreshed.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(list.replace("[arXiv'04]", "[Phys. Rev. B'05]"));
    const cited = await runCliInProcess(['--file', file, 'cite', 'thermal'], { env });
    expect(cited.status).toBe(0);
    expect(cited.stdout).toMatch(
      /^@article\{maestro2004thermal,\n(?:.*\n)* {2}journal += \{Physical Review B\},\n {2}year += \{2005\},\n {2}doi += \{10\.1103\/physrevb\.71\.184511\},/,
    );
  });
});
