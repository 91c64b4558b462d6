import * as z from 'zod';
import { decimalField, formulaField, nonNegative } from './fields.js';
import type { Decimal } from '../decimal.js';
import { Exact, pts } from './common.js';
import { describeInterval, exactContains, parseInterval } from './interval.js';
import type { RuleImpl } from './types.js';

const band = z.strictObject({
  when: z.union([z.string().min(1), z.number()]).transform(String).meta({ description: '区间：[80, 90)、(0, 10]、≥90、<60、=0' }),
  score: nonNegative,
  label: z.string().optional(),
});

const schema = z
  .strictObject({
    kind: z.literal('bands'),
    value: formulaField,
    bands: z.array(band).min(1),
    otherwise: decimalField.optional(),
  })
  .meta({ title: 'bands', description: '分档计分，区间端点明确 · score bands with explicit edges' });

/**
 * 重点支出安排率≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分.
 * The first band that contains the value gives the score.
 */
export const bands: RuleImpl<typeof schema> = {
  kind: 'bands',
  schema,
  summary: '按数值所在区间分档计分',
  compile(rule, ctx) {
    const value = ctx.formula(rule.value, ['value'], 'number');
    // The reason names the band as the sheet does: its label, or its interval in the value's unit.
    const unit = (value && ctx.unitOf(value)) ?? '';
    const parsed: { test: (v: Exact) => boolean; score: Exact; where: string }[] = [];
    // Every band's edges: the figure is printed on its own side of each, so strictly inside the
    // band that scored it (89.99999 in [80, 90) is never "90"), and outside every other.
    const edges: Exact[] = [];
    const edge = (d: Decimal | undefined) => {
      if (d === undefined) return;
      const x = Exact.fromDecimal(d);
      if (!edges.some((e) => e.eq(x))) edges.push(x);
    };
    rule.bands.forEach((b, i) => {
      const iv = parseInterval(b.when);
      if (!iv) ctx.issue('band_syntax', { text: b.when }, ['bands', i, 'when']);
      else if (b.score.gt(ctx.max)) ctx.issue('score_above_max', { score: pts(b.score), max: pts(ctx.max) }, ['bands', i, 'score']);
      else {
        parsed.push({ test: exactContains(iv), score: Exact.fromDecimal(b.score), where: b.label ?? describeInterval(iv, unit) });
        edge(iv.lo);
        edge(iv.hi);
      }
    });
    if (rule.otherwise && (rule.otherwise.lt(0) || rule.otherwise.gt(ctx.max)))
      ctx.issue('score_above_max', { score: pts(rule.otherwise), max: pts(ctx.max) }, ['otherwise']);
    if (!value || parsed.length !== rule.bands.length) return undefined;
    const otherwise = rule.otherwise === undefined ? undefined : Exact.fromDecimal(rule.otherwise);
    return {
      score(s) {
        const v = s.num(value);
        let hit: (typeof parsed)[number] | undefined;
        for (const b of parsed) {
          if (b.test(v)) {
            hit = b;
            break;
          }
        }
        if (!hit) {
          const label = s.label(value);
          if (otherwise === undefined) return s.fail('no_band_matched', { label, value: s.shown(value, v, unit, edges) });
          const score = s.round(otherwise);
          const lost = s.max.minus(score);
          return { score, deductions: lost.isPositive() ? [{ points: lost, reason: s.detail ? `${label}${s.shown(value, v, unit, edges)}，不在所列各档之内，计${pts(score)}分，扣${pts(lost)}分` : '' }] : [] };
        }
        const score = s.round(hit.score);
        const lost = s.max.minus(score);
        if (!lost.isPositive()) return { score, deductions: [] };
        if (!s.detail) return { score, deductions: [{ points: lost, reason: '' }] };
        const label = s.label(value);
        const where = hit.where;
        const got = score.isZero() ? '不得分' : `计${pts(score)}分`;
        return { score, deductions: [{ points: lost, reason: `${label}${s.shown(value, v, unit, edges)}，属于“${where}”档，${got}，扣${pts(lost)}分` }] };
      },
    };
  },
  describe(rule) {
    const parts = rule.bands.map((b) => {
      const iv = parseInterval(b.when);
      // The interval, as the sentence must say it (a label is the author's name for the band, not its edges).
      const open = iv?.lo && iv.hi && !iv.loInclusive && !iv.hiInclusive && !iv.lo.eq(iv.hi);
      const when = !iv ? b.when : open ? `${pts(iv.lo!)}（不含）-${pts(iv.hi!)}` : describeInterval(iv, '');
      return b.score.isZero() ? `${when}不得分` : `${when}，计${pts(b.score)}分`;
    });
    if (rule.otherwise !== undefined) parts.push(rule.otherwise.isZero() ? '其他情况不得分' : `其他情况，计${pts(rule.otherwise)}分`);
    return `${parts.join('；')}。`;
  },
};
