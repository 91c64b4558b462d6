/**
 * 加分项 and 扣分项 outside the 100 base, each with its cap ("最多加5分", "扣分不超过10分"); the grade
 * on the documented total. The total's cap (总分不超过) is tests/policies/max-total.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectIssue } from '../helpers.js';
import { at, bonusSection, capsEvaluation, gave, judged, penaltySection, scored, sheet, shown } from './sheet.js';

const bonus = bonusSection;
const penalty = penaltySection;
const rubric = sheet({ inputs: { 审计问题数: { type: 'count', unit: '个' } }, indicators: [judged('基础', 100), bonus(5), penalty] });
const evaluation = capsEvaluation;

describe('最多加5分', () => {
  it('just below: 3 + 1.99 = 4.99 is added as it is', () => {
    const r = scored(rubric, evaluation('90', '3', '1.99', 0));
    expect([shown(r, '加分项'), r.total]).toEqual(['9/4.99', '94.99']);
  });
  it('at the cap: 3 + 2 = 5 is added, nothing left out', () => {
    const r = scored(rubric, evaluation('90', '3', '2', 0));
    expect([shown(r, '加分项'), r.total, at(r, '加分项').additions?.map((d) => d.points)]).toEqual(['9/5', '95', ['3', '2']]);
  });
  it('just above: 3 + 2.01 = 5.01 adds 5; the 0.01 beyond is said and not counted', () => {
    const r = scored(rubric, evaluation('90', '3', '2.01', 0));
    expect([shown(r, '加分项'), at(r, '加分项').cap, r.total]).toEqual(['9/5', '5', '95']);
    expect(at(r, '加分项').additions?.at(-1)).toEqual({ indicator: '加分项', points: '-0.01', reason: '加分合计5.01分，最多加5分，超出的0.01分不计' });
    // The items keep what they earned; the section and the total say what the cap left out.
    expect([shown(r, '加分项.表彰'), shown(r, '加分项.创新')]).toEqual(['3/3', '3/2.01']);
  });
  it('every reason of a 加分项 says 加', () => {
    const r = scored(rubric, evaluation('90', '3', '3', 0));
    for (const d of r.additions ?? []) expect(d.reason).toContain('加');
  });
});

describe('扣分不超过10分', () => {
  it.each([
    [4, '-8', ['8']],
    [5, '-10', ['10']],
    [6, '-10', ['12', '-2']],
  ])('%i 个审计问题 → %s', (n, score, points) => {
    const r = scored(rubric, evaluation('95', '0', '0', n));
    expect([at(r, '扣分项').score, at(r, '扣分项').deductions.map((d) => d.points)]).toEqual([score, points]);
    for (const d of at(r, '扣分项').deductions) expect(d.reason).toContain('扣');
  });
  it('above the cap the reason says what was not taken off', () => {
    const r = scored(rubric, evaluation('95', '0', '0', 6));
    expect(at(r, '扣分项').deductions[1]!.reason).toBe('扣分合计12分，扣分不超过10分，超出的2分不扣');
    expect(r.total).toBe('85');
  });
});

describe('a cap on a 加分项 or 扣分项 leaf', () => {
  const leafy = sheet({
    inputs: { 表彰次数: { type: 'count', unit: '次' }, 问题数: { type: 'count', unit: '个' } },
    indicators: [
      judged('基础', 100),
      { id: '表彰', name: '表彰', max: 9, bonus: true, cap: 5, rule: { kind: 'count', value: '表彰次数', points: 1 } },
      { id: '问题', name: '问题', max: 20, penalty: true, cap: 10, rule: { kind: 'count', value: '问题数', points: 2 } },
    ],
  });
  it('7 次表彰 each worth 1 → 加5分, saying 最多加5分', () => {
    const r = scored(leafy, { values: { 表彰次数: 7, 问题数: 0 }, assessments: { 基础: gave(80) } });
    expect([at(r, '表彰').score, r.total]).toEqual(['5', '85']);
    expect(at(r, '表彰').additions?.[0]?.reason).toContain('最多加5分');
  });
  it('6 个问题 each worth 2 → 扣10分, with the 2 beyond not taken off', () => {
    const r = scored(leafy, { values: { 表彰次数: 0, 问题数: 6 }, assessments: { 基础: gave(80) } });
    expect([at(r, '问题').score, at(r, '问题').deductions.map((d) => d.points), r.total]).toEqual(['-10', ['12', '-2'], '70']);
  });
});

describe('the grade on the documented total (加分项 included)', () => {
  it('85 + 加5分 = 90, 优', () => expect(scored(rubric, evaluation('85', '3', '2', 0)).grade).toBe('优'));
  it('84.99 + 加5分 = 89.99, 良', () => expect(scored(rubric, evaluation('84.99', '3', '2', 0)).grade).toBe('良'));
  it('85 + 加5.01分 (capped at 5) = 90, 优; 85 + 加5分 − 扣2分 = 88, 良', () => {
    expect(scored(rubric, evaluation('85', '3', '2.01', 0)).grade).toBe('优');
    expect(scored(rubric, evaluation('85', '3', '2', 1)).grade).toBe('良');
  });
  it('precision 1: 2.5 + 2.6 = 5.1 → 加5分; 84.9 + 5 = 89.9, 良', () => {
    const p1 = sheet({ precision: 1, inputs: { 审计问题数: { type: 'count', unit: '个' } }, indicators: [judged('基础', 100), bonus(5), penalty] });
    const r = scored(p1, evaluation('84.9', '2.5', '2.6', 0));
    expect([shown(r, '加分项'), r.total, r.grade]).toEqual(['9/5', '89.9', '良']);
  });
});

describe('a cap the rubric cannot have', () => {
  const load = (indicators: unknown[], more: Record<string, unknown> = {}) => safeLoadRubric({ id: 't', name: 't', indicators, ...more } as never);
  const issues = (r: ReturnType<typeof load>) => (r.success ? [] : r.issues);
  it('on an ordinary indicator', () =>
    expectIssue(issues(load([judged('基础', 100, { cap: 5 })])), { code: 'rule_invalid', path: ['indicators', 0, 'cap'] }));
  it('not below the max: it does nothing', () =>
    expectIssue(issues(load([judged('基础', 100), judged('加分', 5, { bonus: true, cap: 5 })])), { code: 'rule_invalid', path: ['indicators', 1, 'cap'] }));
  it('more decimals than the sheet writes: cap 4.5 or maxTotal 100.5 at precision 0', () => {
    expectIssue(issues(load([judged('基础', 100), judged('加分', 9, { bonus: true, cap: 4.5 })], { precision: 0 })), { code: 'invalid_value', path: ['indicators', 1, 'cap'] });
    expectIssue(issues(load([judged('基础', 100)], { precision: 0, maxTotal: 100.5 })), { code: 'invalid_value', path: ['maxTotal'] });
  });
});
