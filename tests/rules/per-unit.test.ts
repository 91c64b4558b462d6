import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type RuleInput } from '../../src/index.js';
import { decimalText, expectBalanced, expectReason, expectScore, leaf, resultOf, scoreOf } from '../helpers.js';

const percent = (name: string) => ({ [name]: { type: 'percent' as const } });
const perUnit = (name: string, rest: Omit<Extract<RuleInput, { kind: 'per_unit' }>, 'kind' | 'value'>, max: number | string = 5) =>
  leaf({ kind: 'per_unit', value: name, ...rest }, { max, inputs: percent(name) });

const 控制率 = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5 });

describe('以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。', () => {
  it('103.4% → 3.4个百分点 × 0.5 = 扣1.7分，得3.3分', () => expectScore(控制率, '103.4', '3.3'));
  it('the reason states the rate, the excess and the points', () =>
    expectReason(控制率, '103.4', '在职人员控制率103.4%，超过标准3.4个百分点，扣1.7分'));
  it('exactly at the standard, 100% → 5, no deduction', () => expect(expectScore(控制率, '100', '5').deductions).toEqual([]));
  it('below the standard, 91.18% → 5', () => expectScore(控制率, '91.18', '5'));
  it('110% → 10 × 0.5 = 5 → 0', () => expectScore(控制率, '110', '0'));
  it('far over, 300% → 0 and not negative (扣完为止)', () => expectScore(控制率, '300', '0'));
  it('far over: the reason says what would have been lost and that it stops at 0', () =>
    expectReason(控制率, '300', '超过标准200个百分点', '应扣100分', '扣完为止', '扣5分'));
  it('figures are exact decimals: 100.2% → 0.1 lost, not 0.09999…', () => expectScore(控制率, '100.2', '4.9'));
  it('figures may be given as JS numbers: 103.4 → 3.3', () => expectScore(控制率, 103.4, '3.3'));
  it('a reason never rounds the excess away: 100.004% with 10 points per point does not say 超过标准0个百分点', () => {
    const steep = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 10 });
    const reason = expectReason(steep, '100.004', '扣0.04分');
    expect(reason).not.toContain('超过标准0个百分点');
    expect(reason).toContain('0.004');
  });
});

describe('mode: whole — 只计满一个百分点的部分', () => {
  const whole = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5, mode: 'whole' });
  it('103.4% → 3 units → 扣1.5分 → 3.5', () => expectScore(whole, '103.4', '3.5'));
  it('103.99% → still 3 units → 3.5', () => expectScore(whole, '103.99', '3.5'));
  it('100.99% → 0 units → 5', () => expectScore(whole, '100.99', '5'));
  it('the reason says how many units were counted', () => expectReason(whole, '103.4', '超过标准3.4个百分点', '按3个百分点计', '扣1.5分'));
});

describe('mode: started — 不足一个百分点的按一个百分点计', () => {
  const started = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5, mode: 'started' });
  it('103.4% → 4 units → 扣2分 → 3', () => expectScore(started, '103.4', '3'));
  it('103% exactly → 3 units → 3.5', () => expectScore(started, '103', '3.5'));
  it('100.01% → 1 unit → 4.5', () => expectScore(started, '100.01', '4.5'));
  it('100% → 0 units → 5', () => expectScore(started, '100', '5'));
  it('the reason says how many units were counted', () => expectReason(started, '103.4', '按4个百分点计', '扣2分'));
});

describe('per: 每超过5个百分点扣1分', () => {
  const proportional = perUnit('在职人员控制率', { standard: 100, direction: 'above', per: 5, points: 1 });
  const whole = perUnit('在职人员控制率', { standard: 100, direction: 'above', per: 5, points: 1, mode: 'whole' });
  const started = perUnit('在职人员控制率', { standard: 100, direction: 'above', per: 5, points: 1, mode: 'started' });
  it('proportional: 103.4% → 0.68 unit → 4.32', () => expectScore(proportional, '103.4', '4.32'));
  it('whole: 103.4% → 0 units → 5', () => expectScore(whole, '103.4', '5'));
  it('whole: 111% → 2 units → 3', () => expectScore(whole, '111', '3'));
  it('started: 103.4% → 1 unit → 4', () => expectScore(started, '103.4', '4'));
});

describe('政府采购执行率等于100%的，得3分；每减少一个百分点，扣0.2分，扣完为止。', () => {
  const 政府采购 = perUnit('政府采购执行率', { standard: 100, direction: 'below', points: 0.2 }, 3);
  it('100% → 3', () => expectScore(政府采购, '100', '3'));
  it('above 100%, 105% → 3 (only shortfalls lose points)', () => expectScore(政府采购, '105', '3'));
  it('95% → 5 × 0.2 = 扣1分 → 2', () => expectScore(政府采购, '95', '2'));
  it('87.5% → 12.5 × 0.2 = 扣2.5分 → 0.5', () => expectScore(政府采购, '87.5', '0.5'));
  it('85% → 扣3分 → 0', () => expectScore(政府采购, '85', '0'));
  it('50% → 0, not negative', () => expectScore(政府采购, '50', '0'));
  it('the reason says 低于标准', () => expectReason(政府采购, '95', '政府采购执行率95%，低于标准5个百分点，扣1分'));
});

describe('公务卡刷卡率达50％以上的，得3分。每减少一个百分点，扣0.2分，扣完为止。', () => {
  const 刷卡率 = perUnit('公务卡刷卡率', { standard: 50, direction: 'below', points: 0.2 }, 3);
  it('50% → 3', () => expectScore(刷卡率, '50', '3'));
  it('80% → 3', () => expectScore(刷卡率, '80', '3'));
  it('45.5% → 4.5 × 0.2 = 扣0.9分 → 2.1', () => expectScore(刷卡率, '45.5', '2.1'));
  it('35% → 扣3分 → 0', () => expectScore(刷卡率, '35', '0'));
  it('0% → 0', () => expectScore(刷卡率, '0', '0'));
});

describe('derived rates (metrics) — 在职人员控制率 = 在职人数 / 编制人数', () => {
  const sheet = leaf(
    { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 },
    {
      inputs: { 在职人数: { type: 'count', unit: '人' }, 编制人数: { type: 'count', unit: '人', min: 1 } },
      metrics: { 在职人员控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
    },
  );
  it('云溪 2021: 在职 31 / 编制 34 = 91.18% → full 5', () => expectScore(sheet, { 在职人数: 31, 编制人数: 34 }, '5'));
  it('the metric is reported to 6 decimals', () =>
    expect(resultOf(sheet, { 在职人数: 31, 编制人数: 34 }).metrics).toEqual({ 在职人员控制率: '91.176471' }));
  it('35 / 34 = 102.941176…% → 扣1.470588… → 3.53', () => expectScore(sheet, { 在职人数: 35, 编制人数: 34 }, '3.53'));
  it('the reason shows the rate to 2 decimals', () =>
    expectReason(sheet, { 在职人数: 35, 编制人数: 34 }, '在职人员控制率102.94%', '超过标准2.94个百分点', '扣1.47分'));
});

describe('a value that is a formula, not a name', () => {
  const inline = leaf(
    { kind: 'per_unit', value: '在职人数 / 编制人数 * 100', standard: 100, direction: 'above', points: 0.5 },
    { inputs: { 在职人数: { type: 'count', unit: '人' }, 编制人数: { type: 'count', unit: '人' } } },
  );
  it('517 / 500 = 103.4% → 3.3', () => expectScore(inline, { 在职人数: 517, 编制人数: 500 }, '3.3'));
  it('the reason keeps the formula and its value apart (not “* 100103.4”)', () => {
    const reason = expectReason(inline, { 在职人数: 517, 编制人数: 500 }, '103.4', '扣1.7分');
    expect(reason).not.toContain('100103.4');
  });
});

describe('“三公经费”变动率≦0,计5分；“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。', () => {
  const sheet = leaf(
    { kind: 'per_unit', value: '三公经费变动率', standard: 0, direction: 'above', points: 0.5 },
    {
      inputs: { 三公经费本年: { type: 'number', unit: '元', min: 0 }, 三公经费上年: { type: 'number', unit: '元', min: 0 } },
      metrics: { 三公经费变动率: { formula: '(三公经费本年 - 三公经费上年) / 三公经费上年 * 100', unit: '%' } },
    },
  );
  it('云溪 2021: 5270 vs 12098 元 → 变动率 −6828/12098 = −56.439081% → full 5', () => {
    expectScore(sheet, { 三公经费本年: 5270, 三公经费上年: 12098 }, '5');
    expect(resultOf(sheet, { 三公经费本年: 5270, 三公经费上年: 12098 }).metrics['三公经费变动率']).toBe('-56.439081');
  });
  it('12700 vs 12098 元 → +4.976029…% → 扣2.488015… → 2.51', () =>
    expectScore(sheet, { 三公经费本年: 12700, 三公经费上年: 12098 }, '2.51'));
});

describe('properties', () => {
  const modes = ['proportional', 'whole', 'started'] as const;
  const sheets = modes.map((mode) => perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5, mode }));
  const below = perUnit('政府采购执行率', { standard: 100, direction: 'below', points: 0.2 }, 3);
  const rate = decimalText(0, 250, 3);
  const score = (l: (typeof sheets)[number], v: string) => new Decimal(scoreOf(l, v).score);

  it('direction above: the score never rises as the rate rises (every mode)', () =>
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), rate, rate, (m, a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        expect(score(sheets[m]!, lo).gte(score(sheets[m]!, hi))).toBe(true);
      }),
    ));
  it('direction below: the score never falls as the rate rises', () =>
    fc.assert(
      fc.property(rate, rate, (a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        expect(score(below, lo).lte(score(below, hi))).toBe(true);
      }),
    ));
  it('every score lies in [0, max] and max − score is the sum of the deductions', () =>
    fc.assert(
      fc.property(fc.constantFrom(...sheets, below), rate, (l, v) => {
        const r = scoreOf(l, v);
        expect(new Decimal(r.score).gte(0) && new Decimal(r.score).lte(r.max)).toBe(true);
        expectBalanced(r);
      }),
    ));
  it('the same figures give byte-identical results', () =>
    fc.assert(
      fc.property(rate, (v) => {
        expect(JSON.stringify(resultOf(控制率, v))).toBe(JSON.stringify(resultOf(控制率, v)));
      }),
    ));
});

describe('以100%为标准…每超过一个百分点扣0.5分，最多扣3分 (maxDeduction)', () => {
  const capped = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5, maxDeduction: 3 });
  it('103.4% → 扣1.7分, below the cap → 3.3', () => expectScore(capped, '103.4', '3.3'));
  it('106% → 扣3分, exactly the cap → 2', () => expectScore(capped, '106', '2'));
  it('106.02% → 3.01 would be lost, the cap keeps it at 3 → 2', () => expectScore(capped, '106.02', '2'));
  it('300% → still 扣3分 → 2, not 0', () => expectScore(capped, '300', '2'));
  it('the reason says what would have been lost and the cap', () => expectReason(capped, '110', '超过标准10个百分点', '应扣5分', '最多扣3分', '扣3分'));
  it('a cap not below the max is a warning (it is 扣完为止), and scoring goes on', () => {
    const l = perUnit('在职人员控制率', { standard: 100, direction: 'above', points: 0.5, maxDeduction: 5 });
    expect(l.rubric.warnings.map((w) => w.code)).toContain('rule_invalid');
    expectScore(l, '120', '0');
  });
});

describe('项目完成率达到100%的，得5分；每低于一个百分点扣0.2分；未完成80%则不得分 (zeroBeyond)', () => {
  const line = perUnit('项目完成率', { standard: 100, direction: 'below', points: 0.2, zeroBeyond: 80 });
  it('85% → 扣3分 → 2', () => expectScore(line, '85', '2'));
  it('exactly 80% is not past the line → 扣4分 → 1', () => expectScore(line, '80', '1'));
  it('79.99% is past it → 0', () => expectScore(line, '79.99', '0'));
  it('the reason names the line', () => expectReason(line, '79.99', '项目完成率79.99%', '低于80%', '不得分', '扣5分'));
  it('above the standard: 超过130%不得分', () => {
    const over = perUnit('控制率', { standard: 100, direction: 'above', points: 0.1, zeroBeyond: 130 });
    expectScore(over, '130', '2');
    expectScore(over, '130.01', '0');
  });
  it('a line on the winning side of the standard is refused at load', () => {
    expect(() => resultOf(perUnit('项目完成率', { standard: 100, direction: 'below', points: 0.2, zeroBeyond: 110 }), { 项目完成率: '90' })).toThrow(/zeroBeyond/);
  });
});

describe('每低于5%扣2分 (a step of 5 units)', () => {
  const step = perUnit('项目完成率', { standard: 100, direction: 'below', per: 5, points: 2, mode: 'whole' }, 10);
  it('95% → one step → 8', () => expectScore(step, '95', '8'));
  it('94.99% → still one whole step → 8', () => expectScore(step, '94.99', '8'));
  it('90% → two steps → 6', () => expectScore(step, '90', '6'));
});
