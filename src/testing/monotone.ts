import * as fc from 'fast-check';
import { Decimal, safeLoadRubric, safeEvaluate, type Indicator, type Rubric, type RuleKind } from '../index.js';
import type { Violation } from './checks.js';
import { arbitraryDecimal } from './inputs.js';
import { dec, indicatorsOf, numbersIn, toPlainData } from './util.js';

/**
 * Rule kinds with a direction: what {@link monotoneCheck} knows how to test.
 * @example monotoneKinds.includes(indicator.kind!) // per_unit, count or bands
 */
export const monotoneKinds: readonly RuleKind[] = ['per_unit', 'count', 'bands'];

/** One rule, taken out of its rubric so that its value can be set directly. */
export interface MonotoneCheck {
  readonly indicator: string;
  readonly kind: RuleKind;
  /** `down`: a larger value never scores more (per_unit above, count); `up`: never less; `either`: bands. */
  readonly direction: 'up' | 'down' | 'either';
  /** Values worth trying: the rule's edges and standards, within the input's declared range. */
  readonly values: fc.Arbitrary<string[]>;
  /** Score the rule at each value and report where the scores go the wrong way. */
  check(values: readonly string[]): Violation[];
}

/**
 * Take the rule of indicator `id` (a `per_unit`, `count` or `bands` leaf) out of its rubric and
 * check that its score moves one way only as its value grows: `per_unit … direction: above` and
 * `count` never give more for a larger value, `per_unit … direction: below` never less, and a
 * `bands` rule never goes up and then down (or down and then up) — the usual slip being a band
 * typed with the wrong score. The rule keeps its max, precision and rounding; its value is set
 * directly, within the declared range of the input it reads (if it reads one by name).
 * Returns `undefined` for other rule kinds.
 * @example
 * const m = monotoneCheck(rubric, '重点支出安排率')!;
 * expect(m.check(['59.99', '60', '75', '80', '95'])).toStrictEqual([]);
 */
export function monotoneCheck(rubric: Rubric, id: string): MonotoneCheck | undefined {
  const leaf: Indicator | undefined = indicatorsOf(rubric).find((n) => n.id === id);
  if (!leaf?.rule || !leaf.kind || !monotoneKinds.includes(leaf.kind)) return undefined;
  const rule = toPlainData(leaf.rule) as Record<string, unknown>;
  const valueName = typeof rule.value === 'string' ? rule.value.trim() : '';
  const declared = rubric.inputs.get(valueName);
  const isCount = leaf.kind === 'count';
  const input: Record<string, unknown> = { type: isCount ? 'count' : 'number' };
  if (declared?.min !== undefined) input.min = dec(declared.min).toFixed();
  if (declared?.max !== undefined) input.max = dec(declared.max).toFixed();
  const doc = {
    id: 'jixiao-monotone',
    name: `${leaf.path} (${leaf.kind})`,
    precision: rubric.precision,
    rounding: rubric.rounding,
    inputs: { v: input },
    indicators: [{ id: 'x', name: leaf.name, max: leaf.max.toFixed(), rule: { ...rule, value: 'v' } }],
  };
  const loaded = safeLoadRubric(doc);
  if (!loaded.success) return undefined; // the value's range makes the isolated rule invalid: nothing to check
  const single = loaded.value;

  const direction: MonotoneCheck['direction'] = leaf.kind === 'bands' ? 'either' : leaf.kind === 'count' ? (rule.effect === 'add' ? 'up' : 'down') : rule.direction === 'above' ? 'down' : 'up';
  const edges: Decimal[] = [];
  if (leaf.kind === 'per_unit') {
    const standard = dec(rule.standard as string);
    const per = rule.per !== undefined ? dec(rule.per as string) : new Decimal(1);
    const sign = rule.direction === 'above' ? 1 : -1;
    edges.push(standard, standard.plus(leaf.max.div(rule.points as string).times(per).times(sign)));
  } else if (leaf.kind === 'count') {
    edges.push(new Decimal(0), new Decimal(1), leaf.max.div(rule.points as string).ceil());
  } else {
    for (const b of (rule.bands as { when: string }[]) ?? []) for (const n of numbersIn(String(b.when))) edges.push(new Decimal(n));
  }
  const lo0 = edges.length ? Decimal.min(...edges) : new Decimal(0);
  const hi0 = edges.length ? Decimal.max(...edges) : new Decimal(100);
  const spread = Decimal.max(10, hi0.minus(lo0));
  let lo = declared?.min !== undefined ? dec(declared.min) : lo0.minus(spread);
  let hi = declared?.max !== undefined ? dec(declared.max) : hi0.plus(spread);
  if (isCount) lo = Decimal.max(lo, 0).ceil();
  if (isCount) hi = Decimal.max(hi.floor(), lo);
  const places = isCount ? 0 : 2;
  const value = arbitraryDecimal({ min: lo, max: Decimal.max(lo, hi), places, edges });
  // Bands are judged on the same probes every run (each edge and one step either side), plus the
  // values drawn, so that a run cannot miss the turn by drawing only one side of it.
  const step = isCount ? new Decimal(1) : new Decimal('0.01');
  const probes = leaf.kind === 'bands' ? edges.flatMap((e) => [e.minus(step), e, e.plus(step)]).filter((d) => d.gte(lo) && d.lte(hi)).map((d) => d.toFixed()) : [];

  const scoreAt = (x: string): Decimal | undefined => {
    const r = safeEvaluate(single, { values: { v: x } });
    return r.success ? new Decimal(r.value.total) : undefined; // a value no band takes is `scorable`'s business
  };

  return {
    indicator: leaf.path,
    kind: leaf.kind,
    direction,
    values: fc.array(value, { minLength: 2, maxLength: 8 }),
    check(values) {
      const points = [...new Set([...values, ...probes])]
        .map((x) => ({ x: new Decimal(x), score: scoreAt(x) }))
        .filter((p): p is { x: Decimal; score: Decimal } => p.score !== undefined)
        .sort((a, b) => a.x.cmp(b.x));
      const show = (ps: typeof points) => ps.map((p) => `${p.x.toFixed()} → ${p.score.toFixed()}`).join(', ');
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1]!;
        const b = points[i]!;
        if (direction === 'down' && b.score.gt(a.score))
          return [{ property: 'monotone', indicator: leaf.path, message: `${leaf.kind} rule scores more for a larger value: ${show([a, b])}` }];
        if (direction === 'up' && b.score.lt(a.score))
          return [{ property: 'monotone', indicator: leaf.path, message: `${leaf.kind} rule scores less for a larger value: ${show([a, b])}` }];
      }
      if (direction === 'either') {
        let up: [typeof points[number], typeof points[number]] | undefined;
        let down: typeof up;
        for (let i = 1; i < points.length; i++) {
          const a = points[i - 1]!;
          const b = points[i]!;
          if (b.score.gt(a.score)) up ??= [a, b];
          if (b.score.lt(a.score)) down ??= [a, b];
        }
        if (up && down)
          return [{ property: 'monotone', indicator: leaf.path, message: `bands go both up (${show(up)}) and down (${show(down)}) as the value grows: check the scores of the bands` }];
      }
      return [];
    },
  };
}

/**
 * {@link monotoneCheck} for every `per_unit`, `count` and `bands` leaf of a rubric, except the
 * indicator ids in `exclude` (a band rule that peaks in the middle on purpose, say).
 * @example for (const m of monotoneChecks(rubric)) expect(m.check(['0', '50', '100'])).toStrictEqual([]);
 */
export function monotoneChecks(rubric: Rubric, exclude: readonly string[] = []): MonotoneCheck[] {
  return indicatorsOf(rubric)
    .filter((n) => n.kind && monotoneKinds.includes(n.kind) && !exclude.includes(n.id))
    .map((n) => monotoneCheck(rubric, n.id))
    .filter((m): m is MonotoneCheck => m !== undefined);
}
