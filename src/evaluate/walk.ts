import { Exact, HUNDRED, ONE, ZERO } from '../exact.js';
import { FormulaRuntimeError, type CompiledFormula, type Env } from '../formula/compile.js';
import { makeIssue, type Issue, type IssueCode } from '../issues/issue.js';
import type { NotApplicablePolicy, Plan, PlanNode, Rubric } from '../rubric/types.js';
import { comparedEdges, NO_LINES, pts, showApart, withUnit } from '../rules/common.js';
import type { Assessment, Outcome, Path, ScoreContext } from '../rules/types.js';
import type { ValidInput } from './input.js';
import type { DeductionResult, IndicatorResult, ScoreResult } from './result.js';
import { apportion, scoreLevelRow, scoreNumberRow, scoreTimesActual, timesActualApplies } from '../project/score.js';
import { visibleText } from '../rules/text.js';

/** What 不适用 does to a node: its policy, or `unchosen` for a 可选项 the evaluation did not pick. */
type NaState = NotApplicablePolicy | 'unchosen';

/** Metrics are shown (and figures of metrics printed) to six decimals. */
const METRIC_PLACES = 6;

/** Stops one indicator (or metric) with an issue; caught by the walk so every problem is reported. */
class Stop extends Error {
  constructor(readonly issue: Issue) {
    super(issue.messageEn);
  }
}

/** Stops an indicator that reads a metric whose failure is already reported. */
class AlreadyReported extends Error {}

export interface Scored {
  result?: ScoreResult;
  issues: Issue[];
  warnings: Issue[];
}

/** Score a valid input over a rubric's plan: one walk, top to bottom. */
export function walk(rubric: Rubric, input: ValidInput): Scored {
  return new Walk(rubric, input).run();
}

/**
 * One evaluation. The walk is also the {@link ScoreContext} every rule scores with: the fields
 * that describe the current leaf are set before its scorer runs, so nothing is built per leaf
 * but the leaf's result.
 */
class Walk implements ScoreContext {
  // ScoreContext: the leaf being scored.
  max: Exact = ZERO;
  role: 'base' | 'bonus' | 'penalty' = 'base';
  indicator: { id: string; name: string; path: string } = { id: '', name: '', path: '' };
  assessment: Assessment | undefined = undefined;
  readonly step: Exact;

  private readonly plan: Plan;
  private current: PlanNode | undefined = undefined;
  private readonly issues: Issue[] = [];
  private readonly warnings: Issue[] = [];
  private readonly metricValues = new Map<string, Exact>();
  /** Metric figures as shown, rounded to six decimals. */
  private readonly metricText = new Map<string, string>();
  private readonly metricState = new Map<string, 'computing' | 'failed'>();
  /** Metrics with a declared rounding that changed them: their value before it. */
  private metricRaw: Map<string, Exact> | undefined;
  /** Rows sections whose max moved (`empty: redistribute`). */
  private readonly sectionMax = new Map<string, Exact>();
  /** Indicators marked 不适用, or under one. */
  private readonly notApplicable = new Set<string>();
  /** The policy each 不适用 indicator follows: the one of the topmost marked (`unchosen` in a pool). */
  private readonly naPolicy = new Map<string, NaState>();
  /** Parents whose max is smaller by the 不适用 items removed beneath them. */
  private readonly reducedMax = new Map<string, Exact>();
  /** Base max removed as 不适用: to be rescaled away, and excluded from the sheet's max. */
  private removedRescale = ZERO;
  private removedExclude = ZERO;
  private sumBase = ZERO;
  private sumBonus = ZERO;
  private sumPenalty = ZERO;
  /** Weights computed from formulas, by child id (undefined: failed, and reported). */
  private weights: Map<string, Exact | undefined> | undefined;
  /** Formulas read names through this, bound once per evaluation. */
  private readonly env: Env = (name) => this.lookup(name);

  constructor(
    private readonly rubric: Rubric,
    private readonly input: ValidInput,
  ) {
    this.plan = rubric.plan;
    this.step = this.plan.step;
  }

  run(): Scored {
    const { plan, rubric, input } = this;
    for (const a of input.assessments.values()) {
      if (a.notApplicable) {
        this.markNotApplicable(plan.roots, undefined);
        break;
      }
    }
    // Nothing assessed: every base indicator 不适用. A total of 0 (or of full marks) would mean nothing.
    const na = this.notApplicable;
    if (na.size && plan.baseLeaves.length > 0 && plan.baseLeaves.every((n) => na.has(n.id))) {
      return { issues: [makeIssue('nothing_assessed', { count: plan.baseLeaves.length }, { path: ['assessments'] })], warnings: this.warnings };
    }
    const rowLoss = plan.rowSections.length ? this.rowsRemoved() : undefined;
    if (this.notApplicable.size || plan.pools.length || rowLoss?.size) this.checkRemoved(rowLoss);
    // Everything that counts removed (a sheet whose other items have max 0): nothing to rescale to.
    if (this.removedRescale.isPositive() || this.removedExclude.isPositive()) {
      if (this.removedRescale.plus(this.removedExclude).gte(plan.maxExact))
        return { issues: [...this.issues, makeIssue('nothing_assessed', { count: plan.baseLeaves.length }, { path: ['assessments'] })], warnings: this.warnings };
    }
    const metrics = this.computeMetrics();
    if (plan.rowSections.length) this.sectionMaxima();

    const indicators: IndicatorResult[] = [];
    let failed = false;
    for (const n of plan.roots) if (this.visit(n, indicators) === undefined) failed = true;
    if (failed || this.issues.length) return { issues: this.issues, warnings: this.warnings };

    // `exclude`: the sheet's max is smaller by what left it. `rescale`: the base part is rescaled
    // to the sheet's max ("按百分制折算"). One rule for both: only the base is brought to scale,
    // rounded once; 加分项 and 扣分项 are added after, as they are.
    const sheetMax = this.removedExclude.isZero() ? plan.maxExact : plan.maxExact.minus(this.removedExclude);
    const applicable = sheetMax.minus(this.removedRescale);
    let base = this.sumBase;
    let rescaled: ScoreResult['rescaled'];
    if (this.removedRescale.isPositive()) {
      base = this.round(this.sumBase.times(sheetMax).div(applicable));
      rescaled = { rawTotal: this.sumBase.toPlain(), applicableMax: applicable.toPlain() };
    }
    let total = this.finalTotal(base);
    // `exclude`: the grade is taken on the base brought to the full scale, then the same 加分项,
    // 扣分项 and caps (the figure shown as `excluded.gradedOn`).
    let graded = this.removedExclude.isZero() ? total : this.finalTotal(this.round(this.sumBase.times(plan.maxExact).div(applicable)));
    // 总分不超过: the documented total, 加分项 included, is at most the rubric's cap.
    let capped: ScoreResult['capped'];
    if (plan.maxTotal && graded.gt(plan.maxTotal)) graded = plan.maxTotal;
    if (plan.maxTotal && total.gt(plan.maxTotal)) {
      capped = { rawTotal: total.toPlain(), maxTotal: plan.maxTotal.toPlain(), reason: `总分${pts(total)}分，总分不超过${pts(plan.maxTotal)}分，计${pts(plan.maxTotal)}分` };
      total = plan.maxTotal;
    }

    const deductions: DeductionResult[] = [];
    const additions: DeductionResult[] = [];
    for (const k of indicators) {
      if (!k.bonus) for (const d of k.deductions) deductions.push(d);
      if (k.additions) for (const d of k.additions) additions.push(d);
    }

    // 一票否决: declared by the evaluation, or triggered by a condition on the inputs.
    const vetoes: ScoreResult['vetoes'] = [];
    let gradeCap = -1;
    let verdict: string | undefined;
    for (const v of rubric.vetoes) {
      let reason = input.vetoes.get(v.id);
      if (reason === undefined && v.when) {
        try {
          if (this.compute(v.when, `一票否决“${v.name}”`) as boolean) {
            // Each figure on its side of the edges the condition compares it with: "59.999" beside "< 60".
            const edges = comparedEdges(v.when);
            reason = `${v.when.refs.map((r) => this.figure(r, edges.get(r))).join('、')}，符合“${v.when.text}”`;
          }
        } catch (e) {
          if (e instanceof AlreadyReported) return { issues: this.issues, warnings: this.warnings };
          if (!(e instanceof Stop)) throw e;
          return { issues: [...this.issues, { ...e.issue, path: e.issue.path.length ? e.issue.path : ['vetoes', v.id] }], warnings: this.warnings };
        }
      }
      if (reason === undefined) continue;
      const entry: ScoreResult['vetoes'][number] = { id: v.id, name: v.name };
      if (v.grade !== undefined) {
        entry.grade = v.grade;
        const cap = rubric.grades.findIndex((g) => g.grade === v.grade);
        if (gradeCap < cap) gradeCap = cap;
      }
      if (v.maxTotal !== undefined) {
        const cap = Exact.fromDecimal(v.maxTotal);
        entry.maxTotal = cap.toPlain();
        if (total.gt(cap)) total = cap;
        if (graded.gt(cap)) graded = cap;
      }
      if (v.fail !== undefined) {
        entry.fail = v.fail;
        verdict ??= v.fail;
      }
      entry.reason = reason;
      vetoes.push(entry);
    }
    // The grade on `graded`: the documented total, or with `exclude` the total brought to the full
    // scale (above); both took the same caps.
    let gradeIndex = -1;
    for (let i = 0; i < plan.grades.length; i++) {
      if (graded.gte(plan.grades[i]!.min)) {
        gradeIndex = i;
        break;
      }
    }
    if (gradeIndex >= 0 && gradeIndex < gradeCap) gradeIndex = gradeCap;

    // Plain literals and assignments in the JSON key order.
    const header: ScoreResult['rubric'] = rubric.version !== undefined
      ? { id: rubric.id, name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint }
      : { id: rubric.id, name: rubric.name, fingerprint: rubric.fingerprint };
    const result = {
      rubric: header,
      total: total.toPlain(),
      max: this.removedExclude.isZero() ? plan.maxText : sheetMax.toPlain(),
      grade: verdict ?? (gradeIndex >= 0 ? rubric.grades[gradeIndex]!.grade : null),
      indicators,
      deductions,
    } as ScoreResult;
    if (additions.length) result.additions = additions;
    result.metrics = metrics;
    result.vetoes = vetoes;
    if (rescaled) result.rescaled = rescaled;
    if (!this.removedExclude.isZero()) result.excluded = { max: this.removedExclude.toPlain(), gradedOn: graded.toPlain() };
    if (capped) result.capped = capped;
    if (verdict !== undefined) result.failed = true;
    return { result, issues: this.issues, warnings: this.warnings };
  }

  /** A base part with every 加分项 and 扣分项 added; 扣完为止 on the sheet as a whole: not below 0. */
  private finalTotal(base: Exact): Exact {
    const total = base.plus(this.sumBonus).plus(this.sumPenalty);
    return total.isNegative() ? ZERO : total;
  }

  /** Score one node into `into`; returns its exact score, or undefined when it could not be scored. */
  private visit(n: PlanNode, into: IndicatorResult[]): Exact | undefined {
    const a = this.input.assessments.get(n.id);
    if (this.notApplicable.size && this.notApplicable.has(n.id)) {
      const policy = this.naPolicy.get(n.id)!;
      into.push(this.naNode(n, policy, a?.reason));
      return policy === 'full' && n.role === 'base' ? n.maxExact : ZERO;
    }
    if (n.rows) return this.visitRows(n, a, into);
    if (n.pool) return this.visitPool(n, a, into);
    if (n.combine === 'weighted') return this.visitWeighted(n, a, into);
    if (!n.leaf) return this.visitGroup(n, a, into);
    if (this.input.badAssessments.size && this.input.badAssessments.has(n.id)) return undefined;
    const outcome = this.score(n, a);
    if (outcome === undefined) return undefined;
    if (n.cap) this.capLeaf(n, outcome);
    this.add(n, outcome.score);
    if (outcome.warning) this.warnings.push(makeIssue(outcome.warning.code, outcome.warning.params, { path: [], indicator: n.path, severity: 'warning' }));

    const bonus = n.role === 'bonus';
    const deductions: DeductionResult[] = [];
    if (!bonus) for (const d of outcome.deductions) deductions.push({ indicator: n.path, points: d.points.toPlain(), reason: d.reason });
    const score = outcome.score.toPlain();
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score, deductions };
    if (bonus && outcome.score.isPositive()) {
      const reason = outcome.note ?? `计${pts(outcome.score)}分，加${pts(outcome.score)}分`;
      result.additions = [{ indicator: n.path, points: score, reason }];
    }
    result.kind = n.kind!;
    if (n.standard !== undefined) result.standard = n.standard;
    if (n.refs.length) result.figures = this.figures(n);
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
  private visitGroup(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[]): Exact | undefined {
    const children: IndicatorResult[] = [];
    let total = ZERO;
    let failed = false;
    for (const c of n.children) {
      const s = this.visit(c, children);
      if (s === undefined) failed = true;
      else total = total.plus(s);
    }
    if (failed) return undefined;
    const deductions: DeductionResult[] = [];
    const additions: DeductionResult[] = [];
    for (const k of children) {
      if (!k.bonus || n.role === 'bonus') for (const d of k.deductions) deductions.push(d);
      if (k.additions) for (const d of k.additions) additions.push(d);
    }
    // 最多加5分 / 扣分不超过10分: what the items reached beyond the cap is said, and not counted.
    if (n.cap && n.role === 'bonus' && total.gt(n.cap)) {
      additions.push({ indicator: n.path, points: n.cap.minus(total).toPlain(), reason: `加分合计${pts(total)}分，最多加${n.capText}分，超出的${pts(total.minus(n.cap))}分不计` });
      this.sumBonus = this.sumBonus.minus(total).plus(n.cap);
      total = n.cap;
    } else if (n.cap && n.role === 'penalty' && total.lt(n.cap.neg())) {
      deductions.push({ indicator: n.path, points: total.plus(n.cap).toPlain(), reason: `扣分合计${pts(total.neg())}分，扣分不超过${n.capText}分，超出的${pts(total.neg().minus(n.cap))}分不扣` });
      this.sumPenalty = this.sumPenalty.minus(total).minus(n.cap);
      total = n.cap.neg();
    }
    const reduced = this.reducedMax.size ? this.reducedMax.get(n.id) : undefined;
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: reduced ? reduced.toPlain() : n.maxText, score: total.toPlain(), deductions };
    if (additions.length) result.additions = additions;
    if (a?.reason !== undefined) result.remark = a.reason;
    if (n.role === 'bonus') result.bonus = true;
    if (n.role === 'penalty') result.penalty = true;
    if (n.capText !== undefined) result.cap = n.capText;
    result.children = children;
    into.push(result);
    return total;
  }

  /** The max a node scores out of: its own, less what 不适用 items below it removed (rescale, exclude). */
  private ownMax(n: PlanNode): Exact {
    return (this.reducedMax.size ? this.reducedMax.get(n.id) : undefined) ?? n.maxExact;
  }

  /** A 加分项 or 扣分项 leaf with a cap below its max: what it reached beyond is said, and not counted. */
  private capLeaf(n: PlanNode, outcome: Outcome): void {
    const cap = n.cap!;
    if (n.role === 'bonus' && outcome.score.gt(cap)) {
      outcome.note = `${outcome.note ?? `计${pts(outcome.score)}分`}，最多加${n.capText}分，加${n.capText}分`;
      outcome.score = cap;
    } else if (n.role === 'penalty' && outcome.score.lt(cap.neg())) {
      const over = outcome.score.neg().minus(cap);
      outcome.deductions = [...outcome.deductions, { points: over.neg(), reason: `扣分不超过${n.capText}分，超出的${pts(over)}分不扣` }];
      outcome.score = cap.neg();
    }
  }

  /**
   * 可选项: the children the evaluation chose (did not mark 不适用) share the max, by their
   * maxima or equally, on the sheet's grid; each is scored on its own scale and shown on its share.
   */
  private visitPool(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[]): Exact | undefined {
    const chosen = n.children.filter((c) => !this.notApplicable.has(c.id));
    const shares = this.poolShares(n, chosen);
    const children: IndicatorResult[] = [];
    const deductions: DeductionResult[] = [];
    let total = ZERO;
    let raw = ZERO;
    let failed = false;
    let k = 0;
    for (const c of n.children) {
      const own: IndicatorResult[] = [];
      const s = this.visit(c, own);
      if (s === undefined) {
        failed = true;
        continue;
      }
      const r = own[0]!;
      children.push(r);
      if (this.notApplicable.has(c.id)) continue;
      raw = raw.plus(s);
      const share = shares[k++]!;
      // On its own scale: its max less what 不适用 items below it removed.
      const ownMax = this.ownMax(c);
      const scaled = ownMax.isZero() ? ZERO : this.round(s.times(share).div(ownMax));
      const lost = share.minus(scaled);
      const why = r.deductions.map((d) => d.reason).join('；');
      const how = `可选项“${c.name}”得${pts(s)}分（满分${pts(ownMax)}分），按所选${chosen.length}项分享${n.maxText}分，折合为${pts(share)}分中的${pts(scaled)}分`;
      r.scaledFrom = { max: r.max, score: r.score };
      r.max = share.toPlain();
      r.score = scaled.toPlain();
      r.deductions = lost.isPositive() ? [{ indicator: c.path, points: lost.toPlain(), reason: why ? `${why}；${how}，扣${pts(lost)}分` : `${how}，扣${pts(lost)}分` }] : [];
      // How it was scaled is said once: in the deduction when it lost points, else as a remark.
      if (!lost.isPositive()) r.remark = r.remark === undefined ? how : `${how}；${r.remark}`;
      for (const d of r.deductions) deductions.push(d);
      total = total.plus(scaled);
    }
    if (failed) return undefined;
    this.sumBase = this.sumBase.minus(raw).plus(total);
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: total.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return total;
  }

  /**
   * A weighted block: each child scored on its own scale, the node's score its max × the
   * weighted average of the children's shares (预算绩效50 = 预算管理75% + 财务管理25%); weights are
   * constants or formulas over the inputs (以资金额度为权重). Children marked 不适用 (other than
   * `full`) leave the average, and the weights of the rest are taken as they are.
   */
  private visitWeighted(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[]): Exact | undefined {
    const children: IndicatorResult[] = [];
    let failed = false;
    let raw = ZERO;
    let sumW = ZERO;
    let sumWs = ZERO;
    const parts: string[] = [];
    for (const c of n.children) {
      const s = this.visit(c, children);
      if (s === undefined) {
        failed = true;
        continue;
      }
      raw = raw.plus(s);
      const r = children[children.length - 1]!;
      if (this.notApplicable.has(c.id) && this.naPolicy.get(c.id) !== 'full') continue;
      const w = this.weightOf(c);
      if (w === undefined) {
        failed = true;
        continue;
      }
      r.weight = w.toPlain();
      const own = this.ownMax(c);
      if (own.isZero()) continue;
      sumW = sumW.plus(w);
      sumWs = sumWs.plus(w.times(s).div(own));
      parts.push(`${c.name}${pts(s)}分（满分${pts(own)}分）×权重${pts(w)}`);
    }
    if (failed) return undefined;
    // Every child 不适用, or with nothing left to score out of: nothing to weigh.
    if (sumW.isZero() && n.children.every((c) => (this.notApplicable.has(c.id) && this.naPolicy.get(c.id) !== 'full') || this.ownMax(c).isZero())) {
      this.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0', detail: '的下级指标都标记为不适用，无从加权；请将该指标本身标记为不适用', detailEn: 'has every child marked 不适用: nothing to weigh; mark the block itself 不适用' }, { path: ['assessments'], indicator: n.path }));
      return undefined;
    }
    if (sumW.isZero()) {
      // Every weight 0 (no funds anywhere): nothing to average. Point at the first weight's figure.
      const first = n.children.find((c) => c.weight !== undefined && !(c.weight instanceof Exact))?.weight as CompiledFormula | undefined;
      this.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0' }, { path: first ? this.plan.figurePath(first.refs[0]) : [], indicator: n.path }));
      return undefined;
    }
    const share = sumWs.div(sumW);
    const score = this.round(n.maxExact.times(share));
    this.sumBase = this.sumBase.minus(raw).plus(score);
    const lost = n.maxExact.minus(score);
    // The rate beside a deduction is below 100%: 99.9996% never prints as "100".
    const reason = `${parts.join(' + ')}，加权得分率${showApart(share.times(HUNDRED), HUNDRED)}%，×${n.maxText}分=${pts(score)}分，扣${pts(lost)}分`;
    const deductions: DeductionResult[] = lost.isPositive() ? [{ indicator: n.path, points: lost.toPlain(), reason }] : [];
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: n.maxText, score: score.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return score;
  }

  /**
   * The max each rows section scores out of: its own, or, where a section with no rows gives its
   * weight away (`empty: redistribute`, e.g. 满意度指标 with no row), its own plus a share of that
   * weight in proportion to its max.
   */
  private sectionMaxima(): void {
    const sections = this.plan.rowSections.filter((s) => !this.notApplicable.has(s.id));
    const given = (s: PlanNode) => (this.input.rows.get(s.id) ?? []).length > 0 || this.input.badRows.has(s.id);
    const away = sections.filter((s) => !given(s) && s.rows!.empty === 'redistribute');
    const receivers = sections.filter((s) => given(s));
    const moved = away.reduce((a, s) => a.plus(s.maxExact), ZERO);
    if (moved.isZero()) return;
    const base = receivers.reduce((a, s) => a.plus(s.maxExact), ZERO);
    if (base.isZero()) {
      for (const s of away) this.issues.push(makeIssue('rows_missing', { indicator: s.path }, { path: ['rows', s.id], indicator: s.path }));
      return;
    }
    for (const s of away) this.sectionMax.set(s.id, ZERO);
    // The receivers' new maxima, on the sheet's grid and adding up to what they had and received.
    const shares = apportion(base.plus(moved), receivers.map((s) => s.maxExact), this.plan.step);
    receivers.forEach((s, i) => this.sectionMax.set(s.id, shares[i]!));
  }

  /** A section of the evaluation's rows: each row a leaf, grouped by its 二级指标. */
  private visitRows(n: PlanNode, a: Assessment | undefined, into: IndicatorResult[]): Exact | undefined {
    if (this.input.badRows.has(n.id)) return undefined;
    const list = this.input.rows.get(n.id) ?? [];
    const max = this.sectionMax.get(n.id) ?? n.maxExact;
    const methods = this.rubric.project;
    const shown = (x: Exact) => x.round(this.rubric.precision, this.rubric.rounding).toPlain();
    const children: IndicatorResult[] = [];
    const deductions: DeductionResult[] = [];
    let total = ZERO;
    let failed = false;
    if (list.length === 0) {
      // `empty: zero`: the section scores nothing; `redistribute`: its weight went to the others.
      if (max.isPositive()) deductions.push({ indicator: n.path, points: shown(max), reason: `未填写${n.name}的指标行，扣${shown(max)}分` });
    } else {
      // Rows 不适用 (an empty 指标值 where the rubric says so) leave; their weight goes to the rest.
      const scored = list.some((r) => r.target === undefined) ? list.filter((r) => r.target !== undefined) : list;
      if (scored.length === 0) {
        this.issues.push(makeIssue('rows_all_not_applicable', { indicator: n.path }, { path: ['rows', n.id], indicator: n.path }));
        return undefined;
      }
      const sum = scored.reduce((s, r) => s.plus(r.weight), ZERO);
      if (sum.isZero()) {
        this.issues.push(makeIssue('row_weights_mismatch', { indicator: n.path, sum: '0', max: shown(max) }, { path: ['rows', n.id], indicator: n.path }));
        return undefined;
      }
      // Weights as given when they add up to the max; otherwise (`weights: scaled`, a
      // redistributed max, or rows 不适用) scaled to it, on the sheet's grid, adding up to it exactly.
      const scale = sum.eq(max) ? undefined : max.div(sum);
      const scaled = scale ? apportion(max, scored.map((r) => r.weight), this.plan.step) : undefined;
      // 二级 groups, with their sums kept exact until they are printed.
      const groups = new Map<string, { node: IndicatorResult; max: Exact; score: Exact }>();
      const place = (row: (typeof list)[number], leaf: IndicatorResult, w: Exact, score: Exact, own: DeductionResult[]) => {
        if (row.group === undefined) return void children.push(leaf);
        let g = groups.get(row.group);
        if (!g) {
          const node: IndicatorResult = { id: `${n.id}.${row.group}`, name: row.group, path: `${n.path}.${row.group}`, max: '0', score: '0', deductions: [], children: [] };
          g = { node, max: ZERO, score: ZERO };
          groups.set(row.group, g);
          children.push(node);
        }
        g.max = g.max.plus(w);
        g.score = g.score.plus(score);
        for (const d of own) g.node.deductions.push(d);
        g.node.children!.push(leaf);
      };
      const pathOf = (row: (typeof list)[number]) => (row.group === undefined ? `${n.path}.${row.index + 1}` : `${n.path}.${row.group}.${row.index + 1}`);
      let k = -1;
      for (const row of list) {
        if (row.target === undefined) {
          const path = pathOf(row);
          const note = `未设定年度指标值，按不适用处理，原分值${pts(row.weight)}分按比例并入本指标其余各行`;
          const leaf: IndicatorResult = { id: `${n.id}.${row.index + 1}`, name: row.name, path, max: '0', score: '0', deductions: [], kind: 'row', remark: row.reason === undefined ? note : `${note}；${row.reason}`, notApplicable: true };
          place(row, leaf, ZERO, ZERO, []);
          continue;
        }
        k++;
        const w = scaled ? scaled[k]! : row.weight;
        const where = `第${row.index + 1}行“${row.name}”`;
        const at = (field: string) => ({ path: ['rows', n.id, row.index, field], indicator: n.path });
        let outcome;
        if (row.target.kind === 'number' || row.target.kind === 'range') {
          outcome = scoreNumberRow(row.target, row.actual!, w, row.target.unit, methods);
          // `method: times_actual`: a 正向 percentage scored as w × B%, met or not; 偏差原因 as the
          // target says. Any other row keeps the score by its target, computed once.
          if (n.rows!.method === 'times_actual' && timesActualApplies(row.target)) {
            const short = outcome.short;
            outcome = scoreTimesActual(row.target, row.actual!, w, methods);
            outcome.short = short;
          }
        } else {
          const r = scoreLevelRow(row.level, row.score, row.weight, methods, scale && !row.weight.isZero() ? w.div(row.weight) : scale);
          if ('code' in r) {
            failed = true;
            if (r.code === 'level_score_out_of_range') {
              const range = r.level === '达成' ? `[${shown(r.lo)}, ${shown(r.hi)}]` : `[${shown(r.lo)}, ${shown(r.hi)})`;
              this.issues.push(makeIssue('row_level_out_of_range', { row: where, level: r.level, score: row.score!.toPlain(), range }, at('score')));
            } else this.issues.push(makeIssue('row_level_missing', { row: where }, at('level')));
            continue;
          }
          outcome = r;
        }
        if (outcome.short && methods.reasonRequired && visibleText(row.reason) === undefined) {
          failed = true;
          this.issues.push(makeIssue('row_reason_required', { row: where, score: pts(outcome.score), max: shown(w) }, at('reason')));
          continue;
        }
        if (outcome.warning) this.warnings.push(makeIssue('row_over_target', { row: where, detail: outcome.warning }, { ...at('actual'), severity: 'warning' }));
        // Under its 二级指标 when it has one: 效益指标.社会效益指标.1.
        const path = pathOf(row);
        const lost = w.round(this.rubric.precision, this.rubric.rounding).minus(outcome.score);
        const own: DeductionResult[] = lost.isPositive() && outcome.reason ? [{ indicator: path, points: lost.toPlain(), reason: outcome.reason }] : [];
        const leaf: IndicatorResult = { id: `${n.id}.${row.index + 1}`, name: row.name, path, max: shown(w), score: outcome.score.toPlain(), deductions: own };
        leaf.kind = 'row';
        leaf.standard = row.target.text;
        leaf.figures = row.actual !== undefined ? { 年度指标值: row.target.text, 实际完成值: `${row.actual.toPlain()}${row.target.kind === 'number' || row.target.kind === 'range' ? row.target.unit : ''}` } : { 年度指标值: row.target.text, 完成档次: row.level! };
        if (row.reason !== undefined) leaf.remark = row.reason;
        total = total.plus(outcome.score);
        this.sumBase = this.sumBase.plus(outcome.score);
        place(row, leaf, w.round(this.rubric.precision, this.rubric.rounding), outcome.score, own);
      }
      for (const g of groups.values()) {
        g.node.max = g.max.toPlain();
        g.node.score = g.score.toPlain();
      }
    }
    if (failed) return undefined;
    // What the section lost: its children's deductions, in sheet order.
    for (const c of children) for (const d of c.deductions) deductions.push(d);
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: shown(max), score: total.toPlain(), deductions };
    if (a?.reason !== undefined) result.remark = a.reason;
    result.children = children;
    into.push(result);
    return total;
  }

  /** Run a leaf's scorer; an issue it raises is recorded and the leaf left unscored. */
  private score(n: PlanNode, a: Assessment | undefined): Outcome | undefined {
    this.current = n;
    this.max = n.maxExact;
    this.role = n.role;
    this.indicator = n.who;
    this.assessment = a;
    try {
      return n.scorer!.score(this);
    } catch (e) {
      if (e instanceof AlreadyReported) return undefined;
      if (!(e instanceof Stop)) throw e;
      this.issues.push(e.issue);
      return undefined;
    } finally {
      this.current = undefined;
    }
  }

  /** A 不适用 node: under a parent with `full`, each base child gets its max; a 加分项 or 扣分项 nothing. */
  private naNode(n: PlanNode, policy: NaState, remark: string | undefined, counts = true): IndicatorResult {
    const full = policy === 'full';
    const earns = full && n.role === 'base';
    // A 可选项 pool or a weighted block is worth its own max, which its children's maxima need not
    // add up to: under `full` it earns that max itself, and its children are shown as it would
    // show them scored in full (a pool: each on its share; a block: each with its weight).
    const whole = earns && !n.leaf && (n.pool !== undefined || n.combine === 'weighted');
    if (counts && (n.leaf || whole)) this.add(n, earns ? n.maxExact : ZERO);
    // Removed (rescale, exclude) or not chosen: no score, no loss, max 0, so the sheet adds up. A
    // 加分项 or 扣分项 keeps its max (the most it could add or take off) and scores 0.
    const result: IndicatorResult = { id: n.id, name: n.name, path: n.path, max: earns || n.role !== 'base' ? n.maxText : '0', score: earns ? n.maxText : '0', deductions: [] };
    if (n.kind) result.kind = n.kind;
    if (n.standard !== undefined) result.standard = n.standard;
    if (remark !== undefined) result.remark = remark;
    if (n.role === 'bonus') result.bonus = true;
    if (n.role === 'penalty') result.penalty = true;
    result.notApplicable = true;
    if (!n.leaf) {
      const children = n.children.map((c) => this.naNode(c, policy, undefined, counts && !whole));
      if (whole && n.pool) {
        const shares = this.poolShares(n, n.children);
        children.forEach((r, k) => {
          r.scaledFrom = { max: r.max, score: r.score };
          r.max = r.score = shares[k]!.toPlain();
        });
      } else if (whole) {
        children.forEach((r, k) => {
          const w = this.weightOf(n.children[k]!);
          if (w !== undefined) r.weight = w.toPlain();
        });
      }
      result.children = children;
    }
    return result;
  }

  /**
   * A weighted block's child's weight: a constant, or its formula computed on the inputs. A
   * formula that fails, or gives a negative weight, is reported; then undefined.
   */
  private weightOf(c: PlanNode): Exact | undefined {
    if (c.weight instanceof Exact) return c.weight;
    // Computed once: the limit on 不适用 may need it before the block is scored.
    if (this.weights?.has(c.id)) return this.weights.get(c.id);
    const w = this.computeWeight(c);
    (this.weights ??= new Map()).set(c.id, w);
    return w;
  }

  private computeWeight(c: PlanNode): Exact | undefined {
    const f = c.weight as CompiledFormula;
    let w: Exact;
    this.current = c;
    try {
      w = this.compute(f, `指标“${c.path}”的权重`) as Exact;
    } catch (e) {
      if (e instanceof AlreadyReported) return undefined;
      if (!(e instanceof Stop)) throw e;
      this.issues.push(e.issue);
      return undefined;
    } finally {
      this.current = undefined;
    }
    if (w.isNegative()) {
      this.issues.push(makeIssue('weight_invalid', { indicator: c.path, weight: w.toPlain() }, { path: this.plan.figurePath(f.refs[0]), indicator: c.path }));
      return undefined;
    }
    return w;
  }

  private add(n: PlanNode, score: Exact): void {
    if (n.role === 'bonus') this.sumBonus = this.sumBonus.plus(score);
    else if (n.role === 'penalty') this.sumPenalty = this.sumPenalty.plus(score);
    else this.sumBase = this.sumBase.plus(score);
  }

  /** The figures a leaf read, as given (inputs) or to six decimals (metrics). */
  private figures(n: PlanNode): Record<string, string> {
    const figures: Record<string, string> = {};
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

  /** Mark 不适用 subtrees, each node with the policy of the topmost marked one (or `unchosen` in a pool). */
  private markNotApplicable(nodes: readonly PlanNode[], above: NaState | undefined): void {
    for (const n of nodes) {
      let p = above;
      if (p === undefined && this.input.assessments.get(n.id)?.notApplicable === true) p = n.inPool ? 'unchosen' : n.naPolicy;
      if (p !== undefined) {
        this.notApplicable.add(n.id);
        this.naPolicy.set(n.id, p);
      }
      this.markNotApplicable(n.children, p);
    }
  }

  /**
   * What 不适用 removes from the base max (rescale and exclude; a pool or a weighted block keeps
   * its own), with the reduced max of every parent it leaves, checked against the rubric's limit;
   * and every pool's choice checked against its `pick`.
   *
   * The limit counts every point of the sheet's max that 不适用 takes out of scoring, wherever it
   * stands: a plain indicator its max; one below a weighted block its share of the block's max
   * (the block's max × its weight ÷ the sum of all the block's weights, 不适用 ones included, the
   * fraction of its own max it lost); one below a chosen row of a 可选项 pool the same fraction of
   * that row's share. Nested blocks and pools multiply. In a rows section (项目支出绩效自评表), rows
   * 不适用 by an empty 指标值 count their part of the section's max, and a section with no rows whose
   * max goes to the others (`empty: redistribute`) its whole max ({@link rowsRemoved}): what was
   * moved onto the rows that were assessed was not assessed itself. Exact: no share is rounded.
   */
  private checkRemoved(rowLoss: ReadonlyMap<string, Exact> | undefined): void {
    /** Nodes with something removed (rescale, exclude, rows 不适用) at or below them. */
    const removing = new Set<string>();
    if (rowLoss) for (const id of rowLoss.keys()) removing.add(id);
    const removedIn = (n: PlanNode): [Exact, Exact] => {
      const p = this.naPolicy.get(n.id);
      if (n.role !== 'base') return [ZERO, ZERO];
      if (p === 'rescale' || p === 'exclude') {
        if (n.maxExact.isPositive()) removing.add(n.id);
        return p === 'rescale' ? [n.maxExact, ZERO] : [ZERO, n.maxExact];
      }
      if (p !== undefined) return [ZERO, ZERO];
      if (n.pool) {
        const chosen = n.children.filter((c) => !this.notApplicable.has(c.id)).length;
        const pick = n.pool.pick;
        if (chosen === 0 || (pick !== undefined && chosen !== pick))
          this.issues.push(makeIssue('pool_pick_mismatch', { indicator: n.path, pick: pick ?? '至少1', pickEn: pick ?? 'at least 1', chosen }, { path: ['assessments'], indicator: n.path }));
        // Shared by their maxima, the rows chosen must have some: rows of max 0 share nothing.
        else if (n.pool.split === 'weights' && n.children.every((c) => this.notApplicable.has(c.id) || c.maxExact.isZero()))
          this.issues.push(makeIssue('weight_invalid', { indicator: n.path, weight: '0' }, { path: ['assessments'], indicator: n.path }));
      }
      let r = ZERO;
      let e = ZERO;
      for (const c of n.children) {
        const [cr, ce] = removedIn(c);
        r = r.plus(cr);
        e = e.plus(ce);
        if (removing.has(c.id)) removing.add(n.id);
      }
      if (n.pool || n.combine === 'weighted') return [ZERO, ZERO];
      if (r.isPositive() || e.isPositive()) this.reducedMax.set(n.id, n.maxExact.minus(r).minus(e));
      return [r, e];
    };
    for (const n of this.plan.roots) {
      const [r, e] = removedIn(n);
      this.removedRescale = this.removedRescale.plus(r);
      this.removedExclude = this.removedExclude.plus(e);
    }
    if (!removing.size) return;
    // What leaves the sheet's scoring, in sheet points: `scale` is sheet points per point of n's max.
    let failed = false;
    const lost = (n: PlanNode, scale: Exact): Exact => {
      if (!removing.has(n.id)) return ZERO;
      if (this.naPolicy.has(n.id)) return n.maxExact.times(scale);
      const rows = rowLoss?.get(n.id);
      if (rows !== undefined) return n.maxExact.times(rows).times(scale);
      const scales = n.pool ? this.poolScales(n) : n.combine === 'weighted' ? this.blockScales(n) : undefined;
      if (scales === undefined && (n.pool || n.combine === 'weighted')) {
        failed = true;
        return ZERO;
      }
      let sum = ZERO;
      n.children.forEach((c, k) => {
        sum = sum.plus(lost(c, scales ? scale.times(scales[k]!) : scale));
      });
      return sum;
    };
    let removed = ZERO;
    for (const n of this.plan.roots) removed = removed.plus(lost(n, ONE));
    // Printed on its side of the limit: 50.0000001 is never "50" beside a limit of 50.
    const limit = this.plan.naLimit;
    if (!failed && removed.gt(limit))
      this.issues.push(makeIssue('not_applicable_over_limit', { removed: showApart(removed, limit), limit: limit.toPlain() }, { path: ['assessments'] }));
  }

  /**
   * What 不适用 takes out of each rows section (项目支出绩效自评表), as a part of the section's own
   * max: 1 for a section with no rows whose max goes to the other sections (`empty: redistribute`);
   * for rows with an empty 指标值 under `emptyTarget: not_applicable`, their 分值 over the 分值 of
   * all the section's rows. Either way the rows that were assessed stand for less of the sheet than
   * their maxima say, as a plain indicator's siblings do under `rescale`. A section marked 不适用,
   * or left empty under `zero` (it scores nothing: a loss, not a removal), is not here.
   */
  private rowsRemoved(): Map<string, Exact> {
    const out = new Map<string, Exact>();
    const sections = this.plan.rowSections.filter((s) => s.role === 'base' && !this.notApplicable.has(s.id));
    const given = (s: PlanNode) => (this.input.rows.get(s.id) ?? []).length > 0 || this.input.badRows.has(s.id);
    // Redistributed only where some section receives it (else `rows_missing`, reported by sectionMaxima).
    const receives = sections.some((s) => given(s) && s.maxExact.isPositive());
    for (const s of sections) {
      if (!s.maxExact.isPositive() || this.input.badRows.has(s.id)) continue;
      const list = this.input.rows.get(s.id) ?? [];
      if (list.length === 0) {
        if (s.rows!.empty === 'redistribute' && receives) out.set(s.id, ONE);
        continue;
      }
      // Every row 不适用: refused on its own (`rows_all_not_applicable`), not also over the limit.
      if (list.every((r) => r.target === undefined)) continue;
      let gone = ZERO;
      let all = ZERO;
      for (const r of list) {
        all = all.plus(r.weight);
        if (r.target === undefined) gone = gone.plus(r.weight);
      }
      if (gone.isPositive()) out.set(s.id, gone.div(all));
    }
    return out;
  }

  /** A 可选项 pool's max shared among `rows`, by their maxima or equally, on the sheet's grid. */
  private poolShares(n: PlanNode, rows: readonly PlanNode[]): Exact[] {
    return apportion(n.maxExact, rows.map((c) => (n.pool!.split === 'equal' ? ONE : c.maxExact)), this.step);
  }

  /**
   * A 可选项 pool's chosen rows: each row's share of the pool's max per point of its own max
   * (share ÷ max; 0 for a row not chosen or of max 0).
   */
  private poolScales(n: PlanNode): Exact[] {
    const chosen = n.children.filter((c) => !this.notApplicable.has(c.id));
    // Nothing chosen, or nothing to share by: reported as the pool's own issue.
    if (!chosen.some((c) => n.pool!.split === 'equal' || c.maxExact.isPositive())) return n.children.map(() => ZERO);
    const shares = this.poolShares(n, chosen);
    let k = 0;
    return n.children.map((c) => {
      if (this.notApplicable.has(c.id)) return ZERO;
      const share = shares[k++]!;
      return c.maxExact.isZero() ? ZERO : share.div(c.maxExact);
    });
  }

  /**
   * A weighted block's children: each one's share of the block's max (max × weight ÷ the sum of
   * all the weights) per point of its own max. Undefined when a weight failed (it is reported).
   */
  private blockScales(n: PlanNode): Exact[] | undefined {
    const weights: Exact[] = [];
    for (const c of n.children) {
      const w = this.weightOf(c);
      if (w === undefined) return undefined;
      weights.push(w);
    }
    const sum = weights.reduce((a, w) => a.plus(w), ZERO);
    return n.children.map((c, k) => (sum.isZero() || c.maxExact.isZero() ? ZERO : n.maxExact.times(weights[k]!).div(sum).div(c.maxExact)));
  }

  /**
   * Every metric whose inputs are present is computed, so a division by zero anywhere is
   * reported; except those read only by 不适用 indicators, whose figures may truthfully be 0.
   */
  private computeMetrics(): Record<string, string> {
    const metrics: Record<string, string> = {};
    if (!this.plan.metrics.length) return metrics;
    const missing = this.metricsMissingInputs();
    const onlyNa = this.notApplicable.size ? metricsReadOnlyBy(this.rubric, this.notApplicable) : undefined;
    for (const m of this.plan.metrics) {
      const name = m.name;
      if ((missing && missing.has(name)) || (onlyNa && onlyNa.has(name))) continue;
      try {
        const text = this.lookup(name).round(METRIC_PLACES).toPlain();
        metrics[name] = text;
        this.metricText.set(name, text);
      } catch (e) {
        if (e instanceof AlreadyReported) {
          this.metricState.set(name, 'failed');
          continue;
        }
        if (!(e instanceof Stop)) throw e;
        this.metricState.set(name, 'failed');
        this.issues.push({ ...e.issue, path: ['metrics', name] });
      }
    }
    return metrics;
  }

  /** Metrics that read, directly or through other metrics, an input the evaluation left out. */
  private metricsMissingInputs(): Set<string> | undefined {
    let missing: Set<string> | undefined;
    const values = this.input.values;
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

  // ——— reading names, for formulas ———

  /** An input's figure, or a metric's value (computed once per evaluation). */
  private lookup(name: string): Exact {
    const v = this.input.values.get(name);
    if (v !== undefined) return v;
    if (this.plan.inputByName.has(name)) {
      if (this.input.badValues.has(name)) throw new AlreadyReported(name);
      const c = this.current;
      return this.stop('input_missing', {
        name,
        expected: c ? `数值，指标“${c.path}”需要它` : '数值',
        expectedEn: c ? `a number, needed by "${c.path}"` : 'a number',
      }, ['values', name]);
    }
    const m = this.metricValues.get(name);
    if (m !== undefined) return m;
    if (this.metricState.get(name) === 'failed') throw new AlreadyReported(name);
    const info = this.rubric.metrics.get(name)!;
    this.metricState.set(name, 'computing');
    const raw = this.compute(info.formula, `派生指标“${name}”`) as Exact;
    // A declared rounding (`round: 0`: 执行率49.88% 按50%计) applies before anything reads it.
    let value = raw;
    if (info.round !== undefined) {
      value = raw.round(info.round, this.rubric.rounding);
      if (!value.eq(raw)) (this.metricRaw ??= new Map()).set(name, raw);
    }
    this.metricValues.set(name, value);
    this.metricState.delete(name);
    return value;
  }

  private compute(f: CompiledFormula, detail?: string): Exact | boolean {
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
