// Speed of loading and scoring, as ratios against a baseline measured in the same run
// (JSON.parse of the same input file), so the numbers compare across machines.
// Run: npm run bench
import { readFileSync } from 'node:fs';
import { evaluate, loadBundledRubric, bundledRubricSource, loadRubric } from '../dist/index.js';

const yunxiText = readFileSync(new URL('../examples/yunxi-2021/input.json', import.meta.url), 'utf8');
const kunmingText = readFileSync(new URL('../examples/kunming-2017/input.json', import.meta.url), 'utf8');
const yunxi = JSON.parse(yunxiText);
const kunming = JSON.parse(kunmingText);
const hunan = loadBundledRubric('hunan-department');
const km = loadBundledRubric('kunming-department');
const hunanText = bundledRubricSource('hunan-department');

function measure(fn, ms = 800) {
  for (let i = 0; i < 50; i++) fn(); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
  }
  const ns = Number(process.hrtime.bigint() - start) / n;
  return ns;
}

const cases = [
  ['baseline: JSON.parse(yunxi input)', () => JSON.parse(yunxiText)],
  ['evaluate(hunan, yunxi object)', () => evaluate(hunan, yunxi)],
  ['evaluate(hunan, yunxi JSON text)', () => evaluate(hunan, yunxiText)],
  ['evaluate(kunming, kunming object)', () => evaluate(km, kunming)],
  ['loadRubric(hunan YAML)', () => loadRubric(hunanText)],
];
const results = cases.map(([name, fn]) => [name, measure(fn)]);
const base = results[0][1];
console.log('case'.padEnd(40), 'µs/op'.padStart(10), 'ratio'.padStart(10));
for (const [name, ns] of results) console.log(name.padEnd(40), (ns / 1000).toFixed(1).padStart(10), `${(ns / base).toFixed(1)}×`.padStart(10));
console.log(`\nscoring a 23-leaf sheet: ${Math.round(1e9 / results[1][1])} evaluations/s on this machine`);
