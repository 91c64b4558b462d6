/**
 * 可选项 pools: "经济/社会/生态/可持续…（可选项）共40" — the evaluation picks the rows that apply,
 * the pool's max shared among them by their maxima or equally; and "二者择其一" (`pick: 1`).
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectIssue } from '../helpers.js';
import { at, full, gave, group, judged, na, refused, scored, sheet, shown } from './sheet.js';

const benefits = (split: 'weights' | 'equal', rounding: 'half-up' | 'half-even' = 'half-up') =>
  sheet({
    rounding,
    indicators: [
      group('效益', 40, [group('经济效益', 20, [judged('成本节约', 10), judged('收入增加', 10)]), judged('社会效益', 20), judged('生态效益', 10), judged('可持续影响', 10)], {
        pool: { split },
        standard: '经济效益、社会效益、生态效益、可持续影响（可选项）共40分，根据项目实际选择',
      }),
      judged('其他', 60),
    ],
  });
const notChosen = na('项目不涉及');

describe('共40, shared by the maxima of the rows chosen (split: weights)', () => {
  it('经济 15 of 20 and 生态 10 of 10: shares 26.67 and 13.33; 15 ÷ 20 × 26.67 = 20.0025 → 20', () => {
    const r = scored(benefits('weights'), { assessments: { 成本节约: gave(8), 收入增加: gave(7), 社会效益: notChosen, 生态效益: full(10), 可持续影响: notChosen, 其他: full(60) } });
    expect([shown(r, '效益'), shown(r, '效益.经济效益'), shown(r, '效益.生态效益'), shown(r, '效益.社会效益'), r.total]).toEqual(['40/33.33', '26.67/20', '13.33/13.33', '0/0', '93.33']);
    // On its own scale it scored 15 of 20, and its items add up to that.
    expect(at(r, '效益.经济效益').scaledFrom).toEqual({ max: '20', score: '15' });
    expect(at(r, '效益.经济效益').deductions).toEqual([
      { indicator: '效益.经济效益', points: '6.67', reason: '存在不足；存在不足；可选项“经济效益”得15分（满分20分），按所选2项分享40分，折合为26.67分中的20分，扣6.67分' },
    ]);
    expect(at(r, '效益.生态效益').remark).toBe('可选项“生态效益”得10分（满分10分），按所选2项分享40分，折合为13.33分中的13.33分');
  });
  it('all four chosen, full marks: 40 shared 20 : 20 : 10 : 10 → 13.33, 13.33, 6.67, 6.67', () => {
    const r = scored(benefits('weights'), { assessments: { 成本节约: full(10), 收入增加: full(10), 社会效益: full(20), 生态效益: full(10), 可持续影响: full(10), 其他: full(60) } });
    expect(['效益', '效益.经济效益', '效益.社会效益', '效益.生态效益', '效益.可持续影响'].map((p) => shown(r, p))).toEqual(['40/40', '13.33/13.33', '13.33/13.33', '6.67/6.67', '6.67/6.67']);
  });
  it('the pool itself 不适用 with notApplicable: full: it earns its 40, each row shown in full on its share (13.33, 13.33, 6.67, 6.67), the sheet adds up', () => {
    const fullPool = sheet({
      indicators: [
        group('效益', 40, [group('经济效益', 20, [judged('成本节约', 10), judged('收入增加', 10)]), judged('社会效益', 20), judged('生态效益', 10), judged('可持续影响', 10)], { pool: { split: 'weights' }, notApplicable: 'full' }),
        judged('其他', 60),
      ],
    });
    const r = scored(fullPool, { assessments: { 效益: na('本年度未开展'), 其他: gave(57) } });
    expect(['效益', '效益.经济效益', '效益.社会效益', '效益.生态效益', '效益.可持续影响', '效益.经济效益.成本节约'].map((p) => shown(r, p))).toEqual(['40/40', '13.33/13.33', '13.33/13.33', '6.67/6.67', '6.67/6.67', '10/10']);
    expect([at(r, '效益.经济效益').scaledFrom, r.total]).toEqual([{ max: '20', score: '20' }, '97']);
  });
  it('none chosen: pool_pick_mismatch', () =>
    expectIssue(refused(benefits('weights'), { assessments: { 经济效益: notChosen, 社会效益: notChosen, 生态效益: notChosen, 可持续影响: notChosen, 其他: full(60) } }), {
      code: 'pool_pick_mismatch',
      indicator: '效益',
      message: '可选项“效益”须选至少1项，评价数据选了0项（未选的标记为不适用）',
    }));
  it('rows not chosen are no 不适用 removal: three of four left out is within any limit', () => {
    const r = scored(benefits('weights'), { assessments: { 经济效益: notChosen, 社会效益: gave(18), 生态效益: notChosen, 可持续影响: notChosen, 其他: full(60) } });
    expect([shown(r, '效益.社会效益'), r.total, r.rescaled]).toEqual(['40/36', '96', undefined]);
  });
});

describe('共40, shared equally (split: equal): 13.34, 13.33, 13.33', () => {
  const input = { assessments: { 成本节约: gave(8), 收入增加: gave(7), 社会效益: gave(19), 生态效益: full(10), 可持续影响: notChosen, 其他: full(60) } };
  it('an exact tie: 15 ÷ 20 × 13.34 = 10.005 → 10.01 (half-up); 19 ÷ 20 × 13.33 = 12.6635 → 12.66', () => {
    const r = scored(benefits('equal'), input);
    expect([shown(r, '效益.经济效益'), shown(r, '效益.社会效益'), shown(r, '效益.生态效益'), shown(r, '效益'), r.total]).toEqual(['13.34/10.01', '13.33/12.66', '13.33/13.33', '40/36', '96']);
  });
  it('… → 10 (half-even), the pool 35.99', () => {
    const r = scored(benefits('equal', 'half-even'), input);
    expect([shown(r, '效益.经济效益'), shown(r, '效益')]).toEqual(['13.34/10', '40/35.99']);
  });
});

describe('结转结余率 / 结转结余变动率 二者择其一 (pick: 1)', () => {
  const either = sheet({
    indicators: [
      group('结转结余', 5, [judged('结转结余率', 5), judged('结转结余变动率', 4)], { pool: { pick: 1 }, standard: '结转结余率、结转结余变动率二者择其一' }),
      judged('其他', 95),
    ],
  });
  const input = (率: object, 变动率: object) => ({ assessments: { 结转结余率: 率, 结转结余变动率: 变动率, 其他: full(95) } });
  it('0 chosen: pool_pick_mismatch', () =>
    expectIssue(refused(either, input(notChosen, notChosen)), { code: 'pool_pick_mismatch', message: '可选项“结转结余”须选1项，评价数据选了0项（未选的标记为不适用）' }));
  it('结转结余率 chosen: 4 of 5', () => {
    const r = scored(either, input(gave(4), notChosen));
    expect([shown(r, '结转结余'), shown(r, '结转结余.结转结余率'), shown(r, '结转结余.结转结余变动率'), r.total]).toEqual(['5/4', '5/4', '0/0', '99']);
  });
  it('结转结余变动率 chosen: 3 of its 4 → 3 ÷ 4 × 5 = 3.75', () => {
    const r = scored(either, input(notChosen, gave(3)));
    expect([shown(r, '结转结余'), shown(r, '结转结余.结转结余变动率')]).toEqual(['5/3.75', '5/3.75']);
  });
  it('both chosen: pool_pick_mismatch', () =>
    expectIssue(refused(either, input(gave(4), gave(3))), { code: 'pool_pick_mismatch', message: '可选项“结转结余”须选1项，评价数据选了2项（未选的标记为不适用）' }));
});

describe('a pool the rubric cannot have', () => {
  const load = (pool: unknown, children: unknown[] = [judged('甲', 5), judged('乙', 5)], more: Record<string, unknown> = {}) => {
    const r = safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'P', name: 'P', max: 5, pool, children, ...more }, judged('其他', 95)] } as never);
    return r.success ? [] : r.issues;
  };
  it('pick 3 of two', () => expectIssue(load({ pick: 3 }), { code: 'rule_invalid', path: ['indicators', 0, 'pool'] }));
  it('a pool that is also weighted', () => expectIssue(load({}, [judged('甲', 5, { weight: 1 }), judged('乙', 5, { weight: 1 })], { combine: 'weighted' }), { code: 'rule_invalid', path: ['indicators', 0, 'pool'] }));
  it('a 扣分项 in a pool', () => expectIssue(load({}, [judged('甲', 5), judged('扣', 5, { penalty: true })]), { code: 'rule_invalid', path: ['indicators', 0, 'children'] }));
});

describe('precision 0: 共5 shared equally by three rows → 2, 2, 1', () => {
  const small = (rounding: 'half-up' | 'half-even' | 'down') =>
    sheet({ precision: 0, rounding, indicators: [group('效益', 5, [judged('甲', 10), judged('乙', 10), judged('丙', 10)], { pool: { split: 'equal' } }), judged('其他', 95)] });
  it.each([
    ['half-up', '1'],
    ['half-even', '0'],
    ['down', '0'],
  ] as const)('丙 5 of 10 on its share of 1 is 0.5 exactly → %s %s', (rounding, 丙) => {
    const r = scored(small(rounding), { assessments: { 甲: full(10), 乙: full(10), 丙: gave(5), 其他: full(95) } });
    expect([shown(r, '效益.甲'), shown(r, '效益.乙'), shown(r, '效益.丙')]).toEqual(['2/2', '2/2', `1/${丙}`]);
  });
});
