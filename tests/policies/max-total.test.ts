/**
 * 总分不超过 (`maxTotal`, src/evaluate/policies/max-total.ts): the documented total, 加分项
 * included, is at most the rubric's cap; so is the figure the grade is taken on (under `exclude`,
 * the total brought to the full scale). The result says what the cap did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeScore } from '../../src/index.js';
import { bonusSection, capsEvaluation, full, gave, group, judged, na, penaltySection, scored, sheet } from './sheet.js';

const bonus = bonusSection;
const penalty = penaltySection;
const evaluation = capsEvaluation;

describe('总分不超过100分, with a 加分项', () => {
  const capped = sheet({ maxTotal: 100, inputs: { 审计问题数: { type: 'count', unit: '个' } }, indicators: [judged('基础', 100), bonus(5), penalty] });
  it('98 + 5 = 103 → 100, and the result says so', () => {
    const r = scored(capped, evaluation('98', '3', '2', 0));
    expect([r.total, r.grade, r.capped]).toEqual(['100', '优', { rawTotal: '103', maxTotal: '100', reason: '总分103分，总分不超过100分，计100分' }]);
  });
  it('at the cap: 95 + 5 = 100 is not capped', () => {
    const r = scored(capped, evaluation('95', '3', '2', 0));
    expect([r.total, r.capped]).toEqual(['100', undefined]);
  });
  it('just above: 96 + 4.01 = 100.01 → 100', () => expect(scored(capped, evaluation('96', '3', '1.01', 0)).capped?.rawTotal).toBe('100.01'));
  it('扣分项 come off before the cap: 98 + 5 − 2 = 101 → 100', () => expect(scored(capped, evaluation('98', '3', '2', 1)).total).toBe('100'));
});

describe('总分不超过 under `exclude`: the grade is taken on the capped full-scale total', () => {
  // 基础A (50, exclude) marked 不适用: the sheet is worth 50; 基础B 50 of 50, 加5分 → 55 of 50.
  // On the full scale: 50 × 100 ÷ 50 = 100, + 5 = 105, capped at 100: 优.
  const rubric = sheet({ maxTotal: 100, indicators: [judged('基础A', 50, { notApplicable: 'exclude' }), judged('基础B', 50), group('加分项', 5, [judged('表彰', 5)], { bonus: true })] });
  const input = { assessments: { 基础A: na('本年无此项工作'), 基础B: full(50), 表彰: full(5) } };
  it('55 of 50 is not capped; the graded 105 is, to 100', () => {
    const r = scored(rubric, input);
    expect([r.total, r.max, r.capped, r.excluded, r.grade]).toEqual(['55', '50', undefined, { max: '50', gradedOn: '100' }, '优']);
  });
  it('the totals path gives the same figures', () => {
    const t = safeScore(rubric, input);
    expect(t.success && [t.value.total, t.value.max, t.value.grade]).toEqual(['55', '50', '优']);
  });
});

describe('总分不超过: a property over base and bonus, in hundredths', () => {
  const rubric = sheet({ maxTotal: 100, indicators: [judged('基础', 100), group('加分项', 5, [judged('表彰', 5)], { bonus: true })] });
  it('total = min(base + bonus, 100), capped exactly when the sum passes 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 500 }), (b, a) => {
        const text = (h: number) => (h / 100).toFixed(2).replace(/\.?0+$/, '');
        const input = { assessments: { 基础: b === 10000 ? full(100) : gave(text(b)), 表彰: full(text(a)) } };
        const r = scored(rubric, input);
        const sum = b + a;
        expect(r.total).toBe(text(Math.min(sum, 10000)));
        expect(r.capped?.rawTotal).toBe(sum > 10000 ? text(sum) : undefined);
      }),
      { numRuns: 300 },
    );
  });
});
