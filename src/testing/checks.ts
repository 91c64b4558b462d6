import { Decimal, messagesZh, safeEvaluate, type EvaluationInput, type IndicatorResult, type Issue, type IssueCode, type Rubric, type ScoreResult } from '../index.js';
import { brief, fDiv, fPlus, fraction, fRound, fTimes, resultNodes, roundingMode, type Fraction } from './util.js';

/**
 * The properties `jixiao/testing` checks:
 * - `scorable`: every valid input is scored (issues in `allowIssues` aside), and every issue is
 *   well formed (a known code, messages in both languages, a path);
 * - `within-max`: every score is a plain decimal in [0, max] with at most `precision` decimals
 *   (a parent with 加分项 below it, and the total of a sheet with 加分项, may exceed max); the
 *   total within the rubric's `maxTotal` and the cap of every triggered 一票否决;
 * - `sums`: the sheet adds up in every view — each parent equals the sum of its children (capped
 *   at its `cap`; a weighted block: max × their weighted average; a chosen 可选项: on its own
 *   scale) and its max theirs; the total the sum of the top level (or, with `rescale`, that sum
 *   rescaled), then capped;
 * - `grade`: the grade is the one the scale gives the total (with `exclude`, brought to the full
 *   scale), capped by triggered vetoes, or the word of a triggered `fail` veto;
 * - `deductions`: every deduction has positive points (a capped section's own entry aside) and a
 *   reason; max − score is the sum of the deductions (加分项 aside), 不适用 items included; a
 *   judgement's deduction carries the evaluator's reason;
 * - `deterministic`: the same input, again, as a copy and as JSON text, gives the same JSON;
 * - `monotone`: `per_unit` and `count` rules never give more for a figure further on the losing
 *   side; `bands` never go up and then down (checked per rule, see `monotoneProperty`).
 */
export type PropertyName = 'scorable' | 'within-max' | 'sums' | 'grade' | 'deductions' | 'deterministic' | 'monotone';

/**
 * Every property, in the order they are checked.
 * @example checkRubricProperties(rubric, { properties: propertyNames.filter((p) => p !== 'deterministic') })
 */
export const propertyNames: readonly PropertyName[] = ['scorable', 'within-max', 'sums', 'grade', 'deductions', 'deterministic', 'monotone'];

/**
 * One way a result breaks a property.
 * @example { property: 'sums', indicator: '投入', message: 'score 14 ≠ the sum of its children 5 + 10 = 15' }
 */
export interface Violation {
  property: PropertyName;
  /** Dotted id path of the indicator concerned, if any. */
  indicator?: string;
  message: string;
}

const PLAIN = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const plain = (s: unknown): s is string => typeof s === 'string' && PLAIN.test(s) && s !== '-0';
const v = (property: PropertyName, message: string, indicator?: string): Violation => (indicator === undefined ? { property, message } : { property, indicator, message });
const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

function hasBonusBelow(n: IndicatorResult): boolean {
  return (n.children ?? []).some((c) => c.bonus === true || hasBonusBelow(c));
}
function hasPenaltyBelow(n: IndicatorResult): boolean {
  return (n.children ?? []).some((c) => c.penalty === true || hasPenaltyBelow(c));
}
const leavesBelow = (ns: readonly IndicatorResult[]): IndicatorResult[] => ns.flatMap((n) => (n.children?.length ? leavesBelow(n.children) : [n]));
/** A weighted block (`combine: weighted`): its children carry their weights. */
const isWeighted = (n: IndicatorResult) => (n.children ?? []).some((c) => c.weight !== undefined);
/** Rows of a project form below: their sections weigh them by their own rules. */
const hasRowsBelow = (n: IndicatorResult): boolean => (n.children ?? []).some((c) => c.kind === 'row' || hasRowsBelow(c));

/**
 * Nodes a deduction may name besides leaves: those whose own policy moved points — a weighted
 * block, a chosen 可选项, a capped 加分项/扣分项 (whose entry for what the cap left out is negative).
 */
function ownEntryNodes(result: ScoreResult): { any: Set<string>; capped: Set<string> } {
  const any = new Set<string>();
  const capped = new Set<string>();
  for (const n of resultNodes(result)) {
    if (isWeighted(n) || n.scaledFrom) any.add(n.path);
    if (n.cap !== undefined) (any.add(n.path), capped.add(n.path));
  }
  return { any, capped };
}

/** The base part of a node's score and the part 加分项/扣分项 below it added or took off. */
function split(n: IndicatorResult): [Decimal, Decimal] {
  if (n.bonus || n.penalty) return [new Decimal(0), new Decimal(n.score)];
  if (!n.children?.length || isWeighted(n) || n.scaledFrom) return [new Decimal(n.score), new Decimal(0)];
  return n.children.reduce<[Decimal, Decimal]>(([b, e], c) => {
    const [cb, ce] = split(c);
    return [b.plus(cb), e.plus(ce)];
  }, [new Decimal(0), new Decimal(0)]);
}

/** The result's base (its ordinary indicators) and what its 加分项 and 扣分项 add, each summed. */
function baseAndExtra(result: ScoreResult): [Decimal, Decimal] {
  return result.indicators.reduce<[Decimal, Decimal]>(([b, e], n) => {
    const [nb, ne] = split(n);
    return [b.plus(nb), e.plus(ne)];
  }, [new Decimal(0), new Decimal(0)]);
}

/**
 * Issues are data: each has a known code, a severity, a path, and a message in both languages.
 * @example expect(checkIssues(r.issues)).toStrictEqual([])
 */
export function checkIssues(issues: readonly Issue[]): Violation[] {
  const out: Violation[] = [];
  if (!Array.isArray(issues) || issues.length === 0) return [v('scorable', 'a failed result must carry at least one issue')];
  for (const i of issues) {
    const where = `issue ${brief(i, 200)}`;
    if (!Object.prototype.hasOwnProperty.call(messagesZh, i.code)) out.push(v('scorable', `${where}: unknown code`));
    if (typeof i.message !== 'string' || !i.message.trim()) out.push(v('scorable', `${where}: no Chinese message`));
    if (typeof i.messageEn !== 'string' || !i.messageEn.trim()) out.push(v('scorable', `${where}: no English message`));
    if (!Array.isArray(i.path) || !(i.path as unknown[]).every((p) => typeof p === 'string' || typeof p === 'number')) out.push(v('scorable', `${where}: path is not a list of keys`));
    if (i.severity !== 'error' && i.severity !== 'warning') out.push(v('scorable', `${where}: bad severity`));
  }
  return out;
}

/**
 * `within-max`: every figure is a plain decimal string; every score lies in [0, max] (a parent
 * with 加分项 below it may exceed its max) and has at most the rubric's `precision` decimals;
 * the total is ≥ 0, and ≤ max unless the rubric has 加分项.
 * @example expect(checkWithinMax(rubric, evaluate(rubric, input))).toStrictEqual([])
 */
export function checkWithinMax(rubric: Rubric, result: ScoreResult): Violation[] {
  const out: Violation[] = [];
  const places = rubric.precision;
  let anyBonus = false;
  for (const n of resultNodes(result)) {
    if (n.bonus) anyBonus = true;
    if (!plain(n.score) || !plain(n.max)) {
      out.push(v('within-max', `score "${n.score}" / max "${n.max}" is not a plain decimal`, n.path));
      continue;
    }
    const score = new Decimal(n.score);
    if (n.penalty) {
      // A 扣分项 scores in [−max, 0].
      if (score.gt(0) || score.lt(new Decimal(n.max).neg())) out.push(v('within-max', `penalty score ${n.score} is outside [−${n.max}, 0]`, n.path));
    } else {
      if (score.isNegative() && !hasPenaltyBelow(n)) out.push(v('within-max', `score ${n.score} is below 0`, n.path));
      if (score.gt(n.max) && !hasBonusBelow(n)) out.push(v('within-max', `score ${n.score} is above max ${n.max}`, n.path));
    }
    if (score.decimalPlaces() > places) out.push(v('within-max', `score ${n.score} has more than ${places} decimals`, n.path));
  }
  if (!plain(result.total) || !plain(result.max)) return [...out, v('within-max', `total "${result.total}" / max "${result.max}" is not a plain decimal`)];
  const total = new Decimal(result.total);
  if (total.isNegative()) out.push(v('within-max', `total ${result.total} is below 0`));
  if (total.gt(result.max) && !anyBonus) out.push(v('within-max', `total ${result.total} is above max ${result.max}`));
  if (rubric.maxTotal !== undefined && total.gt(rubric.maxTotal.toString())) out.push(v('within-max', `total ${result.total} is above the rubric's maxTotal ${rubric.maxTotal.toString()}`));
  for (const x of result.vetoes) if (x.maxTotal !== undefined && total.gt(x.maxTotal)) out.push(v('within-max', `total ${result.total} is above ${x.maxTotal}, the cap of the triggered veto ${x.id}`));
  if (total.decimalPlaces() > places) out.push(v('within-max', `total ${result.total} has more than ${places} decimals`));
  return out;
}

/**
 * `sums`: in every view the sheet adds up. Each parent's score is the sum of its children's
 * (a capped 加分项/扣分项: that sum, at most the cap; a chosen 可选项: its own-scale score before it
 * was scaled to its share; a weighted block: max × the weighted average of its children's score
 * shares, rounded like every score) and its max the sum of theirs (不适用 children show max 0
 * when they left the sheet; rows sections aside). The sheet's max is the rubric's, less what
 * `exclude` took out. The total is the base (rescaled with `rescale`) plus 加分项, minus 扣分项, at
 * least 0, at most `maxTotal` and the cap of every triggered 一票否决.
 * @example expect(checkSums(rubric, result)).toStrictEqual([])
 */
export function checkSums(rubric: Rubric, result: ScoreResult): Violation[] {
  const out: Violation[] = [];
  const mode = roundingMode(rubric.rounding);
  for (const n of resultNodes(result)) {
    if (!n.children?.length) continue;
    const s = sum(n.children.map((c) => c.score));
    let expected = n.scaledFrom ? new Decimal(n.scaledFrom.score) : new Decimal(n.score);
    let how = `the sum of its children ${n.children.map((c) => c.score).join(' + ')} = ${s.toFixed()}`;
    if (isWeighted(n)) {
      // Exactly, as fractions: 13 × (67 × 4.97 ÷ 13) ÷ 67 is 4.97, not 4.9699….
      const counted = n.children.filter((c) => c.weight !== undefined && !new Decimal(c.max).isZero());
      const w = counted.reduce<Fraction>((a, c) => fPlus(a, fraction(c.weight!)), [0n, 1n]);
      const ws = counted.reduce<Fraction>((a, c) => fPlus(a, fDiv(fTimes(fraction(c.weight!), fraction(c.score)), fraction(c.max))), [0n, 1n]);
      const [max, own] = n.scaledFrom ? [n.scaledFrom.max, n.scaledFrom.score] : [n.max, n.score];
      const score = new Decimal(w[0] === 0n ? NaN : fRound(fDiv(fTimes(fraction(max), ws), w), rubric.precision, rubric.rounding));
      if (!score.eq(own)) out.push(v('sums', `score ${own} ≠ ${max} × the weighted average of its children's shares = ${score.toFixed()}`, n.path));
      continue;
    }
    let want = s;
    if (n.cap !== undefined) {
      want = n.bonus ? Decimal.min(s, n.cap) : n.penalty ? Decimal.max(s, new Decimal(n.cap).neg()) : s;
      how += `, capped at ${n.cap}`;
    }
    if (!want.eq(expected)) out.push(v('sums', `score ${expected.toFixed()}${n.scaledFrom ? ' (on its own scale)' : ''} ≠ ${how}`, n.path));
    if (hasRowsBelow(n)) continue;
    const maxes = n.children.filter((c) => (n.bonus || n.penalty ? true : !c.bonus && !c.penalty)).map((c) => c.max);
    const parentMax = n.scaledFrom ? n.scaledFrom.max : n.max;
    if (!sum(maxes).eq(parentMax)) out.push(v('sums', `max ${parentMax} ≠ the sum of its children's maxima ${maxes.join(' + ')}`, n.path));
  }
  const sheetMax = result.excluded ? new Decimal(rubric.max.toString()).minus(result.excluded.max) : new Decimal(rubric.max.toString());
  if (!sheetMax.eq(result.max)) out.push(v('sums', `result max ${result.max} ≠ the rubric's max ${rubric.max.toString()}${result.excluded ? ` − ${result.excluded.max} excluded` : ''}`));
  // The total: the base (rescaled with `rescale`), plus 加分项, minus 扣分项, at least 0, then capped.
  const [base, extra] = baseAndExtra(result);
  let expected = base;
  if (result.rescaled) {
    if (!base.eq(result.rescaled.rawTotal)) out.push(v('sums', `rawTotal ${result.rescaled.rawTotal} ≠ the sum of the base ${base.toFixed()}`));
    const applicable = new Decimal(result.rescaled.applicableMax);
    expected = applicable.isZero() ? new Decimal(0) : base.times(result.max).div(applicable).toDecimalPlaces(rubric.precision, mode);
  }
  expected = Decimal.max(0, expected.plus(extra));
  const raw = expected;
  if (rubric.maxTotal !== undefined && expected.gt(rubric.maxTotal.toString())) {
    expected = new Decimal(rubric.maxTotal.toString());
    if (!result.capped || !raw.eq(result.capped.rawTotal)) out.push(v('sums', `the total ${raw.toFixed()} is over maxTotal ${expected.toFixed()}, but the result says capped ${brief(result.capped)}`));
  } else if (result.capped) out.push(v('sums', `the result says capped ${brief(result.capped)}, but the total ${raw.toFixed()} is within maxTotal`));
  for (const x of result.vetoes) if (x.maxTotal !== undefined && expected.gt(x.maxTotal)) expected = new Decimal(x.maxTotal);
  if (!expected.eq(result.total)) {
    const how = result.rescaled ? `${base.toFixed()} × ${result.max} ÷ ${result.rescaled.applicableMax} + ${extra.toFixed()}` : `${base.toFixed()} + ${extra.toFixed()}`;
    out.push(v('sums', `total ${result.total} ≠ ${how}${result.capped ? ` (at most ${result.capped.maxTotal})` : ''} = ${expected.toFixed()}`));
  }
  return out;
}

/**
 * `grade`: the grade is the first of the scale whose `min` the total reaches (each `min`
 * inclusive; with `exclude`, `excluded.gradedOn`: the base brought to the full scale, then 加分项
 * and 扣分项 and the caps), lowered
 * to the grade of every triggered 一票否决 item, or the word of a triggered `fail` item (不合格);
 * `null` without a scale. Every veto the evaluation declared is listed, and only those or ones
 * whose condition (`when`) the inputs met.
 * @example expect(checkGrade(rubric, result, input)).toStrictEqual([])
 */
export function checkGrade(rubric: Rubric, result: ScoreResult, input: EvaluationInput): Violation[] {
  const out: Violation[] = [];
  const total = new Decimal(result.total);
  let on = total;
  if (result.excluded) {
    // The base brought to the full scale (rounded once), then 加分项 and 扣分项 as they are, at
    // least 0, at most maxTotal and the cap of every triggered 一票否决.
    const [base, extra] = baseAndExtra(result);
    const applicable = result.rescaled ? result.rescaled.applicableMax : result.max;
    on = Decimal.max(0, new Decimal(fRound(fDiv(fTimes(fraction(base.toFixed()), fraction(rubric.max.toString())), fraction(applicable)), rubric.precision, rubric.rounding)).plus(extra));
    if (rubric.maxTotal !== undefined && on.gt(rubric.maxTotal.toString())) on = new Decimal(rubric.maxTotal.toString());
    for (const x of result.vetoes) if (x.maxTotal !== undefined && on.gt(x.maxTotal)) on = new Decimal(x.maxTotal);
    if (!on.eq(result.excluded.gradedOn)) out.push(v('grade', `gradedOn ${result.excluded.gradedOn} ≠ ${base.toFixed()} × ${rubric.max.toString()} ÷ ${applicable} + ${extra.toFixed()} = ${on.toFixed()}`));
  }
  let index = rubric.grades.findIndex((g) => on.gte(g.min.toString()));
  const declared = (id: string) => input.vetoes !== undefined && Object.prototype.hasOwnProperty.call(input.vetoes, id);
  const listed = new Set(result.vetoes.map((x) => x.id));
  const triggered = rubric.vetoes.filter((x) => declared(x.id) || (x.when !== undefined && listed.has(x.id)));
  let verdict: string | undefined;
  for (const veto of triggered) {
    if (veto.grade !== undefined) index = Math.max(index, rubric.grades.findIndex((g) => g.grade === veto.grade));
    if (veto.fail !== undefined) verdict ??= veto.fail;
  }
  const expected = verdict ?? (index >= 0 ? rubric.grades[index]!.grade : null);
  if (result.grade !== expected) {
    const scale = rubric.grades.map((g) => `${g.grade} ≥ ${g.min.toString()}`).join(', ');
    const vetoes = triggered.length ? `, vetoes ${triggered.map((x) => `${x.id} → ${x.grade ?? x.fail ?? x.maxTotal?.toString()}`).join(', ')}` : '';
    out.push(v('grade', `total ${on.toFixed()} gives grade ${JSON.stringify(expected)} on the scale [${scale}]${vetoes}, but the result says ${JSON.stringify(result.grade)}`));
  }
  if ((result.failed === true) !== (verdict !== undefined)) out.push(v('grade', `failed is ${String(result.failed)}, but ${verdict === undefined ? 'no' : 'a'} veto with fail was triggered`));
  const ids = result.vetoes.map((x) => x.id).join(',');
  if (ids !== triggered.map((x) => x.id).join(',')) out.push(v('grade', `result lists vetoes [${ids}], the input triggered [${triggered.map((x) => x.id).join(',')}]`));
  for (const x of result.vetoes) if (typeof x.reason !== 'string' || !x.reason.trim()) out.push(v('grade', `veto ${x.id} is listed without a reason`));
  return out;
}

/**
 * `deductions`: every deduction has positive points, a non-empty reason and names a leaf;
 * for every indicator without 不适用 or 加分项 inside it, max − score = the sum of its
 * deductions; a parent lists exactly its non-bonus children's deductions, and the result
 * lists the top level's; a judgement scored below max carries the evaluator's reason.
 * @example expect(checkDeductions(rubric, result, input)).toStrictEqual([])
 */
export function checkDeductions(rubric: Rubric, result: ScoreResult, input: EvaluationInput): Violation[] {
  const out: Violation[] = [];
  const nodes = resultNodes(result);
  const leaves = new Set(nodes.filter((n) => !n.children?.length).map((n) => n.path));
  const own = ownEntryNodes(result);
  // A capped 加分项/扣分项 says what its cap left out with negative points, under its own name.
  const positive = (d: { indicator: string; points: string }) => plain(d.points) && (new Decimal(d.points).gt(0) || (own.capped.has(d.indicator) && new Decimal(d.points).lt(0)));
  const key = (ds: readonly { indicator: string; points: string; reason: string }[]) => JSON.stringify(ds.map((d) => [d.indicator, d.points, d.reason]));
  for (const n of nodes) {
    for (const d of n.deductions) {
      if (!positive(d)) out.push(v('deductions', `deduction of "${d.points}" points: points must be a positive decimal`, n.path));
      if (typeof d.reason !== 'string' || !d.reason.trim()) out.push(v('deductions', `deduction of ${d.points} points without a reason`, n.path));
      if (!leaves.has(d.indicator) && !own.any.has(d.indicator)) out.push(v('deductions', `deduction names "${d.indicator}", which is not a leaf of the sheet`, n.path));
    }
    for (const d of n.additions ?? []) {
      if (!positive(d)) out.push(v('deductions', `addition of "${d.points}" points: points must be a positive decimal`, n.path));
      if (typeof d.reason !== 'string' || !d.reason.includes('加')) out.push(v('deductions', `addition of ${d.points} points whose reason does not say 加`, n.path));
    }
    if (n.children?.length) {
      // A weighted block lists its own loss; a capped section its children's and then its own entry.
      const mine = n.deductions.filter((d) => d.indicator === n.path && own.any.has(n.path));
      const expected = isWeighted(n) || n.scaledFrom ? mine : [...n.children.filter((c) => !c.bonus || n.bonus).flatMap((c) => c.deductions), ...mine];
      if (key(expected) !== key(n.deductions)) out.push(v('deductions', `lists deductions ${brief(n.deductions, 300)}, its non-bonus children ${brief(expected, 300)}`, n.path));
      const added = [...n.children.flatMap((c) => c.additions ?? []), ...(n.additions ?? []).filter((d) => d.indicator === n.path && own.capped.has(n.path))];
      if (key(added) !== key(n.additions ?? [])) out.push(v('deductions', `lists additions ${brief(n.additions ?? [], 300)}, its children ${brief(added, 300)}`, n.path));
    }
    if (n.bonus && n.deductions.length) out.push(v('deductions', `a 加分项 lists deductions ${brief(n.deductions, 300)}`, n.path));
    // 不适用 items show max 0 and score 0 (or, `full`, both the max): the sheet adds up with them too.
    if (!plain(n.score) || !plain(n.max)) continue;
    const listed = sum(n.deductions.map((d) => (plain(d.points) ? d.points : '0')));
    const added = sum((n.additions ?? []).map((d) => (plain(d.points) ? d.points : '0')));
    // Base: max − score = deducted − added; 加分项: score = added; 扣分项: −score = deducted.
    const lost = n.bonus ? new Decimal(n.score).neg() : n.penalty ? new Decimal(n.score).neg() : new Decimal(n.max).minus(n.score);
    const explained = n.bonus ? added.neg() : n.penalty ? listed : listed.minus(added);
    if (!lost.eq(explained)) out.push(v('deductions', `max ${n.max} − score ${n.score} = ${new Decimal(n.max).minus(n.score).toFixed()}, but the deductions add up to ${listed.toFixed()} (additions ${added.toFixed()})`, n.path));
    if (n.bonus || n.penalty) continue;
    if (n.kind === 'judgement' && lost.gt(0)) {
      const id = n.id;
      const a = input.assessments && Object.prototype.hasOwnProperty.call(input.assessments, id) ? input.assessments[id] : undefined;
      const given = a?.reason?.trim() || undefined;
      const reason = n.deductions[0]?.reason;
      const levels = (rubric.byId.get(id)?.rule as { levels?: readonly { level: string; points: Decimal | string }[] } | undefined)?.levels;
      if (levels) {
        // 相符 / 基本相符 / 调整较大: the reason names the level chosen (by name or by its points) and carries the evaluator's words, if any.
        const level = a?.level ?? levels.find((l) => a?.score !== undefined && new Decimal(String(l.points)).eq(String(a.score)))?.level;
        if (n.deductions.length !== 1 || reason === undefined || level === undefined || !reason.includes(`评为“${level}”`) || (given !== undefined && !reason.includes(given)))
          out.push(v('deductions', `a judgement by level below max must name the level ${JSON.stringify(level)}${given ? ` and carry the evaluator's reason ${JSON.stringify(given)}` : ''}; it has ${brief(n.deductions, 300)}`, n.path));
      } else if (n.deductions.length !== 1 || reason === undefined || !(reason === given || (n.scaledFrom !== undefined && reason.startsWith(`${given}；`))))
        // A chosen 可选项 says after the evaluator's reason how it was scaled to its share.
        out.push(v('deductions', `a judgement below max must carry the evaluator's reason ${JSON.stringify(given)}; it has ${brief(n.deductions, 300)}`, n.path));
    }
  }
  const top = result.indicators.filter((n) => !n.bonus).flatMap((n) => n.deductions);
  if (key(top) !== key(result.deductions)) out.push(v('deductions', `result.deductions is not the top level's deductions in sheet order`));
  const topAdded = result.indicators.flatMap((n) => n.additions ?? []);
  if (key(topAdded) !== key(result.additions ?? [])) out.push(v('deductions', `result.additions is not the top level's additions in sheet order`));
  return out;
}

/**
 * `deterministic`: scoring the same input again, a deep copy of it, and its JSON text gives
 * byte-identical JSON.
 * @example expect(checkDeterminism(rubric, input, evaluate(rubric, input))).toStrictEqual([])
 */
export function checkDeterminism(rubric: Rubric, input: EvaluationInput, result: ScoreResult): Violation[] {
  const first = JSON.stringify(result);
  const out: Violation[] = [];
  const again = (how: string, given: EvaluationInput | string) => {
    const r = safeEvaluate(rubric, given);
    const text = r.success ? JSON.stringify(r.value) : `issues ${brief(r.issues.map((i) => i.code))}`;
    if (text !== first) out.push(v('deterministic', `${how} gives a different result: ${brief(text, 300)} instead of ${brief(first, 300)}`));
  };
  again('the same input, again,', input);
  again('a deep copy of the input', JSON.parse(JSON.stringify(input)) as EvaluationInput);
  again('the input as JSON text', JSON.stringify(input));
  return out;
}

/** Options of {@link checkEvaluation}. */
export interface EvaluationCheckOptions {
  /** Properties to check (default: all). */
  properties?: readonly PropertyName[];
  /**
   * Issue codes a valid input may legitimately meet, so that such inputs are not counted against
   * `scorable` (default `['division_by_zero', 'nothing_assessed']`: a rubric may leave a rate
   * undefined when its denominator is 0, as 三公经费变动率 does when last year's figure is 0; and
   * an input that marks every indicator 不适用 has nothing to score).
   */
  allowIssues?: readonly IssueCode[];
}

/** What {@link checkEvaluation} found. */
export interface EvaluationCheck {
  /** The result, when the input was scored. */
  result?: ScoreResult;
  /** The issues, when it was not. */
  issues?: Issue[];
  violations: Violation[];
}

/**
 * Score one input and check every property (but `monotone`, which is per rule) on it.
 * @example
 * const { violations } = checkEvaluation(rubric, { values: { 在职人数: 31, 编制人数: 34 } });
 * expect(violations).toStrictEqual([]);
 */
export function checkEvaluation(rubric: Rubric, input: EvaluationInput, opts: EvaluationCheckOptions = {}): EvaluationCheck {
  const on = new Set(opts.properties ?? propertyNames);
  const allowed = new Set<IssueCode>(opts.allowIssues ?? ['division_by_zero', 'nothing_assessed']);
  const r = safeEvaluate(rubric, input);
  if (!r.success) {
    const violations = on.has('scorable') ? checkIssues(r.issues) : [];
    const unexpected = r.issues.filter((i) => !allowed.has(i.code));
    if (on.has('scorable') && unexpected.length)
      violations.push(v('scorable', `a valid input was not scored: ${unexpected.map((i) => `${i.code} (${i.message})`).join('; ')}`, unexpected[0]!.indicator));
    return { issues: r.issues, violations };
  }
  const result = r.value;
  const violations: Violation[] = [];
  if (on.has('within-max')) violations.push(...checkWithinMax(rubric, result));
  if (on.has('sums')) violations.push(...checkSums(rubric, result));
  if (on.has('grade')) violations.push(...checkGrade(rubric, result, input));
  if (on.has('deductions')) violations.push(...checkDeductions(rubric, result, input));
  if (on.has('deterministic')) violations.push(...checkDeterminism(rubric, input, result));
  return { result, violations };
}
