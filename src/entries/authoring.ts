/**
 * jixiao/authoring — tools for the people who write rubrics: the linter, 评分标准 text read into
 * rules and rules written back as text, the blank 评分表, JSON Schemas for editor completion,
 * TypeScript types of a rubric's inputs, and a sheet pasted from Word or Excel read into a draft.
 *
 * Scoring does not need any of it: `import { loadRubric, evaluate } from 'jixiao'` loads none of
 * this code.
 */
export { lintRubric, lintChecks } from '../lint/index.js';
export type { LintOptions, LintReport, LintCheck, LintContext, LintNode } from '../lint/index.js';
export { parseStandard, readStandard } from '../text/parse.js';
export type { ParsedStandard, ParsedInput, ParsedMetric, ParseOptions } from '../text/parse.js';
export { renderStandard, figureNamesOf, figureNamesOfDocument } from '../text/render.js';
export type { FigureNames, FigureInfo } from '../text/render.js';
export { canonicalRule, sameRule } from '../text/compare.js';
export { renderSheet } from '../text/sheet.js';
export type { SheetOptions } from '../text/sheet.js';
export { rubricJsonSchema } from '../rubric/json-schema.js';
export { inputJsonSchema } from '../evaluate/json-schema.js';
export { filedJsonSchema } from '../review/json-schema.js';
export { generateTypes } from '../codegen/types.js';
export type { TypesOptions } from '../codegen/types.js';
export { importSheet, importEvaluation } from '../import/entry.js';
export type { EvaluationImportOptions, ImportedEvaluation, Note as ImportNote } from '../import/evaluation.js';
export type { ImportOptions, ImportedSheet, SheetProblem } from '../import/sheet.js';
export { decodeTable } from '../import/decode.js';
export { parseColumns } from '../import/columns.js';
export { fromYitihua, safeFromYitihua, toYitihua } from '../import/yitihua.js';
export type { YitihuaCell, YitihuaIndicatorRow, YitihuaIndicatorRowInput, YitihuaFundsRow, YitihuaFundsRowInput } from '../import/yitihua.js';
export type { ColumnMap } from '../import/columns.js';
