/**
 * A reason's figure never contradicts its verdict. A metric that does not terminate (在职人数 ÷
 * 编制人数) is printed to two decimals where that keeps it on its own side of every edge its
 * verdict is about — per_unit's standard (and the line past which nothing is scored), the edges
 * of the bands (strictly inside the band that scored it), a target's value, the constants a
 * condition compares it with — and with as many more decimals as it takes where two would put it
 * on an edge or across one. A weighted block's rate beside a deduction is below 100%.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate, type RubricDocumentInput, type RuleInput } from '../../src/index.js';
import { Exact } from '../../src/exact.js';
import { comparedEdges, showBeside } from '../../src/rules/common.js';
import { scoreNumberRow, type RowMethods } from '../../src/project/score.js';
import { readProjectTarget } from '../../src/project/target.js';
import { expectReason, leaf, scoreOf } from '../helpers.js';
import { F, type Fraction } from '../oracle/fraction.js';
import { full, gave, group, judged, scored, sheet } from '../policies/sheet.js';

/** 控制率 = 在职人数 ÷ 编制人数 × 100, a percentage that need not terminate. */
const RATE = {
  inputs: { 在职人数: { type: 'number' as const, min: 0 }, 编制人数: { type: 'number' as const, min: 1 } },
  metrics: { 控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
};
const rated = (rule: RuleInput, max = 5) => leaf(rule, { max, ...RATE });
/** 在职人数 and 编制人数 whose rate is n ÷ d × 100. */
const staff = (n: number | bigint, d: number | bigint) => ({ 在职人数: String(n), 编制人数: String(d) });

const X = (s: string | number) => Exact.parse(String(s));

describe('showBeside: apart from every edge at once', () => {
  it('two decimals where they keep every side: 85.123… in [80, 90) → 85.12', () => expect(showBeside(X(85123).div(X(1000)), [X(80), X(90)])).toBe('85.12'));
  it('89.9999666… (2699999 ÷ 30000) in [80, 90) → 89.99997, not 90', () => expect(showBeside(X(2699999).div(X(30000)), [X(80), X(90)])).toBe('89.99997'));
  it('80.0000333… (2400001 ÷ 30000) in [80, 90) → 80.00003, not 80', () => expect(showBeside(X(2400001).div(X(30000)), [X(80), X(90)])).toBe('80.00003'));
  it('on an edge it is the edge: 90 → 90', () => expect(showBeside(X(90), [X(80), X(90)])).toBe('90'));
  it('no edge: two decimals', () => expect(showBeside(X(2).div(X(3)), [])).toBe('0.67'));
  it('closer than 14 decimals: rounded away from the nearest edge', () => {
    const x = X(90).minus(X(1).div(X('30000000000000000')));
    expect(showBeside(x, [X(80), X(90)])).toBe('89.99999999999999');
  });
});

describe('per_unit: the rate is printed apart from its standard', () => {
  const 控制率 = rated({ kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', points: 300 });
  it('30001 of 30000 posts: 100.00333…% is "100.003%", beside 超过标准0.003个百分点 and 扣1分 — never "100%"', () =>
    expectReason(控制率, staff(30001, 30000), '控制率100.003%，超过标准0.003个百分点', '扣1分'));
  it('30000 of 30000 is exactly 100: no deduction', () => expect(scoreOf(控制率, staff(30000, 30000)).deductions).toStrictEqual([]));
  const floor = rated({ kind: 'per_unit', value: '控制率', standard: 100, direction: 'below', points: 0.1, zeroBeyond: 80 });
  it('below 80 nothing is scored: 79.99996…% (2399999 ÷ 3000000) is "79.99997%" beside 低于80%，不得分', () =>
    expectReason(floor, staff(2399999, 3000000), '控制率79.99997%，低于80%，不得分', '扣5分'));
  it('just above 80 it is scored, and printed above 80: 80.00003%', () =>
    expectReason(floor, staff(2400001, 3000000), '控制率80.00003%，低于标准19.99997个百分点'));
});

describe('bands: the figure is printed strictly inside the band that scored it', () => {
  const 档 = rated({ kind: 'bands', value: '控制率', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '<80', score: 0 }] });
  it('89.99996…% is in [80, 90): "89.99997%", 计4分 — not "90%" beside the 80–90 band', () =>
    expectReason(档, staff(2699999, 3000000), '控制率89.99997%，属于“80%（含）-90%”档，计4分，扣1分'));
  it('exactly 90 scores 5', () => expect(scoreOf(档, staff(27000, 30000)).score).toBe('5'));
  it('79.99996…% is below 80: "79.99997%", 不得分', () => expectReason(档, staff(2399999, 3000000), '控制率79.99997%，属于“<80%”档，不得分'));
});

describe('target: an unmet target\'s actual is not printed as the target', () => {
  const 满意率 = rated({ kind: 'target', value: '控制率', target: '≥95%' });
  it('94.99996…% (2849999 ÷ 3000000) against ≥95%: "94.99997%，未达到目标≥95%"', () =>
    expectReason(满意率, staff(2849999, 3000000), '控制率94.99997%，未达到目标≥95%'));
  const 上限 = rated({ kind: 'target', value: '控制率', target: '≤100%', mode: 'proportional' });
  it('a ceiling of 100% and 100.00333…%: "100.003%", with 完成比例 below 100', () =>
    expectReason(上限, staff(30001, 30000), '控制率100.003%，目标≤100%，完成比例99.997%'));
});

describe('conditions: a figure beside the condition it met', () => {
  it('cases: 89.99996…% does not meet 控制率 >= 90: printed "89.99997%"', () => {
    const c = rated({ kind: 'cases', cases: [{ when: '控制率 >= 90', score: 5 }, { when: '控制率 >= 80', score: 3, label: '80%至90%' }], otherwise: { score: 0 } });
    expectReason(c, staff(2699999, 3000000), '控制率89.99997%，80%至90%，计3分');
  });
  it('一票否决 when 控制率 < 60: 59.99996…% is "59.99997%，符合“控制率 < 60”"', () => {
    const doc: RubricDocumentInput = {
      id: 'veto', name: '否决', grades: [{ grade: '优', min: 90 }, { grade: '差', min: 0 }], ...RATE,
      vetoes: [{ id: '超编', name: '严重超编', when: '控制率 < 60', grade: '差' }],
      indicators: [{ id: '管理', name: '管理', max: 100, rule: { kind: 'judgement' } }],
    } as never;
    const r = safeEvaluate(loadRubric(doc), { values: staff(1799999, 3000000), assessments: { 管理: { score: '100' } } } as never);
    expect(r.success && r.value.vetoes.map((v) => v.reason)).toStrictEqual(['控制率59.99997%，符合“控制率 < 60”']);
  });
});

describe('formulas: a figure beside what the formula decided with it', () => {
  it('comparedEdges: comparisons, and min/max/clamp against constants', () => {
    const edges = (text: string) => {
      const r = loadRubric({ id: 'e', name: 'e', ...RATE, vetoes: [{ id: 'v', name: 'v', when: text, grade: '差' }], grades: [{ grade: '差', min: 0 }], indicators: [{ id: '甲', name: '甲', max: 1, rule: { kind: 'judgement' } }] } as never);
      return Object.fromEntries([...comparedEdges(r.vetoes[0]!.when!).entries()].map(([k, v]) => [k, v.map((x) => x.toPlain())]));
    };
    expect(edges('控制率 < 60 or 控制率 >= 100')).toStrictEqual({ 控制率: ['60', '100'] });
    expect(edges('min(控制率, 100) < 90 and 在职人数 > -2')).toStrictEqual({ 控制率: ['100'], 在职人数: ['-2'] });
    expect(edges('clamp(在职人数, -1, 3) = 3')).toStrictEqual({ 在职人数: ['-1', '3'] });
    expect(edges('控制率 / 2 < 30')).toStrictEqual({});
  });
  it('if(控制率 >= 90, 10, 5): 89.99996…% scores 5 and is printed "89.99997%"', () =>
    expectReason(rated({ kind: 'formula', score: 'if(控制率 >= 90, 10, 5)' }, 10), staff(2699999, 3000000), '控制率89.99997%', '计算得5分', '扣5分'));
  it('10 × min(控制率, 100) ÷ 100 at 100.00333…%: printed "100.003%" (it is capped at 100)', () =>
    expect(scoreOf(rated({ kind: 'formula', score: '10 * min(控制率, 100) / 100 - 1' }, 10), staff(30001, 30000)).deductions[0]!.reason).toContain('控制率100.003%'));
});

describe('checklist: a score rounded down is printed between the two figures of the grid', () => {
  it('甲 99.9999999% of 5 met, 乙 0.0000001% not: 4.999999995 rounded down to 4.99 is printed "4.999999995", not "5"', () => {
    const items = [{ text: '甲', share: '99.9999999' }, { text: '乙', share: '0.0000001' }];
    const r = scoreOf(leaf({ kind: 'checklist', items }, { max: 5, rounding: 'down' }), {}, { 指标: { items: { 1: true, 2: false } } });
    expect(r.score).toBe('4.99');
    expect(r.deductions.at(-1)!.reason).toMatch(/^得分4\.999999995分按评分表精度舍入为4\.99分，/);
  });
});

describe('rows: the 偏离度 warning prints the multiple on its side of the threshold', () => {
  const m: RowMethods = { inverse: 'inverse', equals: 'all_or_nothing', levels: { achieved: X('0.8'), partly: X('0.6') }, overAchievement: X(2), unmetRounding: 'below_full', precision: 2, rounding: 'half-up' };
  const row = (target: string, actual: string) => {
    const t = readProjectTarget(target)!;
    if (t.kind !== 'number') throw new Error('not a number');
    return scoreNumberRow(t, X(actual), X(8), t.unit, m);
  };
  it('100.0001 of ≥50 is 200.0002% of it: printed "200.0002%", above the 200% that warns', () => expect(row('≥50个', '100.0001').warning).toContain('的200.0002%，远超目标'));
  it('exactly 200%: "200%"', () => expect(row('≥50个', '100').warning).toContain('的200%，远超目标'));
  it('199.998%: no warning', () => expect(row('≥50个', '99.999').warning).toBeUndefined());
});

describe('a weighted block: the rate beside a deduction is below 100%', () => {
  it('甲 99.99 of 100 (weight 1) and 乙 100 (weight 9) in a 1000-point block: 99.999%, not 100%, beside 扣0.01分', () => {
    const rubric = sheet({ indicators: [group('块', 1000, [judged('甲', 100, { weight: 1 }), judged('乙', 100, { weight: 9 })], { combine: 'weighted' })] });
    const r = scored(rubric, { assessments: { 甲: gave('99.99'), 乙: full(100) } });
    expect(r.indicators[0]!.deductions.map((d) => d.reason)).toStrictEqual(['甲99.99分（满分100分）×权重1 + 乙100分（满分100分）×权重9，加权得分率99.999%，×1000分=999.99分，扣0.01分']);
  });
});

// ——— properties: the printed figure read back is on the exact figure's side of every edge ———

/** The exact rate n ÷ d × 100, from the oracle. */
const rateOf = (n: bigint, d: bigint): Fraction => F(n).times(F(100)).div(F(d));
/** The figure printed after 控制率 in a reason, read back. */
const printed = (reason: string): Fraction => F(/控制率(-?[\d.]+)%/.exec(reason)![1]!);
const sameSides = (shown: Fraction, x: Fraction, edges: readonly number[]) => {
  for (const e of edges) expect(shown.cmp(e), `${shown.describe()} vs ${x.describe()} at ${e}`).toBe(x.cmp(e));
  expect(shown.minus(x).abs().lte(F('0.005'))).toBe(true);
};
/** 编制人数 with a factor 3 or 7 (the rate does not terminate), and 在职人数 near an edge. */
const nearEdge = (edges: readonly number[]) =>
  fc.tuple(fc.constantFrom(...edges), fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(3n, 7n, 21n, 1n), fc.integer({ min: -60, max: 60 }), fc.boolean(), fc.integer({ min: 0, max: 20_000 }))
    .map(([e, k, f, off, near, far]) => {
      const d = BigInt(k) * f;
      // Near: within a few units of the 7th decimal from the edge; else anywhere from 0 to 200%.
      const n = near ? (BigInt(e) * d * 100_000n + BigInt(off)) : BigInt(far) * d;
      return near ? { n, d: d * 10_000_000n } : { n, d: d * 100n };
    });

describe('properties over rates that do not terminate', () => {
  it('per_unit (standard 100, nothing below 80): the rate printed is on its side of 100 and of 80', () => {
    const rule = rated({ kind: 'per_unit', value: '控制率', standard: 100, direction: 'below', points: 1000, zeroBeyond: 80 }, 100);
    fc.assert(
      fc.property(nearEdge([100, 80]), ({ n, d }) => {
        const r = scoreOf(rule, staff(n, d));
        if (r.deductions.length === 0) return;
        sameSides(printed(r.deductions[0]!.reason), rateOf(n, d), [80, 100]);
      }),
      { numRuns: 300 },
    );
  });
  it('bands: the rate printed is inside the band that scored it, and on its side of every edge', () => {
    const edges = [60, 80, 90];
    const rule = rated({ kind: 'bands', value: '控制率', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '(60, 80)', score: 2 }, { when: '≤60', score: 0 }] });
    fc.assert(
      fc.property(nearEdge(edges), ({ n, d }) => {
        const x = rateOf(n, d);
        const r = scoreOf(rule, staff(n, d));
        // The oracle's band, by its own reading of the edges.
        const band = x.gte(90) ? '≥90%' : x.gte(80) ? '80%（含）-90%' : x.gt(60) ? '60%-80%' : '≤60%';
        expect(r.score).toBe(x.gte(90) ? '5' : x.gte(80) ? '4' : x.gt(60) ? '2' : '0');
        if (r.deductions.length === 0) return;
        const reason = r.deductions[0]!.reason;
        expect(reason).toContain(`属于“${band}”档`);
        sameSides(printed(reason), x, edges);
      }),
      { numRuns: 300 },
    );
  });
  it('target ≥95% (all or nothing): an unmet target\'s actual is printed below 95', () => {
    const rule = rated({ kind: 'target', value: '控制率', target: '≥95%' });
    fc.assert(
      fc.property(nearEdge([95]), ({ n, d }) => {
        const x = rateOf(n, d);
        const r = scoreOf(rule, staff(n, d));
        expect(r.deductions.length > 0).toBe(x.lt(95));
        if (r.deductions.length) sameSides(printed(r.deductions[0]!.reason), x, [95]);
      }),
      { numRuns: 300 },
    );
  });
});
