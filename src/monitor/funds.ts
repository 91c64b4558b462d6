import { Exact, HUNDRED, ZERO } from '../exact.js';
import { makeIssue } from '../issues/issue.js';
import { fig, figBeside } from '../rules/common.js';
import { figureAt, formulaValue, planTo, type Ctx, type Path } from './context.js';
import type { MonitoredFunds } from './result.js';
import type { LevelBand } from './rubric.js';
import type { MonitorFunds } from './schema.js';

/** The funds of a project: 年初预算数, 1–N月执行数, 全年预计执行数, and the 预算执行 level with its reason. */
export function fundsOf(ctx: Ctx, f: MonitorFunds, path: Path): MonitoredFunds | null {
  const before = ctx.issues.length;
  const budget = figureAt(f.budget, [...path, 'budget'], ctx.issues);
  const spent = figureAt(f.spent, [...path, 'spent'], ctx.issues);
  const given = figureAt(f.projectedSpend, [...path, 'projectedSpend'], ctx.issues);
  const unit = f.unit ?? '万元';
  const ruleId = ctx.rubric.budget;
  // Money budgeted, spent or to be spent is never below 0: refused, not read as a rate.
  for (const [k, v] of [['budget', budget], ['spent', spent], ['projectedSpend', given]] as const) {
    if (v?.isNegative()) ctx.issues.push(makeIssue('invalid_value', { expected: '不小于 0 的金额', expectedEn: 'an amount ≥ 0', received: v.toPlain() }, { path: [...path, k] }));
  }
  if (ctx.issues.length > before) return null;
  if (ruleId === undefined && budget === undefined && spent === undefined) return null;
  if (spent === undefined) {
    ctx.issues.push(makeIssue('monitor_value_missing', { row: '项目资金', what: `1–${ctx.through}月执行数（spent）`, whatEn: 'the spending to date (spent)' }, { path: [...path, 'spent'] }));
    return null;
  }
  const projectedSpend = given ?? spent.times(Exact.int(ctx.length)).div(Exact.int(ctx.through));
  const out: MonitoredFunds = { unit, budget: budget === undefined ? '' : budget.toPlain(), spent: spent.toPlain(), projectedSpend: fig(projectedSpend), projection: given !== undefined ? 'department' : 'linear' };
  const rule = ruleId === undefined ? undefined : ctx.rubric.rules.get(ruleId);
  if (!rule || rule.kind !== 'bands') return out;
  const plan = planTo(ctx, f.budgetPlan, '项目资金', [...path, 'budgetPlan']);
  if (plan === null) return null;
  const zero = budget === undefined || budget.isZero();
  const share = Exact.int(ctx.through).div(Exact.int(ctx.length)).times(HUNDRED);
  const head = `${ctx.when}执行${fig(spent)}${unit}`;
  // 预算执行进度, computed when a band reads it.
  const progressOf = (edges: readonly Exact[]): { value: Exact; said: string } | null => {
    if (zero) {
      if (ctx.rubric.zeroBudget === 'refuse') {
        ctx.issues.push(makeIssue('monitor_zero_base', { row: '项目资金', what: '年初预算数', whatEn: 'the budget', value: '预算执行率', valueEn: 'the rate of spending' }, { path: [...path, 'budget'] }));
        return null;
      }
      out.rate = '0';
      return { value: ZERO, said: `${head}，年初预算数${budget === undefined ? '未填' : '为0'}，执行率按0计，预算执行进度${figBeside(ZERO, edges)}%` };
    }
    const rate = spent.div(budget!).times(HUNDRED);
    out.rate = fig(rate);
    if (plan !== undefined) {
      if (plan.isZero()) {
        ctx.issues.push(makeIssue('monitor_zero_base', { row: '项目资金', what: '截至监控期的用款计划', whatEn: 'the planned spending to date', value: '预算执行进度', valueEn: 'the progress of spending' }, { path: [...path, 'budgetPlan'] }));
        return null;
      }
      const value = spent.div(plan).times(HUNDRED);
      return { value, said: `${head}，年初预算数${fig(budget!)}${unit}，执行率${fig(rate)}%，用款计划${fig(plan)}${unit}，预算执行进度${figBeside(value, edges)}%` };
    }
    // 执行率 ÷ (N ÷ 期数) × 100, as one fraction: spent × 期数 × 100 ÷ (budget × N).
    const value = spent.times(Exact.int(ctx.length)).times(HUNDRED).div(budget!.times(Exact.int(ctx.through)));
    return { value, said: `${head}，年初预算数${fig(budget!)}${unit}，执行率${fig(rate)}%，序时进度${fig(share)}%，预算执行进度${figBeside(value, edges)}%` };
  };
  const names: Record<string, Exact> = { 预算数: budget ?? ZERO, 执行数: spent, 序时执行数: plan ?? (budget ?? ZERO).times(Exact.int(ctx.through)).div(Exact.int(ctx.length)), 月数: Exact.int(ctx.through), 期数: Exact.int(ctx.length) };
  let hit: LevelBand | undefined;
  let got: { value: Exact; said: string } | null = null;
  let last: Exact | undefined;
  for (const b of rule.bands) {
    if (b.formula) {
      const v = formulaValue(ctx, b.formula, names, [...path, 'spent']);
      if (v === undefined) return null;
      got = { value: v, said: `${head}，${b.formula.text}为${figBeside(v, b.edges)}` };
    } else {
      got = progressOf(b.edges);
      if (got === null) return null;
      out.progress = figBeside(got.value, b.edges);
    }
    last = got.value;
    if (b.test(got.value)) {
      hit = b;
      break;
    }
  }
  if (!hit || !got) {
    ctx.issues.push(makeIssue('no_band_matched', { label: '预算执行进度', value: last === undefined ? '' : fig(last) }, { path: [...path, 'spent'] }));
    return null;
  }
  const said = got.said;
  out.level = hit.level;
  out.levelName = ctx.rubric.levels.find((l) => l.level === hit.level)?.name ?? hit.level;
  out.rule = rule.id;
  out.reason = `${said}，${out.levelName}`;
  return out;
}
