import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { Interval } from '../../rules/interval.js';
import { convertUnit, describeTarget, parseTarget, type TargetOp } from '../../rules/target-spec.js';
import type { LintCheck, LintContext, LintNode, NameDecl } from '../context.js';
import { formulaRange, type Expr, type Range } from '../formula-range.js';
import { closedRange, containsInteger, intersect, showInterval, subtract } from '../interval-set.js';

/** The figures a target is met by, as an interval. */
function metBy(op: TargetOp, v: Decimal): Interval {
  switch (op) {
    case '>=': return { lo: v, loInclusive: true, hiInclusive: false };
    case '>': return { lo: v, loInclusive: false, hiInclusive: false };
    case '<=': return { loInclusive: false, hi: v, hiInclusive: true };
    case '<': return { loInclusive: false, hi: v, hiInclusive: false };
    case '=': return { lo: v, loInclusive: true, hi: v, hiInclusive: true };
  }
}

const isPenalty = (n: LintNode) => 'penalty' in n.doc && (n.doc as { penalty?: unknown }).penalty === true;

/** Most names followed to find the inputs of one formula (a longer chain of metrics is not followed). */
const MAX_REACH = 200;

/** The inputs a formula reads, through the metrics it reads; undefined past {@link MAX_REACH} names. */
function inputsOf(ctx: LintContext, formula: string, refs: Map<string, string[]>): Set<string> | undefined {
  const out = new Set<string>();
  const seen = new Set<string>();
  const todo = [...(ctx.refsOf(formula) ?? [])];
  const refsOf = (name: string, text: string) => {
    let r = refs.get(name);
    if (!r) refs.set(name, (r = ctx.refsOf(text) ?? []));
    return r;
  };
  while (todo.length) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    if (seen.size >= MAX_REACH) return undefined;
    seen.add(n);
    const d = ctx.names.get(n);
    if (d?.source === 'input') out.add(n);
    else if (d?.formula !== undefined) todo.push(...refsOf(n, d.formula));
  }
  return out;
}

interface Caches {
  /** Metric ranges over the declared inputs. */
  memo: Map<string, Range>;
  /** Metric formulas, parsed. */
  parsed: Map<string, Expr | null>;
  /** Names each metric reads. */
  refs: Map<string, string[]>;
}

function formulaFindings(ctx: LintContext, n: LintNode, score: string, caches: Caches): Issue[] {
  const { memo, parsed, refs } = caches;
  const path = [...n.docPath, 'rule', 'score'];
  const o = { indicator: n.path };
  // A rate in percentage points (95 means 95%) multiplied as if it were a fraction.
  const ins = inputsOf(ctx, score, refs) ?? new Set<string>();
  const percent = [...ins].some((x) => ctx.names.get(x)?.type === 'percent');
  const hint = percent ? '百分比按百分点填写（95 表示 95%），公式中是否应除以 100？' : undefined;
  const hintEn = percent ? 'percentages are in percentage points (95 means 95%): should the formula divide by 100?' : undefined;
  const judge = (names: ReadonlyMap<string, NameDecl>, where: string, whereEn: string, shared?: Map<string, Range>): Issue | undefined => {
    const r = formulaRange(score, names, shared, parsed);
    if (r?.lo && r.lo.gte(n.max))
      return ctx.issue('rule_always_max', { detail: `${where}公式 ${score} 不小于 ${r.lo.toFixed()}`, detailEn: `${whereEn}${score} is never below ${r.lo.toFixed()}`, max: pts(n.max), hint, hintEn }, path, o);
    if (r?.hi && !r.hi.gt(0))
      return ctx.issue('rule_always_zero', { detail: `${where}公式 ${score} 不大于 ${r.hi.toFixed()}`, detailEn: `${whereEn}${score} is never above ${r.hi.toFixed()}`, hint, hintEn }, path, o);
    return undefined;
  };
  const whole = judge(ctx.names, '', '', memo);
  if (whole) return [whole];
  // One input with a finite range: the same, certain, for all but the first or last 1% of it
  // (20 * 执行率 with 执行率 in [0, 100] is 20 from 执行率 = 1 on: a fraction taken for a rate).
  const only = ins.size === 1 ? ctx.names.get([...ins][0]!) : undefined;
  if (!only?.min || !only.max || !only.max.gt(only.min)) return [];
  const cut = only.max.minus(only.min).div(100);
  const full = showInterval(closedRange(only.min, only.max));
  for (const [min, max] of [[only.min.plus(cut), only.max], [only.min, only.max.minus(cut)]] as const) {
    const names = new Map(ctx.names);
    names.set(only.name, { ...only, min, max });
    const shown = showInterval(closedRange(min, max));
    const found = judge(names, `${only.label}在 ${shown} 内（声明范围 ${full} 的 99%）时`, `for ${only.label} in ${shown} (99% of its declared ${full}) `);
    if (found) return [found];
  }
  return [];
}

function targetFindings(ctx: LintContext, n: LintNode, value: string, target: string): Issue[] {
  const dom = ctx.domainOf(value);
  const spec = parseTarget(target);
  if (!dom.declared || !spec) return [];
  const v = convertUnit(spec.value, spec.unit, dom.unit);
  if (!v) return [];
  const met = metBy(spec.op, v);
  const some = (iv: Interval | undefined) => iv !== undefined && (!dom.integer || containsInteger(iv));
  const what = `${dom.label}（${showInterval(dom.iv)}）`;
  const path = [...n.docPath, 'rule', 'target'];
  const shown = describeTarget(spec);
  if (!subtract(dom.iv, met).some(some))
    return [ctx.issue('rule_always_max', { detail: `${what}总是达到目标 ${shown}`, detailEn: `${dom.label} ${showInterval(dom.iv)} always meets the target ${shown}`, max: pts(n.max) }, path, { indicator: n.path })];
  if (!some(intersect(dom.iv, met)))
    return [ctx.issue('rule_always_zero', { detail: `${what}永远达不到目标 ${shown}`, detailEn: `${dom.label} ${showInterval(dom.iv)} never meets the target ${shown}` }, path, { indicator: n.path })];
  return [];
}

/**
 * A rule whose score cannot change over the declared input ranges (`rule_always_max`,
 * `rule_always_zero`, warnings): `20 * 执行率` with 执行率 a percent in [0, 100] is never below 0
 * and, from 1% up, always clamped to 20 — usually the rate was meant as a fraction. Formulas are
 * bounded by exact interval arithmetic over the inputs' declared `min`/`max` (metrics followed
 * through their formulas, bounds rounded outwards), so a finding is certain; a figure without a
 * declared bound is unbounded and then nothing is said. All-or-nothing targets are judged over a
 * bare input's declared range. (Per-unit rules and bands have their own checks.)
 */
export const constantScore: LintCheck = {
  name: 'constant-score',
  summary: '在声明的取值范围内，规则不会总是满分或总是 0 分 · no rule that always scores max or 0',
  run(ctx) {
    const out: Issue[] = [];
    const caches: Caches = { memo: new Map(), parsed: new Map(), refs: new Map() };
    for (const { node, rule } of ctx.rulesOf('formula')) if (!isPenalty(node)) out.push(...formulaFindings(ctx, node, rule.score, caches));
    for (const { node, rule } of ctx.rulesOf('target'))
      if ((rule.mode ?? 'all_or_nothing') === 'all_or_nothing' && !isPenalty(node)) out.push(...targetFindings(ctx, node, rule.value, String(rule.target)));
    return out;
  },
};
