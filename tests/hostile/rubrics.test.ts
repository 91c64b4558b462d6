import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric, type RubricDocumentInput, type RuleInput } from '../../src/index.js';
import { DEMO, demo, expectAccepted, expectRejected, guardPrototype, QUICK, VALUES } from './helpers.js';

// Hostile rubric *content*: formulas reaching for JavaScript, cycles, unknown kinds, and
// evaluations a person could get wrong.
guardPrototype();

const oneLeaf = (rule: RuleInput, extra: Partial<RubricDocumentInput> = {}): RubricDocumentInput => ({
  id: 't',
  name: 't',
  inputs: { a: { type: 'number' }, b: { type: 'number' } },
  indicators: [{ id: 'x', name: 'x', max: 5, rule }],
  ...extra,
});
const metric = (formula: string) => oneLeaf({ kind: 'formula', score: 'm' }, { metrics: { m: formula } });

describe('formula text trying to reach JavaScript', () => {
  // A canary: if any formula ever ran as JavaScript, one of these would set it.
  const canary = '__jixiao_formula_ran__';

  it.each([
    ['constructor.constructor("return process")()', 'formula_syntax'],
    ['a.constructor', 'formula_syntax'],
    ['constructor', 'unknown_name'],
    ['__proto__', 'unknown_name'],
    ['`__proto__`', 'unknown_name'],
    ['`constructor`', 'unknown_name'],
    ['prototype', 'unknown_name'],
    ['process', 'unknown_name'],
    ['globalThis', 'unknown_name'],
    ['this', 'unknown_name'],
    ['window', 'unknown_name'],
    ['require("fs")', 'formula_syntax'],
    ['import("fs")', 'formula_syntax'],
    ['eval("1")', 'formula_syntax'],
    ['Function("return 1")()', 'formula_syntax'],
    [`globalThis.${canary} = 1`, 'formula_syntax'],
    ['a[0]', 'formula_syntax'],
    ['`${process.exit()}`', 'unknown_name'],
    ['a; process.exit(1)', 'formula_syntax'],
    ['(() => 1)()', 'formula_syntax'],
    ['a ? 1 : 0', 'formula_syntax'],
    ['toString()', 'formula_syntax'],
    ['valueOf', 'unknown_name'],
    ['hasOwnProperty', 'unknown_name'],
    ['max.constructor', 'formula_syntax'],
    ['/a/.test(a)', 'formula_syntax'],
  ])('%s: %s, and nothing runs', (formula, code) => {
    const issue = expectRejected(() => safeLoadRubric(metric(formula)), { code: code as 'formula_syntax' });
    expect(issue.path).toStrictEqual(['metrics', 'm']);
    expect((globalThis as Record<string, unknown>)[canary]).toBeUndefined();
  }, QUICK);

  it('a very long or deeply nested formula: formula_too_complex, never a stack overflow', () => {
    expectRejected(() => safeLoadRubric(metric(`${'('.repeat(1000)}a${')'.repeat(1000)}`)), { code: 'formula_too_complex' });
    expectRejected(() => safeLoadRubric(metric(`${'-'.repeat(1999)}a`)), { code: 'formula_too_complex', says: /60/ });
    expectRejected(() => safeLoadRubric(metric(`if(${'not '.repeat(400)}a > 1, 1, 0)`)), { code: 'formula_too_complex' });
    expectRejected(() => safeLoadRubric(metric('a + '.repeat(600) + 'a')), { code: 'formula_too_complex' });
    expectAccepted(() => safeLoadRubric(metric(Array(900).fill('a').join('+'))));
  }, QUICK);

  it('the formula length limit can be changed per call', () => {
    expectRejected(() => safeLoadRubric(metric('a + b'), { limits: { maxFormulaLength: 3 } }), { code: 'formula_too_complex' });
  }, QUICK);

  it('functions are only the listed ones, with their arities', () => {
    expectRejected(() => safeLoadRubric(metric('pow(a, 2)')), { code: 'formula_syntax' });
    expectRejected(() => safeLoadRubric(metric('max()')), { code: 'formula_type' });
    expectRejected(() => safeLoadRubric(metric('round(a, 2, 3)')), { code: 'formula_type' });
  }, QUICK);
});

describe('cyclic metric definitions', () => {
  it.each([
    ['itself', { m: 'm + 1' }, 'm → m'],
    ['two', { m: 'n * 2', n: 'm / 2' }, 'm → n → m'],
    ['three, through an if', { m: 'if(a > 0, n, 0)', n: 'o', o: 'm' }, 'm → n → o → m'],
  ])('a metric reading %s: metric_cycle naming the cycle', (_, metrics, cycle) => {
    const issue = expectRejected(() => safeLoadRubric(oneLeaf({ kind: 'formula', score: 'm' }, { metrics })), { code: 'metric_cycle' });
    expect(issue.message).toContain(cycle);
  }, QUICK);

  it('a metric named like an input: name_conflict', () => {
    expectRejected(() => safeLoadRubric(oneLeaf({ kind: 'formula', score: 'a' }, { metrics: { a: 'b * 2' } })), { code: 'name_conflict' });
  }, QUICK);
});

describe('unknown rule kinds', () => {
  it.each(['magic', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'PER_UNIT', ''])('kind "%s": unknown_rule_kind (or a missing kind)', (kind) => {
    const issue = expectRejected(() => safeLoadRubric(oneLeaf({ kind } as unknown as RuleInput)), { code: kind ? 'unknown_rule_kind' : 'unknown_rule_kind', path: ['indicators', 0, 'rule', 'kind'] });
    expect(issue.message).toContain('per_unit');
  }, QUICK);

  it('a rule without a kind, or not a mapping', () => {
    expectRejected(() => safeLoadRubric(oneLeaf({ value: 'a' } as unknown as RuleInput)), { code: 'missing_key' });
    expectRejected(() => safeLoadRubric(oneLeaf('per_unit' as unknown as RuleInput)), { code: 'invalid_type' });
  }, QUICK);

  it('in YAML, with its line', () => {
    const issue = expectRejected(() => safeLoadRubric(DEMO.replace('kind: per_unit', 'kind: per-unit'), { file: 'r.yaml' }), { code: 'unknown_rule_kind' });
    expect(issue.source?.line).toBe(13);
  }, QUICK);
});

describe('a required key left out is missing_key, whatever its kind', () => {
  const withRule = (rule: Record<string, unknown>) => oneLeaf(rule as unknown as RuleInput);
  it.each([
    ['an input without type', { ...oneLeaf({ kind: 'formula', score: 'a' }), inputs: { a: {}, b: { type: 'number' } } } as unknown as RubricDocumentInput, ['inputs', 'a', 'type']],
    ['a per_unit rule without direction', withRule({ kind: 'per_unit', value: 'a', standard: 100, points: 0.5 }), ['indicators', 0, 'rule', 'direction']],
    ['a per_unit rule without standard', withRule({ kind: 'per_unit', value: 'a', direction: 'above', points: 0.5 }), ['indicators', 0, 'rule', 'standard']],
    ['a bands rule without bands', withRule({ kind: 'bands', value: 'a' }), ['indicators', 0, 'rule', 'bands']],
    ['a band without score', withRule({ kind: 'bands', value: 'a', bands: [{ when: '≥0' }] }), ['indicators', 0, 'rule', 'bands', 0, 'score']],
    ['an indicator without max', { ...oneLeaf({ kind: 'judgement' }), indicators: [{ id: 'x', name: 'x', rule: { kind: 'judgement' } }] } as unknown as RubricDocumentInput, ['indicators', 0, 'max']],
    ['a rubric without name', { id: 't', indicators: [] } as unknown as RubricDocumentInput, ['name']],
  ])('%s', (_, doc, path) => {
    const issue = expectRejected(() => safeLoadRubric(doc), { code: 'missing_key', path });
    expect(issue.message).not.toMatch(/undefined/);
  }, QUICK);

  it('in YAML, with the line of the mapping that lacks it', () => {
    const issue = expectRejected(() => safeLoadRubric(DEMO.replace('direction: above, ', ''), { file: 'r.yaml' }), { code: 'missing_key', path: ['indicators', 0, 'rule', 'direction'] });
    expect(issue.source?.line).toBe(13);
    expectRejected(() => safeLoadRubric(DEMO.replace('{ type: percent }', '{ unit: "%" }')), { code: 'missing_key', path: ['inputs', '重点支出安排率', 'type'] });
  }, QUICK);
});

describe('judgements a person can get wrong', () => {
  const rubric = () => expectAccepted(() => safeLoadRubric({ id: 't', name: 't', indicators: [{ id: '绩效目标合理性', name: '绩效目标合理性', max: 3, rule: { kind: 'judgement', step: 0.5 } }] }));
  const judge = (a: Record<string, unknown>) => safeEvaluate(rubric(), { assessments: { 绩效目标合理性: a } });
  const at = (k: string) => ['assessments', '绩效目标合理性', k];

  it('below max with no reason: judgement_reason_required', () => {
    expectRejected(() => judge({ score: 2 }), { code: 'judgement_reason_required', path: at('reason'), says: /reason/ });
  }, QUICK);

  it('below max with an empty or blank reason: judgement_reason_required', () => {
    for (const reason of ['', '   ', '\n\t', '\u3000']) expectRejected(() => judge({ score: 2, reason }), { code: 'judgement_reason_required', path: at('reason') });
  }, QUICK);

  it('a reason that is not text: invalid_type', () => {
    expectRejected(() => judge({ score: 2, reason: 42 }), { code: 'invalid_type', path: at('reason') });
  }, QUICK);

  it('above max, negative, off-step, too precise: typed, never clamped', () => {
    expectRejected(() => judge({ score: 4, reason: 'x' }), { code: 'judgement_out_of_range', path: at('score') });
    expectRejected(() => judge({ score: -1, reason: 'x' }), { code: 'judgement_out_of_range', path: at('score') });
    expectRejected(() => judge({ score: 2.3, reason: 'x' }), { code: 'judgement_step', path: at('score') });
    expectRejected(() => judge({ score: '2.0000000001', reason: 'x' }), { code: 'judgement_step' });
  }, QUICK);

  it('no score at all: assessment_missing', () => {
    expectRejected(() => judge({ reason: '没打分' }), { code: 'assessment_missing' });
    expectRejected(() => safeEvaluate(rubric(), {}), { code: 'assessment_missing' });
  }, QUICK);

  it('full marks need no reason', () => {
    expect(expectAccepted(() => judge({ score: 3 })).total).toBe('3');
  }, QUICK);
});

describe('evaluations that do not fit the rubric', () => {
  it('unknown inputs, indicators and vetoes: typed, with a hint', () => {
    expectRejected(() => safeEvaluate(demo(), { values: { ...VALUES, 在职人员数: 3 } }), { code: 'input_unknown', path: ['values', '在职人员数'] });
    expectRejected(() => safeEvaluate(demo(), { values: VALUES, assessments: { 不存在: { score: 1 } } }), { code: 'assessment_unknown' });
    expectRejected(() => safeEvaluate(demo(), { values: VALUES, vetoes: { 不存在: '原因' } }), { code: 'veto_unknown' });
    expectRejected(() => safeEvaluate(demo(), { values: VALUES, extra: 1 } as never), { code: 'unknown_key', path: ['extra'] });
  }, QUICK);

  it('a score for an indicator scored by its rule: assessment_invalid', () => {
    expectRejected(() => safeEvaluate(demo(), { values: VALUES, assessments: { 重点支出安排率: { score: 5 } } }), { code: 'assessment_invalid' });
  }, QUICK);

  it('不适用 where the rubric forbids it', () => {
    expectRejected(() => safeEvaluate(demo(), { values: VALUES, assessments: { 重点支出安排率: { notApplicable: true } } }), { code: 'not_applicable_forbidden' });
  }, QUICK);

  it('a value no band takes: no_band_matched', () => {
    const r = expectAccepted(() => safeLoadRubric(oneLeaf({ kind: 'bands', value: 'a', bands: [{ when: '[0, 10)', score: 5 }] })));
    expectRejected(() => safeEvaluate(r, { values: { a: 10, b: 0 } }), { code: 'no_band_matched' });
  }, QUICK);

  it('a count rule fed a fraction or a negative figure: count_not_integer', () => {
    const r = expectAccepted(() => safeLoadRubric(oneLeaf({ kind: 'count', value: 'a - b', points: 1 })));
    expectRejected(() => safeEvaluate(r, { values: { a: 1, b: 2 } }), { code: 'count_not_integer' });
    expectRejected(() => safeEvaluate(r, { values: { a: '1.5', b: 0 } }), { code: 'count_not_integer' });
  }, QUICK);
});
