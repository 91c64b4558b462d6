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
