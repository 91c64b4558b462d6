/**
 * Exact holds a short decimal as scaled integers (digits × 10^−scale, up to 15 places), any other
 * value as a fraction in lowest terms (plain safe integers, else BigInt). Every operation is
 * checked against a BigInt fraction written here, on values built from decimal text with 0–12
 * decimals (trailing zeros kept, so equal values arrive with different scales), at and across
 * ±2^53 at every scale, huge, and without a finite decimal form — and on every mix of the three.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Exact, ONE } from '../src/exact.js';

// ——— the oracle: n / d in lowest terms, d > 0, on BigInt only ———
type Q = { n: bigint; d: bigint };
const MODES = ['half-up', 'half-even', 'down', 'up'] as const;
type Mode = (typeof MODES)[number];
const SAFE = 2n ** 53n - 1n;
const abs = (a: bigint) => (a < 0n ? -a : a);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d: bigint = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g === 0n ? { n: 0n, d: 1n } : { n: n / g, d: d / g };
};
const add = (x: Q, y: Q) => q(x.n * y.d + y.n * x.d, x.d * y.d);
const sub = (x: Q, y: Q) => q(x.n * y.d - y.n * x.d, x.d * y.d);
const mul = (x: Q, y: Q) => q(x.n * y.n, x.d * y.d);
const quo = (x: Q, y: Q) => q(x.n * y.d, x.d * y.n);
const cmpQ = (x: Q, y: Q) => Math.sign(Number(x.n * y.d - y.n * x.d));
/** Rounded to `p` places: the quotient truncated, then moved away from zero as the mode says. */
const roundQ = (x: Q, p: number, mode: Mode): Q => {
  const s = 10n ** BigInt(p);
  const t = x.n * s;
  let r = t / x.d; // toward zero
  const rest = abs(t - r * x.d);
  if (rest !== 0n) {
    const twice = rest * 2n;
    const away = mode === 'up' || (mode === 'half-up' && twice >= x.d) || (mode === 'half-even' && (twice > x.d || (twice === x.d && r % 2n !== 0n)));
    if (away) r += t < 0n ? -1n : 1n;
  }
  return q(r, s);
};
const floorQ = (x: Q) => q(x.n >= 0n || x.n % x.d === 0n ? x.n / x.d : x.n / x.d - 1n);
const ceilQ = (x: Q) => q(x.n <= 0n || x.n % x.d === 0n ? x.n / x.d : x.n / x.d + 1n);
/** The places of the decimal form, when there is one: d = 2^a·5^b. */
const placesQ = (x: Q): number | undefined => {
  let d = x.d, twos = 0, fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  return d === 1n ? Math.max(twos, fives) : undefined;
};
/** Decimal text; a value without a finite decimal form to 40 places, half-up. */
const plainQ = (x: Q): string => {
  const k = placesQ(x);
  if (k === undefined) return plainQ(roundQ(x, 40, 'half-up'));
  const digits = (abs(x.n) * 10n ** BigInt(k)) / x.d;
  const s = digits.toString().padStart(k + 1, '0');
  return `${x.n < 0n ? '-' : ''}${k === 0 ? s : `${s.slice(0, -k)}.${s.slice(-k)}`}`;
};
/** The representation the value must have: scaled when it is a decimal of ≤ 15 places with safe digits. */
const kindQ = (x: Q): string => {
  const k = placesQ(x);
  if (k !== undefined && k <= 15 && (abs(x.n) * 10n ** BigInt(k)) / x.d <= SAFE) return 'scaled';
  return abs(x.n) <= SAFE && x.d <= SAFE ? 'small' : 'big';
};
const kind = (x: Exact) => (x.sc >= 0 ? 'scaled' : x.isSmall() ? 'small' : 'big');

/** The Exact agrees with the oracle in value, representation, text and places. */
const same = (x: Exact, f: Q) => {
  expect([x.n, x.d]).toEqual([f.n, f.d]);
  expect(kind(x)).toBe(kindQ(f));
  expect(x.toPlain()).toBe(plainQ(f));
  expect(x.decimalPlaces()).toBe(placesQ(f) ?? Infinity);
};

// ——— values: decimal text, near 2^53, huge, non-terminating ———
/** Digits and a scale as decimal text: "-12.3400", "0.000000000005", "9007199254740.991". */
const text = (digits: bigint, scale: number): string => {
  const s = abs(digits).toString().padStart(scale + 1, '0');
  return `${digits < 0n ? '-' : ''}${scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`}`;
};
const fromText = ([digits, scale]: [bigint, number]): [Exact, Q] => [Exact.parse(text(digits, scale)), q(digits, 10n ** BigInt(scale))];
const decimalText = fc.tuple(
  fc.oneof(fc.bigInt({ min: -999n, max: 999n }), fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })),
  fc.integer({ min: 0, max: 12 }),
).chain(([digits, scale]) => fc.constantFrom<[bigint, number]>([digits, scale], [digits * 100n, scale + 2])); // trailing zeros kept
const nearSafe = fc.tuple(fc.bigInt({ min: SAFE - 300n, max: SAFE + 300n }), fc.boolean(), fc.integer({ min: 0, max: 16 }))
  .map(([m, neg, scale]): [bigint, number] => [neg ? -m : m, scale]);
const huge = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }));
const value: fc.Arbitrary<[Exact, Q]> = fc.oneof(
  { weight: 4, arbitrary: decimalText.map(fromText) },
  { weight: 2, arbitrary: nearSafe.map(fromText) },
  { weight: 1, arbitrary: huge.map(fromText) },
  // Fractions: thirds, sevenths, a denominator near 2^53, and ones that are decimals after all.
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.oneof(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.bigInt({ min: SAFE - 100n, max: SAFE + 100n }), fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n })),
      fc.oneof(fc.constantFrom(3n, 7n, 12n, 600n, 4n, 8n, 2n ** 60n, 3n * 10n ** 14n), fc.bigInt({ min: 1n, max: 10n ** 5n }), fc.bigInt({ min: SAFE - 100n, max: SAFE + 100n })),
    ).map(([n, d]): [Exact, Q] => [Exact.ratio(n, d), q(n, d)]),
  },
);

describe('Exact in scaled integers and in fractions, against a BigInt fraction', () => {
  it('reads decimal text of 0–12 places, near 2^53 at every scale and huge, in the one representation its value calls for', () => {
    fc.assert(fc.property(value, ([x, f]) => same(x, f)), { numRuns: 600 });
  });

  it('adds, subtracts, multiplies and divides exactly, and orders, across representations', () => {
    fc.assert(fc.property(value, value, ([x, f], [y, g]) => {
      same(x.plus(y), add(f, g));
      same(x.minus(y), sub(f, g));
      same(x.times(y), mul(f, g));
      if (g.n !== 0n) same(x.div(y), quo(f, g));
      else expect(() => x.div(y)).toThrow(RangeError);
      const c = cmpQ(f, g);
      expect([x.cmp(y), x.eq(y), x.lt(y), x.lte(y), x.gt(y), x.gte(y)]).toEqual([c, c === 0, c < 0, c <= 0, c > 0, c >= 0]);
    }), { numRuns: 500 });
  });

  it('adds nearly opposite figures at different scales whose aligned digits pass 2^53', () => {
    const pair = fc.tuple(
      fc.bigInt({ min: SAFE / 1000n, max: SAFE }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 1, max: 3 }),
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.boolean(),
    );
    fc.assert(fc.property(pair, ([digits, scale, more, delta, neg]) => {
      const a = neg ? -digits : digits;
      const b = -(a * 10n ** BigInt(more) + delta); // a + b = −delta × 10^−(scale + more)
      const [x, f] = fromText([a, scale]);
      const [y, g] = fromText([b, scale + more]);
      same(x.plus(y), add(f, g));
      same(y.plus(x), add(g, f));
      same(x.minus(y.neg()), sub(f, q(-g.n, g.d)));
      expect(x.cmp(y.neg())).toBe(cmpQ(f, q(-g.n, g.d)));
    }), { numRuns: 300 });
  });

  it('divides figures whose digits divide, at any two scales (the quotient shifted up to 15 places, past 2^53 or not)', () => {
    const pair = fc.tuple(
      fc.oneof(fc.bigInt({ min: -(10n ** 4n), max: 10n ** 4n }), fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n })),
      fc.oneof(fc.bigInt({ min: -(10n ** 4n), max: 10n ** 4n }), fc.bigInt({ min: SAFE / 10n ** 6n, max: SAFE / 10n ** 4n })),
      fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: 0, max: 15 }),
    );
    fc.assert(fc.property(pair, ([c, m, k, l]) => {
      const [x, f] = fromText([c * m, k]);
      const [y, g] = fromText([c === 0n ? 1n : c, l]);
      same(x.div(y), quo(f, g));
    }), { numRuns: 400 });
  });

  it('negates, takes absolute values, floors and ceilings, and answers sign questions', () => {
    fc.assert(fc.property(value, ([x, f]) => {
      same(x.neg(), q(-f.n, f.d));
      same(x.abs(), q(abs(f.n), f.d));
      same(x.floor(), floorQ(f));
      same(x.ceil(), ceilQ(f));
      expect([x.isZero(), x.isNegative(), x.isPositive(), x.isInteger()]).toEqual([f.n === 0n, f.n < 0n, f.n > 0n, f.d === 1n]);
    }), { numRuns: 400 });
  });

  it('rounds in every mode to 0–6 places', () => {
    fc.assert(fc.property(value, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...MODES), ([x, f], places, mode) => {
      same(x.round(places, mode), roundQ(f, places, mode));
    }), { numRuns: 600 });
  });

  it('rounds exact ties (x.xx5, with trailing zeros or not, up to 2^53) as the mode says', () => {
    const tie = fc.tuple(
      fc.oneof(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.bigInt({ min: -(SAFE / 10n), max: SAFE / 10n })),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(fc.property(tie, fc.constantFrom(...MODES), ([k, places, zeros], mode) => {
      // k·10^−places + 5·10^−(places+1), written with `zeros` trailing zeros.
      const digits = (k * 10n + (k < 0n ? -5n : 5n)) * 10n ** BigInt(zeros);
      const [x, f] = fromText([digits, places + 1 + zeros]);
      same(x.round(places, mode), roundQ(f, places, mode));
    }), { numRuns: 400 });
  });

  it('agrees with the fractions computed through other representations (a scaled value against its fraction and BigInt forms)', () => {
    fc.assert(fc.property(decimalText, ([digits, scale]) => {
      const scaledX = Exact.parse(text(digits, scale));
      const viaFraction = Exact.ratio(digits * 3n, 3n * 10n ** BigInt(scale)); // built as a fraction, reduced to the decimal
      const viaBig = Exact.ratio(digits * 10n ** 20n, 10n ** BigInt(scale + 20));
      expect(kind(scaledX)).toBe('scaled');
      for (const y of [viaFraction, viaBig]) {
        expect(y.eq(scaledX)).toBe(true);
        expect(y.cmp(scaledX)).toBe(0);
        expect(y.toPlain()).toBe(scaledX.toPlain());
        expect(kind(y)).toBe('scaled');
      }
    }), { numRuns: 300 });
  });
});

describe('Exact at hand-computed edges', () => {
  const x = (t: string) => Exact.parse(t);

  it('adds tenths exactly: 0.1 + 0.2 = 0.3', () => {
    expect(x('0.1').plus(x('0.2')).eq(x('0.3'))).toBe(true);
    expect(x('0.1').plus(x('0.2')).toPlain()).toBe('0.3');
  });

  it('rounds 5 − 5.03 / 3 × 1.5 = 2.485 to 2.49 half-up and 2.48 half-even', () => {
    const v = x('5').minus(x('5.03').div(x('3')).times(x('1.5')));
    expect(v.toPlain()).toBe('2.485');
    expect(v.round(2, 'half-up').toPlain()).toBe('2.49');
    expect(v.round(2, 'half-even').toPlain()).toBe('2.48');
    expect(x('2.485').round(2, 'half-up').toPlain()).toBe('2.49');
    expect(x('-2.485').round(2, 'half-up').toPlain()).toBe('-2.49');
    expect(x('2.4850').round(2, 'down').toPlain()).toBe('2.48');
    expect(x('2.481').round(2, 'up').toPlain()).toBe('2.49');
  });

  it('takes a third of a figure and three times it back: 1 / 3 × 3 = 1', () => {
    const third = ONE.div(x('3'));
    expect(kind(third)).toBe('small');
    expect(third.toPlain()).toBe('0.' + '3'.repeat(40));
    const back = third.times(x('3'));
    expect(back.eq(ONE)).toBe(true);
    expect(kind(back)).toBe('scaled');
    expect(back.toPlain()).toBe('1');
  });

  it('keeps a quotient that terminates a decimal: 1 / 4 = 0.25, 103.4 / 1.25 = 82.72', () => {
    expect(kind(ONE.div(x('4')))).toBe('scaled');
    expect(ONE.div(x('4')).toPlain()).toBe('0.25');
    expect(x('103.4').div(x('1.25')).toPlain()).toBe('82.72');
    expect(x('1.5').div(x('0.05')).toPlain()).toBe('30');
  });

  it('compares equal values held at different scales as equal: 2.50 = 2.5', () => {
    expect(x('2.50').eq(x('2.5'))).toBe(true);
    expect(x('2.50').cmp(x('2.5'))).toBe(0);
    expect(x('2.50').toPlain()).toBe('2.5');
    expect(x('100.00').isInteger()).toBe(true);
    expect(x('-0.000').toPlain()).toBe('0');
  });

  it('goes past 2^53 − 1 exactly, at every scale', () => {
    expect(x('9007199254740991').plus(x('1')).toPlain()).toBe('9007199254740992');
    expect(x('900719925474099.1').plus(x('0.1')).toPlain()).toBe('900719925474099.2');
    expect(x('900719925474099.1').plus(x('0.01')).toPlain()).toBe('900719925474099.11');
    expect(x('-90071992547.40991').minus(x('0.00001')).toPlain()).toBe('-90071992547.40992');
    expect(x('9007199254740991').times(x('1.5')).toPlain()).toBe('13510798882111486.5');
    expect(x('0.000000000000001').times(x('0.1')).toPlain()).toBe('0.0000000000000001');
    expect(x('9007199254740991').cmp(x('9007199254740.9915'))).toBe(1);
    expect(x('0.000000000000001').cmp(x('9007199254740991'))).toBe(-1);
  });
});
