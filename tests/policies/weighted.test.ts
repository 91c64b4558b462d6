/**
 * Weighted blocks: each child on its own scale, weighted into the parent's max —
 * 预算绩效50 = 预算管理75% + 财务管理25%, and 以资金额度为权重 with weights from the inputs.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectIssue } from '../helpers.js';
import { at, full, gave, group, judged, na, refused, scored, sheet, shown } from './sheet.js';

const block = (rounding: 'half-up' | 'half-even' | 'down' = 'half-up', precision = 2, weights: [number, number] = [75, 25]) =>
  sheet({
    rounding,
    precision,
    indicators: [
      group('预算绩效', 50, [group('预算管理', 100, [judged('预算编制', 60), judged('预算执行', 40)], { weight: weights[0] }), judged('财务管理', 100, { weight: weights[1] })], { combine: 'weighted' }),
      judged('其他', 50),
    ],
  });
const evaluation = (编制: string, 执行: string, 财务: string, 其他 = '50') => ({
  assessments: { 预算编制: gave(编制), 预算执行: full(执行), 财务管理: gave(财务), 其他: 其他 === '50' ? full(50) : gave(其他) },
});

describe('预算绩效50 = 预算管理75% + 财务管理25%, each 二级 out of 100', () => {
  it('80 and 90 → 50 × (75% × 80% + 25% × 90%) = 41.25', () => {
    const r = scored(block(), evaluation('40', '40', '90'));
    expect([shown(r, '预算绩效'), shown(r, '预算绩效.预算管理'), shown(r, '预算绩效.财务管理'), r.total]).toEqual(['50/41.25', '100/80', '100/90', '91.25']);
    expect([at(r, '预算绩效.预算管理').weight, at(r, '预算绩效.财务管理').weight]).toEqual(['75', '25']);
    expect(at(r, '预算绩效').deductions).toEqual([
      { indicator: '预算绩效', points: '8.75', reason: '预算管理80分（满分100分）×权重75 + 财务管理90分（满分100分）×权重25，加权得分率82.5%，×50分=41.25分，扣8.75分' },
    ]);
  });
  it('weights 0.75 and 0.25 say the same', () => expect(scored(block('half-up', 2, [0.75, 0.25]), evaluation('40', '40', '90')).total).toBe('91.25'));
  it('full marks in both → 50, nothing lost', () => {
    const r = scored(block(), { assessments: { 预算编制: full(60), 预算执行: full(40), 财务管理: full(100), 其他: full(50) } });
    expect([shown(r, '预算绩效'), at(r, '预算绩效').deductions, r.total]).toEqual(['50/50', [], '100']);
  });
});

describe('a weighted block marked 不适用 with notApplicable: full', () => {
  it('earns its 50, each child shown in full with its weight (75, 25), and the total is 50 + the rest', () => {
    const r = scored(
      sheet({
        indicators: [
          group('预算绩效', 50, [group('预算管理', 100, [judged('预算编制', 60), judged('预算执行', 40)], { weight: 75 }), judged('财务管理', 100, { weight: 25 })], { combine: 'weighted', notApplicable: 'full' }),
          judged('其他', 50),
        ],
      }),
      { assessments: { 预算绩效: na('新设单位，本年度无预算'), 其他: gave(45) } },
    );
    expect([shown(r, '预算绩效'), shown(r, '预算绩效.预算管理'), shown(r, '预算绩效.预算管理.预算编制'), shown(r, '预算绩效.财务管理'), r.total]).toEqual(['50/50', '100/100', '60/60', '100/100', '95']);
    expect([at(r, '预算绩效.预算管理').weight, at(r, '预算绩效.财务管理').weight]).toEqual(['75', '25']);
  });
});

describe('a weighted division and the one rounding', () => {
  // 82.49 and 82.49: 50 × 82.49% = 41.245 exactly.
  it.each([
    ['half-up', '41.25'],
    ['half-even', '41.24'],
    ['down', '41.24'],
  ] as const)('41.245 → %s %s', (rounding, score) => expect(at(scored(block(rounding), evaluation('42.49', '40', '82.49')), '预算绩效').score).toBe(score));
  it('the grade edge: 41.255 + 48.74 = 89.995 → 41.26 + 48.74 = 90, 优 (half-up)', () => {
    const r = scored(block('half-up'), evaluation('42.51', '40', '82.51', '48.74'));
    expect([r.total, r.grade]).toEqual(['90', '优']);
  });
  it('… → 41.25 + 48.74 = 89.99, 良 (down)', () => {
    const r = scored(block('down'), evaluation('42.51', '40', '82.51', '48.74'));
    expect([r.total, r.grade]).toEqual(['89.99', '良']);
  });
  it('precision 0: 41.25 → 41; precision 1: 41.25 → 41.3', () => {
    expect(at(scored(block('half-up', 0), evaluation('40', '40', '90')), '预算绩效').score).toBe('41');
    expect(at(scored(block('half-up', 1), evaluation('40', '40', '90')), '预算绩效').score).toBe('41.3');
  });
});

describe('以资金额度为权重: weights from the inputs', () => {
  const funds = sheet({
    notApplicable: 'rescale',
    inputs: { 甲项目资金: { type: 'number', unit: '万元' }, 乙项目资金: { type: 'number', unit: '万元' } },
    indicators: [
      group('项目效益', 30, [judged('甲项目', 100, { weight: '甲项目资金' }), judged('乙项目', 100, { weight: '乙项目资金' })], { combine: 'weighted', standard: '各项目得分以资金额度为权重加权平均' }),
      judged('其他', 70),
    ],
  });
  const evaluation = (甲: number, 乙: number, more: Record<string, unknown> = {}) => ({
    values: { 甲项目资金: 甲, 乙项目资金: 乙 },
    assessments: { 甲项目: gave(80), 乙项目: gave(60), 其他: full(70), ...more },
  });

  it('300 万元 at 80 and 100 万元 at 60 → 30 × (240 + 60) ÷ 400 = 22.5', () => {
    const r = scored(funds, evaluation(300, 100));
    expect([shown(r, '项目效益'), at(r, '项目效益.甲项目').weight, r.total]).toEqual(['30/22.5', '300', '92.5']);
  });
  it('a project with no funds (0 万元) weighs nothing: 30 × 60% = 18', () => expect(at(scored(funds, evaluation(0, 100)), '项目效益').score).toBe('18'));
  it('a negative amount is weight_invalid, at its figure', () =>
    expectIssue(refused(funds, evaluation(-5, 100)), { code: 'weight_invalid', path: ['values', '甲项目资金'], indicator: '项目效益.甲项目' }));
  it('no funds anywhere: weight_invalid, nothing to average', () =>
    expectIssue(refused(funds, evaluation(0, 0)), { code: 'weight_invalid', path: ['values', '甲项目资金'], indicator: '项目效益' }));
  it('both projects marked 不适用: nothing to weigh, mark the block itself', () =>
    expectIssue(refused(funds, evaluation(300, 100, { 甲项目: { notApplicable: true }, 乙项目: { notApplicable: true } })), {
      code: 'weight_invalid',
      indicator: '项目效益',
      message: '指标“项目效益”的下级指标都标记为不适用，无从加权；请将该指标本身标记为不适用',
    }));
  it('a child whose every item is 不适用 (exclude) has nothing left to score out of: the same', () => {
    const nested = sheet({ indicators: [group('块', 10, [group('甲', 10, [judged('甲1', 10, { notApplicable: 'exclude' })], { weight: 1 })], { combine: 'weighted' }), judged('其他', 90)] });
    expectIssue(refused(nested, { assessments: { 甲1: na(), 其他: full(90) } }), { code: 'weight_invalid', indicator: '块', message: '指标“块”的下级指标都标记为不适用，无从加权；请将该指标本身标记为不适用' });
  });
  it('a project marked 不适用 leaves the average and the block keeps its max', () => {
    const r = scored(funds, evaluation(300, 100, { 甲项目: { notApplicable: true, reason: '项目未实施' } }));
    expect([shown(r, '项目效益'), shown(r, '项目效益.甲项目'), r.total, r.rescaled]).toEqual(['30/18', '0/0', '88', undefined]);
  });
});

describe('a weighted block the rubric cannot have', () => {
  const load = (children: unknown[]) => {
    const r = safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'W', name: 'W', max: 50, combine: 'weighted', children }, judged('其他', 50)] } as never);
    return r.success ? [] : r.issues;
  };
  it('a child without a weight', () => expectIssue(load([judged('甲', 100, { weight: 1 }), judged('乙', 100)]), { code: 'rule_invalid', path: ['indicators', 0, 'children', 1, 'weight'] }));
  it('a negative weight', () => expectIssue(load([judged('甲', 100, { weight: -1 }), judged('乙', 100, { weight: 1 })]), { code: 'rule_invalid', path: ['indicators', 0, 'children', 0, 'weight'] }));
  it('a 加分项 anywhere below', () =>
    expectIssue(load([group('甲', 100, [judged('甲1', 100), judged('加', 5, { bonus: true })], { weight: 1 })]), { code: 'rule_invalid', path: ['indicators', 0, 'children'] }));
});
