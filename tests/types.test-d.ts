import { describe, expectTypeOf, it } from 'vitest';
import {
  evaluate,
  loadRubric,
  safeEvaluate,
  safeLoadRubric,
  type EvaluationInput,
  type Issue,
  type IssueCode,
  type Rubric,
  type RuleKind,
  type ScoreResult,
} from '../src/index.js';

describe('public types', () => {
  it('load and evaluate return typed values', () => {
    expectTypeOf(loadRubric).returns.toEqualTypeOf<Rubric>();
    expectTypeOf(evaluate).returns.toEqualTypeOf<ScoreResult>();
    expectTypeOf<ScoreResult['total']>().toEqualTypeOf<string>();
    expectTypeOf<ScoreResult['grade']>().toEqualTypeOf<string | null>();
  });

  it('safe forms narrow on success', () => {
    const r = safeLoadRubric('');
    if (r.success) expectTypeOf(r.value).toEqualTypeOf<Rubric>();
    else expectTypeOf(r.issues).toEqualTypeOf<Issue[]>();
    const e = safeEvaluate({} as Rubric, {});
    if (e.success) expectTypeOf(e.value.indicators[0]!.deductions[0]!.points).toEqualTypeOf<string>();
  });

  it('inputs accept numbers and decimal strings, assessments and vetoes', () => {
    expectTypeOf<{ values: { 在职人数: 31; 比率: '95.5' } }>().toMatchTypeOf<EvaluationInput>();
    expectTypeOf<{ assessments: { 甲: { score: 2; reason: '原因' } } }>().toMatchTypeOf<EvaluationInput>();
    expectTypeOf<{ values: { 在职人数: true } }>().not.toMatchTypeOf<EvaluationInput>();
  });

  it('codes and kinds are closed unions', () => {
    expectTypeOf<'per_unit'>().toMatchTypeOf<RuleKind>();
    expectTypeOf<'guess'>().not.toMatchTypeOf<RuleKind>();
    expectTypeOf<'input_missing'>().toMatchTypeOf<IssueCode>();
    expectTypeOf<'nope'>().not.toMatchTypeOf<IssueCode>();
  });
});
