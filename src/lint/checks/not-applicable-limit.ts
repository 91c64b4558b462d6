import { Decimal } from '../../decimal.js';
import { Exact, ONE, ZERO } from '../../exact.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck, LintNode } from '../context.js';

/**
 * An indicator whose 不适用 policy removes it (`rescale` or `exclude`, its own or inherited) while
 * what it takes out of scoring exceeds the rubric's `notApplicableLimit` (by default half the
 * sheet's max) (`not_applicable_never`, warning): marking it 不适用 is always refused
 * (`not_applicable_over_limit`). Raise the limit, or give it another policy (`full`, `forbidden`).
 * What it takes out is its max; below a weighted block with constant weights, its share of the
 * block's max (the block's max × its weight ÷ all the weights, shown as 折合). Below a 可选项 pool
 * (the share depends on the choice) or weights computed from the inputs, it is not checked.
 */
export const notApplicableLimit: LintCheck = {
  name: 'not-applicable-limit',
  summary: '可按不适用剔除的指标不超过剔除上限 · an indicator that may be removed as 不适用 fits the limit',
  run(ctx) {
    const max = ctx.roots.filter((r) => !r.doc.bonus && !r.doc.penalty).reduce((a, r) => a.plus(r.max), new Decimal(0));
    const limit = ctx.doc.notApplicableLimit ?? max.times('0.5');
    const out: Issue[] = [];
    // `share`: the sheet's points per point of n's max (1 outside weighted blocks).
    // Exact: a share such as 80 × 2 ÷ 3 is compared with the limit as the evaluation compares it.
    const cap = Exact.fromDecimal(limit);
    const visit = (n: LintNode, inherited: string, share: Exact) => {
      const policy = n.doc.notApplicable ?? inherited;
      if (n.doc.bonus || n.doc.penalty) return;
      const removes = Exact.fromDecimal(n.max).times(share);
      if ((policy === 'rescale' || policy === 'exclude') && removes.gt(cap)) {
        out.push(ctx.issue('not_applicable_never', { indicator: n.path, max: pts(n.max), share: share.eq(ONE) ? undefined : pts(removes), limit: pts(limit), policy }, [...n.docPath, 'max'], { indicator: n.path }));
      }
      if (n.doc.pool) return;
      if (n.doc.combine === 'weighted') {
        const weights = n.children.map((c) => constantWeight(c.doc.weight));
        if (weights.some((w) => w === undefined)) return;
        const sum = weights.reduce<Exact>((a, w) => a.plus(w!), ZERO);
        if (sum.isZero()) return;
        n.children.forEach((c, k) => {
          if (!c.max.isZero()) visit(c, policy, share.times(Exact.fromDecimal(n.max)).times(weights[k]!).div(sum).div(Exact.fromDecimal(c.max)));
        });
        return;
      }
      for (const c of n.children) visit(c, policy, share);
    };
    for (const r of ctx.roots) visit(r, ctx.doc.notApplicable ?? 'forbidden', ONE);
    return out;
  },
};

/** A weight written as a number (75, "0.75"), or undefined for a formula over the inputs. */
function constantWeight(w: Decimal | string | number | undefined): Exact | undefined {
  if (w instanceof Decimal) return Exact.fromDecimal(w);
  if (typeof w === 'number') return Number.isFinite(w) && w >= 0 ? Exact.fromDecimal(new Decimal(w)) : undefined;
  if (typeof w === 'string' && /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(w)) return Exact.plainDecimal(w.trim());
  return undefined;
}
