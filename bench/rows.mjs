// Cost per row of a project form (项目支出绩效自评表, rubrics/project-self-evaluation.yaml): a
// 40-row form and a 3-row form evaluated in turn, the difference divided by the 37 rows between
// them. The same forms are also given with one figure written " 221" (a space the compiled
// reader leaves to validateInput, which trims it), so the rows go through the schema reader:
// both paths in one process, on the same rows. Beside them, the cost of one leaf of a plain
// rubric of 100 leaves (bench/leaves.mjs). Times are this process's CPU time (process.cpuUsage),
// so that other work on a shared machine weighs less than on the wall clock; rounds interleaved,
// the best round of each. Run by bench/run.mjs; it only reports.
//
//   node bench/rows.mjs [--quick]
import { evaluate, loadBundledRubric } from '../dist/index.js';
import { random } from './hunan-records.mjs';
import { leafSheet } from './leaves.mjs';

/** Row kinds as the example forms write them (examples/miluo-2018-project, shanghai-putuo-…). */
const KINDS = [
  (r, w) => ({ group: '数量指标', target: '≥3800项', actual: `${3700 + Math.floor(r() * 200)}项`, weight: w, reason: '部分事项尚在编制' }),
  (r, w) => ({ group: '数量指标', target: '≥6万件', actual: `${58000 + Math.floor(r() * 4000)}件`, weight: w, reason: '办件量受疫情影响' }),
  (r, w) => ({ group: '质量指标', target: '100%', actual: r() < 0.7 ? '100' : '99.5', weight: w, reason: '个别工单超期办结' }),
  (r, w) => ({ group: '质量指标', target: '=100%', actual: '100%', weight: w }),
  (r, w) => ({ group: '质量指标', target: '0', actual: '0', weight: w }),
  (r, w) => ({ group: '时效指标', target: '11月底之前完成', level: '达成', score: w, weight: w }),
  (r, w) => ({ group: '成本指标', target: '≤90万元', actual: (80 + r() * 9).toFixed(2), weight: w }),
  (r, w) => ({ group: '质量指标', target: '95%-100%', actual: String(95 + Math.floor(r() * 5)), weight: w }),
  (r, w) => ({ group: '社会效益指标', target: '效果明显', level: '达成', score: w, weight: w }),
  (r, w) => ({ group: '服务对象满意度指标', target: '≥95%', actual: (93 + r() * 5).toFixed(1), weight: w, reason: '回访满意率未达到年度指标值' }),
];

/** A form whose sections (产出 50, 效益 30, 满意度 10) have `counts` rows of equal 分值. */
function form(counts, r, spaced) {
  const rows = {};
  [['产出指标', 50], ['效益指标', 30], ['满意度指标', 10]].forEach(([id, max], s) => {
    const k = counts[s];
    rows[id] = Array.from({ length: k }, (_, i) => ({ name: `${id}${i + 1}`, ...KINDS[(i + s * 3) % KINDS.length](r, String(max / k)) }));
  });
  return { values: { 全年预算数: spaced ? ' 221' : '221', 全年执行数: '218.5' }, rows };
}

/** µs of this process's CPU time since some moment. */
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** µs per row through each path, and per leaf of a plain rubric: best of `rounds` rounds of about `ms` each. */
export function rowCost(rounds = 7, ms = 150) {
  const rubric = loadBundledRubric('project-self-evaluation');
  const r = random(20261207);
  const big = [20, 15, 5];
  const small = [1, 1, 1];
  const rowsIn = (c) => c.reduce((a, b) => a + b, 0);
  const sets = [];
  for (const spaced of [false, true]) for (const counts of [big, small]) sets.push({ rubric, per: 1, forms: Array.from({ length: 16 }, () => form(counts, r, spaced)) });
  for (const s of sets) for (const f of s.forms) if (!evaluate(rubric, f).total) throw new Error('a bench form does not score');
  const leaves = leafSheet(100);
  sets.push({ rubric: leaves.rubric, per: 100, forms: leaves.evaluations });
  const best = sets.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    sets.forEach((s, k) => {
      let n = 0;
      const t = cpu();
      do {
        for (const f of s.forms) evaluate(s.rubric, f);
        n += s.forms.length;
      } while (cpu() - t < ms * 1e3);
      best[k] = Math.min(best[k], (cpu() - t) / n / s.per);
    });
  }
  const perRow = (k) => (best[k] - best[k + 1]) / (rowsIn(big) - rowsIn(small));
  return { rows: rowsIn(big), fastForm: best[0], slowForm: best[2], fastRow: perRow(0), slowRow: perRow(2), leaf: best[4] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = rowCost(process.argv.includes('--quick') ? 2 : 7);
  console.log(`| project form, ${c.rows} rows (rubrics/project-self-evaluation.yaml), CPU time | µs per form | µs per row | × one leaf (${c.leaf.toFixed(2)} µs, 100 leaves) |`);
  console.log('| --- | --: | --: | --: |');
  console.log(`| compiled reader | ${c.fastForm.toFixed(1)} | ${c.fastRow.toFixed(2)} | ${(c.fastRow / c.leaf).toFixed(2)}× |`);
  console.log(`| validateInput (one figure written " 221") | ${c.slowForm.toFixed(1)} | ${c.slowRow.toFixed(2)} | ${(c.slowRow / c.leaf).toFixed(2)}× |`);
}
