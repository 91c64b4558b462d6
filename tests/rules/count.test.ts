import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { evalIssues, expectBalanced, expectIssue, expectReason, expectScore, leaf, scoreOf } from '../helpers.js';

const 支付进度 = leaf(
  { kind: 'count', value: '未按进度下达专项数', points: 0.5, item: '专项未按进度完成资金下达' },
  { max: 3, inputs: { 未按进度下达专项数: { type: 'count', unit: '个' } } },
);

describe('每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。', () => {
  it('0 → 3, no deduction', () => expect(expectScore(支付进度, 0, '3').deductions).toEqual([]));
  it('1 → 2.5', () => expectScore(支付进度, 1, '2.5'));
  it('2 → 2', () => expectScore(支付进度, 2, '2'));
  it('6 → 0 (exactly used up)', () => expectScore(支付进度, 6, '0'));
  it('7 → 0, not −0.5 (扣完为止)', () => expectScore(支付进度, 7, '0'));
  it('the reason counts the occurrences: 出现2例…，每例扣0.5分，扣1分', () =>
    expectReason(支付进度, 2, '出现2例专项未按进度完成资金下达，每例扣0.5分，扣1分'));
  it('when clamped, the reason says what would have been lost', () =>
    expectReason(支付进度, 7, '出现7例', '应扣3.5分', '扣完为止', '扣3分'));
});

describe('以上情况每出现一例不符合要求的扣1分，扣完为止。', () => {
  const 合规性 = leaf(
    { kind: 'count', value: '资金使用不合规例数', points: 1, item: '资金使用不符合要求的情况' },
    { max: 3, inputs: { 资金使用不合规例数: { type: 'count', unit: '例' } } },
  );
  it('0 → 3', () => expectScore(合规性, 0, '3'));
  it('1 → 2', () => expectScore(合规性, 1, '2'));
  it('3 → 0', () => expectScore(合规性, 3, '0'));
  it('10 → 0', () => expectScore(合规性, 10, '0'));
});

describe('a count computed by a formula must be a whole number ≥ 0', () => {
  const half = leaf(
    { kind: 'count', value: '问题数 / 2', points: 1 },
    { max: 3, inputs: { 问题数: { type: 'count' } } },
  );
  it('3 / 2 = 1.5 occurrences is an error naming the indicator', () =>
    expectIssue(evalIssues(half, 3), { code: 'count_not_integer', indicator: '指标' }));
  const diff = leaf(
    { kind: 'count', value: '本年问题数 - 上年问题数', points: 1 },
    { max: 3, inputs: { 本年问题数: { type: 'count' }, 上年问题数: { type: 'count' } } },
  );
  it('a negative count is an error too', () =>
    expectIssue(evalIssues(diff, { 本年问题数: 1, 上年问题数: 2 }), { code: 'count_not_integer', indicator: '指标' }));
  it('without `item`, the reason names the figure', () =>
    expect(scoreOf(diff, { 本年问题数: 2, 上年问题数: 1 }).deductions[0]!.reason).toContain('扣1分'));
});

describe('properties', () => {
  it('every count scores max − n × points, clamped to [0, max]', () =>
    fc.assert(
      fc.property(fc.nat(50), (n) => {
        const r = scoreOf(支付进度, n);
        const expected = Decimal.max(0, new Decimal(3).minus(new Decimal(n).times('0.5')));
        expect(r.score).toBe(expected.toFixed());
        expectBalanced(r);
      }),
    ));
  it('one more occurrence never raises the score', () =>
    fc.assert(
      fc.property(fc.nat(50), (n) => {
        expect(new Decimal(scoreOf(支付进度, n).score).gte(scoreOf(支付进度, n + 1).score)).toBe(true);
      }),
    ));
});

describe('每出现一例信息报送不及时扣0.5分，最多扣2分 (maxDeduction)', () => {
  const 信息报送 = leaf(
    { kind: 'count', value: '报送不及时次数', points: 0.5, item: '信息报送不及时', maxDeduction: 2 },
    { max: 5, inputs: { 报送不及时次数: { type: 'count', unit: '次' } } },
  );
  it('3 → 扣1.5分 → 3.5', () => expectScore(信息报送, 3, '3.5'));
  it('4 → 扣2分, the cap exactly → 3', () => expectScore(信息报送, 4, '3'));
  it('5 → 2.5 would be lost, the cap keeps it at 2 → 3', () => expectScore(信息报送, 5, '3'));
  it('the reason says what would have been lost and the cap', () => expectReason(信息报送, 9, '出现9例', '应扣4.5分', '最多扣2分', '扣2分'));
  it('a cap on a count that adds is refused: a 加分项 is capped by its max or cap', () =>
    expectIssue(
      () => leaf({ kind: 'count', value: 'n', points: 1, effect: 'add', maxDeduction: 2 }, { max: 5, inputs: { n: { type: 'count' } } }),
      { code: 'rule_invalid' },
    ));
});
