/**
 * A reason never contradicts its own deduction: a ratio, a rate or a difference printed in it
 * stays on its side of the line the verdict is about. An unmet row's 完成比例 is never "100%"
 * beside 扣0.01分; 超过标准 is never "0个百分点" beside a deduction; 应扣 above a cap is never the
 * cap. The printed figure is checked against the exact one from the Fraction oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../src/exact.js';
import { scoreNumberRow, scoreTimesActual, type RowMethods } from '../src/project/score.js';
import { readProjectTarget } from '../src/project/target.js';
import { showApart } from '../src/rules/common.js';
import { expectReason, leaf, scoreOf } from './helpers.js';
import { Fraction } from './oracle/fraction.js';

const X = (s: string | number) => Exact.parse(String(s));
const methods = (unmetRounding: RowMethods['unmetRounding'], inverse: RowMethods['inverse'] = 'inverse'): RowMethods => ({
  inverse, equals: 'all_or_nothing', levels: { achieved: X('0.8'), partly: X('0.6') }, unmetRounding, precision: 2, rounding: 'half-up',
});
const row = (target: string, actual: string, w: string | number, m: RowMethods) => {
  const t = readProjectTarget(target)!;
  if (t.kind !== 'number' && t.kind !== 'range') throw new Error('not quantitative');
  return scoreNumberRow(t, X(actual), X(w), t.unit, m);
};
/** The 完成比例 a reason prints, as an exact figure. */
const printedRatio = (reason: string) => {
  const m = /完成比例(-?[\d.]+)%/.exec(reason);
  return m ? Fraction.parse(m[1]!) : undefined;
};

describe('showApart: a figure on its own side of the line', () => {
  it('half-up to two decimals where that stays apart: 97.2604… → 97.26, 99.994 → 99.99', () => {
    expect(showApart(X(92.4).div(X(95)).times(X(100)), X(100))).toBe('97.26');
    expect(showApart(X('99.994'), X(100))).toBe('99.99');
  });
  it('more decimals where two would reach the line: 99.995 → 99.995, 99.9999 → 99.9999, 0.004 above 0 → 0.004', () => {
    expect(showApart(X('99.995'), X(100))).toBe('99.995');
    expect(showApart(X('99.9999'), X(100))).toBe('99.9999');
    expect(showApart(X('0.004'), X(0))).toBe('0.004');
    expect(showApart(X('3.001'), X(3))).toBe('3.001');
  });
  it('a value with no finite decimals, closer than 14 decimals: rounded away from the line', () => {
    const close = X(100).minus(X(1).div(X('300000000000000000000')));
    expect(showApart(close, X(100))).toBe('99.99999999999999');
  });
  it('on the line it prints the line', () => expect(showApart(X(100), X(100))).toBe('100'));
});

describe('project rows: an unmet row never prints 完成比例100%', () => {
  it('≥100%, 99.999 on 分值 10: 9.99, 完成比例99.999% (not 100%), 扣0.01分', () =>
    expect(row('≥100%', '99.999', 10, methods('below_full')).reason).toBe('完成值99.999%，指标值≥100%，完成比例99.999%，得9.99分，扣0.01分'));
  it('≤5%, 5.0004 on 分值 10: 完成比例 5/5.0004 = 99.992…% is 99.99% (two decimals stay below 100), 扣0.01分', () =>
    expect(row('≤5%', '5.0004', 10, methods('below_full')).reason).toBe('完成值5.0004%，指标值≤5%，完成比例99.99%，得9.99分，扣0.01分'));
  it('≥100%, 99.9951 on 分值 10: 完成比例 99.9951% would print 100 at two decimals, so three: 99.995%', () =>
    expect(row('≥100%', '99.9951', 10, methods('below_full')).reason).toBe('完成值99.9951%，指标值≥100%，完成比例99.995%，得9.99分，扣0.01分'));
  it('a strict target missed on its value (<5%, actual 5) says so instead of a ratio of 100%', () =>
    expect(row('<5%', '5', 10, methods('below_full')).reason).toBe('完成值5%，指标值<5%，恰为指标值，未达到<5%，得9.99分，扣0.01分'));
  it('as_rounded: the same row scores 10 with no deduction, so no reason', () => {
    const r = row('<5%', '5', 10, methods('as_rounded'));
    expect([r.score.toPlain(), r.reason, r.short]).toEqual(['10', undefined, true]);
  });

  const oracleRatio = (op: string, A: Fraction, B: Fraction, inverse: string) =>
    op === '≥' ? (B.gt(0) ? B.div(A) : Fraction.ZERO) : inverse === 'inverse' ? A.div(B) : Fraction.ONE.minus(B.minus(A).div(A));
  it('whenever a deduction is > 0, the printed ratio is below 100% and within half a cent of the exact one (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '≤'), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<RowMethods['unmetRounding']>('below_full', 'as_rounded'), fc.constantFrom<RowMethods['inverse']>('inverse', 'linear'),
        (op, a, off, wc, mode, inverse) => {
          const A = Fraction.of(a, 100);
          // Near the target: off ten-thousandths of a unit on the unmet side.
          const B = op === '≥' ? A.minus(Fraction.of(off, 10_000)) : A.plus(Fraction.of(off, 10_000));
          if (B.lt(0)) return;
          const w = Fraction.of(wc, 100);
          const r = row(`${op}${A.toString()}`, B.toString(), w.toString(), methods(mode, inverse));
          const lost = w.minus(Fraction.parse(r.score.toPlain()));
          if (!lost.gt(0)) {
            expect(r.reason).toBeUndefined();
            return;
          }
          const exact = oracleRatio(op, A, B, inverse);
          const shown = printedRatio(r.reason!);
          if (!exact.gt(0)) return;
          expect(shown, r.reason).toBeDefined();
          expect(shown!.lt(100), r.reason).toBe(true);
          expect(shown!.minus(exact.times(100)).abs().lte('0.005'), r.reason).toBe(true);
          expect(r.reason).toContain(`扣${lost.toString()}分`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('times_actual: 满意度 99.999% on 分值 1000 is 999.99, 按完成值99.999%计, never 100% (property: below 100 whenever points are lost)', () => {
    const t = readProjectTarget('≥90%')!;
    expect(scoreTimesActual(t, X('99.999'), X(1000), methods('below_full')).reason).toBe('完成值99.999%，指标值≥90%，按完成值99.999%计，得999.99分，扣0.01分');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (b, wc) => {
        const B = Fraction.of(b, 10_000), w = Fraction.of(wc, 100);
        const r = scoreTimesActual(t, X(B.toString()), X(w.toString()), methods('below_full'));
        if (!r.reason) {
          expect(w.times(B.lt(100) ? B : 100).div(100).round(2).eq(w)).toBe(true);
          return;
        }
        const m = /按完成值([\d.]+)%计/.exec(r.reason)!;
        expect(Fraction.parse(m[1]!).lt(100), r.reason).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rules: 完成比例, 超过标准 and 应扣 in a reason', () => {
  const percent = (name: string) => ({ [name]: { type: 'percent' as const } });
  it('target ≥95%, proportional: 94.99999 → 完成比例99.99999%, never 100%', () => {
    const 满意率 = leaf({ kind: 'target', value: '满意率', target: '≥95%', mode: 'proportional' }, { max: 10, inputs: percent('满意率') });
    const reason = expectReason(满意率, '94.99999', '扣0.01分');
    expect(reason).toContain('完成比例99.99999%');
  });
  it('per_unit: 100.00004% at 200 points a point loses 0.01 and says 超过标准0.00004个百分点, not 0', () => {
    const steep = leaf({ kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 200 }, { max: 5, inputs: percent('在职人员控制率') });
    expectReason(steep, '100.00004', '超过标准0.00004个百分点', '扣0.01分');
  });
  it('per_unit with a cap of 3: 应扣 6.001 × 0.5 = 3.0005 is printed 3.001 (3 at two decimals would be the cap)', () => {
    const capped = leaf({ kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5, maxDeduction: 3 }, { max: 5, inputs: percent('在职人员控制率') });
    expectReason(capped, '106.001', '应扣3.001分', '最多扣3分', '扣3分');
  });
  it('per_unit, 扣完为止: 应扣 5.0005 against 5 is printed 5.001', () => {
    const all = leaf({ kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 }, { max: 5, inputs: percent('在职人员控制率') });
    expectReason(all, '110.001', '应扣5.001分', '扣完为止', '扣5分');
  });
  it('formula at precision 6: 10 × 0.999996 = 9.99996 loses 0.00004 and says 计算得9.99996分, not 10', () => {
    const rate = leaf({ kind: 'formula', score: '10 * 执行率 / 100' }, { max: 10, precision: 6, inputs: percent('执行率') });
    expectReason(rate, '99.9996', '计算得9.99996分', '扣0.00004分');
  });
  it('formula, 扣完为止: −0.00001 is printed below 0', () => {
    const rate = leaf({ kind: 'formula', score: '(执行率 - 100) / 10000' }, { max: 1, inputs: percent('执行率') });
    expectReason(rate, '99.9', '计算得-0.00001分', '扣完为止', '扣1分');
  });
  it('per_unit: whenever points are lost, the printed excess is above 0 and within half a cent of the exact one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (d, p) => {
        const diff = Fraction.of(d, 10_000_000), points = Fraction.of(p, 100);
        const rule = leaf({ kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', points: points.toString() }, { max: 100, inputs: percent('控制率') });
        const r = scoreOf(rule, { 控制率: Fraction.of(100).plus(diff).toString() });
        if (r.deductions.length === 0) return;
        const m = /超过标准([\d.]+)个百分点/.exec(r.deductions[0]!.reason)!;
        const shown = Fraction.parse(m[1]!);
        expect(shown.gt(0), r.deductions[0]!.reason).toBe(true);
        expect(shown.minus(diff).abs().lte('0.005')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
