import type { ScoreResult } from '../evaluate/result.js';
import { JixiaoError } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';
import { csvField, renderResultSheet, type ResultSheetOptions } from '../report/sheet.js';
import { checkRubric } from '../rubric/brand.js';
import type { Indicator, Rubric } from '../rubric/types.js';
import { figureNamesOf, renderStandard } from './render.js';

export interface SheetOptions {
  /** `markdown` (default: a title and a pipe table) or `csv`. */
  format?: 'markdown' | 'csv';
}

/** Whether `x` is a score result (rather than a rubric). */
export function isScoreResult(x: unknown): x is ScoreResult {
  return typeof x === 'object' && x !== null && typeof (x as ScoreResult).total === 'string' && Array.isArray((x as ScoreResult).indicators) && typeof (x as ScoreResult).rubric === 'object';
}

/** A rubric as `loadRubric` compiles it (its mark, {@link checkRubric}), not data from JSON. */
const isCompiledRubric = (x: unknown): x is Rubric => checkRubric(x) === undefined;

const LEVELS = '一二三四五六七八九';

/**
 * The rubric as a printed 评分表: one row per leaf with columns 一级指标 / 二级指标 / … / 评分标准
 * / 分值, a parent written once (with its 分值, `投入（15分）`) on the first row of its group and
 * left empty below — merged cells, as on paper — and a 总分 row. A leaf without a hand-written
 * `standard` gets the standard sentence of its rule, so every row reads like a sheet, and
 * `jixiao import` reads the table back.
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
  if ((opts as ResultSheetOptions).format === 'html')
    throw new JixiaoError([makeIssue('invalid_option', { option: 'format', expected: 'markdown 或 csv（空白评分表）', expectedEn: 'markdown or csv (a blank sheet)', received: 'html', receivedEn: 'html' })]);
  return renderBlankSheet(x, opts as SheetOptions);
}

function renderBlankSheet(rubric: Rubric, opts: SheetOptions): string {
  const names = figureNamesOf(rubric);
  const depthOf = (ns: readonly Indicator[]): number => Math.max(0, ...ns.map((n) => 1 + depthOf(n.children)));
  const depth = Math.min(depthOf(rubric.indicators), LEVELS.length);
  const header = [...Array.from({ length: depth }, (_, k) => `${LEVELS[k]}级指标`), '评分标准', '分值'];
  const rows: string[][] = [];
  const walk = (ns: readonly Indicator[], level: number, prefix: string[]) => {
    for (const n of ns) {
      if (n.children.length) {
        walk(n.children, level + 1, [...prefix, `${n.name}（${n.max.toFixed()}分）`]);
        prefix = prefix.map(() => '');
        continue;
      }
      const cells = [...prefix, n.name, ...Array<string>(depth - level - 1).fill('')];
      const standard = n.standard ?? (n.rule ? renderStandard(n.rule, n.max, names) : '');
      rows.push([...cells, standard, n.max.toFixed()]);
      prefix = prefix.map(() => '');
    }
  };
  walk(rubric.indicators, 0, []);
  rows.push(['总分', ...Array<string>(depth).fill(''), rubric.max.toFixed()]);
  if (opts.format === 'csv') {
    // Text a spreadsheet would run as a formula is written behind ' (jixiao import takes it off).
    return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  }
  const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  return [`# ${rubric.name}`, '', line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line), ''].join('\n');
}
