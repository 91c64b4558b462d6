import * as z from 'zod';
import { positive } from '../rubric/fields.js';
import { Exact, pts } from './common.js';
import { visibleText } from './text.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('judgement'),
    step: positive.optional().meta({ description: '得分须为其整数倍，如 0.5' }),
    guide: z.string().optional().meta({ description: '评分指引' }),
  })
  .meta({ title: 'judgement', description: '评价人评分，低于满分须说明原因 · a person sets the score' });

/**
 * 绩效目标合理性 3 → 2, "指标细化量化不够，缺乏可考核性，故扣除1分".
 * In a 扣分项 the person gives the points taken off (0 to max), with a reason when any are.
 */
export const judgement: RuleImpl<typeof schema> = {
  kind: 'judgement',
  schema,
  summary: '评价人给分，低于满分必须说明扣分原因',
  compile(rule) {
    const step = rule.step ? Exact.fromDecimal(rule.step) : undefined;
    return {
      needs: 'judgement',
      score(s) {
        const a = s.assessment;
        const ind = s.indicator.path;
        const at = () => ['assessments', s.indicator.id, 'score'];
        if (!a || a.score === undefined) {
          return s.fail('assessment_missing', { indicator: ind, expected: '得分（score）', expectedEn: 'a score' }, at());
        }
        const given = a.score;
        if (given.isNegative() || given.gt(s.max))
          s.fail('judgement_out_of_range', { indicator: ind, score: given.toPlain(), max: pts(s.max) }, at());
        if (step && !given.div(step).isInteger())
          s.fail('judgement_step', { indicator: ind, score: given.toPlain(), step: pts(step) }, at());
        const score = s.round(given);
        if (!score.eq(given))
          s.fail('assessment_invalid', { indicator: ind, detail: `得分 ${given.toPlain()} 的小数位数超过评分表的精度`, detailEn: `score ${given.toPlain()} has more decimals than the rubric's precision` }, at());
        const reason = visibleText(a.reason);
        if (s.role === 'bonus') {
          if (score.isZero()) return { score, deductions: [] };
          return { score, deductions: [], note: reason ? `${reason}，加${pts(score)}分` : `加${pts(score)}分` };
        }
        // In a 扣分项 the score given is what comes off the total.
        const lost = s.role === 'penalty' ? score : s.max.minus(score);
        if (!lost.isPositive()) return { score: s.role === 'penalty' ? score.neg() : score, deductions: [] };
        if (!reason)
          s.fail('judgement_reason_required', { indicator: ind, score: pts(score), max: pts(s.max) }, ['assessments', s.indicator.id, 'reason']);
        return { score: s.role === 'penalty' ? score.neg() : score, deductions: [{ points: lost, reason: reason! }] };
      },
    };
  },
  describe(rule, max) {
    return rule.guide ?? `由评价人根据实际情况评分，满分${pts(max)}分，扣分须说明原因。`;
  },
};
