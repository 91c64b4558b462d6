import { Exact, ONE, ZERO } from '../../exact.js';
import { makeIssue } from '../../issues/issue.js';
import { apportion } from '../../project/score.js';
import type { PlanNode } from '../../rubric/types.js';
import { pts } from '../../rules/common.js';
import type { DeductionResult, IndicatorResult } from '../result.js';
import type { WalkState } from '../state.js';
import type { Policy } from './policy.js';

/**
 * 可选项: a pool of rows the evaluation chooses among (it marks the others 不适用); the rows chosen
 * share the pool's max, by their maxima or equally, on the sheet's grid. Each is scored on its
 * own scale and shown on its share. `pick` says how many must be chosen.
 */
export const pool: Policy = {
  name: 'pool',
  uses: (plan) => plan.pools.length > 0,

  /** Every pool the evaluation reaches (not under a 不适用 or in a 加分/扣分项) chose as `pick` says. */
  check(w) {
    const visit = (n: PlanNode) => {
      if (n.role !== 'base' || w.naPolicy.has(n.id)) return;
      if (n.pool) {
        const chosen = n.children.filter((c) => !w.notApplicable.has(c.id)).length;
        const pick = n.pool.pick;
        if (chosen === 0 || (pick !== undefined && chosen !== pick))
          w.issues.push(makeIssue('pool_pick_mismatch', { indicator: n.path, pick: pick ?? '至少1', pickEn: pick ?? 'at least 1', chosen }, { path: ['assessments'], indicator: n.path }));
        // Shared by their maxima, the rows chosen must have some: rows of max 0 share nothing.
        else if (n.pool.split === 'weights' && n.children.every((c) => w.notApplicable.has(c.id) || c.maxExact.isZero()))
          w.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0' }, { path: ['assessments'], indicator: n.path }));
      }
      for (const c of n.children) visit(c);
    };
    for (const n of w.plan.roots) visit(n);
  },

  owns: (_w, n) => n.pool !== undefined,

  visit(w, n, a, into) {
    const chosen = n.children.filter((c) => !w.notApplicable.has(c.id));
    const shares = poolShares(w, n, chosen);
    const children: IndicatorResult[] | undefined = into ? [] : undefined;
    const deductions: DeductionResult[] = [];
    let total = ZERO;
    let raw = ZERO;
    let failed = false;
    let k = 0;
    for (const c of n.children) {
      const own: IndicatorResult[] | undefined = into ? [] : undefined;
      const s = w.visit(c, own);
      if (s === undefined) {
        failed = true;
        continue;
      }
      const r = own?.[0];
      if (r) children!.push(r);
      if (w.notApplicable.has(c.id)) continue;
      raw = raw.plus(s);
      const share = shares[k++]!;
      // On its own scale: its max less what 不适用 items below it removed.
      const ownMax = w.ownMax(c);
      const scaled = ownMax.isZero() ? ZERO : w.round(s.times(share).div(ownMax));
      total = total.plus(scaled);
      w.keep(c, scaled);
      if (!r) continue;
      const lost = share.minus(scaled);
      const why = r.deductions.map((d) => d.reason).join('；');
      const how = `可选项“${c.name}”得${pts(s)}分（满分${pts(ownMax)}分），按所选${chosen.length}项分享${n.maxText}分，折合为${pts(share)}分中的${pts(scaled)}分`;
      r.scaledFrom = { max: r.max, score: r.score };
      r.max = share.toPlain();
      r.score = scaled.toPlain();
      r.deductions = lost.isPositive() ? [{ indicator: c.path, points: lost.toPlain(), reason: why ? `${why}；${how}，扣${pts(lost)}分` : `${how}，扣${pts(lost)}分` }] : [];
      // How it was scaled is said once: in the deduction when it lost points, else as a remark.
      if (!lost.isPositive()) r.remark = r.remark === undefined ? how : `${how}；${r.remark}`;
      for (const d of r.deductions) deductions.push(d);
    }
    if (failed) return undefined;
    w.sumBase = w.sumBase.minus(raw).plus(total);
    w.keep(n, total);
    if (!into) return total;
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: total.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return total;
  },

  /** Each chosen row's share of the pool's max per point of its own max (0 for a row not chosen or of max 0). */
  scales(w, n) {
    const chosen = n.children.filter((c) => !w.notApplicable.has(c.id));
    // Nothing chosen, or nothing to share by: reported as the pool's own issue.
    if (!chosen.some((c) => n.pool!.split === 'equal' || c.maxExact.isPositive())) return n.children.map(() => ZERO);
    const shares = poolShares(w, n, chosen);
    let k = 0;
    return n.children.map((c) => {
      if (w.notApplicable.has(c.id)) return ZERO;
      const share = shares[k++]!;
      return c.maxExact.isZero() ? ZERO : share.div(c.maxExact);
    });
  },

  /** A pool earning its max in full: each row shown on its share of it. */
  showFull(w, n, children) {
    const shares = poolShares(w, n, n.children);
    children.forEach((r, k) => {
      r.scaledFrom = { max: r.max, score: r.score };
      r.max = r.score = shares[k]!.toPlain();
      w.keep(n.children[k]!, shares[k]!);
    });
  },
};

/** A 可选项 pool's max shared among `rows`, by their maxima or equally, on the sheet's grid. */
function poolShares(w: WalkState, n: PlanNode, rows: readonly PlanNode[]): Exact[] {
  return apportion(n.maxExact, rows.map((c) => (n.pool!.split === 'equal' ? ONE : c.maxExact)), w.step);
}
