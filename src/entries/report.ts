/**
 * jixiao/report — a result as the sheets people read and work in: the official 评分表 in Markdown,
 * a self-contained print-ready HTML page and CSV for Excel; two results side by side; how every
 * score was reached. (XLSX and Word are `jixiao/xlsx` and `jixiao/docx`, each with its library.)
 *
 * Scoring does not need any of it: `import { loadRubric, evaluate } from 'jixiao'` loads none of
 * this code.
 */
export { renderSheet, isScoreResult } from '../text/sheet.js';
export { renderResultSheet } from '../report/sheet.js';
export { blankSheetModel } from '../report/blank.js';
export type { BlankSheetOptions } from '../report/blank.js';
export type { ResultSheetOptions, SheetFormat } from '../report/sheet.js';
export { sheetModel, isProjectResult } from '../report/model.js';
export type { SheetModel, SheetModelOptions, SheetHeadings, SheetRow, SheetCell, SheetColumn, SheetBlock } from '../report/model.js';
export { compareResults, renderComparison, comparisonModel } from '../report/compare.js';
export type { Comparison, ComparedIndicator, CompareOptions } from '../report/compare.js';
export { explain, renderExplanation } from '../report/explain.js';
export type { Explanation, ExplainOptions } from '../report/explain.js';
export { auditRecord, rescore, withoutAudit } from '../report/audit.js';
export type { AuditTrail, AuditedResult, Rescored } from '../report/audit.js';
export { bundledMismatches } from '../report/provenance.js';
export type { BundledMismatch } from '../report/provenance.js';
export { safeParseStoredResult } from '../report/stored.js';
