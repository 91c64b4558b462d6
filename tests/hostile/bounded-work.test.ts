import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { DEFAULT_LIMITS } from '../../src/index.js';
import { expectAccepted, expectRejected, guardPrototype, LARGE } from './helpers.js';

// Documents within the limits that used to cost seconds to minutes (or the stack): each must
// come back quickly. The guard is only against a hang; the times are in the change notes.
guardPrototype();

describe('work bounded for every document within the limits', () => {
  it('did-you-mean hints: 2 000 unknown names against 2 000 declared ones (a full edit distance per pair took 5 s)', () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `项目支出数据${String(i).padStart(5, '0')}`);
    const rubric = expectAccepted(() =>
      safeLoadRubric(`id: t\nname: t\ninputs:\n${names.map((n) => `  ${n}: { type: number }`).join('\n')}\nindicators:\n  - { id: x, name: x, max: 1, rule: { kind: judgement } }\n`),
    );
    const input = `values:\n${names.map((_, i) => `  项目支出资料${String(i).padStart(5, '0')}: 1`).join('\n')}\nassessments: { x: { score: 1 } }\n`;
    const issue = expectRejected(() => safeEvaluate(rubric, input), { code: 'input_unknown', path: ['values', '项目支出资料00000'] });
    expect(issue.params.hint).toBe('项目支出数据00000');
  }, LARGE);

  it('did-you-mean hints for unknown keys of a rubric: as many as the node budget allows (about 15 000)', () => {
    const text = `id: t\nname: t\n${Array.from({ length: Math.floor(DEFAULT_LIMITS.maxNodes / 2) - 100 }, (_, i) => `indicatorz${i}: 1`).join('\n')}\nindicators: []\n`;
    expectRejected(() => safeLoadRubric(text), { code: 'unknown_key', path: ['indicatorz0'] });
  }, LARGE);

  it('lint of a table of 5 000 bands, about the most the node budget allows (comparing each band with every earlier one took 25 s for 8 000)', () => {
    const bands = Array.from({ length: 5_000 }, (_, i) => `      - { when: "[${i}, ${i + 2})", score: 1 }`).join('\n');
    const text = `id: t\nname: t\nversion: "1"\ninputs:\n  a: { type: number, min: 0, max: 9000 }\nindicators:\n  - id: x\n    name: x\n    max: 1\n    standard: s\n    rule:\n      kind: bands\n      value: a\n      bands:\n${bands}\n`;
    const report = lintRubric(text);
    expect(report.issues.filter((i) => i.code === 'band_overlap')).toHaveLength(4_999);
    expect(report.issues.find((i) => i.code === 'band_gap')?.params.gaps).toBe('[5001, 9000]');
  }, LARGE);

  it('a chain of 19 900 metrics (about the most the node budget lets through; 66 000 took 3.7 s before the budget was lowered) loads, and lints', () => {
    const n = 19_900;
    const text = `id: t\nname: t\ninputs:\n  a: { type: number }\nmetrics:\n  m0: a\n${Array.from({ length: n - 1 }, (_, i) => `  m${i + 1}: m${i} + 1`).join('\n')}\nindicators:\n  - { id: x, name: x, max: 5, rule: { kind: formula, score: m${n - 1} } }\n`;
    expectAccepted(() => safeLoadRubric(text));
    expect(lintRubric(text).errors).toBe(0);
  }, LARGE);

  it.each([
    ['a + a + … (300 000 terms)', Array(300_000).fill('a').join(' + ')],
    ['-(-(-(… a)))', `${'-('.repeat(100_000)}a${')'.repeat(100_000)}`],
    ['max(max(max(… a)))', `${'max('.repeat(100_000)}a${')'.repeat(100_000)}`],
    ['a < 1 and a < 1 and … (100 000 terms)', Array(100_000).fill('a < 1').join(' and ')],
  ])('%s with maxFormulaLength raised to 2 000 000: formula_too_complex, not a stack overflow', (_, formula) => {
    const doc = { id: 't', name: 't', inputs: { a: { type: 'number' as const } }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula' as const, score: formula } }] };
    expectRejected(() => safeLoadRubric(doc, { limits: { maxFormulaLength: 2_000_000 } }), { code: 'formula_too_complex' });
    expect(lintRubric(doc, { limits: { maxFormulaLength: 2_000_000 } }).issues.map((i) => i.code)).toContain('formula_too_complex');
  }, LARGE);

  it('the tallest formula the parser accepts checks, scores and lints', () => {
    const formula = Array(1_000).fill('a').join('+');
    const doc = { id: 't', name: 't', inputs: { a: { type: 'number' as const } }, indicators: [{ id: 'x', name: 'x', max: 5000, rule: { kind: 'formula' as const, score: formula } }] };
    const rubric = expectAccepted(() => safeLoadRubric(doc, { limits: { maxFormulaLength: 10_000 } }));
    expect(expectAccepted(() => safeEvaluate(rubric, { values: { a: 2 } })).total).toBe('2000');
    expect(lintRubric(doc, { limits: { maxFormulaLength: 10_000 } }).errors).toBe(0);
    expectRejected(() => safeLoadRubric({ ...doc, indicators: [{ ...doc.indicators[0]!, rule: { kind: 'formula' as const, score: `${formula}+a` } }] }, { limits: { maxFormulaLength: 10_000 } }), { code: 'formula_too_complex', says: /1000/ });
  }, LARGE);

  it('an alias bomb with maxNodes: undefined stops at the default budget (it expanded for 76 s)', () => {
    const out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) out.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expectRejected(() => safeLoadRubric(out.join('\n'), { limits: { maxNodes: undefined } }), { code: 'alias_limit' });
  }, LARGE);
});
