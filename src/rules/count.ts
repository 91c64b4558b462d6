import * as z from 'zod';
import { formulaField, positive } from '../rubric/fields.js';
import { show } from '../decimal.js';
import { pts, settle } from './common.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('count'),
    value: formulaField,
    points: positive,
    item: z.string().min(1).optional().meta({ description: '一例指什么，用于扣分原因' }),
  })
  .meta({ title: 'count', description: '每出现一例扣分，扣完为止 · deduction per occurrence' });

/** 每出现一个专项未按进度完成资金下达扣0.5分，扣完为止. */
export const count: RuleImpl<typeof schema> = {
  kind: 'count',
  schema,
  summary: '每出现一例扣分，扣完为止',
  compile(rule, ctx) {
    const value = ctx.formula(rule.value, ['value'], 'number');
    if (!value) return undefined;
    return {
      score(s) {
        const n = s.num(value);
        if (n.isNegative() || !n.isInteger()) s.fail('count_not_integer', { label: s.label(value), value: n.toFixed() });
        if (n.isZero()) return { score: s.round(s.max), deductions: [] };
        const raw = n.times(rule.points);
        return settle(s, s.max.minus(raw), (lost, clamped) => {
          const what = rule.item ? `出现${n.toFixed()}例${rule.item}` : `${s.label(value)}为${n.toFixed()}`;
          const tail = clamped ? `应扣${show(raw, 2)}分，扣完为止，扣${lost}分` : `扣${lost}分`;
          return `${what}，每例扣${pts(rule.points)}分，${tail}`;
        });
      },
    };
  },
  describe(rule) {
    return `每出现一例${rule.item ?? '不符合要求的情况'}扣${pts(rule.points)}分，扣完为止。`;
  },
};
