import type { Issue } from '../../issues/issue.js';
import type { LintCheck } from '../context.js';

/**
 * A 可选项 pool shared by its rows' maxima (`split: weights`, the default) has a row of max 0
 * (`pool_weight_zero`, warning): chosen, it shares nothing of the pool, so its score can never
 * count; if every row chosen is such a row, the evaluation is refused (`weight_invalid`). Give it
 * its 分值 or share equally (`split: equal`). A `pick` larger than the rows is already an error
 * of the rubric (`rule_invalid`).
 */
export const poolWeights: LintCheck = {
  name: 'pool-weights',
  summary: '可选项按分值分享时每项都有分值 · every row of a pool shared by maxima has a max',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      const pool = n.doc.pool;
      if (!pool || (pool.split ?? 'weights') !== 'weights') continue;
      for (const c of n.children)
        if (c.max.isZero()) out.push(ctx.issue('pool_weight_zero', { indicator: n.path, child: c.name }, [...c.docPath, 'max'], { indicator: c.path }));
    }
    return out;
  },
};
