/**
 * Small sheets for the scoring policies: leaves scored by the evaluator (judgement), so every
 * figure below is the one a person typed and every expected score is computed by hand.
 */
import { expect } from 'vitest';
import { JixiaoError, loadRubric, safeEvaluate, type EvaluationInput, type IndicatorResult, type Rubric, type RubricDocumentInput, type ScoreResult } from '../../src/index.js';
import { checkEvaluation } from '../../src/testing/index.js';
import { issuesOf } from '../helpers.js';

type Indicator = NonNullable<RubricDocumentInput['indicators']>[number];
type Num = number | string;

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差. */
export const GRADES = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

/** A leaf the evaluator scores. */
export const judged = (id: string, max: Num, more: Partial<Indicator> = {}): Indicator => ({ id, name: id, max, rule: { kind: 'judgement' }, ...more }) as Indicator;

/** A parent. */
export const group = (id: string, max: Num, children: Indicator[], more: Partial<Indicator> = {}): Indicator => ({ id, name: id, max, children, ...more }) as Indicator;

/** A rubric with the 优/良/中/差 scale. */
export const sheet = (doc: Omit<RubricDocumentInput, 'id' | 'name'>): Rubric => loadRubric({ id: 'policies', name: '测试评分表', grades: GRADES, ...doc } as RubricDocumentInput);

/** The evaluator's score, with a reason whenever it is below max. */
export const gave = (score: Num, reason = '存在不足'): { score: string; reason: string } => ({ score: String(score), reason });
/** Full marks (no reason needed). */
export const full = (score: Num): { score: string } => ({ score: String(score) });
/** Marked 不适用. */
export const na = (reason?: string): { notApplicable: true; reason?: string } => (reason === undefined ? { notApplicable: true } : { notApplicable: true, reason });

/**
 * Score an evaluation, and hold the result to every invariant of jixiao/testing (scores within
 * [0, max], the sheet adding up in every view, Σ deductions = max − score, the grade, the same
 * bytes again).
 */
export function scored(rubric: Rubric, input: EvaluationInput): ScoreResult {
  const r = safeEvaluate(rubric, input);
  if (!r.success) throw new JixiaoError(r.issues);
  expect(checkEvaluation(rubric, input).violations).toStrictEqual([]);
  return r.value;
}

/** The issues an evaluation fails with. */
export const refused = (rubric: Rubric, input: EvaluationInput) => issuesOf(() => safeEvaluate(rubric, input));

/** One node of a result by its dotted path. */
export function at(r: ScoreResult, path: string): IndicatorResult {
  const find = (ns: IndicatorResult[] | undefined): IndicatorResult | undefined => {
    for (const n of ns ?? []) {
      if (n.path === path) return n;
      const f = find(n.children);
      if (f) return f;
    }
    return undefined;
  };
  const n = find(r.indicators);
  if (!n) throw new Error(`no indicator ${path}`);
  return n;
}

/** max / score of a node, as the sheet prints them. */
export const shown = (r: ScoreResult, path: string) => `${at(r, path).max}/${at(r, path).score}`;

/** 加分项 of three 3-point items, with a cap (最多加5分) when given. */
export const bonusSection = (cap?: number): Indicator =>
  group('加分项', 9, [judged('表彰', 3), judged('创新', 3), judged('宣传', 3)], { bonus: true, ...(cap !== undefined ? { cap } : {}), standard: '获省级表彰、工作创新、宣传报道各加分，最多加5分' });
/** 扣分项: 2 a 审计问题, 扣分不超过10分. */
export const penaltySection: Indicator = group('扣分项', 20, [{ id: '审计问题', name: '审计问题', max: 20, rule: { kind: 'count', value: '审计问题数', points: 2 } }] as Indicator[], {
  penalty: true,
  cap: 10,
  standard: '每个审计问题扣2分，扣分不超过10分',
});
/** An evaluation of 基础 (100), the 加分项 and the 扣分项 above. */
export const capsEvaluation = (基础: string, 表彰: string, 创新: string, 问题: number): EvaluationInput => ({
  values: { 审计问题数: 问题 },
  assessments: { 基础: gave(基础), 表彰: full(表彰), 创新: full(创新), 宣传: full(0) },
});
