/**
 * No formula argument is silently changed: `round(x, n)` takes a whole n from 0 to 20, `clamp`
 * needs lo ≤ hi. A constant out of range stops the rubric at load (`formula_argument`, with the
 * argument's column); a computed one stops the evaluation with the same code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric } from '../src/index.js';
import { expectIssue, issuesOf, leaf, resultOf, rubricWith, type Values } from './helpers.js';

const inputs = { a: { type: 'number' as const }, n: { type: 'number' as const }, lo: { type: 'number' as const }, hi: { type: 'number' as const } };
const defaults: Values = { a: 1234.5678, n: 2, lo: 0, hi: 10 };
const rubric = (formula: string) => rubricWith({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } });
const loadIssues = (formula: string) => issuesOf(() => safeLoadRubric(rubric(formula)));
const value = (formula: string, values: Values = {}) =>
  resultOf(leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } }), { ...defaults, ...values }).metrics['m'];
const evalIssues = (formula: string, values: Values) =>
  issuesOf(() => resultOf(leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } }), { ...defaults, ...values }));

describe('round(x, n) with a constant n: refused at load unless a whole number from 0 to 20', () => {
  it('round(a, -2): the message names the formula, the column of -2 and what round takes', () =>
    expect(expectIssue(loadIssues('round(a, -2)'), { code: 'formula_argument', path: ['metrics', 'm'], params: expect.objectContaining({ column: 10, formula: 'round(a, -2)' }) }).message).toBe(
      '公式“round(a, -2)”第 10 个字符处的参数无效：round 的小数位数应为 0 到 20 的整数，实际为 -2',
    ));
  it.each([
    ['round(a, -1)', 10],
    ['round(a, 1.5)', 10],
    ['round(a, 0.1)', 10],
    ['round(a, 21)', 10],
    ['round(a, 1/2)', 10],
    ['round(a, 1 - 2)', 10],
    ['a + round(a,   -0.5)', 16],
  ])('%s → column %i', (formula, column) => {
    expectIssue(loadIssues(formula), { code: 'formula_argument', params: expect.objectContaining({ column }) });
  });
  it.each([
    ['round(a, 0)', '1235'],
    ['round(a, 2)', '1234.57'],
    ['round(a, 4/2)', '1234.57'],
    ['round(a, -0)', '1235'],
    ['round(a, 2.0)', '1234.57'],
    ['round(a, 20)', '1234.5678'],
    ['round(a)', '1235'],
  ])('%s = %s (the edges accepted)', (formula, expected) => expect(value(formula)).toBe(expected));
  it('to hundreds, as documented: round(a / 100) * 100 = 1200', () => expect(value('round(a / 100) * 100')).toBe('1200'));
});

describe('round(x, n) with a computed n: the evaluation is refused, never rounded to 0 or 20 places', () => {
  it.each([['-2'], ['1.5'], ['21'], ['-0.4']])('n = %s', (n) => {
    expectIssue(evalIssues('round(a, n)', { n }), { code: 'formula_argument', path: ['metrics', 'm'], params: expect.objectContaining({ column: 10, formula: 'round(a, n)' }) });
  });
  it.each([
    ['0', '1235'],
    ['3', '1234.568'],
    ['20', '1234.5678'],
  ])('n = %s → %s', (n, expected) => expect(value('round(a, n)', { n })).toBe(expected));
  it('property: accepted exactly when n is a whole number in [0, 20]', () =>
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 2400 }), (hundredths) => {
        const n = (hundredths / 100).toFixed(2);
        const ok = hundredths % 100 === 0 && hundredths >= 0 && hundredths <= 2000;
        const r = safeEvaluate(leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: 'round(a, n)' } }).rubric, { values: { ...defaults, n } });
        expect(r.success ? [] : r.issues.map((i) => i.code)).toEqual(ok ? [] : ['formula_argument']);
      }),
      { numRuns: 150 },
    ));
});

describe('clamp(x, lo, hi): lo above hi is refused, never silently hi', () => {
  it('clamp(a, 10, 0) does not load', () =>
    expect(expectIssue(loadIssues('clamp(a, 10, 0)'), { code: 'formula_argument', params: expect.objectContaining({ column: 10 }) }).message).toBe(
      '公式“clamp(a, 10, 0)”第 10 个字符处的参数无效：clamp 的下限 10 大于上限 0',
    ));
  it('clamp(a, 5, 5) = 5 (lo = hi is allowed)', () => expect(value('clamp(a, 5, 5)')).toBe('5'));
  it('computed bounds: lo 10.01 above hi 10 is refused; lo 10 with hi 10 gives 10', () => {
    expectIssue(evalIssues('clamp(a, lo, hi)', { lo: '10.01', hi: 10 }), { code: 'formula_argument', path: ['metrics', 'm'] });
    expect(value('clamp(a, lo, hi)', { lo: 10, hi: 10 })).toBe('10');
  });
});
