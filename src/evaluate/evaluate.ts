import { Decimal, roundTo, toPlain } from '../decimal.js';
import { evalBoolean, evalNumber, FormulaRuntimeError, type CompiledFormula } from '../formula/compile.js';
import { EvaluationError, type SafeResult } from '../issues/errors.js';
import { makeIssue, type Issue, type IssueCode } from '../issues/issue.js';
import type { Indicator, Rubric } from '../rubric/compile.js';
import { locateIssues, readDocument, type SourceDocument } from '../source/document.js';
import type { Limits } from '../source/limits.js';
import { readOptions } from '../source/options.js';
import { isText } from '../source/read.js';
import { checkRubric } from '../rubric/brand.js';
import type { Outcome, ScoreContext } from '../rules/types.js';
import { withUnit } from '../rules/common.js';
import { validateInput, type EvaluationInput, type ValidInput } from './input.js';
import type { DeductionResult, IndicatorResult, ScoreResult } from './result.js';

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
  const out = score(rubric, valid);
  if ('issues' in out) return { success: false, issues: locateIssues(out.issues, doc) };
  return { success: true, value: out.result, warnings: [] };
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

function score(rubric: Rubric, input: ValidInput): { result: ScoreResult } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const metricValues = new Map<string, Decimal>();
  const metricState = new Map<string, 'computing' | 'failed'>();
  const runtimeCode = (e: FormulaRuntimeError): IssueCode => (e.kind === 'overflow' ? 'number_overflow' : 'division_by_zero');
  let current: Indicator | undefined;

  const stop = (code: IssueCode, params: Record<string, string | number | undefined>, path: (string | number)[] = []): never => {
    throw new Stop(makeIssue(code, params, current ? { path, indicator: current.path } : { path }));
  };
  const run = <T>(f: () => T, formula: string, detail?: string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof FormulaRuntimeError) stop(runtimeCode(e), { formula: e.formula, detail });
      throw e;
    }
  };
  const env = (name: string): Decimal => {
    const v = input.values.get(name);
    if (v !== undefined) return v;
    const decl = rubric.inputs.get(name);
    if (decl) {
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

  // Every metric whose inputs are present is computed, so a division by zero anywhere is reported.
  const metrics: Record<string, string> = {};
  const missing = metricsMissingInputs(rubric, input);
  for (const name of rubric.metrics.keys()) {
    if (!missing.has(name)) {
      try {
        metrics[name] = toPlain(roundTo(env(name), METRIC_PLACES));
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
  }

  const round = (d: Decimal) => roundTo(d, rubric.precision, rubric.rounding);
  const labelOf = (f: CompiledFormula) =>
    f.bareName ? (rubric.inputs.get(f.bareName)?.label ?? rubric.metrics.get(f.bareName)?.label ?? f.bareName) : `“${f.text}”=`;
  const unitOf = (name: string) => rubric.inputs.get(name)?.unit ?? rubric.metrics.get(name)?.unit ?? '';
  const figureText = (name: string) => {
    const v = env(name);
    const label = rubric.inputs.get(name)?.label ?? rubric.metrics.get(name)?.label ?? name;
    return `${label}${withUnit(v, unitOf(name))}`;
  };

  const allDeductions: DeductionResult[] = [];

  const naNode = (n: Indicator, full: boolean, remark: string | undefined): IndicatorResult => {
    const base: IndicatorResult = {
      id: n.id, name: n.name, path: n.path, max: toPlain(n.max), score: full ? toPlain(n.max) : '0', deductions: [],
      ...(n.kind ? { kind: n.kind } : {}),
      ...(n.standard !== undefined ? { standard: n.standard } : {}),
      ...(remark !== undefined ? { remark } : {}),
      ...(n.bonus ? { bonus: true as const } : {}),
      notApplicable: true,
    };
    // Under a 不适用 parent with `full`, each child gets its max, but a 加分项 earns nothing.
    if (n.children.length) base.children = n.children.map((c) => naNode(c, full && !c.bonus, undefined));
    return base;
  };

  const visit = (n: Indicator, naAbove: boolean): { result: IndicatorResult; score: Decimal } | undefined => {
    const a = input.assessments.get(n.id);
    if (naAbove || a?.notApplicable) {
      const full = rubric.notApplicable === 'full';
      const earns = full && !n.bonus;
      return { result: naNode(n, earns, a?.reason), score: earns ? n.max : new Decimal(0) };
    }
    const common = {
      id: n.id, name: n.name, path: n.path, max: toPlain(n.max),
    };
    if (n.children.length) {
      const kids = n.children.map((c) => visit(c, false));
      if (kids.some((k) => k === undefined)) return undefined;
      const results = kids as { result: IndicatorResult; score: Decimal }[];
      const total = results.reduce((s, k) => s.plus(k.score), new Decimal(0));
      const deductions = results.filter((k) => !k.result.bonus).flatMap((k) => k.result.deductions);
      return {
        score: total,
        result: {
          ...common, score: toPlain(total), deductions,
          ...(a?.reason !== undefined ? { remark: a.reason } : {}),
          ...(n.bonus ? { bonus: true as const } : {}),
          children: results.map((k) => k.result),
        },
      };
    }
    current = n;
    let outcome: Outcome;
    try {
      const ctx: ScoreContext = {
        max: n.max,
        indicator: { id: n.id, name: n.name, path: n.path },
        assessment: a,
        num: (f) => run(() => evalNumber(f, env), f.text),
        test: (f) => run(() => evalBoolean(f, env), f.text),
        label: labelOf,
        unit: (f) => (f.bareName ? unitOf(f.bareName) : ''),
        figure: figureText,
        round,
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
    const figures: Record<string, string> = {};
    for (const r of n.refs) {
      const v = input.values.get(r) ?? metricValues.get(r);
      if (v !== undefined) figures[r] = toPlain(rubric.inputs.has(r) ? v : roundTo(v, METRIC_PLACES));
    }
    const deductions = outcome.deductions.map((d) => ({ indicator: n.path, points: toPlain(d.points), reason: d.reason }));
    return {
      score: outcome.score,
      result: {
        ...common,
        score: toPlain(outcome.score),
        deductions,
        kind: n.kind!,
        ...(n.standard !== undefined ? { standard: n.standard } : {}),
        ...(n.refs.length ? { figures } : {}),
        // The evaluator's reason is the deduction's reason for a judgement below max; otherwise a remark.
        ...(a?.reason !== undefined && (n.kind !== 'judgement' || outcome.deductions.length === 0) ? { remark: a.reason } : {}),
        ...(n.bonus ? { bonus: true as const } : {}),
      },
    };
  };

  const top = rubric.indicators.map((n) => visit(n, false));
  if (issues.length || top.some((t) => t === undefined)) return { issues };
  const results = top as { result: IndicatorResult; score: Decimal }[];

  // The max that applied: with `rescale`, 不适用 items leave it.
  const applicable = (n: Indicator, na: boolean): Decimal => {
    if (n.bonus) return new Decimal(0);
    const isNa = na || input.assessments.get(n.id)?.notApplicable === true;
    if (isNa && rubric.notApplicable === 'rescale') return new Decimal(0);
    if (!n.children.length || isNa) return n.max;
    return n.children.reduce((s, c) => s.plus(applicable(c, false)), new Decimal(0));
  };
  const applicableMax = rubric.indicators.reduce((s, n) => s.plus(applicable(n, false)), new Decimal(0));

  const rawTotal = results.reduce((s, k) => s.plus(k.score), new Decimal(0));
  let total = rawTotal;
  let rescaled: ScoreResult['rescaled'];
  if (rubric.notApplicable === 'rescale' && applicableMax.lt(rubric.max)) {
    total = applicableMax.isZero() ? new Decimal(0) : round(rawTotal.times(rubric.max).div(applicableMax));
    rescaled = { rawTotal: toPlain(rawTotal), applicableMax: toPlain(applicableMax) };
  }
  for (const k of results) if (!k.result.bonus) allDeductions.push(...k.result.deductions);

  let gradeIndex = rubric.grades.findIndex((g) => total.gte(g.min));
  const vetoes = rubric.vetoes
    .filter((v) => input.vetoes.has(v.id))
    .map((v) => ({ id: v.id, name: v.name, grade: v.grade, reason: input.vetoes.get(v.id)! }));
  for (const v of vetoes) {
    const cap = rubric.grades.findIndex((g) => g.grade === v.grade);
    if (gradeIndex < cap) gradeIndex = cap;
  }
  const result: ScoreResult = {
    rubric: { id: rubric.id, name: rubric.name, ...(rubric.version !== undefined ? { version: rubric.version } : {}), fingerprint: rubric.fingerprint },
    total: toPlain(total),
    max: toPlain(rubric.max),
    grade: gradeIndex >= 0 ? rubric.grades[gradeIndex]!.grade : null,
    indicators: results.map((k) => k.result),
    deductions: allDeductions,
    metrics,
    vetoes,
    ...(rescaled ? { rescaled } : {}),
  };
  return { result };
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
