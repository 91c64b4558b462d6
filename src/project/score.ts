import { Exact, HUNDRED, ONE, ZERO } from '../exact.js';
import type { RoundingName } from '../decimal.js';
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
 *   nationally; 湖北 80/50): a score outside its 档 is an error, not a clamp.
 *
 * Every score is exact until it is rounded once, at the rubric's precision.
 */
export interface RowMethods {
  inverse: 'inverse' | 'linear';
  equals: 'all_or_nothing' | 'proportional';
  /** Lower edges of 达成 and 部分达成, as fractions of w (0.8 and 0.6 nationally). */
  levels: { achieved: Exact; partly: Exact };
  /** A 正向 row done this many times over its target gets a warning (偏离度调减 is the evaluator's call). */
  overAchievement?: Exact;
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
const pct = (x: Exact) => x.times(HUNDRED).round(2).toPlain();

/** Score a quantitative row: `actual` in the target's unit. */
export function scoreNumberRow(target: Extract<ProjectTarget, { kind: 'number' | 'range' }>, actual: Exact, w: Exact, unit: string, m: RowMethods): RowOutcome {
  const round = (x: Exact) => x.round(m.precision, m.rounding);
  const shown = showProjectTarget(target);
  const b = `${actual.toPlain()}${unit}`;
  const settle = (exact: Exact, ratio: Exact | undefined): RowOutcome => {
    const clamped = exact.lt(ZERO) ? ZERO : exact.gt(w) ? w : exact;
    let score = round(clamped);
    // An unmet target never rounds up to full marks.
    if (score.gte(w)) score = round(w.minus(Exact.ratio(1n, 10n ** BigInt(m.precision))));
    if (score.isNegative()) score = ZERO;
    const lost = round(w).minus(score);
    const part = ratio === undefined ? '' : `，完成比例${pct(ratio)}%`;
    return { score, reason: `完成值${b}，指标值${shown}${part}，得${pts(score)}分，扣${pts(lost)}分`, short: true };
  };
  const full = (): RowOutcome => {
    const out: RowOutcome = { score: round(w), short: false };
    if (m.overAchievement && target.kind === 'number' && (target.op === '>=' || target.op === '>') && target.value.isPositive()) {
      const times = actual.div(target.value);
      if (times.gte(m.overAchievement)) out.warning = `完成值${b}为指标值${shown}的${pct(times)}%，远超目标，请分析指标值是否设定偏低（偏离度调减）`;
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
 * Score a 定性 row: the 档 the evaluator chose and the score given inside it, on the row's own
 * 分值 `w`. With `scale` (the section's weights scaled to its max), the score is scaled with it.
 */
export function scoreLevelRow(level: Level | undefined, given: Exact | undefined, w: Exact, m: RowMethods, scale?: Exact): RowOutcome | RowError {
  if (level === undefined || given === undefined) return { code: 'level_missing' };
  const [lo, hi, hiIncluded] =
    level === '达成' ? [w.times(m.levels.achieved), w, true] : level === '部分达成' ? [w.times(m.levels.partly), w.times(m.levels.achieved), false] : [ZERO, w.times(m.levels.partly), false];
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
 * A percentage row scored as w × B% (湖北 黄冈 2020 scores 满意度 so, even when the target is
 * met): the target is shown, the score is the actual's share of w, at most w.
 */
export function scoreTimesActual(target: ProjectTarget, actual: Exact, w: Exact, m: RowMethods): RowOutcome {
  const round = (x: Exact) => x.round(m.precision, m.rounding);
  const share = actual.isNegative() ? ZERO : actual.gt(HUNDRED) ? ONE : actual.div(HUNDRED);
  const score = round(w.times(share));
  const lost = round(w).minus(score);
  if (!lost.isPositive()) return { score, short: false };
  return { score, reason: `完成值${actual.toPlain()}%，指标值${showProjectTarget(target)}，按完成值${pct(share)}%计，得${pts(score)}分，扣${pts(lost)}分`, short: false };
}
