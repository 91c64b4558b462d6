/**
 * Exact ties, by hand: every score whose exact value lies halfway between two scores of the
 * rubric's precision rounds as the rubric declares, however many divisions led to it; and the
 * figures one step either side of the tie round to their nearest score.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric, type RuleInput } from '../../src/index.js';
import { evalIssues, expectIssue, expectScore, leaf, rubricWith, type SheetOptions } from '../helpers.js';

const percent = (name: string) => ({ [name]: { type: 'percent' as const } });
const number = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'number' as const }]));
const rounding = (r: SheetOptions['rounding'], precision?: number): SheetOptions => ({ rounding: r, ...(precision !== undefined ? { precision } : {}) });

describe('per_unit — 以100%为标准，每超过3个百分点扣1.5分（5分）', () => {
  const rule = (direction: 'above' | 'below', opts: SheetOptions = {}) =>
    leaf({ kind: 'per_unit', value: '控制率', standard: 100, direction, per: 3, points: 1.5 }, { max: 5, inputs: percent('控制率'), ...opts });
  const 超过 = rule('above');
  it('105.03% → 5 − 5.03/3 × 1.5 = 2.485 → 2.49', () => expectScore(超过, '105.03', '2.49'));
  it('105.02% → 5 − 2.51 = 2.49', () => expectScore(超过, '105.02', '2.49'));
  it('105.04% → 5 − 2.52 = 2.48', () => expectScore(超过, '105.04', '2.48'));
  it('每低于3个百分点扣1.5分: 94.97% → 2.485 → 2.49', () => expectScore(rule('below'), '94.97', '2.49'));
  it('half-even: 105.11% → 5 − 2.555 = 2.445 → 2.44 (the even neighbour)', () => expectScore(rule('above', rounding('half-even')), '105.11', '2.44'));
  it('half-even: 105.03% → 2.485 → 2.48', () => expectScore(rule('above', rounding('half-even')), '105.03', '2.48'));
  it('down: 101% → 5 − 1/3 × 1.5 = 4.5 exactly → 4.5, not 4.49', () => expectScore(rule('above', rounding('down')), '101', '4.5'));
  it('up: 101% → 4.5 exactly → 4.5, not 4.51', () => expectScore(rule('above', rounding('up')), '101', '4.5'));
  it('每超过7个百分点扣2.1分: 107.05% → 5 − 2.115 = 2.885 → 2.89', () =>
    expectScore(leaf({ kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', per: 7, points: 2.1 }, { max: 5, inputs: percent('控制率') }), '107.05', '2.89'));
});

describe('count — 每出现一例扣0.25分，扣完为止（5分，保留1位小数）', () => {
  const rule = (opts: SheetOptions) => leaf({ kind: 'count', value: '例数', points: 0.25 }, { max: 5, inputs: { 例数: { type: 'count' } }, ...opts });
  it('3例 → 5 − 0.75 = 4.25 → 4.3', () => expectScore(rule(rounding('half-up', 1)), '3', '4.3'));
  it('half-even: 3例 → 4.25 → 4.2', () => expectScore(rule(rounding('half-even', 1)), '3', '4.2'));
  it('2例 → 4.5; 4例 → 4', () => {
    expectScore(rule(rounding('half-up', 1)), '2', '4.5');
    expectScore(rule(rounding('half-up', 1)), '4', '4');
  });
});

describe('target, proportional — 目标值≥90%，未达到按完成比例计分（3分）', () => {
  const rule = (opts: SheetOptions = {}) => leaf({ kind: 'target', value: '完成率', target: '≥90%', mode: 'proportional' }, { max: 3, inputs: percent('完成率'), ...opts });
  it('22.35% → 3 × 22.35/90 = 0.745 → 0.75', () => expectScore(rule(), '22.35', '0.75'));
  it('22.34% → 0.74467 → 0.74', () => expectScore(rule(), '22.34', '0.74'));
  it('22.36% → 0.74533 → 0.75', () => expectScore(rule(), '22.36', '0.75'));
  it('half-even: 22.35% → 0.745 → 0.74', () => expectScore(rule(rounding('half-even')), '22.35', '0.74'));
});

describe('target, proportional ceiling — 下发文件数量控制在680份以内，超过按比例计分（3分）', () => {
  const 文件 = leaf({ kind: 'target', value: '文件数', target: '控制在680份以内', mode: 'proportional' }, { max: 3, inputs: { 文件数: { type: 'count', unit: '份' } } });
  it('960份 → 3 × 680/960 = 2.125 → 2.13', () => expectScore(文件, '960', '2.13'));
  it('959份 → 2.1272 → 2.13', () => expectScore(文件, '959', '2.13'));
  it('961份 → 2.1228 → 2.12', () => expectScore(文件, '961', '2.12'));
});

describe('an unmet target never scores the maximum', () => {
  const 满意率 = leaf({ kind: 'target', value: '满意率', target: '≥95%', mode: 'proportional' }, { max: 5, inputs: percent('满意率') });
  it('94.999% → 5 × 94.999/95 = 4.99995 would round to 5 → 4.99', () => expectScore(满意率, '94.999', '4.99'));
  it('95% → 5 (met)', () => expectScore(满意率, '95', '5'));
  for (const target of ['>0', '<5%', '≥0', '≥-10', '高于95%', '=100%']) {
    it(`a proportional target “${target}” has no proportion → rule_invalid at load`, () =>
      expectIssue(() => safeLoadRubric(rubricWith({ kind: 'target', value: '率', target, mode: 'proportional' }, { inputs: percent('率') })), { code: 'rule_invalid' }));
  }
});

describe('bands — 年化支出 = 季度支出 / 3 × 12：≥124万元计5分，[100, 124)计3分', () => {
  const rule = (bands: Extract<RuleInput, { kind: 'bands' }>['bands'], opts: SheetOptions = {}) =>
    leaf({ kind: 'bands', value: '年化支出', bands, otherwise: 0 }, { max: 5, inputs: number('季度支出'), metrics: { 年化支出: '季度支出 / 3 * 12' }, ...opts });
  const 年化 = rule([{ when: '≥124', score: 5 }, { when: '[100, 124)', score: 3 }]);
  it('季度31万元 → 年化124万元 exactly → 5, on the edge', () => expectScore(年化, { 季度支出: '31' }, '5'));
  it('季度30.99万元 → 123.96 → 3', () => expectScore(年化, { 季度支出: '30.99' }, '3'));
  it('a band score of 2.5 at precision 0: 2.5 → 3 half-up, 2 half-even', () => {
    const half = [{ when: '≥124', score: 2.5 }, { when: '<124', score: 0 }];
    expectScore(rule(half, rounding('half-up', 0)), { 季度支出: '31' }, '3');
    expectScore(rule(half, rounding('half-even', 0)), { 季度支出: '31' }, '2');
  });
});

describe('cases — 年化支出（季度支出 / 3 × 12）不超过预算，3分；超过预算，1.25分（保留1位小数）', () => {
  const rule = (opts: SheetOptions = {}) =>
    leaf(
      { kind: 'cases', cases: [{ when: '季度支出 / 3 * 12 <= 预算', score: 3, label: '未超预算' }], otherwise: { score: 1.25, label: '超过预算' } },
      { max: 3, inputs: number('季度支出', '预算'), precision: 1, ...opts },
    );
  it('季度31, 预算124 → 124 ≤ 124 → 3', () => expectScore(rule(), { 季度支出: '31', 预算: '124' }, '3'));
  it('季度31, 预算123.99 → 超过预算 → 1.25 → 1.3', () => expectScore(rule(), { 季度支出: '31', 预算: '123.99' }, '1.3'));
  it('half-even: 1.25 → 1.2', () => expectScore(rule({ rounding: 'half-even' }), { 季度支出: '31', 预算: '123.99' }, '1.2'));
});

describe('checklist — 两项各0.25分（0.5分，保留1位小数）', () => {
  const rule = (opts: SheetOptions) =>
    leaf({ kind: 'checklist', items: [{ text: '已制定管理办法', points: 0.25 }, { text: '得到有效执行', points: 0.25 }] }, { max: 0.5, ...opts });
  const one = { 指标: { items: { 1: true, 2: false } } };
  it('one of two met → 0.25 → 0.3', () => expectScore(rule(rounding('half-up', 1)), {}, '0.3', one));
  it('half-even: 0.25 → 0.2, and the deduction says 0.3 was lost (max − score)', () => expectScore(rule(rounding('half-even', 1)), {}, '0.2', one));
  it('down: 0.25 → 0.2 (deduction 0.3); up: 0.25 → 0.3 (deduction 0.2)', () => {
    expectScore(rule(rounding('down', 1)), {}, '0.2', one);
    expectScore(rule(rounding('up', 1)), {}, '0.3', one);
  });
});

describe('judgement — 评价人给分不能是一个需要舍入的数（保留1位小数）', () => {
  const rule = leaf({ kind: 'judgement' }, { max: 3, precision: 1 });
  const given = (score: string) => ({ 指标: { score, reason: '指标细化量化不够，缺乏可考核性' } });
  it('2.25 is not rounded either way: assessment_invalid', () => expectIssue(evalIssues(rule, {}, given('2.25')), { code: 'assessment_invalid' }));
  it('2.2 and 2.3 either side are scored as given', () => {
    expectScore(rule, {}, '2.2', given('2.2'));
    expectScore(rule, {}, '2.3', given('2.3'));
  });
});

describe('formula — 10 - 指标值 / 12 * 1.5（10分）', () => {
  const rule = (score: string, opts: SheetOptions = {}) => leaf({ kind: 'formula', score }, { max: 10, inputs: number('指标值'), ...opts });
  const 扣分 = rule('10 - 指标值 / 12 * 1.5');
  it('26.84 → 10 − 3.355 = 6.645 → 6.65', () => expectScore(扣分, '26.84', '6.65'));
  it('26.83 → 6.64625 → 6.65', () => expectScore(扣分, '26.83', '6.65'));
  it('26.85 → 6.64375 → 6.64', () => expectScore(扣分, '26.85', '6.64'));
  it('half-even: 26.84 → 6.645 → 6.64', () => expectScore(rule('10 - 指标值 / 12 * 1.5', rounding('half-even')), '26.84', '6.64'));
  it('floor(1/3*3) is 1, not 0', () => expectScore(leaf({ kind: 'formula', score: 'floor(1/3*3)' }, { max: 5 }), {}, '1'));
  it('ceil(2/3*3) is 2, not 3', () => expectScore(leaf({ kind: 'formula', score: 'ceil(2/3*3)' }, { max: 5 }), {}, '2'));
  it('round(指标值 / 12 * 1.5, 2) at 26.84 → round(3.355, 2) = 3.36', () => expectScore(rule('round(指标值 / 12 * 1.5, 2)'), '26.84', '3.36'));
  it('through a metric: 扣分值 = 指标值 / 12, score 10 − 扣分值 × 1.5 at 26.84 → 6.65', () =>
    expectScore(leaf({ kind: 'formula', score: '10 - 扣分值 * 1.5' }, { max: 10, inputs: number('指标值'), metrics: { 扣分值: '指标值 / 12' } }), { 指标值: '26.84' }, '6.65'));
  it('a division by zero is still an issue, not a number', () =>
    expect(evalIssues(rule('10 - 指标值 / 0'), '1').map((i) => i.code)).toContain('division_by_zero'));
});
