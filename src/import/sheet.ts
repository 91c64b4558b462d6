import { Decimal, parseDecimal } from '../decimal.js';
import type { SafeResult } from '../issues/errors.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { safeLoadRubric } from '../rubric/load.js';
import type { RuleInput } from '../rules/index.js';
import { EVERYTHING, subtractAll } from '../lint/interval-set.js';
import { parseInterval } from '../rules/interval.js';
import { normalise, sanitiseName, formulaName } from '../text/normalise.js';
import { parseStandard, unreadClauses, type ParsedInput } from '../text/parse.js';
import { canonicalHeaders, type ColumnMap } from './columns.js';
import { detectFormat, readCsvRows, readMarkdown, type TableFormat } from './table.js';
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
   * beside the aliases read anyway (评价内容/评价指标/指标名称, 权重, 评分细则/评分要点).
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
}

interface Node {
  names: string[];
  declared?: Decimal;
  max?: Decimal;
  standard?: string;
  children: Node[];
  parent?: Node;
  row: number;
  id?: string;
  todo: string[];
  rule?: RuleInput;
  inputs?: ParsedInput[];
  notes?: string[];
}

const LEVEL = /^([一二三四五六七八九])级指标$/;
const STANDARD = /评分标准|评分细则|评分办法|评分依据|指标说明|指标解释|考核内容/;
const MAX = /^(分值|权重|满分|标准分|指标分值|分数)/;
const TOTAL = /^(总分|合计|总计|小计)/;
/** The rows below the total: 评价等次 and the notes; the table ends there. */
const END = /^(总分|合计|总计|评价等次|等次|评价等级)$/;
const CN_DIGIT = '一二三四五六七八九';

const squash = (s: string) => s.replace(/\s+/gu, '');
const nameOf = (n: Node) => n.names.join('、');

/** A name cell: `投  入\n（15分）` → 投入, declared 15. */
function nameCell(cell: string): { name: string; declared?: Decimal } {
  // A filled-in sheet writes the subtotal under the name (`投入（15分）\n得15分`): not part of it.
  const s = squash(normalise(cell)).replace(/（/g, '（').replace(/）/g, '）').replace(/(?<=）)得-?\d+(?:\.\d+)?分$/, '');
  const m = /^(.*?)（(\d+(?:\.\d+)?)分?）$/.exec(s);
  if (m && m[1]) {
    const d = parseDecimal(m[2]);
    return d.ok ? { name: m[1], declared: d.value } : { name: s };
  }
  return { name: s };
}

/** A 分值 cell: `5`, `5分`, `5.0`. */
function maxCell(cell: string): Decimal | undefined | 'invalid' {
  const s = squash(normalise(cell)).replace(/分$/, '');
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
 * repeats the standard above, and a row with an empty 分值 shares the 分值 of the leaf above —
 * the two rows become one leaf named `经济效益、社会效益`. A `（15分）` after a name is checked
 * against the sum of its children; parent maxima are always the sums. Every 评分标准 that
 * {@link parseStandard} reads becomes its rule, with the inputs it needs declared; everything
 * else becomes a judgement item marked `# TODO`. The draft loads with `loadRubric` as it is.
 * @example
 * const r = importSheet(readFileSync('sheet.csv', 'utf8'), { file: 'sheet.csv' });
 * if (r.success) writeFileSync('rubric.yaml', r.value.yaml);
 */
export function importSheet(text: string, opts: ImportOptions = {}): SafeResult<ImportedSheet> {
  const format = opts.format ?? detectFormat(text, opts.file);
  const md = format === 'md' ? readMarkdown(text) : undefined;
  const table = canonicalHeaders(md ? md.rows : readCsvRows(text), opts.columns);
  const rows = table.map((r) => r.cells);
  const file = opts.file;

  // Header
  const headerAt = rows.findIndex((r) => r.some((c) => LEVEL.test(squash(c))) && r.some((c) => MAX.test(squash(c))));
  if (headerAt < 0)
    return fail('找不到表头：需要“一级指标”（及“二级指标”“三级指标”…）、“评分标准”和“分值”列', 'no header row with 一级指标 …, 评分标准 and 分值 columns', file);
  const header = rows[headerAt]!.map(squash);
  const levels = header
    .map((h, col) => ({ col, level: LEVEL.exec(h) ? CN_DIGIT.indexOf(LEVEL.exec(h)![1]!) : -1 }))
    .filter((l) => l.level >= 0)
    .sort((a, b) => a.level - b.level)
    .map((l) => l.col);
  const stdCol = header.findIndex((h) => STANDARD.test(h));
  const maxCol = header.findIndex((h) => MAX.test(h));

  // Tree
  const roots: Node[] = [];
  const stack: Node[] = [];
  let prevLeaf: Node | undefined;
  const lineOf = (i: number) => table[i]!.line;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const cell = (col: number) => (col >= 0 ? (row[col] ?? '') : '');
    const names = levels.map((col) => nameCell(cell(col)));
    if (names.every((n) => !n.name) && !squash(cell(maxCol)) && !squash(cell(stdCol))) continue;
    if (levels.some((col, k) => squash(cell(col)) === header[levels[k]!])) continue; // the header again (a page break)
    if ([row[0] ?? '', ...levels.map(cell)].some((c) => END.test(squash(c)))) break;
    if ([row[0] ?? '', ...levels.map(cell)].some((c) => TOTAL.test(squash(c)))) continue;
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
      const node: Node = { names: [n.name], children: [], row: lineOf(i), todo: [], ...(n.declared ? { declared: n.declared } : {}), ...(parent ? { parent } : {}) };
      (parent ? parent.children : roots).push(node);
      stack[k] = node;
      stack.length = k + 1;
      leaf = node;
    }
    if (!leaf) continue;
    const max = maxCell(cell(maxCol));
    if (max === 'invalid') return fail(`第 ${lineOf(i)} 行：分值“${cell(maxCol).trim()}”不是数字`, `line ${lineOf(i)}: 分值 "${cell(maxCol).trim()}" is not a number`, file, lineOf(i));
    if (max === undefined) {
      // A merged 分值 cell: this row shares the leaf above.
      if (prevLeaf && prevLeaf.parent === leaf.parent && leaf.parent) {
        leaf.parent.children.pop();
        prevLeaf.names.push(...leaf.names);
        continue;
      }
      leaf.todo.push('表中没有分值，暂记 0 分，请填写');
      leaf.max = new Decimal(0);
    } else leaf.max = max;
    const std = standardCell(cell(stdCol));
    if (std) leaf.standard = std;
    else if (prevLeaf?.standard) leaf.standard = prevLeaf.standard;
    prevLeaf = leaf;
  }
  if (!roots.length) return fail('表中没有指标', 'the table has no indicators', file);

  // Maxima: leaves from the table, parents by summing.
  const all: Node[] = [];
  const sum = (n: Node): Decimal => {
    all.push(n);
    if (!n.children.length) {
      if (n.max === undefined) n.max = new Decimal(0);
      return n.max;
    }
    if (n.max !== undefined) n.todo.push(`此行原有分值 ${n.max.toFixed()}，但它有下级指标，分值改为下级合计`);
    n.max = n.children.reduce((a, c) => a.plus(sum(c)), new Decimal(0));
    if (n.declared && !n.declared.eq(n.max)) n.todo.push(`表中写作 ${n.declared.toFixed()} 分，下级指标合计 ${n.max.toFixed()} 分，请核对`);
    return n.max;
  };
  roots.forEach(sum);
  const total = roots.reduce((a, r) => a.plus(r.max!), new Decimal(0));

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
  let parsedCount = 0;
  for (const n of all) {
    if (n.children.length) continue;
    const name = nameOf(n);
    if (n.names.length > 1) n.todo.push(`表中 ${n.names.join('、')} 共用一个分值单元格，合为一个指标`);
    const parsed = n.standard ? parseStandard(n.standard, { name }) : undefined;
    if (!parsed) {
      n.rule = { kind: 'judgement' };
      const left = n.standard ? unreadClauses(n.standard, { name }) : [];
      const why = left.length ? `（${left.map((c) => `“${c}”`).join('、')}不在能识别的规则之内）` : '';
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
    const check = checkRule(rule, ins, n.max!);
    if (check) {
      n.rule = { kind: 'judgement' };
      n.todo.push(`评分标准读作 ${rule.kind} 规则，但${check}；暂按评价人评分（judgement）`);
      continue;
    }
    n.rule = rule;
    n.inputs = ins;
    n.notes = parsed.notes;
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
  w.blank();
  w.open(0, 'indicators');
  const emit = (n: Node, indent: number) => {
    for (const t of n.todo) todo(indent, t);
    w.entry(indent, 'id', n.id!, { dash: true });
    const at = indent + 2;
    w.entry(at, 'name', nameOf(n));
    w.entry(at, 'max', new Num(n.max!.toFixed()));
    if (n.children.length) {
      w.open(at, 'children');
      for (const c of n.children) emit(c, at + 2);
      return;
    }
    if (n.standard) w.entry(at, 'standard', n.standard);
    for (const note of n.notes ?? []) todo(at, note);
    writeRule(w, at, n.rule!);
  };
  for (const r of roots) emit(r, 2);
  const yaml = w.toString();

  const check = safeLoadRubric(yaml, { file: `${file ?? 'sheet'} (draft)` }); // the draft is not a file yet
  if (!check.success) return { success: false, issues: check.issues };
  const leaves = all.filter((n) => !n.children.length).length;
  return { success: true, value: { yaml, indicators: all.length, leaves, parsed: parsedCount, todos }, warnings: [] };
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
function checkRule(rule: RuleInput, inputs: ParsedInput[], max: Decimal): string | undefined {
  const doc = {
    id: 'check',
    name: 'check',
    inputs: Object.fromEntries(inputs.map((x) => [x.name, { type: x.type, ...(x.unit && x.type !== 'percent' ? { unit: x.unit } : {}) }])),
    indicators: [{ id: 'x', name: 'x', max: max.toFixed(), rule }],
  };
  const r = safeLoadRubric(doc);
  return r.success ? undefined : r.issues.map((i) => i.message).join('；');
}

/** The rule in the style of the bundled rubrics: one flow line, or a block with one line per band/item/case. */
function writeRule(w: YamlWriter, indent: number, rule: RuleInput): void {
  const num = (v: unknown) => new Num(new Decimal(String(v)).toFixed());
  switch (rule.kind) {
    case 'bands': {
      w.open(indent, 'rule');
      w.entry(indent + 2, 'kind', 'bands');
      w.entry(indent + 2, 'value', String(rule.value));
      w.open(indent + 2, 'bands');
      for (const b of rule.bands) w.item(indent + 4, { when: String(b.when), score: num(b.score) });
      if (rule.otherwise !== undefined) w.entry(indent + 2, 'otherwise', num(rule.otherwise));
      return;
    }
    case 'checklist': {
      w.open(indent, 'rule');
      w.entry(indent + 2, 'kind', 'checklist');
      w.open(indent + 2, 'items');
      for (const it of rule.items) w.item(indent + 4, { text: it.text, points: num(it.points) });
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
      });
      return;
    case 'count':
      w.entry(indent, 'rule', { kind: 'count', value: String(rule.value), points: num(rule.points), ...(rule.item ? { item: rule.item } : {}) });
      return;
    case 'target':
      w.entry(indent, 'rule', { kind: 'target', value: String(rule.value), target: String(rule.target), ...(rule.mode ? { mode: rule.mode } : {}) });
      return;
    default:
      w.entry(indent, 'rule', { kind: rule.kind });
  }
}
