// Per-leaf cost of evaluate (or score) on generated rubrics of n leaves (per_unit, bands and judgement in
// turn, under four parents; every input valid), so that the cost of one more leaf can be
// compared between a small sheet and a large one. Run by bench/run.mjs; it only reports.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, loadRubric, score } from '../dist/index.js';
import { random } from './hunan-records.mjs';

/** A rubric of n leaves, each worth 5, and `count` evaluations of it. */
export function leafSheet(n, count = 16, seed = 20261207) {
  const inputs = {};
  const parents = [0, 1, 2, 3].map((p) => ({ id: `一级${p + 1}`, name: `一级${p + 1}`, max: 0, children: [] }));
  for (let i = 0; i < n; i++) {
    const id = `指标${i + 1}`;
    const kind = ['per_unit', 'bands', 'judgement'][i % 3];
    let rule = { kind: 'judgement' };
    if (kind !== 'judgement') inputs[`率${i + 1}`] = { type: 'percent', min: 0, max: 200 };
    if (kind === 'per_unit') rule = { kind, value: `率${i + 1}`, standard: 100, direction: 'below', points: 0.5 };
    if (kind === 'bands') rule = { kind, value: `率${i + 1}`, bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '[60, 80)', score: 2 }, { when: '<60', score: 0 }] };
    parents[i % 4].children.push({ id, name: id, max: 5, standard: `${id}的评分标准`, rule });
    parents[i % 4].max += 5;
  }
  const sheet = { id: `leaves-${n}`, name: `${n}个末级指标`, inputs, indicators: parents };
  const rubric = loadRubric(sheet, { limits: { maxNodes: 1_000_000, maxBytes: 64 << 20 } }); // past the default limits
  const r = random(seed);
  const evaluations = Array.from({ length: count }, () => {
    const values = {};
    const assessments = {};
    for (const name in inputs) values[name] = (80 + r() * 25).toFixed(2);
    for (let i = 2; i < n; i += 3) {
      const score = r() < 0.6 ? 5 : Math.round(r() * 50) / 10;
      assessments[`指标${i + 1}`] = score < 5 ? { score, reason: '部分未完成' } : { score };
    }
    return { values, assessments };
  });
  return { rubric, evaluations };
}

/**
 * µs per leaf at each size: each size in a process of its own (so the sheets do not share a heap
 * or the engine's caches), rounds interleaved, the best round of each (about `ms` per round). `fn` is 'evaluate' (full results) or 'score' (the totals path).
 */
export function perLeaf(sizes = [100, 5000], rounds = 5, ms = 400, fn = 'evaluate') {
  const best = sizes.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    sizes.forEach((n, k) => {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(n), String(ms), fn], { encoding: 'utf8' });
      best[k] = Math.min(best[k], Number(out.trim()));
    });
  }
  return sizes.map((n, k) => ({ n, usPerLeaf: best[k] }));
}

/** One size, one function, in this process: a warm-up round, then µs per leaf over `ms` of CPU time. */
function measure(n, ms, fn) {
  const { rubric, evaluations } = leafSheet(n);
  const f = fn === 'score' ? score : evaluate;
  // CPU time of this process (GC included), so that others on the machine do not count.
  const cpuUs = (u) => u.user + u.system;
  const run = () => {
    let leaves = 0;
    const t = process.cpuUsage();
    do {
      for (const e of evaluations) f(rubric, e);
      leaves += n * evaluations.length;
    } while (cpuUs(process.cpuUsage(t)) < ms * 1e3);
    return cpuUs(process.cpuUsage(t)) / leaves;
  };
  run();
  return run();
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.length >= 5) {
  console.log(measure(Number(process.argv[2]), Number(process.argv[3]), process.argv[4]));
}
