import { Exact, ONE, ZERO } from '../../exact.js';
import { makeIssue } from '../../issues/issue.js';
import type { PlanNode } from '../../rubric/types.js';
import { showApart } from '../../rules/common.js';
import type { IndicatorResult } from '../result.js';
import type { NaState, WalkState } from '../state.js';
import type { Policy } from './policy.js';

/**
 * 不适用: an indicator the evaluation marks not applicable leaves scoring as its policy says —
 * `rescale` (the rest is brought to the full scale), `exclude` (the sheet's max is smaller),
 * `full` (it earns its max), `zero` — and, under a 可选项 pool, was simply not chosen. The most one
 * evaluation may remove is the rubric's limit (`notApplicableLimit`).
 */
export const notApplicable: Policy = {
  name: 'not-applicable',
  uses: () => true,

  mark(w) {
    const some = w.input.someNotApplicable;
    if (some === true) markTree(w, w.plan.roots, undefined);
    else if (some === undefined) {
      for (const a of w.input.assessments.values()) {
        if (a.notApplicable) {
          markTree(w, w.plan.roots, undefined);
          break;
        }
      }
    }
    // Nothing assessed: every base indicator 不适用. A total of 0 (or of full marks) would mean nothing.
    const na = w.notApplicable;
    const leaves = w.plan.baseLeaves;
    if (na.size && leaves.length > 0 && leaves.every((n) => na.has(n.id))) {
      w.issues.push(makeIssue('nothing_assessed', { count: leaves.length }, { path: ['assessments'] }));
      return false;
    }
    return true;
  },

  check(w) {
    if (w.notApplicable.size || w.rowLoss?.size) checkRemoved(w);
    // Everything that counts removed (a sheet whose other items have max 0): nothing to rescale to.
    if ((w.removedRescale.isPositive() || w.removedExclude.isPositive()) && w.removedRescale.plus(w.removedExclude).gte(w.plan.maxExact)) {
      w.issues.push(makeIssue('nothing_assessed', { count: w.plan.baseLeaves.length }, { path: ['assessments'] }));
      return false;
    }
    return true;
  },

  owns: (w, n) => w.notApplicable.size > 0 && w.notApplicable.has(n.id),

  visit(w, n, a, into) {
    const policy = w.naPolicy.get(n.id)!;
    const r = naNode(w, n, policy, a?.reason, true);
    if (into) into.push(r);
    return policy === 'full' && n.role === 'base' ? n.maxExact : ZERO;
  },

  // `exclude`: the sheet's max is smaller by what left it. `rescale`: the base part is rescaled
  // to the sheet's max ("按百分制折算"). One rule for both: only the base is brought to scale,
  // rounded once; 加分项 and 扣分项 are added after, as they are.
  settle(w, t) {
    if (w.removedRescale.isZero() && w.removedExclude.isZero()) return;
    const plan = w.plan;
    const sheetMax = w.removedExclude.isZero() ? plan.maxExact : plan.maxExact.minus(w.removedExclude);
    const applicable = sheetMax.minus(w.removedRescale);
    if (w.removedRescale.isPositive()) {
      t.total = w.finalTotal(w.round(w.sumBase.times(sheetMax).div(applicable)));
      t.rescaled = { rawTotal: w.sumBase.toPlain(), applicableMax: applicable.toPlain() };
    }
    t.graded = t.total;
    if (w.removedExclude.isZero()) return;
    // `exclude`: the grade is taken on the base brought to the full scale, then the same 加分项,
    // 扣分项 and caps (the figure shown as `excluded.gradedOn`).
    t.graded = w.finalTotal(w.round(w.sumBase.times(plan.maxExact).div(applicable)));
    t.max = sheetMax.toPlain();
    // `gradedOn` is the graded figure once every cap is taken (the walk writes it last).
    t.excluded = { max: w.removedExclude.toPlain(), gradedOn: '' };
  },
};

/** Mark 不适用 subtrees, each node with the policy of the topmost marked one (or `unchosen` in a pool). */
function markTree(w: WalkState, nodes: readonly PlanNode[], above: NaState | undefined): void {
  for (const n of nodes) {
    let p = above;
    if (p === undefined && w.input.assessments.get(n.id)?.notApplicable === true) p = n.inPool ? 'unchosen' : n.naPolicy;
    if (p !== undefined) {
      w.markNotApplicable(n.id, p);
    }
    markTree(w, n.children, p);
  }
}

/**
 * What 不适用 removes from the base max (rescale and exclude; a pool or a weighted block keeps
 * its own), with the reduced max of every parent it leaves, checked against the rubric's limit.
 *
 * The limit counts every point of the sheet's max that 不适用 takes out of scoring, wherever it
 * stands: a plain indicator its max; one below a weighted block its share of the block's max
 * (the block's max × its weight ÷ the sum of all the block's weights, 不适用 ones included, the
 * fraction of its own max it lost); one below a chosen row of a 可选项 pool the same fraction of
 * that row's share. Nested blocks and pools multiply. In a rows section (项目支出绩效自评表), rows
 * 不适用 by an empty 指标值 count their part of the section's max, and a section with no rows whose
 * max goes to the others (`empty: redistribute`) its whole max (the rows policy's `rowLoss`):
 * what was moved onto the rows that were assessed was not assessed itself. Exact: no share is
 * rounded.
 */
function checkRemoved(w: WalkState): void {
  const rowLoss = w.rowLoss;
  /** Nodes with something removed (rescale, exclude, rows 不适用) at or below them. */
  const removing = new Set<string>();
  if (rowLoss) for (const id of rowLoss.keys()) removing.add(id);
  const removedIn = (n: PlanNode): [Exact, Exact] => {
    const p = w.naPolicy.get(n.id);
    if (n.role !== 'base') return [ZERO, ZERO];
    if (p === 'rescale' || p === 'exclude') {
      if (n.maxExact.isPositive()) removing.add(n.id);
      return p === 'rescale' ? [n.maxExact, ZERO] : [ZERO, n.maxExact];
    }
    if (p !== undefined) return [ZERO, ZERO];
    let r = ZERO;
    let e = ZERO;
    for (const c of n.children) {
      const [cr, ce] = removedIn(c);
      r = r.plus(cr);
      e = e.plus(ce);
      if (removing.has(c.id)) removing.add(n.id);
    }
    if (n.pool || n.combine === 'weighted') return [ZERO, ZERO];
    if (r.isPositive() || e.isPositive()) w.reduceMax(n.id, n.maxExact.minus(r).minus(e));
    return [r, e];
  };
  for (const n of w.plan.roots) {
    const [r, e] = removedIn(n);
    w.removedRescale = w.removedRescale.plus(r);
    w.removedExclude = w.removedExclude.plus(e);
  }
  if (!removing.size) return;
  // What leaves the sheet's scoring, in sheet points: `scale` is sheet points per point of n's max.
  let failed = false;
  const lost = (n: PlanNode, scale: Exact): Exact => {
    if (!removing.has(n.id)) return ZERO;
    if (w.naPolicy.has(n.id)) return n.maxExact.times(scale);
    const rows = rowLoss?.get(n.id);
    if (rows !== undefined) return n.maxExact.times(rows).times(scale);
    const shared = n.pool !== undefined || n.combine === 'weighted';
    const scales = shared ? w.scales(n) : undefined;
    if (shared && scales === undefined) {
      failed = true;
      return ZERO;
    }
    let sum = ZERO;
    n.children.forEach((c, k) => {
      sum = sum.plus(lost(c, scales ? scale.times(scales[k]!) : scale));
    });
    return sum;
  };
  let removed = ZERO;
  for (const n of w.plan.roots) removed = removed.plus(lost(n, ONE));
  // Printed on its side of the limit: 50.0000001 is never "50" beside a limit of 50.
  const limit = w.plan.naLimit;
  if (!failed && removed.gt(limit))
    w.issues.push(makeIssue('not_applicable_over_limit', { removed: showApart(removed, limit), limit: limit.toPlain() }, { path: ['assessments'] }));
}

/**
 * A 不适用 node: under `full`, each base child gets its max; a 加分项 or 扣分项 nothing. `counts`:
 * its score goes into the sheet's sums (not for the children of a node that earned its max whole).
 */
function naNode(w: WalkState, n: PlanNode, policy: NaState, remark: string | undefined, counts: boolean): IndicatorResult {
  const full = policy === 'full';
  const earns = full && n.role === 'base';
  // A 可选项 pool or a weighted block is worth its own max, which its children's maxima need not
  // add up to: under `full` it earns that max itself, and its children are shown as it would
  // show them scored in full (a pool: each on its share; a block: each with its weight).
  const whole = earns && !n.leaf && (n.pool !== undefined || n.combine === 'weighted');
  if (counts && (n.leaf || whole)) w.add(n, earns ? n.maxExact : ZERO);
  // Removed (rescale, exclude) or not chosen: no score, no loss, max 0, so the sheet adds up. A
  // 加分项 or 扣分项 keeps its max (the most it could add or take off) and scores 0.
  const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: earns || n.role !== 'base' ? n.maxText : '0', score: earns ? n.maxText : '0', deductions: [] };
  w.keep(n, earns ? n.maxExact : ZERO);
  if (n.kind) result.kind = n.kind;
  if (n.standard !== undefined) result.standard = n.standard;
  if (remark !== undefined) result.remark = remark;
  if (n.role === 'bonus') result.bonus = true;
  if (n.role === 'penalty') result.penalty = true;
  result.notApplicable = true;
  if (!n.leaf) {
    const children = n.children.map((c) => naNode(w, c, policy, undefined, counts && !whole));
    if (whole) w.showFull(n, children);
    result.children = children;
  }
  return result;
}
