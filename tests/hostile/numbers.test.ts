import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate, safeLoadRubric, type EvaluationInput } from '../../src/index.js';
import { DEMO, demo, expectAccepted, expectRejected, guardPrototype, QUICK, VALUES } from './helpers.js';

// Figures a user may type where a number is declared. The decision (README "Precision and
// rounding", docs/rubric-format.md "Numbers"): JSON numbers and decimal strings are accepted
// (surrounding spaces ignored, -0 is 0); anything that would have to be reinterpreted —
// percent signs, thousands separators, full-width digits, units — is rejected with
// `invalid_number` and a hint, because a finance figure silently reinterpreted is worse than
// an error.
guardPrototype();

const withValue = (v: unknown): EvaluationInput => ({ values: { ...VALUES, 在职人数: v as number } });
const at = ['values', '在职人数'];

describe('numbers in an evaluation input', () => {
  it.each([
    ['"95%"', '95%', /百分点/],
    ['"95％" (full-width percent)', '95％', /百分点/],
    ['"1,265.5" (thousands separator)', '1,265.5', /千分位/],
    ['"１００" (full-width digits)', '１００', /半角/],
    ['"31人" (a unit)', '31人', /单位/],
    ['"5万元"', '5万元', /单位/],
    ['"NaN"', 'NaN', undefined],
    ['"Infinity"', 'Infinity', undefined],
    ['"-Infinity"', '-Infinity', undefined],
    ['"0x1F" (hexadecimal)', '0x1F', undefined],
    ['"1e999999"', '1e999999', /10¹⁵/],
    ['"1e16"', '1e16', /10¹⁵/],
    ['"" (empty)', '', undefined],
    ['"三十一"', '三十一', undefined],
    ['"1_000"', '1_000', undefined],
    ['70 digits', `0.${'1'.repeat(70)}`, /64/],
  ])('%s: invalid_number', (_, raw, hint) => {
    expectRejected(() => safeEvaluate(demo(), withValue(raw)), { code: 'invalid_number', path: at, ...(hint ? { says: hint } : {}) });
  }, QUICK);

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('the JavaScript number %s: invalid_number (not "expected a number, received a number")', (_, raw) => {
    const issue = expectRejected(() => safeEvaluate(demo(), withValue(raw)), { code: 'invalid_number', path: at });
    expect(issue.message).toContain(String(raw));
  }, QUICK);

  it.each([
    ['JSON 1e999999', '{"values": {"在职人数": 1e999999, "编制人数": 500, "重点支出安排率": 85.5}}'],
    ['JSON -1e999999', '{"values": {"在职人数": -1e999999, "编制人数": 500, "重点支出安排率": 85.5}}'],
    ['YAML .inf', 'values: { 在职人数: .inf, 编制人数: 500, 重点支出安排率: 85.5 }'],
    ['YAML .nan', 'values: { 在职人数: .NaN, 编制人数: 500, 重点支出安排率: 85.5 }'],
    ['YAML 0x1F', 'values: { 在职人数: 0x1F, 编制人数: 500, 重点支出安排率: 85.5 }'],
    ['YAML 0o17', 'values: { 在职人数: 0o17, 编制人数: 500, 重点支出安排率: 85.5 }'],
  ])('%s in input text: invalid_number with its line', (_, text) => {
    const issue = expectRejected(() => safeEvaluate(demo(), text, { file: 'in.yaml' }), { code: 'invalid_number', path: at });
    expect(issue.source).toMatchObject({ file: 'in.yaml', line: 1 });
  }, QUICK);

  it('-0, "-0", " 517 ", "517.0", "+517" and 517 score identically', () => {
    const expected = JSON.stringify(evaluate(demo(), withValue(517)));
    for (const v of [' 517 ', '517.0', '+517', '5.17e2']) expect(JSON.stringify(evaluate(demo(), withValue(v))), v).toBe(expected);
    const zero = JSON.stringify(evaluate(demo(), withValue(0)));
    for (const v of [-0, '-0', '0.00', '-0.0']) expect(JSON.stringify(evaluate(demo(), withValue(v))), String(v)).toBe(zero);
    expect(zero).not.toContain('-0');
  }, QUICK);

  it('a JSON number is taken by its shortest decimal form: 0.1 + 0.2 is 0.30000000000000004, exactly', () => {
    const r = evaluate(demo(), { values: { ...VALUES, 重点支出安排率: 0.1 + 0.2 } });
    expect(r.indicators[1]!.deductions[0]!.reason).toContain('0.3%');
  }, QUICK);

  it('negative counts, fractional counts, figures out of range', () => {
    expectRejected(() => safeEvaluate(demo(), withValue(-1)), { code: 'input_out_of_range', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue('-3')), { code: 'input_out_of_range', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue('2.5')), { code: 'input_not_integer', path: at });
    expectRejected(() => safeEvaluate(demo(), { values: { ...VALUES, 编制人数: 0 } }), { code: 'input_out_of_range', path: ['values', '编制人数'] });
  }, QUICK);

  it('booleans, lists, mappings and null where a figure is declared', () => {
    expectRejected(() => safeEvaluate(demo(), withValue(true)), { code: 'invalid_type', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue([517])), { code: 'invalid_type', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue({ value: 517 })), { code: 'invalid_type', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue(null)), { code: 'input_missing', path: at });
    expectRejected(() => safeEvaluate(demo(), withValue(10n ** 30n)), { code: 'invalid_type', path: at });
  }, QUICK);

  it('a judgement score written "2分" or "２": invalid_number at the score', () => {
    const rubric = expectAccepted(() => safeLoadRubric({ id: 't', name: 't', indicators: [{ id: '绩效目标合理性', name: '绩效目标合理性', max: 3, rule: { kind: 'judgement' } }] }));
    for (const score of ['2分', '２', '95%', 'NaN'])
      expectRejected(() => safeEvaluate(rubric, { assessments: { 绩效目标合理性: { score, reason: '理由' } } }), { code: 'invalid_number', path: ['assessments', '绩效目标合理性', 'score'] });
    expectRejected(() => safeEvaluate(rubric, { assessments: { 绩效目标合理性: { score: Infinity, reason: '理由' } } }), { code: 'invalid_number', path: ['assessments', '绩效目标合理性', 'score'] });
  }, QUICK);
});

describe('numbers in a rubric', () => {
  it.each([
    ['"95%"', 'max: 95%'],
    ['1e999999', 'max: 1e999999'],
    ['.inf', 'max: .inf'],
    ['.nan', 'max: .nan'],
    ['0x10', 'max: 0x10'],
    ['１０ (full-width)', 'max: １０'],
    ['"1,000"', 'max: "1,000"'],
  ])('a max written %s: invalid_number with its line', (_, max) => {
    const text = DEMO.replace('max: 5', max).replace(/max: 5\n(\s+)rule: \{ kind: bands/, 'max: 5\n$1rule: { kind: bands');
    const issue = expectRejected(() => safeLoadRubric(text, { file: 'r.yaml' }), { code: 'invalid_number' });
    expect(issue.source?.line).toBe(12);
  }, QUICK);

  it('a negative max: invalid_value', () => {
    expectRejected(() => safeLoadRubric(DEMO.replace('max: 5', 'max: -5')), { code: 'invalid_value' });
  }, QUICK);

  it('band edges and targets with absurd numbers: band_syntax / target_syntax', () => {
    expectRejected(() => safeLoadRubric(DEMO.replace('"≥90"', '"≥1e999999"')), { code: 'band_syntax' });
    expectRejected(() => safeLoadRubric(DEMO.replace('"[80, 90)"', '"[NaN, 90)"')), { code: 'band_syntax' });
    const target = { id: 't', name: 't', inputs: { a: { type: 'count' as const } }, indicators: [{ id: 'x', name: 'x', max: 1, rule: { kind: 'target' as const, value: 'a', target: '≥1e999999份' } }] };
    expectRejected(() => safeLoadRubric(target), { code: 'target_syntax' });
  }, QUICK);

  it('formula constants with more than 40 digits: formula_syntax', () => {
    expectRejected(() => safeLoadRubric(DEMO.replace('在职人数 / 编制人数 * 100', `在职人数 / 编制人数 * 1${'0'.repeat(45)}`)), { code: 'formula_syntax' });
  }, QUICK);
});

describe('numbers whose reading depends on the reader, or that are out of range', () => {
  it.each([
    ['017 (octal in YAML 1.1)', '017'],
    ['-017', '-017'],
    ['00', '00'],
    ['0017', '0017'],
  ])('a YAML number %s: invalid_number saying why, never read as 17 or 15', (_, raw) => {
    const issue = expectRejected(() => safeEvaluate(demo(), `values: { 在职人数: ${raw}, 编制人数: 500, 重点支出安排率: 85.5 }`, { file: 'in.yaml' }), { code: 'invalid_number', path: at, says: /八进制/ });
    expect(issue.messageEn).toMatch(/octal/);
    expect(issue.source).toMatchObject({ file: 'in.yaml', line: 1 });
    if (raw.startsWith('-')) return;
    const rubric = expectRejected(() => safeLoadRubric(DEMO.replace('max: 5', `max: ${raw}`), { file: 'r.yaml' }), { code: 'invalid_number', says: /octal/ });
    expect(rubric.source?.line).toBe(12);
  }, QUICK);

  it('0, 0.5, 10 and 100 are ordinary numbers', () => {
    for (const v of ['0', '10', '100', '-0']) expect(safeEvaluate(demo(), withValue(v)).success, v).toBe(true);
    for (const v of ['0.5', '0.05', '00.5']) expect(safeEvaluate(demo(), { values: { ...VALUES, 重点支出安排率: v } }).success, v).toBe(true);
  }, QUICK);

  it.each([
    ['1e-45', /过小/, /too small/],
    ['1e-41', /过小/, /too small/],
    ['1e41', /10¹⁵/, /1e15/],
  ])('%s: invalid_number with the true reason, not "at most 64 characters"', (raw, zh, en) => {
    for (const issue of [
      expectRejected(() => safeEvaluate(demo(), withValue(raw)), { code: 'invalid_number', path: at }),
      expectRejected(() => safeLoadRubric(DEMO.replace('max: 5', `max: ${raw}`)), { code: 'invalid_number' }),
    ]) {
      expect(issue.message).toMatch(zh);
      expect(issue.messageEn).toMatch(en);
      expect(`${issue.message}${issue.messageEn}`).not.toMatch(/64/);
    }
  }, QUICK);
});

describe('figures a formula cannot compute', () => {
  it('division by zero in a derived metric: division_by_zero naming the metric', () => {
    const rubric = expectAccepted(() => safeLoadRubric(DEMO.replace('编制人数: { type: count, unit: 人, min: 1 }', '编制人数: { type: count, unit: 人 }')));
    const issue = expectRejected(() => safeEvaluate(rubric, { values: { ...VALUES, 编制人数: 0 } }), { code: 'division_by_zero', path: ['metrics', '在职人员控制率'] });
    expect(issue.message).toContain('在职人数 / 编制人数 * 100');
  }, QUICK);

  it('division by zero inside a rule formula: division_by_zero naming the indicator', () => {
    const rubric = expectAccepted(() => safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'number' }, b: { type: 'number' } }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score: '5 - a / b' } }] }));
    const issue = expectRejected(() => safeEvaluate(rubric, { values: { a: 1, b: 0 } }), { code: 'division_by_zero' });
    expect(issue.indicator).toBe('x');
    expectRejected(() => safeEvaluate(rubric, { values: { a: 0, b: '-0' } }), { code: 'division_by_zero' });
  }, QUICK);

  it('values that grow without bound stop with a typed error instead of exhausting memory', () => {
    // Each metric squares the one before: 10¹⁵ → 10^(15·2⁶⁰) without the bound on intermediate values.
    const metrics: Record<string, string> = { m0: 'a * a' };
    for (let i = 1; i < 60; i++) metrics[`m${i}`] = `m${i - 1} * m${i - 1}`;
    const rubric = expectAccepted(() => safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'number' } }, metrics, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'per_unit', value: 'm59', standard: 100, direction: 'above', points: 0.5 } }] }));
    const r = safeEvaluate(rubric, { values: { a: '1e15' } });
    expect(r.success).toBe(false);
    // Tiny values too (each metric squares a number below 1).
    expect(safeEvaluate(rubric, { values: { a: '0.001' } }).success).toBe(false);
    // And ordinary values still compute.
    expect(safeEvaluate(rubric, { values: { a: '1' } }).success).toBe(true);
  }, QUICK);
});
