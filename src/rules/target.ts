import * as z from 'zod';
import { formulaField } from './fields.js';
import { Exact, HUNDRED, ONE, ZERO } from '../exact.js';
import { pts, settle, showApart } from './common.js';
import { convertUnit, describeTarget, parseTarget, type TargetOp } from './target-spec.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('target'),
    value: formulaField.meta({ description: '实际完成值' }),
    target: z.union([z.string().min(1), z.number()]).transform(String).meta({ description: '目标值：≥95%、≤680份、12期、100%、0' }),
    mode: z.enum(['all_or_nothing', 'proportional']).optional(),
  })
  .meta({ title: 'target', description: '目标值完成情况 · target attainment' });

const meets = (op: TargetOp, actual: Exact, goal: Exact): boolean => {
  const c = actual.cmp(goal);
  switch (op) {
    case '>=': return c >= 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    case '<': return c < 0;
    case '=': return c === 0;
  }
};

/**
 * 市长热线全年交办件办结率不低于97%；下发文件数量控制在680份以内；编印公报12期.
 *
 * All-or-nothing by default: met, the max; not met, 0. Proportional (按完成比例计分) is defined
 * for a target to reach, `≥g`, and a ceiling, `≤g`, with g > 0: an unmet `≥g` scores
 * max × actual/g (at least 0), an unmet `≤g` scores max × g/actual. An unmet target never
 * scores the max: where the proportional score would round up to it, it is one step
 * (0.01 at two decimals) below. Strict targets (`>g`, `<g`), `=g`, and targets of zero or
 * below have no ratio that means anything and are refused at load.
 */
export const target: RuleImpl<typeof schema> = {
  kind: 'target',
  schema,
  summary: '实际完成值与目标值比较：达到得满分，或按完成比例计分',
  compile(rule, ctx) {
    const value = ctx.formula(rule.value, ['value'], 'number');
    const spec = parseTarget(rule.target);
    if (!spec) {
      ctx.issue('target_syntax', { text: rule.target }, ['target']);
      return undefined;
    }
    if (!value) return undefined;
    const valueUnit = ctx.unitOf(value);
    const converted = convertUnit(spec.value, spec.unit, valueUnit);
    if (!converted) {
      ctx.issue('unit_mismatch', { unit: spec.unit, expected: valueUnit ?? '未知', name: value.bareName ?? value.text }, ['target']);
      return undefined;
    }
    const mode = rule.mode ?? 'all_or_nothing';
    if (mode === 'proportional') {
      const why =
        spec.op === '=' ? ['“等于”型目标不能按比例计分', 'an "equals" target cannot be scored proportionally']
        : spec.op === '>' || spec.op === '<' ? ['严格不等（高于、低于）的目标不能按比例计分：在目标值上未达到，比例却是100%；请写作 ≥ 或 ≤', 'a strict target (> or <) cannot be scored proportionally: at the target it is unmet with a ratio of 100%; write ≥ or ≤']
        : !converted.gt(0) ? ['目标值为0或负数时不能按比例计分', 'a target of zero or below cannot be scored proportionally']
        : undefined;
      if (why) {
        ctx.issue('rule_invalid', { detail: why[0], detailEn: why[1] }, ['mode']);
        return undefined;
      }
    }
    const goal = Exact.fromDecimal(converted);
    const shown = describeTarget(spec);
    const unit = valueUnit ?? '';
    const ceiling = spec.op === '<=';
    const lines = [goal];
    return {
      score(s) {
        const actual = s.num(value);
        const label = s.label(value);
        // An unmet target's actual is printed apart from the target: 94.99999 beside ≥95 is never "95".
        const figure = s.shown(value, actual, unit, lines);
        if (meets(spec.op, actual, goal)) return { score: s.round(s.max), deductions: [] };
        if (mode === 'all_or_nothing') {
          return settle(s, ZERO, (lost) => `${label}${figure}，未达到目标${shown}，扣${lost}分`);
        }
        // Unmet: a target to reach, actual/goal below 1; a ceiling, goal/actual below 1.
        const ratio = ceiling ? goal.div(actual) : actual.isNegative() ? ZERO : actual.div(goal);
        const below = ratio.lt(ONE) ? ratio : ONE;
        let exact = s.max.times(below);
        // Never the max for an unmet target, even where rounding would reach it.
        const step = s.step;
        if (s.round(exact).gte(s.max)) exact = s.max.minus(step);
        return settle(s, exact, (lost) => `${label}${figure}，目标${shown}，完成比例${showApart(below.times(HUNDRED), HUNDRED)}%，扣${lost}分`);
      },
    };
  },
  describe(rule, max) {
    const spec = parseTarget(rule.target);
    const t = spec ? describeTarget(spec) : rule.target;
    return rule.mode === 'proportional'
      ? `目标值${t}，达到目标计${pts(max)}分，未达到按完成比例计分。`
      : `目标值${t}，达到目标计${pts(max)}分，未达到不得分。`;
  },
};
