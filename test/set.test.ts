/**
 * `papers set`: a field edited in place, in the file's style, for task items and table rows. Each case
 * compares the whole file: the bytes outside the changed field are the bytes before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, listJsonInProcess, runCliInProcess, tempCopy, tempFile } from './helpers.js';

const ROLLER =
  "- [ ] ROLLER: Fast and Efficient Tensor Compilation for Deep Learning[OSDI'22]: [[Paper](https://www.usenix.org/system/files/osdi22-zhu.pdf)]";

const TABLE = `## ⚙️ Compiler

| Status | Paper | Venue | Links |
|:------:|-------|-------|-------|
| ✅ | **The Deep Learning Compiler: A Comprehensive Survey** | — | [Paper](https://arxiv.org/pdf/2002.03794.pdf) |
| ⬜ | **TVM: An Automated End-to-End Optimizing Compiler** | OSDI'18 | [Paper](https://www.usenix.org/system/files/osdi18-chen.pdf) |
| ⬜ | **Ansor** | | |

## Years

| Status | Paper | Year |
|---|---|---|
| ✅ | Halide | 2013 |
`;

async function set(file: string, ...args: string[]) {
  const result = await runCliInProcess(['--file', file, 'set', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result;
}

describe('papers set on task items', () => {
  it('venue, year, title and Paper link: only their own text changes', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file, 'utf8');
    expect(before).toContain(ROLLER);
    const venue = await set(file, 'roller', '--venue', "OSDI'23");
    expect(venue.stdout).toBe("Changed ROLLER (OSDI'22): venue OSDI'22 -> OSDI'23\n");
    expect(readFileSync(file, 'utf8')).toBe(before.replace(ROLLER, ROLLER.replace("[OSDI'22]", "[OSDI'23]")));
    await set(
      file,
      'roller',
      '--year',
      '2022',
      '--title',
      'ROLLER: Fast Tensor Compilation',
      '--paper',
      'https://x.org/r.pdf',
    );
    expect(readFileSync(file, 'utf8')).toBe(
      before.replace(ROLLER, "- [ ] ROLLER: Fast Tensor Compilation[OSDI'22]: [[Paper](https://x.org/r.pdf)]"),
    );
    // A venue where there was none: a tag after the title, as the file writes them.
    await set(file, 'deep-learning-compiler', '--venue', "arXiv'20");
    expect(readFileSync(file, 'utf8')).toContain(
      "- [x] The Deep Learning Compiler: A Comprehensive Survey[arXiv'20]: [[Paper](https://arxiv.org/pdf/2002.03794.pdf)]",
    );
  });

  it('--dry-run writes nothing; no field, or a title written with markup, is refused', async () => {
    const file = tempFile("## A\n\n- [ ] **Orca**: Serving [OSDI'22]\n- [ ] Plain [2017]\n");
    const before = readFileSync(file, 'utf8');
    const dry = await set(file, 'orca', '--venue', "OSDI'23", '--dry-run');
    expect(dry.stdout).toContain("+- [ ] **Orca**: Serving [OSDI'23]");
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await runCliInProcess(['--file', file, 'set', 'orca'])).status).toBe(2);
    const markup = await runCliInProcess(['--file', file, 'set', 'orca', '--title', 'Orca 2']);
    expect(markup.status).toBe(2);
    expect(markup.stderr).toMatch(/written with markup .*papers edit orca/);
    // A year tag of its own.
    await set(file, 'plain', '--year', '2018');
    expect(readFileSync(file, 'utf8')).toBe(before.replace('[2017]', '[2018]'));
  });

  it('--area moves the paper in the same write, with the fields changed', async () => {
    const file = tempCopy(EXAMPLE);
    await set(file, 'roller', '--venue', "OSDI'23", '--area', 'Hypervisor');
    const roller = (await listJsonInProcess(file)).find((paper) => paper.id === 'roller')!;
    expect(roller).toMatchObject({ venue: "OSDI'23", area: ['Hypervisor'] });
  });
});

describe('papers set on table rows', () => {
  it('a venue in a `—` cell and in an empty cell, a bold title, a year cell: only those cells change', async () => {
    const file = tempFile(TABLE);
    await set(file, 'deep-learning-compiler', '--venue', "arXiv'20");
    await set(file, 'ansor', '--venue', "OSDI'20");
    await set(file, 'tvm', '--title', 'TVM: End-to-End Compiler', '--year', '2019');
    await set(file, 'halide', '--year', '2012');
    expect(readFileSync(file, 'utf8')).toBe(
      TABLE.replace(
        '| **The Deep Learning Compiler: A Comprehensive Survey** | — |',
        "| **The Deep Learning Compiler: A Comprehensive Survey** | arXiv'20 |",
      )
        .replace('| **Ansor** | | |', "| **Ansor** | OSDI'20 | |")
        .replace(
          "| **TVM: An Automated End-to-End Optimizing Compiler** | OSDI'18 |",
          "| **TVM: End-to-End Compiler** | OSDI'19 |",
        )
        .replace('| Halide | 2013 |', '| Halide | 2012 |'),
    );
  });
});
