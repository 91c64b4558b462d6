/**
 * jixiao/testing — property-based testing for rubric authors (fast-check, an optional peer
 * dependency): arbitraries that generate valid inputs for any loaded rubric, arbitraries for
 * rule parameters and whole rubrics, and ready-made property checks.
 *
 * @example
 * import { loadRubric } from 'jixiao';
 * import { checkRubricProperties } from 'jixiao/testing';
 * checkRubricProperties(loadRubric(text)); // throws a RubricPropertyError naming what broke
 */
export { arbitraryDecimal, arbitraryValues, arbitraryAssessments, arbitraryRows, arbitraryInput, interestingValues } from './inputs.js';
export type { DecimalOptions, InputOptions } from './inputs.js';
export { arbitraryRule, arbitraryRubricDocument, ruleKinds } from './rubrics.js';
export type { RuleContext, RuleName, RubricDocumentOptions } from './rubrics.js';
export {
  checkEvaluation,
  checkIssues,
  checkWithinMax,
  checkSums,
  checkGrade,
  checkDeductions,
  checkDeterminism,
  propertyNames,
} from './checks.js';
export type { PropertyName, Violation, EvaluationCheck, EvaluationCheckOptions } from './checks.js';
export { monotoneCheck, monotoneChecks, monotoneKinds } from './monotone.js';
export type { MonotoneCheck } from './monotone.js';
export { checkRubricProperties, rubricProperty, monotoneProperties, describeViolation, PropertyViolationError, RubricPropertyError } from './run.js';
export type { PropertyOptions, CheckRubricOptions } from './run.js';
