import type { ScoreResult } from '../evaluate/result.js';
import { blankSheetModel, type BlankSheetOptions } from '../report/blank.js';
import { renderHtml } from '../report/html.js';
import { renderCsv, renderMarkdown, renderResultSheet, type ResultSheetOptions, type SheetFormat } from '../report/sheet.js';
import { checkRubric } from '../rubric/brand.js';
import type { Rubric } from '../rubric/types.js';

export interface SheetOptions extends BlankSheetOptions {
  /** `markdown` (default: a title and a pipe table), `html` (one print-ready page) or `csv` (for Excel). */
  format?: SheetFormat;
}

/** Whether `x` is a score result (rather than a rubric). */
export function isScoreResult(x: unknown): x is ScoreResult {
  return typeof x === 'object' && x !== null && typeof (x as ScoreResult).total === 'string' && Array.isArray((x as ScoreResult).indicators) && typeof (x as ScoreResult).rubric === 'object';
}

/** A rubric as `loadRubric` compiles it (its mark, {@link checkRubric}), not data from JSON. */
const isCompiledRubric = (x: unknown): x is Rubric => checkRubric(x) === undefined;

/**
 * The blank 评分表 a finance bureau circulates before any evaluation: one row per leaf with columns
 * 一级指标 / 二级指标 / … / 评分标准 / 分值 and empty 得分 and 扣分原因 columns (headings a rubric's
 * `sheet.headings` or `opts.headings` may name), a parent written once with its 分值 (`投入（15分）`)
 * — merged cells, as on paper — a 合计 row and an empty 评价等次. Markdown, HTML or CSV here;
 * `renderXlsx` and `renderDocx` take a rubric too. A leaf without a hand-written `standard` gets the
 * sentence of its rule, and `jixiao import` reads the sheet back into the same rules.
 * @example writeFileSync('评分表.md', renderSheet(loadBundledRubric('hunan-department')));
 */
export function renderSheet(rubric: Rubric, opts?: SheetOptions): string;
/**
 * A result as the filled-in 评分表 (see `renderResultSheet` in `jixiao/report`): Markdown, a
 * self-contained print-ready HTML page, or CSV for Excel.
 * @example writeFileSync('评分表.html', renderSheet(result, { format: 'html', input }));
 */
export function renderSheet(result: ScoreResult, opts?: ResultSheetOptions): string;
export function renderSheet(x: Rubric | ScoreResult, opts: SheetOptions | ResultSheetOptions = {}): string {
  // A compiled rubric gives the blank sheet; anything else is a result, whose shape
  // renderResultSheet checks (result_invalid), however broken it is.
  if (!isCompiledRubric(x)) return renderResultSheet(x, opts as ResultSheetOptions);
  const model = blankSheetModel(x, opts as SheetOptions);
  if (opts.format === 'html') return renderHtml(model);
  if (opts.format === 'csv') return renderCsv(model);
  return renderMarkdown(model);
}
