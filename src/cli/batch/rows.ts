/**
 * `jixiao batch --rows 指标行.csv`: the indicator rows of project forms (项目支出绩效自评表) from a
 * second table keyed by record id. Each row names its record in the id column (the first `--id`
 * field, `id` by default, or `meta.id`), and carries one indicator row in the columns the 自评表
 * import reads (一级指标 / 二级指标 / 三级指标 / 指标性质 / 度量单位 / 年度指标值 / 实际完成值 / 分值 /
 * 得分 / 偏差原因分析及改进措施, by the same aliases). The table is read whole before the main table
 * streams (it is held to the size limit of a table), and each record of the main table takes
 * the rows of its id. With `filed` (`jixiao review`), each row's 得分 is also its filed score
 * (`filed`), quantitative rows included.
 */
import type { Issue, Rubric } from '../../index.js';
import { indicatorRow, rowColumnOf, rowSectionOf, type RowColumn } from '../../import/evaluation.js';
import { readCsvRows } from '../../import/table.js';
import { closest } from '../../issues/hint.js';
import { makeIssue } from '../../issues/issue.js';
import { isBlankCell } from './columns.js';

/** Where a record's rows are in the rows table: its file, each row's line, each field's column. */
export interface RowsPlace {
  file: string;
  /** By section id, the line of each row. */
  lines: Record<string, number[]>;
  /** By row field (`name`, `actual`, `weight` …), its column. */
  columns: Record<string, number>;
}

/** One record's rows, or the issues that keep it from being scored. */
export interface RecordRows {
  rows: Record<string, Record<string, string>[]>;
  issues: Issue[];
  place: RowsPlace;
  /** The first line of the record's rows in the table. */
  line: number;
  /** Taken by a record of the main table. */
  used?: number;
}

const FIELD: Partial<Record<RowColumn, string>> = { level2: 'group', name: 'name', nature: 'nature', unit: 'unit', target: 'target', actual: 'actual', weight: 'weight', score: 'score', reason: 'reason' };
const KNOWN = ['一级指标', '二级指标', '三级指标', '指标性质', '度量单位', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];

/**
 * Read the rows table (its rows as cells with their lines) into each record's rows, by id.
 * Issues of the table as a whole (a missing or unknown column, a row without an id) are `table`.
 */
export function readRowsTable(rubric: Rubric, grid: readonly { cells: string[]; line: number }[], idField: string, file: string, opts: { filed?: boolean } = {}): { byId: Map<string, RecordRows> } | { table: Issue[] } {
  const sections = rubric.plan.rowSections;
  const rows = grid.filter((r) => r.cells.some((c) => !isBlankCell(c)));
  const head = rows[0];
  if (!head) return { table: [makeIssue('batch_empty', { file, reason: 'empty' }, { source: { file, line: 1, column: 1 } })] };
  const at = (line: number, column: number) => ({ source: { file, line, column } });
  const col = new Map<RowColumn | 'id', number>();
  const table: Issue[] = [];
  head.cells.forEach((raw, i) => {
    const h = raw.trim();
    const k: RowColumn | 'id' | undefined = h === idField || h === `meta.${idField}` ? 'id' : rowColumnOf(h);
    if (isBlankCell(raw) && head.cells.slice(i).every(isBlankCell)) return;
    if (k === undefined || col.has(k)) {
      table.push(makeIssue('column_unknown', { table: 'rows', column: h, hint: k === undefined ? closest(h, [idField, ...KNOWN]) : head.cells[col.get(k)!]!.trim() }, at(head.line, i + 1)));
      return;
    }
    col.set(k, i);
  });
  const need: [RowColumn | 'id', string, string][] = [
    ['id', idField, '记录编号（与主表的 --id 字段相同）'],
    ['name', '三级指标', '指标名称'],
    ['target', '年度指标值', '指标值'],
    ['weight', '分值', '指标分值'],
  ];
  if (sections.length > 1) need.push(['level1', '一级指标', `行所属的指标（${sections.map((s) => s.name).join('、')}）`]);
  for (const [k, name, what] of need) if (!col.has(k)) table.push(makeIssue('column_missing', { column: name, what, whatEn: k === 'id' ? 'the record id, the same field as the main table\'s --id' : `the ${name} of each row` }, at(head.line, 1)));
  if (table.length) return { table };

  const cell = (cells: string[], k: RowColumn | 'id') => {
    const i = col.get(k);
    const text = i === undefined ? '' : (cells[i] ?? '');
    // A blank-looking cell (only spaces or invisible characters) is an empty one.
    return isBlankCell(text) ? '' : text.trim();
  };
  const columns: Record<string, number> = {};
  for (const [k, f] of Object.entries(FIELD)) if (col.has(k as RowColumn)) columns[f] = col.get(k as RowColumn)! + 1;
  const byId = new Map<string, RecordRows>();
  const names = new Map<string, number>();
  let prev: { id: string; level1: string; level2: string } | undefined;
  for (const r of rows.slice(1)) {
    const id = cell(r.cells, 'id');
    if (id === '') {
      table.push(makeIssue('cell_invalid', { value: '', detail: `第 ${r.line} 行没有记录编号（${idField}）`, detailEn: `row ${r.line} has no record id (${idField})` }, at(r.line, col.get('id')! + 1)));
      continue;
    }
    let rec = byId.get(id);
    if (!rec) byId.set(id, (rec = { rows: {}, issues: [], place: { file, lines: {}, columns }, line: r.line }));
    // Merged cells come out as empty ones below the first: a blank 一级 or 二级 is the one above, for the same record.
    const same = prev?.id === id;
    const l1 = cell(r.cells, 'level1') || (same ? prev!.level1 : '');
    const l2Own = cell(r.cells, 'level2');
    const l2 = l2Own || (same && !cell(r.cells, 'level1') ? prev!.level2 : '');
    prev = { id, level1: l1, level2: l2 };
    const section = rowSectionOf(sections, l1);
    if (!section) {
      rec.issues.push(makeIssue('cell_invalid', { value: l1, detail: `一级指标不是评分表中逐行填写的指标（${sections.map((s) => s.name).join('、')}）`, detailEn: `the 一级指标 is none of the rubric's row sections (${sections.map((s) => s.name).join(', ')})` }, at(r.line, (col.get('level1') ?? 0) + 1)));
      continue;
    }
    const name = cell(r.cells, 'name').replace(/[\s\u3000]+/gu, '');
    const key = `${id}\0${section.id}\0${name}`;
    if (names.has(key)) {
      rec.issues.push(makeIssue('row_duplicate', { record: id, section: section.name, name, first: names.get(key)! }, at(r.line, col.get('name')! + 1)));
      continue;
    }
    names.set(key, r.line);
    const group = sections.length === 1 ? l2 || l1 : l2;
    const row = indicatorRow({ group, name, target: cell(r.cells, 'target'), nature: cell(r.cells, 'nature'), unit: cell(r.cells, 'unit'), actual: cell(r.cells, 'actual'), weight: cell(r.cells, 'weight'), score: cell(r.cells, 'score'), reason: cell(r.cells, 'reason') }, rubric.project);
    const printed = cell(r.cells, 'score').replace(/分$/, '');
    if (opts.filed && printed !== '') row.filed = printed;
    (rec.rows[section.id] ??= []).push(row);
    (rec.place.lines[section.id] ??= []).push(r.line);
  }
  if (table.length) return { table };
  return { byId };
}

/** Read a CSV rows table's text into its rows with their lines. */
export function csvGrid(text: string): { cells: string[]; line: number }[] {
  return readCsvRows(text);
}

/**
 * Issues of a record's rows found in scoring (`rows.产出指标.2.actual`) are placed in the rows
 * table: the row's line and the field's column.
 */
export function placeRowIssues(issues: Issue[], place: RowsPlace): Issue[] {
  return issues.map((i) => {
    if (i.path[0] !== 'rows' || typeof i.path[1] !== 'string') return i;
    const lines = place.lines[i.path[1]];
    const k = typeof i.path[2] === 'number' ? i.path[2] : undefined;
    if (!lines || k === undefined || lines[k] === undefined) return i;
    const f = typeof i.path[3] === 'string' ? i.path[3] : 'name';
    return { ...i, source: { file: place.file, line: lines[k], column: place.columns[f] ?? place.columns.name ?? 1 } };
  });
}
