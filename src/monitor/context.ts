import { parseDecimal } from '../decimal.js';
import { Exact, ZERO } from '../exact.js';
import { evalNumber, FormulaRuntimeError, type CompiledFormula } from '../formula/compile.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import type { MonitoringRubric } from './rubric.js';

/** A place in a monitoring input. */
export type Path = (string | number)[];

/** What one project's monitoring shares while its rows and funds are read: the period and the issues. */
export interface Ctx {
  rubric: MonitoringRubric;
  through: number;
  length: number;
  when: string;
  issues: Issue[];
  warnings: Issue[];
}

/** A figure as written in an input: a number or a decimal string; else an issue at `path`. */
export function figureAt(raw: string | number | undefined, path: Path, issues: Issue[]): Exact | undefined {
  if (raw === undefined) return undefined;
  const r = parseDecimal(raw);
  if (!r.ok) {
    issues.push(makeIssue('invalid_number', { received: String(raw), reason: r.reason }, { path }));
    return undefined;
  }
  return Exact.fromDecimal(r.value);
}

/** Pro-rated share of an annual figure: annual × N ÷ 期数, exact. */
export const proRated = (annual: Exact, through: number, length: number) => annual.times(Exact.int(through)).div(Exact.int(length));

export function planTo(ctx: Ctx, plan: (string | number)[] | undefined, row: string, path: Path): Exact | undefined | null {
  if (plan === undefined) {
    if (ctx.rubric.schedule === 'plan') {
      ctx.issues.push(makeIssue('monitor_value_missing', { row, what: '逐期计划（plan）', whatEn: 'the plan per period (plan)' }, { path }));
      return null;
    }
    return undefined;
  }
  if (ctx.rubric.schedule === 'linear') {
    ctx.issues.push(makeIssue('invalid_value', { expected: '（本评分表按年度值 × N ÷ 期数计算序时进度，不填逐期计划）', expectedEn: 'no plan (this rubric pro-rates the annual figure)', received: 'plan' }, { path }));
    return null;
  }
  if (plan.length !== ctx.length) {
    ctx.issues.push(makeIssue('monitor_plan_invalid', { row, length: ctx.length, count: plan.length }, { path }));
    return null;
  }
  let sum = ZERO;
  for (let k = 0; k < ctx.through; k++) {
    const v = figureAt(plan[k], [...path, k], ctx.issues);
    if (v === undefined) return null;
    sum = sum.plus(v);
  }
  return sum;
}

export function holds(v: Exact, op: '>=' | '>' | '<=' | '<' | '=', t: Exact): boolean {
  const c = v.cmp(t);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0;
}

/** A band's formula over the row's (or the funds') named figures; a division by zero or an overflow is an issue. */
export function formulaValue(ctx: Ctx, f: CompiledFormula, names: Record<string, Exact>, path: Path): Exact | undefined {
  try {
    return evalNumber(f, (n) => names[n]!);
  } catch (e) {
    if (!(e instanceof FormulaRuntimeError)) throw e;
    ctx.issues.push(makeIssue(e.kind === 'division_by_zero' ? 'division_by_zero' : e.kind === 'overflow' ? 'number_overflow' : 'formula_argument', { formula: f.text, ...(e.divisor ? { detail: `${e.divisor}为 0` } : {}), ...(e.argument ? { column: e.argument.column, detail: e.argument.detail, detailEn: e.argument.detailEn } : {}) }, { path }));
    return undefined;
  }
}
