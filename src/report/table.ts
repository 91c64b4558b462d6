import type { IndicatorResult, ScoreResult } from '../evaluate/result.js';
import { terminalText } from '../issues/format.js';
import { hasLayers, sumNote } from './layer-notes.js';
import { checkedResult } from './stored.js';
import { displayWidth, padEnd, padStart } from './width.js';

export interface TableOptions {
  /** Headings and notes in `zh` (default) or `en`; `both` is `zh`. Reasons stay as generated. */
  language?: 'zh' | 'en' | 'both';
}

const WORDS = {
  zh: { name: '指标', max: '分值', score: '得分', note: '扣分原因和其他说明', total: '总分', grade: '等次：', bonus: '加分项', penalty: '扣分项', na: '不适用', weight: '权重', sep: '；', flagSep: '，' },
  en: { name: 'Indicator', max: 'Max', score: 'Score', note: 'Deductions and remarks', total: 'Total', grade: 'Grade: ', bonus: 'bonus', penalty: 'penalty', na: 'not applicable', weight: 'weight ', sep: '; ', flagSep: ', ' },
};

/**
 * Render a result as a readable score sheet (评分表) for a terminal or a text file.
 * @example console.log(renderTable(evaluate(rubric, input)))
 */
export function renderTable(result: ScoreResult, opts: TableOptions = {}): string {
  checkedResult(result);
  const en = opts.language === 'en';
  const W = en ? WORDS.en : WORDS.zh;
  const rows: { name: string; max: string; score: string; note: string }[] = [];
  const walk = (nodes: IndicatorResult[], depth: number) => {
    for (const n of nodes) {
      // A leaf's reasons; a parent's own (a weighted block, a chosen 可选项, what a cap left out).
      const own = [...n.deductions, ...(n.additions ?? [])].filter((d) => !n.children || d.indicator === n.path).map((d) => `${d.reason}`).join(W.sep);
      const flags = [n.bonus ? W.bonus : '', n.penalty ? W.penalty : '', n.notApplicable ? W.na : '', n.weight !== undefined ? `${W.weight}${n.weight}` : ''].filter(Boolean).join(W.flagSep);
      const note = terminalText([flags, own, n.remark ?? ''].filter(Boolean).join(W.sep));
      rows.push({ name: `${'  '.repeat(depth)}${terminalText(n.name)}`, max: n.max, score: n.score, note });
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(result.indicators, 0);
  const head = { name: W.name, max: W.max, score: W.score, note: W.note };
  const foot = { name: W.total, max: result.max, score: result.total, note: result.grade ? `${W.grade}${terminalText(result.grade)}` : '' };
  const all = [head, ...rows, foot];
  const w = {
    name: Math.max(...all.map((r) => displayWidth(r.name))),
    max: Math.max(...all.map((r) => displayWidth(r.max))),
    score: Math.max(...all.map((r) => displayWidth(r.score))),
  };
  const line = (r: typeof head) =>
    `${padEnd(r.name, w.name)}  ${padStart(r.max, w.max)}  ${padStart(r.score, w.score)}${r.note ? `  ${r.note}` : ''}`.trimEnd();
  const rule = '─'.repeat(w.name + w.max + w.score + 4);
  const title = terminalText(`${result.rubric.name}${result.rubric.version ? `（${result.rubric.version}）` : ''}`);
  const out = [title, line(head), rule, ...rows.map(line), rule, line(foot)];
  for (const v of result.vetoes) {
    const effect =
      v.grade !== undefined ? (en ? `the grade is at most ${v.grade}` : `等次最高为${v.grade}`)
      : v.fail !== undefined ? (en ? `the evaluation is ${v.fail}` : `评价结论为${v.fail}`)
      : v.maxTotal === '0' ? (en ? 'the total is 0' : '总分记0分')
      : en ? `the total is at most ${v.maxTotal}` : `总分最高为${v.maxTotal}分`;
    out.push(terminalText(en ? `Veto: ${v.name} (${v.reason}); ${effect}` : `一票否决：${v.name}（${v.reason}），${effect}`));
  }
  if (result.rescaled) {
    const r = result.rescaled;
    out.push(en ? `Not applicable indicators removed: applicable max ${r.applicableMax}, raw total ${r.rawTotal}, rescaled to ${result.max}` : `不适用指标已剔除：适用分值 ${r.applicableMax}，原始得分 ${r.rawTotal}，按 ${result.max} 分折算`);
  }
  if (result.excluded) {
    const x = result.excluded;
    out.push(en ? `Not applicable indicators excluded: ${x.max} points left the sheet; on the full scale the total is ${x.gradedOn}, on which the grade is taken` : `不适用指标已剔除 ${x.max} 分，满分为 ${result.max} 分；折合满分制为 ${x.gradedOn} 分，据此评定等次`);
  }
  if (result.capped) out.push(terminalText(en ? `Total capped: ${result.capped.rawTotal}, at most ${result.capped.maxTotal}` : result.capped.reason));
  // Review layers (applyLayers): each layer's total and grade, and each score it changed, with the reason.
  const layers = result.layers ?? [];
  if (hasLayers(result)) {
    for (const l of layers) {
      const who = terminalText(`${l.name}${l.by ? `（${l.by}）` : ''}`);
      const sum = l.sum !== undefined ? (en ? ` (its scores add up to ${l.sum})` : sumNote(l)) : '';
      out.push(en ? `${who}: total ${l.total}${sum}, grade ${terminalText(l.grade ?? '—')}` : `${who}：总分 ${l.total}${sum}，等次 ${terminalText(l.grade ?? '—')}`);
      for (const c of l.changes) out.push(terminalText(`  ${c.name} ${c.from} → ${c.to}（${c.reason}）`));
    }
  }
  return out.join('\n') + '\n';
}
