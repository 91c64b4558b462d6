import * as z from 'zod';
import { formulaField, positive } from '../rubric/fields.js';
import { Exact, pts, settle, settleEarned, settlePenalty, showExact } from './common.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('count'),
    value: formulaField,
    points: positive,
    effect: z.enum(['deduct', 'add']).optional().meta({
      description: 'deduct：每例扣分，扣完为止（普通指标的默认值）；add：每例加分，最多加到分值（加分项的默认值）',
    }),
    item: z.string().min(1).optional().meta({ description: '一例指什么，用于扣分原因' }),
  })
  .meta({ title: 'count', description: '每出现一例扣分（或加分），以分值为限 · points per occurrence' });

/**
 * 每出现一个专项未按进度完成资金下达扣0.5分，扣完为止 (deduct, from the max down);
 * 获得省级以上表彰每次加1分，最多加5分 (add, from zero up: the default in a 加分项);
 * in a 扣分项, each occurrence takes points off the total, at most the indicator's max.
 */
export const count: RuleImpl<typeof schema> = {
  kind: 'count',
  schema,
  summary: '每出现一例扣分（或加分），以分值为限',
  compile(rule, ctx) {
    const value = ctx.formula(rule.value, ['value'], 'number');
    if (!value) return undefined;
    const points = Exact.fromDecimal(rule.points);
    const effect = rule.effect ?? (ctx.role === 'bonus' ? 'add' : 'deduct');
    if (ctx.role === 'penalty' && rule.effect === 'add') {
      ctx.issue('rule_invalid', { detail: '扣分项不能按例加分（effect: add）', detailEn: 'a penalty item cannot add points per occurrence (effect: add)' }, ['effect']);
      return undefined;
    }
    return {
      score(s) {
        const n = s.num(value);
        if (n.isNegative() || !n.isInteger()) s.fail('count_not_integer', { label: s.label(value), value: n.toPlain() });
        const what = rule.item ? `出现${n.toPlain()}例${rule.item}` : `${s.label(value)}为${n.toPlain()}`;
        const raw = n.times(points);
        if (s.role === 'penalty') {
          return settlePenalty(s, raw, (taken, capped) =>
            capped ? `${what}，每例扣${pts(points)}分，应扣${showExact(raw, 2)}分，最多扣${pts(s.max)}分，扣${taken}分` : `${what}，每例扣${pts(points)}分，扣${taken}分`,
          );
        }
        if (effect === 'add') {
          return settleEarned(s, raw, `${what}，每例加${pts(points)}分`);
        }
        if (n.isZero()) return { score: s.round(s.max), deductions: [] };
        return settle(s, s.max.minus(raw), (lost, clamped) => {
          const tail = clamped ? `应扣${showExact(raw, 2)}分，扣完为止，扣${lost}分` : `扣${lost}分`;
          return `${what}，每例扣${pts(points)}分，${tail}`;
        });
      },
    };
  },
  describe(rule, max) {
    const item = rule.item ?? '不符合要求的情况';
    return rule.effect === 'add'
      ? `每出现一例${item}加${pts(rule.points)}分，最多加${pts(max)}分。`
      : `每出现一例${item}扣${pts(rule.points)}分，扣完为止。`;
  },
};
