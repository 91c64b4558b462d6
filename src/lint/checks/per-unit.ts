import { Decimal } from '../../decimal.js';
import type { Issue } from '../../issues/issue.js';
import { pts } from '../../rules/common.js';
import type { LintCheck } from '../context.js';
import { showInterval } from '../interval-set.js';

/**
 * Per-unit deductions (每超过/每低于一个百分点扣X分，扣完为止) against the figure's declared
 * range. Nothing is said about a figure without a declared bound (a metric such as
 * 在职人员控制率 can take any value), because then every outcome is possible.
 * - `per_unit_never_deducts` (warning): the declared range never goes past the standard in the
 *   deduction direction (above: max ≤ standard; below: min ≥ standard) — the rule always gives
 *   full marks.
 * - `per_unit_never_zero` (warning): even the farthest declared value loses less than the max —
 *   "扣完为止" can never happen and the score never goes below a floor; usually the points or
 *   the standard were mistyped.
 * - `max_unreachable` (warning): the whole declared range is past the standard (above: min >
 *   standard), so even the best value loses points.
 * - `per_unit_steep` (warning): one unit past the standard already loses the whole max
 *   (points ≥ max): the rule is all-or-nothing in disguise; check the points.
 */
export const perUnit: LintCheck = {
  name: 'per-unit',
  summary: '按单位扣分的规则在取值范围内能扣到 0、能得满分 · per-unit rules against the declared range',
  run(ctx) {
    const out: Issue[] = [];
    for (const { node: n, rule } of ctx.rulesOf('per_unit')) {
      const dom = ctx.domainOf(rule.value);
      const above = rule.direction === 'above';
      const per = rule.per ?? new Decimal(1);
      const mode = rule.mode ?? 'proportional';
      const unitWord = dom.unit === '%' ? '个百分点' : dom.unit || '个单位';
      const side = above ? '超过' : '低于';
      const sideEn = above ? 'above' : 'below';
      const path = [...n.docPath, 'rule'];
      const o = { indicator: n.path };
      const lostFor = (excess: Decimal) => {
        const units = excess.div(per);
        const counted = mode === 'whole' ? units.floor() : mode === 'started' ? units.ceil() : units;
        return Decimal.min(n.max, counted.times(rule.points));
      };
      if (rule.points.gte(n.max))
        out.push(ctx.issue('per_unit_steep', { side, sideEn, per: `${per.toFixed()}${unitWord}`, points: pts(rule.points), max: pts(n.max) }, [...path, 'points'], o));
      const far = above ? dom.iv.hi : dom.iv.lo;
      const near = above ? dom.iv.lo : dom.iv.hi;
      const standard = `${rule.standard.toFixed()}${dom.unit}`;
      if (far) {
        const excess = above ? far.minus(rule.standard) : rule.standard.minus(far);
        if (excess.lte(0)) {
          out.push(ctx.issue('per_unit_never_deducts', { label: dom.label, domain: showInterval(dom.iv), side, sideEn, standard }, [...path, 'standard'], o));
          continue;
        }
        const lost = lostFor(excess);
        if (lost.lt(n.max))
          out.push(ctx.issue('per_unit_never_zero', {
            label: dom.label, domain: showInterval(dom.iv), side, sideEn, excess: `${excess.toFixed()}${dom.unit}`, lost: pts(lost), floor: pts(n.max.minus(lost)),
          }, [...path, 'points'], o));
      }
      if (near) {
        const excess = above ? near.minus(rule.standard) : rule.standard.minus(near);
        const lost = excess.gt(0) ? lostFor(excess) : new Decimal(0);
        if (lost.gt(0)) {
          const nearText = `${near.toFixed()}${dom.unit}`;
          out.push(ctx.issue('max_unreachable', {
            best: pts(n.max.minus(lost)), max: pts(n.max),
            detail: `${dom.label}最${above ? '小' : '大'}为 ${nearText}，已${side}标准 ${standard}，至少扣 ${pts(lost)} 分`,
            detailEn: `${dom.label} is at ${above ? 'least' : 'most'} ${nearText}, already ${sideEn} the standard ${standard}: at least ${pts(lost)} is lost`,
          }, [...path, 'standard'], o));
        }
      }
    }
    return out;
  },
};
