import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck, LintNode } from '../context.js';

/**
 * An indicator whose 不适用 policy removes it (`rescale` or `exclude`, its own or inherited) while
 * its max alone exceeds the rubric's `notApplicableLimit` (by default half the sheet's max)
 * (`not_applicable_never`, warning): marking it 不适用 is always refused
 * (`not_applicable_over_limit`). Raise the limit, or give it another policy (`full`, `forbidden`).
 * Rows of a 可选项 pool and of a weighted block are not removed from the sheet, so not checked.
 */
export const notApplicableLimit: LintCheck = {
  name: 'not-applicable-limit',
  summary: '可按不适用剔除的指标不超过剔除上限 · an indicator that may be removed as 不适用 fits the limit',
  run(ctx) {
    const max = ctx.roots.filter((r) => !r.doc.bonus && !r.doc.penalty).reduce((a, r) => a.plus(r.max), new Decimal(0));
    const limit = ctx.doc.notApplicableLimit ?? max.times('0.5');
    const out: Issue[] = [];
    const visit = (n: LintNode, inherited: string) => {
      const policy = n.doc.notApplicable ?? inherited;
      if (n.doc.bonus || n.doc.penalty) return;
      if ((policy === 'rescale' || policy === 'exclude') && n.max.gt(limit))
        out.push(ctx.issue('not_applicable_never', { indicator: n.path, max: pts(n.max), limit: pts(limit), policy }, [...n.docPath, 'max'], { indicator: n.path }));
      // Below a pool or a weighted block, 不适用 removes nothing from the sheet.
      if (n.doc.pool || n.doc.combine === 'weighted') return;
      for (const c of n.children) visit(c, policy);
    };
    for (const r of ctx.roots) visit(r, ctx.doc.notApplicable ?? 'forbidden');
    return out;
  },
};
