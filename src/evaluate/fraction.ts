/**
 * A percentage written as a fraction: 0.9235 for 92.35% (what Excel stores for a cell shown as a
 * percentage), against a rule whose standard or thresholds are in percentage points (≥90, 以100%
 * 为标准). Scored as written — 0.9235 percentage points — it costs every point; the result says so
 * with a `percent_as_fraction` warning at the figure, and leaves the score as it is.
 */
import { Decimal } from '../decimal.js';
import { Exact, HUNDRED, ONE, ZERO } from '../exact.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import type { Indicator, Rubric } from '../rubric/types.js';
import type { ValidInput } from './input.js';

/** Thresholds all at or above this, for a figure in (0, 1], say the figure is a fraction of what the rules read. */
const FAR_ABOVE = Exact.int(10);
const cache = new WeakMap<Rubric, Map<string, Exact>>();

/** The numbers written in a rule's standard, thresholds or target (`≥90`, `[80, 90)`, `≥95%`). */
function thresholdsOf(rule: Record<string, unknown>): Exact[] {
  const texts: unknown[] = [rule.standard, rule.zeroBeyond, rule.target];
  if (Array.isArray(rule.bands)) for (const b of rule.bands as unknown[]) if (b !== null && typeof b === 'object') texts.push((b as Record<string, unknown>).when);
  const out: Exact[] = [];
  for (const t of texts) {
    if (t instanceof Decimal) out.push(Exact.fromDecimal(t));
    else if (typeof t === 'string' || typeof t === 'number') for (const m of String(t).matchAll(/(?<![\d.])-?\d+(?:\.\d+)?/g)) out.push(Exact.parse(m[0]));
  }
  return out;
}

/**
 * Each percent input a rule reads directly (its `value` is the input's name) whose rules' smallest
 * threshold is {@link FAR_ABOVE} or more, with that threshold: found once per rubric.
 */
function smallestThresholds(rubric: Rubric): Map<string, Exact> {
  const known = cache.get(rubric);
  if (known) return known;
  const out = new Map<string, Exact>();
  const visit = (nodes: readonly Indicator[]) => {
    for (const n of nodes) {
      const rule = n.rule as unknown as Record<string, unknown> | undefined;
      if (rule && typeof rule.value === 'string') {
        const name = rule.value.trim();
        if (rubric.inputs.get(name)?.type === 'percent') {
          for (const t of thresholdsOf(rule)) {
            const was = out.get(name);
            if (was === undefined || t.cmp(was) < 0) out.set(name, t);
          }
        }
      }
      visit(n.children);
    }
  };
  visit(rubric.indicators);
  for (const [name, t] of out) if (t.cmp(FAR_ABOVE) < 0) out.delete(name);
  cache.set(rubric, out);
  return out;
}

/** The percent inputs a `percent_as_fraction` warning may be about (see {@link fractionWarnings}). */
export function fractionInputs(rubric: Rubric): string[] {
  return [...smallestThresholds(rubric).keys()];
}

/**
 * `percent_as_fraction` warnings: a percent figure in (0, 1] read by rules whose every standard and
 * threshold is 10 or more (percentage points): such a figure is below everything the rules tell
 * apart, which a rate like 预算调整率 (bands from 0) is not.
 */
export function fractionWarnings(rubric: Rubric, input: ValidInput): Issue[] {
  const smallest = smallestThresholds(rubric);
  if (smallest.size === 0) return [];
  const out: Issue[] = [];
  for (const name of smallest.keys()) {
    const v = input.values.get(name);
    if (v === undefined || v.cmp(ZERO) <= 0 || v.cmp(ONE) > 0) continue;
    out.push(fractionWarning(rubric, name, v));
  }
  return out;
}

/** The `percent_as_fraction` warning of one of {@link fractionInputs}, whose figure `v` is in (0, 1]. */
export function fractionWarning(rubric: Rubric, name: string, v: Exact): Issue {
  const threshold = smallestThresholds(rubric).get(name)!;
  const label = rubric.inputs.get(name)?.label ?? name;
  return makeIssue('percent_as_fraction', { input: label, value: v.toPlain(), points: v.times(HUNDRED).toPlain(), threshold: threshold.toPlain() }, { path: ['values', name], severity: 'warning' });
}
