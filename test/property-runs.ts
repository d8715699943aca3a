/**
 * How many cases a property test draws. Locally: `full`, on a new seed each run (property-seed.ts), so the
 * hunt goes on run after run. Under CI=true the seed is fixed, so every landing draws the same cases: half
 * of them there keeps `npm test` within its time on two busy cores (the heavy generators drive the CLI per
 * case). PROPERTY_RUNS sets the count for every test (e.g. a long local hunt).
 */
export function propertyRuns(full: number): number {
  if (process.env.PROPERTY_RUNS) return Number(process.env.PROPERTY_RUNS);
  return process.env.CI ? Math.ceil(full / 2) : full;
}
