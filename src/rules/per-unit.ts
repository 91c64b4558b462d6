import * as z from 'zod';
import { decimalField, formulaField, positive } from './fields.js';
import { Exact, figBeside, pts, settle, showApart, unitWord, withUnit } from './common.js';
import { ZERO } from '../exact.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('per_unit'),
    value: formulaField,
    standard: decimalField,
    direction: z.enum(['above', 'below']).meta({ description: 'above：超过标准扣分；below：低于标准扣分' }),
    per: positive.optional(),
    points: positive,
    mode: z.enum(['proportional', 'whole', 'started']).optional(),
    maxDeduction: positive.optional().meta({ description: '最多扣多少分，如“最多扣3分”；缺省扣完为止' }),
    zeroBeyond: decimalField.optional().meta({
      description: '越过此值即不得分（不含此值）：direction: below 时低于此值、above 时高于此值得0分，如“未完成80%则不得分”',
    }),
  })
  .meta({ title: 'per_unit', description: '每超过/低于标准一个单位扣分，扣完为止 · per-unit deduction from a standard' });

/**
 * 以100%为标准，≤100%计5分；每超过一个百分点扣0.5分，扣完为止.
 * Proportional by default: 103.4% loses 3.4 × 0.5 = 1.7.
 */
export const perUnit: RuleImpl<typeof schema> = {
  kind: 'per_unit',
  schema,
  summary: '每超过（或低于）标准一个单位扣分，扣完为止',
  compile(rule, ctx) {
    const value = ctx.formula(rule.value, ['value'], 'number');
    if (!value) return undefined;
    const per = rule.per ? Exact.fromDecimal(rule.per) : Exact.int(1);
    const standard = Exact.fromDecimal(rule.standard);
    const points = Exact.fromDecimal(rule.points);
    const mode = rule.mode ?? 'proportional';
    const above = rule.direction === 'above';
    const cap = rule.maxDeduction ? Exact.fromDecimal(rule.maxDeduction) : undefined;
    const zero = rule.zeroBeyond !== undefined ? Exact.fromDecimal(rule.zeroBeyond) : undefined;
    if (zero && (above ? zero.lt(standard) : zero.gt(standard))) {
      ctx.issue('rule_invalid', {
        detail: `不得分的界限（zeroBeyond: ${rule.zeroBeyond!.toFixed()}）应在标准（${rule.standard.toFixed()}）${above ? '之上' : '之下'}`,
        detailEn: `zeroBeyond (${rule.zeroBeyond!.toFixed()}) must lie ${above ? 'above' : 'below'} the standard (${rule.standard.toFixed()})`,
      }, ['zeroBeyond']);
      return undefined;
    }
    // Not below the max: the cap is the floor every rule has (扣完为止); said, and scoring goes on.
    if (cap && cap.gte(Exact.fromDecimal(ctx.max)))
      ctx.issue('rule_invalid', {
        detail: `最多扣分（maxDeduction: ${pts(cap)}）不小于分值（${pts(ctx.max)}），不起作用，与扣完为止相同`,
        detailEn: `maxDeduction (${pts(cap)}) is not below the max (${pts(ctx.max)}): it does nothing`,
      }, ['maxDeduction'], 'warning');
    // The figure is printed on its side of the standard and of the line past which nothing is scored.
    const lines = zero ? [standard, zero] : [standard];
    // The difference, on its side of 0 (a loss) and of the distance to that line: 19.99997 beside
    // 80.00003, never 20.
    const apart = zero ? [ZERO, standard.minus(zero).abs()] : [ZERO];
    return {
      score(s) {
        const v = s.num(value);
        const unit = s.unit(value);
        const side = above ? '超过' : '低于';
        // 未完成80%则不得分: past the line (not on it) the indicator scores nothing.
        if (zero && (above ? v.gt(zero) : v.lt(zero))) {
          const line = withUnit(zero, unit);
          return settle(s, ZERO, (lost) => `${s.label(value)}${s.shown(value, v, unit, lines)}，${above ? '高于' : '低于'}${line}，不得分，扣${lost}分`);
        }
        const diff = above ? v.minus(standard) : standard.minus(v);
        if (!diff.isPositive()) return { score: s.round(s.max), deductions: [] };
        const exactUnits = diff.div(per);
        const units = mode === 'whole' ? exactUnits.floor() : mode === 'started' ? exactUnits.ceil() : exactUnits;
        const raw = units.times(points);
        // 最多扣3分: the deduction stops at the cap, however far the figure goes.
        const capped = cap !== undefined && raw.gt(cap);
        return settle(s, s.max.minus(capped ? cap : raw), (lost, clamped) => {
          const counted = mode === 'proportional' || units.times(per).eq(diff) ? '' : `，按${pts(units.times(per))}${unitWord(unit)}计`;
          const tail = capped
            ? `，应扣${showApart(raw, cap)}分，最多扣${pts(cap)}分，扣${lost}分`
            : clamped ? `，应扣${showApart(raw, s.max)}分，扣完为止，扣${lost}分` : `，扣${lost}分`;
          return `${s.label(value)}${s.shown(value, v, unit, lines)}，${side}标准${figBeside(diff, apart)}${unitWord(unit)}${counted}${tail}`;
        });
      },
    };
  },
  describe(rule, max) {
    const side = rule.direction === 'above' ? '超过' : '低于';
    const within = rule.direction === 'above' ? '≤' : '≥';
    const per = rule.per && !rule.per.eq(1) ? pts(rule.per) : '一';
    const cap = rule.maxDeduction ? `最多扣${pts(rule.maxDeduction)}分` : '扣完为止';
    const zero = rule.zeroBeyond !== undefined ? `；${rule.direction === 'above' ? '高于' : '低于'}${pts(rule.zeroBeyond)}不得分` : '';
    const mode = rule.mode === 'whole' ? `（不足${per}个单位的部分不扣分）` : rule.mode === 'started' ? `（不足${per}个单位的按${per}个单位计）` : '';
    return `以${pts(rule.standard)}为标准，${within}${pts(rule.standard)}计${pts(max)}分；每${side}${per}个单位扣${pts(rule.points)}分，${cap}${mode}${zero}。`;
  },
};
