/**
 * The evaluator as it was before the compiled plan (src/evaluate/plan.ts): kept as the oracle the
 * plan is compared with, result for result, byte for byte (tests/plan.test.ts). Not part of the library.
 */
import { Decimal, toPlain } from '../../src/decimal.js';
import { Exact, ZERO } from '../../src/exact.js';
import { evalBoolean, evalNumber, FormulaRuntimeError, type CompiledFormula } from '../../src/formula/compile.js';
import { EvaluationError, type SafeResult } from '../../src/issues/errors.js';
import { makeIssue, type Issue, type IssueCode } from '../../src/issues/issue.js';
import type { Indicator, Rubric } from '../../src/rubric/compile.js';
import { locateIssues, readDocument, type SourceDocument } from '../../src/source/document.js';
import type { Limits } from '../../src/source/limits.js';
import { readOptions } from '../../src/source/options.js';
import { isText } from '../../src/source/read.js';
import { checkRubric } from '../../src/rubric/brand.js';
import type { Outcome, ScoreContext } from '../../src/rules/types.js';
import { pts, withUnit } from '../../src/rules/common.js';
import { validateInput, type EvaluationInput, type ValidInput } from './input.js';
import type { DeductionResult, IndicatorResult, ScoreResult } from '../../src/evaluate/result.js';

export interface EvaluateOptions {
  /** File name for positions when the input is text. */
  file?: string;
  /** Limits for an input given as text. */
  limits?: Partial<Limits>;
}

/** Stops one indicator (or metric) with an issue; caught by the walk so every problem is reported. */
class Stop extends Error {
  constructor(readonly issue: Issue) {
    super(issue.messageEn);
  }
}

/** Stops an indicator that reads a metric whose failure is already reported. */
class AlreadyReported extends Error {}

const METRIC_PLACES = 6;

/**
 * Score an evaluation without throwing.
 * @param rubric a rubric from {@link loadRubric}
 * @param input the evaluation: an object, or its JSON/YAML text (then errors carry line and column)
 * @returns `{ success: true, value: result }` or `{ success: false, issues }`
 * @example
 * const r = safeEvaluate(rubric, { values: { 在职人数: 31, 编制人数: 34 } });
 * if (r.success) console.log(r.value.total, r.value.grade);
 */
export function safeEvaluate(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = {}): SafeResult<ScoreResult> {
  // Never throws, whatever it is given: options, rubric and input are checked first.
  const o = readOptions(opts, { file: 'text', limits: 'limits' });
  if (!o.ok) return { success: false, issues: o.issues };
  const notRubric = checkRubric(rubric);
  if (notRubric) return { success: false, issues: [notRubric] };
  let raw: unknown = input;
  let doc: SourceDocument | undefined;
  if (isText(input)) {
    const read = readDocument(input, o.limits, o.opts.file as string | undefined);
    if (!read.ok) return { success: false, issues: read.issues };
    doc = read.doc;
    raw = doc.value;
  }
  const { input: valid, issues } = validateInput(rubric, raw, o.limits);
  if (!valid) return { success: false, issues: locateIssues(issues, doc) };
  // Scoring goes on over what is valid, so every problem of the input is reported at once.
  const out = score(rubric, valid);
  const all = [...issues, ...out.issues];
  if (all.length || !out.result) return { success: false, issues: inDocumentOrder(locateIssues(all, doc), raw) };
  return { success: true, value: out.result, warnings: locateIssues(out.warnings, doc) };
}

/**
 * Score an evaluation; throws {@link EvaluationError} listing every problem.
 * @example
 * const result = evaluate(rubric, input);
 * result.total // "99"
 * result.grade // "优秀"
 */
export function evaluate(rubric: Rubric, input: EvaluationInput | string | Uint8Array, opts: EvaluateOptions = {}): ScoreResult {
  const r = safeEvaluate(rubric, input, opts);
  if (!r.success) throw new EvaluationError(r.issues);
  return r.value;
}

function score(rubric: Rubric, input: ValidInput): { result?: ScoreResult; issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const metricValues = new Map<string, Exact>();
  const metricState = new Map<string, 'computing' | 'failed'>();
  const runtimeCode = (e: FormulaRuntimeError): IssueCode => (e.kind === 'overflow' ? 'number_overflow' : 'division_by_zero');
  let current: Indicator | undefined;

  /** Where in the input a figure comes from: an input's own entry, or the first input a metric reads. */
  const figurePath = (name: string | undefined): (string | number)[] => {
    const first = name === undefined ? undefined : firstInput(rubric, name);
    return first === undefined ? [] : ['values', first];
  };
  const stop = (code: IssueCode, params: Record<string, string | number | undefined>, path?: (string | number)[]): never => {
    const at = path ?? (current ? figurePath(current.refs[0]) : []);
    throw new Stop(makeIssue(code, params, current ? { path: at, indicator: current.path } : { path: at }));
  };
  const run = <T>(f: () => T, formula: string, detail?: string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof FormulaRuntimeError) stop(runtimeCode(e), { formula: e.formula, detail }, e.divisor !== undefined ? figurePath(e.divisor) : undefined);
      throw e;
    }
  };
  const env = (name: string): Exact => {
    const v = input.values.get(name);
    if (v !== undefined) return v;
    const decl = rubric.inputs.get(name);
    if (decl) {
      if (input.badValues.has(name)) throw new AlreadyReported(name);
      return stop('input_missing', {
        name,
        expected: current ? `数值，指标“${current.path}”需要它` : '数值',
        expectedEn: current ? `a number, needed by "${current.path}"` : 'a number',
      }, ['values', name]);
    }
    const m = metricValues.get(name);
    if (m !== undefined) return m;
    const info = rubric.metrics.get(name)!;
    if (metricState.get(name) === 'failed') throw new AlreadyReported(name);
    metricState.set(name, 'computing');
    const value = run(() => evalNumber(info.formula, env), info.formula.text, `派生指标“${name}”`);
    metricValues.set(name, value);
    metricState.delete(name);
    return value;
  };

  // Which indicators are 不适用 (marked, or under a marked parent).
  const notApplicable = new Set<string>();
  const markNa = (nodes: readonly Indicator[], above: boolean) => {
    for (const n of nodes) {
      const na = above || input.assessments.get(n.id)?.notApplicable === true;
      if (na) notApplicable.add(n.id);
      markNa(n.children, na);
    }
  };
  markNa(rubric.indicators, false);

  // Every metric whose inputs are present is computed, so a division by zero anywhere is reported;
  // except those read only by 不适用 indicators, whose figures may truthfully be 0.
  const metrics: Record<string, string> = {};
  const missing = metricsMissingInputs(rubric, input);
  const onlyNa = notApplicable.size ? metricsReadOnlyBy(rubric, notApplicable) : new Set<string>();
  for (const name of rubric.metrics.keys()) {
    if (missing.has(name) || onlyNa.has(name)) continue;
    try {
      metrics[name] = env(name).round(METRIC_PLACES).toPlain();
    } catch (e) {
      if (e instanceof AlreadyReported) {
        metricState.set(name, 'failed');
        continue;
      }
      if (!(e instanceof Stop)) throw e;
      metricState.set(name, 'failed');
      issues.push({ ...e.issue, path: ['metrics', name] });
    }
  }

  const step = Exact.ratio(1n, 10n ** BigInt(rubric.precision));
  const round = (d: Exact) => d.round(rubric.precision, rubric.rounding);
  const labelOf = (f: CompiledFormula) =>
    f.bareName ? (rubric.inputs.get(f.bareName)?.label ?? rubric.metrics.get(f.bareName)?.label ?? f.bareName) : `“${f.text}”=`;
  const unitOf = (name: string) => rubric.inputs.get(name)?.unit ?? rubric.metrics.get(name)?.unit ?? '';
  const figureText = (name: string) => {
    const v = env(name);
    const label = rubric.inputs.get(name)?.label ?? rubric.metrics.get(name)?.label ?? name;
    return `${label}${withUnit(v, unitOf(name))}`;
  };

  // Subtotals by role, over the leaves: the base part is rescaled, bonus and penalty are not.
  let sumBase = ZERO;
  let sumBonus = ZERO;
  let sumPenalty = ZERO;
  const add = (n: Indicator, score: Exact) => {
    if (n.role === 'bonus') sumBonus = sumBonus.plus(score);
    else if (n.role === 'penalty') sumPenalty = sumPenalty.plus(score);
    else sumBase = sumBase.plus(score);
  };

  const naNode = (n: Indicator, full: boolean, remark: string | undefined): IndicatorResult => {
    // Under a 不适用 parent with `full`, each base child gets its max; a 加分项 or 扣分项 nothing.
    const earns = full && n.role === 'base';
    if (!n.children.length) add(n, earns ? Exact.fromDecimal(n.max) : ZERO);
    const base: IndicatorResult = {
      id: n.id, name: n.name, path: n.path, max: toPlain(n.max), score: earns ? toPlain(n.max) : '0', deductions: [],
      ...(n.kind ? { kind: n.kind } : {}),
      ...(n.standard !== undefined ? { standard: n.standard } : {}),
      ...(remark !== undefined ? { remark } : {}),
      ...(n.role === 'bonus' ? { bonus: true as const } : {}),
      ...(n.role === 'penalty' ? { penalty: true as const } : {}),
      notApplicable: true,
    };
    if (n.children.length) base.children = n.children.map((c) => naNode(c, full, undefined));
    return base;
  };

  type Visited = { result: IndicatorResult; score: Exact };
  const visit = (n: Indicator): Visited | undefined => {
    const a = input.assessments.get(n.id);
    if (notApplicable.has(n.id)) {
      const full = rubric.notApplicable === 'full';
      const result = naNode(n, full, a?.reason);
      return { result, score: full && n.role === 'base' ? n.maxExact : ZERO };
    }
    if (n.children.length) {
      const kids = n.children.map(visit);
      if (kids.some((k) => k === undefined)) return undefined;
      const results = kids as Visited[];
      const total = results.reduce((s, k) => s.plus(k.score), ZERO);
      // A parent lists what its children lost (扣分项 included) and what its 加分项 added.
      const deductions = results.filter((k) => !k.result.bonus || n.role === 'bonus').flatMap((k) => k.result.deductions);
      const additions = results.flatMap((k) => k.result.additions ?? []);
      // Plain literals and assignments in a fixed order: the JSON key order, without spreads.
      const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: total.toPlain(), deductions };
      if (additions.length) result.additions = additions;
      if (a?.reason !== undefined) result.remark = a.reason;
      if (n.role === 'bonus') result.bonus = true;
      if (n.role === 'penalty') result.penalty = true;
      result.children = results.map((k) => k.result);
      return { score: total, result };
    }
    if (input.badAssessments.has(n.id)) return undefined;
    current = n;
    let outcome: Outcome;
    try {
      const ctx: ScoreContext = {
        max: n.maxExact,
        role: n.role,
        indicator: { id: n.id, name: n.name, path: n.path },
        assessment: a,
        num: (f) => run(() => evalNumber(f, env), f.text),
        test: (f) => run(() => evalBoolean(f, env), f.text),
        label: labelOf,
        unit: (f) => rubric.formulaUnits.get(f) ?? '',
        figure: figureText,
        round,
        step,
        fail: (code, params, at) => stop(code, params, at),
      };
      outcome = n.scorer!.score(ctx);
    } catch (e) {
      if (e instanceof AlreadyReported) return undefined;
      if (!(e instanceof Stop)) throw e;
      issues.push(e.issue);
      return undefined;
    } finally {
      current = undefined;
    }
    add(n, outcome.score);
    if (outcome.warning) warnings.push(makeIssue(outcome.warning.code, outcome.warning.params, { path: [], indicator: n.path, severity: 'warning' }));
    const figures: Record<string, string> = {};
    for (const r of n.refs) {
      const v = input.values.get(r) ?? metricValues.get(r);
      if (v !== undefined) figures[r] = (rubric.inputs.has(r) ? v : v.round(METRIC_PLACES)).toPlain();
    }
    const bonus = n.role === 'bonus';
    const deductions = bonus ? [] : outcome.deductions.map((d) => ({ indicator: n.path, points: d.points.toPlain(), reason: d.reason }));
    const additions = bonus && outcome.score.isPositive()
      ? [{ indicator: n.path, points: outcome.score.toPlain(), reason: outcome.note ?? `计${pts(outcome.score)}分，加${pts(outcome.score)}分` }]
      : [];
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: outcome.score.toPlain(), deductions };
    if (additions.length) result.additions = additions;
    result.kind = n.kind!;
    if (n.standard !== undefined) result.standard = n.standard;
    if (n.refs.length) result.figures = figures;
    // The evaluator's reason is the deduction's reason for a judgement below max; otherwise a remark.
    if (a?.reason !== undefined && (n.kind !== 'judgement' || outcome.deductions.length === 0)) result.remark = a.reason;
    if (bonus) result.bonus = true;
    if (n.role === 'penalty') result.penalty = true;
    return { score: outcome.score, result };
  };

  const top = rubric.indicators.map(visit);
  if (issues.length || top.some((t) => t === undefined)) return { issues, warnings };
  const results = top as Visited[];

  // Nothing assessed: every base indicator 不适用. A total of 0 (or of full marks) would mean nothing.
  const baseLeaves = notApplicable.size ? [...rubric.byId.values()].filter((n) => !n.children.length && n.role === 'base') : [];
  if (baseLeaves.length > 0 && baseLeaves.every((n) => notApplicable.has(n.id))) {
    return { issues: [makeIssue('nothing_assessed', { count: baseLeaves.length }, { path: ['assessments'] })], warnings };
  }

  // The base max that applied: with `rescale`, 不适用 items leave it.
  const applicable = (n: Indicator): Decimal => {
    if (n.role !== 'base') return new Decimal(0);
    const isNa = notApplicable.has(n.id);
    if (isNa && rubric.notApplicable === 'rescale') return new Decimal(0);
    if (!n.children.length || isNa) return n.max;
    return n.children.reduce((s, c) => s.plus(applicable(c)), new Decimal(0));
  };
  const applicableMax = rubric.indicators.reduce((s, n) => s.plus(applicable(n)), new Decimal(0));

  // The base part is rescaled to the sheet's max ("按百分制折算"); 加分项 and 扣分项 come after.
  let base = sumBase;
  let rescaled: ScoreResult['rescaled'];
  if (rubric.notApplicable === 'rescale' && applicableMax.lt(rubric.max)) {
    base = round(sumBase.times(Exact.fromDecimal(rubric.max)).div(Exact.fromDecimal(applicableMax)));
    rescaled = { rawTotal: sumBase.toPlain(), applicableMax: toPlain(applicableMax) };
  }
  let total = base.plus(sumBonus).plus(sumPenalty);
  // 扣完为止 on the sheet as a whole: penalties cannot take the total below 0.
  if (total.isNegative()) total = ZERO;

  const allDeductions: DeductionResult[] = [];
  const allAdditions: DeductionResult[] = [];
  for (const k of results) {
    if (!k.result.bonus) allDeductions.push(...k.result.deductions);
    allAdditions.push(...(k.result.additions ?? []));
  }

  // The total is a rounded, finite decimal: compare it with the grade edges as one.
  const totalDecimal = total.toDecimal();
  let gradeIndex = rubric.grades.findIndex((g) => totalDecimal.gte(g.min));
  const vetoes = rubric.vetoes
    .filter((v) => input.vetoes.has(v.id))
    .map((v) => ({ id: v.id, name: v.name, grade: v.grade, reason: input.vetoes.get(v.id)! }));
  for (const v of vetoes) {
    const cap = rubric.grades.findIndex((g) => g.grade === v.grade);
    if (gradeIndex < cap) gradeIndex = cap;
  }
  const result: ScoreResult = {
    rubric: { id: rubric.id, name: rubric.name, ...(rubric.version !== undefined ? { version: rubric.version } : {}), fingerprint: rubric.fingerprint },
    total: total.toPlain(),
    max: toPlain(rubric.max),
    grade: gradeIndex >= 0 ? rubric.grades[gradeIndex]!.grade : null,
    indicators: results.map((k) => k.result),
    deductions: allDeductions,
    ...(allAdditions.length ? { additions: allAdditions } : {}),
    metrics,
    vetoes,
    ...(rescaled ? { rescaled } : {}),
  };
  return { result, issues, warnings };
}

/** Metrics that read, directly or through other metrics, an input the evaluation left out. */
function metricsMissingInputs(rubric: Rubric, input: ValidInput): Set<string> {
  const missing = new Set<string>();
  // rubric.metrics is ordered so every metric follows the metrics it reads: one pass suffices.
  for (const [name, m] of rubric.metrics) {
    if (m.formula.refs.some((r) => (rubric.inputs.has(r) ? !input.values.has(r) : missing.has(r)))) missing.add(name);
  }
  return missing;
}

/**
 * Metrics read by indicators, all of which are 不适用 (directly or through other metrics).
 * Metrics read by no indicator at all are not among them: they are computed and shown.
 */
function metricsReadOnlyBy(rubric: Rubric, notApplicable: Set<string>): Set<string> {
  const readByApplicable = new Set<string>();
  const readByAny = new Set<string>();
  const mark = (into: Set<string>, names: readonly string[]) => {
    const todo = [...names];
    while (todo.length) {
      const name = todo.pop()!;
      const m = rubric.metrics.get(name);
      if (!m || into.has(name)) continue;
      into.add(name);
      todo.push(...m.formula.refs);
    }
  };
  for (const n of rubric.byId.values()) {
    mark(readByAny, n.refs);
    if (!notApplicable.has(n.id)) mark(readByApplicable, n.refs);
  }
  // Metrics read by other metrics that nothing reads count as read by an applicable reader.
  for (const name of rubric.metrics.keys()) if (!readByAny.has(name)) mark(readByApplicable, [name]);
  const out = new Set<string>();
  for (const name of readByAny) if (!readByApplicable.has(name)) out.add(name);
  return out;
}

/** The first declared input a name reads: itself, or the first one reached through metrics. */
function firstInput(rubric: Rubric, name: string): string | undefined {
  const seen = new Set<string>();
  const todo = [name];
  while (todo.length) {
    const n = todo.shift()!;
    if (rubric.inputs.has(n)) return n;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(rubric.metrics.get(n)?.formula.refs ?? []));
  }
  return undefined;
}

/**
 * Issues sorted by where they stand: by line and column when the input was text, else by the
 * order of the entries they name in the input document (an entry that is not there, such as a
 * missing figure, after the entries of its section). Stable, so issues of one entry keep their order.
 */
function inDocumentOrder(issues: Issue[], raw: unknown): Issue[] {
  const order = new Map<string, number>();
  const walk = (v: unknown, key: string) => {
    order.set(key, order.size);
    if (v !== null && typeof v === 'object' && order.size < 100_000) {
      for (const k of Object.keys(v as object)) walk((v as Record<string, unknown>)[k], `${key}\u0000${k}`);
    }
  };
  walk(raw, '');
  const rank = (i: Issue): [number, number, number] => {
    if (i.source) return [0, i.source.line, i.source.column];
    let key = '';
    let best = 0;
    for (const p of i.path) {
      key = `${key}\u0000${String(p)}`;
      const r = order.get(key);
      if (r === undefined) return [1, best + 0.5, 0];
      best = r;
    }
    return [1, best, 0];
  };
  return issues
    .map((issue, index) => ({ issue, index, r: rank(issue) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.index - b.index)
    .map((x) => x.issue);
}
