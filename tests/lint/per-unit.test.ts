import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const rule = (r: string, inputs = '率: { type: percent, min: 0, max: 100 }', max = 3) =>
  oneLeaf(`{ kind: per_unit, value: 率, ${r} }`, { inputs, max });
const found = (doc: string) => lint(doc, 'per-unit').map((i) => [i.code, i.severity]);

describe('lint per-unit: deductions against the declared range', () => {
  it('公务卡刷卡率达50%以上得3分，每减少一个百分点扣0.2分 on [0, 100] reaches 0 at 35%: clean', () => {
    expect(found(rule('standard: 50, direction: below, points: 0.2'))).toStrictEqual([]);
  });

  it('0.02 per point below 50% on [0, 100] loses at most 1 of 3: 扣完为止 never happens', () => {
    const doc = rule('standard: 50, direction: below, points: 0.02');
    const issues = lint(doc, 'per-unit');
    expect(found(doc)).toStrictEqual([['per_unit_never_zero', 'warning']]);
    expect(issues[0]!.message).toBe('率的取值范围为 [0, 100]，最多低于标准 50%，最多扣 1 分、最低得 2 分，“扣完为止”不会发生');
    expectAt(issues[0], doc, 'points: 0.02');
  });

  it('above 100% on a range capped at 100 never deducts', () => {
    expect(found(rule('standard: 100, direction: above, points: 0.5'))).toStrictEqual([['per_unit_never_deducts', 'warning']]);
  });

  it('a standard below the whole range: full marks are never reached', () => {
    const doc = rule('standard: 100, direction: below, points: 0.1', '率: { type: percent, min: 0, max: 90 }');
    expect(lint(doc, 'per-unit').map((i) => i.message)).toStrictEqual(['该指标最高只能得 2 分，达不到分值 3 分：率最大为 90%，已低于标准 100%，至少扣 1 分']);
  });

  it('points ≥ max: one unit past the standard loses everything', () => {
    expect(found(rule('standard: 100, direction: above, points: 3', '率: { type: percent, min: 0 }'))).toStrictEqual([['per_unit_steep', 'warning']]);
  });

  it('whole units: the floor counts (0.5 per whole point below 95 on [90, 100] loses at most 2.5 of 3)', () => {
    expect(found(rule('standard: 95, direction: below, points: 0.5, mode: whole', '率: { type: percent, min: 90, max: 100 }'))).toStrictEqual([['per_unit_never_zero', 'warning']]);
  });

  it('a metric has no declared range, so nothing is said (Hunan 在职人员控制率)', () => {
    expect(lintRubric(bundledRubricSource('hunan-department')!, { checks: ['per-unit'] }).issues).toStrictEqual([]);
  });
});
