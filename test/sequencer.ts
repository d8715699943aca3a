/**
 * The order test files start in: the costliest first, so that on two cores the run does not end with one
 * long file running alone. Vitest orders by the durations of the last run, which a fresh clone does not
 * have (it then takes the biggest files first, and wild.test.ts, small and slow, started last and ended
 * a busy run alone for ~40 s). Ranked by the CPU each took (own and its child processes, CI=true, with
 * ../shared); files not named keep vitest's order, after these.
 */
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const COSTLIEST = [
  'merge-driver',
  'differential',
  'attack',
  'convert',
  'edit-corpus',
  'wild',
  'sync',
  'table-properties',
  'definitions',
  'list-columns',
  'safety',
  'workspace',
  'formats-properties',
  'properties',
  'corpus',
  'dates',
  'safety-third',
  'golden',
];

export class CostliestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = COSTLIEST.indexOf(basename(file.moduleId, '.test.ts'));
      return at < 0 ? COSTLIEST.length : at;
    };
    // (Array.prototype.sort is stable: the rest keep vitest's order.)
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
