import { clamp, Decimal, show, toPlain, ZERO } from '../decimal.js';
import type { Outcome, ScoreContext } from './types.js';

/** Points, as printed in a reason: "1.7", "0.5", "5". */
export const pts = (d: Decimal) => show(d, 6);

/**
 * A figure as printed in a reason: exact when it has at most four decimals (103.4, 100.004),
 * else to two (31/34 → 91.18), so a reason never hides the difference it is about.
 */
export function fig(d: Decimal): string {
  return d.decimalPlaces() <= 4 ? toPlain(d) : show(d, 2);
}

/** A figure with its unit: "103.4%", "5270元", "31人". */
export function withUnit(d: Decimal, unit: string): string {
  return `${fig(d)}${unit}`;
}

/** The word for one unit of difference: 百分点 for percentages, else the unit itself. */
export function unitWord(unit: string): string {
  return unit === '%' ? '个百分点' : unit;
}

/**
 * Settle a rule that computes one exact score: clamp to [0, max] (扣完为止), round, and state
 * what was lost as a single deduction.
 */
export function settle(
  ctx: ScoreContext,
  exact: Decimal,
  reason: (lost: string, clamped: boolean) => string,
): Outcome {
  const score = ctx.round(clamp(exact, ZERO, ctx.max));
  const lost = ctx.max.minus(score);
  if (lost.lte(0)) return { score, deductions: [] };
  return { score, deductions: [{ points: lost, reason: reason(pts(lost), exact.lt(0)) }] };
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① for "1", … ⑳ for "20"; other ids in quotes. */
export function itemMark(id: string): string {
  const n = /^\d+$/.test(id) ? parseInt(id, 10) : NaN;
  return n >= 1 && n <= 20 ? CIRCLED[n - 1]! : `“${id}”`;
}

export { Decimal };
