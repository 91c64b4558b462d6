/**
 * 一票否决: triggered by a condition on the inputs (重大违规例数 > 0) or declared by the evaluation;
 * its one effect: cap the grade, cap the total (0: the total is 0) or 不合格.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectIssue } from '../helpers.js';
import { gave, judged, scored, sheet } from './sheet.js';

const rubric = sheet({
  inputs: { 重大违规例数: { type: 'count', unit: '例' }, 未整改问题数: { type: 'count', unit: '个' } },
  vetoes: [
    { id: '重大违规', name: '发生重大违规违纪问题的，总分记0分', when: '重大违规例数 > 0', maxTotal: 0 },
    { id: '整改', name: '未整改问题达3个以上的，总分不超过60分', when: '未整改问题数 >= 3', maxTotal: 60 },
    { id: '虚假资料', name: '提供虚假资料的，评价结论为不合格', fail: true },
    { id: '挪用资金', name: '挤占挪用资金的，等次为差', grade: '差' },
    { id: '拒绝评价', name: '拒不配合评价的', fail: '不予评价' },
  ],
  indicators: [judged('基础', 100)],
});
const evaluation = (违规: number, 未整改: number, 基础 = '95', vetoes: Record<string, string> = {}) => ({
  values: { 重大违规例数: 违规, 未整改问题数: 未整改 },
  assessments: { 基础: gave(基础) },
  vetoes,
});

describe('重大违规例数 > 0: the total is 0', () => {
  it('0 例: not triggered, 95, 优', () => {
    const r = scored(rubric, evaluation(0, 0));
    expect([r.total, r.grade, r.vetoes]).toEqual(['95', '优', []]);
  });
  it('1 例: 0, 差, with the figures that met the condition', () => {
    const r = scored(rubric, evaluation(1, 0));
    expect([r.total, r.grade]).toEqual(['0', '差']);
    expect(r.vetoes).toEqual([{ id: '重大违规', name: '发生重大违规违纪问题的，总分记0分', maxTotal: '0', reason: '重大违规例数1例，符合“重大违规例数 > 0”' }]);
  });
});

describe('未整改问题数 >= 3: the total at most 60', () => {
  it('2 个: not triggered', () => expect(scored(rubric, evaluation(0, 2)).total).toBe('95'));
  it('3 个: 95 → 60, 中', () => expect([scored(rubric, evaluation(0, 3)).total, scored(rubric, evaluation(0, 3)).grade]).toEqual(['60', '中']));
  it('a total already below the cap stays: 55', () => expect(scored(rubric, evaluation(0, 3, '55')).total).toBe('55'));
});

describe('declared by the evaluation', () => {
  it('虚假资料: 不合格 whatever the total, the total unchanged', () => {
    const r = scored(rubric, evaluation(0, 0, '95', { 虚假资料: '提供的资产清单与账面不符' }));
    expect([r.total, r.grade, r.failed]).toEqual(['95', '不合格', true]);
    expect(r.vetoes).toEqual([{ id: '虚假资料', name: '提供虚假资料的，评价结论为不合格', fail: '不合格', reason: '提供的资产清单与账面不符' }]);
  });
  it('a word of the rubric\'s own: 不予评价', () => expect(scored(rubric, evaluation(0, 0, '95', { 拒绝评价: '拒不提供资料' })).grade).toBe('不予评价'));
  it('挤占挪用资金: 95 stays, the grade is 差', () => {
    const r = scored(rubric, evaluation(0, 0, '95', { 挪用资金: '挪用专项资金20万元' }));
    expect([r.total, r.grade, r.failed]).toEqual(['95', '差', undefined]);
  });
  it('with a condition met too: both listed, the total 0 and 不合格', () => {
    const r = scored(rubric, evaluation(2, 0, '95', { 虚假资料: '账实不符' }));
    expect([r.total, r.grade, r.vetoes.map((v) => v.id)]).toEqual(['0', '不合格', ['重大违规', '虚假资料']]);
  });
  it('an id the rubric does not have: veto_unknown', () =>
    expectIssue(() => scored(rubric, evaluation(0, 0, '95', { 虚假材料: 'x' })), { code: 'veto_unknown', path: ['vetoes', '虚假材料'] }));
});

describe('the effect a rubric declares', () => {
  const load = (veto: Record<string, unknown>, more: Record<string, unknown> = {}) => {
    const r = safeLoadRubric({ id: 't', name: 't', grades: [{ grade: '合格', min: 60 }, { grade: '不合格', min: 0 }], inputs: { 例数: { type: 'count' } }, vetoes: [{ id: 'v', name: '否决', ...veto }], indicators: [judged('基础', 100)], ...more } as never);
    return r.success ? [] : r.issues;
  };
  it('exactly one: none, or grade and maxTotal together, is rule_invalid', () => {
    expectIssue(load({ when: '例数 > 0' }), { code: 'rule_invalid', path: ['vetoes', 0] });
    expectIssue(load({ grade: '不合格', maxTotal: 0 }), { code: 'rule_invalid', path: ['vetoes', 0] });
  });
  it('a cap the sheet can write: maxTotal 59.5 at precision 0 is invalid_value', () =>
    expectIssue(load({ maxTotal: 59.5 }, { precision: 0 }), { code: 'invalid_value', path: ['vetoes', 0, 'maxTotal'] }));
  it('precision 1: maxTotal 59.5 caps 95 at 59.5, 不合格 on the scale', () => {
    const r = safeLoadRubric({ id: 't', name: 't', precision: 1, grades: [{ grade: '合格', min: 60 }, { grade: '不合格', min: 0 }], inputs: { 例数: { type: 'count' } }, vetoes: [{ id: 'v', name: '否决', when: '例数 >= 1', maxTotal: 59.5 }], indicators: [judged('基础', 100)] } as never);
    if (!r.success) throw new Error(r.issues[0]!.message);
    const result = scored(r.value, { values: { 例数: 1 }, assessments: { 基础: gave(95) } });
    expect([result.total, result.grade]).toEqual(['59.5', '不合格']);
  });
  it('a condition that is not a yes/no is rejected when the rubric loads', () =>
    expect(load({ when: '例数 + 1', maxTotal: 0 }).length).toBeGreaterThan(0));
});
