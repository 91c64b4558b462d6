// src/exact.ts against an earlier version of itself, in one process: jixiao is bundled twice from
// this tree's src/, once as it is and once with src/exact.ts taken from a git revision (default
// `main`), and both score the same generated Hunan records in interleaved rounds. Prints the best
// round of each (in CPU time, so that a shared machine disturbs it less), their ratio, and
// whether every result is the same JSON. Nothing here is a test.
//
//   node bench/exact-ab.mjs [--base main] [--records 5000] [--rounds 7]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { hunanRecords } from './hunan-records.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const base = opt('--base', 'main');
const N = Number(opt('--records', 5000));
const rounds = Number(opt('--rounds', 7));
const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules, so that the bundles find their dependencies there.
const out = join(root, 'node_modules/.cache/jixiao-exact-ab');
mkdirSync(out, { recursive: true });
const baseExact = join(out, 'exact-base.ts');
writeFileSync(baseExact, execFileSync('git', ['show', `${base}:src/exact.ts`], { cwd: root, encoding: 'utf8' }));

// Bundled rubrics as their text only (no prepared document): loading is not what is measured.
const yamlText = {
  name: 'yaml-text',
  setup(b) {
    b.onLoad({ filter: /\.yaml$/ }, (a) => ({ contents: `export default ${JSON.stringify(readFileSync(a.path, 'utf8'))};\nexport const prepared = null;\nexport const parsed = null;\n`, loader: 'js' }));
  },
};
// The base build: src/exact.ts replaced by the revision's, whose own imports resolve in src/.
const baseExactPlugin = {
  name: 'base-exact',
  setup(b) {
    b.onResolve({ filter: /(^|\/)exact\.js$/ }, (a) => (a.importer.startsWith(join(root, 'src')) ? { path: baseExact } : undefined));
    b.onResolve({ filter: /^\.\/.*\.js$/ }, (a) => (a.importer === baseExact ? { path: join(root, 'src', a.path.replace(/\.js$/, '.ts')) } : undefined));
  },
};
const bundle = async (name, plugins) => {
  const outfile = join(out, `${name}.mjs`);
  await build({ entryPoints: [join(root, 'src/index.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, plugins, logLevel: 'error', packages: 'external' });
  return import(pathToFileURL(outfile).href);
};
const jxBase = await bundle('base', [yamlText, baseExactPlugin]);
const jxHead = await bundle('head', [yamlText]);

const text = readFileSync(join(root, 'rubrics/hunan-department.yaml'), 'utf8');
const rubricBase = jxBase.loadRubric(text);
const rubricHead = jxHead.loadRubric(text);
const records = hunanRecords(N);

let differ = 0;
for (const r of records) if (JSON.stringify(jxBase.evaluate(rubricBase, r)) !== JSON.stringify(jxHead.evaluate(rubricHead, r))) differ++;

const impls = [
  [`src/exact.ts at ${base}`, (r) => jxBase.evaluate(rubricBase, r)],
  ['src/exact.ts in this tree', (r) => jxHead.evaluate(rubricHead, r)],
];
const best = impls.map(() => 0);
for (let round = 0; round < rounds; round++) {
  impls.forEach(([, f], k) => {
    // CPU time of this process, not wall time: the machine may be shared.
    const t = process.cpuUsage();
    for (let i = 0; i < records.length; i++) f(records[i]);
    const used = process.cpuUsage(t);
    const perSecond = records.length / ((used.user + used.system) / 1e6);
    if (perSecond > best[k]) best[k] = perSecond;
  });
}
const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`${fmt(N)} Hunan records, best of ${rounds} interleaved rounds (CPU time)`);
impls.forEach(([name], k) => console.log(`| ${name} | ${fmt(best[k])} evaluations/s |`));
console.log(`| this tree ÷ ${base} | ${(best[1] / best[0]).toFixed(3)}× |`);
console.log(differ === 0 ? `every result the same JSON (${fmt(N)} records)` : `!!! ${fmt(differ)} of ${fmt(N)} results differ !!!`);
if (differ) process.exitCode = 1;
