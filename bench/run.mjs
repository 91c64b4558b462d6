// npm run bench: jixiao against the same Hunan sheet written by hand, in one process, on the same
// generated records; then loading, start-up and memory. Prints ratios, so the figures compare
// across machines. Nothing here is a test: it reports.
//
// The hand-written versions: decimal.js (hand-decimal.mjs), exact scaled integers
// (hand-scaled.mjs, the fastest exact code for this one sheet: the limit) and plain binary numbers
// (hand-number.mjs, fast and wrong); each exact one must agree with jixiao on every leaf of every
// record, or the run says so loudly. bench/leaves.mjs measures the cost per leaf.
//
// Speed is CPU time of this process (process.cpuUsage), not wall time: on a shared machine the
// ratios hold better. The totals path (score) is the scorer compiled once per rubric
// (src/evaluate/compiled.ts) wherever it can score a record exactly, the walk otherwise.
//
//   node bench/run.mjs [--records 20000] [--quick] [--speed]   (--speed: the ratios only)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledRubricSource, evaluate, loadBundledRubric, loadRubric, score } from '../dist/index.js';
import { scoreHunan } from './hand-decimal.mjs';
import { scoreHunanNumbers } from './hand-number.mjs';
import { scoreHunanScaled } from './hand-scaled.mjs';
import { perLeaf } from './leaves.mjs';
import { rowCost } from './rows.mjs';
import { hunanRecords } from './hunan-records.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('--records', 20000);
const quick = args.includes('--quick');
const speedOnly = args.includes('--speed');
const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

const rubric = loadBundledRubric('hunan-department');
const records = hunanRecords(N);

// ——— speed: rounds interleaved, the best round of each; before anything keeps results, since
// V8 then allocates such objects straight in the old generation (pretenuring) ———
const impls = [
  ['jixiao (full results, reasons, input checks)', (r) => evaluate(rubric, r)],
  ['jixiao totals path, compiled (score: total, grade, every indicator; input checks)', (r) => score(rubric, r)],
  ['hand-written decimal.js (scores only)', scoreHunan],
  ['hand-written scaled integers (scores only; the exact limit)', scoreHunanScaled],
  ['hand-written plain numbers (scores only)', scoreHunanNumbers],
];
const best = new Map(impls.map(([name]) => [name, 0]));
const rounds = quick ? 2 : 5;
for (let round = 0; round < rounds; round++) {
  for (const [name, f] of impls) {
    const t = process.cpuUsage();
    for (let i = 0; i < records.length; i++) f(records[i]);
    const used = process.cpuUsage(t);
    const perSecond = records.length / ((used.user + used.system) / 1e6);
    if (perSecond > best.get(name)) best.set(name, perSecond);
  }
}
const ref = best.get(impls.find(([name]) => name.startsWith('hand-written decimal.js'))[0]);
const rate = (prefix) => best.get(impls.find(([name]) => name.startsWith(prefix))[0]);

// ——— per-leaf cost: generated rubrics of 100 and of 5,000 leaves ———
const leafCost = speedOnly ? undefined : perLeaf([100, 5000], quick ? 2 : 5);
const leafCostTotals = speedOnly ? undefined : perLeaf([100, 5000], quick ? 2 : 5, 400, 'score');
// ——— per-row cost of a project form (bench/rows.mjs) ———
const rows = speedOnly ? undefined : rowCost(quick ? 2 : 7);

// ——— agreement ———
let jx = records.map((r) => evaluate(rubric, r));
const leafScores = (result) => {
  const out = {};
  const walk = (nodes) => nodes.forEach((n) => (n.children ? walk(n.children) : (out[n.id] = n.score)));
  walk(result.indicators);
  return out;
};
const agrees = (h, j, leaves) => h.total === j.total && h.grade === j.grade && Object.keys(leaves).length === Object.keys(h.scores).length && Object.keys(h.scores).every((k) => h.scores[k] === leaves[k]);
let decimalAgree = 0;
let scaledAgree = 0;
let numberAgree = 0;
let numberLeavesWrong = 0;
let totalsAgree = 0;
records.forEach((r, i) => {
  const j = jx[i];
  // The totals path gives the full result's figures: total, max, grade, every indicator's score.
  const t = score(rubric, r);
  const all = {};
  const every = (nodes) => nodes.forEach((n) => ((all[n.id] = n.score), n.children && every(n.children)));
  every(j.indicators);
  if (t.total === j.total && t.max === j.max && t.grade === j.grade && Object.keys(all).length === Object.keys(t.scores).length && Object.keys(all).every((k) => all[k] === t.scores[k])) totalsAgree++;
  const d = scoreHunan(r);
  const s = scoreHunanScaled(r);
  const n = scoreHunanNumbers(r);
  const leaves = leafScores(j);
  if (agrees(d, j, leaves)) decimalAgree++;
  if (agrees(s, j, leaves)) scaledAgree++;
  if (n.total === j.total && n.grade === j.grade) numberAgree++;
  for (const k of Object.keys(n.scores)) if (n.scores[k] !== leaves[k]) numberLeavesWrong++;
});

const fmt = (x) => Math.round(x).toLocaleString('en-US');
/** The speed tables: each implementation, and the ratios the targets are stated in. */
function printSpeed() {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`jixiao bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${cpus().length} × ${cpu}`);
  console.log(`${N.toLocaleString('en-US')} generated records of the Hunan department sheet (23 leaves; about 30% of the figures at an edge); CPU time, best of ${rounds} rounds\n`);
  console.log('| implementation | evaluations/s | × decimal.js | agrees with jixiao |');
  console.log('| --- | --: | --: | --- |');
  for (const [name] of impls) {
    const agree = name.startsWith('jixiao totals') ? `${fmt(totalsAgree)} of ${fmt(N)} records, every indicator (against evaluate)` : name.startsWith('jixiao') ? '—' : name.includes('decimal') ? `${fmt(decimalAgree)} of ${fmt(N)} records, every leaf` : name.includes('scaled') ? `${fmt(scaledAgree)} of ${fmt(N)} records, every leaf` : `${fmt(numberAgree)} of ${fmt(N)} totals; ${fmt(numberLeavesWrong)} leaf scores wrong`;
    console.log(`| ${name} | ${fmt(best.get(name))} | ${(best.get(name) / ref).toFixed(2)}× | ${agree} |`);
  }
  console.log('');
  const jixiaoRate = rate('jixiao (full');
  const totalsRate = rate('jixiao totals');
  const decimalRate = rate('hand-written decimal.js');
  const scaledRate = rate('hand-written scaled');
  console.log('| ratio (records/s over records/s, best rounds of this run) | measured | target |');
  console.log('| --- | --: | --: |');
  console.log(`| jixiao full results ÷ hand-written decimal.js | ${(jixiaoRate / decimalRate).toFixed(2)}× | ≥ 2× |`);
  console.log(`| jixiao totals path (compiled) ÷ hand-written decimal.js | ${(totalsRate / decimalRate).toFixed(2)}× | ≥ 10× |`);
  console.log(`| jixiao totals path (compiled) ÷ hand-written scaled integers | ${(totalsRate / scaledRate).toFixed(3)}× | ≥ 0.1× |`);
  console.log(`| jixiao full results ÷ hand-written scaled integers | ${(jixiaoRate / scaledRate).toFixed(3)}× | |`);
  console.log(`| hand-written decimal.js ÷ hand-written scaled integers | ${(decimalRate / scaledRate).toFixed(3)}× | |`);
}
if (speedOnly) {
  printSpeed();
  if (totalsAgree !== N) (process.exitCode = 1), console.log(`\n!!! DISAGREEMENT: the totals path differs from evaluate on ${fmt(N - totalsAgree)} of ${fmt(N)} records !!!`);
  for (const [name, agreed] of [['decimal.js', decimalAgree], ['scaled integers', scaledAgree]])
    if (agreed !== N) (process.exitCode = 1), console.log(`\n!!! DISAGREEMENT: the hand-written ${name} scorer differs from jixiao on ${fmt(N - agreed)} of ${fmt(N)} records !!!`);
  process.exit();
}

// ——— loading ———
// The same text again comes from the cache of compiled rubrics; a text not seen before (here the
// Hunan text with a comment added, so neither cached nor bundled) goes through YAML, schema and
// compilation.
const hunanText = bundledRubricSource('hunan-department');
const timeLoads = (textOf) => {
  for (let i = 0; i < 20; i++) loadRubric(textOf(i));
  let loads = 0;
  const t0 = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - t0) < 1e9) {
    loadRubric(textOf(loads));
    loads++;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6 / loads;
};
const warmCachedMs = timeLoads(() => hunanText);
const warmFreshMs = timeLoads((i) => `${hunanText}\n# ${i} ${Math.random()}\n`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const child = (code) => JSON.parse(execFileSync(node, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }));
const firstLoads = [];
const firstYamlLoads = [];
const imports = [];
const authoringImports = [];
for (let i = 0; i < (quick ? 3 : 7); i++) {
  const r = child(`
    const t0 = performance.now();
    const { loadRubric } = await import('./dist/index.js');
    const t1 = performance.now();
    const text = (await import('node:fs')).readFileSync('rubrics/hunan-department.yaml', 'utf8');
    const t2 = performance.now();
    loadRubric(text);
    const t3 = performance.now();
    await import('./dist/authoring.js');
    const t4 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, firstLoadMs: t3 - t2, authoringMs: t4 - t3 }));`);
  firstLoads.push(r.firstLoadMs);
  imports.push(r.importMs);
  authoringImports.push(r.authoringMs);
  const y = JSON.parse(execFileSync(node, ['--input-type=module', '-e', `
    const { loadRubric } = await import('./dist/index.js');
    const text = (await import('node:fs')).readFileSync('rubrics/hunan-department.yaml', 'utf8') + '\\n# edited\\n';
    const t2 = performance.now();
    loadRubric(text);
    console.log(JSON.stringify({ firstLoadMs: performance.now() - t2 }));`], { cwd: root, encoding: 'utf8' }));
  firstYamlLoads.push(y.firstLoadMs);
}

// ——— cold start of the CLI ———
// A fresh process each time; the jixiao command's compiled-code cache (src/cli/launch.ts) is
// written by the first run and used by the others, or turned off with JIXIAO_CACHE=0.
const wall = (argv, env = {}) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(node, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const input = 'examples/yunxi-2021/input.json';
const edited = join(mkdtempSync(join(tmpdir(), 'jixiao-bench-')), 'hunan-edited.yaml');
writeFileSync(edited, `${hunanText}\n# edited\n`);
const cliMs = [];
const cliYamlMs = [];
const cliUncachedMs = [];
const bareMs = [];
wall(['dist/cli.cjs', 'score', 'rubrics/hunan-department.yaml', input]);
for (let i = 0; i < (quick ? 3 : 11); i++) {
  bareMs.push(wall(['-e', '0']));
  cliMs.push(wall(['dist/cli.cjs', 'score', 'rubrics/hunan-department.yaml', input]));
  cliYamlMs.push(wall(['dist/cli.cjs', 'score', edited, input]));
  cliUncachedMs.push(wall(['dist/cli.cjs', 'score', 'rubrics/hunan-department.yaml', input], { JIXIAO_CACHE: '0' }));
}

// ——— peak memory: records made one at a time, results dropped ———
const rss = (body) =>
  child(`
    import { hunanRecordStream } from './bench/hunan-records.mjs';
    ${body}
    console.log(JSON.stringify({ kb: process.resourceUsage().maxRSS }));`).kb;
const bareKb = rss('for (const r of hunanRecordStream(' + N + ')) {}');
const jixiaoKb = rss(`const { evaluate, loadBundledRubric } = await import('./dist/index.js');
    const rubric = loadBundledRubric('hunan-department');
    for (const r of hunanRecordStream(${N})) evaluate(rubric, r);`);
const decimalKb = rss(`const { scoreHunan } = await import('./bench/hand-decimal.mjs');
    for (const r of hunanRecordStream(${N})) scoreHunan(r);`);

// ——— report ———
printSpeed();
console.log(`| evaluate per leaf, ${fmt(leafCost[0].n)} / ${fmt(leafCost[1].n)} leaves (per_unit, bands, judgement) | ${leafCost[0].usPerLeaf.toFixed(2)} µs / ${leafCost[1].usPerLeaf.toFixed(2)} µs: ${(leafCost[1].usPerLeaf / leafCost[0].usPerLeaf).toFixed(2)}× | ≤ 1.3× |`);
console.log(`| score (totals path) per leaf, ${fmt(leafCostTotals[0].n)} / ${fmt(leafCostTotals[1].n)} leaves | ${leafCostTotals[0].usPerLeaf.toFixed(2)} µs / ${leafCostTotals[1].usPerLeaf.toFixed(2)} µs: ${(leafCostTotals[1].usPerLeaf / leafCostTotals[0].usPerLeaf).toFixed(2)}× | ≤ 1.3× |`);
if (totalsAgree !== N) (process.exitCode = 1), console.log(`\n!!! DISAGREEMENT: the totals path differs from evaluate on ${fmt(N - totalsAgree)} of ${fmt(N)} records !!!`);
console.log(`| evaluate per row of a ${rows.rows}-row project form, compiled reader / validateInput (bench/rows.mjs, CPU time) | ${rows.fastRow.toFixed(2)} µs / ${rows.slowRow.toFixed(2)} µs: ${(rows.fastRow / rows.leaf).toFixed(2)}× / ${(rows.slowRow / rows.leaf).toFixed(2)}× a leaf | |`);
for (const [name, agreed] of [['decimal.js', decimalAgree], ['scaled integers', scaledAgree]])
  if (agreed !== N) (process.exitCode = 1), console.log(`\n!!! DISAGREEMENT: the hand-written ${name} scorer differs from jixiao on ${fmt(N - agreed)} of ${fmt(N)} records — its figures above are not comparable !!!`);
console.log('');
console.log('| start-up and memory | measured | target |');
console.log('| --- | --: | --: |');
console.log(`| loadRubric(hunan), warm: the same text again (cache of compiled rubrics) | ${warmCachedMs.toFixed(3)} ms | < 5 ms |`);
console.log(`| loadRubric(hunan), warm: a text not seen before (YAML, schema, compile) | ${warmFreshMs.toFixed(2)} ms | |`);
console.log(`| loadRubric(hunan), first in a fresh process: the bundled text (read at build time) | ${median(firstLoads).toFixed(1)} ms | < 60 ms |`);
console.log(`| loadRubric(hunan), first in a fresh process: an edited copy (YAML parser) | ${median(firstYamlLoads).toFixed(1)} ms | |`);
console.log(`| import of jixiao / of jixiao/authoring after it | ${median(imports).toFixed(1)} ms / ${median(authoringImports).toFixed(1)} ms | |`);
console.log(`| jixiao score, a fresh process: the bundled rubric's file / an edited copy (bare node: ${median(bareMs).toFixed(0)} ms) | ${median(cliMs).toFixed(0)} ms / ${median(cliYamlMs).toFixed(0)} ms | < 250 ms |`);
console.log(`| jixiao score, a fresh process without the compiled-code cache (JIXIAO_CACHE=0) | ${median(cliUncachedMs).toFixed(0)} ms | |`);
console.log(`| peak RSS over bare node, ${fmt(N)} evaluations | +${((jixiaoKb - bareKb) / 1024).toFixed(1)} MB (decimal.js by hand: +${((decimalKb - bareKb) / 1024).toFixed(1)} MB) | < 40 MB |`);
