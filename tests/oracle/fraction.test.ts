/** The exact-fraction oracle's own arithmetic: if this is wrong, the differential test proves nothing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F, Fraction, type Rounding } from './fraction.js';

const r = (x: string, places: number, mode: Rounding) => F(x).round(places, mode).toString();

describe('Fraction: exact rationals on BigInt', () => {
  it('reads decimal text exactly and normalises', () => {
    expect(F('105.03')).toEqual(Fraction.of(10503, 100));
    expect(F('0.50')).toEqual(Fraction.of(1, 2));
    expect(F('-0')).toEqual(Fraction.ZERO);
    expect(F('.5').eq('0.5')).toBe(true);
    expect(F('+2.5').eq('2.5')).toBe(true);
    expect(F('1e-3').eq('0.001')).toBe(true);
    expect(F('12E2').eq(1200)).toBe(true);
    expect(Fraction.of(6, -4)).toEqual(Fraction.of(-3, 2));
    for (const bad of ['', '.', '1,5', '95%', 'abc', '1..2', '--1']) expect(() => F(bad)).toThrow(SyntaxError);
  });

  it('refuses binary floats and zero denominators', () => {
    expect(() => F(0.1)).toThrow(RangeError);
    expect(() => Fraction.of(1, 0)).toThrow(RangeError);
    expect(() => F(1).div(0)).toThrow(RangeError);
  });

  it('+ − × ÷ are exact: 0.1 + 0.2 = 0.3, 1/3 × 3 = 1, 5 − 105.03−100 over 3 × 1.5 = 2.485', () => {
    expect(F('0.1').plus('0.2').toString()).toBe('0.3');
    expect(F(1).div(3).times(3)).toEqual(Fraction.ONE);
    expect(F(5).minus(F('105.03').minus(100).div(3).times('1.5')).toString()).toBe('2.485');
    expect(F(3).times(F('22.35').div(90)).toString()).toBe('0.745');
    expect(F(10).minus(F('26.84').div(12).times('1.5')).toString()).toBe('6.645');
    expect(F('-1.5').neg().toString()).toBe('1.5');
    expect(F('-1.5').abs().toString()).toBe('1.5');
  });

  it('compares across denominators', () => {
    expect(F(1).div(3).cmp('0.3333')).toBe(1);
    expect(F(2).div(6).eq(F(1).div(3))).toBe(true);
    expect(F('-0.5').lt(0)).toBe(true);
    expect(Fraction.min('2', '-1', '0.5').toString()).toBe('-1');
    expect(Fraction.max('2', '-1', '0.5').toString()).toBe('2');
    expect(F('7').clamp(0, 5).toString()).toBe('5');
    expect(F('-7').clamp(0, 5).toString()).toBe('0');
  });

  it('floor and ceil, on both sides of zero', () => {
    expect(F('2.5').floor().toString()).toBe('2');
    expect(F('2.5').ceil().toString()).toBe('3');
    expect(F('-2.5').floor().toString()).toBe('-3');
    expect(F('-2.5').ceil().toString()).toBe('-2');
    expect(F('3').floor().toString()).toBe('3');
    expect(F('-3').ceil().toString()).toBe('-3');
    expect(F(1).div(3).times(3).floor().toString()).toBe('1');
  });

  it('rounds an exact tie as the mode says: 2.485 → 2.49 half-up, 2.48 half-even, 2.48 down, 2.49 up', () => {
    expect(r('2.485', 2, 'half-up')).toBe('2.49');
    expect(r('2.485', 2, 'half-even')).toBe('2.48');
    expect(r('2.475', 2, 'half-even')).toBe('2.48');
    expect(r('2.485', 2, 'down')).toBe('2.48');
    expect(r('2.485', 2, 'up')).toBe('2.49');
  });

  it('ties of negative values: half-up is away from zero, down toward zero, up away from zero', () => {
    expect(r('-2.485', 2, 'half-up')).toBe('-2.49');
    expect(r('-2.485', 2, 'half-even')).toBe('-2.48');
    expect(r('-2.475', 2, 'half-even')).toBe('-2.48');
    expect(r('-2.481', 2, 'down')).toBe('-2.48');
    expect(r('-2.481', 2, 'up')).toBe('-2.49');
    expect(r('-0.004', 2, 'half-up')).toBe('0');
  });

  it('off a tie, nearest wins in both half modes; exact values never move', () => {
    expect(r('2.4851', 2, 'half-even')).toBe('2.49');
    expect(r('2.4849', 2, 'half-up')).toBe('2.48');
    expect(F(149).div(60).round(2, 'half-up').toString()).toBe('2.48'); // 2.48333…
    expect(F(1).div(3).round(2, 'up').toString()).toBe('0.34');
    for (const mode of ['half-up', 'half-even', 'down', 'up'] as const) expect(r('4', 2, mode)).toBe('4');
    expect(r('2.5', 0, 'half-even')).toBe('2');
    expect(r('3.5', 0, 'half-even')).toBe('4');
    expect(r('0.5', 0, 'half-up')).toBe('1');
  });

  it('knows a tie: 2.485 at 2 places, not at 3; 1/8 = 0.125 at 2', () => {
    expect(F('2.485').isTie(2)).toBe(true);
    expect(F('2.485').isTie(3)).toBe(false);
    expect(F(1).div(8).isTie(2)).toBe(true);
    expect(F(1).div(3).isTie(2)).toBe(false);
    expect(F('2.5').isTie(0)).toBe(true);
  });

  it('prints plain decimals without trailing zeros; refuses 1/3', () => {
    expect(F('2.490').toString()).toBe('2.49');
    expect(F('5.00').toString()).toBe('5');
    expect(F('0.5').toString()).toBe('0.5');
    expect(F('-1.20').toString()).toBe('-1.2');
    expect(F('0.0001').toString()).toBe('0.0001');
    expect(F('-0.05').toString()).toBe('-0.05');
    expect(F('1e20').toString()).toBe('100000000000000000000');
    expect(() => F(1).div(3).toString()).toThrow(RangeError);
    expect(F(1).div(3).describe()).toBe('1/3');
    expect(F(1).div(3).decimalPlaces()).toBeUndefined();
    expect(F('2.515').decimalPlaces()).toBe(3);
  });

  it('agrees with BigInt arithmetic on scaled integers (property)', () => {
    const dec = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }));
    const text = ([n, k]: [bigint, number]) => {
      const s = (n < 0n ? -n : n).toString().padStart(k + 1, '0');
      return `${n < 0n ? '-' : ''}${s.slice(0, s.length - k)}${k ? '.' + s.slice(s.length - k) : ''}`;
    };
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const x = F(text(a));
        const y = F(text(b));
        expect(F(x.toString()).eq(x)).toBe(true);
        expect(x.plus(y).minus(y).eq(x)).toBe(true);
        if (!y.isZero()) expect(x.div(y).times(y).eq(x)).toBe(true);
        for (const mode of ['half-up', 'half-even', 'down', 'up'] as const) {
          const q = x.round(2, mode);
          expect(q.fitsIn(2)).toBe(true);
          expect(q.minus(x).abs().lte('0.01')).toBe(true);
          if (mode === 'down') expect(q.abs().lte(x.abs())).toBe(true);
          if (mode === 'up') expect(q.abs().gte(x.abs())).toBe(true);
          if (mode.startsWith('half')) expect(q.minus(x).abs().lte('0.005')).toBe(true);
        }
        expect(x.floor().lte(x) && x.floor().plus(1).gt(x) && x.floor().isInteger()).toBe(true);
        expect(x.ceil().gte(x) && x.ceil().minus(1).lt(x) && x.ceil().isInteger()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
