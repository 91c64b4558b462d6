import * as z from 'zod';
import { nonNegative, positive } from './fields.js';
import { Exact, pts } from './common.js';
import { visibleText } from './text.js';
import { onGrid, scoreOffGrid } from '../issues/grid.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('judgement'),
    step: positive.optional().meta({ description: '得分须为其整数倍，如 0.5' }),
    guide: z.string().optional().meta({ description: '评分指引' }),
    levels: z
      .array(z.strictObject({ level: z.string().trim().min(1), points: nonNegative }))
      .min(2)
      .optional()
      .meta({ description: '档次及其得分，如 相符10分、基本相符6分、调整较大0分；评价数据填 level（档次名称）或其得分' }),
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
  compile(rule, ctx) {
    const step = rule.step ? Exact.fromDecimal(rule.step) : undefined;
    const levels = rule.levels?.map((l) => ({ level: l.level, points: Exact.fromDecimal(l.points) }));
    if (levels) {
      let ok = true;
      const max = Exact.fromDecimal(ctx.max);
      if (new Set(levels.map((l) => l.level)).size !== levels.length) {
        ctx.issue('rule_invalid', { detail: '档次名称重复', detailEn: 'a level is named twice' }, ['levels']);
        ok = false;
      }
      levels.forEach((l, i) => {
        if (l.points.gt(max)) {
          ctx.issue('rule_invalid', { detail: `档次“${l.level}”的得分 ${l.points.toPlain()} 超过分值 ${pts(ctx.max)}`, detailEn: `level "${l.level}" scores ${l.points.toPlain()}, over the max ${pts(ctx.max)}` }, ['levels', i, 'points']);
          ok = false;
        }
        if (levels.findIndex((o) => o.points.eq(l.points)) !== i) {
          ctx.issue('rule_invalid', { detail: `档次“${l.level}”与另一档得分相同`, detailEn: `level "${l.level}" has the same points as another` }, ['levels', i, 'points']);
          ok = false;
        }
      });
      if (!ok) return undefined;
    }
    const levelList = levels?.map((l) => `${l.level}${pts(l.points)}分`).join('、') ?? '';
    return {
      needs: 'judgement',
      ...(levels ? { levels: levels.map((l) => l.level) } : {}),
      score(s) {
        const a = s.assessment;
        const ind = s.indicator.path;
        const at = () => ['assessments', s.indicator.id, 'score'];
        // 相符10分，基本相符6分，调整较大0分: the evaluation names a level, or gives one of their scores.
        if (levels && a) {
          const byName = a.level !== undefined ? levels.find((l) => l.level === a.level) : undefined;
          const byScore = a.score !== undefined ? levels.find((l) => l.points.eq(a.score!)) : undefined;
          if (a.score !== undefined && !byScore) s.fail('judgement_level', { indicator: ind, score: a.score.toPlain(), levels: levelList }, at());
          if (byName && byScore && byName !== byScore)
            s.fail('assessment_invalid', { indicator: ind, detail: `档次“${byName.level}”为${pts(byName.points)}分，与所给得分 ${a.score!.toPlain()} 不符`, detailEn: `level "${byName.level}" is worth ${pts(byName.points)}, not the score given ${a.score!.toPlain()}` }, at());
          const chosen = byName ?? byScore;
          if (chosen) {
            const score = s.round(chosen.points);
            const why = visibleText(a.reason);
            const lost = s.max.minus(score);
            const said = `评为“${chosen.level}”（${levelList}）`;
            if (s.role === 'bonus') return score.isZero() ? { score, deductions: [] } : { score, deductions: [], note: `${said}${why ? `，${why}` : ''}，加${pts(score)}分` };
            if (s.role === 'penalty') return score.isZero() ? { score, deductions: [] } : { score: score.neg(), deductions: [{ points: score, reason: `${said}${why ? `，${why}` : ''}，扣${pts(score)}分` }] };
            if (!lost.isPositive()) return { score, deductions: [] };
            return { score, deductions: [{ points: lost, reason: `${said}${why ? `，${why}` : ''}，得${pts(score)}分，扣${pts(lost)}分` }] };
          }
        }
        if (!a || a.score === undefined) {
          return s.fail('assessment_missing', { indicator: ind, expected: levels ? `档次（level：${levels.map((l) => l.level).join('、')}）` : '得分（score）', expectedEn: levels ? 'a level' : 'a score' }, at());
        }
        const given = a.score;
        if (given.isNegative() || given.gt(s.max))
          s.fail('judgement_out_of_range', { indicator: ind, score: given.toPlain(), max: pts(s.max) }, at());
        if (step && !given.div(step).isInteger())
          s.fail('judgement_step', { indicator: ind, score: given.toPlain(), step: pts(step) }, at());
        const score = s.round(given);
        // The sheet's grid: as many decimals as one step of a score (0.01 at precision 2).
        const places = s.step.decimalPlaces();
        if (!onGrid(given, places)) s.fail('assessment_invalid', { indicator: ind, ...scoreOffGrid(given.toPlain(), places) }, at());
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
    const guide = rule.guide?.trim() ? `${rule.guide.trim().replace(/[。；，\s]+$/, '')}。` : '';
    if (rule.levels) return `${guide}${rule.levels.map((l) => (l.points.isZero() ? `${l.level}不得分` : `${l.level}${pts(l.points)}分`)).join('，')}。`;
    const step = rule.step ? `，得分须为${pts(rule.step)}的整数倍` : '';
    return `${guide}由评价人根据实际情况评分，满分${pts(max)}分${step}，扣分须说明原因。`;
  },
};
