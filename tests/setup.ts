/**
 * Before every test file. Properties draw their cases from a new seed on every run, so a run may
 * find what the last did not (a failure prints its seed and counterexample, to be made a test of
 * its own). With JIXIAO_SEED set, every property and every seeded generator starts from it, and a
 * run is repeatable: `.ci/run` sets it, so what lands is what was run.
 */
import fc from 'fast-check';

const seed = process.env.JIXIAO_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed) | 0 });
