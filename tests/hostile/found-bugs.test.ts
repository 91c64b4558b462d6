import { describe, expect, it } from 'vitest';
import { safeEvaluate, safeLoadRubric, type RubricDocumentInput } from '../../src/index.js';
import { checkEvaluation } from '../../src/testing/index.js';
import { expectAccepted, expectRejected, guardPrototype, QUICK } from './helpers.js';

// Bugs the hostile suite and the fuzzer found in the loader and the evaluator, now fixed: each
// test states the promise that was broken, so it stays kept.
guardPrototype();

describe('bugs found by the hostile suite and the fuzzer', () => {
  // src/evaluate/evaluate.ts, naNode(): children of a 不适用 parent under `notApplicable: full`
  // all get their max, 加分项 included, while the parent gets its own max (which excludes them).
  // Fix: `base.children = n.children.map((c) => naNode(c, full && !c.bonus, undefined));`
  // (and give a bonus node marked 不适用 0 rather than its max).
  it('a 不适用 parent under notApplicable: full still adds up when it has a 加分项 child', () => {
    const rubric = expectAccepted(() =>
      safeLoadRubric({
        id: 't',
        name: 't',
        notApplicable: 'full',
        indicators: [
          { id: 'p', name: 'p', max: 10, children: [{ id: 'a', name: 'a', max: 10, rule: { kind: 'judgement' } }, { id: 'b', name: 'b', max: 2, bonus: true, rule: { kind: 'judgement' } }] },
          { id: 'q', name: 'q', max: 5, rule: { kind: 'judgement' } },
        ],
      }),
    );
    const input = { assessments: { p: { notApplicable: true, reason: '本年度无此项' }, q: { score: 5 } } };
    expect(checkEvaluation(rubric, input).violations).toStrictEqual([]);
  });

  // src/evaluate/evaluate.ts, run(): every FormulaRuntimeError becomes `division_by_zero`.
  // Fix: `if (e instanceof FormulaRuntimeError) stop(e.kind === 'overflow' ? 'number_overflow' : 'division_by_zero', { formula, detail });`
  it('an intermediate value beyond 10⁴⁰ is number_overflow, not division_by_zero', () => {
    const metrics: Record<string, string> = { m0: 'a * a' };
    for (let i = 1; i < 8; i++) metrics[`m${i}`] = `m${i - 1} * m${i - 1}`;
    const rubric = expectAccepted(() => safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'number' } }, metrics, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score: 'm7' } }] }));
    expectRejected(() => safeEvaluate(rubric, { values: { a: '1e15' } }), { code: 'number_overflow' });
  }, QUICK);

  // src/rubric/compile.ts: the metric ordering `visit` recurses once per metric in a chain, so
  // 20 000 metrics declared last-first (400 KB of YAML) overflow the stack and safeLoadRubric
  // throws RangeError. Fix: an iterative topological sort (or a limit on chain length reported
  // as formula_too_complex).
  it('a chain of 20 000 metrics declared last-first loads or fails with an issue', () => {
    const metrics: Record<string, string> = {};
    for (let i = 19_999; i >= 0; i--) metrics[`m${i}`] = i ? `m${i - 1} + 1` : 'a';
    const doc: RubricDocumentInput = { id: 't', name: 't', inputs: { a: { type: 'number' } }, metrics, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score: 'm19999' } }] };
    expect(() => safeLoadRubric(doc)).not.toThrow();
  }, 10_000);

  // src/evaluate/evaluate.ts, dependsOnMissing(): recursive and without memo, so scoring a chain
  // of 20 000 metrics throws RangeError (and 5 000 take a second: quadratic). Fix: compute
  // "depends on a missing input" once per metric, in the rubric's metric order (each metric
  // after those it reads), e.g. `missing.set(name, refs.some((r) => isMissingInput(r) || missing.get(r)))`.
  it('a chain of 20 000 metrics scores or fails with an issue', () => {
    const metrics: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) metrics[`m${i}`] = i ? `m${i - 1} + 1` : 'a';
    const r = safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'number' } }, metrics, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score: 'm19999' } }] });
    expect(r.success).toBe(true);
    expect(() => safeEvaluate((r as unknown as { value: never }).value, { values: { a: 1 } })).not.toThrow();
  }, 20_000);

  // src/rubric/load.ts: a rubric given as an object goes to zod as it is. Fix: copy it first,
  // as evaluation inputs are, with `snapshotPlainData(source, limits)` from src/source/plain.ts:
  //   const snap = snapshotPlainData(source, limits);
  //   if (!snap.ok) return { success: false, issues: snap.issues };
  //   raw = snap.value;
  it('a rubric object with a cycle fails with not_plain_data instead of throwing RangeError', () => {
    const node: Record<string, unknown> = { id: 'x', name: 'x', max: 5 };
    node.children = [node];
    expectRejected(() => safeLoadRubric({ id: 't', name: 't', indicators: [node] }), { code: 'not_plain_data' });
  }, QUICK);

  it('a rubric object nested 5 000 deep fails with too_deep instead of throwing RangeError', () => {
    let deep: Record<string, unknown> = { id: 'l', name: 'l', max: 5, rule: { kind: 'judgement' } };
    for (let i = 0; i < 5_000; i++) deep = { id: `n${i}`, name: `n${i}`, max: 5, children: [deep] };
    expectRejected(() => safeLoadRubric({ id: 't', name: 't', indicators: [deep] }), { code: 'too_deep' });
  }, QUICK);

  it('a rubric object from JSON.parse with an own __proto__ input is rejected, not silently dropped', () => {
    const doc = JSON.parse('{"id":"t","name":"t","inputs":{"__proto__":{"type":"number"}},"indicators":[{"id":"x","name":"x","max":1,"rule":{"kind":"judgement"}}]}');
    expectRejected(() => safeLoadRubric(doc), { code: 'forbidden_key', path: ['inputs', '__proto__'] });
  }, QUICK);

  // src/issues/zod.ts: NaN and ±Infinity in a rubric object are reported as
  // "应为数字，实际为数字 / expected a number, received number". Fix: in the invalid_type and
  // invalid_union branches, `if (typeof value === 'number' && !Number.isFinite(value))` push
  // invalid_number { received: String(value), reason: 'not_a_number' } (as src/evaluate/input.ts does).
  it('a max of NaN in a rubric object is invalid_number', () => {
    expectRejected(() => safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'x', name: 'x', max: NaN, rule: { kind: 'judgement' } }] }), { code: 'invalid_number' });
  }, QUICK);

  // src/issues/messages.ts: the English invalid_number message drops the hint. Fix:
  // `: \`"${p.received}" is not a decimal number${p.hintEn ? \` (${p.hintEn})\` : ''}\`` —
  // src/evaluate/input.ts already passes `hintEn`.
  it('the English message of invalid_number carries the hint', () => {
    const issue = expectRejected(() => safeEvaluate(expectAccepted(() => safeLoadRubric({ id: 't', name: 't', inputs: { a: { type: 'percent' } }, indicators: [{ id: 'x', name: 'x', max: 1, rule: { kind: 'formula', score: 'a / 100' } }] })), { values: { a: '95%' } }), { code: 'invalid_number' });
    expect(issue.messageEn).toMatch(/percentage points/);
  }, QUICK);
});
