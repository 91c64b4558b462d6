import { parseDecimal, show, type Decimal } from '../decimal.js';
import { Exact } from '../exact.js';

/** An interval with explicit edges; a missing edge is infinite. */
export interface Interval {
  lo?: Decimal;
  loInclusive: boolean;
  hi?: Decimal;
  hiInclusive: boolean;
}

const FULL: Record<string, string> = { '≧': '>=', '≥': '>=', '≦': '<=', '≤': '<=', '＞': '>', '＜': '<', '＝': '=', '（': '(', '）': ')', '，': ',', '［': '[', '］': ']', '－': '-', '＋': '+' };

function normalise(text: string): string {
  return Array.from(text)
    .map((c) => FULL[c] ?? c)
    .join('')
    .replace(/\s+/g, '')
    .replace(/%|％/g, '');
}

function edge(s: string): Decimal | 'inf' | '-inf' | undefined {
  if (s === '' ) return undefined;
  if (/^\+?(∞|inf|infinity)$/i.test(s)) return 'inf';
  if (/^-(∞|inf|infinity)$/i.test(s)) return '-inf';
  const r = parseDecimal(s);
  return r.ok ? r.value : undefined;
}

/**
 * Parse a band edge specification: `[80, 90)`, `(0, 10]`, `[90, +∞)`, `≥90`, `<60`, `=0`.
 * Percent signs are ignored (values are in percentage points). Returns undefined if unreadable.
 */
export function parseInterval(text: string): Interval | undefined {
  const s = normalise(text);
  const cmp = /^(>=|<=|==|=|>|<)(.+)$/.exec(s);
  if (cmp) {
    const v = edge(cmp[2]!);
    if (v === undefined || typeof v === 'string') return undefined;
    switch (cmp[1]) {
      case '>=': return { lo: v, loInclusive: true, hiInclusive: false };
      case '>': return { lo: v, loInclusive: false, hiInclusive: false };
      case '<=': return { hi: v, hiInclusive: true, loInclusive: false };
      case '<': return { hi: v, hiInclusive: false, loInclusive: false };
      default: return { lo: v, loInclusive: true, hi: v, hiInclusive: true };
    }
  }
  const iv = /^([[(])([^,]*),([^,]*)([\])])$/.exec(s);
  if (!iv) return undefined;
  const lo = edge(iv[2]!);
  const hi = edge(iv[3]!);
  if (lo === undefined || hi === undefined || lo === 'inf' || hi === '-inf') return undefined;
  const out: Interval = { loInclusive: iv[1] === '[' && lo !== '-inf', hiInclusive: iv[4] === ']' && hi !== 'inf' };
  if (lo !== '-inf') out.lo = lo;
  if (hi !== 'inf') out.hi = hi;
  if (out.lo && out.hi && (out.lo.gt(out.hi) || (out.lo.eq(out.hi) && !(out.loInclusive && out.hiInclusive)))) return undefined;
  return out;
}

export function contains(iv: Interval, v: Decimal): boolean {
  if (iv.lo) {
    if (iv.loInclusive ? v.lt(iv.lo) : v.lte(iv.lo)) return false;
  }
  if (iv.hi) {
    if (iv.hiInclusive ? v.gt(iv.hi) : v.gte(iv.hi)) return false;
  }
  return true;
}

/** A membership test on exact values, with the edges converted once. */
export function exactContains(iv: Interval): (v: Exact) => boolean {
  const lo = iv.lo === undefined ? undefined : Exact.fromDecimal(iv.lo);
  const hi = iv.hi === undefined ? undefined : Exact.fromDecimal(iv.hi);
  const { loInclusive, hiInclusive } = iv;
  return (v) => {
    if (lo !== undefined && (loInclusive ? v.lt(lo) : v.lte(lo))) return false;
    if (hi !== undefined && (hiInclusive ? v.gt(hi) : v.gte(hi))) return false;
    return true;
  };
}

/** The interval as a sheet writes it: `≥90%`, `80%（含）-90%`, `低于60%`, `=0`. */
export function describeInterval(iv: Interval, unit = ''): string {
  const f = (d: Decimal) => `${show(d, 6)}${unit}`;
  if (iv.lo && iv.hi) {
    if (iv.lo.eq(iv.hi)) return `=${f(iv.lo)}`;
    return `${f(iv.lo)}${iv.loInclusive ? '（含）' : ''}-${f(iv.hi)}${iv.hiInclusive ? '（含）' : ''}`;
  }
  if (iv.lo) return `${iv.loInclusive ? '≥' : '>'}${f(iv.lo)}`;
  if (iv.hi) return `${iv.hiInclusive ? '≤' : '<'}${f(iv.hi)}`;
  return '任意值';
}

/** Interval notation: `[80, 90)`. */
export function intervalNotation(iv: Interval): string {
  const lo = iv.lo ? show(iv.lo, 10) : '-∞';
  const hi = iv.hi ? show(iv.hi, 10) : '+∞';
  return `${iv.loInclusive ? '[' : '('}${lo}, ${hi}${iv.hiInclusive ? ']' : ')'}`;
}
