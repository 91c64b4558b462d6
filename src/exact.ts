import { Decimal, roundsAway, type RoundingName } from './decimal.js';

/**
 * The numbers an evaluation computes with: exact rationals. Sums, differences, products and
 * quotients are exact, so a score is rounded once, where the rubric says, and an exact tie such as
 * 5 − 5.03 / 3 × 1.5 = 2.485 rounds as declared (2.49 half-up), never as an approximation of
 * the quotient happens to fall.
 *
 * Figures enter as decimals (from YAML or input text) and leave as decimal strings, rounded.
 * Immutable; every operation returns a new value.
 */
/** The one way to build an Exact, set by the class (its constructor is private). */
let make: (sn: number, sd: number, sc: number, bn?: bigint, bd?: bigint) => Exact;

export class Exact {
  // Three representations, chosen by the value, so that each value has exactly one of them:
  //
  // - scaled (sc ≥ 0): a terminating decimal whose digits are a safe integer (|x| ≤ 2^53 − 1)
  //   at a scale of at most 15 places: value = sn × 10^−sc, and sd = 10^sc. Nearly every figure
  //   of a sheet is one (85.5, 0.25, 200000.00). The digits are not reduced (2.50 may be 250 at
  //   scale 2 or 25 at scale 1): sums align scales by a power of ten, products add them,
  //   comparison and rounding work on the digits, all without a gcd.
  // - small (sc = −1, bn undefined): any other value whose numerator and denominator in lowest
  //   terms are safe integers (1/3, 517/600), held as sn / sd.
  // - big (sc = −1): numerator and denominator in lowest terms as BigInts (bn, bd).
  //
  // Integer arithmetic on safe integers is exact in IEEE doubles as long as every result is
  // checked to be a safe integer again; a result that is not goes the next way down (scaled →
  // small → BigInt), and a result reached that way is stored scaled again when it is one. Equal
  // values may have different fields (the scale), so values are compared by value (`eq`, `cmp`),
  // never field by field.
  /** @internal Digits (scaled) or numerator (small); 0 when big. */ readonly sn: number;
  /** @internal 10^sc (scaled) or the denominator (small); 0 when big. */ readonly sd: number;
  /** @internal Decimal places of sn when scaled; −1 otherwise. */ readonly sc: number;
  /** @internal */ readonly bn: bigint | undefined;
  /** @internal */ readonly bd: bigint | undefined;

  private constructor(sn: number, sd: number, sc: number, bn: bigint | undefined, bd: bigint | undefined) {
    this.sn = sn;
    this.sd = sd;
    this.sc = sc;
    this.bn = bn;
    this.bd = bd;
  }

  static {
    make = (sn, sd, sc, bn, bd) => new Exact(sn, sd, sc, bn, bd);
  }

  /** Numerator in lowest terms, with the sign. */
  get n(): bigint {
    if (this.bn !== undefined) return this.bn;
    if (this.sc <= 0) return BigInt(this.sn);
    return BigInt(this.sn / gcdNum(this.sn < 0 ? -this.sn : this.sn, this.sd));
  }

  /** Denominator in lowest terms, always > 0. */
  get d(): bigint {
    if (this.bd !== undefined) return this.bd;
    if (this.sc <= 0) return BigInt(this.sd);
    return BigInt(this.sd / gcdNum(this.sn < 0 ? -this.sn : this.sn, this.sd));
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
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n === 0 ? ZERO : make(n, 1, 0);
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
      return scaled(m[1] === '-' ? -v : v, frac.length);
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
    const len = text.length;
    if (len - (neg ? 1 : 0) - (dot >= 0 ? 1 : 0) > 15) return Exact.parse(text);
    // At most 15 digits: their value is a safe integer, exact at every step.
    let v = 0;
    for (let i = neg ? 1 : 0; i < len; i++) if (i !== dot) v = v * 10 + (text.charCodeAt(i) - 48);
    return scaled(neg ? -v : v, dot < 0 ? 0 : len - dot - 1);
  }

  /**
   * @internal m × 10^−k, for a safe integer m of at most 15 digits and 0 ≤ k ≤ 15: what
   * {@link plainDecimal} makes of the text of m with k decimals.
   */
  static scaledInteger(m: number, k: number): Exact {
    return scaled(m, k);
  }

  /** @internal n / d for a safe integer n and a safe integer d > 0, not necessarily in lowest terms. */
  static fraction(n: number, d: number): Exact {
    return small(n, d);
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

  /** @internal True when numerator and denominator in lowest terms are plain safe integers. */
  isSmall(): boolean {
    return this.bn === undefined;
  }

  plus(y: Exact): Exact {
    if (this.sc >= 0 && y.sc >= 0) {
      const r = addScaled(this.sn, this.sc, y.sn, y.sc);
      if (r !== undefined) return r;
    }
    if (this.bn === undefined && y.bn === undefined) {
      const r = addSmall(this.sn, this.sd, y.sn, y.sd, this.sc <= 0 && y.sc <= 0);
      if (r !== undefined) return r;
    }
    const n1 = numOf(this), d1 = denOf(this), n2 = numOf(y), d2 = denOf(y);
    if (d1 === d2) return Exact.ratio(n1 + n2, d1);
    return Exact.ratio(n1 * d2 + n2 * d1, d1 * d2);
  }

  minus(y: Exact): Exact {
    if (this.sc >= 0 && y.sc >= 0) {
      const r = addScaled(this.sn, this.sc, -y.sn, y.sc);
      if (r !== undefined) return r;
    }
    if (this.bn === undefined && y.bn === undefined) {
      const r = addSmall(this.sn, this.sd, -y.sn, y.sd, this.sc <= 0 && y.sc <= 0);
      if (r !== undefined) return r;
    }
    const n1 = numOf(this), d1 = denOf(this), n2 = numOf(y), d2 = denOf(y);
    if (d1 === d2) return Exact.ratio(n1 - n2, d1);
    return Exact.ratio(n1 * d2 - n2 * d1, d1 * d2);
  }

  times(y: Exact): Exact {
    if (this.sc >= 0 && y.sc >= 0) {
      // Digits times digits, scales added.
      const p = this.sn * y.sn, k = this.sc + y.sc;
      if (k <= 15 && Number.isSafeInteger(p)) return scaled(p, k);
    }
    if (this.bn === undefined && y.bn === undefined) {
      const a = this.sn, b = this.sd, c = y.sn, e = y.sd;
      if (a === 0 || c === 0) return ZERO;
      // Cross-reduce first: (a/g1 · c/g2) / (b/g2 · e/g1) is then in lowest terms when both
      // factors were; a decimal's digits may still share 2s and 5s with its 10^sc.
      const g1 = gcdNum(a < 0 ? -a : a, e), g2 = gcdNum(c < 0 ? -c : c, b);
      const n = (a / g1) * (c / g2), d = (b / g2) * (e / g1);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return this.sc <= 0 && y.sc <= 0 ? fromSmall(n, d) : cancel25(n, d);
    }
    return Exact.ratio(numOf(this) * numOf(y), denOf(this) * denOf(y));
  }

  /**
   * Exact quotient; throws RangeError on division by zero (callers check first). A quotient of
   * two decimals is a decimal again when it terminates (1 / 4 = 0.25) and a fraction otherwise
   * (1 / 3).
   */
  div(y: Exact): Exact {
    if (y.isZero()) throw new RangeError('division by zero');
    if (this.sc >= 0 && y.sc >= 0) {
      const r = divScaled(this.sn, this.sc, y.sn, y.sc);
      if (r !== undefined) return r;
    }
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
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return this.sc <= 0 && y.sc <= 0 ? fromSmall(n, d) : cancel25(n, d);
    }
    return Exact.ratio(numOf(this) * denOf(y), denOf(this) * numOf(y));
  }

  neg(): Exact {
    if (this.bn === undefined) return this.sn === 0 ? this : make(-this.sn, this.sd, this.sc);
    return make(0, 0, -1, -this.bn, this.bd);
  }

  abs(): Exact {
    return this.isNegative() ? this.neg() : this;
  }

  /** −1, 0 or 1 as this is below, equal to or above y. */
  cmp(y: Exact): number {
    if (this.sc >= 0 && y.sc >= 0) {
      let a = this.sn, b = y.sn;
      // Aligned to the larger scale. A side scaled up past 2^53 is no longer exact, but it is
      // still beyond every safe integer the other side can be, which is all the order needs.
      if (this.sc < y.sc) a *= POW10N[y.sc - this.sc]!;
      else if (y.sc < this.sc) b *= POW10N[this.sc - y.sc]!;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    if (this.bn === undefined && y.bn === undefined) {
      if (this.sd === y.sd) return this.sn < y.sn ? -1 : this.sn > y.sn ? 1 : 0;
      const a = this.sn * y.sd, b = y.sn * this.sd;
      if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a < b ? -1 : a > b ? 1 : 0;
    }
    const d1 = denOf(this), d2 = denOf(y);
    const a = d1 === d2 ? numOf(this) : numOf(this) * d2;
    const b = d1 === d2 ? numOf(y) : numOf(y) * d1;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  lt(y: Exact): boolean { return this.cmp(y) < 0; }
  lte(y: Exact): boolean { return this.cmp(y) <= 0; }
  gt(y: Exact): boolean { return this.cmp(y) > 0; }
  gte(y: Exact): boolean { return this.cmp(y) >= 0; }
  /** The same value (whatever the fields: 2.5 and 2.50 are equal). */
  eq(y: Exact): boolean {
    if (this.sc === y.sc) {
      // The same scale, both fractions in lowest terms (−1), or both big.
      if (this.bn === undefined) return y.bn === undefined && this.sn === y.sn && this.sd === y.sd;
      return this.bn === y.bn && this.bd === y.bd;
    }
    return this.cmp(y) === 0;
  }
  isZero(): boolean { return this.bn === undefined && this.sn === 0; }
  isNegative(): boolean { return this.bn === undefined ? this.sn < 0 : this.bn < 0n; }
  isPositive(): boolean { return this.bn === undefined ? this.sn > 0 : this.bn > 0n; }
  isInteger(): boolean { return this.bn === undefined ? this.sn % this.sd === 0 : this.bd === 1n; }

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
    if (this.sc >= 0) {
      // The digits past `places` are dropped: r of them over p, 0 < p ≤ 10^15.
      if (this.sc <= places) return this;
      const p = POW10N[this.sc - places]!;
      const x = this.sn;
      const r = x % p; // exact, with the sign of x
      if (r === 0) return this;
      let q = (x - r) / p;
      const twice = (r < 0 ? -r : r) * 2;
      if (roundsAway(mode, twice < p ? -1 : twice > p ? 1 : 0, q % 2 !== 0)) q += x < 0 ? -1 : 1;
      return scaled(q, places);
    }
    if (this.bn === undefined) {
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
          if (roundsAway(mode, twice < d ? -1 : twice > d ? 1 : 0, q % 2 !== 0)) q += x < 0 ? -1 : 1;
          return scaled(q, places);
        }
      }
    }
    const n = numOf(this), dd = denOf(this);
    const scale = pow10(places);
    if (dd === 1n || scale % dd === 0n) return this;
    const x = n * scale;
    let q = x / dd;
    const r = x - q * dd;
    if (r !== 0n) {
      const sign = x < 0n ? -1n : 1n;
      const twice = (r < 0n ? -r : r) * 2n;
      if (roundsAway(mode, twice < dd ? -1 : twice > dd ? 1 : 0, q % 2n !== 0n)) q += sign;
    }
    // q × 10^−places: a decimal, scaled when its digits fit.
    return places <= 15 && q >= MIN_SAFE && q <= MAX_SAFE ? scaled(Number(q), places) : Exact.ratio(q, scale);
  }

  /**
   * Decimal places of the exact value: 0 for an integer, Infinity when the value has no finite
   * decimal form (1/3).
   */
  decimalPlaces(): number {
    if (this.sc >= 0) {
      let k = this.sc, x = this.sn;
      while (k > 0 && x % 10 === 0) {
        x /= 10;
        k--;
      }
      return k;
    }
    const k = this.bn === undefined ? scaleOfNum(this.sd) : terminatingScale(this.bd!);
    return k === undefined ? Infinity : k;
  }

  /**
   * The exact value as a plain decimal string ("2.485", "-7", "0.5"). Values without a finite
   * decimal form are given to 40 decimal places, rounded half-up; callers that print scores
   * round first, so that never shows.
   */
  toPlain(): string {
    if (this.sc >= 0) {
      // Scores and most figures of a sheet: a few digits at a scale of at most 2, printed once each.
      if (this.sc <= 2 && this.sn >= 0 && this.sn < TEXT_CACHED) {
        let texts = TEXTS[this.sc]!;
        if (texts.length === 0) texts = TEXTS[this.sc] = new Array<string | undefined>(TEXT_CACHED);
        return (texts[this.sn] ??= scaledText(this.sn, this.sc));
      }
      return scaledText(this.sn, this.sc);
    }
    // Not scaled: no finite decimal form, or one of more than 15 places or digits past 2^53.
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

/** The decimal sn × 10^−k, for a safe integer sn and 0 ≤ k ≤ 15. */
function scaled(sn: number, k: number): Exact {
  return sn === 0 ? ZERO : make(sn, POW10N[k]!, k);
}

/** Texts of scaled values 0 … TEXT_CACHED − 1 at scales 0, 1 and 2, made as they are first printed. */
const TEXT_CACHED = 16384;
const TEXTS: (string | undefined)[][] = [[], [], []];

/** The plain decimal text of sn × 10^−k, trailing zeros dropped. */
function scaledText(sn: number, k: number): string {
  const neg = sn < 0;
  let x = neg ? -sn : sn;
  while (k > 0 && x % 10 === 0) {
    x /= 10;
    k--;
  }
  if (k === 0) return neg ? `-${x}` : String(x);
  // One conversion of the digits (a safe integer prints without an exponent), the point put in.
  const s = String(x);
  const cut = s.length - k;
  const text = cut > 0 ? `${s.slice(0, cut)}.${s.slice(cut)}` : `0.${cut < 0 ? '0'.repeat(-cut) : ''}${s}`;
  return neg ? `-${text}` : text;
}

/** A BigInt pair already in lowest terms with d > 0: scaled or small when it fits. */
function big(n: bigint, d: bigint): Exact {
  if (n >= MIN_SAFE && n <= MAX_SAFE && d <= MAX_SAFE) return fromSmall(Number(n), Number(d));
  return make(0, 0, -1, n, d);
}

/** n / d for safe integers n and d > 0, reduced to lowest terms. */
function small(n: number, d: number): Exact {
  if (n === 0) return ZERO;
  if (d === 1) return make(n, 1, 0);
  const g = gcdNum(n < 0 ? -n : n, d);
  return g === 1 ? fromSmall(n, d) : fromSmall(n / g, d / g);
}

/**
 * n / d for safe integers in lowest terms with d > 0: scaled when it is a decimal of at most 15
 * places whose digits are a safe integer, a small fraction otherwise.
 */
function fromSmall(n: number, d: number): Exact {
  if (d === 1) return n === 0 ? ZERO : make(n, 1, 0);
  const k = scaleOfNum(d);
  if (k !== undefined && k <= 15) {
    const digits = n * (POW10N[k]! / d);
    if (Number.isSafeInteger(digits)) return make(digits, POW10N[k]!, k);
  }
  return make(n, d, -1);
}

/** Numerator and denominator as BigInts, as held (a scaled value's not reduced). */
function numOf(x: Exact): bigint {
  return x.bn ?? BigInt(x.sn);
}
function denOf(x: Exact): bigint {
  return x.bd ?? BigInt(x.sd);
}

/** a × 10^−k + c × 10^−l, aligned to the larger scale, or undefined when it leaves the safe range. */
function addScaled(a: number, k: number, c: number, l: number): Exact | undefined {
  if (k !== l) {
    if (k < l) a *= POW10N[l - k]!;
    else c *= POW10N[k - l]!;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(c)) return undefined;
  }
  const s = a + c;
  return Number.isSafeInteger(s) ? scaled(s, k < l ? l : k) : undefined;
}

/**
 * a × 10^−k / (c × 10^−l), c ≠ 0: a decimal when c's part not dividing a has no prime factor but
 * 2 and 5 (1 / 4 = 0.25), a fraction otherwise (1 / 3); undefined when a safe integer would not
 * hold it.
 */
function divScaled(a: number, k: number, c: number, l: number): Exact | undefined {
  // (a / c) × 10^(l − k); a / c = (a / g) × (10^m / c') for c' = |c| / g dividing 10^m.
  let q: number, m: number;
  if (a % c === 0) {
    q = a / c;
    m = 0;
  } else {
    const g = gcdNum(a < 0 ? -a : a, c < 0 ? -c : c);
    const c1 = (c < 0 ? -c : c) / g, a1 = c < 0 ? -a / g : a / g;
    const s = scaleOfNum(c1);
    if (s === undefined || s > 15) {
      // A fraction: (a1 × 10^l) / (c1 × 10^k), a1 and c1 coprime, so that only 2s and 5s of
      // the powers of ten can be common.
      const n = l > k ? a1 * POW10N[l - k]! : a1, d = k > l ? c1 * POW10N[k - l]! : c1;
      return Number.isSafeInteger(n) && Number.isSafeInteger(d) ? cancel25(n, d) : undefined;
    }
    q = a1 * (POW10N[s]! / c1);
    m = s;
  }
  let scale = k - l + m;
  if (scale < 0) {
    if (scale < -15) return undefined;
    q *= POW10N[-scale]!;
    scale = 0;
  }
  return scale <= 15 && Number.isSafeInteger(q) ? scaled(q, scale) : undefined;
}

/**
 * n / d, n ≠ 0 and d > 0, whose only common prime factors can be 2 and 5 (a product or quotient
 * of fractions in lowest terms and decimals' unreduced digits over 10^sc), in lowest terms.
 */
function cancel25(n: number, d: number): Exact {
  while (n % 2 === 0 && d % 2 === 0) {
    n /= 2;
    d /= 2;
  }
  while (n % 5 === 0 && d % 5 === 0) {
    n /= 5;
    d /= 5;
  }
  return fromSmall(n, d);
}

/**
 * a/b + c/e … the sum of two small fractions, or undefined when it leaves the safe range.
 * `lowest`: both are in lowest terms, so that with an integer (b or e = 1) so is the sum.
 */
function addSmall(a: number, b: number, c: number, e: number, lowest: boolean): Exact | undefined {
  if (b === e) {
    const s = a + c;
    if (!Number.isSafeInteger(s)) return undefined;
    return b === 1 ? (s === 0 ? ZERO : make(s, 1, 0)) : small(s, b);
  }
  const p = a * e, q = c * b, d = b * e;
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || !Number.isSafeInteger(d)) return undefined;
  const s = p + q;
  if (!Number.isSafeInteger(s)) return undefined;
  // a + c/e = (a·e + c) / e shares no factor with e when c/e shares none.
  return lowest && (b === 1 || e === 1) ? fromSmall(s, d) : small(s, d);
}


export const ZERO: Exact = make(0, 1, 0);
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
