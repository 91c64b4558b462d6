import * as z from 'zod';
import { formulaField } from '../rubric/fields.js';
import { show } from '../decimal.js';
import { Decimal, pts, settle, withUnit } from './common.js';
import { convertUnit, describeTarget, meets, parseTarget } from './target-spec.js';
import type { RuleImpl } from './types.js';

const schema = z
  .strictObject({
    kind: z.literal('target'),
    value: formulaField.meta({ description: '实际完成值' }),
    target: z.union([z.string().min(1), z.number()]).transform(String).meta({ description: '目标值：≥95%、≤680份、12期、100%、0' }),
    mode: z.enum(['all_or_nothing', 'proportional']).optional(),
  })
  .meta({ title: 'target', description: '目标值完成情况 · target attainment' });

/** 市长热线全年交办件办结率不低于97%；下发文件数量控制在680份以内；编印公报12期. */
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
    const info = value.bareName ? ctx.info(value.bareName) : undefined;
    const valueUnit = info?.unit ?? '';
    const converted = convertUnit(spec.value, spec.unit, valueUnit);
    if (!converted) {
      ctx.issue('unit_mismatch', { unit: spec.unit, expected: valueUnit, name: value.bareName ?? value.text }, ['target']);
      return undefined;
    }
    const mode = rule.mode ?? 'all_or_nothing';
    if (mode === 'proportional' && spec.op === '=') {
      ctx.issue('rule_invalid', { detail: '“等于”型目标不能按比例计分', detailEn: 'an "equals" target cannot be scored proportionally' }, ['mode']);
      return undefined;
    }
    const goal = converted;
    const shown = describeTarget(spec);
    return {
      score(s) {
        const actualRaw = s.num(value);
        const actual = withUnit(actualRaw, valueUnit);
        const label = s.label(value);
        if (meets(spec.op, actualRaw, goal)) return { score: s.round(s.max), deductions: [] };
        if (mode === 'all_or_nothing') {
          return settle(s, new Decimal(0), (lost) => `${label}${actual}，未达到目标${shown}，扣${lost}分`);
        }
        const lower = spec.op === '<=' || spec.op === '<';
        // A target to reach: actual/target; a ceiling: target/actual.
        const ratio = lower
          ? actualRaw.isZero() ? new Decimal(1) : goal.div(actualRaw)
          : goal.isZero() ? new Decimal(1) : actualRaw.div(goal);
        const bounded = Decimal.max(0, Decimal.min(1, ratio));
        return settle(s, s.max.times(bounded), (lost) =>
          `${label}${actual}，目标${shown}，完成比例${show(bounded.times(100), 2)}%，扣${lost}分`,
        );
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
