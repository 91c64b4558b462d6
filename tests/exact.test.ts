/**
 * Exact holds a value in plain safe integers while it fits and in BigInt beyond. Every operation
 * is checked here against the BigInt-only Fraction oracle, on values drawn around the edges of
 * that choice: tiny, ordinary sheet figures, and numerators and denominators near 2^53.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Exact } from '../src/exact.js';
import { Fraction } from './oracle/fraction.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MODES = ['half-up', 'half-even', 'down', 'up'] as const;

/** Integers that matter: small ones, sheet-sized ones, and ones at and across 2^53. */
const integer = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
  fc.bigInt({ min: SAFE - 1000n, max: SAFE + 1000n }),
  fc.bigInt({ min: -SAFE - 1000n, max: -SAFE + 1000n }),
  fc.bigInt({ min: 2n ** 26n - 100n, max: 2n ** 27n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const denominator = fc.oneof(
  fc.constantFrom(1n, 2n, 3n, 4n, 5n, 8n, 10n, 100n, 1000n, 10n ** 15n, 10n ** 16n, 3n * 10n ** 14n),
  fc.bigInt({ min: 1n, max: 10n ** 6n }),
  fc.bigInt({ min: SAFE - 1000n, max: SAFE + 1000n }),
  fc.bigInt({ min: 2n ** 26n - 100n, max: 2n ** 27n }),
);
const pair = fc.tuple(integer, denominator);

const both = ([n, d]: [bigint, bigint]) => [Exact.ratio(n, d), Fraction.of(n, d)] as const;
const same = (x: Exact, f: Fraction) => {
  expect([x.n, x.d]).toEqual([f.n, f.d]);
  // Canonical: small exactly when both parts are safe integers.
  expect(x.isSmall()).toBe(-SAFE <= f.n && f.n <= SAFE && f.d <= SAFE);
};

describe('Exact against the BigInt oracle', () => {
  it('builds every value in lowest terms, small exactly when it fits', () => {
    fc.assert(fc.property(pair, (p) => { const [x, f] = both(p); same(x, f); }), { numRuns: 2000 });
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    fc.assert(fc.property(pair, pair, (p, q) => {
      const [x, f] = both(p);
      const [y, g] = both(q);
      same(x.plus(y), f.plus(g));
      same(x.minus(y), f.minus(g));
      same(x.times(y), f.times(g));
      if (!g.isZero()) same(x.div(y), f.div(g));
      else expect(() => x.div(y)).toThrow(RangeError);
      expect(x.cmp(y)).toBe(f.cmp(g));
      expect(x.eq(y)).toBe(f.eq(g));
    }), { numRuns: 3000 });
  });

  it('negates, takes floor and ceiling, and answers sign questions', () => {
    fc.assert(fc.property(pair, (p) => {
      const [x, f] = both(p);
      same(x.neg(), f.neg());
      same(x.abs(), f.abs());
      same(x.floor(), f.floor());
      same(x.ceil(), f.ceil());
      expect([x.isZero(), x.isNegative(), x.isInteger(), x.isPositive()])
        .toEqual([f.isZero(), f.isNegative(), f.isInteger(), !f.isZero() && !f.isNegative()]);
    }), { numRuns: 2000 });
  });

  it('rounds in every mode, ties included, to any number of places', () => {
    fc.assert(fc.property(pair, fc.integer({ min: 0, max: 20 }), fc.constantFrom(...MODES), (p, places, mode) => {
      const [x, f] = both(p);
      same(x.round(places, mode), f.round(places, mode));
    }), { numRuns: 3000 });
  });

  it('rounds exact ties at x.xx5 away from zero (half-up) and to even (half-even)', () => {
    fc.assert(fc.property(fc.integer({ min: -(10 ** 6), max: 10 ** 6 }), (k) => {
      const tie = Exact.ratio(BigInt(k) * 10n + 5n, 1000n); // k/100 + 0.005
      const f = Fraction.of(BigInt(k) * 10n + 5n, 1000n);
      same(tie.round(2, 'half-up'), f.round(2, 'half-up'));
      same(tie.round(2, 'half-even'), f.round(2, 'half-even'));
    }), { numRuns: 1000 });
  });

  it('prints and parses decimals exactly, on both sides of 15 digits', () => {
    const text = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,22}$/), fc.stringMatching(/^\d{0,22}$/))
      .map(([neg, i, frac]) => `${neg ? '-' : ''}${i}${frac ? `.${frac}` : ''}`);
    fc.assert(fc.property(text, (t) => {
      const x = Exact.parse(t);
      const f = Fraction.parse(t);
      same(x, f);
      expect(x.toPlain()).toBe(f.toString());
      expect(x.decimalPlaces()).toBe(f.decimalPlaces());
    }), { numRuns: 3000 });
    fc.assert(fc.property(pair, (p) => {
      const [x, f] = both(p);
      const r = f.round(40, 'half-up');
      expect(x.toPlain()).toBe(f.decimalPlaces() === undefined ? r.toString() : f.toString());
    }), { numRuns: 2000 });
  });

  it('keeps integers as integers and −0 out', () => {
    expect(Exact.int(0).eq(Exact.parse('-0'))).toBe(true);
    expect(Exact.parse('-0.000').toPlain()).toBe('0');
    expect(Exact.int(5).minus(Exact.int(5)).isNegative()).toBe(false);
    expect(Exact.int(Number.MAX_SAFE_INTEGER).plus(Exact.int(1)).toPlain()).toBe('9007199254740992');
    expect(Exact.int(2 ** 40).times(Exact.int(2 ** 40)).toPlain()).toBe((2n ** 80n).toString());
  });
});

describe('Exact.plainDecimal (the input reader\'s figures)', () => {
  it('reads every plain decimal as Exact.parse does', () => {
    const text = fc.tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,17})$/), fc.stringMatching(/^\d{0,24}$/))
      .map(([neg, i, frac]) => `${neg ? '-' : ''}${i}${frac ? `.${frac}` : ''}`);
    fc.assert(fc.property(text, (t) => {
      const x = Exact.plainDecimal(t);
      expect([x.n, x.d, x.isSmall()]).toEqual([Exact.parse(t).n, Exact.parse(t).d, Exact.parse(t).isSmall()]);
    }), { numRuns: 3000 });
  });
});
