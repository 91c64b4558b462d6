import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric } from '../../src/index.js';
import { expectAccepted, expectRejected, guardPrototype, QUICK } from './helpers.js';

// Exact fractions cannot be rounded away, so what grows them must be bounded: figures carry at
// most 40 significant digits, and an intermediate value of a formula at most 2048 bits in its
// numerator and denominator (number_overflow past that), so no chain of divisions can make an
// evaluation slow or exhaust memory. Reasons that show nothing are no reasons.
guardPrototype();

const oneInput = (metrics: Record<string, string>, score: string) =>
  expectAccepted(() => safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'number' } }, metrics, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score } }] }));

describe('exact arithmetic on hostile figures', () => {
  it.each([
    ['41 significant digits', `1.${'0'.repeat(39)}1`],
    ['the issue’s 100.005…01', '100.00500000000000000000000000000000000000000001'],
    ['60 digits, no point', '1'.repeat(60)],
  ])('%s: invalid_number (too_precise), not a silently rounded figure', (_, raw) => {
    const rb = oneInput({}, 'a * 0');
    const i = expectRejected(() => safeEvaluate(rb, { values: { a: raw } }), { code: 'invalid_number', path: ['values', 'a'] });
    expect(['too_precise', 'too_long', 'too_large']).toContain(i.params.reason);
  }, QUICK);

  it('a chain of 60 metrics each dividing by 7 and adding a third stops with number_overflow, quickly', () => {
    const metrics: Record<string, string> = { m0: 'a / 7 + 1 / 3' };
    for (let i = 1; i < 60; i++) metrics[`m${i}`] = `m${i - 1} * m${i - 1} / 7 + 1 / 3`;
    const rb = oneInput(metrics, 'm59');
    expectRejected(() => safeEvaluate(rb, { values: { a: '1.000000000000001' } }), { code: 'number_overflow' });
  }, QUICK);

  it('exact fractions that stay small are carried through many divisions: (a/3)*3 forty times is a', () => {
    const metrics: Record<string, string> = { m0: 'a / 3 * 3' };
    for (let i = 1; i < 40; i++) metrics[`m${i}`] = `m${i - 1} / 3 * 3`;
    const rb = oneInput(metrics, 'm39');
    expect(expectAccepted(() => safeEvaluate(rb, { values: { a: '2.485' } })).total).toBe('2.49');
  }, QUICK);

  it.each([
    ['spaces', '     '],
    ['zero-width spaces', '\u200b\u200b'],
    ['an ideographic space and a BOM', '\u3000\ufeff'],
    ['a word joiner and a soft hyphen', '\u2060\u00ad'],
    ['line breaks', '\r\n\u2028'],
  ])('a judgement reason of only %s is judgement_reason_required', (_, reason) => {
    const rb = expectAccepted(() => safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'judgement' } }] }));
    expectRejected(() => safeEvaluate(rb, { assessments: { x: { score: 3, reason } } }), { code: 'judgement_reason_required', path: ['assessments', 'x', 'reason'] });
  }, QUICK);
});
