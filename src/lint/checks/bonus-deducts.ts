import type { Issue } from '../../issues/issue.js';
import type { LintCheck } from '../context.js';

/**
 * A 加分项 (`bonus: true`) is scored by a rule that starts from the max and goes down
 * (`bonus_deducts`, warning): `per_unit`, or `count` with `effect: deduct`. Such a bonus gives
 * full marks when nothing was earned and less for every award — "获得省级以上表彰每次加1分，最多加5分"
 * needs a rule that adds (`count`, whose default inside a bonus is to add, or `formula`).
 */
export const bonusDeducts: LintCheck = {
  name: 'bonus-deducts',
  summary: '加分项不用扣分规则 · a bonus item is not scored by a deduction',
  run(ctx) {
    const out: Issue[] = [];
    for (const n of ctx.nodes) {
      const rule = n.rule;
      if (n.doc.bonus !== true || !rule) continue;
      const deducts = rule.kind === 'per_unit' || (rule.kind === 'count' && 'effect' in rule && (rule as { effect?: unknown }).effect === 'deduct');
      if (deducts) out.push(ctx.issue('bonus_deducts', { kind: rule.kind === 'count' ? 'count, effect: deduct' : rule.kind }, [...n.docPath, 'rule', rule.kind === 'count' ? 'effect' : 'kind'], { indicator: n.path }));
    }
    return out;
  },
};
