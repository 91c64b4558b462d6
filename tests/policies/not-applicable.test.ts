/**
 * 不适用 per indicator or subtree: `full` (按满分计算), `rescale` (按百分制折算), `exclude` (the
 * parent's max reduced), `forbidden`; and the limit on what one evaluation may remove.
 */
import { describe, expect, it } from 'vitest';
import { expectIssue } from '../helpers.js';
import { at, full, gave, group, judged, na, refused, scored, sheet, shown } from './sheet.js';

describe('full: 没有楼堂馆所项目的部门按满分计算', () => {
  const rubric = sheet({
    indicators: [
      group('资产管理', 10, [
        judged('楼堂馆所', 4, { notApplicable: 'full', standard: '楼堂馆所项目按规定审批、建设。没有楼堂馆所项目的部门按满分计算' }),
        judged('资产管理制度', 6),
      ]),
      judged('其他', 90),
    ],
  });

  it('楼堂馆所 marked 不适用 scores its 4 points: 4 + 5 + 85 = 94, 优', () => {
    const r = scored(rubric, { assessments: { 楼堂馆所: na('本年度没有楼堂馆所项目'), 资产管理制度: gave(5), 其他: gave(85) } });
    expect([shown(r, '资产管理.楼堂馆所'), shown(r, '资产管理'), r.total, r.max, r.grade]).toEqual(['4/4', '10/9', '94', '100', '优']);
    expect(at(r, '资产管理.楼堂馆所')).toMatchObject({ notApplicable: true, remark: '本年度没有楼堂馆所项目', deductions: [] });
    expect([r.rescaled, r.excluded]).toEqual([undefined, undefined]);
  });

  it('its sibling follows the rubric (forbidden by default): not_applicable_forbidden', () =>
    expectIssue(refused(rubric, { assessments: { 楼堂馆所: full(4), 资产管理制度: na(), 其他: full(90) } }), {
      code: 'not_applicable_forbidden',
      path: ['assessments', '资产管理制度', 'notApplicable'],
    }));

  it('a parent with `full` passes it to its children', () => {
    const inherited = sheet({ indicators: [group('资产管理', 10, [judged('楼堂馆所', 4), judged('房屋', 6)], { notApplicable: 'full' }), judged('其他', 90)] });
    const r = scored(inherited, { assessments: { 楼堂馆所: na(), 房屋: gave(3), 其他: full(90) } });
    expect([shown(r, '资产管理.楼堂馆所'), shown(r, '资产管理'), r.total]).toEqual(['4/4', '10/7', '97']);
  });

  it('full marks remove nothing: a 60-point indicator 按满分 is within any limit', () => {
    const big = sheet({ indicators: [judged('甲', 60, { notApplicable: 'full' }), judged('乙', 40)] });
    const r = scored(big, { assessments: { 甲: na(), 乙: gave(30) } });
    expect([r.total, r.grade]).toEqual(['90', '优']);
  });
});

describe('rescale: 不考核该指标，用适用指标得分汇总后按百分制对该项目折算计分', () => {
  const rubric = sheet({
    notApplicable: 'rescale',
    indicators: [group('投入', 20, [judged('预算编制', 10), judged('政府采购', 10)]), judged('过程', 30), judged('产出', 50)],
  });
  const input = (产出: string) => ({ assessments: { 预算编制: gave(9), 政府采购: na('本年度无政府采购'), 过程: gave(27), 产出: gave(产出) } });

  it('政府采购 不适用: 81 of the applicable 90 → 81 × 100 ÷ 90 = 90, 优', () => {
    const r = scored(rubric, input('45'));
    expect([r.total, r.max, r.grade, r.rescaled]).toEqual(['90', '100', '优', { rawTotal: '81', applicableMax: '90' }]);
    // The 不适用 item shows no score and no loss, max 0; its parent the max that applied.
    expect([shown(r, '投入.政府采购'), shown(r, '投入')]).toEqual(['0/0', '10/9']);
    expect(at(r, '投入.政府采购')).toMatchObject({ notApplicable: true, remark: '本年度无政府采购', deductions: [] });
  });

  it('one hundredth below: 80.99 × 100 ÷ 90 = 89.9888… → 89.99, 良', () => {
    const r = scored(rubric, input('44.99'));
    expect([r.total, r.grade]).toEqual(['89.99', '良']);
  });

  it('the policy of the topmost item marked: 投入 (rescale) marked with its child too', () => {
    const r = scored(rubric, { assessments: { 投入: na(), 预算编制: na(), 过程: gave(27), 产出: gave(45) } });
    expect([shown(r, '投入'), shown(r, '投入.预算编制'), r.total, r.rescaled]).toEqual(['0/0', '0/0', '90', { rawTotal: '72', applicableMax: '80' }]);
  });
});

describe('the limit on what 不适用 may remove (notApplicableLimit, by default half the max)', () => {
  const rubric = sheet({
    notApplicable: 'rescale',
    indicators: [group('业务', 80, [judged('甲', 30), judged('乙', 20), judged('丙', 30)]), judged('管理', 20)],
  });

  it('the bug it fixes: the 80-point block 不适用 no longer turns 20/20 into 100, 优', () =>
    expectIssue(refused(rubric, { assessments: { 业务: na(), 管理: full(20) } }), {
      code: 'not_applicable_over_limit',
      path: ['assessments'],
      message: '标记为不适用而剔除的分值合计80分，超过本评分表允许的50分（notApplicableLimit）',
    }));

  it('at the limit: 甲 30 + 乙 20 = 50 removed is allowed, 27 + 18 of 50 → 90', () => {
    const r = scored(rubric, { assessments: { 甲: na(), 乙: na(), 丙: gave(27), 管理: gave(18) } });
    expect([r.total, r.grade, r.rescaled]).toEqual(['90', '优', { rawTotal: '45', applicableMax: '50' }]);
  });

  it('over it: 甲 30 + 丙 30 = 60 removed is refused', () =>
    expectIssue(refused(rubric, { assessments: { 甲: na(), 乙: full(20), 丙: na(), 管理: full(20) } }), { code: 'not_applicable_over_limit', path: ['assessments'] }));

  it('a rubric declares its own limit: notApplicableLimit 30 allows 甲 alone, not 甲 and 乙', () => {
    const strict = sheet({ notApplicable: 'rescale', notApplicableLimit: 30, indicators: [group('业务', 80, [judged('甲', 30), judged('乙', 20), judged('丙', 30)]), judged('管理', 20)] });
    expect(scored(strict, { assessments: { 甲: na(), 乙: full(20), 丙: full(30), 管理: full(20) } }).total).toBe('100');
    expectIssue(refused(strict, { assessments: { 甲: na(), 乙: na(), 丙: full(30), 管理: full(20) } }), { code: 'not_applicable_over_limit', message: '标记为不适用而剔除的分值合计50分，超过本评分表允许的30分（notApplicableLimit）' });
  });
});

describe('exclude: the item leaves the sheet, the parent and the sheet max reduced', () => {
  const rubric = sheet({
    notApplicable: 'exclude',
    indicators: [group('投入', 20, [judged('预算编制', 10), judged('政府采购', 10)]), judged('过程', 30), judged('产出', 50)],
  });

  it('政府采购 不适用: 81 of 90, graded on 81 × 100 ÷ 90 = 90, 优; every view adds up', () => {
    const r = scored(rubric, { assessments: { 预算编制: gave(9), 政府采购: na('本年度无政府采购'), 过程: gave(27), 产出: gave(45) } });
    expect([r.total, r.max, r.grade, r.excluded, r.rescaled]).toEqual(['81', '90', '优', { max: '10', gradedOn: '90' }, undefined]);
    expect([shown(r, '投入'), shown(r, '投入.预算编制'), shown(r, '投入.政府采购')]).toEqual(['10/9', '10/9', '0/0']);
    // Σ deductions = max − score, for the parent and for the sheet.
    expect(at(r, '投入').deductions.map((d) => d.points)).toEqual(['1']);
    expect(r.deductions.map((d) => d.points)).toEqual(['1', '3', '5']);
  });

  it('one hundredth below the edge: 80.99 of 90 → 89.9888… → 89.99, 良', () => {
    const r = scored(rubric, { assessments: { 预算编制: gave(9), 政府采购: na(), 过程: gave(27), 产出: gave('44.99') } });
    expect([r.total, r.grade, r.excluded]).toEqual(['80.99', '良', { max: '10', gradedOn: '89.99' }]);
  });

  it('exclude and rescale in one evaluation: 72 of an applicable 80 → 81 of the remaining 90, graded on 90', () => {
    const mixed = sheet({ indicators: [judged('甲', 10, { notApplicable: 'exclude' }), judged('乙', 10, { notApplicable: 'rescale' }), judged('丙', 80)] });
    const r = scored(mixed, { assessments: { 甲: na(), 乙: na(), 丙: gave(72) } });
    expect([r.total, r.max, r.grade, r.rescaled, r.excluded]).toEqual(['81', '90', '优', { rawTotal: '72', applicableMax: '80' }, { max: '10', gradedOn: '90' }]);
  });
});

describe('不适用 and rounding: the one rounding after the division', () => {
  const at2 = (rounding: 'half-up' | 'half-even' | 'down' | 'up', notApplicable: 'rescale' | 'exclude' = 'rescale', precision = 2) =>
    sheet({ notApplicable, rounding, precision, indicators: [judged('甲', 20), judged('乙', 30), judged('丙', 50)] });
  const marked = (乙: string, 丙: string) => ({ assessments: { 甲: na(), 乙: gave(乙), 丙: gave(丙) } });

  it.each([
    ['half-up', '88.93'],
    ['half-even', '88.92'],
    ['down', '88.92'],
    ['up', '88.93'],
  ] as const)('rescale, an exact tie: 71.14 × 100 ÷ 80 = 88.925 → %s %s', (rounding, total) => {
    expect(scored(at2(rounding), marked('26.14', '45')).total).toBe(total);
  });

  it.each([
    ['half-up', '88.93'],
    ['half-even', '88.92'],
  ] as const)('exclude, the same tie in gradedOn: 71.14 of 80 → 88.925 → %s %s', (rounding, gradedOn) => {
    const r = scored(at2(rounding, 'exclude'), marked('26.14', '45'));
    expect([r.total, r.max, r.excluded?.gradedOn, r.grade]).toEqual(['71.14', '80', gradedOn, '良']);
  });

  it('precision 0: 72 of 80 → 90, 优; 71 of 80 → 88.75 → 89 (half-up), 88 (down), 良', () => {
    expect(scored(at2('half-up', 'rescale', 0), marked('27', '45')).total).toBe('90');
    expect(scored(at2('half-up', 'rescale', 0), marked('26', '45')).total).toBe('89');
    expect(scored(at2('down', 'rescale', 0), marked('26', '45')).total).toBe('88');
  });

  it('precision 1: 71.9 of 80 → 89.875 → 89.9, 良; 72 of 80 → 90, 优', () => {
    expect([scored(at2('half-up', 'rescale', 1), marked('26.9', '45')).total, scored(at2('half-up', 'rescale', 1), marked('26.9', '45')).grade]).toEqual(['89.9', '良']);
    expect(scored(at2('half-up', 'rescale', 1), marked('27', '45')).grade).toBe('优');
  });
});

describe('nothing left to rescale to', () => {
  it.each(['rescale', 'exclude'] as const)('%s: removing the only item with a max (the other has max 0) is nothing_assessed, not a division by zero', (policy) => {
    const lopsided = sheet({ notApplicable: policy, notApplicableLimit: 10, indicators: [judged('甲', 10), judged('零分项', 0)] });
    expectIssue(refused(lopsided, { assessments: { 甲: na(), 零分项: full(0) } }), { code: 'nothing_assessed', path: ['assessments'] });
  });
});
