/**
 * The limit on 不适用 (notApplicableLimit) counts every point of the sheet's max that 不适用 takes
 * out of scoring, wherever it stands: below a weighted block a child's share of the block's max
 * (max × weight ÷ all the weights), below a chosen row of a 可选项 pool that row's share, and
 * nested blocks and pools multiplied — exactly, with no share rounded. Rows not chosen in a pool
 * are a choice, not a removal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate } from '../../src/index.js';
import { F } from '../oracle/fraction.js';
import { expectIssue } from '../helpers.js';
import { full, gave, group, judged, na, refused, scored, sheet } from './sheet.js';

const OVER = { code: 'not_applicable_over_limit', path: ['assessments'] };

describe('不适用 inside a weighted block counts its share of the block against the limit', () => {
  // 块80 = 甲 (weight 1) + 乙 (weight 99), each out of 100; 其他 20. Default limit: half of 100.
  const block = (limit?: number | string) =>
    sheet({
      notApplicable: 'rescale',
      ...(limit !== undefined ? { notApplicableLimit: limit } : {}),
      indicators: [group('块', 80, [judged('甲', 100, { weight: 1 }), judged('乙', 100, { weight: 99 })], { combine: 'weighted' }), judged('其他', 20)],
    });
  it('乙 (weight 99 of 100) 不适用 and 甲 full: 80 × 99 ÷ 100 = 79.2 removed, over the 50 allowed — not 100/100 优', () =>
    expectIssue(refused(block(), { assessments: { 甲: full(100), 乙: na('本年度无此项业务'), 其他: full(20) } }), {
      ...OVER,
      message: '标记为不适用而剔除的分值合计79.2分，超过本评分表允许的50分（notApplicableLimit）',
    }));
  it('as a plain 80-point block 不适用 would be', () =>
    expectIssue(refused(block(), { assessments: { 块: na(), 其他: full(20) } }), { ...OVER, message: '标记为不适用而剔除的分值合计80分，超过本评分表允许的50分（notApplicableLimit）' }));
  it('甲 (weight 1) 不适用 removes 0.8: within the limit, and 乙 alone weighs the block', () => {
    const r = scored(block(), { assessments: { 甲: na(), 乙: gave(90), 其他: full(20) } });
    expect(r.total).toBe('92');
  });
  it.each([
    ['79.2', true],
    ['79.19', false],
  ])('notApplicableLimit %s: 79.2 removed is allowed: %s', (limit, ok) => {
    const r = safeEvaluate(block(limit), { assessments: { 甲: full(100), 乙: na(), 其他: full(20) } });
    expect(r.success).toBe(ok);
  });

  // Thirds: 80 × 2 ÷ 3 = 53.333…, between 53.33 and 53.34; compared exactly.
  const thirds = (limit: string, policy: 'rescale' | 'exclude') =>
    sheet({
      notApplicable: policy,
      notApplicableLimit: limit,
      indicators: [group('块', 80, [judged('甲', 100, { weight: 1 }), judged('乙', 100, { weight: 2 })], { combine: 'weighted' }), judged('其他', 20)],
    });
  it.each([
    ['53.33', 'rescale', false],
    ['53.34', 'rescale', true],
    ['53.33', 'exclude', false],
    ['53.34', 'exclude', true],
  ] as const)('weights 1 : 2 of 80, 乙 不适用 removes 53.333…: limit %s (%s) allows it: %s', (limit, policy, ok) => {
    expect(safeEvaluate(thirds(limit, policy), { assessments: { 甲: gave(90), 乙: na(), 其他: full(20) } }).success).toBe(ok);
  });

  it('weights from the inputs (以资金额度为权重): 乙项目 300 of 400 万元 in a 60-point block removes 45', () => {
    const funded = (limit: string) =>
      sheet({
        notApplicable: 'rescale',
        notApplicableLimit: limit,
        inputs: { 甲资金: { type: 'number', unit: '万元', min: 0 }, 乙资金: { type: 'number', unit: '万元', min: 0 } },
        indicators: [group('效益', 60, [judged('甲项目', 100, { weight: '甲资金' }), judged('乙项目', 100, { weight: '乙资金' })], { combine: 'weighted' }), judged('其他', 40)],
      });
    const input = { values: { 甲资金: 100, 乙资金: 300 }, assessments: { 甲项目: gave(80), 乙项目: na(), 其他: full(40) } };
    expect(scored(funded('45'), input).total).toBe('88');
    expectIssue(refused(funded('44.99'), input), { ...OVER, message: '标记为不适用而剔除的分值合计45分，超过本评分表允许的44.99分（notApplicableLimit）' });
  });

  it('nested: 丙2 (40 of a 100-point 丙, weight 1 of 2 in a 80-point block) removes 40 × 40 ÷ 100 = 16', () => {
    const nested = (limit: string) =>
      sheet({
        notApplicable: 'rescale',
        notApplicableLimit: limit,
        indicators: [group('块', 80, [group('丙', 100, [judged('丙1', 60), judged('丙2', 40)], { weight: 1 }), judged('丁', 100, { weight: 1 })], { combine: 'weighted' }), judged('其他', 20)],
      });
    const input = { assessments: { 丙1: full(60), 丙2: na(), 丁: full(100), 其他: full(20) } };
    expect(scored(nested('16'), input).total).toBe('100');
    expectIssue(refused(nested('15.99'), input), { ...OVER, message: '标记为不适用而剔除的分值合计16分，超过本评分表允许的15.99分（notApplicableLimit）' });
  });
});

describe('不适用 inside a chosen row of a 可选项 pool counts that row’s share', () => {
  // 效益60 shared by 经济 20 and 社会 20 → 30 each; 经济2 (10 of 经济's 20) removes 10 × 30 ÷ 20 = 15.
  const pool = (limit: string) =>
    sheet({
      notApplicable: 'rescale',
      notApplicableLimit: limit,
      indicators: [group('效益', 60, [group('经济', 20, [judged('经济1', 10), judged('经济2', 10)]), judged('社会', 20), judged('生态', 20)], { pool: {} }), judged('其他', 40)],
    });
  const input = { assessments: { 经济1: full(10), 经济2: na(), 社会: full(20), 生态: na('未选用'), 其他: full(40) } };
  it('limit 15: allowed (生态, not chosen, removes nothing)', () => expect(scored(pool('15'), input).total).toBe('100'));
  it('limit 14.99: refused', () => expectIssue(refused(pool('14.99'), input), { ...OVER, message: '标记为不适用而剔除的分值合计15分，超过本评分表允许的14.99分（notApplicableLimit）' }));
  it('a pool inside a weighted block: 25 of a chosen 50 (share 50 of 100), the pool weight 1 of 4 in 80 → 25 × 50 ÷ 50 × 20 ÷ 100 = 5', () => {
    const deep = (limit: string) =>
      sheet({
        notApplicable: 'rescale',
        notApplicableLimit: limit,
        indicators: [
          group('块', 80, [group('池', 100, [group('甲', 50, [judged('甲1', 25), judged('甲2', 25)]), judged('乙', 50)], { pool: {}, weight: 1 }), judged('丙', 100, { weight: 3 })], { combine: 'weighted' }),
          judged('其他', 20),
        ],
      });
    const deepInput = { assessments: { 甲1: full(25), 甲2: na(), 乙: full(50), 丙: full(100), 其他: full(20) } };
    expect(scored(deep('5'), deepInput).total).toBe('100');
    expectIssue(refused(deep('4.99'), deepInput), { ...OVER, message: '标记为不适用而剔除的分值合计5分，超过本评分表允许的4.99分（notApplicableLimit）' });
  });
});

describe('property: a block child 不适用 is refused exactly when max × w ÷ Σw exceeds the limit', () => {
  it('against exact fractions', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('rescale' as const, 'exclude' as const),
        (max, weights, pick, limitCents, policy) => {
          const marked = pick % weights.length;
          const sum = weights.reduce((a, w) => a + w, 0);
          // Sometimes the limit sits exactly on the share, or a cent either side (on the 0.01 grid).
          const share = F(max).times(F(weights[marked]!)).div(F(sum));
          const cents = [share.times(F(100)).floor(), share.times(F(100)).ceil(), F(limitCents)];
          const limit = cents[limitCents % 3]!.div(F(100));
          const rubric = sheet({
            notApplicable: policy,
            notApplicableLimit: limit.toString(),
            indicators: [group('块', max, weights.map((w, i) => judged(`c${i}`, 100, { weight: w })), { combine: 'weighted' }), judged('其他', 100 - max)],
          });
          const assessments: Record<string, unknown> = { 其他: full(100 - max) };
          weights.forEach((_, i) => (assessments[`c${i}`] = i === marked ? na() : full(100)));
          const r = safeEvaluate(rubric, { assessments } as never);
          expect(r.success).toBe(!share.gt(limit));
          if (!r.success) expect(r.issues.map((i) => i.code)).toEqual(['not_applicable_over_limit']);
        },
      ),
      { numRuns: 300 },
    ));
});
