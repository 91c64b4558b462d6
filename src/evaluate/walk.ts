import type { Exact } from '../exact.js';
import { ZERO } from '../exact.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import type { PlanNode, Rubric } from '../rubric/types.js';
import { pts } from '../rules/common.js';
import type { Assessment, Outcome } from '../rules/types.js';
import type { ValidInput } from './input.js';
import { policiesFor, type ActivePolicies, type Policy, type Totals } from './policies/index.js';
import type { DeductionResult, IndicatorResult, ScoreResult } from './result.js';
import { WalkState } from './state.js';
import { compiledMetrics } from './compiled.js';

export interface Scored {
  result?: ScoreResult;
  issues: Issue[];
  warnings: Issue[];
}

/** What the totals path gives: the figures of a result, without its reasons and tree. */
export interface Summed {
  totals?: { total: Exact; max: string; grade: string | null; failed: boolean; scores: readonly (Exact | undefined)[] };
  issues: Issue[];
  warnings: Issue[];
}

/** Score a valid input over a rubric's plan: one walk, top to bottom. */
export function walk(rubric: Rubric, input: ValidInput): Scored {
  const w = new Walk(rubric, input, true);
  const out = w.run();
  if (!out) return { issues: w.issues, warnings: w.warnings };
  return { result: w.result(out.indicators, out.t), issues: w.issues, warnings: w.warnings };
}

/** The same walk on the totals path: the same figures and issues, each indicator's score, no reasons. */
export function walkTotals(rubric: Rubric, input: ValidInput): Summed {
  const w = new Walk(rubric, input, false);
  const out = w.run();
  if (!out) return { issues: w.issues, warnings: w.warnings };
  const { t } = out;
  const grade = w.grade(t);
  return { totals: { total: t.total, max: t.max, grade, failed: t.verdict !== undefined, scores: w.scores! }, issues: w.issues, warnings: w.warnings };
}

/**
 * One evaluation, top to bottom: the policies mark and check what the evaluation declares; the
 * metrics are computed; the policies move maxima; every node is scored (by the policy that owns
 * it, else as a leaf by its rule or as the sum of its children); the policies settle the total;
 * the grade is read off it.
 */
class Walk extends WalkState {
  private readonly active: ActivePolicies;

  constructor(rubric: Rubric, input: ValidInput, detail: boolean) {
    super(rubric, input, detail);
    this.active = policiesFor(rubric.plan);
  }

  run(): { indicators: IndicatorResult[]; t: Totals } | undefined {
    const { plan, active } = this;
    for (const p of active.mark) if (p.mark!(this) === false) return undefined;
    for (const p of active.check) if (p.check!(this) === false) return undefined;
    this.computeMetrics(this.compiledMetrics);
    for (const p of active.allot) p.allot!(this);

    const indicators: IndicatorResult[] = [];
    const into = this.detail ? indicators : undefined;
    let failed = false;
    for (const n of plan.roots) if (this.visit(n, into) === undefined) failed = true;
    if (failed || this.issues.length) return undefined;

    const total = this.finalTotal(this.sumBase);
    const t: Totals = { total, graded: total, max: plan.maxText, gradeCap: -1, verdict: undefined, vetoes: [] };
    for (const p of active.settle) {
      p.settle!(this, t);
      if (t.failed) return undefined;
    }
    return { indicators, t };
  }

  /** The grade on the graded figure (the documented total, or under `exclude` the total on the full scale), at most a veto's cap. */
  grade(t: Totals): string | null {
    if (t.verdict !== undefined) return t.verdict;
    const grades = this.plan.grades;
    let i = 0;
    while (i < grades.length && !t.graded.gte(grades[i]!.min)) i++;
    if (i === grades.length) return null;
    return this.rubric.grades[Math.max(i, t.gradeCap)]!.grade;
  }

  /** The result, in the JSON key order of {@link ScoreResult}. */
  result(indicators: IndicatorResult[], t: Totals): ScoreResult {
    const { rubric } = this;
    const { deductions, additions } = gather(indicators, false);
    const header: ScoreResult['rubric'] = rubric.version !== undefined
      ? { id: rubric.id, name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint }
      : { id: rubric.id, name: rubric.name, fingerprint: rubric.fingerprint };
    const result = { rubric: header, total: t.total.toPlain(), max: t.max, grade: this.grade(t), indicators, deductions } as ScoreResult;
    if (additions.length) result.additions = additions;
    result.metrics = this.metricShown;
    result.vetoes = t.vetoes;
    if (t.rescaled) result.rescaled = t.rescaled;
    if (t.excluded) result.excluded = { max: t.excluded.max, gradedOn: t.graded.toPlain() };
    if (t.capped) result.capped = t.capped;
    if (t.verdict !== undefined) result.failed = true;
    return result;
  }

  visit(n: PlanNode, into: IndicatorResult[] | undefined): Exact | undefined {
    const at = this.input.assessmentAt;
    const a = at !== undefined ? at[n.order] : this.input.assessments.get(n.id);
    const owner = this.ownerOf(n);
    if (owner) return owner.visit!(this, n, a, into);
    if (!n.leaf) return this.visitGroup(n, a, into);
    return this.visitLeaf(n, a, into);
  }

  private ownerOf(n: PlanNode): Policy | undefined {
    const nodes = this.active.nodes;
    for (let i = 0; i < nodes.length; i++) if (nodes[i]!.owns!(this, n)) return nodes[i];
    return undefined;
  }

  scales(n: PlanNode): Exact[] | undefined {
    return this.ownerOf(n)?.scales?.(this, n);
  }

  showFull(n: PlanNode, children: IndicatorResult[]): void {
    // The 不适用 policy owns the node itself; the policy of its kind shows its children.
    this.active.nodes.find((p) => p.showFull && p.owns!(this, n))?.showFull!(this, n, children);
  }

  /** The metrics by the compiled scorer's formula steps, when every input is given (see computeMetrics). */
  private readonly compiledMetrics = () => compiledMetrics(this.rubric, this.input.values, this.input.valueAt);

  /**
   * Results of the children of the parents being walked, each parent's above its parent's. It
   * starts with one entry that is never taken: an array emptied by `splice` gives up its storage,
   * and the next push would allocate it again, once per parent.
   */
  private readonly stack: IndicatorResult[] = [FLOOR];

  /** A leaf's rule on this evaluation: one function for every leaf, made once per walk. */
  private readonly scoreLeaf = (n: PlanNode): Outcome => n.scorer!.score(this);

  /** A leaf, scored by its rule. */
  private visitLeaf(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[] | undefined): Exact | undefined {
    if (this.input.badAssessments.size && this.input.badAssessments.has(n.id)) return undefined;
    this.max = n.maxExact;
    this.role = n.role;
    this.indicator = n.who;
    this.assessment = a;
    const outcome = this.attempt(n, this.scoreLeaf);
    if (outcome === undefined) return undefined;
    if (n.cap) this.active.caps!.capLeaf!(this, n, outcome);
    this.add(n, outcome.score);
    if (outcome.warning) this.warnings.push(makeIssue(outcome.warning.code, outcome.warning.params, { path: [], indicator: n.path, severity: 'warning' }));
    if (!into) {
      this.keep(n, outcome.score);
      return outcome.score;
    }

    const bonus = n.role === 'bonus';
    // An array of its final length: grown by push, it would hold room for sixteen.
    const lost = outcome.deductions;
    const deductions: DeductionResult[] = bonus || lost.length === 0 ? [] : new Array<DeductionResult>(lost.length);
    if (!bonus) for (let i = 0; i < lost.length; i++) deductions[i] = { indicator: n.path, points: lost[i]!.points.toPlain(), reason: lost[i]!.reason };
    const score = outcome.score.toPlain();
    let result: IndicatorResult;
    if (bonus && outcome.score.isPositive()) {
      result = { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions };
      const reason = outcome.note ?? `计${pts(outcome.score)}分，加${pts(outcome.score)}分`;
      result.additions = [{ indicator: n.path, points: score, reason }];
      result.kind = n.kind!;
      if (n.standard !== undefined) result.standard = n.standard;
      if (n.refs.length) result.figures = this.figures(n);
    } else if (n.standard !== undefined) {
      // The usual leaf, in one literal of its final shape (each property added after would need a new store).
      result = n.refs.length
        ? { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions, kind: n.kind!, standard: n.standard, figures: this.figures(n) }
        : { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions, kind: n.kind!, standard: n.standard };
    } else {
      result = n.refs.length
        ? { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions, kind: n.kind!, figures: this.figures(n) }
        : { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions, kind: n.kind! };
    }
    // The evaluator's reason is the deduction's reason for a judgement below max; otherwise a remark.
    // A 加分项 judgement's reason is already its addition's ("获省级表彰，加3分").
    if (a?.reason !== undefined && (n.kind !== 'judgement' || (outcome.deductions.length === 0 && !(bonus && outcome.score.isPositive())))) result.remark = a.reason;
    if (bonus) result.bonus = true;
    if (n.role === 'penalty') result.penalty = true;
    if (n.capText !== undefined) result.cap = n.capText;
    into.push(result);
    return outcome.score;
  }

  /** A parent: the sum of its children; it lists what they lost (扣分项 included) and what 加分项 added. */
  private visitGroup(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[] | undefined): Exact | undefined {
    // The children's results are pushed on the walk's stack, then taken off in an array of their
    // number (an array grown by push from empty holds room for sixteen).
    const stack = this.stack;
    const start = stack.length;
    let total = ZERO;
    let failed = false;
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) {
      const s = this.visit(kids[i]!, into ? stack : undefined);
      if (s === undefined) failed = true;
      else total = total.plus(s);
    }
    if (failed) {
      if (into) stack.length = start;
      return undefined;
    }
    if (!into) {
      if (n.cap) total = this.active.caps!.capGroup!(this, n, total, [], []);
      this.keep(n, total);
      return total;
    }
    const children = stack.splice(start);
    const { deductions, additions } = gather(children, n.role === 'bonus');
    if (n.cap) total = this.active.caps!.capGroup!(this, n, total, deductions, additions);
    const reduced = this.reducedMax.size ? this.reducedMax.get(n.id) : undefined;
    const max = reduced ? reduced.toPlain() : n.maxText;
    let result: IndicatorResult;
    if (additions.length === 0 && a?.reason === undefined && n.role === 'base' && n.capText === undefined) {
      // The usual parent, in one literal of its final shape (each property added after would need a new store).
      result = { id: n.id, name: n.name, path: n.path, max, score: total.toPlain(), deductions, children };
    } else {
      result = { id: n.id, name: n.name, path: n.path, max, score: total.toPlain(), deductions };
      if (additions.length) result.additions = additions;
      if (a?.reason !== undefined) result.remark = a.reason;
      if (n.role === 'bonus') result.bonus = true;
      if (n.role === 'penalty') result.penalty = true;
      if (n.capText !== undefined) result.cap = n.capText;
      result.children = children;
    }
    into.push(result);
    return total;
  }
}

/** The bottom of every walk's stack of results, never taken off it. */
const FLOOR = Object.freeze({ id: '', name: '', path: '', max: '0', score: '0', deductions: [] }) as unknown as IndicatorResult;

/**
 * What a parent (or the sheet) lists of its children's: every deduction (a 加分项's only under a
 * 加分项, `bonusToo`) and every addition, in order, in arrays of their final length (a policy may
 * still add to them: caps).
 */
function gather(children: readonly IndicatorResult[], bonusToo: boolean): { deductions: DeductionResult[]; additions: DeductionResult[] } {
  let nd = 0;
  let na = 0;
  const n = children.length;
  for (let c = 0; c < n; c++) {
    const k = children[c]!;
    if (!k.bonus || bonusToo) nd += k.deductions.length;
    if (k.additions) na += k.additions.length;
  }
  const deductions = nd === 0 ? [] : new Array<DeductionResult>(nd);
  const additions = na === 0 ? [] : new Array<DeductionResult>(na);
  if (nd === 0 && na === 0) return { deductions, additions };
  let i = 0;
  let j = 0;
  for (let c = 0; c < n; c++) {
    const k = children[c]!;
    if (!k.bonus || bonusToo) {
      const ds = k.deductions;
      for (let x = 0; x < ds.length; x++) deductions[i++] = ds[x]!;
    }
    const as = k.additions;
    if (as) for (let x = 0; x < as.length; x++) additions[j++] = as[x]!;
  }
  return { deductions, additions };
}
