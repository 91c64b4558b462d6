import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck } from '../context.js';

/**
 * Comparison rules (无结余，3分；有结余，但不超过上年结转，2分；…): some case (or `otherwise`)
 * gives full marks — otherwise `max_unreachable` (warning): the indicator can never get its 分值.
 * (Whether the conditions cover every case depends on the figures, so it is not judged here;
 * an uncovered case is a no_case_matched error at evaluation time.)
 */
export const cases: LintCheck = {
  name: 'cases',
  summary: '条件计分中至少一种情形得满分 · some case scores the max',
  run(ctx) {
    const out: Issue[] = [];
    for (const { node: n, rule } of ctx.rulesOf('cases')) {
      const scores = [...rule.cases.map((c) => c.score), ...(rule.otherwise ? [rule.otherwise.score] : [])];
      const best = scores.reduce((a, s) => Decimal.max(a, s), new Decimal(0));
      if (best.lt(n.max))
        out.push(ctx.issue('max_unreachable', {
          best: pts(best), max: pts(n.max),
          detail: `各情形最高计 ${pts(best)} 分`, detailEn: `the best case scores ${pts(best)}`,
        }, [...n.docPath, 'rule', 'cases'], { indicator: n.path }));
    }
    return out;
  },
};
