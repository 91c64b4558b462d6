import { Decimal, type Indicator, type IndicatorResult, type Rubric, type ScoreResult } from '../index.js';

/** A Decimal from this or any other copy of decimal.js (ESM and CJS builds are two copies). */
export function isDecimalLike(x: unknown): x is Decimal {
  return typeof x === 'object' && x !== null && typeof (x as { toFixed?: unknown }).toFixed === 'function' && 'd' in x && 'e' in x && 's' in x;
}

/** Deep copy with every Decimal written as its plain decimal string: a compiled rule back as YAML data. */
export function toPlainData(x: unknown): unknown {
  if (isDecimalLike(x)) return new Decimal(x.toString()).toFixed();
  if (Array.isArray(x)) return x.map(toPlainData);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = toPlainData(v);
    return out;
  }
  return x;
}

export const dec = (x: Decimal | string | number): Decimal => new Decimal(isDecimalLike(x) ? x.toString() : x);

/** Every indicator of a rubric, depth first. */
export function indicatorsOf(rubric: Rubric): Indicator[] {
  const out: Indicator[] = [];
  const walk = (ns: readonly Indicator[]) => ns.forEach((n) => (out.push(n), walk(n.children)));
  walk(rubric.indicators);
  return out;
}

/** Every leaf (indicator with a rule). */
export const leavesOfRubric = (rubric: Rubric): Indicator[] => indicatorsOf(rubric).filter((n) => n.rule !== undefined);

/** Every node of a result, depth first. */
export function resultNodes(result: ScoreResult): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const walk = (ns: readonly IndicatorResult[]) => ns.forEach((n) => (out.push(n), walk(n.children ?? [])));
  walk(result.indicators);
  return out;
}

/** Numbers written in a piece of rule text (band edges, targets, formula constants). */
export function numbersIn(text: string): string[] {
  const ascii = text.replace(/[０-９．－]/g, (c) => (c === '．' ? '.' : c === '－' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return [...ascii.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => m[0]);
}

/** Short JSON for messages. */
export function brief(x: unknown, max = 600): string {
  let s: string;
  try {
    s = JSON.stringify(x);
  } catch {
    s = String(x);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The Decimal rounding mode for a rubric's `rounding` name. */
export function roundingMode(name: Rubric['rounding']): Parameters<Decimal['toDecimalPlaces']>[1] {
  switch (name) {
    case 'half-even':
      return Decimal.ROUND_HALF_EVEN;
    case 'down':
      return Decimal.ROUND_DOWN;
    case 'up':
      return Decimal.ROUND_UP;
    default:
      return Decimal.ROUND_HALF_UP;
  }
}

/** An exact fraction n/d (d > 0) of plain decimal strings: the checks' own arithmetic, apart from the scorer's. */
export type Fraction = readonly [bigint, bigint];

/** A plain decimal string as a fraction. */
export function fraction(text: string): Fraction {
  const [int, frac = ''] = new Decimal(text).toFixed().split('.');
  return [BigInt(int! + frac), 10n ** BigInt(frac.length)];
}

export const fPlus = (a: Fraction, b: Fraction): Fraction => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
export const fTimes = (a: Fraction, b: Fraction): Fraction => [a[0] * b[0], a[1] * b[1]];
/** a ÷ b, b ≠ 0. */
export const fDiv = (a: Fraction, b: Fraction): Fraction => (b[0] < 0n ? [-a[0] * b[1], a[1] * -b[0]] : [a[0] * b[1], a[1] * b[0]]);

/** A fraction rounded to `places` decimals by the rubric's rounding, as a plain decimal string. */
export function fRound(x: Fraction, places: number, rounding: Rubric['rounding']): string {
  const scale = 10n ** BigInt(places);
  const n = x[0] * scale;
  const d = x[1];
  const neg = n < 0n;
  const an = neg ? -n : n;
  let q = an / d;
  const r = an % d;
  if (r !== 0n) {
    const twice = 2n * r;
    const up =
      rounding === 'up' ? true
      : rounding === 'down' ? false
      : rounding === 'half-even' ? twice > d || (twice === d && q % 2n === 1n)
      : twice >= d;
    if (up) q += 1n;
  }
  return new Decimal((neg ? -q : q).toString()).div(scale.toString()).toFixed();
}
