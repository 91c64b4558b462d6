import { Exact, HUNDRED } from '../exact.js';
import { makeIssue } from '../issues/issue.js';
import type { ProjectTarget } from '../project/target.js';
import { fig, figBeside } from '../rules/common.js';
import { formulaValue, proRated, type Ctx, type Path } from './context.js';
import type { CompiledLevelRule, LevelBand } from './rubric.js';
import type { MonitorValue, Route } from './schema.js';

/** The route of a target: its comparison, `=0`, a range, 定性 or a deadline; `%` rows first try their own. */
export function routesOf(t: ProjectTarget): Route[] {
  if (t.kind === 'qualitative' || t.kind === 'deadline') return [t.kind];
  // 年度指标值等于0: a target of 0 (投诉率 0, =0, ≤0), whatever comparison it is written with.
  const base = t.kind === 'range' ? 'range' : (t.op === '=' || t.op === '<=') && t.value.isZero() ? '=0' : t.op;
  return t.unit === '%' && base !== '=0' ? [`${base}%` as Route, base] : [base];
}

/** The edges of the bands of `rule` that read `value`: a figure is printed on its own side of each. */
export const edgesOf = (rule: CompiledLevelRule, value: MonitorValue): Exact[] => (rule.kind === 'bands' ? (rule.bands.find((b) => b.value === value)?.edges ?? []) : []);

/**
 * A level from bands, in order: the first band whose figure is in its interval. Each figure is
 * computed when a band reads it, exactly: 序时进度 = annual × N ÷ 期数 (or the plan to date).
 */
export function bandLevel(
  ctx: Ctx,
  rule: Extract<CompiledLevelRule, { kind: 'bands' }>,
  row: string,
  path: Path,
  f: { done: Exact; annual: Exact; plan: Exact | undefined },
  unit: string,
): { level: string; reason: string; expected?: Exact; progress?: Exact } | undefined {
  const expected = f.plan ?? proRated(f.annual, ctx.through, ctx.length);
  // The reason names every figure the bands read on the way to the one that held, in that order:
  // a row green in the variant says both why it is not blue (70% of the year) and why it is green.
  const said = (): string => {
    const parts: string[] = [];
    const actual = read.get('actual');
    parts.push(`${ctx.when}完成${actual ? figBeside(f.done, actual.edges) : fig(f.done)}${unit}`);
    for (const [value, { v, edges, band }] of read) {
      if (band.formula) parts.push(`${band.formula.text}为${figBeside(v, edges)}`);
      else if (value === 'sequential') parts.push(`序时进度${fig(expected)}${unit}`, `完成进度${figBeside(v, edges)}%`);
      else if (value === 'annual') parts.push(`年度指标值${fig(f.annual)}${unit}`, `完成年度指标的${figBeside(v, edges)}%`);
    }
    return parts.join('，');
  };
  const read = new Map<MonitorValue, { v: Exact; edges: readonly Exact[]; band: LevelBand }>();
  const values = new Map<MonitorValue, Exact>();
  const figure = (b: LevelBand): Exact | undefined => {
    const have = values.get(b.value);
    if (have !== undefined) return have;
    let v: Exact;
    if (b.formula) {
      const x = formulaValue(ctx, b.formula, { 完成值: f.done, 年度指标值: f.annual, 序时进度: expected, 月数: Exact.int(ctx.through), 期数: Exact.int(ctx.length) }, [...path, 'done']);
      if (x === undefined) return undefined;
      v = x;
    } else if (b.value === 'actual') v = f.done;
    else {
      const base = b.value === 'sequential' ? expected : f.annual;
      if (base.isZero()) {
        const what = b.value === 'sequential' ? (f.plan ? '截至监控期的计划值' : '年度指标值') : '年度指标值';
        ctx.issues.push(makeIssue('monitor_zero_base', { row, what, whatEn: b.value === 'sequential' ? 'the expected value to date' : 'the annual target', value: b.value === 'sequential' ? '完成进度' : '完成年度指标的比例', valueEn: 'the progress' }, { path: [...path, 'done'] }));
        return undefined;
      }
      v = f.done.div(base).times(HUNDRED);
    }
    values.set(b.value, v);
    read.set(b.value, { v, edges: b.edges, band: b });
    return v;
  };
  for (const b of rule.bands) {
    const v = figure(b);
    if (v === undefined) return undefined;
    if (b.test(v)) {
      const seq = values.get('sequential');
      return { level: b.level, reason: said(), ...(b.value === 'sequential' ? { expected } : {}), ...(seq !== undefined ? { progress: seq } : {}) };
    }
  }
  const last = rule.bands[rule.bands.length - 1]!;
  ctx.issues.push(makeIssue('no_band_matched', { label: `${row}的${last.value === 'sequential' ? '完成进度' : '数值'}`, value: fig(values.get(last.value)!) }, { path: [...path, 'done'] }));
  return undefined;
}
