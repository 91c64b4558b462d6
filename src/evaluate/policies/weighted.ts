import { Exact, HUNDRED, ZERO } from '../../exact.js';
import type { CompiledFormula } from '../../formula/compile.js';
import { makeIssue } from '../../issues/issue.js';
import type { PlanNode } from '../../rubric/types.js';
import { pts, showApart } from '../../rules/common.js';
import type { DeductionResult, IndicatorResult } from '../result.js';
import type { WalkState } from '../state.js';
import type { Policy } from './policy.js';

/**
 * A weighted block (`combine: weighted`): each child scored on its own scale, the node's score its
 * max × the weighted average of the children's shares (预算绩效50 = 预算管理75% + 财务管理25%);
 * weights are constants or formulas over the inputs (以资金额度为权重). Children marked 不适用
 * (other than `full`) leave the average, and the weights of the rest are taken as they are.
 */
export const weighted: Policy = {
  name: 'weighted',
  uses: (plan) => [...plan.byId.values()].some((n) => n.combine === 'weighted'),

  owns: (_w, n) => n.combine === 'weighted',

  visit(w, n, a, into) {
    const children: IndicatorResult[] | undefined = into ? [] : undefined;
    let failed = false;
    let raw = ZERO;
    let sumW = ZERO;
    let sumWs = ZERO;
    const parts: string[] = [];
    for (const c of n.children) {
      const s = w.visit(c, children);
      if (s === undefined) {
        failed = true;
        continue;
      }
      raw = raw.plus(s);
      if (w.notApplicable.has(c.id) && w.naPolicy.get(c.id) !== 'full') continue;
      const weight = weightOf(w, c);
      if (weight === undefined) {
        failed = true;
        continue;
      }
      const own = w.ownMax(c);
      if (children) children[children.length - 1]!.weight = weight.toPlain();
      if (own.isZero()) continue;
      sumW = sumW.plus(weight);
      sumWs = sumWs.plus(weight.times(s).div(own));
      if (into) parts.push(`${c.name}${pts(s)}分（满分${pts(own)}分）×权重${pts(weight)}`);
    }
    if (failed) return undefined;
    // Every child 不适用, or with nothing left to score out of: nothing to weigh.
    if (sumW.isZero() && n.children.every((c) => (w.notApplicable.has(c.id) && w.naPolicy.get(c.id) !== 'full') || w.ownMax(c).isZero())) {
      w.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0', detail: '的下级指标都标记为不适用，无从加权；请将该指标本身标记为不适用', detailEn: 'has every child marked 不适用: nothing to weigh; mark the block itself 不适用' }, { path: ['assessments'], indicator: n.path }));
      return undefined;
    }
    if (sumW.isZero()) {
      // Every weight 0 (no funds anywhere): nothing to average. Point at the first weight's figure.
      const first = n.children.find((c) => c.weight !== undefined && !(c.weight instanceof Exact))?.weight as CompiledFormula | undefined;
      w.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0' }, { path: first ? w.plan.figurePath(first.refs[0]) : [], indicator: n.path }));
      return undefined;
    }
    const share = sumWs.div(sumW);
    const score = w.round(n.maxExact.times(share));
    w.sumBase = w.sumBase.minus(raw).plus(score);
    w.keep(n, score);
    if (!into) return score;
    const lost = n.maxExact.minus(score);
    // The rate beside a deduction is below 100%: 99.9996% never prints as "100".
    const reason = `${parts.join(' + ')}，加权得分率${showApart(share.times(HUNDRED), HUNDRED)}%，×${n.maxText}分=${pts(score)}分，扣${pts(lost)}分`;
    const deductions: DeductionResult[] = lost.isPositive() ? [{ indicator: n.path, points: lost.toPlain(), reason }] : [];
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: score.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return score;
  },

  /** Each child's share of the block's max (max × weight ÷ the sum of all the weights) per point of its own max. */
  scales(w, n) {
    const weights: Exact[] = [];
    for (const c of n.children) {
      const weight = weightOf(w, c);
      if (weight === undefined) return undefined;
      weights.push(weight);
    }
    const sum = weights.reduce((a, x) => a.plus(x), ZERO);
    return n.children.map((c, k) => (sum.isZero() || c.maxExact.isZero() ? ZERO : n.maxExact.times(weights[k]!).div(sum).div(c.maxExact)));
  },

  /** A block earning its max in full: each child shown with its weight. */
  showFull(w, n, children) {
    children.forEach((r, k) => {
      const weight = weightOf(w, n.children[k]!);
      if (weight !== undefined) r.weight = weight.toPlain();
    });
  },
};

/**
 * A child's weight: a constant, or its formula computed on the inputs, once per evaluation (the
 * limit on 不适用 may need it before the block is scored). A formula that fails, or gives a
 * negative weight, is reported; then undefined.
 */
function weightOf(w: WalkState, c: PlanNode): Exact | undefined {
  if (c.weight instanceof Exact) return c.weight;
  if (w.weights?.has(c.id)) return w.weights.get(c.id);
  const f = c.weight as CompiledFormula;
  let weight = w.attempt(c, () => w.compute(f, `指标“${c.path}”的权重`) as Exact);
  if (weight !== undefined && weight.isNegative()) {
    w.issues.push(makeIssue('weight_invalid', { indicator: c.path, weight: weight.toPlain() }, { path: w.plan.figurePath(f.refs[0]), indicator: c.path }));
    weight = undefined;
  }
  (w.weights ??= new Map()).set(c.id, weight);
  return weight;
}
