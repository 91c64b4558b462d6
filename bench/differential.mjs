// npm run bench:differential: the exact fast path against the general (BigInt-only) exact type,
// and the compiled input reader against the validator, on many more generated inputs than CI
// runs: 150 000 per bundled rubric for each (over a million records in all), plus generated
// rubrics. Both comparisons are byte for byte on the JSON of every result.
//
//   node bench/differential.mjs [--runs 150000] [--seed N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = opt('--runs', '150000');
const seed = opt('--seed', String(Math.floor(Math.random() * 2 ** 31)));
const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, JIXIAO_FAST_RUNS: runs, JIXIAO_FAST_SEED: seed, JIXIAO_PLAN_RUNS: runs, JIXIAO_PLAN_SEED: seed };
const t = Date.now();
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'tests/fast-path.test.ts', 'tests/plan.test.ts', '--testTimeout=0'], { cwd: root, env, stdio: 'inherit' });
console.log(`\n${runs} inputs per bundled rubric, seed ${seed}: ${r.status === 0 ? 'identical' : 'DIFFERENT'} (${((Date.now() - t) / 60000).toFixed(1)} min)`);
process.exit(r.status ?? 1);
