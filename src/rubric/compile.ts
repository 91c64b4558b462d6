import { Decimal, toPlain } from '../decimal.js';
import { Exact } from '../exact.js';
import { compileFormula, type CompiledFormula, type FormulaProblem } from '../formula/compile.js';
import type { ValueType } from '../formula/ast.js';
import { inferUnit, isMoney, type InferredUnit } from '../formula/units.js';
import { makeIssue, type Issue, type IssueCode } from '../issues/issue.js';
import { maxOffGrid, onGrid as onScoreGrid } from '../issues/grid.js';
import { ruleImpl, type RuleKind } from '../rules/index.js';
import { pts } from '../rules/common.js';
import type { NameInfo, Path, RuleCompileContext, Scorer } from '../rules/types.js';
import type { IndicatorDocument } from './schema.js';
import type { ResolvedDocument } from './resolve.js';
import { fingerprintOf } from './fingerprint.js';
import { compilePlan } from './plan.js';
import type { Indicator, InputInfo, MetricInfo, NotApplicablePolicy, Rubric, VetoInfo } from './types.js';
import { rowMethods } from '../project/schema.js';

export interface CompileOptions {
  maxFormulaLength?: number;
}

/** By default, one evaluation may remove at most this share of the sheet's max as 不适用. */
const NA_LIMIT_SHARE = new Decimal('0.5');

/** Rule kinds that can score a 扣分项: points per occurrence, a formula, or a person's word. */
const PENALTY_KINDS: readonly RuleKind[] = ['count', 'formula', 'judgement'];

/** Check the meaning of a schema-valid document and compile every formula and rule. */
export function compileRubric(doc: ResolvedDocument, opts: CompileOptions = {}): { rubric?: Rubric; issues: Issue[] } {
  const issues: Issue[] = [];
  const issue = (code: IssueCode, params: Record<string, string | number | undefined>, path: Path, extra: { indicator?: string; severity?: 'error' | 'warning' } = {}) =>
    issues.push(makeIssue(code, params, { path, ...extra }));

  // Inputs
  const inputs = new Map<string, InputInfo>();
  for (const [name, d] of Object.entries(doc.inputs ?? {})) {
    let min = d.min;
    if (d.type === 'count') {
      if (min === undefined || min.lt(0)) min = new Decimal(0);
      if (!min.isInteger()) issue('invalid_value', { expected: '整数', expectedEn: 'a whole number', received: min.toFixed() }, ['inputs', name, 'min']);
    }
    if (min !== undefined && d.max !== undefined && min.gt(d.max))
      issue('invalid_value', { expected: `不小于 min（${min.toFixed()}）的数`, expectedEn: `a number ≥ min (${min.toFixed()})`, received: d.max.toFixed() }, ['inputs', name, 'max']);
    const info: InputInfo = {
      name,
      type: d.type,
      unit: d.type === 'percent' ? '%' : (d.unit ?? ''),
      label: d.label ?? name,
      optional: d.optional ?? false,
    };
    if (d.type === 'percent' && d.unit !== undefined && d.unit !== '%' && d.unit !== '％')
      issue('unit_mismatch', { unit: d.unit, expected: '%', name }, ['inputs', name, 'unit']);
    if (min !== undefined) info.min = min;
    if (d.max !== undefined) info.max = d.max;
    if (d.description !== undefined) info.description = d.description;
    inputs.set(name, info);
  }

  // Metrics
  const metricDocs = Object.entries(doc.metrics ?? {}).map(([name, m]) =>
    typeof m === 'string' ? { name, formula: m } : { name, ...m },
  );
  const metricNames = new Set(metricDocs.map((m) => m.name));
  for (const name of metricNames) if (inputs.has(name)) issue('name_conflict', { name }, ['metrics', name]);
  const known = (n: string) => inputs.has(n) || metricNames.has(n);
  const limit = opts.maxFormulaLength;

  const reportFormula = (p: FormulaProblem, text: string, path: Path, indicator?: string) => {
    const extra = indicator ? { indicator } : {};
    switch (p.code) {
      case 'formula_syntax':
        return issue('formula_syntax', { formula: text, column: p.column, detail: p.detail, detailEn: p.detailEn }, path, extra);
      case 'formula_type':
        return issue('formula_type', { formula: text, detail: p.detail, detailEn: p.detailEn }, path, extra);
      case 'formula_argument':
        return issue('formula_argument', { formula: text, column: p.column, detail: p.detail, detailEn: p.detailEn }, path, extra);
      case 'unknown_name':
        return issue('unknown_name', { name: p.name, formula: text }, path, extra);
      case 'formula_too_complex':
        return issue('formula_too_complex', { formula: text.slice(0, 40) + (text.length > 40 ? '…' : ''), limit: p.limit }, path, extra);
    }
  };
  const formula = (text: string, path: Path, expect: ValueType | undefined, indicator?: string) => {
    const r = compileFormula(text, known, limit === undefined ? { ...(expect ? { expect } : {}) } : { maxLength: limit, ...(expect ? { expect } : {}) });
    if (!r.ok) {
      reportFormula(r.problem, text, path, indicator);
      return undefined;
    }
    return r.formula;
  };

  const formulaUnits = new Map<CompiledFormula, InferredUnit>();
  /** Units of names, as declared; metrics without a declared unit get their inferred one below. */
  const nameUnits = new Map<string, InferredUnit>();
  for (const [name, i] of inputs) nameUnits.set(name, i.unit);
  const unitCheck = (f: CompiledFormula, path: Path, indicator?: string): InferredUnit => {
    const r = inferUnit(f.ast, (n) => nameUnits.get(n) ?? '');
    if (r.clash) issue('unit_mismatch', { formula: f.text, unit: r.clash.left, expected: r.clash.right, name: f.text }, path, indicator ? { indicator } : {});
    const unit = f.bareName !== undefined ? (nameUnits.get(f.bareName) ?? '') : r.unit;
    formulaUnits.set(f, unit);
    return unit;
  };

  const compiledMetrics = new Map<string, MetricInfo>();
  for (const m of metricDocs) {
    const f = formula(m.formula, ['metrics', m.name, ...(typeof (doc.metrics ?? {})[m.name] === 'string' ? [] : ['formula'])], 'number');
    if (!f) continue;
    const info: MetricInfo = { name: m.name, label: m.label ?? m.name, unit: m.unit === '％' ? '%' : (m.unit ?? ''), formula: f };
    if (m.description !== undefined) info.description = m.description;
    if ('round' in m && m.round !== undefined) info.round = m.round;
    compiledMetrics.set(m.name, info);
  }
  // Order metrics so each follows what it reads; report cycles. Iterative, so a long chain of
  // metrics cannot exhaust the stack.
  const ordered = new Map<string, MetricInfo>();
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of compiledMetrics.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, 'visiting');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const refs = compiledMetrics.get(top.name)!.formula.refs;
      if (top.next < refs.length) {
        const r = refs[top.next++]!;
        if (!compiledMetrics.has(r)) continue;
        const st = state.get(r);
        if (st === 'visiting') {
          const names = stack.map((f) => f.name);
          issue('metric_cycle', { cycle: [...names.slice(names.indexOf(r)), r].join(' → ') }, ['metrics', r]);
        } else if (st === undefined) {
          state.set(r, 'visiting');
          stack.push({ name: r, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.name, 'done');
      ordered.set(top.name, compiledMetrics.get(top.name)!);
    }
  }

  // Units of metrics, in dependency order: declared, else inferred from the formula.
  for (const m of ordered.values()) {
    const path = ['metrics', m.name, ...(typeof (doc.metrics ?? {})[m.name] === 'string' ? [] : ['formula'])];
    const inferred = unitCheck(m.formula, path);
    // A metric declared in 万元 whose formula adds figures in 元 would be off by 10,000.
    if (isMoney(m.unit) && isMoney(inferred) && m.unit !== inferred)
      issue('unit_mismatch', { unit: m.unit, expected: inferred, name: m.name }, ['metrics', m.name, ...(typeof (doc.metrics ?? {})[m.name] === 'string' ? [] : ['unit'])]);
    if (m.unit === '' && inferred) m.unit = inferred;
    nameUnits.set(m.name, m.unit === '' ? inferred : m.unit);
  }

  const info = (name: string): NameInfo | undefined => {
    const i = inputs.get(name);
    if (i) return { name, label: i.label, unit: i.unit, source: 'input', type: i.type };
    const m = compiledMetrics.get(name);
    if (m) return { name, label: m.label, unit: m.unit, source: 'metric', type: m.unit === '%' ? 'percent' : 'number' };
    return undefined;
  };

  // Grades
  const grades = (doc.grades ?? []).map((g) => ({ grade: g.grade, min: g.min }));
  grades.forEach((g, i) => {
    const prev = grades[i - 1];
    if (prev && !g.min.lt(prev.min))
      issue('grade_scale_invalid', { detail: `“${g.grade}”的下限 ${g.min.toFixed()} 应低于上一等次“${prev.grade}”的下限 ${prev.min.toFixed()}（从高到低排列）`, detailEn: `grades must be listed highest first with decreasing min` }, ['grades', i, 'min']);
    if (grades.findIndex((o) => o.grade === g.grade) !== i)
      issue('grade_scale_invalid', { detail: `等次“${g.grade}”重复`, detailEn: `grade "${g.grade}" is listed twice` }, ['grades', i, 'grade']);
  });
  const last = grades[grades.length - 1];
  if (last && last.min.gt(0))
    issue('grade_scale_invalid', { detail: `最低等次“${last.grade}”的下限应为 0，否则低于 ${last.min.toFixed()} 分的总分没有等次`, detailEn: `the lowest grade's min must be 0` }, ['grades', grades.length - 1, 'min']);

  // How rows are scored: the 档 of 定性 rows must be in order.
  const levels = doc.project?.levels;
  if (levels && (levels.partly.gt(levels.achieved) || levels.achieved.gt(100)))
    issue('rule_invalid', { detail: `定性指标各档下限应为 0–100 的百分比，“部分达成”（${levels.partly.toFixed()}%）不高于“达成”（${levels.achieved.toFixed()}%）`, detailEn: 'level edges are percentages from 0 to 100, 部分达成 not above 达成' }, ['project', 'levels']);
  if (doc.project?.overAchievement?.lt(100))
    issue('rule_invalid', { detail: '偏离度提示的百分比应不低于 100', detailEn: 'overAchievement is a percentage of at least 100' }, ['project', 'overAchievement']);

  // A score the sheet can write: a cap of 0.6 at precision 0 could never be a total.
  const onGrid = (x: Decimal | undefined, at: Path, extra?: { indicator: string }) => {
    const places = doc.precision ?? 2;
    if (x !== undefined && !onScoreGrid(x, places)) issue('invalid_value', maxOffGrid(places, x.toFixed()), at, extra);
  };
  onGrid(doc.maxTotal, ['maxTotal']);

  // Vetoes
  const vetoes: VetoInfo[] = [];
  (doc.vetoes ?? []).forEach((v, i) => {
    if ((doc.vetoes ?? []).findIndex((o) => o.id === v.id) !== i) issue('duplicate_id', { id: v.id }, ['vetoes', i, 'id']);
    const effects = (['grade', 'maxTotal', 'fail'] as const).filter((k) => v[k] !== undefined);
    if (effects.length !== 1)
      issue('rule_invalid', { detail: `一票否决“${v.name}”须写明且只写一种后果：grade（限定等次）、maxTotal（限定总分）或 fail（不合格）`, detailEn: `veto "${v.name}" needs exactly one effect: grade, maxTotal or fail` }, ['vetoes', i]);
    if (v.grade !== undefined && !grades.some((g) => g.grade === v.grade))
      issue('invalid_value', { expected: `已定义的等次（${grades.map((g) => g.grade).join('、') || '无'}）`, expectedEn: 'a grade defined in grades', received: v.grade }, ['vetoes', i, 'grade']);
    const info: VetoInfo = { id: v.id, name: v.name };
    if (v.grade !== undefined) info.grade = v.grade;
    onGrid(v.maxTotal, ['vetoes', i, 'maxTotal']);
    if (v.maxTotal !== undefined) info.maxTotal = v.maxTotal;
    if (v.fail !== undefined) info.fail = v.fail === true ? '不合格' : v.fail;
    if (v.when !== undefined) {
      const f = formula(v.when, ['vetoes', i, 'when'], 'boolean');
      if (f) info.when = f;
    }
    vetoes.push(info);
  });

  // Indicators
  const byId = new Map<string, Indicator>();
  // Every id, with the path of the indicator that took it first: claimed before the children are
  // built, so a child that repeats its parent's (or any earlier) id is the one reported.
  const firstAt = new Map<string, string>();
  const rubricPolicy: NotApplicablePolicy = doc.notApplicable ?? 'forbidden';
  const build = (d: IndicatorDocument, docPath: Path, parentPath: string, parentRole: Indicator['role'], parentPolicy: NotApplicablePolicy, parent?: IndicatorDocument): Indicator | undefined => {
    const id = d.id ?? d.name;
    const naPolicy: NotApplicablePolicy = d.notApplicable ?? parentPolicy;
    if (d.bonus && d.penalty) issue('rule_invalid', { detail: '一个指标不能既是加分项（bonus）又是扣分项（penalty）', detailEn: 'an indicator cannot be both bonus and penalty' }, [...docPath, 'penalty'], { indicator: parentPath ? `${parentPath}.${id}` : id });
    const role: Indicator['role'] = d.penalty ? 'penalty' : d.bonus ? 'bonus' : parentRole;
    const path = parentPath ? `${parentPath}.${id}` : id;
    const extra = { indicator: path };
    const hasChildren = d.children !== undefined;
    const first = firstAt.get(id);
    if (first !== undefined) issue('duplicate_id', { id, first }, [...docPath, d.id !== undefined ? 'id' : 'name'], extra);
    else firstAt.set(id, path);
    // Full marks must be a score the sheet can write: a max of 2.5 at precision 0 would round to 3.
    onGrid(d.max, [...docPath, 'max'], extra);
    if (hasChildren && d.rule) issue('rule_and_children', {}, [...docPath, 'rule'], extra);
    if (d.rows && (hasChildren || d.rule))
      issue('rule_invalid', { detail: '逐行指标（rows）由评价数据提供末级指标，不能同时有 rule 或 children', detailEn: 'a rows section gets its leaves from the evaluation; it cannot also have a rule or children' }, [...docPath, 'rows'], extra);
    if (d.rows && role !== 'base')
      issue('rule_invalid', { detail: '逐行指标（rows）不能是加分项或扣分项', detailEn: 'a rows section cannot be a bonus or penalty item' }, [...docPath, 'rows'], extra);
    if (!hasChildren && !d.rule && !d.rows) issue('leaf_without_rule', {}, docPath, extra);
    const invalid = (detail: string, detailEn: string, at: string) => issue('rule_invalid', { detail, detailEn }, [...docPath, at], extra);
    onGrid(d.cap, [...docPath, 'cap'], extra);
    if (d.cap !== undefined && role === 'base') invalid('cap 只用于加分项（bonus）或扣分项（penalty）：最多加（扣）多少分', 'cap is for a bonus or penalty item only', 'cap');
    if (d.cap !== undefined && d.cap.gte(d.max)) invalid(`cap（${pts(d.cap)}分）不小于本项分值（${pts(d.max)}分），不起作用；上限就是分值时不写 cap`, `cap (${pts(d.cap)}) is not below the max (${pts(d.max)}): it does nothing`, 'cap');
    if (d.combine === 'weighted' && !hasChildren) invalid('combine: weighted 用于有下级指标的指标', 'combine: weighted needs children', 'combine');
    if (d.pool && !hasChildren) invalid('pool（可选项）用于有下级指标的指标', 'a pool needs children', 'pool');
    if (d.pool && d.combine === 'weighted') invalid('一个指标不能既是可选项（pool）又按权重折合（combine: weighted）', 'an indicator cannot be both a pool and weighted', 'pool');
    if (d.pool?.pick !== undefined && hasChildren && d.pool.pick > d.children!.length)
      invalid(`须选 ${d.pool.pick} 项，但只有 ${d.children!.length} 个下级指标`, `pick ${d.pool.pick} of only ${d.children!.length} children`, 'pool');
    if (d.weight !== undefined && parent?.combine !== 'weighted') invalid('weight 只用于 combine: weighted 的上级指标之下', 'weight is for a child of a combine: weighted parent', 'weight');
    if (parent?.combine === 'weighted' && d.weight === undefined) invalid('上级指标按权重折合（combine: weighted），每个下级指标都要有 weight', 'every child of a weighted parent needs a weight', 'weight');
    // Their children are scaled to a share: a 加分项 or 扣分项 anywhere below would be scaled with them.
    const extraBelow = (x: IndicatorDocument): boolean => (x.children ?? []).some((c) => c.bonus || c.penalty || extraBelow(c));
    if ((d.pool || d.combine === 'weighted') && extraBelow(d)) invalid('可选项和按权重折合的指标之下不能有加分项或扣分项', 'no bonus or penalty items under a pool or weighted parent', 'children');
    let children: Indicator[] = [];
    let scorer: Scorer | undefined;
    const refs: string[] = [];
    if (hasChildren) {
      const built = d.children!.map((c, i) => build(c, [...docPath, 'children', i], path, role, naPolicy, d));
      children = built.filter((c): c is Indicator => c !== undefined);
      const sum = children.filter((c) => c.role === role).reduce((a, c) => a.plus(c.max), new Decimal(0));
      // A pool's children and a weighted block's are on their own scales: their maxima need not add up.
      if (children.length === built.length && !d.pool && d.combine !== 'weighted' && !sum.eq(d.max))
        issue('children_max_mismatch', { sum: pts(sum), max: pts(d.max) }, [...docPath, 'max'], extra);
    } else if (d.rule) {
      const rulePath = [...docPath, 'rule'];
      if (role === 'penalty' && !PENALTY_KINDS.includes(d.rule.kind))
        issue('rule_invalid', { detail: `扣分项只能用 ${PENALTY_KINDS.join('、')} 规则计分`, detailEn: `a penalty item is scored with ${PENALTY_KINDS.join(', ')} only` }, [...docPath, 'rule', 'kind'], extra);
      const ctx: RuleCompileContext = {
        max: d.max,
        role,
        indicator: { id, name: d.name, path },
        formula(text, at, expect) {
          const f = formula(text, [...rulePath, ...at], expect, path);
          if (f) {
            for (const r of f.refs) if (!refs.includes(r)) refs.push(r);
            unitCheck(f, [...rulePath, ...at], path);
          }
          return f;
        },
        issue(code, params, at = [], severity) {
          issue(code, params, [...rulePath, ...at], { ...extra, ...(severity ? { severity } : {}) });
        },
        info,
        unitOf: (f) => formulaUnits.get(f),
      };
      scorer = ruleImpl(d.rule.kind).compile(d.rule as never, ctx);
    }
    let weight: Indicator['weight'];
    if (d.weight !== undefined) {
      if (typeof d.weight === 'string') {
        const f = formula(d.weight, [...docPath, 'weight'], 'number', path);
        if (f) {
          weight = { formula: f };
          for (const r of f.refs) if (!refs.includes(r)) refs.push(r);
        }
      } else if (d.weight.isNegative()) invalid('权重不能为负', 'a weight cannot be negative', 'weight');
      else weight = { value: d.weight };
    }
    const node: Indicator = {
      id,
      name: d.name,
      path,
      max: d.max,
      maxExact: Exact.fromDecimal(d.max),
      maxText: toPlain(d.max),
      bonus: role === 'bonus',
      role,
      ...(d.standard !== undefined ? { standard: d.standard } : {}),
      ...(d.description !== undefined ? { description: d.description } : {}),
      ...(d.rule ? { rule: d.rule, kind: d.rule.kind } : {}),
      refs,
      children,
      ...(d.rows && !hasChildren && !d.rule ? { rows: { weights: d.rows.weights ?? 'exact', empty: d.rows.empty ?? 'forbidden', emptyTarget: d.rows.emptyTarget ?? 'forbidden', method: d.rows.method ?? 'target' } } : {}),
      notApplicable: naPolicy,
      ...(d.cap !== undefined ? { cap: d.cap } : {}),
      combine: d.combine ?? 'sum',
      ...(weight ? { weight } : {}),
      ...(d.pool ? { pool: { ...(d.pool.pick !== undefined ? { pick: d.pool.pick } : {}), split: d.pool.split ?? 'weights' } } : {}),
      docPath,
      ...(scorer ? { scorer } : {}),
    };
    if (first === undefined) byId.set(id, node);
    return node;
  };
  const indicators = doc.indicators.map((d, i) => build(d, ['indicators', i], '', 'base', rubricPolicy)).filter((n): n is Indicator => n !== undefined);
  const max = indicators.filter((n) => n.role === 'base').reduce((a, n) => a.plus(n.max), new Decimal(0));

  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) return { issues };
  const compiled: Omit<Rubric, 'plan'> = {
    id: doc.id,
    name: doc.name,
    ...(doc.version !== undefined ? { version: doc.version } : {}),
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    ...(doc.source !== undefined ? { source: doc.source } : {}),
    precision: doc.precision ?? 2,
    rounding: doc.rounding ?? 'half-up',
    notApplicable: rubricPolicy,
    notApplicableLimit: doc.notApplicableLimit ?? max.times(NA_LIMIT_SHARE),
    ...(doc.maxTotal !== undefined ? { maxTotal: doc.maxTotal } : {}),
    project: rowMethods({ precision: doc.precision ?? 2, rounding: doc.rounding ?? 'half-up' }, doc.project),
    max,
    grades,
    inputs,
    metrics: ordered,
    vetoes,
    indicators,
    byId,
    warnings: issues.filter((i) => i.severity === 'warning'),
    fingerprint: fingerprintOf(doc),
    document: doc,
    formulaUnits,
  };
  const rubric: Rubric = { ...compiled, plan: compilePlan(compiled) };
  return { rubric, issues };
}
