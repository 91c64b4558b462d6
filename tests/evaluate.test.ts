import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate } from '../src/index.js';

const rubric = loadRubric(`
id: t
name: 测试
notApplicable: rescale
inputs:
  本年: { type: number, unit: 元, min: 0 }
  上年: { type: number, unit: 元, min: 0 }
  采购实际: { type: number, unit: 万元, min: 0 }
  采购计划: { type: number, unit: 万元, min: 0 }
metrics:
  变动率: (本年 - 上年) / 上年 * 100
  变动率两倍: 变动率 * 2
  采购执行率: { formula: 采购实际 / 采购计划 * 100, unit: "%" }
indicators:
  - { id: 变动, name: 三公经费变动率, max: 5, rule: { kind: per_unit, value: 变动率两倍, standard: 0, direction: above, points: 0.5 } }
  - { id: 采购, name: 政府采购执行率, max: 5, rule: { kind: per_unit, value: 采购执行率, standard: 100, direction: below, points: 0.2 } }
`);

describe('metrics and 不适用', () => {
  it('a division by zero in a metric is reported once, at the metric, even when other metrics and indicators read it', () => {
    const r = safeEvaluate(rubric, { values: { 本年: 100, 上年: 0, 采购实际: 1, 采购计划: 1 } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toStrictEqual([['division_by_zero', 'metrics.变动率']]);
    expect(r.issues[0]!.message).toContain('(本年 - 上年) / 上年 * 100');
  });

  it('an indicator marked 不适用 does not need its figures', () => {
    const r = safeEvaluate(rubric, { values: { 本年: 90, 上年: 100 }, assessments: { 采购: { notApplicable: true, reason: '本年度无政府采购' } } });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.value.total).toBe('10');
    expect(r.value.rescaled).toStrictEqual({ rawTotal: '5', applicableMax: '5' });
    expect(r.value.metrics).not.toHaveProperty('采购执行率');
  });

  it('but an applicable indicator still needs them', () => {
    const r = safeEvaluate(rubric, { values: { 本年: 90, 上年: 100 } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.code)).toStrictEqual(['input_missing', 'input_missing']);
  });
});

describe('limits reach inputs given as objects', () => {
  it('options.limits.maxDepth applies to an input object too', () => {
    let deep: Record<string, unknown> = {};
    const meta = deep;
    for (let i = 0; i < 20; i++) deep = deep.x = {};
    const r = safeEvaluate(rubric, { values: { 本年: 1, 上年: 1, 采购实际: 1, 采购计划: 1 }, meta }, { limits: { maxDepth: 10 } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.code).toBe('too_deep');
    expect(safeEvaluate(rubric, { values: { 本年: 1, 上年: 1, 采购实际: 1, 采购计划: 1 }, meta }).success).toBe(true);
  });
});
