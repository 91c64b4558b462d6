import { Decimal, parseDecimal } from '../decimal.js';
import type { SafeResult } from '../issues/errors.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { safeLoadRubric } from '../rubric/load.js';
import type { RuleInput } from '../rules/index.js';
import { EVERYTHING, subtractAll } from '../lint/interval-set.js';
import { parseInterval } from '../rules/interval.js';
import { normalise, sanitiseName, formulaName } from '../text/normalise.js';
import { parseStandard, readStandard, unreadClauses, type ParsedInput, type ParsedMetric } from '../text/parse.js';
import { METHODS_OPENING, ROWS_OPENING, RUBRIC_NOTE, readProjectMethods, readRowsStandard } from '../text/rows.js';
import { isNumbered, numberedIndicators } from '../text/numbered.js';
import type { RowsSection } from '../project/schema.js';
import { canonicalHeaders, type ColumnMap } from './columns.js';
import { detectFormat, readSheetCsvRows, readMarkdown, type TableFormat } from './table.js';
import { Num, YamlWriter, type YamlValue } from './yaml.js';

export interface ImportOptions {
  /** The sheet's file name: names the draft and, by its extension, the format. */
  file?: string;
  /** `csv` (also tab-separated) or `md` (a Markdown pipe table); guessed when absent. */
  format?: TableFormat;
  /** Rubric id (default: from the file name). */
  id?: string;
  /** Rubric name (default: the Markdown title, or the file name). */
  name?: string;
  /**
   * Header cells of this sheet and the columns they are (`{ 考核项目: '一级指标', 标准分: '分值' }`),
   * beside the aliases read anyway (评价内容/评价指标/指标名称, 评价指标(分值), 权重, 年初目标值(A) …).
   */
  columns?: ColumnMap;
}

/** A draft rubric made from a score sheet table. */
export interface ImportedSheet {
  /** The draft as YAML, with `# TODO` comments where a person must decide. */
  yaml: string;
  /** Counts for a summary line. */
  indicators: number;
  leaves: number;
  /** Leaves whose 评分标准 was read as a rule. */
  parsed: number;
  /** `# TODO` comments in the draft. */
  todos: number;
  /**
   * What is wrong with the draft's tree, or assumed and not confirmed by the sheet's own figures:
   * a parent's stated maximum that is not the sum of its children, a total that is not the sum of
   * the top level, a leaf without a maximum, rows folded into one leaf, an ambiguous level. Each is
   * also a `# TODO` in the draft. Empty when the sheet's figures confirm the tree.
   */
  problems: SheetProblem[];
}

interface Node {
  names: string[];
  declared?: Decimal;
  max?: Decimal;
  standard?: string;
  description?: string;
  children: Node[];
  parent?: Node;
  row: number;
  id?: string;
  todo: string[];
  rule?: RuleInput;
  inputs?: ParsedInput[];
  notes?: string[];
  /** What the 评分标准 says of the indicator when it does not apply (没有…的部门按满分计算). */
  notApplicable?: 'full';
  /** Rows folded into this leaf because they had no 分值 of their own. */
  folded?: boolean;
  /** A 加分项 or 扣分项 (marked in its name): outside its parent's max. */
  role?: 'bonus' | 'penalty';
  /** A section whose indicators are the evaluation's rows (逐行填写三级指标…): the policies its 评分标准 states. */
  rows?: Partial<RowsSection>;
}

/** Something about the draft's tree that the sheet's own figures do not confirm: a person must look. */
export interface SheetProblem {
  line?: number;
  zh: string;
  en: string;
}

const LEVEL = /^([一二三四五六七八九])级指标$/;
/** Columns that hold the rule's text, in the order one is chosen when a sheet has several. */
const STANDARD_COLUMNS = ['评分标准', '评分细则', '评分要点', '评分办法', '评分方法', '计分方法', '评分依据', '评价标准', '考核标准', '评分说明'];
/** Columns that say what the indicator is (its `description`), not how it is scored. */
const DESCRIPTION_COLUMNS = ['指标说明', '指标解释', '指标内涵', '指标定义', '考核内容'];
const MAX = /^(分值|权重|满分|标准分|指标分值|分数)/;
const TOTAL = /^(总分|合计|总计|小计)/;
/** The rows below the total: 评价等次 and the notes; the table ends there. */
const END = /^(总分|合计|总计|评价等次|等次|评价等级)$/;
/** A total written in a title or header cell: `（满分100分）`, `总分100分`, `分值(100分)`. */
const STATED = /(?:满分|总分|合计|共)[:：]?(\d+(?:\.\d+)?)分|[（(](?:满分|总分|共)?(\d+(?:\.\d+)?)分[）)]/;
const CN_DIGIT = '一二三四五六七八九';

const squash = (s: string) => s.replace(/\s+/gu, '');
const nameOf = (n: Node) => n.names.join('、');
/** The index of the first header cell that is (or starts with) one of the names, by the names' order. */
const pickColumn = (header: string[], names: readonly string[]) => header.map((h, col) => ({ col, rank: names.findIndex((n) => h.startsWith(n)) })).filter((c) => c.rank >= 0).sort((a, b) => a.rank - b.rank || a.col - b.col);

/** A name cell: `投  入\n（15分）` → 投入, declared 15; also `预算执行率(10分)`, `预算执行率 10分`. */
function nameCell(cell: string): { name: string; declared?: Decimal; role?: 'bonus' | 'penalty' } {
  // A filled-in sheet writes the subtotal under the name (`投入（15分）\n得15分`): not part of it.
  const s = squash(normalise(cell)).replace(/(?<=）)得[+-]?\d+(?:\.\d+)?分$/, '');
  // 获得表彰（加分项）· 加分（加分项，最多5分）· 违规事项（扣分项）: a 加分项 or 扣分项, as jixiao's sheets mark them.
  const marked = /^(.+?)（(加分项|扣分项)(?:，最多(\d+(?:\.\d+)?)分)?）$/.exec(s);
  if (marked) {
    const role = marked[2] === '加分项' ? ('bonus' as const) : ('penalty' as const);
    const d = marked[3] !== undefined ? parseDecimal(marked[3]) : undefined;
    return d?.ok ? { name: marked[1]!, declared: d.value, role } : { name: marked[1]!, role };
  }
  const m = /^(.*?)（(\d+(?:\.\d+)?)分?）$/.exec(s);
  if (m && m[1]) {
    const d = parseDecimal(m[2]);
    return d.ok ? { name: m[1], declared: d.value } : { name: s };
  }
  // `预算执行率\n10分`, `预算执行率 10分`: a maximum set apart from the name by a space or a line break.
  const bare = /^([\s\S]*?\S)[\s\u3000]+([0-9０-９]+(?:[.．][0-9０-９]+)?)[\s\u3000]*分$/.exec(cell.trim());
  if (bare) {
    const d = parseDecimal(normalise(bare[2]!).replace(/．/g, '.'));
    const name = squash(normalise(bare[1]!));
    if (d.ok && name) return { name, declared: d.value };
  }
  return { name: s };
}

/** A 分值 cell: `5`, `5分`, `5.0`. */
function maxCell(cell: string): Decimal | undefined | 'invalid' {
  // A 加分项's 分值 is printed `+2`.
  const s = squash(normalise(cell)).replace(/分$/, '').replace(/^\+(?=\d)/, '');
  if (!s) return undefined;
  const d = parseDecimal(s);
  return d.ok && !d.value.isNegative() ? d.value : 'invalid';
}

/** A 评分标准 cell: lines trimmed, empty lines dropped, line breaks kept. */
function standardCell(cell: string): string {
  return cell
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, ''))
    .filter((l) => l)
    .join('\n');
}

/** An id: the name without spaces, quotes, brackets and punctuation. */
function idOf(name: string): string {
  const s = Array.from(name).filter((c) => /[\p{L}\p{N}_-]/u.test(c)).join('');
  return s || name;
}

function fail(detail: string, detailEn: string, file?: string, line?: number): SafeResult<ImportedSheet> {
  const source = file !== undefined && line !== undefined ? { source: { file, line, column: 1 } } : {};
  return { success: false, issues: [makeIssue('sheet_invalid', { detail, detailEn }, source)] };
}

/**
 * Turn a score sheet table (columns 一级指标 / 二级指标 / 三级指标 / 评分标准 / 分值; other columns
 * such as 自评得分 are ignored) into a draft YAML rubric. An empty cell means "same as above"
 * (a merged cell): an empty 一级/二级 cell continues the indicator above, an empty 评分标准
 * repeats the standard above, and a row with an empty 分值 (and no maximum in its name) shares
 * the 分值 of the leaf above — the two rows become one leaf named `经济效益、社会效益`. A maximum
 * may stand in the name cell (`预算执行率(10分)`, under a header `评价指标(分值)`). The 评分标准
 * column is the rule's text (评分标准, then 评分细则, 评分要点, 评分办法 …, the first of them the
 * sheet has); 指标说明 / 指标解释 / 指标内涵 is the indicator's `description`.
 *
 * The draft checks its own tree: a parent's stated maximum against the sum of its children, the
 * top against the sheet's stated total (a 合计/总分 row, a header `（满分100分）`). Every mismatch,
 * and every assumption the sheet's figures do not confirm, is a `# TODO` in the draft (reported by
 * `jixiao lint`) and a {@link SheetProblem} in the result. Every 评分标准 that {@link parseStandard}
 * reads becomes its rule, with the inputs it needs declared; everything else becomes a judgement
 * item marked `# TODO`. The draft loads with `loadRubric` as it is.
 * @example
 * const r = importSheet(readFileSync('sheet.csv', 'utf8'), { file: 'sheet.csv' });
 * if (r.success) writeFileSync('rubric.yaml', r.value.yaml);
 */
export function importSheet(text: string, opts: ImportOptions = {}): SafeResult<ImportedSheet> {
  const format = opts.format ?? detectFormat(text, opts.file);
  const md = format === 'md' ? readMarkdown(text) : undefined;
  const raw = md ? md.rows : readSheetCsvRows(text);
  const table = canonicalHeaders(raw, opts.columns);
  const rows = table.map((r) => r.cells);
  const file = opts.file;
  const lineOf = (i: number) => table[i]!.line;
  const problems: SheetProblem[] = [];
  /** Notes on the whole draft, written above its indicators. */
  const sheetTodo: string[] = [];

  // Header: the first row with an N级指标 cell and a 分值, 评分标准 or 指标说明 column, merged with
  // the row below when that row names the levels (`评价指标(分值)` above `一级指标 二级指标 三级指标`).
  const hasLevel = (r: readonly string[] | undefined) => !!r && r.some((c) => LEVEL.test(squash(c)));
  const textual = (h: string[]) => pickColumn(h, STANDARD_COLUMNS).length > 0 || pickColumn(h, DESCRIPTION_COLUMNS).length > 0;
  let headerAt = -1;
  let header: string[] = [];
  let dataFrom = 0;
  for (let i = 0; i < rows.length && headerAt < 0; i++) {
    if (!hasLevel(rows[i])) continue;
    let h = rows[i]!.map(squash);
    let next = i + 1;
    if (hasLevel(rows[i + 1])) {
      const sub = rows[i + 1]!.map(squash);
      h = Array.from({ length: Math.max(h.length, sub.length) }, (_, c) => sub[c] || h[c] || '');
      next = i + 2;
    }
    if (h.some((c) => MAX.test(c)) || textual(h)) [headerAt, header, dataFrom] = [i, h, next];
  }
  if (headerAt < 0)
    return fail('找不到表头：需要“一级指标”（及“二级指标”“三级指标”…）、“评分标准”和“分值”列', 'no header row with 一级指标 …, 评分标准 and 分值 columns', file);
  const levelOf = (h: string) => (LEVEL.exec(h) ? CN_DIGIT.indexOf(LEVEL.exec(h)![1]!) : -1);
  let levels = header
    .map((h, col) => ({ col, level: levelOf(h) }))
    .filter((l) => l.level >= 0)
    .sort((a, b) => a.level - b.level)
    .map((l) => l.col);
  // One indicator header over several columns (a merged cell): the empty header cells after it are the levels below.
  if (levels.length === 1) {
    const first = levels[0]!;
    let end = first + 1;
    while (end < header.length && !header[end] && rows.slice(dataFrom).some((r) => squash(r[end] ?? ''))) end++;
    if (end > first + 1) {
      levels = Array.from({ length: end - first }, (_, k) => first + k);
      const shown = squash(raw[headerAt]!.cells[first] ?? '') || header[first]!;
      sheetTodo.push(`表头“${shown}”跨 ${end - first} 列，读作${levels.map((_, k) => `${CN_DIGIT[k]}级`).join('、')}指标，请核对`);
    }
  }
  const maxCol = header.findIndex((h) => MAX.test(h));
  // The rule's text: the first standard column by priority; a description column is the indicator's description.
  const stdCols = pickColumn(header, STANDARD_COLUMNS);
  const descCols = pickColumn(header, DESCRIPTION_COLUMNS);
  let stdCol = stdCols[0]?.col ?? -1;
  const descCol = descCols[0]?.col ?? -1;
  const extraCols = [...stdCols.slice(1), ...descCols.slice(1)].map((c) => c.col);
  if (stdCol < 0 && descCol >= 0) {
    stdCol = descCol;
    sheetTodo.push(`表中没有评分标准列，评分标准取自“${header[descCol]}”列，请核对`);
  } else if (stdCol >= 0 && (descCol >= 0 || extraCols.length))
    sheetTodo.push(
      `评分标准（standard）取自“${header[stdCol]}”列` +
        (descCol >= 0 ? `，“${header[descCol]}”列记为指标说明（description）` : '') +
        (extraCols.length ? `，${extraCols.map((c) => `“${header[c]}”`).join('、')}列一并记入 description` : '') +
        '，请核对',
    );
  const descOf = (row: readonly string[]) => {
    const parts = [...(descCol >= 0 && descCol !== stdCol ? [{ col: descCol, bare: true }] : []), ...extraCols.map((col) => ({ col, bare: false }))]
      .map(({ col, bare }) => ({ text: standardCell(row[col] ?? ''), label: header[col]!, bare }))
      .filter((p) => p.text);
    return parts.map((p) => (p.bare && parts.length === 1 ? p.text : `${p.label}：${p.text}`)).join('\n');
  };

  // A total stated above the table (`（满分100分）`).
  const stated: { value: Decimal; where: string; line: number }[] = [];
  for (let i = 0; i <= headerAt; i++)
    for (const c of raw[i]!.cells) {
      const m = STATED.exec(squash(normalise(c)));
      const d = m ? parseDecimal(m[1] ?? m[2]) : undefined;
      if (d?.ok) stated.push({ value: d.value, where: `表头“${squash(c)}”`, line: raw[i]!.line });
    }

  // Tree
  const roots: Node[] = [];
  const stack: Node[] = [];
  let prevLeaf: Node | undefined;
  for (let i = dataFrom; i < rows.length; i++) {
    const row = rows[i]!;
    const cell = (col: number) => (col >= 0 ? (row[col] ?? '') : '');
    const names = levels.map((col) => nameCell(cell(col)));
    if (names.every((n) => !n.name) && !squash(cell(maxCol)) && !squash(cell(stdCol))) continue;
    if (levels.some((col) => header[col] && squash(cell(col)) === header[col])) continue; // the header again (a page break)
    const lead = [row[0] ?? '', ...levels.map(cell)];
    const end = lead.find((c) => END.test(nameCell(c).name));
    if (end !== undefined) {
      // 合计 / 总分: its 分值, or the figure in its name cell, is the sheet's total.
      const t = maxCell(cell(maxCol));
      const value = t instanceof Decimal ? t : nameCell(end).declared;
      // Under it, `不适用指标10分不计入满分，按满分90分评价`: the total printed is the max that applied.
      const left = /不适用指标(\d+(?:\.\d+)?)分不计入满分/.exec(text)?.[1];
      const removed = left !== undefined ? parseDecimal(left) : undefined;
      if (value && /^(总分|合计|总计)$/.test(nameCell(end).name))
        stated.push(removed?.ok ? { value: value.plus(removed.value), where: `“${nameCell(end).name}”行（${value.toFixed()} 分，另有不适用指标 ${removed.value.toFixed()} 分不计入满分）`, line: lineOf(i) } : { value, where: `“${nameCell(end).name}”行`, line: lineOf(i) });
      break;
    }
    if (lead.some((c) => TOTAL.test(squash(c)))) continue;
    let deepest = -1;
    names.forEach((n, k) => (n.name ? (deepest = k) : undefined));
    if (deepest < 0) {
      // A row with no indicator: more 评分标准 text of the leaf above.
      const more = standardCell(cell(stdCol));
      if (more && prevLeaf) prevLeaf.standard = prevLeaf.standard ? `${prevLeaf.standard}\n${more}` : more;
      continue;
    }
    let leaf: Node | undefined;
    for (let k = 0; k <= deepest; k++) {
      const n = names[k]!;
      if (!n.name) {
        if (!stack[k]) return fail(`第 ${lineOf(i)} 行：${CN_DIGIT[k]}级指标为空，上面也没有可沿用的指标`, `line ${lineOf(i)}: level ${k + 1} is empty and there is none above`, file, lineOf(i));
        continue;
      }
      const parent = k > 0 ? stack[k - 1] : undefined;
      // A parent written again (after a page break, or in every row) continues the one above.
      if (k < deepest && stack[k] && nameOf(stack[k]!) === n.name && stack[k]!.parent === parent) continue;
      if (k > 0 && !parent) return fail(`第 ${lineOf(i)} 行：“${n.name}”没有上级指标`, `line ${lineOf(i)}: "${n.name}" has no parent`, file, lineOf(i));
      const node: Node = { names: [n.name], children: [], row: lineOf(i), todo: [], ...(n.declared ? { declared: n.declared } : {}), ...(parent ? { parent } : {}), ...(n.role ? { role: n.role } : {}) };
      (parent ? parent.children : roots).push(node);
      stack[k] = node;
      stack.length = k + 1;
      leaf = node;
    }
    if (!leaf) continue;
    const max = maxCell(cell(maxCol));
    if (max === 'invalid') return fail(`第 ${lineOf(i)} 行：分值“${cell(maxCol).trim()}”不是数字`, `line ${lineOf(i)}: 分值 "${cell(maxCol).trim()}" is not a number`, file, lineOf(i));
    if (max === undefined && leaf.declared === undefined) {
      // A merged 分值 cell: this row shares the leaf above.
      if (maxCol >= 0 && prevLeaf && prevLeaf.parent === leaf.parent && leaf.parent) {
        leaf.parent.children.pop();
        prevLeaf.names.push(...leaf.names);
        prevLeaf.folded = true;
        continue;
      }
      leaf.todo.push('表中没有分值，暂记 0 分，请填写');
      problems.push({ line: lineOf(i), zh: `第 ${lineOf(i)} 行“${leaf.names[0]}”没有分值，暂记 0 分`, en: `line ${lineOf(i)}: "${leaf.names[0]}" has no 分值; 0 for now` });
      leaf.max = new Decimal(0);
    } else leaf.max = max ?? leaf.declared;
    // 分值 0 with 不适用 in a score cell: a sheet that printed the max left after 不适用 removed it
    // (rescale, exclude), not the rubric's. The rubric's 分值 is not on the sheet: a person must give it.
    if (leaf.max?.isZero() && row.some((c, col) => col !== stdCol && !levels.includes(col) && squash(c) === '不适用')) {
      leaf.todo.push('表中标为不适用，分值印为 0（不适用剔除后的分值），评分表原分值未印出，请填写');
      problems.push({ line: lineOf(i), zh: `第 ${lineOf(i)} 行“${leaf.names[0]}”标为不适用，分值印为 0，评分表原分值未印出`, en: `line ${lineOf(i)}: "${leaf.names[0]}" is marked 不适用 with 分值 0; the rubric's 分值 is not on the sheet` });
    }
    const std = standardCell(cell(stdCol));
    if (std) leaf.standard = std;
    else if (prevLeaf?.standard) {
      // An empty 评分标准 is read as a merged cell: the standard above. That is an assumption, said.
      leaf.standard = prevLeaf.standard;
      leaf.todo.push(`评分标准为空，按合并单元格沿用上一行“${prevLeaf.names.join('、')}”的评分标准，请核对`);
    }
    const desc = descOf(row);
    if (desc) leaf.description = desc;
    prevLeaf = leaf;
  }
  if (!roots.length) return fail('表中没有指标', 'the table has no indicators', file);

  // A filled-in 项目支出绩效自评表 (年度指标值 and 实际完成值 columns): its 三级 rows are the project's
  // evaluation data, not indicators. Each 一级 is a section of rows, its 分值 in its name cell (else
  // its rows' sum) and its policies in the 评分办法 line the sheet prints below; the funds block above
  // the table (项目资金 … 分值) gives the indicators before them (预算执行率).
  if (header.includes('年度指标值') && header.includes('实际完成值')) {
    const methods = rubricNotes(raw);
    const sumOf = (n: Node): Decimal => (n.children.length ? n.children.reduce((a, c) => a.plus(sumOf(c)), new Decimal(0)) : (n.max ?? n.declared ?? new Decimal(0)));
    for (const r of roots) {
      const shown = nameOf(r);
      if (!r.children.length) continue;
      r.max = r.declared ?? sumOf(r);
      if (r.declared && !r.declared.eq(sumOf(r)))
        r.todo.push(`名称中写作 ${r.declared.toFixed()} 分，其下各行分值合计 ${sumOf(r).toFixed()} 分，按名称中的分值，请核对`);
      r.children = [];
      delete r.declared;
      const said = methods.get(shown);
      r.standard = said ?? ROWS_OPENING;
      if (said === undefined) r.todo.push('表下没有印出本指标的评分办法：读作逐行填写的指标（rows），各项处理取默认，请核对');
    }
    const funds = fundsRows(raw, headerAt).map((f): Node => {
      const standard = methods.get(f.name);
      return { names: [f.name], max: f.max, children: [], row: f.line, todo: standard === undefined ? ['表中没有印出评分办法，请填写评分标准'] : [], ...(standard !== undefined ? { standard } : {}) };
    });
    roots.unshift(...funds);
    sheetTodo.push('表为填好的项目支出绩效自评表：三级指标各行是本项目的评价数据，草稿只取项目资金和一级指标（逐行填写）；其评价数据用 jixiao import --rubric 读取');
  }

  // A leaf whose 评分标准 is numbered parts, each naming an indicator with its 分值 in brackets and a
  // standard of its own (①资金使用合规（4分）：……；②……（3分）：……), is their parent: the parts are the
  // indicators below it, the row's 分值 what they must add up to (checked below, like any parent's).
  const splitNumbered = (ns: Node[]) => {
    for (const n of ns) {
      if (n.children.length) {
        splitNumbered(n.children);
        continue;
      }
      const split = n.standard && n.names.length === 1 ? numberedIndicators(n.standard) : undefined;
      if (!split) continue;
      const stated = n.max ?? n.declared;
      n.children = split.parts.map((p) => ({ names: [p.name], max: new Decimal(p.max), standard: p.standard, children: [], parent: n, row: n.row, todo: [] }));
      delete n.max;
      delete n.standard;
      delete n.description;
      if (stated) n.declared = stated;
      n.todo.push(
        `评分标准按编号读作 ${split.parts.length} 个下级指标（${split.parts.map((p) => `${p.mark}${p.name} ${p.max} 分`).join('、')}），各自的分值和评分标准取自编号各项；` +
          '如它们只是同一指标的评分要点，请改回一个指标（checklist 规则）',
      );
      if (split.preamble) n.todo.push(`编号前的文字“${split.preamble}”未归入任何下级指标，请核对`);
    }
  };
  splitNumbered(roots);

  // Maxima: leaves from the table, parents by summing; every stated figure is checked against the sums.
  const all: Node[] = [];
  const flag = (n: Node, zh: string, en: string) => {
    n.todo.push(`${zh}，请核对`);
    problems.push({ line: n.row, zh: `第 ${n.row} 行“${nameOf(n)}”：${zh}`, en: `line ${n.row}, "${nameOf(n)}": ${en}` });
  };
  const sum = (n: Node): Decimal => {
    all.push(n);
    if (!n.children.length) {
      if (n.max === undefined) n.max = new Decimal(0);
      if (n.declared && !n.declared.eq(n.max))
        flag(n, `名称中写作 ${n.declared.toFixed()} 分，分值列为 ${n.max.toFixed()} 分，按分值列`, `the name says ${n.declared.toFixed()}, the 分值 column ${n.max.toFixed()}; the column is used`);
      return n.max;
    }
    // A row with its own 分值 and rows below it: a leaf, or the parent of the rows under it? The sheet does not say.
    if (n.max !== undefined)
      flag(n, `此行原有分值 ${n.max.toFixed()}，但其下有下级指标，层级不明；分值改为下级合计`, `the row has its own 分值 ${n.max.toFixed()} and rows below it: the level is ambiguous; its children's sum is used`);
    // 加分项 and 扣分项 children are outside the parent's max (their own max still checked).
    n.max = n.children.reduce((a, c) => (c.role && !n.role ? (sum(c), a) : a.plus(sum(c))), new Decimal(0));
    if (n.declared && !n.declared.eq(n.max))
      flag(n, `表中写作 ${n.declared.toFixed()} 分，下级指标合计 ${n.max.toFixed()} 分`, `the sheet states ${n.declared.toFixed()}, its children add up to ${n.max.toFixed()}`);
    return n.max;
  };
  roots.forEach(sum);
  const total = roots.reduce((a, r) => (r.role ? a : a.plus(r.max!)), new Decimal(0));
  if (total.isZero()) return fail('表中没有任何分值（分值列为空，名称中也没有写分值）', 'the sheet has no maxima (no 分值 column values, none in the names)', file);
  for (const s of stated)
    if (!s.value.eq(total)) {
      sheetTodo.push(`${s.where}（第 ${s.line} 行）写明总分 ${s.value.toFixed()} 分，草稿各指标合计 ${total.toFixed()} 分，请核对`);
      problems.push({ line: s.line, zh: `第 ${s.line} 行${s.where}写明总分 ${s.value.toFixed()} 分，草稿各指标合计 ${total.toFixed()} 分`, en: `line ${s.line}: the sheet states a total of ${s.value.toFixed()}, the draft's indicators add up to ${total.toFixed()}` });
    }
  // With one level of names, a name whose maximum is the sum of the next ones is likely their parent.
  if (levels.length === 1)
    for (let i = 0; i < roots.length; i++) {
      let acc = new Decimal(0);
      let k = i + 1;
      for (; k < roots.length && acc.lt(roots[i]!.max!); k++) acc = acc.plus(roots[k]!.max!);
      if (k - i - 1 >= 2 && acc.eq(roots[i]!.max!) && roots[i]!.max!.gt(0)) {
        flag(roots[i]!, `分值 ${roots[i]!.max!.toFixed()} 等于其后 ${k - i - 1} 个指标之和，层级不明（表中只有一列指标名称），可能是它们的上级`, `its maximum equals the sum of the next ${k - i - 1} indicators: the level is ambiguous (one column of names), it may be their parent`);
        break;
      }
    }
  // Assumptions (rows folded into one leaf, a header read as several levels) that no stated figure confirms.
  const confirmedBy = (n: Node): boolean => (n.declared !== undefined && n.declared.eq(n.max!)) || (n.parent ? confirmedBy(n.parent) : stated.some((s) => s.value.eq(total)));
  for (const n of all)
    if (n.folded && !confirmedBy(n))
      problems.push({ line: n.row, zh: `第 ${n.row} 行：${n.names.join('、')} 没有各自的分值，合为一个指标，表中没有可核对的合计`, en: `line ${n.row}: ${n.names.join(', ')} have no 分值 of their own and became one indicator; no stated total confirms it` });
  if (levels.length > 1 && levels.some((c, k) => k > 0 && !header[c]) && !(stated.length && stated.every((s) => s.value.eq(total))) && !roots.every((r) => r.declared?.eq(r.max!)))
    problems.push({ line: lineOf(headerAt), zh: `表头“${squash(raw[headerAt]!.cells[levels[0]!] ?? '')}”跨 ${levels.length} 列，读作 ${levels.length} 级指标，表中没有可核对的合计`, en: `the header over ${levels.length} columns was read as ${levels.length} levels; no stated total confirms it` });

  // The lines under a filled-in sheet say how its 不适用 items were treated: the draft sets no policy
  // from them (it may be the rubric's or one indicator's), it asks.
  const naLine = /不适用指标已剔除|不适用指标[\d.]+分不计入满分/.exec(text)?.[0];
  if (naLine)
    sheetTodo.push(`表下注明“${naLine}…”：有指标按不适用${naLine.endsWith('剔除') ? '剔除后折算（notApplicable: rescale）' : '不计入满分（notApplicable: exclude）'}，请为草稿设定不适用的处理`);

  // Ids: the name, unique in the whole rubric.
  const taken = new Set<string>();
  for (const n of all) {
    let id = idOf(nameOf(n));
    if (taken.has(id) && n.parent) id = `${n.parent.id}-${id}`;
    for (let k = 2; taken.has(id); k++) id = `${idOf(nameOf(n))}-${k}`;
    taken.add(id);
    n.id = id;
  }

  // Rules and the inputs they read.
  const inputs = new Map<string, ParsedInput & { users: string[]; min?: string }>();
  // Figures a standard defines from others (预算执行率=全年执行数/全年预算数), written as metrics.
  const metrics = new Map<string, { formula: string; unit?: string; users: string[] }>();
  let parsedCount = 0;
  for (const n of all) {
    if (n.children.length) continue;
    const name = nameOf(n);
    if (n.names.length > 1) n.todo.push(`表中 ${n.names.join('、')} 共用一个分值单元格，合为一个指标`);
    // 逐行填写三级指标、年度指标值和实际完成值: the evaluation gives this section's rows (项目支出绩效自评表).
    const rowsRead = n.standard ? readRowsStandard(n.standard) : undefined;
    if (rowsRead) {
      n.rows = rowsRead.section;
      if (rowsRead.unread.length) n.todo.push(`逐行填写的指标，评分标准中${rowsRead.unread.map((c) => `“${c}”`).join('、')}不是能识别的逐行规则，未计入 rows，请核对`);
      continue;
    }
    // The 分值 settles phrases that name it (扣完20分为止, 得满分, 最多10分).
    const opts = { name, ...(n.max?.gt(0) ? { max: n.max.toFixed() } : {}) };
    const parsed = n.standard ? parseStandard(n.standard, opts) : undefined;
    if (!parsed) {
      n.rule = { kind: 'judgement' };
      const left = n.standard ? unreadClauses(n.standard, opts) : [];
      const why = left.length
        ? `（${left.map((c) => `“${c}”`).join('、')}不在能识别的规则之内）`
        : n.standard && readStandard(n.standard, opts)?.unstated?.includes('standard') ? '（没有写明标准值）' : '';
      n.todo.push(n.standard ? `未能识别评分标准${why}，暂按评价人评分（judgement）` : '评分标准为空，暂按评价人评分（judgement）');
      continue;
    }
    let rule = parsed.rule;
    let ins = parsed.inputs;
    // A count belongs to its indicator; a figure of another type under a taken name gets its own name.
    const clash = ins.find((x) => inputs.has(x.name) && (x.type === 'count' || inputs.get(x.name)!.type !== x.type));
    if (clash && (rule.kind === 'count' || rule.kind === 'per_unit' || rule.kind === 'bands' || rule.kind === 'target')) {
      const own = `${sanitiseName(n.id!)}${clash.name}`;
      rule = { ...rule, value: formulaName(own) };
      ins = [{ ...clash, name: own }];
    }
    const check = checkRule(rule, ins, n.max!, parsed.metrics);
    if (check) {
      n.rule = { kind: 'judgement' };
      n.todo.push(`评分标准读作 ${rule.kind} 规则，但${check}；暂按评价人评分（judgement）`);
      continue;
    }
    // A defined figure under a name taken by an input or another definition is not silently merged.
    const defined = parsed.metrics ?? [];
    const taken = defined.find((m) => inputs.has(m.name) || (metrics.has(m.name) && metrics.get(m.name)!.formula !== m.formula) || ins.some((x) => metrics.has(x.name)));
    if (taken) {
      n.rule = { kind: 'judgement' };
      n.todo.push(`评分标准定义的“${taken.name}”与表中已有的同名数据不同，暂按评价人评分（judgement），请核对`);
      continue;
    }
    for (const m of defined) {
      const had = metrics.get(m.name);
      if (had) had.users.push(n.id!);
      else metrics.set(m.name, { formula: m.formula, ...(m.unit ? { unit: m.unit } : {}), users: [n.id!] });
    }
    n.rule = rule;
    n.inputs = ins;
    n.notes = parsed.notes;
    // ①… 1分；②… 1分: the numbered parts read as one indicator's points, not indicators of their own.
    if (rule.kind === 'checklist' && isNumbered(n.standard!)) n.todo.push('评分标准的编号各项读作同一指标的评分要点（checklist），不是下级指标；如为下级指标，请改为 children');
    if (parsed.notApplicable) n.notApplicable = parsed.notApplicable;
    parsedCount++;
    if (parsed.full !== undefined && !new Decimal(parsed.full).eq(n.max!)) n.todo.push(`评分标准写明满分 ${parsed.full} 分，表中分值为 ${n.max!.toFixed()} 分，请核对`);
    const min = impliedMin(rule);
    for (const x of ins) {
      const had = inputs.get(x.name);
      if (had) had.users.push(n.id!);
      else inputs.set(x.name, { ...x, users: [n.id!], ...(min !== undefined ? { min } : {}) });
    }
  }

  // The draft.
  const base = (file ?? 'sheet').split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
  const id = opts.id ?? (idOf(base) || 'imported');
  const title = opts.name ?? md?.title ?? base;
  const w = new YamlWriter();
  let todos = 0;
  const todo = (indent: number, text: string) => {
    w.comment(indent, `TODO: ${text}`);
    todos++;
  };
  w.comment(0, 'yaml-language-server: $schema=./node_modules/jixiao/rubric.schema.json');
  w.comment(0, `由 jixiao import 从 ${file ?? '评分表'} 生成的评分表草稿 · draft generated by jixiao import`);
  w.comment(0, '请处理每一条 TODO，再用 jixiao lint 检查。· Resolve every TODO, then run jixiao lint.');
  w.entry(0, 'id', id);
  w.entry(0, 'name', title);
  todo(0, '填写版本（如执行年度），每个评分结果都会记录它');
  w.entry(0, 'version', 'draft');
  w.entry(0, 'precision', new Num('2'));
  w.open(0, 'grades');
  const hundred = total.eq(100);
  todo(2, `核对等次及其下限（表中各指标合计 ${total.toFixed()} 分${hundred ? '' : '，下限按满分的 90% / 80% / 60% 折算'}）`);
  for (const [grade, share] of [['优秀', '0.9'], ['良好', '0.8'], ['中', '0.6'], ['差', '0']] as const) w.item(2, { grade, min: new Num(total.times(share).toFixed()) });
  if (inputs.size) {
    w.blank();
    w.open(0, 'inputs');
    todo(2, '以下输入数据由评分标准推断：请核对名称、类型（number/percent/count）、单位和取值范围（min/max），比率可改为由原始数据计算的 metrics');
    for (const [name, x] of inputs) {
      const decl: Record<string, YamlValue> = { type: x.type };
      if (x.unit && x.type !== 'percent') decl.unit = x.unit;
      if (x.min !== undefined) decl.min = new Num(x.min);
      w.entry(2, name, decl, { comment: `用于 ${x.users.join('、')}` });
    }
  }
  if (metrics.size) {
    w.blank();
    w.open(0, 'metrics');
    todo(2, '以下派生指标按评分标准的定义计算，请核对');
    for (const [name, m] of metrics) w.entry(2, name, { formula: m.formula, ...(m.unit ? { unit: m.unit } : {}) }, { comment: `用于 ${m.users.join('、')}` });
  }
  // 逐行计分：… under a project form: how its rows are scored.
  const methodsLine = new RegExp(`${METHODS_OPENING}[^\\r\\n",|]*`).exec(text)?.[0];
  const methods = methodsLine !== undefined ? readProjectMethods(methodsLine) : undefined;
  if (methods && Object.keys(methods.methods).length) {
    w.blank();
    if (methods.unread.length) todo(0, `“逐行计分”中${methods.unread.map((c) => `“${c}”`).join('、')}不是能识别的计分方法，未计入 project，请核对`);
    const { levels, overAchievement, ...rest } = methods.methods;
    w.open(0, 'project');
    for (const [k, v] of Object.entries(rest)) w.entry(2, k, v as YamlValue);
    if (levels) w.entry(2, 'levels', { achieved: new Num(levels.achieved), partly: new Num(levels.partly) });
    if (overAchievement !== undefined) w.entry(2, 'overAchievement', new Num(overAchievement));
  } else if (methods) todo(0, `“${methodsLine}”未能识别为计分方法，请核对`);
  w.blank();
  w.open(0, 'indicators');
  for (const t of sheetTodo) todo(2, t);
  const emit = (n: Node, indent: number) => {
    for (const t of n.todo) todo(indent, t);
    w.entry(indent, 'id', n.id!, { dash: true });
    const at = indent + 2;
    w.entry(at, 'name', nameOf(n));
    w.entry(at, 'max', new Num(n.max!.toFixed()));
    // The mark on the topmost node; its children inherit it.
    if (n.role && !n.parent?.role) w.entry(at, n.role, true);
    if (n.children.length) {
      w.open(at, 'children');
      for (const c of n.children) emit(c, at + 2);
      return;
    }
    if (n.rows) {
      // The sentence is the section's policies, written as `rows`; no rule, no standard of its own.
      if (n.description) w.entry(at, 'description', n.description);
      w.entry(at, 'rows', { weights: 'exact', empty: 'forbidden', ...n.rows });
      return;
    }
    if (n.standard) w.entry(at, 'standard', n.standard);
    if (n.description) w.entry(at, 'description', n.description);
    if (n.notApplicable) w.entry(at, 'notApplicable', n.notApplicable);
    for (const note of n.notes ?? []) todo(at, note);
    writeRule(w, at, n.rule!);
  };
  for (const r of roots) emit(r, 2);
  const yaml = w.toString();

  const check = safeLoadRubric(yaml, { file: `${file ?? 'sheet'} (draft)` }); // the draft is not a file yet
  if (!check.success) return { success: false, issues: check.issues };
  const leaves = all.filter((n) => !n.children.length).length;
  return { success: true, value: { yaml, indicators: all.length, leaves, parsed: parsedCount, todos, problems }, warnings: [] };
}

/**
 * The lower bound a band table implies: bands that cover exactly [a, +∞) (预算调整率=0；0-10%（含）…
 * 大于30%) say the figure is never below a, so the draft declares `min: a` instead of leaving
 * (-∞, a) unscored.
 */
function impliedMin(rule: RuleInput): string | undefined {
  if (rule.kind !== 'bands' || rule.otherwise !== undefined) return undefined;
  const ivs = rule.bands.map((b) => parseInterval(String(b.when)));
  if (ivs.some((iv) => !iv)) return undefined;
  const gaps = ivs.reduce((rest, iv) => subtractAll(rest, iv!), [EVERYTHING]);
  const g = gaps[0];
  return gaps.length === 1 && g && !g.lo && g.hi && !g.hiInclusive ? g.hi.toFixed() : undefined;
}

/** Why a parsed rule cannot stand in this leaf (it would not load), or undefined. */
/** The 评分办法 lines under a filled-in project sheet: the standard of each indicator by name. */
function rubricNotes(raw: readonly { cells: readonly string[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of raw) {
    const first = (r.cells.find((c) => c.trim()) ?? '').trim();
    if (!first.startsWith(RUBRIC_NOTE)) continue;
    const rest = first.slice(RUBRIC_NOTE.length);
    const at = rest.indexOf('：');
    if (at > 0) out.set(squash(rest.slice(0, at)), rest.slice(at + 1).trim());
  }
  return out;
}

/** The funds block above a project sheet's table (项目资金（万元）… 分值 …): each row's name and 分值. */
function fundsRows(raw: readonly { cells: readonly string[]; line: number }[], headerAt: number): { name: string; max: Decimal; line: number }[] {
  const start = raw.findIndex((r, i) => i < headerAt && squash(r.cells[0] ?? '').startsWith('项目资金'));
  if (start < 0) return [];
  const maxCol = raw[start]!.cells.findIndex((c) => squash(c) === '分值');
  if (maxCol < 0) return [];
  const out: { name: string; max: Decimal; line: number }[] = [];
  for (let i = start + 1; i < headerAt; i++) {
    const name = squash(raw[i]!.cells[0] ?? '');
    if (!name) break;
    const max = maxCell(raw[i]!.cells[maxCol] ?? '');
    if (max instanceof Decimal) out.push({ name, max, line: raw[i]!.line });
  }
  return out;
}

function checkRule(rule: RuleInput, inputs: ParsedInput[], max: Decimal, metrics: ParsedMetric[] = []): string | undefined {
  const doc = {
    id: 'check',
    name: 'check',
    inputs: Object.fromEntries(inputs.map((x) => [x.name, { type: x.type, ...(x.unit && x.type !== 'percent' ? { unit: x.unit } : {}) }])),
    ...(metrics.length ? { metrics: Object.fromEntries(metrics.map((m) => [m.name, { formula: m.formula, ...(m.unit ? { unit: m.unit } : {}) }])) } : {}),
    indicators: [{ id: 'x', name: 'x', max: max.toFixed(), rule }],
  };
  const r = safeLoadRubric(doc);
  return r.success ? undefined : r.issues.map((i) => i.message).join('；');
}

/**
 * The rule in the style of the bundled rubrics: one flow line, or a block with one line per
 * band/item/case/level. Every field the rule has is written: a cap, a no-score line, a mode, an
 * effect, shares and gates, a scale, levels — a rule read from the sheet is written whole.
 */
function writeRule(w: YamlWriter, indent: number, rule: RuleInput): void {
  const num = (v: unknown) => new Num(new Decimal(String(v)).toFixed());
  const some = <T>(v: T | undefined, f: (x: T) => Record<string, YamlValue>) => (v === undefined ? {} : f(v));
  switch (rule.kind) {
    case 'bands': {
      w.open(indent, 'rule');
      w.entry(indent + 2, 'kind', 'bands');
      w.entry(indent + 2, 'value', String(rule.value));
      w.open(indent + 2, 'bands');
      for (const b of rule.bands) w.item(indent + 4, { when: String(b.when), score: num(b.score), ...some(b.label, (label) => ({ label })) });
      if (rule.otherwise !== undefined) w.entry(indent + 2, 'otherwise', num(rule.otherwise));
      return;
    }
    case 'checklist': {
      w.open(indent, 'rule');
      w.entry(indent + 2, 'kind', 'checklist');
      if (rule.perMissing !== undefined) w.entry(indent + 2, 'perMissing', num(rule.perMissing));
      w.open(indent + 2, 'items');
      for (const it of rule.items)
        w.item(indent + 4, {
          ...some(it.id, (id) => ({ id: String(id) })), text: it.text,
          ...some(it.points, (p) => ({ points: num(p) })), ...some(it.share, (x) => ({ share: num(x) })), ...(it.gate ? { gate: true } : {}),
        });
      if (rule.scale) {
        w.open(indent + 2, 'scale');
        for (const l of rule.scale) w.item(indent + 4, { level: l.level, share: num(l.share) });
      }
      return;
    }
    case 'cases': {
      w.open(indent, 'rule');
      w.entry(indent + 2, 'kind', 'cases');
      w.open(indent + 2, 'cases');
      for (const c of rule.cases) w.item(indent + 4, { when: String(c.when), score: num(c.score), ...(c.label ? { label: c.label } : {}) });
      if (rule.otherwise) w.entry(indent + 2, 'otherwise', { score: num(rule.otherwise.score), ...(rule.otherwise.label ? { label: rule.otherwise.label } : {}) });
      return;
    }
    case 'per_unit':
      w.entry(indent, 'rule', {
        kind: 'per_unit', value: String(rule.value), standard: num(rule.standard), direction: rule.direction, points: num(rule.points),
        ...(rule.per !== undefined ? { per: num(rule.per) } : {}), ...(rule.mode ? { mode: rule.mode } : {}),
        ...some(rule.maxDeduction, (x) => ({ maxDeduction: num(x) })), ...some(rule.zeroBeyond, (x) => ({ zeroBeyond: num(x) })),
      });
      return;
    case 'count':
      w.entry(indent, 'rule', {
        kind: 'count', value: String(rule.value), points: num(rule.points), ...(rule.effect ? { effect: rule.effect } : {}),
        ...(rule.item ? { item: rule.item } : {}), ...some(rule.maxDeduction, (x) => ({ maxDeduction: num(x) })),
      });
      return;
    case 'target':
      w.entry(indent, 'rule', { kind: 'target', value: String(rule.value), target: String(rule.target), ...(rule.mode ? { mode: rule.mode } : {}) });
      return;
    case 'formula':
      w.entry(indent, 'rule', { kind: 'formula', score: String(rule.score), ...some(rule.label, (label) => ({ label })) });
      return;
    case 'judgement':
      if (rule.levels) {
        w.open(indent, 'rule');
        w.entry(indent + 2, 'kind', 'judgement');
        if (rule.guide !== undefined) w.entry(indent + 2, 'guide', rule.guide);
        w.open(indent + 2, 'levels');
        for (const l of rule.levels) w.item(indent + 4, { level: l.level, points: num(l.points) });
        return;
      }
      w.entry(indent, 'rule', { kind: 'judgement', ...some(rule.step, (x) => ({ step: num(x) })), ...some(rule.guide, (guide) => ({ guide })) });
  }
}
