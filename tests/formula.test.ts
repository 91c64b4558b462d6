/**
 * The formula language (metrics, `value`, `when`, `score`): exact decimals, a fixed set of
 * operators and functions, no way out to JavaScript. Exercised through rubrics, as authors use it.
 */
import { describe, expect, it } from 'vitest';
import { safeLoadRubric, type LoadOptions } from '../src/index.js';
import { expectIssue, issuesOf, leaf, resultOf, rubricWith, type Values } from './helpers.js';

const inputs = {
  a: { type: 'number' as const },
  b: { type: 'number' as const },
  在职人数: { type: 'count' as const },
  编制人数: { type: 'count' as const },
};
const defaults: Values = { a: 6, b: 4, 在职人数: 31, 编制人数: 34 };

/** The value of `formula` as a metric (reported to 6 decimals). */
const value = (formula: string, values: Values = {}) => {
  const l = leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } });
  return resultOf(l, { ...defaults, ...values }).metrics['m'];
};
/** Whether `condition` holds, as the `when` of a case. */
const holds = (condition: string, values: Values = {}) => {
  const l = leaf({ kind: 'cases', cases: [{ when: condition, score: 1 }], otherwise: { score: 0 } }, { max: 1, inputs });
  return resultOf(l, { ...defaults, ...values }).indicators[0]!.score === '1';
};
/** Issues of a rubric whose metric `m` is `formula`. */
const metricIssues = (formula: string, opts: LoadOptions = {}) =>
  issuesOf(() => safeLoadRubric(rubricWith({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } }), opts));
/** Issues of evaluating figures against a rubric whose metric `m` is `formula`. */
const evalIssues = (formula: string, values: Values) =>
  issuesOf(() => resultOf(leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { m: formula } }), { ...defaults, ...values }));

describe('numbers and arithmetic, in exact decimals', () => {
  it.each([
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['-2 * 3', '-6'],
    ['2 - -1', '3'],
    ['10 / 4', '2.5'],
    ['1 / 3', '0.333333'],
    ['0.1 + 0.2', '0.3'],
    ['0.3 - 0.1', '0.2'],
    ['1.1 * 1.1', '1.21'],
    ['.5 + 1', '1.5'],
    ['（1 + 2）× 3', '9'],
    ['10 ÷ 4', '2.5'],
    ['a − b', '2'],
    ['在职人数 / 编制人数 * 100', '91.176471'],
  ])('%s = %s', (formula, expected) => expect(value(formula)).toBe(expected));
  it('0.1 + 0.2 = 0.3 holds exactly', () => expect(holds('0.1 + 0.2 = 0.3')).toBe(true));
  it('figures are exact: a = 0.1, b = 0.2 → a + b = 0.3', () => expect(holds('a + b = 0.3', { a: 0.1, b: 0.2 })).toBe(true));
});

describe('functions', () => {
  it.each([
    ['min(3, 1, 2)', '1'],
    ['max(3, 1, 2)', '3'],
    ['abs(-2.5)', '2.5'],
    ['round(2.345, 2)', '2.35'],
    ['round(2.5)', '3'],
    ['round(1.005, 2)', '1.01'],
    ['floor(2.7)', '2'],
    ['ceil(2.1)', '3'],
    ['clamp(12, 0, 10)', '10'],
    ['clamp(-1, 0, 10)', '0'],
    ['clamp(5, 0, 10)', '5'],
    ['if(1 < 2, 10, 20)', '10'],
    ['if(1 > 2, 10, 20)', '20'],
    ['max(0, a - 100) * 0.5', '0'],
  ])('%s = %s', (formula, expected) => expect(value(formula)).toBe(expected));
});

describe('names', () => {
  it('Chinese names are used as-is', () => expect(value('在职人数 - 编制人数')).toBe('-3'));
  it('any text in backquotes is a name', () => {
    const l = leaf(
      { kind: 'per_unit', value: '`“三公经费”变动率`', standard: 0, direction: 'above', points: 0.5 },
      {
        inputs: { 本年: { type: 'number' }, 上年: { type: 'number' } },
        metrics: { '“三公经费”变动率': { formula: '(本年 - 上年) / 上年 * 100', unit: '%' } },
      },
    );
    expect(resultOf(l, { 本年: 5270, 上年: 12098 }).indicators[0]!.score).toBe('5');
  });
  it('a metric may read another metric', () => {
    const l = leaf({ kind: 'formula', score: '1' }, { max: 1, inputs, metrics: { 率: 'a / b * 100', 超出: '率 - 100' } });
    expect(resultOf(l, defaults).metrics).toEqual({ 率: '150', 超出: '50' });
  });
});

describe('comparisons and logic', () => {
  it.each([
    ['1 = 1', true], ['1 == 1', true], ['1 != 1', false], ['1 ≠ 2', true], ['1 <> 2', true],
    ['1 < 2', true], ['2 <= 2', true], ['2 ≤ 1', false], ['2 ≦ 2', true],
    ['3 > 2', true], ['2 >= 3', false], ['3 ≥ 3', true], ['3 ≧ 3', true], ['1 ＜ 2', true], ['1 ＝ 1', true],
    ['1 < 2 and 2 < 3', true], ['1 < 2 and 3 < 2', false], ['1 > 2 or 2 < 3', true], ['not 1 > 2', true],
    ['1 < 2 且 2 < 3', true], ['1 > 2 或 2 < 3', true], ['非 1 > 2', true],
    ['not 1 > 2 and 1 > 2', false],
    ['a > b', true], ['a = 6', true],
  ])('%s is %s', (condition, expected) => expect(holds(condition)).toBe(expected));
});

describe('syntax errors give the column (1-based, in characters)', () => {
  const at = (formula: string, column: number) =>
    expectIssue(metricIssues(formula), { code: 'formula_syntax', path: ['metrics', 'm'], params: expect.objectContaining({ column, formula }) });
  it('在职人数 / * 2 → column 8 (the *)', () => at('在职人数 / * 2', 8));
  it('1 + → column 4 (the end)', () => at('1 +', 4));
  it('(1 + 2 → column 7 (a missing “)”)', () => at('(1 + 2', 7));
  it('2 $ 3 → column 3 (an unknown character)', () => at('2 $ 3', 3));
  it('foo(1) → column 1 (an unknown function)', () => at('foo(1)', 1));
  it('1 < 2 < 3 → column 7 (comparisons do not chain)', () => at('1 < 2 < 3', 7));
  it('1 2 → column 3 (two numbers in a row)', () => at('1 2', 3));
  it('`abc → column 1 (an unclosed backquote)', () => at('`abc', 1));
  it('the message quotes the formula and the column', () =>
    expect(expectIssue(metricIssues('在职人数 / * 2'), { code: 'formula_syntax' }).message).toContain('第 8 个字符'));
});

describe('type errors', () => {
  it.each([
    ['1 + (2 < 3)'],
    ['if(1, 2, 3)'],
    ['if(1 < 2, 1, 1 < 2)'],
    ['not 1'],
    ['1 and 2'],
    ['-(1 < 2)'],
    ['abs(1, 2)'],
    ['clamp(1, 2)'],
    ['min()'],
    ['max(1 < 2, 3)'],
    ['1 = (1 < 2)'],
  ])('%s', (formula) => {
    expectIssue(metricIssues(formula), { code: 'formula_type', path: ['metrics', 'm'] });
  });
  it('a metric must be a number, not a condition', () =>
    expectIssue(metricIssues('a < b'), { code: 'formula_type', path: ['metrics', 'm'] }));
  it('a case’s `when` must be a condition, not a number', () =>
    expectIssue(
      () => safeLoadRubric(rubricWith({ kind: 'cases', cases: [{ when: 'a', score: 1 }] }, { max: 1, inputs })),
      { code: 'formula_type', path: ['indicators', 0, 'rule', 'cases', 0, 'when'], indicator: '指标' },
    ));
  it('a rule `value` must be a number', () =>
    expectIssue(
      () => safeLoadRubric(rubricWith({ kind: 'per_unit', value: 'a < b', standard: 100, direction: 'above', points: 1 }, { inputs })),
      { code: 'formula_type', path: ['indicators', 0, 'rule', 'value'] },
    ));
});

describe('unknown names — and no way out to JavaScript', () => {
  it.each(['未声明的数', 'constructor', 'process', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'globalThis', 'eval', 'Math', 'require'])(
    '%s is just an unknown name',
    (name) => {
      expectIssue(metricIssues(`${name} + 1`), { code: 'unknown_name', path: ['metrics', 'm'], params: expect.objectContaining({ name }) });
    },
  );
  it('`constructor` in backquotes is an unknown name too', () =>
    expectIssue(metricIssues('`constructor`'), { code: 'unknown_name', params: expect.objectContaining({ name: 'constructor' }) }));
  it.each(['process.exit(1)', 'a["constructor"]', 'this', 'a; b', '() => 1', 'new Date()'])('%s is rejected', (formula) =>
    expect(metricIssues(formula).map((i) => i.code)).toContainEqual(expect.stringMatching(/^(formula_syntax|unknown_name)$/)),
  );
});

describe('division by zero is an error at evaluation, naming the formula', () => {
  it('a / b with b = 0', () =>
    expectIssue(evalIssues('a / b', { b: 0 }), { code: 'division_by_zero', path: ['metrics', 'm'], params: expect.objectContaining({ formula: 'a / b' }) }));
  it('a / (b - b) — zero computed, not typed', () => expectIssue(evalIssues('a / (b - b)', { b: 3 }), { code: 'division_by_zero' }));
  it('the same rubric scores when the divisor is not zero', () => expect(value('a / b', { b: 3 })).toBe('2'));
  it('a rule whose value divides by zero names its indicator', () => {
    const l = leaf({ kind: 'per_unit', value: 'a / b * 100', standard: 100, direction: 'above', points: 1 }, { inputs });
    expectIssue(issuesOf(() => resultOf(l, { ...defaults, b: 0 })), { code: 'division_by_zero', indicator: '指标' });
  });
});

describe('if() computes only the chosen branch', () => {
  it('if(b = 0, 0, a / b) with b = 0 → 0, no division by zero', () => expect(value('if(b = 0, 0, a / b)', { b: 0 })).toBe('0'));
  it('if(b != 0, a / b, -1) with b = 0 → −1', () => expect(value('if(b != 0, a / b, -1)', { b: 0 })).toBe('-1'));
  it('nested: if(b = 0, if(a = 0, 0, 100), a / b) with b = 0 → 100', () => expect(value('if(b = 0, if(a = 0, 0, 100), a / b)', { b: 0 })).toBe('100'));
});

describe('limits', () => {
  it('a formula longer than maxFormulaLength is formula_too_complex', () =>
    expectIssue(metricIssues('1 + 1 + 1 + 1 + 1 + 1', { limits: { maxFormulaLength: 10 } }), { code: 'formula_too_complex', path: ['metrics', 'm'] }));
  it('absurd nesting is rejected, not a stack overflow', () =>
    expect(metricIssues('('.repeat(500) + '1' + ')'.repeat(500)).map((i) => i.code)).toContainEqual(
      expect.stringMatching(/^(formula_syntax|formula_too_complex)$/),
    ));
});
