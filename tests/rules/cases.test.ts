import { describe, expect, it } from 'vitest';
import { evalIssues, expectIssue, expectReason, expectScore, leaf } from '../helpers.js';

const money = { type: 'number' as const, unit: '万元', min: 0 };
const 资金结余 = leaf(
  {
    kind: 'cases',
    cases: [
      { when: '资金结余 = 0', score: 3, label: '无结余' },
      { when: '资金结余 <= 上年结转', score: 2, label: '有结余，但不超过上年结转' },
    ],
    otherwise: { score: 0, label: '结余超过上年结转' },
  },
  { max: 3, inputs: { 资金结余: money, 上年结转: money } },
);

describe('无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。', () => {
  it('结余 0 → 3', () => expect(expectScore(资金结余, { 资金结余: 0, 上年结转: 10 }, '3').deductions).toEqual([]));
  it('结余 0, 上年结转 0 → 3 (the first true case wins)', () => expectScore(资金结余, { 资金结余: 0, 上年结转: 0 }, '3'));
  it('结余 5 ≤ 上年结转 10 → 2', () => expectScore(资金结余, { 资金结余: 5, 上年结转: 10 }, '2'));
  it('结余 10 = 上年结转 10 → 2 (不超过 includes equal)', () => expectScore(资金结余, { 资金结余: 10, 上年结转: 10 }, '2'));
  it('结余 12 > 上年结转 10 → 0', () => expectScore(资金结余, { 资金结余: 12, 上年结转: 10 }, '0'));
  it('结余 10.01 > 上年结转 10 → 0 (exact comparison)', () => expectScore(资金结余, { 资金结余: '10.01', 上年结转: 10 }, '0'));
  it('the reason states both figures with their units and the case', () =>
    expectReason(资金结余, { 资金结余: 5, 上年结转: 10 }, '资金结余5万元', '上年结转10万元', '有结余，但不超过上年结转', '计2分', '扣1分'));
  it('a zero case says 不得分', () =>
    expectReason(资金结余, { 资金结余: 12, 上年结转: 10 }, '资金结余12万元', '上年结转10万元', '结余超过上年结转', '不得分', '扣3分'));
});

describe('without `otherwise`', () => {
  const noOtherwise = leaf(
    { kind: 'cases', cases: [{ when: '资金结余 = 0', score: 3, label: '无结余' }] },
    { max: 3, inputs: { 资金结余: money } },
  );
  it('a figure matching no case is an error naming the indicator and the figures', () =>
    expectIssue(evalIssues(noOtherwise, 5), {
      code: 'no_case_matched',
      indicator: '指标',
      message: expect.stringContaining('资金结余5万元'),
    }));
});

describe('conditions combine with and / or / not and compare two figures', () => {
  const both = leaf(
    {
      kind: 'cases',
      cases: [
        { when: '资金结余 = 0 and 上年结转 = 0', score: 3, label: '无结余且无结转' },
        { when: 'not 资金结余 > 上年结转 或 资金结余 < 1', score: 2 },
      ],
      otherwise: { score: 0 },
    },
    { max: 3, inputs: { 资金结余: money, 上年结转: money } },
  );
  it('0 and 0 → 3', () => expectScore(both, { 资金结余: 0, 上年结转: 0 }, '3'));
  it('0 and 1 → 2 (not 0 > 1)', () => expectScore(both, { 资金结余: 0, 上年结转: 1 }, '2'));
  it('0.5 and 0 → 2 (0.5 < 1)', () => expectScore(both, { 资金结余: '0.5', 上年结转: 0 }, '2'));
  it('5 and 1 → 0', () => expectScore(both, { 资金结余: 5, 上年结转: 1 }, '0'));
  it('a case without a label is named by its condition in the reason', () =>
    expectReason(both, { 资金结余: 0, 上年结转: 1 }, 'not 资金结余 > 上年结转 或 资金结余 < 1', '扣1分'));
});
