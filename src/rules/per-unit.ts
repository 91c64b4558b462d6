import * as z from 'zod';
import { decimalField, formulaField, positive } from '../rubric/fields.js';
import { Exact, fig, pts, settle, showExact, unitWord, withUnit } from './common.js';
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
    return {
      score(s) {
        const v = s.num(value);
        const unit = s.unit(value);
        const diff = above ? v.minus(standard) : standard.minus(v);
        if (!diff.isPositive()) return { score: s.round(s.max), deductions: [] };
        const exactUnits = diff.div(per);
        const units = mode === 'whole' ? exactUnits.floor() : mode === 'started' ? exactUnits.ceil() : exactUnits;
        const raw = units.times(points);
        return settle(s, s.max.minus(raw), (lost, clamped) => {
          const side = above ? '超过' : '低于';
          const counted = mode === 'proportional' || units.times(per).eq(diff) ? '' : `，按${pts(units.times(per))}${unitWord(unit)}计`;
          const tail = clamped ? `，应扣${showExact(raw, 2)}分，扣完为止，扣${lost}分` : `，扣${lost}分`;
          return `${s.label(value)}${s.shown(value, v, unit)}，${side}标准${fig(diff)}${unitWord(unit)}${counted}${tail}`;
        });
      },
    };
  },
  describe(rule, max) {
    const side = rule.direction === 'above' ? '超过' : '低于';
    const within = rule.direction === 'above' ? '≤' : '≥';
    const per = rule.per && !rule.per.eq(1) ? pts(rule.per) : '一';
    return `以${pts(rule.standard)}为标准，${within}${pts(rule.standard)}计${pts(max)}分；每${side}${per}个单位扣${pts(rule.points)}分，扣完为止。`;
  },
};
