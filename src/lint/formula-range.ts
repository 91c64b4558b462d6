import { Decimal } from '../decimal.js';
import type { Expr } from '../formula/ast.js';
export type { Expr };
import { parseFormula } from '../formula/parse.js';
import type { NameDecl } from './context.js';

/**
 * The values a formula can take over the declared ranges of the inputs it reads: exact interval
 * arithmetic, each bound rounded outwards (lower bounds down, upper bounds up), so the range
 * found always contains every value the formula can compute. A missing bound is infinite: an
 * input without a declared min or max, a division by a range that holds 0, a comparison.
 */
export interface Range {
  lo?: Decimal;
  hi?: Decimal;
}

const Down = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_FLOOR });
const Up = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_CEIL });
const UNBOUNDED: Range = {};
/** Deepest chain of metrics followed; beyond it, a name is unbounded. */
const MAX_DEPTH = 64;

type Ext = Decimal | 'inf' | '-inf';
const sign = (x: Ext) => (x === 'inf' ? 1 : x === '-inf' ? -1 : x.isZero() ? 0 : x.isNegative() ? -1 : 1);
const down = (x: Decimal) => new Down(x);
const up = (x: Decimal) => new Up(x);

function mulExt(a: Ext, b: Ext, round: 'down' | 'up'): Ext {
  if (sign(a) === 0 || sign(b) === 0) return new Decimal(0);
  if (typeof a === 'string' || typeof b === 'string') return sign(a) * sign(b) > 0 ? 'inf' : '-inf';
  const r = round === 'down' ? down(a).times(b) : up(a).times(b);
  return new Decimal(r);
}
const cmpExt = (a: Ext, b: Ext) => {
  if (a === b) return 0;
  if (a === '-inf' || b === 'inf') return -1;
  if (a === 'inf' || b === '-inf') return 1;
  return a.cmp(b);
};
const lo = (r: Range): Ext => r.lo ?? '-inf';
const hi = (r: Range): Ext => r.hi ?? 'inf';
const range = (l: Ext, h: Ext): Range => ({ ...(typeof l !== 'string' ? { lo: l } : {}), ...(typeof h !== 'string' ? { hi: h } : {}) });

function add(a: Range, b: Range): Range {
  return {
    ...(a.lo && b.lo ? { lo: new Decimal(down(a.lo).plus(b.lo)) } : {}),
    ...(a.hi && b.hi ? { hi: new Decimal(up(a.hi).plus(b.hi)) } : {}),
  };
}
const neg = (a: Range): Range => range(a.hi ? a.hi.neg() : '-inf', a.lo ? a.lo.neg() : 'inf');

function mul(a: Range, b: Range): Range {
  const pairs: [Ext, Ext][] = [[lo(a), lo(b)], [lo(a), hi(b)], [hi(a), lo(b)], [hi(a), hi(b)]];
  const lows = pairs.map(([x, y]) => mulExt(x, y, 'down'));
  const highs = pairs.map(([x, y]) => mulExt(x, y, 'up'));
  return range(lows.reduce((m, x) => (cmpExt(x, m) < 0 ? x : m)), highs.reduce((m, x) => (cmpExt(x, m) > 0 ? x : m)));
}

function div(a: Range, b: Range): Range {
  // A divisor that can be 0 (or come arbitrarily close to it from both sides) bounds nothing.
  if (cmpExt(lo(b), new Decimal(0)) <= 0 && cmpExt(hi(b), new Decimal(0)) >= 0) return UNBOUNDED;
  // 1/b for b of one sign: [1/hi, 1/lo], with 1/∞ = 0.
  const inv = (x: Ext, round: 'down' | 'up'): Ext =>
    typeof x === 'string' ? new Decimal(0) : new Decimal(round === 'down' ? new Down(1).div(x) : new Up(1).div(x));
  return mul(a, range(inv(hi(b), 'down'), inv(lo(b), 'up')));
}

const minOf = (xs: Ext[]) => xs.reduce((m, x) => (cmpExt(x, m) < 0 ? x : m));
const maxOf = (xs: Ext[]) => xs.reduce((m, x) => (cmpExt(x, m) > 0 ? x : m));

function bounds(e: Expr, name: (n: string, depth: number) => Range, depth: number): Range {
  switch (e.type) {
    case 'num':
      return { lo: e.value, hi: e.value };
    case 'name':
      return name(e.name, depth);
    case 'unary':
      return e.op === '-' ? neg(bounds(e.arg, name, depth)) : UNBOUNDED;
    case 'binary': {
      const op = e.op;
      if (op !== '+' && op !== '-' && op !== '*' && op !== '/') return UNBOUNDED;
      const a = bounds(e.left, name, depth);
      const b = bounds(e.right, name, depth);
      return op === '+' ? add(a, b) : op === '-' ? add(a, neg(b)) : op === '*' ? mul(a, b) : div(a, b);
    }
    case 'call': {
      const args = e.args.map((x) => bounds(x, name, depth));
      switch (e.fn) {
        case 'min':
          return range(minOf(args.map(lo)), minOf(args.map(hi)));
        case 'max':
          return range(maxOf(args.map(lo)), maxOf(args.map(hi)));
        case 'abs': {
          const a = args[0]!;
          if (a.lo && !a.lo.isNegative()) return a;
          if (a.hi && !a.hi.gt(0)) return neg(a);
          return range(new Decimal(0), maxOf([hi(a), hi(neg(a))]));
        }
        case 'round': // rounding to 0–20 places never leaves [floor(lo), ceil(hi)]
        case 'floor':
        case 'ceil': {
          const a = args[0]!;
          return { ...(a.lo ? { lo: a.lo.floor() } : {}), ...(a.hi ? { hi: a.hi.ceil() } : {}) };
        }
        case 'clamp': {
          const [x, l, h] = args as [Range, Range, Range];
          const floorAt = range(maxOf([lo(x), lo(l)]), maxOf([hi(x), hi(l)]));
          return range(minOf([lo(floorAt), lo(h)]), minOf([hi(floorAt), hi(h)]));
        }
        case 'if': {
          const [, a, b] = args as [Range, Range, Range];
          return range(minOf([lo(a), lo(b)]), maxOf([hi(a), hi(b)]));
        }
      }
    }
  }
}

/**
 * The range of a formula over the declared inputs (metrics are followed through their
 * formulas). Undefined when the formula does not parse. Pass the same `memo` for every formula
 * over the same `names`: each metric's range is then found once, however many formulas read it;
 * `parsed` (metric name → its parsed formula) may be shared by any calls over the same metrics.
 */
export function formulaRange(
  text: string,
  names: ReadonlyMap<string, NameDecl>,
  memo: Map<string, Range> = new Map(),
  parsed: Map<string, Expr | null> = new Map(),
): Range | undefined {
  const parse = (t: string): Expr | null => {
    try {
      return parseFormula(t);
    } catch {
      return null;
    }
  };
  const visiting = new Set<string>();
  const name = (n: string, depth: number): Range => {
    const known = memo.get(n);
    if (known) return known;
    const d = names.get(n);
    if (!d) return UNBOUNDED;
    if (d.source === 'input') return { ...(d.min ? { lo: d.min } : {}), ...(d.max ? { hi: d.max } : {}) };
    if (d.formula === undefined || depth >= MAX_DEPTH || visiting.has(n)) return UNBOUNDED;
    if (!parsed.has(n)) parsed.set(n, parse(d.formula));
    const e = parsed.get(n);
    if (!e) return UNBOUNDED;
    visiting.add(n);
    const r = bounds(e, name, depth + 1);
    visiting.delete(n);
    memo.set(n, r);
    return r;
  };
  const e = parse(text);
  if (!e) return undefined;
  try {
    return bounds(e, name, 0);
  } catch {
    return undefined; // a formula nested beyond the stack: nothing is claimed
  }
}
