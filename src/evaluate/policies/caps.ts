import type { Exact } from '../../exact.js';
import { pts } from '../../rules/common.js';
import type { Policy } from './policy.js';

/**
 * 加分项 and 扣分项 with a cap (最多加5分 / 扣分不超过10分): on a leaf or on a section of them, what
 * the items reached beyond the cap is said, and not counted.
 */
export const caps: Policy = {
  name: 'caps',
  uses: (plan) => [...plan.byId.values()].some((n) => n.cap !== undefined),

  capLeaf(w, n, outcome) {
    const cap = n.cap!;
    if (n.role === 'bonus' && outcome.score.gt(cap)) {
      if (w.detail) outcome.note = `${outcome.note ?? `计${pts(outcome.score)}分`}，最多加${n.capText}分，加${n.capText}分`;
      outcome.score = cap;
    } else if (n.role === 'penalty' && outcome.score.lt(cap.neg())) {
      const over = outcome.score.neg().minus(cap);
      if (w.detail) outcome.deductions = [...outcome.deductions, { points: over.neg(), reason: `扣分不超过${n.capText}分，超出的${pts(over)}分不扣` }];
      outcome.score = cap.neg();
    }
  },

  capGroup(w, n, total, deductions, additions): Exact {
    const cap = n.cap!;
    if (n.role === 'bonus' && total.gt(cap)) {
      if (w.detail) additions.push({ indicator: n.path, points: cap.minus(total).toPlain(), reason: `加分合计${pts(total)}分，最多加${n.capText}分，超出的${pts(total.minus(cap))}分不计` });
      w.sumBonus = w.sumBonus.minus(total).plus(cap);
      return cap;
    }
    if (n.role === 'penalty' && total.lt(cap.neg())) {
      if (w.detail) deductions.push({ indicator: n.path, points: total.plus(cap).toPlain(), reason: `扣分合计${pts(total.neg())}分，扣分不超过${n.capText}分，超出的${pts(total.neg().minus(cap))}分不扣` });
      w.sumPenalty = w.sumPenalty.minus(total).minus(cap);
      return cap.neg();
    }
    return total;
  },
};
