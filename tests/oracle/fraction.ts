/**
 * An exact rational number on BigInt, for checking jixiao's scores from outside: no decimal.js,
 * no binary floats, no precision limit. Always normalised: the denominator is positive and
 * shares no factor with the numerator, so equal values have equal fields.
 *
 *   Fraction.parse('105.03').minus(100).div(3).times('1.5')   // 503/200 = 2.515
 */
export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';
export type FractionLike = Fraction | bigint | number | string;

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const abs = (a: bigint) => (a < 0n ? -a : a);
const TEN = 10n;
const pow10 = (p: number) => TEN ** BigInt(p);
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class Fraction {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator; always > 0. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** n/d, normalised. Throws RangeError for a zero denominator. */
  static of(n: bigint | number, d: bigint | number = 1n): Fraction {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('division by zero');
    if (dd < 0n) [nn, dd] = [-nn, -dd];
    const g = gcd(nn, dd);
    return g === 1n ? new Fraction(nn, dd) : new Fraction(nn / g, dd / g);
  }

  /** Decimal text exactly as written: `"105.03"`, `"-0.5"`, `".5"`, `"12"`, `"1e-3"`. */
  static parse(text: string): Fraction {
    const m = DECIMAL.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new SyntaxError(`not a decimal: ${JSON.stringify(text)}`);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    let d = pow10(frac.length);
    const e = m[4] ? Number(m[4]) : 0;
    if (e > 0) n *= pow10(e);
    else if (e < 0) d *= pow10(-e);
    return Fraction.of(m[1] === '-' ? -n : n, d);
  }

  /** A Fraction, a bigint, a safe integer, or decimal text. Non-integer JS numbers are refused. */
  static from(x: FractionLike): Fraction {
    if (x instanceof Fraction) return x;
    if (typeof x === 'bigint') return Fraction.of(x);
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) throw new RangeError(`write ${x} as decimal text, not a binary float`);
      return Fraction.of(x);
    }
    return Fraction.parse(x);
  }

  static readonly ZERO = Fraction.of(0);
  static readonly ONE = Fraction.of(1);

  plus(o: FractionLike): Fraction {
    const b = Fraction.from(o);
    return Fraction.of(this.n * b.d + b.n * this.d, this.d * b.d);
  }
  minus(o: FractionLike): Fraction {
    const b = Fraction.from(o);
    return Fraction.of(this.n * b.d - b.n * this.d, this.d * b.d);
  }
  times(o: FractionLike): Fraction {
    const b = Fraction.from(o);
    return Fraction.of(this.n * b.n, this.d * b.d);
  }
  /** Exact quotient; throws RangeError when dividing by zero. */
  div(o: FractionLike): Fraction {
    const b = Fraction.from(o);
    if (b.n === 0n) throw new RangeError('division by zero');
    return Fraction.of(this.n * b.d, this.d * b.n);
  }
  neg(): Fraction {
    return new Fraction(-this.n, this.d);
  }
  abs(): Fraction {
    return this.n < 0n ? this.neg() : this;
  }

  /** −1, 0 or 1. */
  cmp(o: FractionLike): -1 | 0 | 1 {
    const b = Fraction.from(o);
    const l = this.n * b.d;
    const r = b.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: FractionLike): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: FractionLike): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: FractionLike): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: FractionLike): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: FractionLike): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isNegative(): boolean {
    return this.n < 0n;
  }
  isInteger(): boolean {
    return this.d === 1n;
  }

  static min(...xs: FractionLike[]): Fraction {
    return xs.map(Fraction.from).reduce((a, b) => (b.lt(a) ? b : a));
  }
  static max(...xs: FractionLike[]): Fraction {
    return xs.map(Fraction.from).reduce((a, b) => (b.gt(a) ? b : a));
  }
  /** `x` bounded to [lo, hi]. */
  clamp(lo: FractionLike, hi: FractionLike): Fraction {
    return Fraction.min(Fraction.max(this, lo), hi);
  }

  /** Largest integer ≤ this. */
  floor(): Fraction {
    const q = this.n / this.d; // BigInt division truncates toward zero
    return Fraction.of(this.n < 0n && q * this.d !== this.n ? q - 1n : q);
  }
  /** Smallest integer ≥ this. */
  ceil(): Fraction {
    const q = this.n / this.d;
    return Fraction.of(this.n > 0n && q * this.d !== this.n ? q + 1n : q);
  }

  /**
   * Round to `places` decimals: `half-up` (ties away from zero, 四舍五入), `half-even` (ties to the
   * even digit), `down` (toward zero, truncate), `up` (away from zero).
   */
  round(places: number, mode: Rounding = 'half-up'): Fraction {
    const scale = pow10(places);
    const num = abs(this.n) * scale;
    let q = num / this.d;
    const twice = (num % this.d) * 2n; // compared with d: below, at or above half a unit
    const inexact = twice !== 0n;
    switch (mode) {
      case 'down':
        break;
      case 'up':
        if (inexact) q += 1n;
        break;
      case 'half-up':
        if (twice >= this.d) q += 1n;
        break;
      case 'half-even':
        if (twice > this.d || (twice === this.d && q % 2n === 1n)) q += 1n;
        break;
    }
    return Fraction.of(this.n < 0n ? -q : q, scale);
  }

  /** True when this lies exactly halfway between two neighbours with `places` decimals (2.485 at 2). */
  isTie(places: number): boolean {
    const num = abs(this.n) * pow10(places);
    return (num % this.d) * 2n === this.d;
  }

  /** True when the value has at most `places` decimals (needs no rounding there). */
  fitsIn(places: number): boolean {
    return (abs(this.n) * pow10(places)) % this.d === 0n;
  }

  /** Decimal places of a terminating value (2.515 → 3), or undefined for 1/3. */
  decimalPlaces(): number | undefined {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) (d /= 2n), twos++;
    while (d % 5n === 0n) (d /= 5n), fives++;
    return d === 1n ? Math.max(twos, fives) : undefined;
  }

  /**
   * Plain decimal text without exponent or trailing zeros: "2.49", "5", "0.5", "-1.2".
   * Throws for a value that has no finite decimal expansion (round it first).
   */
  toString(): string {
    const places = this.decimalPlaces();
    if (places === undefined) throw new RangeError(`${this.n}/${this.d} has no finite decimal form; round it first`);
    const digits = ((abs(this.n) * pow10(places)) / this.d).toString().padStart(places + 1, '0');
    const int = digits.slice(0, digits.length - places);
    const frac = digits.slice(digits.length - places).replace(/0+$/, '');
    return `${this.n < 0n ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
  }

  /** For messages: the decimal form if there is one, else `n/d`. */
  describe(): string {
    return this.decimalPlaces() === undefined ? `${this.n}/${this.d}` : this.toString();
  }
}

/** Shorthand: `F('2.485')`. */
export const F = (x: FractionLike): Fraction => Fraction.from(x);
