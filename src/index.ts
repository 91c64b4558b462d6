/**
 * jixiao — score Chinese government budget-performance evaluations (预算绩效评价) from YAML
 * rubrics with an exact, pure evaluator.
 */
export { loadRubric, safeLoadRubric } from './rubric/load.js';
export type { LoadOptions } from './rubric/load.js';
export type { Rubric, Indicator, InputInfo, MetricInfo } from './rubric/types.js';
export { rubricSchema } from './rubric/schema.js';
export type { RubricDocument, RubricDocumentInput, IndicatorDocument, InputDeclaration } from './rubric/schema.js';
export { evaluate, safeEvaluate, score, safeScore } from './evaluate/evaluate.js';
export type { EvaluateOptions } from './evaluate/evaluate.js';
export { evaluateMany, evaluateRecord, scoreRecord } from './batch/many.js';
export type { BatchOutcome, BatchTotalsOutcome, BatchRecord, EvaluateManyOptions } from './batch/many.js';
export { inputDocumentSchema } from './evaluate/input.js';
export type { EvaluationInput } from './evaluate/input.js';
export type { ScoreResult, ScoreTotals, IndicatorResult, DeductionResult, ReviewLayer } from './evaluate/result.js';
export { renderTable } from './report/table.js';
export type { TableOptions } from './report/table.js';
export { bundledRubricIds, bundledRubricSource, loadBundledRubric, safeLoadBundledRubric } from './bundled.js';
export { JixiaoError, RubricError, EvaluationError } from './issues/errors.js';
export type { SafeResult } from './issues/errors.js';
export { formatIssues } from './issues/format.js';
export type { FormatOptions } from './issues/format.js';
export type { Issue, IssueCode, SourcePosition } from './issues/issue.js';
export { messagesZh, messagesEn } from './issues/messages.js';
export { rules } from './rules/index.js';
export type { Rule, RuleKind, RuleInput } from './rules/index.js';
export { DEFAULT_LIMITS } from './source/limits.js';
export type { Limits } from './source/limits.js';
export { Decimal } from './decimal.js';
// Authoring tools (lint, 评分标准 text, the blank sheet, JSON Schemas, types, import) are in
// `jixiao/authoring` (src/entries/authoring.ts), out of the scoring core's import graph.
