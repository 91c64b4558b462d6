import { parseDecimal } from '../decimal.js';
import { Exact, HUNDRED, ZERO } from '../exact.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { badArgument, neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { closest, fromZod } from '../issues/zod.js';
import { rowTargetText } from '../project/rows.js';
import { readProjectTarget, type ProjectTarget } from '../project/target.js';
import { fig, figBeside } from '../rules/common.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { snapshotPlainData } from '../source/plain.js';
import { evalNumber, FormulaRuntimeError, type CompiledFormula } from '../formula/compile.js';
import type { CompiledLevelRule, LevelBand, MonitoringRubric } from './rubric.js';
import { monitorDepartmentSchema, monitorProjectSchema, monitorRowSchema, type MonitorFunds, type MonitorValue, type Route } from './schema.js';

/** One row of the 监控表, as monitored: its figures, its level and why, and what the department said. */
export interface MonitoredRow {
  /** The 自评表 section the row belongs to (产出指标, 效益指标, 满意度指标). */
  section: string;
  index: number;
  group?: string;
  name: string;
  weight: string;
  /** 指标值 (年度指标值) as written. */
  target: string;
  /** The unit of the row's figures, from its 指标值 (`≥120个`: 个); empty for a 定性 row. */
  unit: string;
  /** 1–N月完成值: a decimal string, or the level word of a 定性 row (达成 / 部分达成 / 未达成). */
  done: string;
  /** 序时进度: the annual target pro-rated to the period (or the plan to date), where the rule read it. */
  expected?: string;
  /** 完成进度 (%): 完成值 ÷ 序时进度 × 100, where the rule read it. */
  progress?: string;
  /** 全年预计完成值, and how it was reached (`department`: as the department gave it). */
  projected: string;
  projection: 'department' | 'linear' | 'to_date';
  /** Whether the projection reaches the annual target. */
  meets: boolean;
  level: string;
  levelName: string;
  /** The id of the rule that gave the level. */
  rule: string;
  reason: string;
  likelihood: string;
  causes: string[];
  cause?: string;
  measure?: string;
}

/** The funds row: 年初预算数, 1–N月执行数, 全年预计执行数, and the 预算执行 level. */
export interface MonitoredFunds {
  unit: string;
  budget: string;
  spent: string;
  projectedSpend: string;
  projection: 'department' | 'linear';
  /** 执行率 (%); 0 where the budget is 0 and the rubric says so. */
  rate?: string;
  /** 预算执行进度 (%): 执行率 ÷ (N ÷ 期数) × 100. */
  progress?: string;
  level?: string;
  levelName?: string;
  rule?: string;
  reason?: string;
}

/** A project's monitoring: every row's level, the funds, and the project's level. */
export interface MonitoringResult {
  kind: 'monitoring';
  rubric: { id: string; name: string; version?: string; fingerprint: string };
  period: { through: number; length: number; unit: string };
  meta: Record<string, string>;
  funds: MonitoredFunds | null;
  rows: MonitoredRow[];
  /** The project's level: the rows' levels combined (worst-of, or the rubric's order). */
  level: string;
  levelName: string;
  reason: string;
  /** Rows by level, in the rubric's order of levels. */
  counts: Record<string, number>;
  /** The rubric's levels, most severe first, with their names. */
  levels: { level: string; name: string }[];
}

/** A department's monitoring: its projects, the worst project level, and projects by level. */
export interface DepartmentMonitoringResult {
  kind: 'department-monitoring';
  rubric: MonitoringResult['rubric'];
  meta: Record<string, string>;
  projects: MonitoringResult[];
  level: string;
  levelName: string;
  reason: string;
  /** Projects by level. */
  counts: Record<string, number>;
  /** The rubric's levels, most severe first, with their names. */
  levels: { level: string; name: string }[];
}

export interface MonitorOptions {
  /** The file name issues name. */
  file?: string;
}

type Path = (string | number)[];

/**
 * Monitor a project (or, with a department rubric, a department's projects) in the middle of the
 * year without throwing: each row's level from its rule, with the reason ("截至7月完成42，序时进度70，
 * 完成进度60%，黄色预警"), the 预算执行 level, the project's level (worst-of), and the form's checks —
 * 有可能 / 完全不可能 without a 偏差原因 or 整改措施 is an error, a projection that misses the target
 * beside 确定能 a warning. All arithmetic is exact.
 * @example const r = safeMonitor(loadBundledMonitoring('project-monitoring'), input); if (r.success) console.log(r.value.level);
 */
export function safeMonitor(rubric: MonitoringRubric, input: unknown, opts: MonitorOptions = {}): SafeResult<MonitoringResult | DepartmentMonitoringResult> {
  if (rubric === null || typeof rubric !== 'object' || (rubric as { kind?: unknown }).kind !== 'monitoring') {
    return { success: false, issues: [badArgument('safeMonitor', 'rubric', { zh: '已加载的监控规则（loadMonitoringRubric 的结果）', en: 'a loaded monitoring rubric' }, rubric)] };
  }
  return neverThrows('safeMonitor', () => {
    let doc: SourceDocument | undefined;
    let value: unknown = input;
    if (typeof input === 'string' || input instanceof Uint8Array) {
      const read = readDocument(input, DEFAULT_LIMITS, opts.file);
      if (!read.ok) return { success: false, issues: read.issues };
      doc = read.doc;
      value = read.doc.value;
    } else {
      const snap = snapshotPlainData(input, DEFAULT_LIMITS);
      if (!snap.ok) return { success: false, issues: snap.issues };
      value = snap.value;
    }
    const issues: Issue[] = [];
    const warnings: Issue[] = [];
    const result = rubric.department ? department(rubric, value, issues, warnings) : project(rubric, value, [], issues, warnings);
    const place = (list: Issue[]) => (doc ? locateIssues(list, doc) : list);
    if (issues.length || !result) return { success: false, issues: place(issues) };
    return { success: true, value: result, warnings: place(warnings) };
  });
}

/** As {@link safeMonitor}, throwing {@link EvaluationError}. */
export function monitor(rubric: MonitoringRubric, input: unknown, opts: MonitorOptions = {}): MonitoringResult | DepartmentMonitoringResult {
  const r = safeMonitor(rubric, input, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

function metaOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

function department(rubric: MonitoringRubric, value: unknown, issues: Issue[], warnings: Issue[]): DepartmentMonitoringResult | undefined {
  const parsed = monitorDepartmentSchema.safeParse(value);
  if (!parsed.success) {
    issues.push(...fromZod(parsed.error.issues, value, []));
    return undefined;
  }
  const projects: MonitoringResult[] = [];
  parsed.data.projects.forEach((p, k) => {
    const r = project(rubric, p, ['projects', k], issues, warnings);
    if (r) projects.push(r);
  });
  if (issues.length) return undefined;
  const levels = projects.map((p) => p.level);
  const level = combine(rubric, levels);
  const counts = countOf(rubric, levels);
  const name = nameOf(rubric, level);
  return {
    kind: 'department-monitoring',
    rubric: rubricOf(rubric),
    meta: metaOf(parsed.data.meta),
    projects,
    level,
    levelName: name,
    reason: `共${projects.length}个项目：${countText(rubric, counts, '个')}；部门取最严重的级别：${name}`,
    counts,
    levels: levelsOf(rubric),
  };
}

const levelsOf = (r: MonitoringRubric) => r.levels.map((l) => ({ level: l.level, name: l.name }));
const rubricOf = (r: MonitoringRubric): MonitoringResult['rubric'] => ({ id: r.id, name: r.name, ...(r.version !== undefined ? { version: r.version } : {}), fingerprint: r.fingerprint });
const nameOf = (r: MonitoringRubric, level: string) => r.levels.find((l) => l.level === level)?.name ?? level;

/** The first level of the rubric's order that any of `levels` is; the order's last when there is none. */
export function combine(rubric: Pick<MonitoringRubric, 'order'>, levels: readonly string[]): string {
  for (const l of rubric.order) if (levels.includes(l)) return l;
  return rubric.order[rubric.order.length - 1]!;
}

function countOf(rubric: MonitoringRubric, levels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of rubric.levels) out[l.level] = 0;
  for (const l of levels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

const countText = (rubric: MonitoringRubric, counts: Record<string, number>, word: string) =>
  rubric.levels.filter((l) => counts[l.level]).map((l) => `${l.name}${counts[l.level]}${word}`).join('、') || '无';

/** A figure as written in an input: a number or a decimal string; else an issue at `path`. */
function figureAt(raw: string | number | undefined, path: Path, issues: Issue[]): Exact | undefined {
  if (raw === undefined) return undefined;
  const r = parseDecimal(raw);
  if (!r.ok) {
    issues.push(makeIssue('invalid_number', { received: String(raw), reason: r.reason }, { path }));
    return undefined;
  }
  return Exact.fromDecimal(r.value);
}

function project(rubric: MonitoringRubric, value: unknown, at: Path, issues: Issue[], warnings: Issue[]): MonitoringResult | undefined {
  const parsed = monitorProjectSchema.safeParse(value);
  if (!parsed.success) {
    issues.push(...fromZod(parsed.error.issues, value, at));
    return undefined;
  }
  const before = issues.length;
  const p = parsed.data;
  const fundsIn = p.monitor;
  const { length, unit } = rubric.period;
  const through = fundsIn.through;
  if (through > length) {
    issues.push(makeIssue('monitor_period_out_of_range', { through, length, unit }, { path: [...at, 'monitor', 'through'] }));
    return undefined;
  }
  const when = unit === '月' ? `截至${through}月` : `截至第${through}${unit}`;
  const ctx: Ctx = { rubric, through, length, when, issues, warnings };
  const rows: MonitoredRow[] = [];
  const sections = Object.keys(p.rows);
  // The rows are the year-end 自评表's: a section that form does not have would be found only at the year end.
  const known = rubric.sections;
  if (known) {
    for (const section of sections) if (!known.includes(section)) issues.push(makeIssue('rows_unknown_section', { id: section, hint: closest(section, known) }, { path: [...at, 'rows', section] }));
    if (issues.length > before) return undefined;
  }
  for (const section of sections) {
    p.rows[section]!.forEach((raw, i) => {
      const r = monitorRow(ctx, section, i, raw, [...at, 'rows', section, i]);
      if (r) rows.push(r);
    });
  }
  if (sections.every((s) => p.rows[s]!.length === 0)) issues.push(makeIssue('rows_missing', { indicator: '绩效指标' }, { path: [...at, 'rows'] }));
  const funds = fundsOf(ctx, fundsIn, [...at, 'monitor']);
  if (issues.length > before) return undefined;
  const levels = rows.map((r) => r.level);
  if (rubric.budgetInLevel && funds?.level !== undefined) levels.push(funds.level);
  const level = combine(rubric, levels);
  const counts = countOf(rubric, rows.map((r) => r.level));
  const name = nameOf(rubric, level);
  const how = rubric.order.join('、');
  return {
    kind: 'monitoring',
    rubric: rubricOf(rubric),
    period: { through, length, unit },
    meta: metaOf(p.meta),
    funds,
    rows,
    level,
    levelName: name,
    reason: `共${rows.length}行：${countText(rubric, counts, '行')}${rubric.budgetInLevel && funds?.levelName ? `；预算执行${funds.levelName}` : ''}；按${how}的顺序取级别，项目为${name}`,
    counts,
    levels: levelsOf(rubric),
  };
}

interface Ctx {
  rubric: MonitoringRubric;
  through: number;
  length: number;
  when: string;
  issues: Issue[];
  warnings: Issue[];
}

/** The route of a target: its comparison, `=0`, a range, 定性 or a deadline; `%` rows first try their own. */
function routesOf(t: ProjectTarget): Route[] {
  if (t.kind === 'qualitative' || t.kind === 'deadline') return [t.kind];
  // 年度指标值等于0: a target of 0 (投诉率 0, =0, ≤0), whatever comparison it is written with.
  const base = t.kind === 'range' ? 'range' : (t.op === '=' || t.op === '<=') && t.value.isZero() ? '=0' : t.op;
  return t.unit === '%' && base !== '=0' ? [`${base}%` as Route, base] : [base];
}

/** Pro-rated share of an annual figure: annual × N ÷ 期数, exact. */
const proRated = (annual: Exact, through: number, length: number) => annual.times(Exact.int(through)).div(Exact.int(length));

function planTo(ctx: Ctx, plan: (string | number)[] | undefined, row: string, path: Path): Exact | undefined | null {
  if (plan === undefined) {
    if (ctx.rubric.schedule === 'plan') {
      ctx.issues.push(makeIssue('monitor_value_missing', { row, what: '逐期计划（plan）', whatEn: 'the plan per period (plan)' }, { path }));
      return null;
    }
    return undefined;
  }
  if (ctx.rubric.schedule === 'linear') {
    ctx.issues.push(makeIssue('invalid_value', { expected: '（本评分表按年度值 × N ÷ 期数计算序时进度，不填逐期计划）', expectedEn: 'no plan (this rubric pro-rates the annual figure)', received: 'plan' }, { path }));
    return null;
  }
  if (plan.length !== ctx.length) {
    ctx.issues.push(makeIssue('monitor_plan_invalid', { row, length: ctx.length, count: plan.length }, { path }));
    return null;
  }
  let sum = ZERO;
  for (let k = 0; k < ctx.through; k++) {
    const v = figureAt(plan[k], [...path, k], ctx.issues);
    if (v === undefined) return null;
    sum = sum.plus(v);
  }
  return sum;
}

function monitorRow(ctx: Ctx, section: string, i: number, raw: unknown, path: Path): MonitoredRow | undefined {
  const parsed = monitorRowSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.issues.push(...fromZod(parsed.error.issues, raw, path));
    return undefined;
  }
  const d = parsed.data;
  const m = d.monitor;
  const row = `${section}第${i + 1}行“${d.name}”`;
  const mp = [...path, 'monitor'];
  const before = ctx.issues.length;
  // The 分值 goes with the row to the year-end 自评表: a figure that form would refuse is refused now.
  const weight = figureAt(d.weight, [...path, 'weight'], ctx.issues);
  if (weight?.isNegative()) ctx.issues.push(makeIssue('invalid_value', { expected: '不小于 0 的分值', expectedEn: 'a weight ≥ 0', received: weight.toPlain() }, { path: [...path, 'weight'] }));
  if (ctx.issues.length > before) return undefined;
  const targetText = rowTargetText(d.target, d.unit, d.nature);
  if (targetText === '') {
    ctx.issues.push(makeIssue('row_target_missing', { row }, { path: [...path, 'target'] }));
    return undefined;
  }
  const target = readProjectTarget(targetText);
  if (!target) {
    ctx.issues.push(makeIssue('row_target_invalid', { row, target: targetText }, { path: [...path, 'target'] }));
    return undefined;
  }
  const routes = routesOf(target);
  const ruleId = routes.map((r) => ctx.rubric.targets[r]).find((r) => r !== undefined);
  const rule = ruleId === undefined ? undefined : ctx.rubric.rules.get(ruleId);
  if (!rule) {
    ctx.issues.push(makeIssue('monitor_no_rule', { row, target: targetText, route: routes[routes.length - 1] }, { path: [...path, 'target'] }));
    return undefined;
  }
  const quantitative = target.kind === 'number' || target.kind === 'range';
  const unit = quantitative ? target.unit : '';
  const annual = target.kind === 'number' ? target.value : target.kind === 'range' ? target.lo : undefined;
  let done: Exact | undefined;
  let word: '达成' | '部分达成' | '未达成' | undefined;
  if (quantitative) {
    if (m.done === undefined || String(m.done).trim() === '') ctx.issues.push(makeIssue('monitor_value_missing', { row, what: `1–${ctx.through}月完成值（done）`, whatEn: 'the value achieved to date (done)' }, { path: [...mp, 'done'] }));
    else done = figureAt(m.done, [...mp, 'done'], ctx.issues);
  } else {
    word = m.level;
    if (word === undefined) ctx.issues.push(makeIssue('monitor_value_missing', { row, what: '截至监控期的完成情况（level：达成、部分达成、未达成）', whatEn: 'the attainment to date (level)' }, { path: [...mp, 'level'] }));
  }
  const plan = quantitative ? planTo(ctx, m.plan, row, [...mp, 'plan']) : undefined;
  if (ctx.issues.length > before) return undefined;

  // The level and its reason.
  let level: string;
  let reason: string;
  let expected: Exact | undefined;
  let progress: Exact | undefined;
  const named = (l: string) => ctx.rubric.levels.find((x) => x.level === l)?.name ?? l;
  if (rule.kind === 'qualitative') {
    if (!word) {
      ctx.issues.push(makeIssue('rule_invalid', { detail: `定量指标行不能使用定性规则“${rule.id}”（${row}）` }, { path: [...path, 'target'] }));
      return undefined;
    }
    level = rule.levels[word];
    reason = `${ctx.when}${word}，${named(level)}`;
  } else {
    if (done === undefined || annual === undefined) {
      ctx.issues.push(makeIssue('monitor_value_missing', { row, what: `1–${ctx.through}月完成值（done）：规则“${rule.id}”按数值定级`, whatEn: `a figure achieved to date (done): rule "${rule.id}" reads a figure` }, { path: [...mp, 'done'] }));
      return undefined;
    }
    if (rule.kind === 'compare') {
      // A target of 0 is met by 0 only (#indexval# = #targetvalue#); others by their own comparison.
      const op = target.kind !== 'number' ? '>=' : routes.includes('=0') ? '=' : target.op;
      const pass = target.kind === 'range' ? !done.lt(target.lo) && !done.gt(target.hi) : holds(done, op, annual);
      level = pass ? rule.pass : rule.fail;
      reason = `${ctx.when}完成${figBeside(done, [annual])}${unit}，年度指标值${targetText}，${pass ? '符合' : '不符合'}，${named(level)}`;
    } else {
      const got = bandLevel(ctx, rule, row, mp, { done, annual, plan: plan ?? undefined }, unit);
      if (!got) return undefined;
      ({ level, reason, expected, progress } = got);
      reason = `${reason}，${named(level)}`;
    }
  }

  // 全年预计完成: as the department gave it, else the rubric's assumption.
  let projected: string;
  let projection: MonitoredRow['projection'];
  let meets: boolean;
  if (quantitative) {
    const given = figureAt(m.projected, [...mp, 'projected'], ctx.issues);
    if (ctx.issues.length > before) return undefined;
    let p: Exact;
    if (given !== undefined) {
      p = given;
      projection = 'department';
    } else {
      const how = unit === '%' ? ctx.rubric.projection.rate : ctx.rubric.projection.quantity;
      if (how === 'required') {
        ctx.issues.push(makeIssue('monitor_value_missing', { row, what: '全年预计完成值（projected）', whatEn: 'the projection for the year (projected)' }, { path: [...mp, 'projected'] }));
        return undefined;
      }
      p = how === 'linear' ? done!.times(Exact.int(ctx.length)).div(Exact.int(ctx.through)) : done!;
      projection = how;
    }
    meets = target.kind === 'range' ? !p.lt(target.lo) && !p.gt(target.hi) : holds(p, target.kind === 'number' ? target.op : '>=', annual!);
    projected = fig(p);
  } else {
    projected = m.projectedLevel ?? word!;
    projection = m.projectedLevel !== undefined ? 'department' : 'to_date';
    meets = projected === '达成';
  }

  // The form's rules.
  if (m.likelihood !== '确定能') {
    if (!(m.causes?.length || m.reason?.trim())) ctx.issues.push(makeIssue('monitor_reason_required', { row, likelihood: m.likelihood, what: '偏差原因（causes：经费保障、制度保障、人员保障、硬件条件保障、其他；或 reason）', whatEn: 'the reason for the deviation (causes or reason)' }, { path: [...mp, 'causes'] }));
    if (!m.measure?.trim()) ctx.issues.push(makeIssue('monitor_reason_required', { row, likelihood: m.likelihood, what: '整改措施（measure）', whatEn: 'the corrective measure (measure)' }, { path: [...mp, 'measure'] }));
    if (ctx.issues.length > before) return undefined;
  } else if (!meets) {
    ctx.warnings.push(makeIssue('monitor_projection_contradicts', { row, projected: `${projected}${unit}`, target: targetText }, { path: [...mp, 'likelihood'], severity: 'warning' }));
  }
  const out: MonitoredRow = {
    section,
    index: i,
    ...(d.group?.trim() ? { group: d.group.trim() } : {}),
    name: d.name,
    weight: String(d.weight),
    target: targetText,
    unit,
    done: quantitative ? done!.toPlain() : word!,
    projected,
    projection,
    meets,
    level,
    levelName: named(level),
    rule: rule.id,
    reason,
    likelihood: m.likelihood,
    causes: m.causes ?? [],
  };
  if (expected !== undefined) out.expected = fig(expected);
  if (progress !== undefined) out.progress = figBeside(progress, edgesOf(rule, 'sequential'));
  if (m.reason?.trim()) out.cause = m.reason.trim();
  if (m.measure?.trim()) out.measure = m.measure.trim();
  return out;
}

function holds(v: Exact, op: '>=' | '>' | '<=' | '<' | '=', t: Exact): boolean {
  const c = v.cmp(t);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0;
}

const edgesOf = (rule: CompiledLevelRule, value: MonitorValue): Exact[] => (rule.kind === 'bands' ? (rule.bands.find((b) => b.value === value)?.edges ?? []) : []);

/**
 * A level from bands, in order: the first band whose figure is in its interval. Each figure is
 * computed when a band reads it, exactly: 序时进度 = annual × N ÷ 期数 (or the plan to date).
 */
function bandLevel(
  ctx: Ctx,
  rule: Extract<CompiledLevelRule, { kind: 'bands' }>,
  row: string,
  path: Path,
  f: { done: Exact; annual: Exact; plan: Exact | undefined },
  unit: string,
): { level: string; reason: string; expected?: Exact; progress?: Exact } | undefined {
  const expected = f.plan ?? proRated(f.annual, ctx.through, ctx.length);
  const said = (b: LevelBand, v: Exact): string => {
    const done = `${ctx.when}完成${fig(f.done)}${unit}`;
    if (b.formula) return `${done}，${b.formula.text}为${figBeside(v, b.edges)}`;
    if (b.value === 'sequential') return `${done}，序时进度${fig(expected)}${unit}，完成进度${figBeside(v, b.edges)}%`;
    if (b.value === 'annual') return `${done}，年度指标值${fig(f.annual)}${unit}，完成年度指标的${figBeside(v, b.edges)}%`;
    return `${ctx.when}完成${figBeside(v, b.edges)}${unit}`;
  };
  const values = new Map<MonitorValue, Exact>();
  const figure = (b: LevelBand): Exact | undefined => {
    const have = values.get(b.value);
    if (have !== undefined) return have;
    let v: Exact;
    if (b.formula) {
      const x = formulaValue(ctx, b.formula, { 完成值: f.done, 年度指标值: f.annual, 序时进度: expected, 月数: Exact.int(ctx.through), 期数: Exact.int(ctx.length) }, [...path, 'done']);
      if (x === undefined) return undefined;
      v = x;
    } else if (b.value === 'actual') v = f.done;
    else {
      const base = b.value === 'sequential' ? expected : f.annual;
      if (base.isZero()) {
        const what = b.value === 'sequential' ? (f.plan ? '截至监控期的计划值' : '年度指标值') : '年度指标值';
        ctx.issues.push(makeIssue('monitor_zero_base', { row, what, whatEn: b.value === 'sequential' ? 'the expected value to date' : 'the annual target', value: b.value === 'sequential' ? '完成进度' : '完成年度指标的比例', valueEn: 'the progress' }, { path: [...path, 'done'] }));
        return undefined;
      }
      v = f.done.div(base).times(HUNDRED);
    }
    values.set(b.value, v);
    return v;
  };
  for (const b of rule.bands) {
    const v = figure(b);
    if (v === undefined) return undefined;
    if (b.test(v)) {
      const seq = values.get('sequential');
      return { level: b.level, reason: said(b, v), ...(b.value === 'sequential' ? { expected } : {}), ...(seq !== undefined ? { progress: seq } : {}) };
    }
  }
  const last = rule.bands[rule.bands.length - 1]!;
  ctx.issues.push(makeIssue('no_band_matched', { label: `${row}的${last.value === 'sequential' ? '完成进度' : '数值'}`, value: fig(values.get(last.value)!) }, { path: [...path, 'done'] }));
  return undefined;
}

function fundsOf(ctx: Ctx, f: MonitorFunds, path: Path): MonitoredFunds | null {
  const before = ctx.issues.length;
  const budget = figureAt(f.budget, [...path, 'budget'], ctx.issues);
  const spent = figureAt(f.spent, [...path, 'spent'], ctx.issues);
  const given = figureAt(f.projectedSpend, [...path, 'projectedSpend'], ctx.issues);
  const unit = f.unit ?? '万元';
  const ruleId = ctx.rubric.budget;
  // Money budgeted, spent or to be spent is never below 0: refused, not read as a rate.
  for (const [k, v] of [['budget', budget], ['spent', spent], ['projectedSpend', given]] as const) {
    if (v?.isNegative()) ctx.issues.push(makeIssue('invalid_value', { expected: '不小于 0 的金额', expectedEn: 'an amount ≥ 0', received: v.toPlain() }, { path: [...path, k] }));
  }
  if (ctx.issues.length > before) return null;
  if (ruleId === undefined && budget === undefined && spent === undefined) return null;
  if (spent === undefined) {
    ctx.issues.push(makeIssue('monitor_value_missing', { row: '项目资金', what: `1–${ctx.through}月执行数（spent）`, whatEn: 'the spending to date (spent)' }, { path: [...path, 'spent'] }));
    return null;
  }
  const projectedSpend = given ?? spent.times(Exact.int(ctx.length)).div(Exact.int(ctx.through));
  const out: MonitoredFunds = { unit, budget: budget === undefined ? '' : budget.toPlain(), spent: spent.toPlain(), projectedSpend: fig(projectedSpend), projection: given !== undefined ? 'department' : 'linear' };
  const rule = ruleId === undefined ? undefined : ctx.rubric.rules.get(ruleId);
  if (!rule || rule.kind !== 'bands') return out;
  const plan = planTo(ctx, f.budgetPlan, '项目资金', [...path, 'budgetPlan']);
  if (plan === null) return null;
  const zero = budget === undefined || budget.isZero();
  const share = Exact.int(ctx.through).div(Exact.int(ctx.length)).times(HUNDRED);
  const head = `${ctx.when}执行${fig(spent)}${unit}`;
  // 预算执行进度, computed when a band reads it.
  const progressOf = (edges: readonly Exact[]): { value: Exact; said: string } | null => {
    if (zero) {
      if (ctx.rubric.zeroBudget === 'refuse') {
        ctx.issues.push(makeIssue('monitor_zero_base', { row: '项目资金', what: '年初预算数', whatEn: 'the budget', value: '预算执行率', valueEn: 'the rate of spending' }, { path: [...path, 'budget'] }));
        return null;
      }
      out.rate = '0';
      return { value: ZERO, said: `${head}，年初预算数${budget === undefined ? '未填' : '为0'}，执行率按0计，预算执行进度${figBeside(ZERO, edges)}%` };
    }
    const rate = spent.div(budget!).times(HUNDRED);
    out.rate = fig(rate);
    if (plan !== undefined) {
      if (plan.isZero()) {
        ctx.issues.push(makeIssue('monitor_zero_base', { row: '项目资金', what: '截至监控期的用款计划', whatEn: 'the planned spending to date', value: '预算执行进度', valueEn: 'the progress of spending' }, { path: [...path, 'budgetPlan'] }));
        return null;
      }
      const value = spent.div(plan).times(HUNDRED);
      return { value, said: `${head}，年初预算数${fig(budget!)}${unit}，执行率${fig(rate)}%，用款计划${fig(plan)}${unit}，预算执行进度${figBeside(value, edges)}%` };
    }
    // 执行率 ÷ (N ÷ 期数) × 100, as one fraction: spent × 期数 × 100 ÷ (budget × N).
    const value = spent.times(Exact.int(ctx.length)).times(HUNDRED).div(budget!.times(Exact.int(ctx.through)));
    return { value, said: `${head}，年初预算数${fig(budget!)}${unit}，执行率${fig(rate)}%，序时进度${fig(share)}%，预算执行进度${figBeside(value, edges)}%` };
  };
  const names: Record<string, Exact> = { 预算数: budget ?? ZERO, 执行数: spent, 序时执行数: plan ?? (budget ?? ZERO).times(Exact.int(ctx.through)).div(Exact.int(ctx.length)), 月数: Exact.int(ctx.through), 期数: Exact.int(ctx.length) };
  let hit: LevelBand | undefined;
  let got: { value: Exact; said: string } | null = null;
  let last: Exact | undefined;
  for (const b of rule.bands) {
    if (b.formula) {
      const v = formulaValue(ctx, b.formula, names, [...path, 'spent']);
      if (v === undefined) return null;
      got = { value: v, said: `${head}，${b.formula.text}为${figBeside(v, b.edges)}` };
    } else {
      got = progressOf(b.edges);
      if (got === null) return null;
      out.progress = figBeside(got.value, b.edges);
    }
    last = got.value;
    if (b.test(got.value)) {
      hit = b;
      break;
    }
  }
  if (!hit || !got) {
    ctx.issues.push(makeIssue('no_band_matched', { label: '预算执行进度', value: last === undefined ? '' : fig(last) }, { path: [...path, 'spent'] }));
    return null;
  }
  const said = got.said;
  out.level = hit.level;
  out.levelName = ctx.rubric.levels.find((l) => l.level === hit.level)?.name ?? hit.level;
  out.rule = rule.id;
  out.reason = `${said}，${out.levelName}`;
  return out;
}

/** A band's formula over the row's (or the funds') named figures; a division by zero or an overflow is an issue. */
function formulaValue(ctx: Ctx, f: CompiledFormula, names: Record<string, Exact>, path: Path): Exact | undefined {
  try {
    return evalNumber(f, (n) => names[n]!);
  } catch (e) {
    if (!(e instanceof FormulaRuntimeError)) throw e;
    ctx.issues.push(makeIssue(e.kind === 'division_by_zero' ? 'division_by_zero' : e.kind === 'overflow' ? 'number_overflow' : 'formula_argument', { formula: f.text, ...(e.divisor ? { detail: `${e.divisor}为 0` } : {}), ...(e.argument ? { column: e.argument.column, detail: e.argument.detail, detailEn: e.argument.detailEn } : {}) }, { path }));
    return undefined;
  }
}

