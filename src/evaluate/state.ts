import { Exact, ZERO } from '../exact.js';
import { FormulaRuntimeError, type CompiledFormula, type Env } from '../formula/compile.js';
import { makeIssue, type Issue, type IssueCode } from '../issues/issue.js';
import type { NotApplicablePolicy, Plan, PlanNode, Rubric } from '../rubric/types.js';
import { NO_LINES, withUnit } from '../rules/common.js';
import type { Assessment, Path, ScoreContext } from '../rules/types.js';
import type { ValidInput } from './input.js';
import type { IndicatorResult } from './result.js';
import { shapeMaker } from './record.js';

/** What 不适用 does to a node: its policy, or `unchosen` for a 可选项 the evaluation did not pick. */
export type NaState = NotApplicablePolicy | 'unchosen';

/** Shared empty collections, never written: what an evaluation that moves nothing reads. */
const NONE: ReadonlySet<string> = new Set<string>();
const NONE_MAP: ReadonlyMap<string, never> = new Map<string, never>();

/** Metrics are shown (and figures of metrics printed) to six decimals. */
const METRIC_PLACES = 6;

/**
 * Every metric of an evaluation as the compiled scorer computes them (src/evaluate/compiled.ts),
 * in the plan's metric order: the value n / d, and the value before a declared rounding rn / rd.
 */
export interface MetricFigures {
  readonly n: Float64Array;
  readonly d: Float64Array;
  readonly rn: Float64Array;
  readonly rd: Float64Array;
}

/** Stops one indicator (or metric) with an issue; caught by the walk so every problem is reported. */
export class Stop extends Error {
  constructor(readonly issue: Issue) {
    super(issue.messageEn);
  }
}

/** Stops an indicator that reads a metric whose failure is already reported. */
export class AlreadyReported extends Error {}

/**
 * What one evaluation knows while it is walked, shared by the walk and its policies: the input,
 * the figures and metrics formulas read, what 不适用 removed, the sums, the issues. It is also the
 * {@link ScoreContext} every rule scores with: the fields that describe the current leaf are set
 * before its scorer runs, so nothing is built per leaf but the leaf's result.
 *
 * `detail` is false on the totals path (`score`): the same figures, the same issues, no reasons
 * and no result tree; each indicator's score is kept in `scores` instead.
 */
export abstract class WalkState implements ScoreContext {
  // ScoreContext: the leaf being scored.
  max: Exact = ZERO;
  role: 'base' | 'bonus' | 'penalty' = 'base';
  indicator: { id: string; name: string; path: string } = { id: '', name: '', path: '' };
  assessment: Assessment | undefined = undefined;
  readonly step: Exact;

  readonly plan: Plan;
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  // What 不适用 and rows move, kept in collections made on first use (most evaluations need none).
  private na: Set<string> | undefined;
  private naPolicies: Map<string, NaState> | undefined;
  private reduced: Map<string, Exact> | undefined;
  private sections: Map<string, Exact> | undefined;
  /** Indicators marked 不适用, or under one. */
  get notApplicable(): ReadonlySet<string> {
    return this.na ?? NONE;
  }
  /** The policy each 不适用 indicator follows: the one of the topmost marked (`unchosen` in a pool). */
  get naPolicy(): ReadonlyMap<string, NaState> {
    return this.naPolicies ?? NONE_MAP;
  }
  /** Parents whose max is smaller by the 不适用 items removed beneath them. */
  get reducedMax(): ReadonlyMap<string, Exact> {
    return this.reduced ?? NONE_MAP;
  }
  /** Rows sections whose max moved (`empty: redistribute`). */
  get sectionMax(): ReadonlyMap<string, Exact> {
    return this.sections ?? NONE_MAP;
  }
  /** Mark an indicator 不适用, under a policy. */
  markNotApplicable(id: string, policy: NaState): void {
    (this.na ??= new Set()).add(id);
    (this.naPolicies ??= new Map()).set(id, policy);
  }
  /** A parent's max, less what 不适用 removed beneath it. */
  reduceMax(id: string, max: Exact): void {
    (this.reduced ??= new Map()).set(id, max);
  }
  /** A rows section's max, moved. */
  moveSectionMax(id: string, max: Exact): void {
    (this.sections ??= new Map()).set(id, max);
  }
  /** What 不适用 takes out of each rows section, as a part of its max (set before the limit is checked). */
  rowLoss: Map<string, Exact> | undefined;
  /** Weights computed from formulas, by child id (undefined: failed, and reported). */
  weights: Map<string, Exact | undefined> | undefined;
  /** Base max removed as 不适用: to be rescaled away, and excluded from the sheet's max. */
  removedRescale = ZERO;
  removedExclude = ZERO;
  sumBase = ZERO;
  sumBonus = ZERO;
  sumPenalty = ZERO;
  /** On the totals path: each indicator's score as the full result would show it, at its place in `plan.ids`. */
  readonly scores: (Exact | undefined)[] | undefined;
  /** Metric figures as shown, to six decimals. */
  readonly metricShown: Record<string, string> = {};

  protected current: PlanNode | undefined = undefined;
  private readonly metricValues = new Map<string, Exact>();
  private readonly metricText = new Map<string, string>();
  /** Metrics whose computation failed (and was reported). */
  private metricState: Map<string, 'failed'> | undefined;
  /** Metrics with a declared rounding that changed them: their value before it. */
  private metricRaw: Map<string, Exact> | undefined;
  /** Formulas read names through this, bound once per evaluation. */
  private readonly env: Env = (name) => this.lookup(name);

  /** Each node's maker of its `figures` objects (record.ts, shapeMaker), by plan order. */
  private figureMakers: (() => Record<string, string>)[] | undefined;

  constructor(
    readonly rubric: Rubric,
    readonly input: ValidInput,
    readonly detail: boolean,
  ) {
    this.plan = rubric.plan;
    this.step = this.plan.step;
    this.scores = detail ? undefined : new Array<Exact | undefined>(this.plan.ids.length);
  }

  /** Score one node into `into` (undefined on the totals path); its exact score, or undefined when it could not be scored. */
  abstract visit(n: PlanNode, into: IndicatorResult[] | undefined): Exact | undefined;

  /** Each child's share of a pool's or a weighted block's max per point of its own max (by the policy that owns it). */
  abstract scales(n: PlanNode): Exact[] | undefined;

  /** How the children of a pool or a weighted block worth its max in full are shown (by the policy that owns it). */
  abstract showFull(n: PlanNode, children: IndicatorResult[]): void;

  /** A base part with every 加分项 and 扣分项 added; 扣完为止 on the sheet as a whole: not below 0. */
  finalTotal(base: Exact): Exact {
    const total = base.plus(this.sumBonus).plus(this.sumPenalty);
    return total.isNegative() ? ZERO : total;
  }

  /** The max a node scores out of: its own, less what 不适用 items below it removed (rescale, exclude). */
  ownMax(n: PlanNode): Exact {
    return (this.reducedMax.size ? this.reducedMax.get(n.id) : undefined) ?? n.maxExact;
  }

  /** A leaf's score into the sheet's sums: base, 加分 or 扣分. */
  add(n: PlanNode, score: Exact): void {
    if (n.role === 'bonus') this.sumBonus = this.sumBonus.plus(score);
    else if (n.role === 'penalty') this.sumPenalty = this.sumPenalty.plus(score);
    else this.sumBase = this.sumBase.plus(score);
  }

  /** On the totals path, a node's score as the full result shows it. */
  keep(n: PlanNode, score: Exact): void {
    if (this.scores) this.scores[n.order] = score;
  }

  /**
   * Run `f` on a node (a leaf's scorer, a weight's formula); an issue it raises is recorded and
   * undefined returned. `f` takes the node, so a caller can pass one function for every node.
   */
  attempt<T>(n: PlanNode, f: (n: PlanNode) => T): T | undefined {
    this.current = n;
    try {
      return f(n);
    } catch (e) {
      if (e instanceof AlreadyReported) return undefined;
      if (!(e instanceof Stop)) throw e;
      this.issues.push(e.issue);
      return undefined;
    } finally {
      this.current = undefined;
    }
  }

  /**
   * Every metric whose inputs are present is computed, so a division by zero anywhere is
   * reported; except those read only by 不适用 indicators, whose figures may truthfully be 0.
   */
  computeMetrics(compiled?: () => MetricFigures | undefined): void {
    if (!this.plan.metrics.length) return;
    const missing = this.metricsMissingInputs();
    const onlyNa = this.notApplicable.size ? metricsReadOnlyBy(this.rubric, this.notApplicable) : undefined;
    // Every input given: the compiled scorer's formula steps compute them all at once, exactly (a
    // step that cannot, a division by zero among them, leaves them to the formulas below).
    const fast = missing || onlyNa || !compiled ? undefined : compiled();
    if (fast) {
      const metrics = this.plan.metrics;
      for (let k = 0; k < metrics.length; k++) {
        const name = metrics[k]!.name;
        const value = Exact.fraction(fast.n[k]!, fast.d[k]!);
        if (fast.n[k] !== fast.rn[k] || fast.d[k] !== fast.rd[k]) {
          const raw = Exact.fraction(fast.rn[k]!, fast.rd[k]!);
          if (!value.eq(raw)) (this.metricRaw ??= new Map()).set(name, raw);
        }
        this.metricValues.set(name, value);
        if (this.detail) {
          const text = value.round(METRIC_PLACES).toPlain();
          this.metricShown[name] = text;
          this.metricText.set(name, text);
        }
      }
      return;
    }
    for (const m of this.plan.metrics) {
      const name = m.name;
      if ((missing && missing.has(name)) || (onlyNa && onlyNa.has(name))) continue;
      try {
        const value = this.lookup(name);
        if (this.detail) {
          const text = value.round(METRIC_PLACES).toPlain();
          this.metricShown[name] = text;
          this.metricText.set(name, text);
        }
      } catch (e) {
        if (e instanceof AlreadyReported) {
          (this.metricState ??= new Map()).set(name, 'failed');
          continue;
        }
        if (!(e instanceof Stop)) throw e;
        (this.metricState ??= new Map()).set(name, 'failed');
        this.issues.push({ ...e.issue, path: ['metrics', name] });
      }
    }
  }

  /** Metrics that read, directly or through other metrics, an input the evaluation left out. */
  private metricsMissingInputs(): Set<string> | undefined {
    let missing: Set<string> | undefined;
    const values = this.input.values;
    // Every input given (the map holds only declared inputs): none is missing.
    if (values.size === this.plan.inputs.length) return undefined;
    // Metrics are ordered so every metric follows the metrics it reads: one pass suffices.
    for (const m of this.plan.metrics) {
      for (const r of m.formula.refs) {
        if (this.plan.inputByName.has(r) ? !values.has(r) : missing !== undefined && missing.has(r)) {
          (missing ??= new Set()).add(m.name);
          break;
        }
      }
    }
    return missing;
  }

  /** The figures a leaf read, as given (inputs) or to six decimals (metrics). */
  figures(n: PlanNode): Record<string, string> {
    const figures = (this.figureMakers ??= figureMakersOf(this.rubric))[n.order]!();
    for (let i = 0; i < n.refs.length; i++) {
      const r = n.refs[i]!;
      if (n.refIsInput[i]) {
        const v = this.input.values.get(r);
        if (v !== undefined) figures[r] = v.toPlain();
      } else {
        const t = this.metricText.get(r);
        if (t !== undefined) figures[r] = t;
        else {
          const v = this.metricValues.get(r);
          if (v !== undefined) figures[r] = v.round(METRIC_PLACES).toPlain();
        }
      }
    }
    return figures;
  }

  // ——— reading names, for formulas ———

  /** An input's figure, or a metric's value (computed once per evaluation). */
  private lookup(name: string): Exact {
    const v = this.input.values.get(name);
    if (v !== undefined) return v;
    // A metric already computed (every metric is, before the first leaf): one lookup.
    const known = this.metricValues.get(name);
    if (known !== undefined) return known;
    if (this.plan.inputByName.has(name)) {
      if (this.input.badValues.has(name)) throw new AlreadyReported(name);
      const c = this.current;
      return this.stop('input_missing', {
        name,
        expected: c ? `数值，指标“${c.path}”需要它` : '数值',
        expectedEn: c ? `a number, needed by "${c.path}"` : 'a number',
      }, ['values', name]);
    }
    if (this.metricState !== undefined && this.metricState.get(name) === 'failed') throw new AlreadyReported(name);
    const info = this.rubric.metrics.get(name)!;
    const raw = this.compute(info.formula, `派生指标“${name}”`) as Exact;
    // A declared rounding (`round: 0`: 执行率49.88% 按50%计) applies before anything reads it.
    let value = raw;
    if (info.round !== undefined) {
      value = raw.round(info.round, this.rubric.rounding);
      if (!value.eq(raw)) (this.metricRaw ??= new Map()).set(name, raw);
    }
    this.metricValues.set(name, value);
    return value;
  }

  /** A formula's value; a failure stops the current node with its issue. */
  compute(f: CompiledFormula, detail?: string): Exact | boolean {
    try {
      return f.code(this.env);
    } catch (e) {
      if (e instanceof FormulaRuntimeError) {
        if (e.argument) this.stop('formula_argument', { formula: e.formula, ...e.argument, where: detail });
        const at = e.divisor !== undefined ? this.plan.figurePath(e.divisor) : undefined;
        this.stop(e.kind === 'overflow' ? 'number_overflow' : 'division_by_zero', { formula: e.formula, detail }, at);
      }
      throw e;
    }
  }

  private stop(code: IssueCode, params: Record<string, string | number | undefined>, path?: Path): never {
    const c = this.current;
    const at = path ?? (c ? this.plan.figurePath(c.refs[0]) : []);
    throw new Stop(makeIssue(code, params, c ? { path: at, indicator: c.path } : { path: at }));
  }

  // ——— ScoreContext ———

  num(f: CompiledFormula): Exact {
    return this.compute(f) as Exact;
  }

  test(f: CompiledFormula): boolean {
    return this.compute(f) as boolean;
  }

  label(f: CompiledFormula): string {
    const l = this.plan.labels.get(f);
    if (l !== undefined) return l;
    return f.bareName ? (this.plan.names.get(f.bareName)?.label ?? f.bareName) : `“${f.text}”=`;
  }

  unit(f: CompiledFormula): string {
    return this.rubric.formulaUnits.get(f) ?? '';
  }

  read(name: string): Exact {
    return this.lookup(name);
  }

  figure(name: string, lines: readonly Exact[] = NO_LINES): string {
    const v = this.lookup(name);
    const n = this.plan.names.get(name);
    return `${n?.label ?? name}${this.shownName(name, v, n?.unit ?? '', lines)}`;
  }

  shown(f: CompiledFormula, v: Exact, unit: string, lines: readonly Exact[] = NO_LINES): string {
    return f.bareName === undefined ? withUnit(v, unit, lines) : this.shownName(f.bareName, v, unit, lines);
  }

  /**
   * A value as printed, on its own side of the verdict's `lines`; a metric rounded before use
   * shows both: "49.88%（按50%计）" (the verdict is on the figure it counts as).
   */
  private shownName(name: string, v: Exact, unit: string, lines: readonly Exact[]): string {
    const raw = this.metricRaw?.get(name);
    if (raw === undefined || !v.eq(this.metricValues.get(name)!)) return withUnit(v, unit, lines);
    return `${withUnit(raw.round(METRIC_PLACES), unit)}（按${withUnit(v, unit, lines)}计）`;
  }

  round(d: Exact): Exact {
    return d.round(this.rubric.precision, this.rubric.rounding);
  }

  fail(code: IssueCode, params: Record<string, string | number | undefined>, at?: Path): never {
    return this.stop(code, params, at);
  }
}

/**
 * Metrics read by indicators, all of which are 不适用 (directly or through other metrics).
 * Metrics read by no indicator at all are not among them: they are computed and shown.
 */
function metricsReadOnlyBy(rubric: Rubric, notApplicable: ReadonlySet<string>): Set<string> {
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

/** A rubric's makers of `figures` objects, one per indicator (by plan order), made once. */
const figureMakers = new WeakMap<Rubric, (() => Record<string, string>)[]>();
function figureMakersOf(rubric: Rubric): (() => Record<string, string>)[] {
  let makers = figureMakers.get(rubric);
  if (makers === undefined) figureMakers.set(rubric, (makers = rubric.plan.ids.map(() => shapeMaker())));
  return makers;
}
