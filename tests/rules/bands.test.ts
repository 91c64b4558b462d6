import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { decimalText, evalIssues, expectIssue, expectReason, expectScore, leaf, scoreOf } from '../helpers.js';

type Band = { when: string; score: number };
const bands = (name: string, list: Band[], max: number, extra: { otherwise?: number } = {}) =>
  leaf({ kind: 'bands', value: name, bands: list, ...extra }, { max, inputs: { [name]: { type: 'percent' } } });

const 重点支出 = bands(
  '重点支出安排率',
  [
    { when: '≥90', score: 5 },
    { when: '[80, 90)', score: 4 },
    { when: '[70, 80)', score: 3 },
    { when: '[60, 70)', score: 2 },
    { when: '<60', score: 0 },
  ],
  5,
);

describe('重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。', () => {
  it('100% → 5', () => expectScore(重点支出, '100', '5'));
  it('90% → 5 (≥90 includes 90)', () => expectScore(重点支出, '90', '5'));
  it('89.99% → 4', () => expectScore(重点支出, '89.99', '4'));
  it('80% → 4 (80%（含）)', () => expectScore(重点支出, '80', '4'));
  it('79.99% → 3', () => expectScore(重点支出, '79.99', '3'));
  it('70% → 3', () => expectScore(重点支出, '70', '3'));
  it('69.99% → 2', () => expectScore(重点支出, '69.99', '2'));
  it('60% → 2', () => expectScore(重点支出, '60', '2'));
  it('59.99% → 0 (低于60%不得分)', () => expectScore(重点支出, '59.99', '0'));
  it('0% → 0', () => expectScore(重点支出, '0', '0'));
  it('the reason names the figure, the band and the points', () =>
    expectReason(重点支出, '89.99', '重点支出安排率89.99%', '80%（含）-90%', '计4分', '扣1分'));
  it('a zero band says 不得分', () => expectReason(重点支出, '59.99', '重点支出安排率59.99%', '不得分', '扣5分'));
  it('full marks carry no deduction', () => expect(scoreOf(重点支出, '95').deductions).toEqual([]));
});

const 预算调整 = bands(
  '预算调整率',
  [
    { when: '=0', score: 3 },
    { when: '(0, 10]', score: 2 },
    { when: '(10, 20]', score: 1 },
    { when: '(20, 30]', score: 0.5 },
    { when: '>30', score: 0 },
  ],
  3,
);

describe('预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。', () => {
  it('0 → 3', () => expectScore(预算调整, '0', '3'));
  it('0.01% → 2 (left-open (0, 10])', () => expectScore(预算调整, '0.01', '2'));
  it('10% → 2 (10%（含）)', () => expectScore(预算调整, '10', '2'));
  it('10.01% → 1', () => expectScore(预算调整, '10.01', '1'));
  it('20% → 1', () => expectScore(预算调整, '20', '1'));
  it('20.01% → 0.5', () => expectScore(预算调整, '20.01', '0.5'));
  it('30% → 0.5', () => expectScore(预算调整, '30', '0.5'));
  it('30.01% → 0 (大于30%不得分)', () => expectScore(预算调整, '30.01', '0'));
  it('the reason writes the band as the sheet does: 10%-20%（含）', () =>
    expectReason(预算调整, '10.01', '预算调整率10.01%', '10%-20%（含）', '计1分', '扣2分'));
});

describe('band notation: every spelling of an edge the format lists', () => {
  const one = (when: string) => bands('率', [{ when, score: 5 }], 5, { otherwise: 0 });
  it.each([
    ['≥90', '90', '5'], ['≥90', '89.99', '0'],
    ['>=90', '90', '5'], ['≧90', '90', '5'],
    ['>90', '90', '0'], ['>90', '90.01', '5'], ['＞90', '90.01', '5'],
    ['≤10', '10', '5'], ['<=10', '10', '5'], ['≦10', '10', '5'], ['≤10', '10.01', '0'],
    ['<60', '60', '0'], ['<60', '59.99', '5'], ['＜60', '59.99', '5'],
    ['=0', '0', '5'], ['==0', '0', '5'], ['＝0', '0', '5'], ['=0', '0.01', '0'],
    ['[80, 90)', '80', '5'], ['[80, 90)', '90', '0'],
    ['(80, 90]', '80', '0'], ['(80, 90]', '90', '5'],
    ['[80, 90]', '90', '5'], ['(80, 90)', '80', '0'],
    ['[90, +∞)', '1000', '5'], ['[90, ∞)', '90', '5'], ['(-∞, 60)', '-5', '5'], ['(-∞, 60)', '60', '0'],
    ['≥90%', '90', '5'], ['[80%, 90%)', '85', '5'], ['（80，90］', '90', '5'],
  ])('%s with %s → %s', (when, value, score) => {
    expectScore(one(when), value, score);
  });
});

describe('a value that is a formula, not a name', () => {
  const inline = leaf({ kind: 'bands', value: '比率 * 100', bands: [{ when: '≥90', score: 5 }, { when: '<90', score: 0 }] }, { inputs: { 比率: { type: 'number' } } });
  it('0.95 × 100 = 95 → 5', () => expectScore(inline, '0.95', '5'));
  it('the reason keeps the formula and its value apart (not “* 10050”)', () =>
    expect(expectReason(inline, '0.5', '50', '扣5分')).not.toContain('10050'));
});

describe('a value in no band', () => {
  const gap = bands('率', [{ when: '≥90', score: 5 }, { when: '<60', score: 0 }], 5);
  it('is an error naming the indicator and the figure, not a silent score', () =>
    expectIssue(evalIssues(gap, '75'), { code: 'no_band_matched', indicator: '指标', message: expect.stringContaining('75') }));
  it('takes `otherwise` when the rule gives one', () =>
    expectScore(bands('率', [{ when: '≥90', score: 5 }, { when: '<60', score: 0 }], 5, { otherwise: 3 }), '75', '3'));
  it('the `otherwise` deduction has a reason with the figure', () =>
    expectReason(bands('率', [{ when: '≥90', score: 5 }], 5, { otherwise: 3 }), '75', '75%', '扣2分'));
});

describe('overlapping bands: the first one scores', () => {
  const overlap = bands('率', [{ when: '≥80', score: 4 }, { when: '≥90', score: 5 }, { when: '<80', score: 0 }], 5);
  it('95% → 4 (the first band that contains it)', () => expectScore(overlap, '95', '4'));
});

describe('properties', () => {
  const rate = decimalText(0, 100, 2);
  const num = (l: typeof 重点支出, v: string) => new Decimal(scoreOf(l, v).score);
  it('重点支出安排率: a higher rate never scores less', () =>
    fc.assert(
      fc.property(rate, rate, (a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        expect(num(重点支出, lo).lte(num(重点支出, hi))).toBe(true);
      }),
    ));
  it('预算调整率: a higher rate never scores more', () =>
    fc.assert(
      fc.property(rate, rate, (a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        expect(num(预算调整, lo).gte(num(预算调整, hi))).toBe(true);
      }),
    ));
  it('the score is always one of the band scores', () =>
    fc.assert(
      fc.property(rate, (v) => {
        expect(['5', '4', '3', '2', '0']).toContain(scoreOf(重点支出, v).score);
        expect(['3', '2', '1', '0.5', '0']).toContain(scoreOf(预算调整, v).score);
      }),
    ));
});
