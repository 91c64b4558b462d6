import * as z from 'zod';
import { formulaField } from './fields.js';
import { clampExact, ZERO } from '../exact.js';
import { comparedEdges, pts, settle, settleEarned, showApart, showExact } from './common.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('formula'),
    score: formulaField.meta({ description: '得分公式' }),
    label: z.string().min(1).optional().meta({ description: '公式的文字说明，用于扣分原因' }),
  })
  .meta({ title: 'formula', description: '按公式计分，结果限定在 [0, 分值]（扣分项为 [−分值, 0]） · the score is a formula' });

/**
 * A free formula: the score is what it computes, clamped to [0, max]; in a 扣分项 to [−max, 0]
 * (`0 - 2 * 审计问题数`, 扣分不超过max分). A clamp is always stated in the reason.
 */
export const formula: RuleImpl<typeof schema> = {
  kind: 'formula',
  schema,
  summary: '按自定义公式计分，结果限定在 [0, 分值]（扣分项为 [−分值, 0]）',
  compile(rule, ctx) {
    const f = ctx.formula(rule.score, ['score'], 'number');
    if (!f) return undefined;
    const edges = comparedEdges(f);
    return {
      score(s) {
        const raw = s.num(f);
        // Each figure on its side of the constants the formula sets it against (if(执行率 >= 90, …), min(执行率, 100)).
        // Every figure the reason names is read on both paths, so a missing one stops the indicator alike.
        if (!s.detail) for (const n of f.refs) s.read(n);
        const figures = s.detail ? f.refs.map((n) => s.figure(n, edges.get(n))).join('、') : '';
        // The figure stays on its side of the line its verdict is about: below the max where points
        // are lost (9.99996 at precision 6 is not "10"), below 0 where 扣完为止, past a cap.
        const line = s.role === 'penalty' ? (raw.lt(s.max.neg()) ? s.max.neg() : ZERO) : s.role === 'bonus' ? (raw.gt(s.max) ? s.max : ZERO) : raw.isNegative() ? ZERO : s.max;
        const how = () => `${figures ? `${figures}，` : ''}${rule.label ? `${rule.label}（${f.text}）` : `按公式 ${f.text}`}计算得${showApart(raw, line, 4)}分`;
        if (s.role === 'penalty') {
          const score = s.round(clampExact(raw, s.max.neg(), ZERO));
          if (score.isZero()) return { score, deductions: [] };
          const capped = raw.lt(s.max.neg()) ? `，最多扣${pts(s.max)}分` : '';
          return { score, deductions: [{ points: score.neg(), reason: s.detail ? `${how()}${capped}，扣${pts(score.neg())}分` : '' }] };
        }
        if (s.role === 'bonus') {
          const out = settleEarned(s, raw, how);
          // A 加分项 cannot take points off: say so rather than clamp a negative result silently.
          return raw.isNegative() ? { ...out, warning: { code: 'bonus_negative', params: { indicator: s.indicator.path, value: showExact(raw, 4) } } } : out;
        }
        return settle(s, raw, (lost, clamped) => `${how()}${clamped ? '，扣完为止' : ''}，扣${lost}分`);
      },
    };
  },
  describe(rule, max) {
    const score = rule.score.replace(/\s+and\s+/g, '且').replace(/\s+or\s+/g, '或');
    return `${rule.label ? `${rule.label}：` : ''}得分 = ${score}，结果限定在0至${pts(max)}分之间。`;
  },
};
