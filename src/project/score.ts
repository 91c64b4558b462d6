import { Exact, HUNDRED, ONE, ZERO } from '../exact.js';
import type { RoundingName } from '../decimal.js';
import { showApart } from '../rules/common.js';
import { showProjectTarget, type ProjectTarget } from './target.js';

/**
 * How a 项目支出绩效自评表 row is scored, by the rules of 财预〔2020〕10号 and the variants in use
 * (docs/sources/project-expenditure.md, §2). A = 年度指标值, B = 实际完成值, w = 分值.
 *
 * - 正向 (≥A): B ≥ A → w; else w × B/A (0 for B ≤ 0).
 * - 反向 (≤A): B ≤ A → w; else `inverse` w × A/B (北京 2016), or `linear` w × (1 − (B−A)/A),
 *   0 once B ≥ 2A (a deployed 一体化 module). The rubric says which.
 * - 等于0 (≤0): B ≤ 0 → w, else 0.
 * - 等于 (=A): B = A → w; else `all_or_nothing` 0, or `proportional` w × min(B/A, A/B).
 * - a range [lo, hi]: inside → w; below w × B/lo; above w × hi/B.
 * - 定性: the evaluator picks the 档 and a score inside it (80%–100% of w, 60%–80%, 0–60%
 *   nationally; 湖北 80/50): a score outside its 档 is an error, not a clamp. The edges are
 *   w × 80% and w × 60% rounded to the sheet's precision, as the 一体化 module compares
 *   (round(w × 0.8, 2)): with w = 3.33, 达成 is [2.66, 3.33].
 *
 * Every score is exact until it is rounded once, at the rubric's precision. An unmet row whose
 * score rounds to w scores one step below it (`below_full`), or w (`as_rounded`, the 一体化 module).
 */
export interface RowMethods {
  inverse: 'inverse' | 'linear';
  equals: 'all_or_nothing' | 'proportional';
  /** Lower edges of 达成 and 部分达成, as fractions of w (0.8 and 0.6 nationally). */
  levels: { achieved: Exact; partly: Exact };
  /** A 正向 row done this many times over its target gets a warning (偏离度调减 is the evaluator's call). */
  overAchievement?: Exact;
  /** An unmet row whose score rounds to w: one step below w (`below_full`), or w (`as_rounded`). */
  unmetRounding: 'below_full' | 'as_rounded';
  precision: number;
  rounding: RoundingName;
}

export type Level = '达成' | '部分达成' | '未达成';

/**
 * The 档 as forms write it in the actual column: `达成`, `部分达成`, `未达成`, with the object
 * (`预期指标`, `年度指标`, `预期目标`, `年度目标`) and, for the lower two, the 办法's own tail
 * (`部分达成年度指标并具有一定效果`, `未达成年度指标且效果较差`), as systems export it
 * (`部分达成预期指标并具有一定效果`). A tail that belongs to another 档 is no 档 at all.
 */
export function readLevelWord(text: string): Level | undefined {
  const m = /^(达成|部分达成|未达成)(?:(?:预期|年度)(?:指标|目标))?([，,]?(?:并具有一定效果|且效果较差))?[。.]?$/.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const level = m[1] as Level;
  const tail = m[2]?.replace(/^[，,]/, '');
  if (tail === undefined) return level;
  return (level === '部分达成' && tail === '并具有一定效果') || (level === '未达成' && tail === '且效果较差') ? level : undefined;
}

export interface RowOutcome {
  score: Exact;
  /** Points below w, with the sheet's wording; undefined at full marks. */
  reason?: string;
  /** Why the evaluator should look again (far above target); never changes the score. */
  warning?: string;
  /** The row is not fully met: 偏差原因 is required. */
  short: boolean;
}

export type RowError =
  | { code: 'level_score_out_of_range'; level: Level; lo: Exact; hi: Exact }
  | { code: 'level_missing' }
  | { code: 'actual_not_number' }
  | { code: 'unit_mismatch'; target: string; actual: string };

const pts = (x: Exact) => x.round(6).toPlain();
/** A share below 1 as a percentage that never prints as 100 (99.996%, not 100%). */
const pctBelow = (x: Exact) => showApart(x.times(HUNDRED), HUNDRED);

/** Score a quantitative row: `actual` in the target's unit. */
export function scoreNumberRow(target: Extract<ProjectTarget, { kind: 'number' | 'range' }>, actual: Exact, w: Exact, unit: string, m: RowMethods): RowOutcome {
  const round = (x: Exact) => x.round(m.precision, m.rounding);
  const shown = showProjectTarget(target);
  const b = `${actual.toPlain()}${unit}`;
  const settle = (exact: Exact, ratio: Exact | undefined): RowOutcome => {
    const clamped = exact.lt(ZERO) ? ZERO : exact.gt(w) ? w : exact;
    let score = round(clamped);
    // `below_full`: an unmet target never rounds up to full marks.
    if (m.unmetRounding === 'below_full' && score.gte(w)) score = round(w.minus(Exact.ratio(1n, 10n ** BigInt(m.precision))));
    if (score.isNegative()) score = ZERO;
    const lost = round(w).minus(score);
    // `as_rounded`: full marks by rounding, nothing lost, but the target is still unmet (偏差原因).
    if (!lost.isPositive()) return { score, short: true };
    // The ratio of an unmet row is below 100%, printed so; a strict target (>, <) missed on its
    // value has a ratio of exactly 100%, and says so rather than print it.
    const part = ratio === undefined ? '' : ratio.lt(ONE) ? `，完成比例${pctBelow(ratio)}%` : `，恰为指标值，未达到${shown}`;
    return { score, reason: `完成值${b}，指标值${shown}${part}，得${pts(score)}分，扣${pts(lost)}分`, short: true };
  };
  const full = (): RowOutcome => {
    const out: RowOutcome = { score: round(w), short: false };
    if (m.overAchievement && target.kind === 'number' && (target.op === '>=' || target.op === '>') && target.value.isPositive()) {
      const times = actual.div(target.value);
      if (times.gte(m.overAchievement)) out.warning = `完成值${b}为指标值${shown}的${showApart(times.times(HUNDRED), m.overAchievement.times(HUNDRED))}%，远超目标，请分析指标值是否设定偏低（偏离度调减）`;
    }
    return out;
  };

  if (target.kind === 'range') {
    if (actual.gte(target.lo) && actual.lte(target.hi)) return full();
    if (actual.lt(target.lo)) {
      const ratio = target.lo.isPositive() && actual.isPositive() ? actual.div(target.lo) : ZERO;
      return settle(w.times(ratio), ratio);
    }
    const ratio = target.hi.div(actual);
    return settle(w.times(ratio), ratio);
  }

  const a = target.value;
  switch (target.op) {
    case '>=':
    case '>': {
      const met = target.op === '>=' ? actual.gte(a) : actual.gt(a);
      if (met) return full();
      const ratio = a.isPositive() && actual.isPositive() ? actual.div(a) : ZERO;
      return settle(w.times(ratio), ratio);
    }
    case '<=':
    case '<': {
      const met = target.op === '<=' ? actual.lte(a) : actual.lt(a);
      if (met) return full();
      // 等于0 (投诉率0、差错率0): none allowed, so any is none of the points.
      if (!a.isPositive()) return settle(ZERO, undefined);
      if (m.inverse === 'inverse') {
        const ratio = a.div(actual);
        return settle(w.times(ratio), ratio);
      }
      const ratio = ONE.minus(actual.minus(a).div(a));
      return settle(w.times(ratio), ratio.isNegative() ? ZERO : ratio);
    }
    case '=': {
      if (actual.eq(a)) return full();
      if (m.equals === 'all_or_nothing' || !a.isPositive() || !actual.isPositive()) return settle(ZERO, undefined);
      const ratio = actual.lt(a) ? actual.div(a) : a.div(actual);
      return settle(w.times(ratio), ratio);
    }
  }
}

/**
 * The scores a 定性 row may have in its 档, on its 分值 `w`: `[lo, hi]` for 达成, `[lo, hi)` for
 * the others. The edges are w × the 档's share rounded to the sheet's precision, as the 一体化
 * module compares them (round(w × 0.8, 2)), so the check and the message use the same figures:
 * with w = 3.33, 达成 [2.66, 3.33], 部分达成 [2, 2.66), 未达成 [0, 2).
 */
export function levelRange(level: Level, w: Exact, m: Pick<RowMethods, 'levels' | 'precision' | 'rounding'>): [lo: Exact, hi: Exact, hiIncluded: boolean] {
  const edge = (share: Exact) => w.times(share).round(m.precision, m.rounding);
  if (level === '达成') return [edge(m.levels.achieved), w, true];
  if (level === '部分达成') return [edge(m.levels.partly), edge(m.levels.achieved), false];
  return [ZERO, edge(m.levels.partly), false];
}

/**
 * Score a 定性 row: the 档 the evaluator chose and the score given inside it, on the row's own
 * 分值 `w`. With `scale` (the section's weights scaled to its max), the score is scaled with it.
 */
export function scoreLevelRow(level: Level | undefined, given: Exact | undefined, w: Exact, m: RowMethods, scale?: Exact): RowOutcome | RowError {
  if (level === undefined || given === undefined) return { code: 'level_missing' };
  const [lo, hi, hiIncluded] = levelRange(level, w, m);
  if (given.lt(lo) || (hiIncluded ? given.gt(hi) : given.gte(hi))) return { code: 'level_score_out_of_range', level, lo, hi };
  const full = scale ? w.times(scale) : w;
  const score = (scale ? given.times(scale) : given).round(m.precision, m.rounding);
  const lost = full.round(m.precision, m.rounding).minus(score);
  if (!lost.isPositive()) return { score, short: false };
  return { score, reason: `${level}年度指标，得${pts(score)}分，扣${pts(lost)}分`, short: true };
}

/**
 * Share `total` among parts in proportion to `weights`, on the grid of `step` (0.01 at two
 * decimals), so that the shares add up to `total` exactly: each share is rounded down to the grid
 * and the steps left over go to the largest remainders, the first of equal ones first (the
 * largest remainder method). A sheet that rescales its rows prints maxima that add up.
 */
export function apportion(total: Exact, weights: readonly Exact[], step: Exact): Exact[] {
  const sum = weights.reduce((a, w) => a.plus(w), ZERO);
  if (sum.isZero()) return weights.map(() => ZERO);
  const exact = weights.map((w) => w.times(total).div(sum).div(step));
  const floors = exact.map((x) => x.floor());
  let left = total.div(step).floor().minus(floors.reduce((a, f) => a.plus(f), ZERO));
  const order = exact.map((x, i) => ({ i, rem: x.minus(floors[i]!) })).sort((a, b) => b.rem.cmp(a.rem) || a.i - b.i);
  const out = floors.slice();
  for (const { i } of order) {
    if (!left.isPositive()) break;
    out[i] = out[i]!.plus(ONE);
    left = left.minus(ONE);
  }
  return out.map((u) => u.times(step));
}

/**
 * Whether `method: times_actual` scores a row: a 正向 percentage (≥95%, >90%, a bare 95%), as
 * 满意度 rows are. A 反向 row (投诉率≤5%), 等于0 (投诉率0), “=” and ranges are scored by their
 * target: w × B% of a complaint rate would reward complaints.
 */
export function timesActualApplies(target: ProjectTarget): boolean {
  return target.kind === 'number' && target.unit === '%' && (target.op === '>=' || target.op === '>');
}

/**
 * A 正向 percentage row scored as w × B% (湖北 黄冈 2020 scores 满意度 so, even when the target
 * is met): the target is shown, the score is the actual's share of w, at most w. Any other row
 * ({@link timesActualApplies}) is scored by its target, as {@link scoreNumberRow}.
 */
export function scoreTimesActual(target: ProjectTarget, actual: Exact, w: Exact, m: RowMethods): RowOutcome {
  if (!timesActualApplies(target)) {
    if (target.kind !== 'number' && target.kind !== 'range') throw new TypeError('scoreTimesActual: a quantitative row');
    return scoreNumberRow(target, actual, w, target.unit, m);
  }
  const round = (x: Exact) => x.round(m.precision, m.rounding);
  const share = actual.isNegative() ? ZERO : actual.gt(HUNDRED) ? ONE : actual.div(HUNDRED);
  const score = round(w.times(share));
  const lost = round(w).minus(score);
  if (!lost.isPositive()) return { score, short: false };
  return { score, reason: `完成值${actual.toPlain()}%，指标值${showProjectTarget(target)}，按完成值${pctBelow(share)}%计，得${pts(score)}分，扣${pts(lost)}分`, short: false };
}
