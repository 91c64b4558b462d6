import { bundledRubricIds, safeLoadBundledRubric } from '../bundled.js';
import { Exact } from '../exact.js';
import { RubricError, type SafeResult } from '../issues/errors.js';
import { neverThrows } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { fromZod } from '../issues/zod.js';
import { exactContains, parseInterval } from '../rules/interval.js';
import { readDocument, locateIssues } from '../source/document.js';
import { DEFAULT_LIMITS } from '../source/limits.js';
import { fingerprintOf } from '../rubric/fingerprint.js';
import { compileFormula, type CompiledFormula, type FormulaProblem } from '../formula/compile.js';
import { BUDGET_NAMES, MONITOR_VALUES, monitoringRubricSchema, ROUTES, ROW_NAMES, type LevelRule, type MonitoringDocument, type MonitorValue, type Route } from './schema.js';
import projectMonitoring from '../../rubrics/project-monitoring.yaml';
import departmentMonitoring from '../../rubrics/department-monitoring.yaml';

/** The monitoring rubrics shipped with jixiao, by id. */
const BUNDLED: Record<string, string> = { 'project-monitoring': projectMonitoring, 'department-monitoring': departmentMonitoring };

/** Ids of the bundled monitoring rubrics. */
export const bundledMonitoringIds: readonly string[] = Object.freeze(Object.keys(BUNDLED));

/** The YAML text of a bundled monitoring rubric, or undefined. */
export function bundledMonitoringSource(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUNDLED, id) ? BUNDLED[id] : undefined;
}

/** One band of a level rule, compiled: its test and the edges a figure is printed apart from. */
export interface LevelBand {
  value: MonitorValue;
  /** The formula, where the band reads one instead of a named figure. */
  formula?: CompiledFormula;
  test: (v: Exact) => boolean;
  level: string;
  when: string;
  edges: Exact[];
}

export type CompiledLevelRule =
  | { id: string; kind: 'bands'; value: MonitorValue; bands: LevelBand[]; cite?: string }
  | { id: string; kind: 'compare'; pass: string; fail: string; cite?: string }
  | { id: string; kind: 'qualitative'; levels: { 达成: string; 部分达成: string; 未达成: string }; cite?: string };

/** A monitoring rubric, compiled: every band parsed once, every level and rule resolved. */
export interface MonitoringRubric {
  readonly kind: 'monitoring';
  readonly id: string;
  readonly name: string;
  readonly version?: string;
  readonly fingerprint: string;
  readonly evaluation?: string;
  /** The row sections of the `evaluation` rubric (产出指标, 效益指标, 满意度指标): the sections a monitored project may have. */
  readonly sections?: readonly string[];
  readonly period: { length: number; unit: string };
  readonly schedule: 'linear' | 'plan' | 'either';
  /** Levels, most severe first. */
  readonly levels: readonly { level: string; name: string; description?: string }[];
  /** The order a project's level is chosen in: the first level in it that a row has. */
  readonly order: readonly string[];
  readonly rules: ReadonlyMap<string, CompiledLevelRule>;
  readonly targets: Partial<Record<Route, string>>;
  readonly budget?: string;
  readonly zeroBudget: 'zero_rate' | 'refuse';
  readonly budgetInLevel: boolean;
  readonly projection: { quantity: 'linear' | 'to_date' | 'required'; rate: 'linear' | 'to_date' | 'required' };
  readonly department: boolean;
  readonly document: MonitoringDocument;
}

export interface MonitoringLoadOptions {
  /** The file name the issues name. */
  file?: string;
}

/** Whether a parsed document is a monitoring rubric (it has `monitoring`, or extends a bundled one). */
export function isMonitoringDocument(doc: unknown): boolean {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return 'monitoring' in d || (typeof d.extends === 'string' && bundledMonitoringSource(d.extends) !== undefined);
}

/**
 * Load a monitoring rubric (YAML or JSON text, or a bundled id's text) without throwing: its
 * schema, its `extends` (a bundled monitoring rubric), every band's edges, every level and rule
 * it names. Errors are issues with their line and column.
 * @example const r = safeLoadMonitoringRubric(bundledMonitoringSource('project-monitoring')!);
 */
export function safeLoadMonitoringRubric(source: string | Uint8Array, opts: MonitoringLoadOptions = {}): SafeResult<MonitoringRubric> {
  return neverThrows('safeLoadMonitoringRubric', () => load(source, opts.file, 0));
}

/** As {@link safeLoadMonitoringRubric}, throwing {@link RubricError}. */
export function loadMonitoringRubric(source: string | Uint8Array, opts: MonitoringLoadOptions = {}): MonitoringRubric {
  const r = safeLoadMonitoringRubric(source, opts);
  if (!r.success) throw new RubricError(r.issues);
  return r.value;
}

/** A bundled monitoring rubric by id. */
export function safeLoadBundledMonitoring(id: string): SafeResult<MonitoringRubric> {
  const text = typeof id === 'string' ? bundledMonitoringSource(id) : undefined;
  if (text === undefined) return { success: false, issues: [makeIssue('unknown_bundled_rubric', { id: String(id).slice(0, 60), ids: bundledMonitoringIds.join('、') })] };
  return safeLoadMonitoringRubric(text, { file: `rubrics/${id}.yaml` });
}

/** A bundled monitoring rubric by id; throws {@link RubricError}. */
export function loadBundledMonitoring(id: string): MonitoringRubric {
  const r = safeLoadBundledMonitoring(id);
  if (!r.success) throw new RubricError(r.issues);
  return r.value;
}

function load(source: string | Uint8Array, file: string | undefined, depth: number): SafeResult<MonitoringRubric> {
  const read = readDocument(source, DEFAULT_LIMITS, file);
  if (!read.ok) return { success: false, issues: read.issues };
  const parsed = monitoringRubricSchema.safeParse(read.doc.value);
  if (!parsed.success) return { success: false, issues: locateIssues(fromZod(parsed.error.issues, read.doc.value), read.doc) };
  let doc = parsed.data;
  if (doc.extends !== undefined) {
    const parentText = bundledMonitoringSource(doc.extends);
    if (parentText === undefined || depth > 4) return { success: false, issues: locateIssues([makeIssue('extends_not_found', { ref: doc.extends }, { path: ['extends'] })], read.doc) };
    const parent = load(parentText, `rubrics/${doc.extends}.yaml`, depth + 1);
    if (!parent.success) return parent;
    const p = parent.value.document;
    // A variant overrides the parent's settings one by one; its rules add to or replace the parent's by id.
    const monitoring = { ...p.monitoring, ...doc.monitoring, rules: { ...p.monitoring?.rules, ...doc.monitoring?.rules }, targets: { ...p.monitoring?.targets, ...doc.monitoring?.targets } };
    doc = { ...p, ...doc, monitoring };
    delete doc.extends;
  }
  const issues = locateIssues(check(doc), read.doc);
  if (issues.length) return { success: false, issues };
  return { success: true, value: compile(doc, fingerprintOf(read.doc.value)), warnings: [] };
}

function check(doc: MonitoringDocument): Issue[] {
  const issues: Issue[] = [];
  const m = doc.monitoring;
  if (!m || !m.levels || !m.rules || !m.targets) {
    issues.push(makeIssue('missing_key', { key: !m ? 'monitoring' : !m.levels ? 'monitoring.levels' : !m.rules ? 'monitoring.rules' : 'monitoring.targets' }, { path: ['monitoring'] }));
    return issues;
  }
  if (doc.evaluation !== undefined && !safeLoadBundledRubric(doc.evaluation).success) issues.push(makeIssue('unknown_bundled_rubric', { id: doc.evaluation, ids: bundledRubricIds.join('、') }, { path: ['evaluation'] }));
  const levels = m.levels.map((l) => l.level);
  const seen = new Set<string>();
  m.levels.forEach((l, i) => {
    if (seen.has(l.level)) issues.push(makeIssue('duplicate_id', { id: l.level }, { path: ['monitoring', 'levels', i, 'level'] }));
    seen.add(l.level);
  });
  const level = (name: string, path: (string | number)[]) => {
    if (!seen.has(name)) issues.push(makeIssue('monitor_unknown_level', { level: name, levels: levels.join('、') }, { path }));
  };
  for (const [id, r] of Object.entries(m.rules)) {
    const at = ['monitoring', 'rules', id];
    if (r.kind === 'bands') {
      const side = sideOf(r.value, [...at, 'value'], issues);
      r.bands.forEach((b, i) => {
        if (!parseInterval(b.when)) issues.push(makeIssue('band_syntax', { text: b.when }, { path: [...at, 'bands', i, 'when'] }));
        level(b.level, [...at, 'bands', i, 'level']);
        const k = b.value === undefined ? side : sideOf(b.value, [...at, 'bands', i, 'value'], issues);
        if (k !== undefined && side !== undefined && k !== side) issues.push(makeIssue('rule_invalid', { detail: '预算执行的规则只能读取预算的数值（budget、预算数、执行数），指标行的规则只能读取指标行的数值' }, { path: [...at, 'bands', i, 'value'] }));
      });
    } else if (r.kind === 'compare') {
      level(r.pass, [...at, 'pass']);
      level(r.fail, [...at, 'fail']);
    } else for (const k of ['达成', '部分达成', '未达成'] as const) level(r.levels[k], [...at, 'levels', k]);
  }
  const rules = Object.keys(m.rules);
  const rule = (id: string, path: (string | number)[]) => {
    if (!Object.prototype.hasOwnProperty.call(m.rules, id)) {
      issues.push(makeIssue('monitor_unknown_rule', { rule: id, rules: rules.join('、') }, { path }));
      return undefined;
    }
    return m.rules![id]!;
  };
  for (const route of ROUTES) {
    const id = m.targets[route];
    if (id === undefined) continue;
    const r = rule(id, ['monitoring', 'targets', route]);
    if (r && r.kind === 'bands' && sideOf(r.value, [], []) === 'budget') issues.push(makeIssue('rule_invalid', { detail: `指标行（${route}）不能使用预算执行的规则“${id}”` }, { path: ['monitoring', 'targets', route] }));
  }
  if (m.budget !== undefined) {
    const r = rule(m.budget, ['monitoring', 'budget']);
    if (r && !(r.kind === 'bands' && sideOf(r.value, [], []) === 'budget')) issues.push(makeIssue('rule_invalid', { detail: `预算执行的规则“${m.budget}”须为 kind: bands，读取预算的数值（value: budget，或预算数、执行数的公式）` }, { path: ['monitoring', 'budget'] }));
  }
  if (m.combine && m.combine !== 'worst') m.combine.order.forEach((l, i) => level(l, ['monitoring', 'combine', 'order', i]));
  return issues;
}

function compile(doc: MonitoringDocument, fingerprint: string): MonitoringRubric {
  const m = doc.monitoring!;
  const year = doc.evaluation === undefined ? undefined : safeLoadBundledRubric(doc.evaluation);
  const sections = year?.success ? [...year.value.byId.values()].filter((n) => n.rows).map((n) => n.id) : undefined;
  const levels = m.levels!.map((l) => ({ level: l.level, name: l.name ?? l.level, ...(l.description !== undefined ? { description: l.description } : {}) }));
  const rules = new Map<string, CompiledLevelRule>();
  for (const [id, r] of Object.entries(m.rules!)) rules.set(id, compileRule(id, r));
  const order = m.combine && m.combine !== 'worst' ? [...m.combine.order, ...levels.map((l) => l.level).filter((l) => !m.combine || m.combine === 'worst' || !m.combine.order.includes(l))] : levels.map((l) => l.level);
  return {
    kind: 'monitoring',
    id: doc.id,
    name: doc.name,
    ...(doc.version !== undefined ? { version: doc.version } : {}),
    fingerprint,
    ...(doc.evaluation !== undefined ? { evaluation: doc.evaluation } : {}),
    ...(sections ? { sections } : {}),
    period: m.period ?? { length: 12, unit: '月' },
    schedule: m.schedule ?? 'linear',
    levels,
    order,
    rules,
    targets: m.targets!,
    ...(m.budget !== undefined ? { budget: m.budget } : {}),
    zeroBudget: m.zeroBudget ?? 'zero_rate',
    budgetInLevel: m.budgetInLevel ?? false,
    projection: { quantity: m.projection?.quantity ?? 'linear', rate: m.projection?.rate ?? 'to_date' },
    department: m.department !== undefined,
    document: doc,
  };
}

function compileRule(id: string, r: LevelRule): CompiledLevelRule {
  const cite = r.cite !== undefined ? { cite: r.cite } : {};
  if (r.kind === 'compare') return { id, kind: 'compare', pass: r.pass, fail: r.fail, ...cite };
  if (r.kind === 'qualitative') return { id, kind: 'qualitative', levels: r.levels, ...cite };
  // The edges of every band reading the same figure: a figure is printed on its own side of each.
  const edgesOf = new Map<MonitorValue, Exact[]>();
  const bands = r.bands.map((b) => {
    const iv = parseInterval(b.when)!;
    const value = b.value ?? r.value;
    const edges = edgesOf.get(value) ?? [];
    edgesOf.set(value, edges);
    for (const d of [iv.lo, iv.hi]) if (d !== undefined && !edges.some((e) => e.eq(Exact.fromDecimal(d)))) edges.push(Exact.fromDecimal(d));
    const formula = (MONITOR_VALUES as readonly string[]).includes(value) ? undefined : formulaOf(value);
    return { value, ...(formula ? { formula } : {}), test: exactContains(iv), level: b.level, when: b.when, edges };
  });
  return { id, kind: 'bands', value: r.value, bands, ...cite };
}

const NAMES = new Set<string>([...ROW_NAMES, ...BUDGET_NAMES]);
const BUDGET_ONLY = new Set<string>(['预算数', '执行数', '序时执行数']);

function formulaOf(text: string): CompiledFormula | undefined {
  const r = compileFormula(text, (n) => NAMES.has(n), { expect: 'number' });
  return r.ok ? r.formula : undefined;
}

/** The formula's problem as an issue, as a rubric's formulas are reported. */
function formulaIssue(p: FormulaProblem, text: string, path: (string | number)[]): Issue {
  switch (p.code) {
    case 'formula_syntax':
      return makeIssue('formula_syntax', { formula: text, column: p.column, detail: p.detail, detailEn: p.detailEn }, { path });
    case 'formula_type':
      return makeIssue('formula_type', { formula: text, detail: p.detail, detailEn: p.detailEn }, { path });
    case 'formula_argument':
      return makeIssue('formula_argument', { formula: text, column: p.column, detail: p.detail, detailEn: p.detailEn }, { path });
    case 'unknown_name':
      return makeIssue('unknown_name', { name: p.name, formula: text }, { path });
    case 'formula_too_complex':
      return makeIssue('formula_too_complex', { formula: text.slice(0, 40), limit: p.limit }, { path });
  }
}

/**
 * What a band's figure is about: the funds (`budget`, a formula reading 预算数, 执行数 or 序时执行数)
 * or a row (the other named figures, a formula over 完成值, 年度指标值, 序时进度). A formula that does
 * not compile is an issue at `path`, and has no side.
 */
function sideOf(value: string, path: (string | number)[], issues: Issue[]): 'row' | 'budget' | undefined {
  if (value === 'budget') return 'budget';
  if ((MONITOR_VALUES as readonly string[]).includes(value)) return 'row';
  const r = compileFormula(value, (n) => NAMES.has(n), { expect: 'number' });
  if (!r.ok) {
    issues.push(formulaIssue(r.problem, value, path));
    return undefined;
  }
  const budget = r.formula.refs.some((n) => BUDGET_ONLY.has(n));
  const row = r.formula.refs.some((n) => !BUDGET_ONLY.has(n) && !['月数', '期数'].includes(n));
  if (budget && row) {
    issues.push(makeIssue('rule_invalid', { detail: `公式“${value}”同时读取预算的数值和指标行的数值` }, { path }));
    return undefined;
  }
  return budget ? 'budget' : 'row';
}
