/**
 * jixiao/embed — the scoring core as one self-contained file with no Node built-ins, for JVM
 * JavaScript engines (GraalJS), browsers and workers: dist/embed.mjs (an ES module) and
 * dist/embed.iife.js (a script that sets the global `jixiao`). It takes rubrics and inputs as
 * text (YAML/JSON) or objects; bytes need a global `TextDecoder` (browsers and workers have one).
 */
export { loadRubric, safeLoadRubric } from '../rubric/load.js';
export { evaluate, safeEvaluate, score, safeScore } from '../evaluate/evaluate.js';
export { bundledRubricIds, loadBundledRubric, safeLoadBundledRubric } from '../bundled.js';
export { formatIssues } from '../issues/format.js';
export { JixiaoError, RubricError, EvaluationError } from '../issues/errors.js';
export { Decimal } from '../decimal.js';
export type { Rubric } from '../rubric/types.js';
export type { EvaluationInput } from '../evaluate/input.js';
export type { ScoreResult, ScoreTotals } from '../evaluate/result.js';
export type { Issue, IssueCode } from '../issues/issue.js';
export type { SafeResult } from '../issues/errors.js';
