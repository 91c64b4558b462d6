import * as fc from 'fast-check';
import { Decimal, type EvaluationInput, type Indicator, type InputInfo, type Rubric } from '../index.js';
import { roundTo } from '../decimal.js';
import { dec, indicatorsOf, isDecimalLike, leavesOfRubric, numbersIn } from './util.js';

type Num = Decimal | string | number;

/** `record[key] = value` that is safe for any key (an indicator id could be `__proto__`). */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Bounds and shape of {@link arbitraryDecimal}. */
export interface DecimalOptions {
  /** Smallest value (inclusive, default 0). */
  min?: Num;
  /** Largest value (inclusive, default 100). */
  max?: Num;
  /** Most decimal places (default 2; 0 for whole numbers). */
  places?: number;
  /** Values to favour: each is produced exactly, and one step of the last place either side. */
  edges?: readonly Num[];
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** A decimal string for an integer count of `10^-places`. */
function scaled(n: bigint, places: number): string {
  return new Decimal(n.toString()).div(pow10(places).toString()).toFixed();
}

/**
 * Decimal strings in `[min, max]` with at most `places` decimals — exact, never through a binary
 * float — with extra weight on `min`, `max`, `0` and the given `edges` (each exactly, and one
 * step of the last decimal place either side). If no number in the range has so few decimals,
 * `min` itself is the only value.
 * @example
 * fc.assert(fc.property(arbitraryDecimal({ min: 0, max: 100, places: 2, edges: [90, 80] }), (v) => {
 *   expect(Number(v)).toBeLessThanOrEqual(100);
 * }));
 */
export function arbitraryDecimal(opts: DecimalOptions = {}): fc.Arbitrary<string> {
  const places = Math.max(0, Math.min(12, Math.floor(opts.places ?? 2)));
  const lo = dec(opts.min ?? 0);
  const hi = dec(opts.max ?? 100);
  if (lo.gt(hi)) throw new RangeError(`arbitraryDecimal: min ${lo.toFixed()} > max ${hi.toFixed()}`);
  const unit = new Decimal(1).div(pow10(places).toString());
  const loN = BigInt(lo.times(pow10(places).toString()).ceil().toFixed());
  const hiN = BigInt(hi.times(pow10(places).toString()).floor().toFixed());
  if (loN > hiN) return fc.constant(lo.toFixed());
  const inRange = (d: Decimal) => d.gte(lo) && d.lte(hi) && d.decimalPlaces() <= places;
  const special = new Map<string, Decimal>();
  for (const e of [lo, hi, new Decimal(0), ...(opts.edges ?? []).map(dec)]) {
    for (const d of [e, e.minus(unit), e.plus(unit)]) {
      const r = d.toDecimalPlaces(places);
      if (inRange(r)) special.set(r.toFixed(), r);
    }
  }
  const full = fc.bigInt({ min: loN, max: hiN }).map((n) => scaled(n, places));
  const uniform = fc.integer({ min: 0, max: places }).chain((p) => {
    const a = BigInt(lo.times(pow10(p).toString()).ceil().toFixed());
    const b = BigInt(hi.times(pow10(p).toString()).floor().toFixed());
    return a > b ? full : fc.bigInt({ min: a, max: b }).map((n) => scaled(n, p));
  });
  const picks = [...special.keys()].sort((a, b) => new Decimal(a).cmp(b));
  if (!picks.length) return uniform;
  return fc.oneof({ weight: 3, arbitrary: uniform }, { weight: 2, arbitrary: fc.constantFrom(...picks) });
}

/** What {@link arbitraryValues} and {@link arbitraryInput} generate. */
export interface InputOptions {
  /**
   * Window for a side of a range the rubric leaves open. Defaults: `count` up to `min + 1000`;
   * `percent` from −100 to 200; `number` from −10⁶ to 10⁹.
   */
  span?: { count?: number; percent?: [number, number]; number?: [number, number] };
  /** Most decimal places of a `number` or `percent` figure (default 2). */
  places?: number;
  /** Leave out optional inputs now and then (default false: a rule that reads one would fail). */
  omitOptional?: boolean;
  /** Mark indicators 不适用 now and then, when the rubric allows it (default true). */
  notApplicable?: boolean;
  /** Trigger 一票否决 items now and then (default true). */
  vetoes?: boolean;
  /** Extra values to favour for some inputs, by input name. */
  edges?: Record<string, readonly Num[]>;
}

/**
 * The figures a rubric's rules turn on, per input: band edges, standards (and the point where
 * a per-unit rule reaches 0), targets, constants in conditions and formulas, the points at
 * which a count rule has taken everything. Numbers found in rules over derived metrics are
 * shared by every input, so that two inputs are often equal (a rate of exactly 100%, 结余 equal
 * to 上年结转).
 * @example interestingValues(loadBundledRubric('hunan-department')).get('重点支出安排率') // [90, 80, 70, 60, …] as Decimals
 */
export function interestingValues(rubric: Rubric): Map<string, Decimal[]> {
  const byInput = new Map<string, Decimal[]>();
  const shared: Decimal[] = [];
  const add = (name: string | undefined, values: Num[]) => {
    const list = name && rubric.inputs.has(name) ? (byInput.get(name) ?? byInput.set(name, []).get(name)!) : shared;
    for (const v of values) {
      try {
        list.push(dec(v));
      } catch {
        // not a number after all
      }
    }
  };
  const bare = (f: unknown) => (typeof f === 'string' && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(f.trim()) ? f.trim() : undefined);
  for (const leaf of leavesOfRubric(rubric)) {
    const rule = leaf.rule as unknown as Record<string, unknown>;
    const value = bare(rule.value);
    switch (leaf.kind) {
      case 'per_unit': {
        const standard = dec(rule.standard as Num);
        const per = rule.per !== undefined ? dec(rule.per as Num) : new Decimal(1);
        const points = dec(rule.points as Num);
        const sign = rule.direction === 'above' ? 1 : -1;
        const zeroAt = standard.plus(leaf.max.div(points).times(per).times(sign));
        add(value, [standard, standard.plus(per.times(sign)), zeroAt]);
        break;
      }
      case 'bands':
        add(value, ((rule.bands as { when: string }[]) ?? []).flatMap((b) => numbersIn(String(b.when))));
        break;
      case 'count': {
        const points = dec(rule.points as Num);
        add(value, [0, 1, leaf.max.div(points).floor(), leaf.max.div(points).ceil()]);
        break;
      }
      case 'target':
        add(value, numbersIn(String(rule.target)));
        break;
      case 'cases':
        for (const c of (rule.cases as { when: string }[]) ?? []) {
          const refs = String(c.when).match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? [];
          for (const r of refs) add(r, numbersIn(String(c.when)));
          if (!refs.length) add(undefined, numbersIn(String(c.when)));
        }
        break;
      case 'formula':
        add(undefined, numbersIn(String(rule.score)));
        break;
    }
  }
  for (const m of rubric.metrics.values()) add(undefined, numbersIn(m.formula.text));
  for (const name of rubric.inputs.keys()) {
    const list = byInput.get(name) ?? [];
    byInput.set(name, [...list, ...shared]);
  }
  return byInput;
}

/** The window a generated figure is drawn from: the declared range, else the span. */
function windowOf(info: InputInfo, opts: InputOptions): [Decimal, Decimal] {
  const min = info.min !== undefined ? dec(info.min) : undefined;
  const max = info.max !== undefined ? dec(info.max) : undefined;
  const span = opts.span ?? {};
  let lo: Decimal;
  let hi: Decimal;
  if (info.type === 'count') {
    lo = Decimal.max(min ?? 0, 0).ceil();
    hi = max ? max.floor() : lo.plus(span.count ?? 1000);
  } else if (info.type === 'percent') {
    const [a, b] = span.percent ?? [-100, 200];
    lo = min ?? Decimal.min(a, max ?? a);
    hi = max ?? Decimal.max(b, lo);
  } else {
    const [a, b] = span.number ?? [-1e6, 1e9];
    lo = min ?? Decimal.min(a, max ?? a);
    hi = max ?? Decimal.max(b, lo);
  }
  return [lo, Decimal.max(lo, hi)];
}

/**
 * One figure for every declared input — within its declared type (`count`: whole numbers ≥ 0),
 * range (`min`, `max`) and a few decimal places — as exact decimal strings, with extra weight on
 * the values the rubric's rules turn on (band edges, standards, targets; see
 * {@link interestingValues}).
 * @example
 * fc.assert(fc.property(arbitraryValues(rubric), (values) => {
 *   expect(safeEvaluate(rubric, { values }).success).toBe(true);
 * }));
 */
export function arbitraryValues(rubric: Rubric, opts: InputOptions = {}): fc.Arbitrary<Record<string, string>> {
  const interesting = interestingValues(rubric);
  const fields: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const [name, info] of rubric.inputs) {
    const [lo, hi] = windowOf(info, opts);
    const places = info.type === 'count' ? 0 : (opts.places ?? 2);
    const edges = [...(interesting.get(name) ?? []), ...(opts.edges?.[name] ?? []).map(dec)];
    const figure = arbitraryDecimal({ min: lo, max: hi, places, edges });
    setOwn(fields, name, info.optional && opts.omitOptional ? fc.option(figure, { nil: undefined, freq: 4 }) : figure);
  }
  return fc.record(fields).map((r) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) setOwn(out, k, v);
    return out;
  });
}

const REASONS = ['指标细化量化不够，缺乏可考核性', '相关管理制度需进一步健全完善', '部分资料不完整', 'Reason given in English', '未按要求报送'];

/** Multiples of `step` (or of one unit of the rubric's precision) in [0, max] with at most `precision` decimals. */
function judgementScores(max: Decimal, precision: number, step: Decimal | undefined): { unit: Decimal; count: bigint } {
  const places = Math.max(precision, step ? step.decimalPlaces() : 0);
  const scale = pow10(places);
  const stepInt = step ? BigInt(step.times(scale.toString()).toFixed()) : 1n;
  const precInt = pow10(places - precision);
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const lcm = (stepInt / gcd(stepInt, precInt)) * precInt;
  const unit = new Decimal(lcm.toString()).div(scale.toString());
  return { unit, count: BigInt(max.div(unit).floor().toFixed()) };
}

type Assessments = NonNullable<EvaluationInput['assessments']>;

/**
 * What an evaluator decides, for every judgement and checklist leaf: a judgement score that is a
 * multiple of the rule's `step` with no more decimals than the rubric's precision (often full
 * marks, often zero), with a reason whenever it is below max; every checklist item met or not.
 * Where an indicator's policy allows 不适用 (`notApplicable: full | rescale | exclude`), it is now
 * and then marked so, with a reason, within the rubric's `notApplicableLimit`; every 可选项 pool
 * chooses `pick` of its children (at least one), the others marked 不适用.
 * @example
 * fc.sample(arbitraryAssessments(rubric), 1)[0] // { 绩效目标合理性: { score: '2', reason: '…' }, … }
 */
export function arbitraryAssessments(rubric: Rubric, opts: InputOptions = {}): fc.Arbitrary<Assessments> {
  const fields: Record<string, fc.Arbitrary<Assessments[string]>> = {};
  for (const leaf of leavesOfRubric(rubric)) {
    const levels = (leaf.rule as { levels?: { level: string; points: Num }[] }).levels;
    const scale = (leaf.rule as { scale?: { level: string }[] }).scale;
    if (leaf.kind === 'judgement' && levels?.length) {
      // 相符 / 基本相符 / 调整较大: the evaluator names a level, or gives its points, or both; the
      // reason is optional (the level is the reason), and now and then the evaluator adds words.
      const form = fc.constantFrom('level' as const, 'score' as const, 'both' as const);
      setOwn(fields, leaf.id, fc.tuple(fc.constantFrom(...levels), form, fc.option(fc.constantFrom(...REASONS), { nil: undefined })).map(([l, how, reason]) => {
        const score = dec(l.points).toFixed();
        const chosen = how === 'level' ? { level: l.level } : how === 'score' ? { score } : { level: l.level, score };
        return reason === undefined ? chosen : { ...chosen, reason };
      }));
    } else if (leaf.kind === 'checklist' && scale?.length) {
      // 优/良/中/差 per item
      const items = ((leaf.rule as { items?: { id?: string }[] }).items ?? []).map((it, i) => it.id ?? String(i + 1));
      setOwn(fields, leaf.id, fc.tuple(...items.map(() => fc.constantFrom(...scale.map((l) => l.level)))).map((rated) => {
        const record: Record<string, string> = {};
        items.forEach((id, i) => setOwn(record, id, rated[i]!));
        return { items: record };
      }));
    } else if (leaf.kind === 'judgement') {
      const rule = leaf.rule as { step?: unknown };
      const step = isDecimalLike(rule.step) ? dec(rule.step) : undefined;
      const { unit, count } = judgementScores(leaf.max, rubric.precision, step);
      const full = unit.times(count.toString());
      const score = fc.oneof(
        { weight: 2, arbitrary: fc.constant(full) },
        { weight: 1, arbitrary: fc.constant(new Decimal(0)) },
        { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: count }).map((k) => unit.times(k.toString())) },
      );
      setOwn(fields, leaf.id, fc.tuple(score, fc.constantFrom(...REASONS), fc.boolean()).map(([s, reason, remark]) =>
        // A reason below max; in a 扣分项, whenever points are taken off.
        (leaf.role === 'penalty' ? s.gt(0) : s.lt(leaf.max)) || remark ? { score: s.toFixed(), reason } : { score: s.toFixed() },
      ));
    } else if (leaf.kind === 'checklist') {
      const items = ((leaf.rule as { items?: { id?: string }[] }).items ?? []).map((it, i) => it.id ?? String(i + 1));
      const each = fc.tuple(...items.map(() => fc.boolean()));
      const met = fc.oneof(
        { weight: 1, arbitrary: fc.constant(items.map(() => true)) },
        { weight: 1, arbitrary: fc.constant(items.map(() => false)) },
        { weight: 3, arbitrary: each },
      );
      setOwn(fields, leaf.id, fc.tuple(met, fc.option(fc.constantFrom(...REASONS), { nil: undefined })).map(([flags, reason]) => {
        const record: Record<string, boolean> = {};
        items.forEach((id, i) => setOwn(record, id, flags[i]!));
        return reason === undefined ? { items: record } : { items: record, reason };
      }));
    }
  }
  const base = fc.record(fields);
  const all = indicatorsOf(rubric);
  const parentOf = new Map<string, Indicator>();
  for (const n of all) for (const c of n.children) parentOf.set(c.id, n);
  const inPool = (n: Indicator) => parentOf.get(n.id)?.pool !== undefined;
  // 可选项: each pool chooses `pick` of its children (or at least one); the rest are marked 不适用.
  const pools = all.filter((n) => n.pool !== undefined && n.children.length > 0);
  const choices = fc.tuple(
    ...pools.map((p) => {
      const ids = p.children.map((c) => c.id);
      const k = p.pool!.pick;
      return k !== undefined ? fc.shuffledSubarray(ids, { minLength: k, maxLength: k }) : fc.subarray(ids, { minLength: 1 });
    }),
  );
  // Other 不适用 marks, where the indicator's policy allows them.
  const ids = opts.notApplicable === false ? [] : all.filter((n) => n.notApplicable !== 'forbidden' && !inPool(n)).map((n) => n.id);
  if (!ids.length && !pools.length) return base;
  const na = ids.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray(ids, { minLength: 1, maxLength: Math.min(2, ids.length) }) })
    : fc.constant([] as string[]);
  const limit = dec(rubric.notApplicableLimit);
  const weighted = all.filter((n) => n.combine === 'weighted');
  return fc.tuple(base, na, choices, fc.constantFrom(...REASONS)).map(([a, wanted, chosen, reason]) => {
    const out: Assessments = {};
    for (const [id, v] of Object.entries(a)) setOwn(out, id, v);
    const marked = new Set<string>();
    pools.forEach((p, i) => {
      for (const c of p.children) if (!chosen[i]!.includes(c.id)) marked.add(c.id);
    });
    // What 不适用 removes (rescale, exclude) stays within the rubric's limit, and a weighted block
    // keeps at least one child that counts.
    let removed = new Decimal(0);
    const below = (n: Indicator, ids: Set<string>): boolean => ids.has(n.id) || (parentOf.has(n.id) && below(parentOf.get(n.id)!, ids));
    // Below a weighted block or a 可选项 pool, its share of their max counts: the block's max ×
    // its weight ÷ all the weights (at most the block's max when weights are formulas), or at most
    // the pool's max, per point of its own max.
    const removes = (n: Indicator): Decimal => {
      if (n.role !== 'base' || (n.notApplicable !== 'rescale' && n.notApplicable !== 'exclude')) return new Decimal(0);
      let r = dec(n.max);
      for (let c = n, p = parentOf.get(n.id); p; c = p, p = parentOf.get(p.id)) {
        if (!p.pool && p.combine !== 'weighted') continue;
        if (dec(c.max).isZero()) return new Decimal(0);
        const constant = p.children.every((k) => k.weight && 'value' in k.weight);
        const sum = constant ? p.children.reduce((a, k) => a.plus((k.weight as { value: Decimal }).value), new Decimal(0)) : new Decimal(0);
        const share = p.combine === 'weighted' && constant && !sum.isZero() ? dec(p.max).times((c.weight as { value: Decimal }).value).div(sum) : dec(p.max);
        r = r.times(share).div(c.max);
      }
      return r;
    };
    // What of a node's max is left to score out of: a 不适用 item keeps its max only under `full`.
    const left = (n: Indicator): Decimal => {
      for (let p: Indicator | undefined = n; p; p = parentOf.get(p.id)) if (marked.has(p.id)) return p.notApplicable === 'full' ? dec(n.max) : new Decimal(0);
      if (!n.children.length || n.pool || n.combine === 'weighted') return dec(n.max);
      return n.children.filter((c) => c.role === 'base').reduce((a, c) => a.plus(left(c)), new Decimal(0));
    };
    // A weighted block keeps at least one child with something to score, or it has nothing to weigh.
    // (A child of weight 0 weighs nothing, whatever it scores.)
    const weighs = (c: Indicator) => !(c.weight && 'value' in c.weight && c.weight.value.isZero());
    const blockAlive = (b: Indicator) => below(b, marked) || b.children.some((c) => left(c).gt(0) && weighs(c));
    for (const id of wanted) {
      const n = rubric.byId.get(id);
      if (!n || below(n, marked)) continue;
      marked.add(id);
      const alive = weighted.every(blockAlive);
      marked.delete(id);
      if (!alive) continue;
      const r = removes(n);
      if (removed.plus(r).gt(limit)) continue;
      removed = removed.plus(r);
      marked.add(id);
    }
    for (const id of marked) {
      const n = rubric.byId.get(id);
      // Only the topmost mark counts: one below a marked parent is left as the evaluator gave it.
      if (n && parentOf.has(id) && below(parentOf.get(id)!, marked)) continue;
      setOwn(out, id, { notApplicable: true, reason: inPool(n!) ? '未选用此可选项' : `不适用：${reason}` });
    }
    return out;
  });
}

type Row = Record<string, string | number>;

/**
 * Rows for the sections of a project form (indicators with `rows`): one to five per section,
 * their 分值 adding up to the section's max, each a kind of row real 自评表 have — 正向 (≥50个),
 * 反向 (≤90万元), 等于0, =100%, a range, 定性 and 时效 with a 档 and a score inside it — with
 * actuals around their targets and a 偏差原因 on every row. A section whose rubric lets it be
 * empty (`empty: redistribute | zero`) is now and then left out; where it treats an empty 指标值
 * as 不适用 (`emptyTarget: not_applicable`), now and then one row has none.
 */
export function arbitraryRows(rubric: Rubric): fc.Arbitrary<Record<string, Row[]>> {
  const sections = indicatorsOf(rubric).filter((n) => n.rows !== undefined);
  const p = rubric.precision;
  const step = new Decimal(1).div(pow10(p).toString());
  const levels = rubric.project.levels;
  const achieved = dec(levels.achieved.toPlain());
  const partly = dec(levels.partly.toPlain());
  const quantitative = (w: string): fc.Arbitrary<Row> =>
    fc.oneof(
      fc.tuple(fc.constantFrom(['个', 50], ['%', 95], ['项', 3800], ['人次', 1200], ['%', 100]), fc.integer({ min: 0, max: 250 })).map(([[unit, a], pct]) => ({
        target: `≥${a}${unit}`, actual: `${new Decimal(a).times(pct).div(100).toDecimalPlaces(2).toFixed()}${pct % 3 === 0 ? unit : ''}`, weight: w,
      })),
      fc.tuple(fc.constantFrom(['万元', 90], ['%', 5], ['天', 15]), fc.integer({ min: 1, max: 250 })).map(([[unit, a], pct]) => ({
        target: `≤${a}${unit}`, actual: new Decimal(a).times(pct).div(100).toDecimalPlaces(2).toFixed(), weight: w,
      })),
      fc.integer({ min: 0, max: 3 }).map((n) => ({ target: '0', actual: String(n), weight: w })),
      fc.constantFrom('100', '99.5', '98').map((b) => ({ target: '=100%', actual: b, weight: w })),
      fc.integer({ min: 80, max: 110 }).map((b) => ({ target: '95%-100%', actual: String(b), weight: w })),
    );
  const qualitative = (w: string): fc.Arbitrary<Row> =>
    fc.tuple(fc.constantFrom('达成预期指标', '效果明显', '12月底之前完成', '按时完成'), fc.constantFrom('达成', '部分达成', '未达成'), fc.double({ min: 0, max: 1, noNaN: true })).map(([target, level, f]) => {
      const W = dec(w);
      // The 档 edges as the sheet compares them: w × 80% and w × 60% at its precision.
      const edge = (x: Decimal) => roundTo(x, p, rubric.rounding);
      const [lo, hi, top] = level === '达成' ? [edge(W.times(achieved)), W, true] : level === '部分达成' ? [edge(W.times(partly)), edge(W.times(achieved)), false] : [new Decimal(0), edge(W.times(partly)), false];
      let s = lo.plus(hi.minus(lo).times(f.toFixed(6))).toDecimalPlaces(p, Decimal.ROUND_DOWN);
      if (s.lt(lo)) s = lo.toDecimalPlaces(p, Decimal.ROUND_UP);
      if (!top && s.gte(hi)) s = hi.minus(step);
      // A 档 too narrow for the sheet's precision (a 0.03-point row) has no score: 达成, full marks.
      if (s.lt(lo) || (top ? s.gt(hi) : s.gte(hi))) return { target, level: '达成', score: W.toFixed(), weight: w };
      return { target, level, score: s.toFixed(), weight: w };
    });
  const fields: Record<string, fc.Arbitrary<Row[] | undefined>> = {};
  // 不适用 rows and redistributed sections count against notApplicableLimit: a section left out
  // under `redistribute` its max, a row with no 指标值 its 分值 (of a section whose 分值 add up
  // to its max). Rows are left without one only within what the limit leaves once every section
  // that may be left out is, shared among the sections that may have such rows.
  const redistributable = sections.filter((n) => n.rows!.empty === 'redistribute').reduce((a, n) => a.plus(dec(n.max)), new Decimal(0));
  const naSections = sections.filter((n) => n.rows!.emptyTarget === 'not_applicable').length;
  const rowBudget = naSections ? Decimal.max(0, dec(rubric.notApplicableLimit).minus(redistributable)).div(naSections) : new Decimal(0);
  for (const n of sections) {
    const total = BigInt(dec(n.max).times(pow10(p).toString()).toFixed(0));
    const rows = fc.integer({ min: 1, max: 5 }).chain((k) => {
      const parts = total < BigInt(k) ? 1 : k;
      const cuts = parts === 1 ? fc.constant([] as bigint[]) : fc.uniqueArray(fc.bigInt({ min: 1n, max: total - 1n }), { minLength: parts - 1, maxLength: parts - 1 });
      return cuts.chain((c) => {
        const sorted = [...c].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const edges = [0n, ...sorted, total];
        const weights = edges.slice(1).map((e, i) => scaled(e - edges[i]!, p));
        // Where the rubric treats an empty 指标值 as 不适用, now and then one row (never the only one) has none.
        const within = weights.map((w, i) => [w, i] as const).filter(([w]) => dec(w).lte(rowBudget)).map(([, i]) => i);
        const na = n.rows!.emptyTarget === 'not_applicable' && weights.length > 1 && within.length ? fc.oneof(fc.constant(-1), fc.constantFrom(...within)) : fc.constant(-1);
        return fc.tuple(fc.tuple(...weights.map((w) => fc.oneof({ weight: 3, arbitrary: quantitative(w) }, { weight: 1, arbitrary: qualitative(w) }))), na).map(([rs, empty]) =>
          rs.map((r, i) => ({ group: i % 2 ? '质量指标' : '数量指标', name: `${n.name}${i + 1}`, ...(i === empty ? { target: '', weight: r.weight! } : r), reason: '部分工作未按计划完成' })),
        );
      });
    });
    fields[n.id] = n.rows!.empty === 'forbidden' ? rows : fc.oneof({ weight: 3, arbitrary: rows }, { weight: 1, arbitrary: fc.constant(undefined) });
  }
  return fc.record(fields).map((r) => {
    const out: Record<string, Row[]> = {};
    for (const [id, rows] of Object.entries(r)) if (rows !== undefined) setOwn(out, id, rows);
    return out;
  });
}

/**
 * A whole, valid evaluation input for a rubric: {@link arbitraryValues}, {@link arbitraryAssessments},
 * rows for a project form ({@link arbitraryRows}) and, now and then, triggered 一票否决 items.
 * @example
 * import { arbitraryInput } from 'jixiao/testing';
 * fc.assert(fc.property(arbitraryInput(rubric), (input) => {
 *   const r = safeEvaluate(rubric, input);
 *   if (r.success) expect(Number(r.value.total)).toBeLessThanOrEqual(100);
 * }));
 */
export function arbitraryInput(rubric: Rubric, opts: InputOptions = {}): fc.Arbitrary<EvaluationInput> {
  const vetoIds = rubric.vetoes.map((v) => v.id);
  const vetoes =
    opts.vetoes === false || !vetoIds.length
      ? fc.constant([] as string[])
      : fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray(vetoIds, { minLength: 1 }) });
  const hasRows = indicatorsOf(rubric).some((n) => n.rows !== undefined);
  const rows = hasRows ? arbitraryRows(rubric) : fc.constant(undefined);
  return fc.tuple(arbitraryValues(rubric, opts), arbitraryAssessments(rubric, opts), vetoes, rows).map(([values, assessments, triggered, rowsOf]) => {
    const input: EvaluationInput = { values };
    if (Object.keys(assessments).length) input.assessments = assessments;
    if (rowsOf !== undefined) input.rows = rowsOf as NonNullable<EvaluationInput['rows']>;
    if (triggered.length) {
      const vetoes: Record<string, string> = {};
      for (const id of triggered) setOwn(vetoes, id, '发生重大违法违纪问题');
      input.vetoes = vetoes;
    }
    return input;
  });
}
