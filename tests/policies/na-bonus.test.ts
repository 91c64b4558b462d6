/**
 * One rule for `rescale` and `exclude`: only the base is brought to scale (rounded once); 加分项
 * and 扣分项 are added after, as they are, then 扣完为止, 总分不超过 and the caps of 一票否决.
 * `rescale` shows that figure as the total; `exclude` grades on it (`excluded.gradedOn`).
 */
import { describe, expect, it } from 'vitest';
import { full, gave, group, judged, na, scored, sheet } from './sheet.js';

const rubric = (policy: 'rescale' | 'exclude', more: object = {}) =>
  sheet({
    notApplicable: policy,
    ...more,
    inputs: { 审计问题数: { type: 'count', unit: '个' } },
    vetoes: [{ id: '整改', name: '未整改的，总分不超过59分', maxTotal: 59 }],
    indicators: [
      judged('甲', 60),
      judged('乙', 40),
      group('加分项', 5, [judged('表彰', 5)], { bonus: true }),
      group('扣分项', 10, [{ id: '审计问题', name: '审计问题', max: 10, rule: { kind: 'count', value: '审计问题数', points: 1 } }], { penalty: true }),
    ],
  });
const evaluation = (甲: string, 表彰: string, 问题: number, vetoes: Record<string, string> = {}) => ({
  values: { 审计问题数: 问题 },
  assessments: { 甲: 甲 === '60' ? full(60) : gave(甲), 乙: na('本年度无此项业务'), 表彰: full(表彰) },
  vetoes,
});

describe('甲 60 + 乙 40 (不适用), 加分 3, 甲 scores 52', () => {
  it('rescale: 52 × 100 ÷ 60 = 86.666… → 86.67, + 3 = 89.67, 良', () => {
    const r = scored(rubric('rescale'), evaluation('52', '3', 0));
    expect([r.total, r.max, r.grade]).toEqual(['89.67', '100', '良']);
  });
  it('exclude: 55 of 60, graded on the same 86.67 + 3 = 89.67, 良 (not (52 + 3) × 100 ÷ 60 = 91.67, 优)', () => {
    const r = scored(rubric('exclude'), evaluation('52', '3', 0));
    expect([r.total, r.max, r.excluded, r.grade]).toEqual(['55', '60', { max: '40', gradedOn: '89.67' }, '良']);
  });
});

describe('both policies give one figure: rescale’s total is exclude’s gradedOn', () => {
  // 甲 of 60 → × 100 ÷ 60, rounded once, then + 表彰 − 审计问题.
  it.each([
    // 53.99 → 89.983… → 89.98 良; 54 → 90 优
    ['53.99', '0', 0, '89.98', '良'],
    ['54', '0', 0, '90', '优'],
    // 扣分项 after: 57 → 95, − 5 = 90 优; − 6 = 89 良
    ['57', '0', 5, '90', '优'],
    ['57', '0', 6, '89', '良'],
    // 加分 over the edge: 53.4 → 89, + 1 = 90 优
    ['53.4', '1', 0, '90', '优'],
    // 扣完为止: 6 → 10, − 10 = 0, not below
    ['6', '0', 10, '0', '差'],
  ])('甲 %s, 表彰 %s, %i 个审计问题 → %s, %s', (甲, 表彰, 问题, figure, grade) => {
    const r = scored(rubric('rescale'), evaluation(甲, 表彰, 问题));
    const e = scored(rubric('exclude'), evaluation(甲, 表彰, 问题));
    expect([r.total, r.grade]).toEqual([figure, grade]);
    expect([e.excluded?.gradedOn, e.grade]).toEqual([figure, grade]);
  });
  it('总分不超过100: 60 → 100, + 5 = 105 → 100 in both', () => {
    const r = scored(rubric('rescale', { maxTotal: 100 }), evaluation('60', '5', 0));
    const e = scored(rubric('exclude', { maxTotal: 100 }), evaluation('60', '5', 0));
    expect([r.total, e.total, e.excluded?.gradedOn]).toEqual(['100', '65', '100']);
  });
  it('一票否决 总分不超过59: exclude grades on at most 59 too — 差, not 59 × 100 ÷ 60 = 98.33, 优', () => {
    const r = scored(rubric('rescale'), evaluation('60', '0', 0, { 整改: '审计发现问题未整改' }));
    const e = scored(rubric('exclude'), evaluation('60', '0', 0, { 整改: '审计发现问题未整改' }));
    expect([r.total, r.grade]).toEqual(['59', '差']);
    expect([e.total, e.excluded?.gradedOn, e.grade]).toEqual(['59', '59', '差']);
  });
});
