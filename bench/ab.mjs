// Two builds of jixiao side by side in one process: evaluate and score of each, and the
// hand-written decimal.js scorer, on the same generated Hunan records; rounds interleaved, the best
// round of each, CPU time of the process. Prints each ÷ decimal.js, so a change is measured against
// the build before it under the same load. It only reports.
//
//   node bench/ab.mjs --before <dir with a built dist/> [--records 20000] [--rounds 5]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scoreHunan } from './hand-decimal.mjs';
import { hunanRecords } from './hunan-records.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const beforeDir = opt('--before');
if (!beforeDir) {
  console.error('usage: node bench/ab.mjs --before <dir with a built dist/> [--records 20000] [--rounds 5]');
  process.exit(2);
}
const after = await import('../dist/index.js');
const before = await import(pathToFileURL(resolve(beforeDir, 'dist/index.js')).href);
const records = hunanRecords(Number(opt('--records', '20000')));
const ra = after.loadBundledRubric('hunan-department');
const rb = before.loadBundledRubric('hunan-department');
const impls = [
  ['evaluate, this build', (r) => after.evaluate(ra, r)],
  ['evaluate, before', (r) => before.evaluate(rb, r)],
  ['score, this build', (r) => after.score(ra, r)],
  ['score, before', (r) => before.score(rb, r)],
  ['hand-written decimal.js', scoreHunan],
];
const best = new Map();
for (let round = 0; round < Number(opt('--rounds', '5')); round++) {
  for (const [name, f] of impls) {
    const t = process.cpuUsage();
    for (let i = 0; i < records.length; i++) f(records[i]);
    const u = process.cpuUsage(t);
    const rate = records.length / ((u.user + u.system) / 1e6);
    if (!(best.get(name) > rate)) best.set(name, rate);
  }
}
const d = best.get('hand-written decimal.js');
console.log('| implementation | records/s (CPU) | ÷ decimal.js |');
console.log('| --- | --: | --: |');
for (const [name, rate] of best) console.log(`| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / d).toFixed(2)}× |`);
