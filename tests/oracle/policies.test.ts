/**
 * The policies against an exact-fraction oracle (tests/oracle/fraction.ts), written apart from
 * the evaluator: weighted blocks (max × Σ wᵢ·sᵢ/mᵢ ÷ Σ wᵢ), rescale (Σ s × max ÷ applicable, then
 * 加分项 as it is), exclude (graded on the base brought to the full scale, then 加分项), and 可选项
 * pools (shares apportioned by largest remainder on the score grid, each chosen row scaled to its
 * share) — every result rounded once,
 * as the rubric declares, at precision 0, 1 and 2 and in every rounding mode, with scores biased
 * towards the ties those divisions make.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric, type RubricDocumentInput } from '../../src/index.js';
import { F, type Fraction, type Rounding } from './fraction.js';

const RUNS = 400;
const settings = fc.record({ precision: fc.constantFrom(0, 1, 2), rounding: fc.constantFrom<Rounding>('half-up', 'half-even', 'down', 'up') });
/** A score on the grid in [0, max]: often full, 0, or a half-way figure. */
const scoreIn = (max: number, precision: number) => {
  const units = max * 10 ** precision;
  return fc.oneof(fc.constant(units), fc.constant(0), fc.constant(Math.floor(units / 2)), fc.integer({ min: 0, max: units })).map((u) => F(BigInt(u)).div(F(10n ** BigInt(precision))));
};
const text = (x: Fraction) => x.toString();
const load = (doc: object) => {
  const r = safeLoadRubric({ id: 'oracle', name: '对照', ...doc } as RubricDocumentInput);
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
};
const score = (doc: object, assessments: Record<string, unknown>) => {
  const r = safeEvaluate(load(doc), { assessments } as never);
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
};
const judged = (id: string, max: number | string, more: Record<string, unknown> = {}) => ({ id, name: id, max, rule: { kind: 'judgement' }, ...more });
const given = (s: Fraction) => ({ score: text(s), reason: '对照' });

/** Largest remainder on the grid: floors, then one step each to the largest remainders, first first. */
function apportion(total: Fraction, weights: Fraction[], step: Fraction): Fraction[] {
  const sum = weights.reduce((a, w) => a.plus(w), F(0));
  const exact = weights.map((w) => w.times(total).div(sum).div(step));
  const floors = exact.map((x) => x.floor());
  let left = total.div(step).floor().minus(floors.reduce((a, f) => a.plus(f), F(0)));
  const order = exact.map((x, i) => ({ i, rem: x.minus(floors[i]!) })).sort((a, b) => b.rem.cmp(a.rem) || a.i - b.i);
  const out = floors.slice();
  for (const { i } of order) {
    if (!left.gt(0)) break;
    out[i] = out[i]!.plus(1);
    left = left.minus(1);
  }
  return out.map((u) => u.times(step));
}

describe('weighted blocks against the oracle', () => {
  it('max × Σ wᵢ·sᵢ/mᵢ ÷ Σ wᵢ, rounded once', () => {
    const rows = fc.array(fc.record({ max: fc.integer({ min: 1, max: 100 }), weight: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 60 }), rows, (s, max, kids) =>
        fc.assert(
          fc.property(fc.tuple(...kids.map((k) => scoreIn(k.max, s.precision))), (scores) => {
            const weights = kids.map((k, i) => (i === 0 ? Math.max(1, k.weight) : k.weight));
            const doc = { ...s, indicators: [{ id: 'B', name: 'B', max, combine: 'weighted', children: kids.map((k, i) => judged(`c${i}`, k.max, { weight: weights[i] })) }] };
            const r = score(doc, Object.fromEntries(scores.map((x, i) => [`c${i}`, given(x)])));
            const w = weights.reduce((a, x) => a.plus(x), F(0));
            const ws = kids.reduce((a, k, i) => a.plus(F(weights[i]!).times(scores[i]!).div(k.max)), F(0));
            expect(r.total).toBe(text(F(max).times(ws).div(w).round(s.precision, s.rounding)));
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('rescale and exclude against the oracle', () => {
  const leaves = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 5 });
  it('rescale: Σ s × max ÷ applicable + 加分; exclude: the total, and gradedOn = Σ s × max ÷ (max − removed) + 加分', () =>
    fc.assert(
      fc.property(settings, fc.constantFrom('rescale' as const, 'exclude' as const), leaves, fc.nat(), (s, policy, maxes, pick) =>
        fc.assert(
          fc.property(fc.tuple(...maxes.map((m) => scoreIn(m, s.precision))), scoreIn(5, s.precision), (scores, bonus) => {
            const total = maxes.reduce((a, m) => a + m, 0);
            const marked = pick % maxes.length;
            // A 加分项 outside the base: added after the base is brought to scale, never scaled.
            const doc = { ...s, notApplicable: policy, notApplicableLimit: total, indicators: [...maxes.map((m, i) => judged(`c${i}`, m)), judged('加分', 5, { bonus: true })] };
            const r = score(doc, { ...Object.fromEntries(scores.map((x, i) => [`c${i}`, i === marked ? { notApplicable: true } : given(x)])), 加分: given(bonus) });
            const raw = scores.reduce((a, x, i) => (i === marked ? a : a.plus(x)), F(0));
            const left = F(total - maxes[marked]!);
            const onScale = raw.times(total).div(left).round(s.precision, s.rounding).plus(bonus);
            if (policy === 'rescale') expect(r.total).toBe(text(onScale));
            else {
              expect([r.total, r.max]).toEqual([text(raw.plus(bonus)), text(left)]);
              expect(r.excluded?.gradedOn).toBe(text(onScale));
            }
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: RUNS },
    ));
});

describe('可选项 pools against the oracle', () => {
  it('shares by largest remainder on the grid, each chosen row scaled to its share', () => {
    const rows = fc.array(fc.record({ max: fc.integer({ min: 1, max: 30 }), chosen: fc.boolean() }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 60 }), fc.constantFrom('weights' as const, 'equal' as const), rows, (s, max, split, kids) => {
        const chosen = kids.map((k, i) => k.chosen || i === 0);
        return fc.assert(
          fc.property(fc.tuple(...kids.map((k) => scoreIn(k.max, s.precision))), (scores) => {
            const doc = { ...s, indicators: [{ id: 'P', name: 'P', max, pool: { split }, children: kids.map((k, i) => judged(`c${i}`, k.max)) }] };
            const r = score(doc, Object.fromEntries(scores.map((x, i) => [`c${i}`, chosen[i] ? given(x) : { notApplicable: true }])));
            const idx = kids.map((_, i) => i).filter((i) => chosen[i]);
            const step = F(1n).div(F(10n ** BigInt(s.precision)));
            const shares = apportion(F(max), idx.map((i) => (split === 'equal' ? F(1) : F(kids[i]!.max))), step);
            const expected = idx.map((i, k) => scores[i]!.times(shares[k]!).div(kids[i]!.max).round(s.precision, s.rounding));
            const pool = r.indicators[0]!;
            expect(idx.map((i) => [pool.children![i]!.max, pool.children![i]!.score])).toEqual(idx.map((_, k) => [text(shares[k]!), text(expected[k]!)]));
            expect(r.total).toBe(text(expected.reduce((a, x) => a.plus(x), F(0))));
          }),
          { numRuns: 3 },
        );
      }),
      { numRuns: RUNS },
    );
  });
});
