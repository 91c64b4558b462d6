import * as z from 'zod';
import { positive } from '../rubric/fields.js';
import { pts } from './common.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('judgement'),
    step: positive.optional().meta({ description: '得分须为其整数倍，如 0.5' }),
    guide: z.string().optional().meta({ description: '评分指引' }),
  })
  .meta({ title: 'judgement', description: '评价人评分，低于满分须说明原因 · a person sets the score' });

/** 绩效目标合理性 3 → 2, "指标细化量化不够，缺乏可考核性，故扣除1分". */
export const judgement: RuleImpl<typeof schema> = {
  kind: 'judgement',
  schema,
  summary: '评价人给分，低于满分必须说明扣分原因',
  compile(rule) {
    return {
      needs: 'judgement',
      score(s) {
        const a = s.assessment;
        const ind = s.indicator.path;
        if (!a || a.score === undefined) {
          return s.fail('assessment_missing', { indicator: ind, expected: '得分（score）', expectedEn: 'a score' }, ['assessments', s.indicator.id, 'score']);
        }
        const given = a.score;
        if (given.isNegative() || given.gt(s.max))
          s.fail('judgement_out_of_range', { indicator: ind, score: given.toFixed(), max: pts(s.max) }, ['assessments', s.indicator.id, 'score']);
        if (rule.step && !given.mod(rule.step).isZero())
          s.fail('judgement_step', { indicator: ind, score: given.toFixed(), step: pts(rule.step) }, ['assessments', s.indicator.id, 'score']);
        const score = s.round(given);
        if (!score.eq(given))
          s.fail('assessment_invalid', { indicator: ind, detail: `得分 ${given.toFixed()} 的小数位数超过评分表的精度`, detailEn: `score ${given.toFixed()} has more decimals than the rubric's precision` }, ['assessments', s.indicator.id, 'score']);
        const lost = s.max.minus(score);
        if (lost.lte(0)) return { score, deductions: [] };
        const reason = a.reason?.trim();
        if (!reason)
          s.fail('judgement_reason_required', { indicator: ind, score: pts(score), max: pts(s.max) }, ['assessments', s.indicator.id, 'reason']);
        return { score, deductions: [{ points: lost, reason: reason! }] };
      },
    };
  },
  describe(rule, max) {
    return rule.guide ?? `由评价人根据实际情况评分，满分${pts(max)}分，扣分须说明原因。`;
  },
};
