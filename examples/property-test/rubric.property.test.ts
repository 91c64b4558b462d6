/**
 * Property tests for a rubric, as its authors write them: `npm i -D vitest fast-check jixiao`,
 * put this file next to rubric.yaml and run `npx vitest`.
 *
 * (jixiao's own suite runs this file too: tests/testing/example.test.ts.)
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, loadRubric } from 'jixiao';
import { arbitraryInput, checkEvaluation, checkRubricProperties, monotoneCheck, rubricProperty } from 'jixiao/testing';

const rubric = loadRubric(readFileSync(new URL('./rubric.yaml', import.meta.url), 'utf8'), { file: 'rubric.yaml' });

describe('某区农村饮水安全巩固提升项目支出绩效评价评分表', () => {
  // One call: generated valid inputs (every figure within its declared type and range, with
  // extra weight on band edges and standards) are scored, and every ready-made property is
  // checked — scores within [0, max], parents equal to the sum of their children, total and
  // grade agreeing with the scale, every deduction with a reason, determinism, and per-unit,
  // count and band rules moving one way only. A failure names the property, the indicator, a
  // shrunk input and the seed to replay it with.
  it('behaves as its authors believe', () => {
    checkRubricProperties(rubric, { numRuns: 200 });
  });

  // The published example still gives the published score.
  it('scores the 2024 self-evaluation at 89, 良', () => {
    const result = evaluate(rubric, {
      values: { 到位资金: 950, 计划资金: 1000, 预算执行率: '92.5', 受益人口: 11400, 完工工程: 8, 水质合格率: 97, 满意度: 88 },
      assessments: {
        立项依据充分性: { score: 9.5, reason: '可行性研究不够充分' },
        绩效目标合理性: { items: { 1: true, 2: true, 3: false }, reason: '部分指标未量化' },
        社会效益: { score: 10 },
      },
    });
    expect([result.total, result.grade]).toStrictEqual(['89', '良']);
    expect(result.deductions.map((d) => d.reason)).toContain('资金到位率95%，低于标准5个百分点，扣2.5分');
  });

  // A property of this rubric only, written with the kit's arbitraries: more satisfied
  // beneficiaries never lower the total.
  it('a higher 满意度 never lowers the total', () => {
    fc.assert(
      fc.property(arbitraryInput(rubric), fc.integer({ min: 0, max: 100 }), (input, more) => {
        const before = Number(input.values!.满意度);
        const after = { ...input, values: { ...input.values, 满意度: String(Math.min(100, before + more)) } };
        expect(Number(evaluate(rubric, after).total)).toBeGreaterThanOrEqual(Number(evaluate(rubric, input).total));
      }),
      { numRuns: 200 },
    );
  });

  // The edges the 评分标准 names are scored as written: 95% is in the top band, 94.99% is not.
  it('预算执行率 bands: monotone, with the edges where the sheet puts them', () => {
    expect(monotoneCheck(rubric, '预算执行率')!.check(['74.99', '75', '84.99', '85', '94.99', '95', '100'])).toStrictEqual([]);
    const at = (v: string) => checkEvaluation(rubric, { ...base, values: { ...base.values, 预算执行率: v } }).result!.indicators[1]!.children![1]!.score;
    expect([at('94.99'), at('95')]).toStrictEqual(['8', '10']);
  });

  // Chosen properties with your own fast-check settings (here: more runs, a fixed seed).
  it('sums and grades hold over 1000 inputs', () => {
    fc.assert(rubricProperty(rubric, { properties: ['sums', 'grade'] }), { numRuns: 1000, seed: 2024 });
  });
});

const base = {
  values: { 到位资金: 1000, 计划资金: 1000, 预算执行率: 100, 受益人口: 12000, 完工工程: 8, 水质合格率: 100, 满意度: 100 },
  assessments: { 立项依据充分性: { score: 10 }, 绩效目标合理性: { items: { 1: true, 2: true, 3: true } }, 社会效益: { score: 10 } },
};
