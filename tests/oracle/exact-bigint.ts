import { Decimal, type RoundingName } from '../../src/decimal.js';

/**
 * The general exact type, BigInt only: src/exact.ts as it was before values that fit were held
 * in plain safe integers. tests/fast-path.test.ts loads jixiao a second time with this in place
 * of src/exact.ts and compares the two, result for result.
 *
 * The numbers an evaluation computes with: exact rationals (a BigInt numerator over a positive
 * BigInt denominator, always in lowest terms). Sums, differences, products and quotients are
 * exact, so a score is rounded once, where the rubric says, and an exact tie such as
 * 5 − 5.03 / 3 × 1.5 = 2.485 rounds as declared (2.49 half-up), never as an approximation of
 * the quotient happens to fall.
 *
 * Figures enter as decimals (from YAML or input text) and leave as decimal strings, rounded.
 * Immutable; every operation returns a new value.
 */
export class Exact {
  /** Numerator, with the sign. */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** n / d in lowest terms (d ≠ 0). */
  static ratio(n: bigint, d: bigint = 1n): Exact {
    if (d === 1n) return new Exact(n, 1n);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (n === 0n) return ZERO;
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Exact(n, d) : new Exact(n / g, d / g);
  }

  /** An integer. */
  static int(n: number | bigint): Exact {
    return new Exact(BigInt(n), 1n);
  }

  /**
   * A decimal's exact value. `Decimal` values in jixiao are read from text and carry at most
   * 40 significant digits, so they are exact decimals.
   */
  static fromDecimal(x: Decimal): Exact {
    return Exact.parse(x.toFixed());
  }

  /** A plain decimal text (`-12.345`, `7`, `.5`); throws on anything else (internal use). */
  static parse(text: string): Exact {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    if (m[1] === '-') n = -n;
    return frac.length === 0 ? new Exact(n, 1n) : Exact.ratio(n, pow10(frac.length));
  }

  /** As src/exact.ts: a decimal text the input reader has checked. */
  static plainDecimal(text: string): Exact {
    return Exact.parse(text);
  }

  /** Never: every value is BigInt here. */
  isSmall(): boolean {
    return false;
  }

  /** Any number jixiao holds: an Exact as it is, a Decimal exactly. */
  static from(x: Exact | Decimal): Exact {
    return x instanceof Exact ? x : Exact.fromDecimal(x);
  }

  static min(...xs: Exact[]): Exact {
    let m = xs[0]!;
    for (let i = 1; i < xs.length; i++) if (xs[i]!.lt(m)) m = xs[i]!;
    return m;
  }

  static max(...xs: Exact[]): Exact {
    let m = xs[0]!;
    for (let i = 1; i < xs.length; i++) if (xs[i]!.gt(m)) m = xs[i]!;
    return m;
  }

  plus(y: Exact): Exact {
    if (this.d === y.d) return Exact.ratio(this.n + y.n, this.d);
    return Exact.ratio(this.n * y.d + y.n * this.d, this.d * y.d);
  }

  minus(y: Exact): Exact {
    if (this.d === y.d) return Exact.ratio(this.n - y.n, this.d);
    return Exact.ratio(this.n * y.d - y.n * this.d, this.d * y.d);
  }

  times(y: Exact): Exact {
    return Exact.ratio(this.n * y.n, this.d * y.d);
  }

  /** Exact quotient; throws RangeError on division by zero (callers check first). */
  div(y: Exact): Exact {
    if (y.n === 0n) throw new RangeError('division by zero');
    return Exact.ratio(this.n * y.d, this.d * y.n);
  }

  neg(): Exact {
    return this.n === 0n ? this : new Exact(-this.n, this.d);
  }

  abs(): Exact {
    return this.n < 0n ? new Exact(-this.n, this.d) : this;
  }

  /** −1, 0 or 1 as this is below, equal to or above y. */
  cmp(y: Exact): number {
    const a = this.d === y.d ? this.n : this.n * y.d;
    const b = this.d === y.d ? y.n : y.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  lt(y: Exact): boolean { return this.cmp(y) < 0; }
  lte(y: Exact): boolean { return this.cmp(y) <= 0; }
  gt(y: Exact): boolean { return this.cmp(y) > 0; }
  gte(y: Exact): boolean { return this.cmp(y) >= 0; }
  eq(y: Exact): boolean { return this.n === y.n && this.d === y.d; }
  isZero(): boolean { return this.n === 0n; }
  isNegative(): boolean { return this.n < 0n; }
  isPositive(): boolean { return this.n > 0n; }
  isInteger(): boolean { return this.d === 1n; }

  /** Largest integer ≤ this. */
  floor(): Exact {
    if (this.d === 1n) return this;
    const q = this.n / this.d; // truncates toward zero
    return new Exact(this.n < 0n ? q - 1n : q, 1n);
  }

  /** Smallest integer ≥ this. */
  ceil(): Exact {
    if (this.d === 1n) return this;
    const q = this.n / this.d;
    return new Exact(this.n > 0n ? q + 1n : q, 1n);
  }

  /**
   * Round to `places` decimals (0 or more) with the named mode, exactly: a tie is a tie.
   * half-up and up round away from zero, down toward zero, half-even to the even neighbour.
   */
  round(places: number, mode: RoundingName = 'half-up'): Exact {
    const scale = pow10(places);
    // Already on the grid (d divides 10^places): nothing to round.
    if (this.d === 1n || scale % this.d === 0n) return this;
    const x = this.n * scale;
    let q = x / this.d;
    const r = x - q * this.d;
    if (r !== 0n) {
      const sign = x < 0n ? -1n : 1n;
      const twice = (r < 0n ? -r : r) * 2n;
      let away: boolean;
      switch (mode) {
        case 'down': away = false; break;
        case 'up': away = true; break;
        case 'half-up': away = twice >= this.d; break;
        case 'half-even': away = twice > this.d || (twice === this.d && q % 2n !== 0n); break;
      }
      if (away) q += sign;
    }
    return Exact.ratio(q, scale);
  }

  /**
   * Decimal places of the exact value: 0 for an integer, Infinity when the value has no finite
   * decimal form (1/3).
   */
  decimalPlaces(): number {
    const k = terminatingScale(this.d);
    return k === undefined ? Infinity : k;
  }

  /**
   * The exact value as a plain decimal string ("2.485", "-7", "0.5"). Values without a finite
   * decimal form are given to 40 decimal places, rounded half-up; callers that print scores
   * round first, so that never shows.
   */
  toPlain(): string {
    if (this.d === 1n) return this.n.toString();
    const k = terminatingScale(this.d);
    if (k === undefined) return this.round(40).toPlain();
    const digits = (this.n < 0n ? -this.n : this.n) * (pow10(k) / this.d);
    let s = digits.toString();
    if (k > 0) {
      s = s.padStart(k + 1, '0');
      s = `${s.slice(0, -k)}.${s.slice(-k)}`.replace(/\.?0+$/, '');
    }
    return this.n < 0n ? `-${s}` : s;
  }

  /** As a decimal.js value (exact when {@link decimalPlaces} is finite and digits fit). */
  toDecimal(): Decimal {
    return new Decimal(this.toPlain());
  }

  toString(): string {
    return this.toPlain();
  }

  toJSON(): string {
    return this.toPlain();
  }

  /** Bits of the larger of numerator and denominator: how much precision the value carries. */
  size(): number {
    const a = this.n < 0n ? -this.n : this.n;
    return Math.max(bitLength(a), bitLength(this.d));
  }
}

export const ZERO: Exact = Exact.int(0);
export const ONE: Exact = Exact.int(1);
export const HUNDRED: Exact = Exact.int(100);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const POW10: bigint[] = [1n];
function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[k]!;
}

/** terminatingScale of the denominators met so far: a sheet has few (2, 4, 5, 10, 100, …). */
const SCALES = new Map<bigint, number | undefined>();

/** The k with d | 10^k, when d has no prime factor but 2 and 5. */
function terminatingScale(d: bigint): number | undefined {
  if (d === 1n) return 0;
  if (d < 1_000_000_000_000n) {
    if (SCALES.has(d)) return SCALES.get(d);
    const k = scaleOf(d);
    if (SCALES.size < 4096) SCALES.set(d, k);
    return k;
  }
  return scaleOf(d);
}

function scaleOf(d: bigint): number | undefined {
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : undefined;
}

function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(16).length * 4;
}

/** Clamp to [lo, hi]. */
export function clampExact(x: Exact, lo: Exact, hi: Exact): Exact {
  return x.lt(lo) ? lo : x.gt(hi) ? hi : x;
}
