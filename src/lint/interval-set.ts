import { Decimal } from '../decimal.js';
import type { Interval } from '../rules/interval.js';

/**
 * Exact interval arithmetic for the linter: edges are Decimals, each inclusive or exclusive,
 * a missing edge is infinite. A set of reals is a list of disjoint intervals.
 */

/** (-∞, +∞). */
export const EVERYTHING: Interval = { loInclusive: false, hiInclusive: false };

/** True when no real number lies in the interval. */
export function isEmpty(iv: Interval): boolean {
  if (!iv.lo || !iv.hi) return false;
  const c = iv.lo.cmp(iv.hi);
  return c > 0 || (c === 0 && !(iv.loInclusive && iv.hiInclusive));
}

/** The common part of two intervals, or undefined. */
export function intersect(a: Interval, b: Interval): Interval | undefined {
  const out: Interval = { loInclusive: false, hiInclusive: false };
  if (!a.lo || !b.lo) {
    const from = a.lo ? a : b;
    if (from.lo) {
      out.lo = from.lo;
      out.loInclusive = from.loInclusive;
    }
  } else {
    const c = a.lo.cmp(b.lo);
    out.lo = c >= 0 ? a.lo : b.lo;
    out.loInclusive = c > 0 ? a.loInclusive : c < 0 ? b.loInclusive : a.loInclusive && b.loInclusive;
  }
  if (!a.hi || !b.hi) {
    const from = a.hi ? a : b;
    if (from.hi) {
      out.hi = from.hi;
      out.hiInclusive = from.hiInclusive;
    }
  } else {
    const c = a.hi.cmp(b.hi);
    out.hi = c <= 0 ? a.hi : b.hi;
    out.hiInclusive = c < 0 ? a.hiInclusive : c > 0 ? b.hiInclusive : a.hiInclusive && b.hiInclusive;
  }
  return isEmpty(out) ? undefined : out;
}

/** `a` without `b`: zero, one or two intervals. */
export function subtract(a: Interval, b: Interval): Interval[] {
  const x = intersect(a, b);
  if (!x) return [a];
  const out: Interval[] = [];
  if (x.lo) {
    const left: Interval = { loInclusive: a.loInclusive, hi: x.lo, hiInclusive: !x.loInclusive };
    if (a.lo) left.lo = a.lo;
    if (!isEmpty(left)) out.push(left);
  }
  if (x.hi) {
    const right: Interval = { lo: x.hi, loInclusive: !x.hiInclusive, hiInclusive: a.hiInclusive };
    if (a.hi) right.hi = a.hi;
    if (!isEmpty(right)) out.push(right);
  }
  return out;
}

/** A set of intervals without `b`. */
export function subtractAll(set: readonly Interval[], b: Interval): Interval[] {
  return set.flatMap((iv) => subtract(iv, b));
}

/** True when some whole number lies in the interval. */
export function containsInteger(iv: Interval): boolean {
  if (isEmpty(iv)) return false;
  if (!iv.lo || !iv.hi) return true;
  let n = iv.lo.ceil();
  if (n.eq(iv.lo) && !iv.loInclusive) n = n.plus(1);
  const c = n.cmp(iv.hi);
  return c < 0 || (c === 0 && iv.hiInclusive);
}

/** The interval as written in band tables: `[80, 90)`, `(-∞, 60)`, `{0}`. */
export function showInterval(iv: Interval): string {
  if (iv.lo && iv.hi && iv.lo.eq(iv.hi)) return `{${iv.lo.toFixed()}}`;
  const lo = iv.lo ? iv.lo.toFixed() : '-∞';
  const hi = iv.hi ? iv.hi.toFixed() : '+∞';
  return `${iv.lo && iv.loInclusive ? '[' : '('}${lo}, ${hi}${iv.hi && iv.hiInclusive ? ']' : ')'}`;
}

/** A closed range from optional bounds: [min, max]. */
export function closedRange(min?: Decimal, max?: Decimal): Interval {
  const iv: Interval = { loInclusive: min !== undefined, hiInclusive: max !== undefined };
  if (min !== undefined) iv.lo = min;
  if (max !== undefined) iv.hi = max;
  return iv;
}

export { Decimal };
