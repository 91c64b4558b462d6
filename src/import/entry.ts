/**
 * The importers as `jixiao/authoring` gives them: `importSheet` and `importEvaluation` that
 * return, whatever they are given — text that is not a string, options of the wrong kind, a
 * rubric that is not one, a column map with a getter that throws: `invalid_argument`,
 * `invalid_option`, `not_a_rubric` or `not_plain_data`, never an exception.
 */
import type { SafeResult } from '../issues/errors.js';
import { badArgument, badOptions, neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';
import { readOptions } from '../source/options.js';
import { importEvaluation as importEvaluationText, type EvaluationImportOptions, type ImportedEvaluation } from './evaluation.js';
import { importSheet as importSheetText, type ImportedSheet, type ImportOptions } from './sheet.js';

const TEXT = { zh: '表格文本（CSV、TSV 或 Markdown）', en: 'the table as text (CSV, TSV or Markdown)' };

/** The options, read once into a plain copy: text fields text, `format` csv or md, `columns` a map of text to text. */
function readImportOptions<O extends ImportOptions | EvaluationImportOptions>(fn: string, opts: unknown, texts: readonly string[]): { opts: O } | { issues: Issue[] } {
  const bad = badOptions(fn, opts);
  if (bad) return { issues: [bad] };
  const spec: Record<string, 'text'> = {};
  for (const t of [...texts, 'format']) spec[t] = 'text';
  const o = readOptions(opts, spec);
  if (!o.ok) return { issues: o.issues };
  const out = { ...o.opts } as Record<string, unknown>;
  if (out.format !== undefined && out.format !== 'csv' && out.format !== 'md') {
    return { issues: [makeIssue('invalid_option', { option: 'format', expected: 'csv 或 md', expectedEn: 'csv or md', received: '其他文本', receivedEn: 'another string' })] };
  }
  const columns = opts === undefined ? undefined : (opts as { columns?: unknown }).columns;
  if (columns !== undefined) {
    const map: Record<string, string> = Object.create(null) as Record<string, string>;
    const notMap = () => makeIssue('invalid_option', { option: 'columns', expected: '表头到列名的映射（文本: 文本）', expectedEn: 'a map of header text to column names (string: string)', received: '其他值', receivedEn: 'something else' });
    if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) return { issues: [notMap()] };
    for (const k of Object.keys(columns)) {
      const v = (columns as Record<string, unknown>)[k];
      if (typeof v !== 'string') return { issues: [notMap()] };
      map[k] = v;
    }
    out.columns = map;
  }
  const filed = opts === undefined ? undefined : (opts as { filed?: unknown }).filed;
  if (filed !== undefined) {
    if (typeof filed !== 'boolean') return { issues: [makeIssue('invalid_option', { option: 'filed', expected: 'true 或 false', expectedEn: 'true or false', received: '其他值', receivedEn: 'something else' })] };
    out.filed = filed;
  }
  return { opts: out as O };
}

/**
 * Read a score sheet table (CSV, TSV or a Markdown pipe table) into a draft rubric, without
 * throwing: see the importer in src/import/sheet.ts for what is read.
 * @example const r = importSheet(readFileSync('评分表.csv', 'utf8'), { file: '评分表.csv' }); if (r.success) writeFileSync('draft.yaml', r.value.yaml);
 */
export function importSheet(text: string, opts: ImportOptions = {}): SafeResult<ImportedSheet> {
  return neverThrows('importSheet', () => {
    if (typeof text !== 'string') return { success: false, issues: [badArgument('importSheet', 'text', TEXT, text)] };
    const o = readImportOptions<ImportOptions>('importSheet', opts, ['file', 'id', 'name']);
    if ('issues' in o) return { success: false, issues: o.issues };
    return importSheetText(text, o.opts);
  });
}

/**
 * Read a filled-in 自评表 table into an evaluation input for `rubric`, without throwing: see
 * src/import/evaluation.ts for what is read.
 * @example const r = importEvaluation(readFileSync('自评表.csv', 'utf8'), loadBundledRubric('project-self-evaluation')); if (r.success) writeFileSync('input.json', r.value.json);
 */
export function importEvaluation(text: string, rubric: Rubric, opts: EvaluationImportOptions = {}): SafeResult<ImportedEvaluation> {
  return neverThrows('importEvaluation', () => {
    if (typeof text !== 'string') return { success: false, issues: [badArgument('importEvaluation', 'text', TEXT, text)] };
    const notRubric = checkRubric(rubric);
    if (notRubric) return { success: false, issues: [notRubric] };
    const o = readImportOptions<EvaluationImportOptions>('importEvaluation', opts, ['file']);
    if ('issues' in o) return { success: false, issues: o.issues };
    return importEvaluationText(text, rubric, o.opts);
  });
}
