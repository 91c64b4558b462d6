import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { decimalText, evalIssues, type SheetOptions, expectBalanced, expectIssue, expectReason, expectScore, leaf, scoreOf } from '../helpers.js';

const rate = { 在职人员控制率: { type: 'percent' as const } };
const formula = (score: string, opts: { max?: number; label?: string; inputs?: SheetOptions['inputs'] } = {}) =>
  leaf({ kind: 'formula', score, ...(opts.label ? { label: opts.label } : {}) }, { max: opts.max ?? 5, inputs: opts.inputs ?? rate });

const 按超出比例 = formula('5 - max(0, 在职人员控制率 - 100) * 0.5', { label: '按超出比例扣分' });

describe('rule: { kind: formula, score: "5 - max(0, 在职人员控制率 - 100) * 0.5" }', () => {
  it('103.4% → 3.3, as the per_unit rule gives', () => expectScore(按超出比例, '103.4', '3.3'));
  it('91.18% → 5', () => expectScore(按超出比例, '91.18', '5'));
  it('120% → −5 computed, clamped to 0 (扣完为止)', () => expectScore(按超出比例, '120', '0'));
  it('the clamped reason says so', () => expectReason(按超出比例, '120', '在职人员控制率120%', '按超出比例扣分', '扣完为止', '扣5分'));
  it('the reason names the figures, the label and the points', () => expectReason(按超出比例, '103.4', '在职人员控制率103.4%', '按超出比例扣分', '扣1.7分'));
});

describe('the score is clamped to [0, max]', () => {
  it('a formula above max gives max: 在职人员控制率 / 10 at 91.18% → 9.118 → 5', () => expectScore(formula('在职人员控制率 / 10'), '91.18', '5'));
  it('a constant above max gives max', () => expectScore(formula('7', { inputs: {} }), {}, '5'));
  it('a negative constant gives 0', () => expectScore(formula('-1', { inputs: {} }), {}, '0'));
  it('exact decimals: 0.1 + 0.2 → 0.3, max 0.3 → full', () => expect(expectScore(formula('0.1 + 0.2', { max: 0.3, inputs: {} }), {}, '0.3').deductions).toEqual([]));
});

describe('computing errors name the indicator', () => {
  const ratio = formula('5 * 在职人数 / 编制人数', { inputs: { 在职人数: { type: 'count' }, 编制人数: { type: 'count' } } });
  it('division by zero', () =>
    expectIssue(evalIssues(ratio, { 在职人数: 31, 编制人数: 0 }), { code: 'division_by_zero', indicator: '指标' }));
});

describe('properties', () => {
  it('every score lies in [0, max] and balances with its deduction', () =>
    fc.assert(
      fc.property(decimalText(0, 300, 3), (v) => {
        const r = scoreOf(按超出比例, v);
        expect(new Decimal(r.score).gte(0) && new Decimal(r.score).lte(5)).toBe(true);
        expectBalanced(r);
      }),
    ));
});
