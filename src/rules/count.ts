import * as z from 'zod';
import { formulaField, positive } from './fields.js';
import { Exact, pts, settle, settleEarned, settlePenalty, showApart } from './common.js';
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
    maxDeduction: positive.optional().meta({ description: '按例扣分时最多扣多少分，如“每出现一例扣0.5分，最多扣2分”；缺省扣完为止' }),
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
    const cap = rule.maxDeduction ? Exact.fromDecimal(rule.maxDeduction) : undefined;
    if (cap && effect !== 'deduct') {
      ctx.issue('rule_invalid', { detail: 'maxDeduction 只用于按例扣分（effect: deduct）；加分项、扣分项的上限是分值或 cap', detailEn: 'maxDeduction is for per-occurrence deductions only (effect: deduct)' }, ['maxDeduction']);
      return undefined;
    }
    if (cap && cap.gte(Exact.fromDecimal(ctx.max)))
      ctx.issue('rule_invalid', { detail: `最多扣分（maxDeduction: ${pts(cap)}）不小于分值（${pts(ctx.max)}），不起作用，与扣完为止相同`, detailEn: `maxDeduction (${pts(cap)}) is not below the max (${pts(ctx.max)}): it does nothing` }, ['maxDeduction'], 'warning');
    return {
      score(s) {
        const n = s.num(value);
        if (n.isNegative() || !n.isInteger()) s.fail('count_not_integer', { label: s.label(value), value: n.toPlain() });
        const what = rule.item ? `出现${n.toPlain()}例${rule.item}` : `${s.label(value)}为${n.toPlain()}`;
        const raw = n.times(points);
        if (s.role === 'penalty') {
          return settlePenalty(s, raw, (taken, capped) =>
            capped ? `${what}，每例扣${pts(points)}分，应扣${showApart(raw, s.max)}分，最多扣${pts(s.max)}分，扣${taken}分` : `${what}，每例扣${pts(points)}分，扣${taken}分`,
          );
        }
        if (effect === 'add') {
          return settleEarned(s, raw, () => `${what}，每例加${pts(points)}分`);
        }
        if (n.isZero()) return { score: s.round(s.max), deductions: [] };
        const capped = cap !== undefined && raw.gt(cap);
        return settle(s, s.max.minus(capped ? cap : raw), (lost, clamped) => {
          const tail = capped ? `应扣${showApart(raw, cap)}分，最多扣${pts(cap)}分，扣${lost}分` : clamped ? `应扣${showApart(raw, s.max)}分，扣完为止，扣${lost}分` : `扣${lost}分`;
          return `${what}，每例扣${pts(points)}分，${tail}`;
        });
      },
    };
  },
  describe(rule, max) {
    const item = rule.item ?? '不符合要求的情况';
    return rule.effect === 'add'
      ? `每出现一例${item}加${pts(rule.points)}分，最多加${pts(max)}分。`
      : `每出现一例${item}扣${pts(rule.points)}分，${rule.maxDeduction ? `最多扣${pts(rule.maxDeduction)}分` : '扣完为止'}。`;
  },
};
