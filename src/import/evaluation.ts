import { parseDecimal } from '../decimal.js';
import { Exact } from '../exact.js';
import type { SafeResult } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';
import type { FiledForm } from '../review/schema.js';
import type { Rubric } from '../rubric/types.js';
import type { EvaluationInput } from '../evaluate/input.js';
import { safeEvaluate } from '../evaluate/evaluate.js';
import type { IndicatorResult } from '../evaluate/result.js';
import { conversion } from '../project/rows.js';
import { levelRange, readLevelWord, type Level, type RowMethods } from '../project/score.js';
import { readProjectTarget } from '../project/target.js';
import { canonicalHeaders, type ColumnMap } from './columns.js';
import { detectFormat, readSheetCsvRows, type TableFormat, type TableRow } from './table.js';

/**
 * A filled-in 项目支出绩效自评表, as a table (CSV, or Markdown pipe tables), read into an
 * evaluation input for a rubric with row sections: the 预算执行 figures into `values`, each
 * indicator row into `rows.<section>`. Nothing is judged here: a cell is carried as it was
 * written (an empty 指标值 stays empty, so scoring reports it), and the only thing inferred is the
 * 档 of a 定性 row from the score it was given, where the form does not write the 档. One thing is
 * taken out: a 偏差原因 cell of a sheet jixiao printed carries, beside the unit's own reason, what
 * scoring wrote for the row (`…；完成值92.4%，指标值≥95%，完成比例97.26%，得4.86分，扣0.14分`); the rows are
 * scored as read, and a reason that begins or ends with exactly that text loses it.
 */

export interface EvaluationImportOptions {
  /** The table's file name, for positions and to tell the format by its extension. */
  file?: string;
  format?: TableFormat;
  /** Header cells of this form and the columns they are (`{ 目标值A: '年度指标值' }`), beside the aliases read anyway. */
  columns?: ColumnMap;
  /**
   * Read the form as filed (for `review`): each row's 得分 as its `filed` score, the funds line's
   * 得分 and 执行率 and the 总分 under `filed`; `json` is then the filed form.
   */
  filed?: boolean;
}

export interface ImportedEvaluation {
  input: EvaluationInput;
  /** The input as JSON text (two-space indented, with a final line break). */
  json: string;
  /** Rows read, by section id. */
  rows: Record<string, number>;
  /** What was read other than as written (a 年度资金总额 printed as 0, funds in 元); also in `input.meta.预算执行说明`. */
  notes: Note[];
  /** The 总分 the form states (its own 自评得分), where it has one; also in `input.meta.自评总分`. */
  statedTotal?: string;
  /** With `filed`: the filed form (the input, each row's `filed` 得分, and what the form printed under `filed`). */
  filed?: FiledForm;
}

/** The columns of an indicator row of a 自评表. */
export type RowColumn = 'level1' | 'level2' | 'name' | 'nature' | 'unit' | 'target' | 'actual' | 'weight' | 'score' | 'reason';
type Column = RowColumn;

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
  ['reason', /^(偏差原因.*|未完成原因.*|原因分析.*|偏差原因分析及改进措施|扣分原因.*)$/],
];
const BUDGET = /^(全年预算数|调整后预算数)/;
const SPENT = /^(全年执行数|预算执行数)/;
const OPENING = /^(年初预算数|年初预算)$/;
/** The 项目资金 lines: the total, and the 其中 lines it is the sum of (national and 四川 wording). */
const FUND_TOTAL = /^(年度资金总额|资金总额|总额)[:：]?$/;
const FUND_PART = /^(?:其中[:：]?)?(本年财政拨款|当年财政拨款|财政拨款|财政资金|上年结转资金|上年结转|其他资金|财政专户管理资金|单位资金)[:：]?$/;
/** `产出指标（50分）`: the 一级指标 cell with the points the form gives it. */
const STATED_POINTS = /[（(](\d+(?:\.\d+)?)分[)）]$/;
const TOTAL = /^(总分|合计|总计|自评总分|绩效自评总分|综合得分)$/;
/** A block's subtotal line: `小计`, `合计` inside a block, `产出指标小计`. */
const SUBTOTAL = /^(.*?)(小计|合计)[:：]?$/;
/** The grade's label (`评价等级 | 优`), or label and grade in one cell (`等级：优秀`). */
const GRADE_LABEL = /^(评价等级|评价等次|自评等级|自评等次|绩效等级|绩效评价等级|等级|等次|评价结果|自评结果)[:：]?$/;
const GRADE_CELL = /^(评价等级|评价等次|自评等级|自评等次|绩效等级|绩效评价等级|等级|等次)[:：](.+)$/;
/** The subtotal a filled-in sheet writes under a block's name (`产出指标（50分）得48分`). */
const CELL_SUBTOTAL = /(?<=[）)])得([+-]?\d+(?:\.\d+)?)分$/;
/** What review layers write beside a row's reason on a jixiao sheet: `自评：14.86 → 13（…）`. */
const LAYER_NOTE = /^(自评|主管部门|财政复核|专家\/中介|终审)(（[^）]*）)?：-?\d+(\.\d+)? → -?\d+(\.\d+)?（.*）$/;

const squash = (s: string) => s.replace(/[\s\u3000]+/gu, '');
/** A merged 一级/二级 cell: a filled-in sheet writes the subtotal under the name (`产出指标（50分）\n得48分`), not part of it. */
const parentCell = (s: string) => squash(s).replace(/(?<=[）)])得[+-]?\d+(?:\.\d+)?分$/, '');

/** The indicator-row column a header cell names (`三级指标`, `年度指标值`, `实际完成值`, `分值` …), by the aliases real forms use. */
export function rowColumnOf(header: string): RowColumn | undefined {
  const h = squash(header);
  return HEADERS.find(([, re]) => re.test(h))?.[0];
}

type RowSection = Rubric['plan']['rowSections'][number];

/** The row section an 一级指标 cell names (`产出指标`, `产出`, `产出指标（50分）`), or the only one. */
export function rowSectionOf(sections: readonly RowSection[], level1: string): RowSection | undefined {
  if (sections.length === 1) return sections[0];
  const w = squash(level1).replace(STATED_POINTS, '');
  const bare = (s: string) => squash(s).replace(/指标$/, '');
  return sections.find((s) => s.id === w || s.name === w) ?? sections.find((s) => bare(s.name) === bare(w) || bare(s.id) === bare(w));
}

const LEVELS: readonly Level[] = ['达成', '部分达成', '未达成'];

/**
 * One indicator row of an evaluation input from its cells as a form writes them: a 定性 row's 档
 * from its actual column, or else from the score it was given; a reason of 无 or / left out.
 */
export function indicatorRow(c: { group: string; name: string; target: string; nature: string; unit: string; actual: string; weight: string; score: string; reason: string }, methods: Pick<RowMethods, 'levels' | 'precision' | 'rounding'>): Record<string, string> {
  const row: Record<string, string> = {};
  if (c.group) row.group = c.group;
  row.name = c.name;
  const target = c.target;
  const nature = squash(c.nature);
  const unit = squash(c.unit);
  const weight = c.weight.replace(/分$/, '');
  row.target = target;
  if (nature) row.nature = nature;
  if (unit) row.unit = unit;
  const actual = c.actual;
  const score = squash(c.score).replace(/分$/, '');
  const t = target === '' ? undefined : readProjectTarget(target);
  const qualitative = nature === '定性' || t?.kind === 'qualitative' || t?.kind === 'deadline';
  if (qualitative) {
    // A 定性 row: the 档 as written in the actual column, or else the one its score falls in.
    const word = readLevelWord(actual);
    if (actual !== '' && word === undefined) row.actual = actual;
    let level = word;
    const w = parseDecimal(weight);
    const s = parseDecimal(score);
    if (level === undefined && w.ok && s.ok && !w.value.isZero()) {
      // The 档 whose edges, as scoring checks them (rounded to the sheet's precision), hold the score.
      const given = Exact.fromDecimal(s.value);
      const holds = (l: Level) => {
        const [lo, hi, closed] = levelRange(l, Exact.fromDecimal(w.value), methods);
        return given.gte(lo) && (closed ? given.lte(hi) : given.lt(hi));
      };
      level = LEVELS.find(holds);
    }
    if (level !== undefined) row.level = level;
    if (score !== '') row.score = score;
    // The actual column held only the 档: it is the level now.
    if (word !== undefined) delete row.actual;
  } else if (actual !== '') row.actual = actual;
  row.weight = weight;
  const reason = c.reason;
  if (reason !== '' && !/^(无|\/|—|-|——)$/.test(squash(reason))) row.reason = reason;
  return row;
}

/** Every row of the table(s): a CSV grid, or every pipe-table line of a Markdown document. */
function gridOf(text: string, format: TableFormat): TableRow[] {
  if (format === 'csv') return readSheetCsvRows(text);
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
    // A Markdown sheet's bold (**产出指标（50分）**) is its emphasis, not its text.
    out.push({ cells: cells.map((c) => c.trim().replace(/<br\s*\/?>/gi, '\n').replace(/\*\*(.+?)\*\*/g, '$1')), line: i + 1 });
  });
  return out;
}

/** What the importer read other than as written, said in both languages. */
export interface Note {
  zh: string;
  en: string;
}

type FundLine = { 年初预算数?: string; 全年预算数?: string; 全年执行数?: string };

/**
 * The 项目资金 block under its header: every line as written, and the figures the 预算执行率 is
 * computed from. These are the 年度资金总额 line's; where a form prints that line as 0 (or leaves
 * it blank) while its 其中 lines (本年财政拨款, 上年结转资金, 其他资金) carry the money, as
 * system exports do, they are the sum of the 其中 lines, and `note` says so. A block without
 * line names is read as before: the first row with a figure under both columns.
 */
function readFunds(grid: TableRow[], at: number): { budget: string; spent: string; unit?: string; lines?: Record<string, FundLine>; note?: Note; printed?: { score?: string; rate?: string } } | undefined {
  const r = readFundLines(grid, at);
  if (!r) return r;
  // The 得分 and 执行率 the 年度资金总额 line prints (what was filed), where the form has them.
  const head = grid[at]!.cells.map(squash);
  const sc = head.findIndex((c) => /^得分$/.test(c));
  const rt = head.findIndex((c) => /^执行率/.test(c));
  const line = grid.slice(at + 1, at + 8).find((row) => row.cells.some((c) => FUND_TOTAL.test(squash(c)))) ?? grid[at + 1];
  if (!line) return r;
  const printed: { score?: string; rate?: string } = {};
  const score = sc >= 0 ? figure(line.cells[sc]) : undefined;
  const rate = rt >= 0 ? figure((line.cells[rt] ?? '').replace(/[%％]\s*$/, '')) : undefined;
  if (score !== undefined) printed.score = score;
  if (rate !== undefined) printed.rate = rate;
  return Object.keys(printed).length ? { ...r, printed } : r;
}

function readFundLines(grid: TableRow[], at: number): { budget: string; spent: string; unit?: string; lines?: Record<string, FundLine>; note?: Note } | undefined {
  const head = grid[at]!.cells.map(squash);
  const unit = head.map((c) => /[（(](亿元|万元|千元|元)[)）]$/.exec(c)?.[1]).find((u) => u !== undefined);
  const withUnit = <T extends object>(r: T): T & { unit?: string } => (unit === undefined ? r : { ...r, unit });
  const b = head.findIndex((c) => BUDGET.test(c));
  const e = head.findIndex((c) => SPENT.test(c));
  const o = head.findIndex((c) => OPENING.test(c));
  const lines: Record<string, FundLine> = {};
  let total: FundLine | undefined;
  const parts: FundLine[] = [];
  for (const r of grid.slice(at + 1, at + 8)) {
    const label = r.cells.slice(0, Math.min(b, e)).map(squash).filter((c) => c !== '');
    const name = label.map((c) => FUND_TOTAL.exec(c)?.[1] ?? FUND_PART.exec(c)?.[1]).find((n) => n !== undefined);
    if (name === undefined) {
      if (Object.keys(lines).length) break;
      continue;
    }
    const line: FundLine = {};
    const opening = o >= 0 ? figure(r.cells[o]) : undefined;
    if (opening !== undefined) line.年初预算数 = opening;
    const budget = figure(r.cells[b]);
    const spent = figure(r.cells[e]);
    if (budget !== undefined) line.全年预算数 = budget;
    if (spent !== undefined) line.全年执行数 = spent;
    lines[name] = line;
    if (FUND_TOTAL.test(name)) total ??= line;
    else parts.push(line);
  }
  if (!Object.keys(lines).length) {
    const row = grid.slice(at + 1, at + 4).find((r) => figure(r.cells[b]) !== undefined && figure(r.cells[e]) !== undefined);
    return row ? withUnit({ budget: figure(row.cells[b])!, spent: figure(row.cells[e])! }) : undefined;
  }
  const zero = (v: string | undefined) => v === undefined || Exact.parse(v).isZero();
  const carried = parts.filter((p) => p.全年预算数 !== undefined || p.全年执行数 !== undefined);
  if (total && total.全年预算数 !== undefined && total.全年执行数 !== undefined && !(zero(total.全年预算数) && zero(total.全年执行数) && carried.some((p) => !zero(p.全年预算数) || !zero(p.全年执行数)))) {
    return withUnit({ budget: total.全年预算数, spent: total.全年执行数, lines });
  }
  if (!carried.length) return undefined;
  const sum = (k: '全年预算数' | '全年执行数') => carried.reduce((acc, p) => acc.plus(Exact.parse(p[k] ?? '0')), Exact.parse('0')).toPlain();
  const budget = sum('全年预算数');
  const spent = sum('全年执行数');
  const printed = total ? `年度资金总额印为${total.全年预算数 ?? '空'}/${total.全年执行数 ?? '空'}` : '没有年度资金总额行';
  const printedEn = total ? `年度资金总额 is printed as ${total.全年预算数 ?? 'blank'}/${total.全年执行数 ?? 'blank'}` : 'there is no 年度资金总额 line';
  return withUnit({
    budget,
    spent,
    lines,
    note: { zh: `${printed}，全年预算数、全年执行数取其中各行之和：${budget}、${spent}${unit ?? ''}`, en: `${printedEn}: 全年预算数 and 全年执行数 are the sums of its 其中 lines, ${budget} and ${spent}${unit ?? ''}` },
  });
}

const fail = (detail: string, detailEn: string, file?: string, line?: number): SafeResult<ImportedEvaluation> => ({
  success: false,
  issues: [makeIssue('sheet_invalid', { detail, detailEn }, file !== undefined && line !== undefined ? { source: { file, line, column: 1 } } : {})],
});

/** A figure cell: `221`, `221.00`, `1,265.5`, `221万元`, `94分`, and a layered sheet's total `94（各项之和93）`. */
function figure(cell: string | undefined): string | undefined {
  if (cell === undefined) return undefined;
  const s = squash(cell).replace(/[（(]各项之和[^）)]*[）)]$/, '').replace(/[,，](?=\d{3})/g, '').replace(/万元$|元$|分$/, '');
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
  const meta: Record<string, unknown> = {};
  const rows: Record<string, Record<string, string | number>[]> = {};
  const counts: Record<string, number> = {};
  let statedTotal: string | undefined;
  const notes: Note[] = [];
  const printed: { score?: string; rate?: string } = {};

  // 预算执行: a header row with 全年预算数 and 全年执行数, and the 项目资金 lines under it.
  const budgetAt = grid.findIndex((r) => r.cells.some((c) => BUDGET.test(squash(c))) && r.cells.some((c) => SPENT.test(squash(c))));
  if (budgetAt >= 0) {
    const funds = readFunds(grid, budgetAt);
    if (!funds) return fail(`第${grid[budgetAt]!.line}行下没有全年预算数和全年执行数的数字`, `no figures under 全年预算数 and 全年执行数 (line ${grid[budgetAt]!.line})`, file, grid[budgetAt]!.line);
    if (funds.note) notes.push(funds.note);
    if (funds.printed) Object.assign(printed, funds.printed);
    const converted: string[] = [];
    const convertedEn: string[] = [];
    for (const [name, v] of [['全年预算数', funds.budget], ['全年执行数', funds.spent]] as const) {
      const declared = rubric.inputs.get(name);
      if (!declared) continue;
      // 项目资金（元）against a rubric in 万元: the figure in the rubric's unit, exactly.
      if (funds.unit !== undefined && declared.unit !== '' && declared.unit !== funds.unit) {
        const factor = conversion(funds.unit, declared.unit);
        if (!factor) return fail(`第${grid[budgetAt]!.line}行：项目资金以${funds.unit}填列，评分表的${name}以${declared.unit}计，无法换算`, `line ${grid[budgetAt]!.line}: the funds are in ${funds.unit}; the rubric's ${name} is in ${declared.unit}`, file, grid[budgetAt]!.line);
        values[name] = Exact.parse(v).times(factor).toPlain();
        converted.push(`${name}${v}${funds.unit}即${values[name]}${declared.unit}`);
        convertedEn.push(`${name} ${v} ${funds.unit} is ${values[name]} ${declared.unit}`);
      } else values[name] = v;
    }
    if (converted.length) notes.push({ zh: `项目资金以${funds.unit}填列：${converted.join('，')}`, en: `the funds are in ${funds.unit}; the rubric's figures are in ${rubric.inputs.get('全年预算数')?.unit ?? rubric.inputs.get('全年执行数')?.unit}: ${convertedEn.join(', ')}` });
    if (funds.lines) meta['项目资金'] = funds.unit === undefined ? funds.lines : { 单位: funds.unit, ...funds.lines };
    if (notes.length) meta['预算执行说明'] = notes.map((n) => n.zh).join('；');
  }

  // The headings the rubric names for its sheet (sheet.headings): its first score column is the
  // filed score, its note column the reason; the other score columns (复核得分) are someone else's.
  const named = rubric.document.sheet?.headings;
  const own = new Map<string, Column | 'other'>();
  (named?.scores ?? []).forEach((t, i) => own.set(squash(t), i === 0 ? 'score' : 'other'));
  if (named?.reason !== undefined) own.set(squash(named.reason), 'reason');
  const columnOf = (c: string): Column | undefined => {
    const k = own.get(squash(c));
    return k === 'other' ? undefined : (k ?? HEADERS.find(([, re]) => re.test(squash(c)))?.[0]);
  };

  // The indicator table's header.
  const headerAt = grid.findIndex((r) => {
    const cols = new Set(r.cells.map(columnOf));
    return cols.has('name') && cols.has('target') && cols.has('weight');
  });
  if (headerAt < 0) {
    return fail('没有找到指标表头（须有“三级指标”“年度指标值”“分值”列，可有一级指标、二级指标、实际完成值、得分、偏差原因）', 'no indicator header found (columns 三级指标, 年度指标值 and 分值 are needed)', file, grid[0]?.line ?? 1);
  }
  const header = grid[headerAt]!;
  const col = new Map<Column, number>();
  header.cells.forEach((c, i) => {
    const k = columnOf(c);
    if (k && !col.has(k)) col.set(k, i);
  });
  const cell = (r: TableRow, k: Column) => {
    const i = col.get(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };

  const sectionOf = (level1: string) => rowSectionOf(sections, level1);

  // The subtotals the form prints (a block's 小计 line, a block row's own 得分, or 得48分 under a
  // block's name), by the id of the block (产出指标, 产出指标.数量指标), and the line of each.
  const subtotals = new Map<string, { value: string; line: number; name: string }>();
  let conflict: SafeResult<ImportedEvaluation> | undefined;
  const subtotal = (key: string, name: string, value: string | undefined, line: number) => {
    if (value === undefined || conflict) return;
    const had = subtotals.get(key);
    if (had && !Exact.parse(had.value).eq(Exact.parse(value))) {
      conflict = fail(`第${line}行：“${name}”的小计印为${value}分，第${had.line}行印为${had.value}分`, `line ${line}: the subtotal of "${name}" is printed as ${value}; line ${had.line} prints ${had.value}`, file, line);
    } else if (!had) subtotals.set(key, { value, line, name });
  };
  /** A block of the form: its 一级 section, and its 二级 group when one is named. */
  const blockKey = (l1: string, l2: string) => {
    const section = sectionOf(l1.replace(STATED_POINTS, ''));
    if (!section) return undefined;
    return l2 ? { key: `${section.id}.${l2}`, name: l2 } : { key: section.id, name: section.name };
  };
  const scoreFigure = (r: TableRow) => figure(cell(r, 'score'));
  const l1Col = col.get('level1');
  const nameCol = col.get('name');

  let level1 = '';
  let level2 = '';
  for (const r of grid.slice(headerAt + 1)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const at = r.cells.findIndex((c) => squash(c) !== '');
    const first = squash(r.cells[at] ?? '');
    // A block's subtotal line: 小计 (or 合计 inside a block, right of the 一级 column); 产出指标小计
    // names its block. A bare one in the 三级 column is its 二级 group's, else its 一级 block's.
    const sub = SUBTOTAL.exec(first);
    if (sub && level1) {
      const prefix = sub[1]!;
      const named =
        prefix !== '' ? (sections.some((x) => x.id === prefix || x.name === prefix || x.name.replace(/指标$/, '') === prefix) ? blockKey(prefix, '') : level2 !== '' && level2 === prefix ? blockKey(level1, level2) : undefined)
        : sub[2] === '小计' || (l1Col !== undefined && at > l1Col) ? blockKey(level1, nameCol !== undefined && at >= nameCol ? level2 : '')
        : undefined;
      if (named) {
        if (opts.filed) subtotal(named.key, named.name, scoreFigure(r), r.line);
        continue;
      }
      if (sub[2] === '小计') return fail(`第${r.line}行：小计“${first}”不是本表的一级或二级指标`, `line ${r.line}: the subtotal "${first}" names no block of the form`, file, r.line);
    }
    // A total row ends the table: 总分 with the form's own score, in the score column where it has one.
    if (TOTAL.test(first)) {
      const stated = scoreFigure(r) ?? [...r.cells].reverse().map((c) => figure(c)).find((c) => c !== undefined);
      if (stated !== undefined) statedTotal = stated;
      break;
    }
    // Merged cells come out as empty ones below the first: a blank 一级 or 二级 is the one above.
    const l1Cell = squash(cell(r, 'level1'));
    const l2Cell = squash(cell(r, 'level2'));
    const l1 = parentCell(l1Cell);
    const l2 = parentCell(l2Cell).replace(STATED_POINTS, '');
    if (l1) {
      level1 = l1;
      level2 = '';
    }
    if (l2) level2 = l2;
    // A filled-in sheet's subtotal under a block's name: 产出指标（50分）得48分.
    if (opts.filed) {
      const k1 = l1 ? blockKey(level1, '') : undefined;
      if (k1) subtotal(k1.key, k1.name, CELL_SUBTOTAL.exec(l1Cell)?.[1], r.line);
      const k2 = l2 ? blockKey(level1, level2) : undefined;
      if (k2) subtotal(k2.key, k2.name, CELL_SUBTOTAL.exec(l2Cell)?.[1], r.line);
    }
    const name = squash(cell(r, 'name'));
    const weight = cell(r, 'weight').replace(/分$/, '');
    // A block's own line (产出指标 | | | | | 50 | 48): no 三级 name, no 指标值 or 完成值, its 一级 or 二级
    // cell on it; its 得分 is the block's subtotal.
    if (!name && (l1 || l2) && !cell(r, 'target') && !cell(r, 'actual')) {
      const k = blockKey(level1, l2 ? level2 : '');
      if (opts.filed && k) subtotal(k.key, k.name, scoreFigure(r), r.line);
      if (k || !weight) continue;
    }
    if (!name && !weight) continue;
    if (!name) return fail(`第${r.line}行有分值而没有三级指标名称`, `line ${r.line} has a 分值 but no indicator name`, file, r.line);
    const section = sectionOf(level1.replace(STATED_POINTS, ''));
    const stated = STATED_POINTS.exec(level1)?.[1];
    if (section && stated !== undefined && !Exact.parse(stated).eq(section.maxExact)) {
      return fail(`第${r.line}行：一级指标“${level1}”写的分值${stated}与评分表中“${section.name}”的${section.maxText}分不同`, `line ${r.line}: 一级指标 "${level1}" states ${stated} points; the rubric's "${section.name}" has ${section.maxText}`, file, r.line);
    }
    if (!section) {
      const names = sections.map((s) => s.name).join('、');
      return fail(`第${r.line}行：一级指标“${level1 || '（空）'}”不是评分表中逐行填写的指标（${names}）`, `line ${r.line}: 一级指标 "${level1}" is none of the rubric's row sections (${names})`, file, r.line);
    }
    const group = sections.length === 1 ? level2 || level1 : level2;
    const row = indicatorRow({ group, name, target: cell(r, 'target'), nature: cell(r, 'nature'), unit: cell(r, 'unit'), actual: cell(r, 'actual'), weight, score: cell(r, 'score'), reason: withoutLayerNotes(cell(r, 'reason')) }, rubric.project);
    if (opts.filed) {
      const filed = figure(cell(r, 'score').replace(/分$/, ''));
      if (filed !== undefined) row.filed = filed;
      // A 定性 row's 得分 is its filed score: one score per row.
      if (filed !== undefined && row.score !== undefined) delete row.score;
    }
    (rows[section.id] ??= []).push(row);
    counts[section.id] = (counts[section.id] ?? 0) + 1;
  }
  if (!Object.keys(rows).length) return fail(`第${header.line}行的表头下没有指标行`, `no indicator rows under the header on line ${header.line}`, file, header.line);
  if (conflict) return conflict;
  const grade = opts.filed ? gradeOf(grid.slice(headerAt + 1)) : undefined;

  withoutScoringNotes(rubric, rows, values);
  if (file !== undefined) meta['来源'] = file;
  if (statedTotal !== undefined) meta['自评总分'] = statedTotal;
  const input: EvaluationInput = {};
  if (Object.keys(meta).length) input.meta = meta;
  if (Object.keys(values).length) input.values = values;
  input.rows = rows as NonNullable<EvaluationInput['rows']>;
  const out: ImportedEvaluation = { input, json: `${JSON.stringify(input, null, 2)}\n`, rows: counts, notes };
  if (statedTotal !== undefined) out.statedTotal = statedTotal;
  if (opts.filed) {
    // What the form printed: the funds line's 得分 (the rubric's top-level leaf that is no rows
    // section, 预算执行率), its 执行率 (the rubric's metric of that name), the 总分.
    const fundsLeaf = rubric.indicators.find((n) => !n.rows && !n.children.length);
    const figures: NonNullable<FiledForm['filed']> = {};
    const scores: Record<string, string> = {};
    if (printed.score !== undefined && fundsLeaf) scores[fundsLeaf.id] = printed.score;
    // The subtotals it printed, by block (产出指标, 产出指标.数量指标).
    for (const [key, s] of subtotals) scores[key] = s.value;
    if (Object.keys(scores).length) figures.scores = scores;
    if (printed.rate !== undefined && rubric.metrics.has('预算执行率')) figures.metrics = { 预算执行率: printed.rate };
    if (statedTotal !== undefined) figures.total = statedTotal;
    if (grade !== undefined) figures.grade = grade;
    out.filed = { ...(input as FiledForm), filed: figures };
    out.json = `${JSON.stringify(out.filed, null, 2)}\n`;
  }
  return { success: true, value: out, warnings: [] };
}

/**
 * The grade a form prints below its table: a row labelled 评价等级 (等级, 评价等次, 自评等级 …) and
 * the word after it, or one cell `等级：优秀`.
 */
function gradeOf(rows: readonly TableRow[]): string | undefined {
  for (const r of rows) {
    const cells = r.cells.map((c) => c.trim()).filter((c) => c !== '');
    const label = cells.findIndex((c) => GRADE_LABEL.test(squash(c)));
    if (label >= 0 && cells[label + 1] !== undefined && figure(cells[label + 1]) === undefined) return squash(cells[label + 1]!);
    for (const c of cells) {
      const m = GRADE_CELL.exec(squash(c));
      if (m && figure(m[2]) === undefined) return m[2]!;
    }
  }
  return undefined;
}

/** A reason cell without what review layers wrote beside it on a jixiao sheet (`自评：14.86 → 13（…）`). */
function withoutLayerNotes(reason: string): string {
  if (!reason.includes('→')) return reason;
  return reason
    .split('；')
    .filter((p) => !LAYER_NOTE.test(p.trim()))
    .join('；');
}

/**
 * A reason as a jixiao sheet prints it is the unit's own reason with what scoring wrote for the row
 * around it (a 不适用 row's note before, the deductions after): score the rows as read and take off
 * exactly that text where it stands, so a sheet read back gives the reason that was filed.
 */
function withoutScoringNotes(rubric: Rubric, rows: Record<string, Record<string, string | number>[]>, values: Record<string, string>): void {
  if (!Object.values(rows).some((list) => list.some((r) => r.reason !== undefined))) return;
  const scored = safeEvaluate(rubric, { values, rows } as EvaluationInput);
  if (!scored.success) return;
  const byId = new Map<string, IndicatorResult>();
  const walk = (ns: readonly IndicatorResult[]) => ns.forEach((n) => (n.kind === 'row' ? byId.set(n.id, n) : walk(n.children ?? [])));
  walk(scored.value.indicators);
  for (const [section, list] of Object.entries(rows)) {
    list.forEach((row, i) => {
      const leaf = byId.get(`${section}.${i + 1}`);
      if (row.reason === undefined || !leaf) return;
      let reason = String(row.reason);
      // A 不适用 row (no 指标值): the note scoring puts before the reason.
      const own = leaf.remark ?? '';
      const before = leaf.notApplicable && own.startsWith('未设定年度指标值') ? own.split('；')[0]! : '';
      if (before && reason.startsWith(`${before}；`)) reason = reason.slice(before.length + 1);
      else if (before && reason === before) reason = '';
      const after = [...leaf.deductions, ...(leaf.additions ?? [])].map((d) => d.reason).join('；');
      if (after && reason.endsWith(`；${after}`)) reason = reason.slice(0, -after.length - 1);
      else if (after && reason === after) reason = '';
      if (reason) row.reason = reason;
      else delete row.reason;
    });
  }
}
