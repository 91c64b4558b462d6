/**
 * The arithmetic of the compiled totals scorer (compiled.ts): exact fractions of safe integers
 * held without objects — a numeric step returns its numerator and leaves its denominator in `D` —
 * and a formula's syntax tree turned into such steps over the figures' slots. Every result is
 * checked to be a safe integer; where it is not, the step throws `BAIL` and the walk scores the
 * evaluation instead. Only this module writes `D`; the scorer reads it right after each step.
 */
import { roundsAway, type Decimal, type RoundingName } from '../decimal.js';
import type { Exact } from '../exact.js';
import type { Expr } from '../formula/ast.js';

/** Thrown where the compiled scorer stops and the walk takes over. */
export const BAIL = Symbol('walk');

// ——— exact fractions of safe integers, without objects ———
//
// A value is a numerator (a safe integer) and a denominator (a positive safe integer), not
// necessarily in lowest terms. A numeric step returns the numerator and leaves the denominator
// in `D`. Every product and sum is checked to be a safe integer, else the operands are reduced
// and it is tried again, else BAIL: no binary float ever stands for a value it does not hold.

export let D = 1;
export const safe = Number.isSafeInteger;

export function gcd(a: number, b: number): number {
  // Never a loop without end: a value that is no finite number (NaN % b is NaN) is no figure here.
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw BAIL;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** n / d into the registers, reduced once the denominator grows past 2^32 (the safe range is kept by retrying reduced where a step leaves it). */
export function put(n: number, d: number): number {
  if (d > 4294967296 && n !== 0) {
    const g = gcd(n < 0 ? -n : n, d);
    if (g !== 1) {
      n /= g;
      d /= g;
    }
  }
  if (n === 0) d = 1;
  D = d;
  return n;
}

export function add(a: number, ad: number, b: number, bd: number): number {
  if (ad === bd) {
    const s = a + b;
    if (!safe(s)) throw BAIL;
    return put(s, ad);
  }
  let x = a * bd, y = b * ad, d = ad * bd;
  if (!safe(x) || !safe(y) || !safe(d)) {
    const g = gcd(ad, bd);
    x = a * (bd / g);
    y = b * (ad / g);
    d = (ad / g) * bd;
    if (!safe(x) || !safe(y) || !safe(d)) throw BAIL;
  }
  const s = x + y;
  if (!safe(s)) throw BAIL;
  return put(s, d);
}

export function mul(a: number, ad: number, b: number, bd: number): number {
  let n = a * b, d = ad * bd;
  if (!safe(n) || !safe(d)) {
    const g1 = gcd(a < 0 ? -a : a, bd), g2 = gcd(b < 0 ? -b : b, ad);
    n = (a / g1) * (b / g2);
    d = (ad / g2) * (bd / g1);
    if (!safe(n) || !safe(d)) throw BAIL;
  }
  return put(n, d);
}

export function div(a: number, ad: number, b: number, bd: number): number {
  // A division by zero is the walk's to report.
  if (b === 0) throw BAIL;
  return b < 0 ? mul(a, ad, -bd, -b) : mul(a, ad, bd, b);
}

/** −1, 0 or 1 as a/ad is below, equal to or above b/bd. */
export function cmp(a: number, ad: number, b: number, bd: number): number {
  if (ad === bd) return a < b ? -1 : a > b ? 1 : 0;
  const x = a * bd, y = b * ad;
  if (safe(x) && safe(y)) return x < y ? -1 : x > y ? 1 : 0;
  const X = BigInt(a) * BigInt(bd), Y = BigInt(b) * BigInt(ad);
  return X < Y ? -1 : X > Y ? 1 : 0;
}

export const POW10: number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** n/d rounded to `places` decimals with `mode`, exactly as Exact.round: the digits at that scale. */
export function roundTo(n: number, d: number, places: number, mode: RoundingName): number {
  let x = n * POW10[places]!;
  if (!safe(x)) {
    const g = gcd(n < 0 ? -n : n, d);
    n /= g;
    d /= g;
    x = n * POW10[places]!;
    if (!safe(x)) throw BAIL;
  }
  const r = x % d;
  if (r === 0) return x / d;
  let q = (x - r) / d;
  const twice = (r < 0 ? -r : r) * 2;
  if (roundsAway(mode, twice < d ? -1 : twice > d ? 1 : 0, q % 2 !== 0)) q += x < 0 ? -1 : 1;
  return q;
}

/** An exact value of the rubric as a fraction of safe integers, or undefined. */
export function frac(x: Exact): [number, number] | undefined {
  if (x.bn !== undefined) return undefined;
  return [x.sn, x.sd];
}

/** A rubric's decimal (at most 40 digits, from its text) as a fraction of safe integers, or undefined. */
export function fracOf(x: Decimal): [number, number] | undefined {
  const t = x.toFixed();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const digits = m[2]! + (m[3] ?? '');
  const k = (m[3] ?? '').length;
  if (digits.length > 15 || k > 15) return undefined;
  const v = Number(digits);
  return [m[1] ? -v : v, POW10[k]!];
}

// ——— formulas ———

export type Num = () => number;
export type Bool = () => boolean;
export type Code = { num: Num } | { bool: Bool };

const NUMERIC = new Set(['+', '-', '*', '/']);
const COMPARING = new Set(['<', '<=', '>', '>=']);

/** A formula's syntax tree as steps over the figures' slots; undefined where it uses what is not done here. */
export function compileExpr(e: Expr, slot: (name: string) => number | undefined, vn: Float64Array, vd: Float64Array): Code | undefined {
  switch (e.type) {
    case 'num': {
      const f = fracOf(e.value);
      if (!f) return undefined;
      const [n, d] = f;
      return { num: () => ((D = d), n) };
    }
    case 'name': {
      const i = slot(e.name);
      if (i === undefined) return undefined;
      return { num: () => ((D = vd[i]!), vn[i]!) };
    }
    case 'unary': {
      const a = compileExpr(e.arg, slot, vn, vd);
      if (!a) return undefined;
      if (e.op === '-') {
        if (!('num' in a)) return undefined;
        const f = a.num;
        return { num: () => -f() + 0 };
      }
      if (!('bool' in a)) return undefined;
      const f = a.bool;
      return { bool: () => !f() };
    }
    case 'binary': {
      const l = compileExpr(e.left, slot, vn, vd);
      const r = compileExpr(e.right, slot, vn, vd);
      if (!l || !r) return undefined;
      if (NUMERIC.has(e.op) || COMPARING.has(e.op)) {
        if (!('num' in l) || !('num' in r)) return undefined;
        const x = l.num, y = r.num;
        const two = (op: (a: number, ad: number, b: number, bd: number) => number): Num => () => {
          const a = x();
          const ad = D;
          const b = y();
          return op(a, ad, b, D);
        };
        const test = (ok: (c: number) => boolean): Bool => () => {
          const a = x();
          const ad = D;
          const b = y();
          return ok(cmp(a, ad, b, D));
        };
        switch (e.op) {
          case '+': return { num: two(add) };
          case '-': return { num: two((a, ad, b, bd) => add(a, ad, -b + 0, bd)) };
          case '*': return { num: two(mul) };
          case '/': return { num: two(div) };
          case '<': return { bool: test((c) => c < 0) };
          case '<=': return { bool: test((c) => c <= 0) };
          case '>': return { bool: test((c) => c > 0) };
          case '>=': return { bool: test((c) => c >= 0) };
        }
        return undefined;
      }
      if (e.op === 'and' || e.op === 'or') {
        if (!('bool' in l) || !('bool' in r)) return undefined;
        const x = l.bool, y = r.bool;
        return e.op === 'and' ? { bool: () => x() && y() } : { bool: () => x() || y() };
      }
      // = and !=: two numbers, or two conditions.
      const eq = e.op === '=';
      if ('num' in l && 'num' in r) {
        const x = l.num, y = r.num;
        return {
          bool: () => {
            const a = x();
            const ad = D;
            const b = y();
            return (cmp(a, ad, b, D) === 0) === eq;
          },
        };
      }
      if ('bool' in l && 'bool' in r) {
        const x = l.bool, y = r.bool;
        return { bool: () => (x() === y()) === eq };
      }
      return undefined;
    }
    case 'call': {
      const args: Code[] = [];
      for (const a of e.args) {
        const c = compileExpr(a, slot, vn, vd);
        if (!c) return undefined;
        args.push(c);
      }
      if (e.fn === 'if') {
        const [c, a, b] = args;
        if (!c || !a || !b || !('bool' in c)) return undefined;
        const t = c.bool;
        if ('num' in a && 'num' in b) {
          const x = a.num, y = b.num;
          return { num: () => (t() ? x() : y()) };
        }
        if ('bool' in a && 'bool' in b) {
          const x = a.bool, y = b.bool;
          return { bool: () => (t() ? x() : y()) };
        }
        return undefined;
      }
      const nums: Num[] = [];
      for (const a of args) {
        if (!('num' in a)) return undefined;
        nums.push(a.num);
      }
      switch (e.fn) {
        case 'min':
        case 'max': {
          if (nums.length === 0) return undefined;
          const sign = e.fn === 'min' ? -1 : 1;
          return {
            num: () => {
              let m = nums[0]!();
              let md = D;
              for (let i = 1; i < nums.length; i++) {
                const x = nums[i]!();
                const xd = D;
                if (cmp(x, xd, m, md) === sign) {
                  m = x;
                  md = xd;
                }
              }
              D = md;
              return m;
            },
          };
        }
        case 'abs': {
          const x = nums[0];
          if (!x || nums.length !== 1) return undefined;
          return { num: () => Math.abs(x()) };
        }
        case 'floor':
        case 'ceil': {
          const x = nums[0];
          if (!x || nums.length !== 1) return undefined;
          const up = e.fn === 'ceil';
          return {
            num: () => {
              const n = x();
              const d = D;
              D = 1;
              const r = n % d;
              if (r === 0) return n / d;
              const q = (n - r) / d;
              return up ? (n > 0 ? q + 1 : q) : n < 0 ? q - 1 : q;
            },
          };
        }
        case 'clamp': {
          const [x, lo, hi] = nums;
          if (!x || !lo || !hi || nums.length !== 3) return undefined;
          return {
            num: () => {
              const v = x();
              const vd_ = D;
              const a = lo();
              const ad = D;
              const b = hi();
              const bd = D;
              // Bounds the wrong way round are the walk's to report.
              if (cmp(a, ad, b, bd) > 0) throw BAIL;
              if (cmp(v, vd_, a, ad) < 0) return (D = ad), a;
              if (cmp(v, vd_, b, bd) > 0) return (D = bd), b;
              D = vd_;
              return v;
            },
          };
        }
        case 'round': {
          const x = nums[0];
          if (!x || nums.length > 2) return undefined;
          // Places as a whole number written in the formula, 0 to 15; any other the walk's.
          let places = 0;
          if (nums.length === 2) {
            const p = e.args[1]!;
            if (p.type !== 'num' || !p.value.isInteger() || p.value.isNegative() || p.value.gt(15)) return undefined;
            places = p.value.toNumber();
          }
          const scale = POW10[places]!;
          return {
            num: () => {
              const v = x();
              const q = roundTo(v, D, places, 'half-up');
              D = scale;
              return q;
            },
          };
        }
      }
      return undefined;
    }
  }
}
