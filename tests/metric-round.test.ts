/**
 * A rate rounded before it is scored, where a sheet does it (北京 海淀 2016: 执行率 49.88% shown as
 * 50% and scored 5.00), declared on the metric and shown in the reason. Without the declaration,
 * nothing is rounded early: 49.88% scores 4.99.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRubricSource, evaluate, loadRubric, safeEvaluate, type EvaluationInput } from '../src/index.js';
import { F, type Rounding } from './oracle/fraction.js';

const national = loadRubric(bundledRubricSource('project-self-evaluation')!, { file: 'project-self-evaluation.yaml' });
const roundedVariant = (places: number, rounding: Rounding = 'half-up') =>
  loadRubric(
    [
      'extends: project-self-evaluation',
      'id: project-self-evaluation-rounded',
      'name: 执行率先取整的自评表',
      `rounding: ${rounding}`,
      'metrics:',
      `  预算执行率: { formula: 全年执行数 / 全年预算数 * 100, unit: "%", label: 预算执行率, round: ${places} }`,
    ].join('\n'),
    { file: 'rounded.yaml' },
  );
const rows = {
  产出指标: [{ group: '数量指标', name: '完成事项', target: '≥10项', actual: '10项', weight: 50 }],
  效益指标: [{ group: '社会效益指标', name: '效果', target: '效果明显', level: '达成', score: 30, weight: 30 }],
  满意度指标: [{ group: '服务对象满意度指标', name: '满意度', target: '≥90%', actual: '95', weight: 10 }],
};
const input = (budget: string | number, spent: string | number) => ({ values: { 全年预算数: budget, 全年执行数: spent }, rows }) as unknown as EvaluationInput;
const execution = (rubric: ReturnType<typeof loadRubric>, budget: string | number, spent: string | number) => evaluate(rubric, input(budget, spent)).indicators[0]!;

describe('预算执行率 rounded before it is scored', () => {
  it('北京 海淀 2016: 49.88% 按50%计, 5.00 of 10, and the reason says both', () => {
    const row = execution(roundedVariant(0), 100, '49.88');
    expect(row.score).toBe('5');
    expect(row.deductions.map((d) => d.reason)).toEqual(['预算执行率49.88%（按50%计），执行率×10分，最高10分（10 * min(1, 预算执行率 / 100)）计算得5分，扣5分']);
  });

  it('without the declaration nothing is rounded early: 49.88% scores 4.99', () => {
    const row = execution(national, 100, '49.88');
    expect(row.score).toBe('4.99');
    expect(row.deductions[0]!.reason).toMatch(/^预算执行率49\.88%，/);
  });

  it('a rate the rounding does not change is printed once', () => {
    const row = execution(roundedVariant(0), 200, 100);
    expect(row.deductions[0]!.reason).toMatch(/^预算执行率50%，/);
  });

  it('the result shows the value used, and the rubric rounding mode applies (ties at x.5)', () => {
    expect(evaluate(roundedVariant(0), input(200, 99)).metrics['预算执行率']).toBe('50');
    // 48.5%: half-up 49%, half-even 48%.
    expect(execution(roundedVariant(0), 200, 97).score).toBe('4.9');
    expect(execution(roundedVariant(0, 'half-even'), 200, 97).score).toBe('4.8');
  });

  it('an execution rate over 100% is 10, a budget of 0 is an issue, not a number', () => {
    expect(execution(roundedVariant(0), 100, 120).score).toBe('10');
    const r = safeEvaluate(roundedVariant(0), input(0, 0));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toContain('division_by_zero');
  });

  it('property: the score is round₂(10 × min(1, round_k(rate) / 100)) for every declared k and rounding; without one, round₂(10 × min(1, spent/budget))', () => {
    const modes: Rounding[] = ['half-up', 'half-even', 'down', 'up'];
    const rubrics = new Map<string, ReturnType<typeof loadRubric>>();
    const variant = (k: number, mode: Rounding) => {
      const key = `${k}/${mode}`;
      if (!rubrics.has(key)) rubrics.set(key, roundedVariant(k, mode));
      return rubrics.get(key)!;
    };
    const cents = fc.integer({ min: 1, max: 10_000_000 }).map((c) => F(c).div(100).toString());
    fc.assert(
      fc.property(cents, cents, fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), fc.constantFrom(...modes), (budget, spent, k, mode) => {
        const rubric = k === undefined ? national : variant(k, mode);
        const rate = F(spent).div(budget).times(100);
        const used = k === undefined ? rate : rate.round(k, mode);
        const share = used.div(100).gt(1) ? F(1) : used.div(100);
        const expected = F(10).times(share).round(2, k === undefined ? 'half-up' : mode);
        expect(F(execution(rubric, budget, spent).score).eq(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a rounded metric read by a band rule', () => {
  const rubric = loadRubric(
    [
      'id: bands-rounded',
      'name: 分档',
      'inputs:',
      '  完成数: { type: number, min: 0 }',
      '  计划数: { type: number, min: 0 }',
      'metrics:',
      '  完成率: { formula: 完成数 / 计划数 * 100, unit: "%", round: 2 }',
      'indicators:',
      '  - id: 完成率',
      '    name: 完成率',
      '    max: 10',
      '    rule:',
      '      kind: bands',
      '      value: 完成率',
      '      bands:',
      '        - { when: ">= 95", score: 10 }',
      '        - { when: ">= 90", score: 6 }',
      '        - { when: "< 90", score: 0 }',
    ].join('\n'),
    { file: 'bands.yaml' },
  );
  const score = (done: number, plan: number) => evaluate(rubric, { values: { 完成数: done, 计划数: plan } }).indicators[0]!;

  it('the band is chosen on the rounded rate: 94.995% is 95.00%, 94.994% is not', () => {
    expect(score(94995, 100000).score).toBe('10');
    const below = score(94994, 100000);
    expect(below.score).toBe('6');
    expect(below.deductions[0]!.reason).toBe('完成率94.994%（按94.99%计），属于“≥90%”档，计6分，扣4分');
  });
});
