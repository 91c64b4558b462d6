import * as z from 'zod';
import { formulaField } from '../rubric/fields.js';
import { show } from '../decimal.js';
import { settle } from './common.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('formula'),
    score: formulaField.meta({ description: '得分公式' }),
    label: z.string().min(1).optional().meta({ description: '公式的文字说明，用于扣分原因' }),
  })
  .meta({ title: 'formula', description: '按公式计分，结果限定在 [0, 分值] · the score is a formula' });

/** A free formula: the score is what it computes, clamped to [0, max]. */
export const formula: RuleImpl<typeof schema> = {
  kind: 'formula',
  schema,
  summary: '按自定义公式计分，结果限定在 [0, 分值]',
  compile(rule, ctx) {
    const f = ctx.formula(rule.score, ['score'], 'number');
    if (!f) return undefined;
    return {
      score(s) {
        const raw = s.num(f);
        const figures = f.refs.map((n) => s.figure(n)).join('、');
        return settle(s, raw, (lost, clamped) => {
          const how = rule.label ? `${rule.label}（${f.text}）` : `按公式 ${f.text}`;
          const got = clamped ? `计算得${show(raw, 4)}分，扣完为止` : `计算得${show(raw, 4)}分`;
          return `${figures ? `${figures}，` : ''}${how}${got}，扣${lost}分`;
        });
      },
    };
  },
  describe(rule) {
    return rule.label ? `${rule.label}：得分 = ${rule.score}。` : `得分 = ${rule.score}。`;
  },
};
