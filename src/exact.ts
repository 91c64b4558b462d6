import { Decimal, type RoundingName } from './decimal.js';

/**
 * The numbers an evaluation computes with: exact rationals (a BigInt numerator over a positive
 * BigInt denominator, always in lowest terms). Sums, differences, products and quotients are
 * exact, so a score is rounded once, where the rubric says, and an exact tie such as
 * 5 − 5.03 / 3 × 1.5 = 2.485 rounds as declared (2.49 half-up), never as an approximation of
 * the quotient happens to fall.
 *
 * Figures enter as decimals (from YAML or input text) and leave as decimal strings, rounded.
 * Immutable; every operation returns a new value.
 */
/** The one way to build an Exact, set by the class (its constructor is private). */
let make: (sn: number, sd: number, bn?: bigint, bd?: bigint) => Exact;

export class Exact {
  // Two representations of the same value, chosen by size: while numerator and denominator are
  // safe integers (|x| ≤ 2^53 − 1), they are plain numbers (sn, sd) and `bn`/`bd` are undefined;
  // beyond that they are BigInts (bn, bd). The choice is canonical — a value is small whenever
  // it fits — so equal values have equal fields. Integer arithmetic on safe integers is exact in
  // IEEE doubles as long as every result is checked to be a safe integer again, and a result
  // that is not falls back to BigInt.
  /** @internal */ readonly sn: number;
  /** @internal */ readonly sd: number;
  /** @internal */ readonly bn: bigint | undefined;
  /** @internal */ readonly bd: bigint | undefined;

  private constructor(sn: number, sd: number, bn: bigint | undefined, bd: bigint | undefined) {
    this.sn = sn;
    this.sd = sd;
    this.bn = bn;
    this.bd = bd;
  }

  static {
    make = (sn, sd, bn, bd) => new Exact(sn, sd, bn, bd);
  }

  /** Numerator, with the sign. */
  get n(): bigint {
    return this.bn ?? BigInt(this.sn);
  }

  /** Denominator, always > 0. */
  get d(): bigint {
    return this.bd ?? BigInt(this.sd);
  }

  /** n / d in lowest terms (d ≠ 0). */
  static ratio(n: bigint, d: bigint = 1n): Exact {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (n === 0n) return ZERO;
    if (d === 1n) return big(n, 1n);
    const g = gcdBig(n < 0n ? -n : n, d);
    return g === 1n ? big(n, d) : big(n / g, d / g);
  }

  /** An integer. */
  static int(n: number | bigint): Exact {
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n === 0 ? ZERO : make(n, 1);
    return big(BigInt(n), 1n);
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
    const digits = (m[2] || '0') + frac;
    if (digits.length <= 15) {
      // Up to 15 digits: exactly a safe integer, over a power of ten that is one too.
      const v = Number(digits);
      return small(m[1] === '-' ? -v : v, POW10N[frac.length]!);
    }
    let n = BigInt(digits);
    if (m[1] === '-') n = -n;
    return Exact.ratio(n, pow10(frac.length));
  }

  /**
   * @internal A decimal text already known to be `-?\d+(\.\d+)?` (the input reader checks it):
   * read without a second look.
   */
  static plainDecimal(text: string): Exact {
    const neg = text.charCodeAt(0) === 45;
    const dot = text.indexOf('.');
    if (text.length - (neg ? 1 : 0) - (dot >= 0 ? 1 : 0) > 15) return Exact.parse(text);
    if (dot < 0) return Exact.int(Number(text));
    const v = Number(text.slice(neg ? 1 : 0, dot) + text.slice(dot + 1));
    return small(neg ? -v : v, POW10N[text.length - dot - 1]!);
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

  /** @internal True when numerator and denominator are plain safe integers. */
  isSmall(): boolean {
    return this.bn === undefined;
  }

  plus(y: Exact): Exact {
    if (this.bn === undefined && y.bn === undefined) {
      const r = addSmall(this.sn, this.sd, y.sn, y.sd);
      if (r !== undefined) return r;
    }
    const d1 = this.d, d2 = y.d;
    if (d1 === d2) return Exact.ratio(this.n + y.n, d1);
    return Exact.ratio(this.n * d2 + y.n * d1, d1 * d2);
  }

  minus(y: Exact): Exact {
    if (this.bn === undefined && y.bn === undefined) {
      const r = addSmall(this.sn, this.sd, -y.sn, y.sd);
      if (r !== undefined) return r;
    }
    const d1 = this.d, d2 = y.d;
    if (d1 === d2) return Exact.ratio(this.n - y.n, d1);
    return Exact.ratio(this.n * d2 - y.n * d1, d1 * d2);
  }

  times(y: Exact): Exact {
    if (this.bn === undefined && y.bn === undefined) {
      const a = this.sn, b = this.sd, c = y.sn, e = y.sd;
      if (a === 0 || c === 0) return ZERO;
      // Cross-reduce first: (a/g1 · c/g2) / (b/g2 · e/g1) is then in lowest terms.
      const g1 = gcdNum(a < 0 ? -a : a, e), g2 = gcdNum(c < 0 ? -c : c, b);
      const n = (a / g1) * (c / g2), d = (b / g2) * (e / g1);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return make(n, d);
    }
    return Exact.ratio(this.n * y.n, this.d * y.d);
  }

  /** Exact quotient; throws RangeError on division by zero (callers check first). */
  div(y: Exact): Exact {
    if (y.isZero()) throw new RangeError('division by zero');
    if (this.bn === undefined && y.bn === undefined) {
      const a = this.sn, b = this.sd;
      let c = y.sd, e = y.sn; // this × (y.sd / y.sn)
      if (e < 0) {
        e = -e;
        c = -c;
      }
      if (a === 0) return ZERO;
      const g1 = gcdNum(a < 0 ? -a : a, e), g2 = gcdNum(c < 0 ? -c : c, b);
      const n = (a / g1) * (c / g2), d = (b / g2) * (e / g1);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return make(n, d);
    }
    return Exact.ratio(this.n * y.d, this.d * y.n);
  }

  neg(): Exact {
    if (this.bn === undefined) return this.sn === 0 ? this : make(-this.sn, this.sd);
    return make(0, 0, -this.bn, this.bd);
  }

  abs(): Exact {
    return this.isNegative() ? this.neg() : this;
  }

  /** −1, 0 or 1 as this is below, equal to or above y. */
  cmp(y: Exact): number {
    if (this.bn === undefined && y.bn === undefined) {
      if (this.sd === y.sd) return this.sn < y.sn ? -1 : this.sn > y.sn ? 1 : 0;
      const a = this.sn * y.sd, b = y.sn * this.sd;
      if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a < b ? -1 : a > b ? 1 : 0;
    }
    const d1 = this.d, d2 = y.d;
    const a = d1 === d2 ? this.n : this.n * d2;
    const b = d1 === d2 ? y.n : y.n * d1;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  lt(y: Exact): boolean { return this.cmp(y) < 0; }
  lte(y: Exact): boolean { return this.cmp(y) <= 0; }
  gt(y: Exact): boolean { return this.cmp(y) > 0; }
  gte(y: Exact): boolean { return this.cmp(y) >= 0; }
  eq(y: Exact): boolean {
    return this.bn === undefined ? y.bn === undefined && this.sn === y.sn && this.sd === y.sd : this.bn === y.bn && this.bd === y.bd;
  }
  isZero(): boolean { return this.bn === undefined && this.sn === 0; }
  isNegative(): boolean { return this.bn === undefined ? this.sn < 0 : this.bn < 0n; }
  isPositive(): boolean { return this.bn === undefined ? this.sn > 0 : this.bn > 0n; }
  isInteger(): boolean { return this.bn === undefined ? this.sd === 1 : this.bd === 1n; }

  /** Largest integer ≤ this. */
  floor(): Exact {
    if (this.isInteger()) return this;
    if (this.bn === undefined) {
      const r = this.sn % this.sd;
      const q = (this.sn - r) / this.sd;
      return Exact.int(this.sn < 0 ? q - 1 : q);
    }
    const q = this.bn / this.bd!; // truncates toward zero
    return big(this.bn < 0n ? q - 1n : q, 1n);
  }

  /** Smallest integer ≥ this. */
  ceil(): Exact {
    if (this.isInteger()) return this;
    if (this.bn === undefined) {
      const r = this.sn % this.sd;
      const q = (this.sn - r) / this.sd;
      return Exact.int(this.sn > 0 ? q + 1 : q);
    }
    const q = this.bn / this.bd!;
    return big(this.bn > 0n ? q + 1n : q, 1n);
  }

  /**
   * Round to `places` decimals (0 or more) with the named mode, exactly: a tie is a tie.
   * half-up and up round away from zero, down toward zero, half-even to the even neighbour.
   */
  round(places: number, mode: RoundingName = 'half-up'): Exact {
    if (this.bn === undefined) {
      if (this.sd === 1) return this;
      if (places <= 15) {
        const scale = POW10N[places]!;
        // Already on the grid (d divides 10^places): nothing to round.
        if (scale % this.sd === 0) return this;
        const x = this.sn * scale;
        if (Number.isSafeInteger(x)) {
          const d = this.sd;
          const r = x % d; // exact, with the sign of x
          let q = (x - r) / d;
          const twice = (r < 0 ? -r : r) * 2;
          let away: boolean;
          switch (mode) {
            case 'down': away = false; break;
            case 'up': away = true; break;
            case 'half-up': away = twice >= d; break;
            case 'half-even': away = twice > d || (twice === d && q % 2 !== 0); break;
          }
          if (away) q += x < 0 ? -1 : 1;
          return small(q, scale);
        }
      }
    }
    const n = this.n, dd = this.d;
    const scale = pow10(places);
    if (dd === 1n || scale % dd === 0n) return this;
    const x = n * scale;
    let q = x / dd;
    const r = x - q * dd;
    if (r !== 0n) {
      const sign = x < 0n ? -1n : 1n;
      const twice = (r < 0n ? -r : r) * 2n;
      let away: boolean;
      switch (mode) {
        case 'down': away = false; break;
        case 'up': away = true; break;
        case 'half-up': away = twice >= dd; break;
        case 'half-even': away = twice > dd || (twice === dd && q % 2n !== 0n); break;
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
    const k = this.bn === undefined ? scaleOfNum(this.sd) : terminatingScale(this.bd!);
    return k === undefined ? Infinity : k;
  }

  /**
   * The exact value as a plain decimal string ("2.485", "-7", "0.5"). Values without a finite
   * decimal form are given to 40 decimal places, rounded half-up; callers that print scores
   * round first, so that never shows.
   */
  toPlain(): string {
    if (this.bn === undefined) {
      const n = this.sn, d = this.sd;
      if (d === 1) return String(n);
      let k = scaleOfNum(d);
      if (k !== undefined && k <= 15) {
        const digits = (n < 0 ? -n : n) * (POW10N[k]! / d);
        if (Number.isSafeInteger(digits)) {
          // digits = int·10^k + frac, 0 < frac < 10^k (d > 1 and lowest terms: frac ≠ 0).
          let frac = digits % POW10N[k]!;
          const int = (digits - frac) / POW10N[k]!;
          while (frac % 10 === 0) {
            frac /= 10;
            k--;
          }
          const f = String(frac);
          return `${n < 0 ? '-' : ''}${int}.${f.length < k ? f.padStart(k, '0') : f}`;
        }
      }
    }
    const n = this.n, d = this.d;
    if (d === 1n) return n.toString();
    const k = terminatingScale(d);
    if (k === undefined) return this.round(40).toPlain();
    const digits = (n < 0n ? -n : n) * (pow10(k) / d);
    return decimalText(digits.toString(), k, n < 0n);
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
    const n = this.n;
    const a = n < 0n ? -n : n;
    return Math.max(bitLength(a), bitLength(this.d));
  }
}

/** A BigInt pair already in lowest terms with d > 0, stored small when it fits. */
function big(n: bigint, d: bigint): Exact {
  if (n >= MIN_SAFE && n <= MAX_SAFE && d <= MAX_SAFE) return make(Number(n), Number(d));
  return make(0, 0, n, d);
}

/** n / d for safe integers n and d > 0, reduced to lowest terms. */
function small(n: number, d: number): Exact {
  if (n === 0) return ZERO;
  if (d === 1) return make(n, 1);
  const g = gcdNum(n < 0 ? -n : n, d);
  return g === 1 ? make(n, d) : make(n / g, d / g);
}

/** a + c/e … the sum of two small fractions a/b and c/e, or undefined when it leaves the safe range. */
function addSmall(a: number, b: number, c: number, e: number): Exact | undefined {
  if (b === e) {
    const s = a + c;
    if (!Number.isSafeInteger(s)) return undefined;
    return b === 1 ? (s === 0 ? ZERO : make(s, 1)) : small(s, b);
  }
  const p = a * e, q = c * b, d = b * e;
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || !Number.isSafeInteger(d)) return undefined;
  const s = p + q;
  return Number.isSafeInteger(s) ? small(s, d) : undefined;
}


export const ZERO: Exact = make(0, 1);
export const ONE: Exact = Exact.int(1);
export const HUNDRED: Exact = Exact.int(100);

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
/** 10^0 … 10^15, all safe integers. */
const POW10N: number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
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

/** scaleOfNum of the denominators below 1024, as they are met (-1: not yet; -2: none). */
const SMALL_SCALES = new Int8Array(1024).fill(-1);

/** terminatingScale of a small denominator; those below 1024 (2, 4, 5, 10, 100, …) remembered. */
function scaleOfNum(d: number): number | undefined {
  if (d < 1024) {
    let k = SMALL_SCALES[d]!;
    if (k === -1) SMALL_SCALES[d] = k = scaleOfSmall(d) ?? -2;
    return k === -2 ? undefined : k;
  }
  return scaleOfSmall(d);
}

function scaleOfSmall(d: number): number | undefined {
  if (d === 1) return 0;
  let twos = 0;
  let fives = 0;
  let r = d;
  while (r % 2 === 0) {
    r /= 2;
    twos++;
  }
  while (r % 5 === 0) {
    r /= 5;
    fives++;
  }
  return r === 1 ? Math.max(twos, fives) : undefined;
}

/** The digits of |x|·10^k as a decimal with k places, trailing zeros dropped. */
function decimalText(digits: string, k: number, negative: boolean): string {
  let s = digits;
  if (k > 0) {
    s = s.padStart(k + 1, '0');
    s = `${s.slice(0, -k)}.${s.slice(-k)}`;
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--;
    if (s.charCodeAt(end - 1) === 46) end--;
    s = s.slice(0, end);
  }
  return negative ? `-${s}` : s;
}

function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(16).length * 4;
}

/** Clamp to [lo, hi]. */
export function clampExact(x: Exact, lo: Exact, hi: Exact): Exact {
  return x.lt(lo) ? lo : x.gt(hi) ? hi : x;
}
