import { Exact } from '../exact.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { badArgument, neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { closest, fromZod } from '../issues/zod.js';
import { rowTargetText } from '../project/rows.js';
import { readProjectTarget } from '../project/target.js';
import { fig, figBeside } from '../rules/common.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { snapshotPlainData } from '../source/plain.js';
import { figureAt, holds, planTo, type Ctx, type Path } from './context.js';
import { fundsOf } from './funds.js';
import { bandLevel, edgesOf, routesOf } from './level.js';
import type { DepartmentMonitoringResult, MonitoredRow, MonitoringResult, MonitorOptions } from './result.js';
import type { MonitoringRubric } from './rubric.js';
import { monitorDepartmentSchema, monitorProjectSchema, monitorRowSchema } from './schema.js';

export type { DepartmentMonitoringResult, MonitoredFunds, MonitoredRow, MonitoringResult, MonitorOptions } from './result.js';

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
