import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck } from '../context.js';

/**
 * A weighted block (`combine: weighted`) whose constant weights add up to neither 100 (75 + 25,
 * percentages) nor 1 (0.75 + 0.25) (`weights_sum`, warning). The block divides by their sum, so
 * 75 + 20 still scores — as 75/95 and 20/95, which is rarely what "预算管理75% + 财务管理25%"
 * meant. Weights computed from the inputs (资金额度) are not checked: any positive amounts do.
 */
export const blockWeights: LintCheck = {
  name: 'block-weights',
  summary: '按权重折合的各项权重合计为 100 或 1 · the weights of a weighted block add up to 100 or 1',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      if (n.doc.combine !== 'weighted' || !n.children.length) continue;
      const weights = n.children.map((c) => c.doc.weight);
      if (!weights.every((w): w is Decimal => w instanceof Decimal)) continue;
      const sum = weights.reduce((a, w) => a.plus(w), new Decimal(0));
      if (!sum.eq(100) && !sum.eq(1))
        out.push(ctx.issue('weights_sum', { sum: pts(sum), detail: n.children.map((c) => `${c.name} ${pts(c.doc.weight as Decimal)}`).join(' + ') }, [...n.docPath, 'combine'], { indicator: n.path }));
    }
    return out;
  },
};
