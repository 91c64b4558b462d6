/**
 * Review at scale: the summary of a batch of reviews, and the seeded stratified sample (抽查).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledRubric } from '../../src/index.js';
import { review, type FiledForm } from '../../src/entries/review.js';
import { sampleForms, summarizeReviews, type ReviewedForm } from '../../src/review/summary.js';

const national = loadBundledRubric('project-self-evaluation');
/** A national form: 预算执行率 10 (100 of 100), and one row per section scored as filed. */
const form = (output: number, outcome: number, satisfaction: number, total: number): FiledForm => ({
  values: { 全年预算数: 100, 全年执行数: 100 },
  rows: {
    产出指标: [{ name: '培训人次', target: '≥500人次', actual: '500人次', weight: 50, filed: output, reason: '说明' }],
    效益指标: [{ name: '知晓率', target: '≥90%', actual: '90%', weight: 30, filed: outcome, reason: '说明' }],
    满意度指标: [{ name: '满意度', target: '≥90%', actual: '90%', weight: 10, filed: satisfaction, reason: '说明' }],
  },
  filed: { scores: { 预算执行率: 10 }, total },
});
const reviewed = (id: string, f: FiledForm, group?: string): ReviewedForm => ({ id, ...(group ? { group } : {}), review: review(national, f) });

describe('summarizeReviews', () => {
  // A: clean (100). B: 产出 filed 44 (−6), total 94 = its figures. C: 效益 29 (−1), 满意度 9.5 (−0.5), total 99 (its figures add to 98.5: +0.5).
  const s = summarizeReviews([
    reviewed('A', form(50, 30, 10, 100), '甲局'),
    reviewed('B', form(44, 30, 10, 94), '乙局'),
    reviewed('C', form(50, 29, 9.5, 99), '甲局'),
    { id: 'D', issues: [] },
  ]);

  it('counts: 4 forms, 1 clean, 1 refused; rule departures in 2 forms (3 findings), arithmetic in 1', () => {
    expect([s.forms, s.clean, s.refused, s.accepted]).toStrictEqual([4, 1, 1, 0]);
    expect(s.byClass.rule).toStrictEqual({ forms: 2, findings: 3 });
    expect(s.byClass.arithmetic).toStrictEqual({ forms: 1, findings: 1 });
    expect(s.byClass.reason).toStrictEqual({ forms: 0, findings: 0 });
  });

  it('filed − rule in bands: −6 in (−∞, −5], −1 in (−5, −1], −0.5 in (−1, 0); totals: 94 − 100 = −6, 99 − 100 = −1', () => {
    expect(s.differences.map((d) => d.count)).toStrictEqual([1, 1, 1, 0, 0, 0]);
    expect(s.totals.map((d) => d.count)).toStrictEqual([1, 1, 0, 0, 0, 0]);
  });

  it('the largest first; follow-up by errors (C: 3, B: 1), then points off', () => {
    expect(s.largest.map((x) => [x.id, x.difference])).toStrictEqual([['B', '-6'], ['C', '-1'], ['C', '-0.5']]);
    expect(s.followUp.map((f) => [f.id, f.group, f.errors, f.departure])).toStrictEqual([['C', '甲局', 3, '1.5'], ['B', '乙局', 1, '6']]);
  });
});

describe('sampleForms (抽查)', () => {
  const ids = (n: number, stratum = '甲局') => Array.from({ length: n }, (_, i) => ({ id: `F${i}`, stratum }));

  it('⌈n × 10%⌉ of each stratum: 10 → 1, 11 → 2, 20 → 2, 1 → 1; 100% is all', () => {
    for (const [n, k] of [[10, 1], [11, 2], [20, 2], [1, 1]] as const) expect(sampleForms(ids(n), { percent: 10, seed: 7 }), String(n)).toHaveLength(k);
    expect(sampleForms(ids(7), { percent: 100, seed: 7 })).toHaveLength(7);
    expect(sampleForms(ids(200), { percent: '12.5', seed: 7 })).toHaveLength(25);
  });

  it('stratified: each stratum its own share', () => {
    const s = sampleForms([...ids(30, '甲局'), ...ids(5, '乙局').map((x) => ({ ...x, id: `G${x.id}` }))], { percent: 10, seed: 1 });
    expect(s.map((x) => x.stratum)).toStrictEqual(['乙局', '甲局', '甲局', '甲局']);
  });

  it('property: the same seed gives the same sample whatever the order of the forms; each stratum gives ⌈n·p/100⌉ of its own', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('甲', '乙', '丙')), { selector: (x) => x[0], maxLength: 60 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer(),
        (list, p, seed) => {
          const items = list.map(([id, stratum]) => ({ id, stratum }));
          const a = sampleForms(items, { percent: p, seed });
          const b = sampleForms([...items].reverse(), { percent: p, seed });
          expect(b).toStrictEqual(a);
          for (const st of ['甲', '乙', '丙']) {
            const n = items.filter((x) => x.stratum === st).length;
            const taken = a.filter((x) => x.stratum === st);
            expect(taken.length).toBe(Math.ceil((n * p) / 100));
            for (const t of taken) expect(items).toContainEqual(t);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
