import * as z from 'zod';
import { positive } from '../rubric/fields.js';
import { Decimal, Exact, itemMark, pts } from './common.js';
import { ZERO } from '../exact.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('checklist'),
    items: z
      .array(
        z.strictObject({
          id: z.union([z.string().min(1), z.number()]).transform(String).optional(),
          text: z.string().min(1),
          points: positive,
        }),
      )
      .min(1),
  })
  .meta({ title: 'checklist', description: '逐项计分：达到一项得该项分值 · weighted checklist' });

/** ①已制定…，1分；②相关管理制度合法、合规、完整，1分；③…得到有效执行，1分. */
export const checklist: RuleImpl<typeof schema> = {
  kind: 'checklist',
  schema,
  summary: '逐项检查，达到一项得该项分值',
  compile(rule, ctx) {
    const items = rule.items.map((it, i) => ({ id: it.id ?? String(i + 1), text: it.text, points: it.points, exact: Exact.fromDecimal(it.points) }));
    const seen = new Set<string>();
    let ok = true;
    items.forEach((it, i) => {
      if (seen.has(it.id)) {
        ctx.issue('duplicate_item_id', { id: it.id }, ['items', i, 'id']);
        ok = false;
      }
      seen.add(it.id);
    });
    const sum = items.reduce((a, it) => a.plus(it.points), new Decimal(0));
    if (sum.lt(ctx.max)) {
      ctx.issue('checklist_points_mismatch', { sum: pts(sum), max: pts(ctx.max) }, ['items']);
      ok = false;
    } else if (sum.gt(ctx.max)) {
      ctx.issue('checklist_points_mismatch', { sum: pts(sum), max: pts(ctx.max) }, ['items'], 'warning');
    }
    if (!ok) return undefined;
    return {
      needs: 'checklist',
      items: items.map((it) => it.id),
      score(s) {
        const met = s.assessment?.items ?? {};
        let got = ZERO;
        const missed: typeof items = [];
        for (const it of items) {
          if (met[it.id]) got = got.plus(it.exact);
          else missed.push(it);
        }
        const score = s.round(Exact.min(got, s.max));
        // Deductions list the unmet items; if items over-fill the max, only what is really lost counts.
        let toLose = s.max.minus(score);
        const deductions = [];
        for (const it of missed) {
          if (!toLose.isPositive()) break;
          const p = Exact.min(it.exact, toLose);
          toLose = toLose.minus(p);
          deductions.push({ points: p, reason: `未达到第${itemMark(it.id)}项“${it.text}”，扣${pts(p)}分` });
        }
        // Rounding the score down loses more than the unmet items are worth: say so, so that
        // what was lost is exactly the sum of the deductions.
        if (toLose.isPositive())
          deductions.push({ points: toLose, reason: `得分${pts(Exact.min(got, s.max))}分按评分表精度舍入为${pts(score)}分，扣${pts(toLose)}分` });
        return { score, deductions };
      },
    };
  },
  describe(rule) {
    return rule.items.map((it, i) => `${itemMark(it.id ?? String(i + 1))}${it.text}，${pts(it.points)}分`).join('；') + '。';
  },
};
