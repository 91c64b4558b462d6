import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck } from '../context.js';

/**
 * Every grade can be reached (`grade_unreachable`, warning). The highest possible total is the
 * rubric's max plus every 加分项; totals are sums of scores rounded to `precision` places, so
 * they are multiples of 10^-precision. A grade is unreachable when its `min` is above the
 * highest total, or when no such multiple lies in `[min, next grade's min)` (e.g. 良好 from
 * 89.999 under 优秀 from 90 at 2 places). The order of grades and a lowest `min` of 0 are the
 * loader's grade_scale_invalid.
 */
export const grades: LintCheck = {
  name: 'grades',
  summary: '每个等次都能达到 · every grade is reachable',
  run(ctx) {
    const out: Issue[] = [];
    const list = ctx.doc.grades ?? [];
    if (list.some((g, i) => i > 0 && !g.min.lt(list[i - 1]!.min))) return out;
    const top = ctx.roots.filter((r) => !r.doc.bonus).reduce((a, r) => a.plus(r.max), new Decimal(0));
    const bonus = ctx.nodes.filter((n) => n.doc.bonus).reduce((a, n) => a.plus(n.max), new Decimal(0));
    const highest = top.plus(bonus);
    const step = new Decimal(10).pow(-(ctx.doc.precision ?? 2));
    list.forEach((g, i) => {
      const path = ['grades', i, 'min'];
      if (g.min.gt(highest)) {
        out.push(ctx.issue('grade_unreachable', {
          grade: g.grade,
          detail: `下限 ${pts(g.min)} 分高于可能的最高总分 ${pts(highest)} 分`,
          detailEn: `its min ${pts(g.min)} is above the highest possible total ${pts(highest)}`,
        }, path));
        return;
      }
      const upper = list[i - 1]?.min;
      const first = g.min.div(step).ceil().times(step);
      if (upper && !first.lt(upper)) {
        out.push(ctx.issue('grade_unreachable', {
          grade: g.grade,
          detail: `总分保留 ${ctx.doc.precision ?? 2} 位小数，[${pts(g.min)}, ${pts(upper)}) 之间没有可能的总分`,
          detailEn: `totals have ${ctx.doc.precision ?? 2} decimals and none lies in [${pts(g.min)}, ${pts(upper)})`,
        }, path));
      }
    });
    return out;
  },
};
