import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck } from '../context.js';

/**
 * The rubric's `maxTotal` (总分不超过) is below the sheet's max (`max_total_below_max`, warning):
 * an evaluation with full marks would be cut down — "总分不超过100分" on a 100-point sheet is
 * meant for 加分项, and is at least the max.
 */
export const maxTotal: LintCheck = {
  name: 'max-total',
  summary: '总分上限不低于满分 · maxTotal is not below the sheet max',
  run(ctx) {
    const cap = ctx.doc.maxTotal;
    if (cap === undefined) return [];
    const max = ctx.roots.filter((r) => !r.doc.bonus && !r.doc.penalty).reduce((a, r) => a.plus(r.max), new Decimal(0));
    const out: Issue[] = [];
    if (cap.lt(max)) out.push(ctx.issue('max_total_below_max', { maxTotal: pts(cap), max: pts(max) }, ['maxTotal']));
    return out;
  },
};
