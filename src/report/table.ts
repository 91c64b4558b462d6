import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { displayWidth, padEnd, padStart } from './width.js';

/**
 * Render a result as a readable score sheet (评分表) for a terminal or a text file.
 * @example console.log(renderTable(evaluate(rubric, input)))
 */
export function renderTable(result: ScoreResult): string {
  const rows: { name: string; max: string; score: string; note: string }[] = [];
  const walk = (nodes: IndicatorResult[], depth: number) => {
    for (const n of nodes) {
      const own = n.children ? '' : n.deductions.map((d) => `${d.reason}`).join('；');
      const flags = [n.bonus ? '加分项' : '', n.notApplicable ? '不适用' : ''].filter(Boolean).join('，');
      const note = [flags, own, n.remark ?? ''].filter(Boolean).join('；');
      rows.push({ name: `${'  '.repeat(depth)}${n.name}`, max: n.max, score: n.score, note });
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(result.indicators, 0);
  const head = { name: '指标', max: '分值', score: '得分', note: '扣分原因和其他说明' };
  const foot = { name: '总分', max: result.max, score: result.total, note: result.grade ? `等次：${result.grade}` : '' };
  const all = [head, ...rows, foot];
  const w = {
    name: Math.max(...all.map((r) => displayWidth(r.name))),
    max: Math.max(...all.map((r) => displayWidth(r.max))),
    score: Math.max(...all.map((r) => displayWidth(r.score))),
  };
  const line = (r: typeof head) =>
    `${padEnd(r.name, w.name)}  ${padStart(r.max, w.max)}  ${padStart(r.score, w.score)}${r.note ? `  ${r.note}` : ''}`.trimEnd();
  const rule = '─'.repeat(w.name + w.max + w.score + 4);
  const title = `${result.rubric.name}${result.rubric.version ? `（${result.rubric.version}）` : ''}`;
  const out = [title, line(head), rule, ...rows.map(line), rule, line(foot)];
  for (const v of result.vetoes) out.push(`一票否决：${v.name}（${v.reason}），等次最高为${v.grade}`);
  if (result.rescaled) out.push(`不适用指标已剔除：适用分值 ${result.rescaled.applicableMax}，原始得分 ${result.rescaled.rawTotal}，按 ${result.max} 分折算`);
  return out.join('\n') + '\n';
}
