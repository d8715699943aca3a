/**
 * Property tests draw a new seed on every run, so the hunt for counterexamples goes on run after run, and
 * a failure prints the seed to replay it (PROPERTY_SEED). Under CI=true they run on one fixed seed: a
 * landing is judged on a run anyone can repeat, not on the luck of the draw (what a local run finds is
 * recorded and fixed as a bug of its own).
 */
import fc from 'fast-check';

const seed = process.env.PROPERTY_SEED ?? (process.env.CI ? '20261203' : undefined);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
