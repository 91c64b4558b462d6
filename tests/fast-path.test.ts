/**
 * The exact fast path against the general exact type. src/exact.ts holds a value in plain safe
 * integers while numerator and denominator fit and in BigInt beyond; tests/oracle/exact-bigint.ts
 * is the BigInt-only type it replaced. jixiao is loaded twice, once with each, and every result
 * (scores, reasons, figures, issues, warnings) must be the same JSON string.
 *
 * Inputs: generated for every bundled rubric, with figures across the whole declared range (so
 * products and quotients leave the safe range and fall back), and generated rubrics of every
 * rule kind. Sizes: JIXIAO_FAST_RUNS inputs per bundled rubric (default 1 500 here;
 * `npm run bench:differential` runs 150 000 per rubric, over a million in all). Seed printed,
 * replay with JIXIAO_FAST_SEED.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

const RUNS = Number(process.env.JIXIAO_FAST_RUNS ?? 1500);
const SEED = Number(process.env.JIXIAO_FAST_SEED ?? process.env.JIXIAO_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`fast-path seed ${SEED} — replay with JIXIAO_FAST_SEED=${SEED}`);

type Jixiao = typeof import('../src/index.js');
type Kit = typeof import('../src/testing/index.js');

const fast: Jixiao = await import('../src/index.js');
const kit: Kit = await import('../src/testing/index.js');
vi.resetModules();
vi.doMock('../src/exact.js', () => import('./oracle/exact-bigint.js'));
const general: Jixiao = await import('../src/index.js');
const { Exact: GeneralExact } = await import('../src/exact.js');
vi.doUnmock('../src/exact.js');

const json = (x: unknown) => JSON.stringify(x);

describe('the exact fast path scores exactly as the general exact type', () => {
  it('is really two implementations', () => {
    expect(GeneralExact.parse('1.5').isSmall()).toBe(false);
    const a = fast.loadBundledRubric('hunan-department');
    const b = general.loadBundledRubric('hunan-department');
    expect(a.plan.maxExact.isSmall()).toBe(true);
    expect(b.plan.maxExact.isSmall()).toBe(false);
  });

  for (const id of fast.bundledRubricIds) {
    it(`on ${RUNS} generated inputs of ${id}`, () => {
      const a = fast.loadBundledRubric(id);
      const b = general.loadBundledRubric(id);
      let scored = 0;
      fc.assert(
        fc.property(kit.arbitraryInput(a), (input) => {
          const x = json(fast.safeEvaluate(a, input));
          const y = json(general.safeEvaluate(b, input));
          if (x !== y) throw new Error(`${x.slice(0, 600)}\n≠ ${y.slice(0, 600)}`);
          if (x.startsWith('{"success":true')) scored++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Most inputs score: otherwise this compares error messages only.
      expect(scored).toBeGreaterThan(RUNS / 2);
    });
  }

  // A metric computed by the compiled formula steps reads each figure's safe-integer pair; a
  // figure held otherwise (here by the BigInt-only type) is left to the formulas, never a loop.
  it('a metric over figures the other type holds (在职人数 1 / 编制人数 1000 × 100 = 0.1%)', () => {
    const doc = {
      id: 'metric', name: '控制率', grades: [{ grade: '合格', min: 0 }],
      inputs: { 在职人数: { type: 'count' }, 编制人数: { type: 'count', min: 1 } },
      metrics: { 在职人员控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
      indicators: [{ id: 'x', name: '财政供养人员控制率', max: 5, rule: { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 } }],
    };
    const input = { values: { 在职人数: '1', 编制人数: '1000' } };
    const x = json(fast.safeEvaluate(fast.loadRubric(doc), input));
    expect(json(general.safeEvaluate(general.loadRubric(doc), input))).toBe(x);
    expect(x).toContain('"在职人员控制率":"0.1"');
  });

  it('on generated rubrics of every rule kind, every 不适用 policy and precision', () => {
    fc.assert(
      fc.property(kit.arbitraryRubricDocument().chain((doc) => {
        const a = fast.loadRubric(doc);
        return fc.tuple(fc.constant(doc), fc.constant(a), fc.array(kit.arbitraryInput(a), { minLength: 5, maxLength: 5 }));
      }), ([doc, a, inputs]) => {
        const b = general.loadRubric(doc);
        for (const input of inputs) {
          const x = json(fast.safeEvaluate(a, input));
          const y = json(general.safeEvaluate(b, input));
          if (x !== y) throw new Error(`${x.slice(0, 600)}\n≠ ${y.slice(0, 600)}`);
        }
      }),
      { numRuns: Math.max(50, Math.round(RUNS / 10)), seed: SEED },
    );
  });
});
