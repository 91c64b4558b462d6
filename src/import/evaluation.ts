import { parseDecimal } from '../decimal.js';
import { Exact } from '../exact.js';
import type { SafeResult } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';
import type { Rubric } from '../rubric/compile.js';
import type { EvaluationInput } from '../evaluate/input.js';
import { readProjectTarget } from '../project/target.js';
import { canonicalHeaders, type ColumnMap } from './columns.js';
import { detectFormat, readCsvRows, type TableFormat, type TableRow } from './table.js';

/**
 * A filled-in 项目支出绩效自评表, as a table (CSV, or Markdown pipe tables), read into an
 * evaluation input for a rubric with row sections: the 预算执行 figures into `values`, each
 * indicator row into `rows.<section>`. Nothing is scored or judged here: a cell is carried as it
 * was written (an empty 指标值 stays empty, so scoring reports it), and the only thing inferred
 * is the 档 of a 定性 row from the score it was given, where the form does not write the 档.
 */

export interface EvaluationImportOptions {
  /** The table's file name, for positions and to tell the format by its extension. */
  file?: string;
  format?: TableFormat;
  /** Header cells of this form and the columns they are (`{ 目标值A: '年度指标值' }`), beside the aliases read anyway. */
  columns?: ColumnMap;
}

export interface ImportedEvaluation {
  input: EvaluationInput;
  /** The input as JSON text (two-space indented, with a final line break). */
  json: string;
  /** Rows read, by section id. */
  rows: Record<string, number>;
  /** The 总分 the form states (its own 自评得分), where it has one; also in `input.meta.自评总分`. */
  statedTotal?: string;
}

type Column = 'level1' | 'level2' | 'name' | 'nature' | 'unit' | 'target' | 'actual' | 'weight' | 'score' | 'reason';

/** Header words, most specific first; a header cell is matched with spaces and line breaks removed. */
const HEADERS: [Column, RegExp][] = [
  ['level1', /^一级指标$/],
  ['level2', /^二级指标$/],
  ['name', /^(三级指标|指标名称|绩效指标名称|具体指标)$/],
  ['nature', /^指标性质$/],
  ['unit', /^(度量单位|计量单位|单位)$/],
  ['target', /^(年度指标值|年度目标值|指标值|目标值|预期指标值|年度指标值[（(]A[)）])$/],
  ['actual', /^(实际完成值|全年实际完成值|全年实际值|实际值|完成值|实际完成值[（(]B[)）])$/],
  ['weight', /^(分值|权重|指标分值|权重[（(]分[)）])$/],
  ['score', /^(得分|自评得分|评分)$/],
  ['reason', /^(偏差原因.*|未完成原因.*|原因分析.*|偏差原因分析及改进措施)$/],
];
const BUDGET = /^全年预算数/;
const SPENT = /^全年执行数/;
const TOTAL = /^(总分|合计|总计|自评总分|绩效自评总分|综合得分)$/;
const LEVEL_WORD = /^(达成|部分达成|未达成)(?:预期指标|年度指标)?$/;

const squash = (s: string) => s.replace(/[\s\u3000]+/gu, '');

/** Every row of the table(s): a CSV grid, or every pipe-table line of a Markdown document. */
function gridOf(text: string, format: TableFormat): TableRow[] {
  if (format === 'csv') return readCsvRows(text);
  const out: TableRow[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (!/^\s*\|/.test(line)) return;
    if (/^\s*\|?\s*:?-{3,}/.test(line)) return;
    const cells: string[] = [];
    let cell = '';
    const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
    for (let k = 0; k < body.length; k++) {
      const c = body[k]!;
      if (c === '\\' && body[k + 1] === '|') {
        cell += '|';
        k++;
      } else if (c === '|') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    out.push({ cells: cells.map((c) => c.trim().replace(/<br\s*\/?>/gi, '\n')), line: i + 1 });
  });
  return out;
}

const fail = (detail: string, detailEn: string, file?: string, line?: number): SafeResult<ImportedEvaluation> => ({
  success: false,
  issues: [makeIssue('sheet_invalid', { detail, detailEn }, file !== undefined && line !== undefined ? { source: { file, line, column: 1 } } : {})],
});

/** A figure cell: `221`, `221.00`, `1,265.5`, `221万元`. */
function figure(cell: string | undefined): string | undefined {
  if (cell === undefined) return undefined;
  const s = squash(cell).replace(/[,，](?=\d{3})/g, '').replace(/万元$|元$/, '');
  if (s === '') return undefined;
  return parseDecimal(s).ok ? s : undefined;
}

/**
 * Read a 自评表 table into an evaluation input for `rubric` (which must have row sections).
 * @example
 * const r = importEvaluation(readFileSync('自评表.csv', 'utf8'), loadBundledRubric('project-self-evaluation'), { file: '自评表.csv' });
 * if (r.success) writeFileSync('input.json', r.value.json);
 */
export function importEvaluation(text: string, rubric: Rubric, opts: EvaluationImportOptions = {}): SafeResult<ImportedEvaluation> {
  const file = opts.file;
  const sections = rubric.plan.rowSections;
  if (!sections.length) {
    return fail(`评分表“${rubric.id}”没有逐行指标（rows），自评表无处可导入`, `rubric "${rubric.id}" has no row sections to import a 自评表 into`);
  }
  const grid = canonicalHeaders(gridOf(text, opts.format ?? detectFormat(text, file)), opts.columns, { levels: false });
  const values: Record<string, string> = {};
  const meta: Record<string, string> = {};
  const rows: Record<string, Record<string, string | number>[]> = {};
  const counts: Record<string, number> = {};
  let statedTotal: string | undefined;

  // 预算执行: a header row with 全年预算数 and 全年执行数; the figures are in the first row below with a number under both.
  const budgetAt = grid.findIndex((r) => r.cells.some((c) => BUDGET.test(squash(c))) && r.cells.some((c) => SPENT.test(squash(c))));
  if (budgetAt >= 0) {
    const head = grid[budgetAt]!.cells.map(squash);
    const b = head.findIndex((c) => BUDGET.test(c));
    const e = head.findIndex((c) => SPENT.test(c));
    const row = grid.slice(budgetAt + 1, budgetAt + 4).find((r) => figure(r.cells[b]) !== undefined && figure(r.cells[e]) !== undefined);
    if (!row) return fail(`第${grid[budgetAt]!.line}行下没有全年预算数和全年执行数的数字`, `no figures under 全年预算数 and 全年执行数 (line ${grid[budgetAt]!.line})`, file, grid[budgetAt]!.line);
    for (const [name, k] of [['全年预算数', b], ['全年执行数', e]] as const) {
      if (rubric.inputs.has(name)) values[name] = figure(row.cells[k])!;
    }
  }

  // The indicator table's header.
  const headerAt = grid.findIndex((r) => {
    const cols = new Set(r.cells.map((c) => HEADERS.find(([, re]) => re.test(squash(c)))?.[0]));
    return cols.has('name') && cols.has('target') && cols.has('weight');
  });
  if (headerAt < 0) {
    return fail('没有找到指标表头（须有“三级指标”“年度指标值”“分值”列，可有一级指标、二级指标、实际完成值、得分、偏差原因）', 'no indicator header found (columns 三级指标, 年度指标值 and 分值 are needed)', file, grid[0]?.line ?? 1);
  }
  const header = grid[headerAt]!;
  const col = new Map<Column, number>();
  header.cells.forEach((c, i) => {
    const k = HEADERS.find(([, re]) => re.test(squash(c)))?.[0];
    if (k && !col.has(k)) col.set(k, i);
  });
  const cell = (r: TableRow, k: Column) => {
    const i = col.get(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };

  const sectionOf = (level1: string): (typeof sections)[number] | undefined => {
    if (sections.length === 1) return sections[0];
    const w = squash(level1);
    const bare = (s: string) => squash(s).replace(/指标$/, '');
    return sections.find((s) => s.id === w || s.name === w) ?? sections.find((s) => bare(s.name) === bare(w) || bare(s.id) === bare(w));
  };

  const levels = rubric.project.levels;
  let level1 = '';
  let level2 = '';
  for (const r of grid.slice(headerAt + 1)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    // A total row ends the table: 总分 with the form's own score.
    const first = r.cells.map(squash).find((c) => c !== '') ?? '';
    if (TOTAL.test(first)) {
      const stated = [...r.cells].reverse().map((c) => figure(c)).find((c) => c !== undefined);
      if (stated !== undefined) statedTotal = stated;
      break;
    }
    // Merged cells come out as empty ones below the first: a blank 一级 or 二级 is the one above.
    const l1 = squash(cell(r, 'level1'));
    const l2 = squash(cell(r, 'level2'));
    if (l1) {
      level1 = l1;
      level2 = '';
    }
    if (l2) level2 = l2;
    const name = squash(cell(r, 'name'));
    const weight = cell(r, 'weight').replace(/分$/, '');
    if (!name && !weight) continue;
    if (!name) return fail(`第${r.line}行有分值而没有三级指标名称`, `line ${r.line} has a 分值 but no indicator name`, file, r.line);
    const section = sectionOf(level1);
    if (!section) {
      const names = sections.map((s) => s.name).join('、');
      return fail(`第${r.line}行：一级指标“${level1 || '（空）'}”不是评分表中逐行填写的指标（${names}）`, `line ${r.line}: 一级指标 "${level1}" is none of the rubric's row sections (${names})`, file, r.line);
    }
    const row: Record<string, string | number> = {};
    const group = sections.length === 1 ? level2 || level1 : level2;
    if (group) row.group = group;
    row.name = name;
    const target = cell(r, 'target');
    const nature = squash(cell(r, 'nature'));
    const unit = squash(cell(r, 'unit'));
    row.target = target;
    if (nature) row.nature = nature;
    if (unit) row.unit = unit;
    const actual = cell(r, 'actual');
    const score = squash(cell(r, 'score')).replace(/分$/, '');
    const t = target === '' ? undefined : readProjectTarget(target);
    const qualitative = nature === '定性' || t?.kind === 'qualitative' || t?.kind === 'deadline';
    if (qualitative) {
      // A 定性 row: the 档 as written in the actual column, or else the one its score falls in.
      const word = LEVEL_WORD.exec(squash(actual))?.[1];
      if (actual !== '' && word === undefined) row.actual = actual;
      let level = word;
      const w = parseDecimal(weight);
      const s = parseDecimal(score);
      if (level === undefined && w.ok && s.ok && !w.value.isZero()) {
        const share = Exact.fromDecimal(s.value).div(Exact.fromDecimal(w.value));
        level = share.gte(levels.achieved) ? '达成' : share.gte(levels.partly) ? '部分达成' : '未达成';
      }
      if (level !== undefined) row.level = level;
      if (score !== '') row.score = score;
      // The actual column held only the 档: it is the level now.
      if (word !== undefined) delete row.actual;
    } else if (actual !== '') row.actual = actual;
    row.weight = weight;
    const reason = cell(r, 'reason');
    if (reason !== '' && !/^(无|\/|—|-|——)$/.test(squash(reason))) row.reason = reason;
    (rows[section.id] ??= []).push(row);
    counts[section.id] = (counts[section.id] ?? 0) + 1;
  }
  if (!Object.keys(rows).length) return fail(`第${header.line}行的表头下没有指标行`, `no indicator rows under the header on line ${header.line}`, file, header.line);

  if (file !== undefined) meta['来源'] = file;
  if (statedTotal !== undefined) meta['自评总分'] = statedTotal;
  const input: EvaluationInput = {};
  if (Object.keys(meta).length) input.meta = meta;
  if (Object.keys(values).length) input.values = values;
  input.rows = rows as NonNullable<EvaluationInput['rows']>;
  const out: ImportedEvaluation = { input, json: `${JSON.stringify(input, null, 2)}\n`, rows: counts };
  if (statedTotal !== undefined) out.statedTotal = statedTotal;
  return { success: true, value: out, warnings: [] };
}
