/**
 * Generators for the differential test: one-level rubrics whose leaves all have one rule kind,
 * and evaluation inputs biased towards the edges where scores go wrong — values at and next to
 * standards, targets and band edges, and values whose exact score is a tie (x.xx5).
 */
import fc from 'fast-check';
import { F, Fraction, type Rounding } from './fraction.js';
import type { InputDecl, LeafDoc, OracleDoc, OracleInput } from './score.js';

export interface Setting {
  precision: number;
  rounding: Rounding;
}
type Values = Record<string, string>;
type Assessment = NonNullable<OracleInput['assessments']>[string];

/** One generated leaf: its indicator, what it declares, and how to make inputs for it. */
export interface LeafGen {
  leaf: LeafDoc;
  inputs: Record<string, InputDecl>;
  metrics?: Record<string, string | { formula: string; unit?: string }>;
  values: fc.Arbitrary<Values>;
  assessment?: fc.Arbitrary<Assessment>;
  /** The rule reads a formula (directly or through a metric) with a division. */
  division: boolean;
}
export type LeafArb = (s: Setting, i: number) => fc.Arbitrary<LeafGen>;

/** A generated rubric and the arbitrary of its inputs. */
export interface Case {
  doc: OracleDoc;
  input: fc.Arbitrary<OracleInput>;
  divisionLeaves: string[];
}

export const ROUNDINGS: Rounding[] = ['half-up', 'half-even', 'down', 'up'];
export const PERS = [1, 2, 3, 4, 5, 6, 7, 9, 12];

// ── Numbers ──────────────────────────────────────────────────────────────────────────────────

const pow10 = (k: number) => Fraction.of(10n ** BigInt(k));
/** A fraction as input text: exact when it has at most 4 decimals, else rounded to 4. */
export const text4 = (x: Fraction): string => x.round(4, 'half-up').toString();

/** Decimal text in [lo, hi] with `minPlaces`…`places` decimals (no chain: this runs for every figure). */
export function decimal(lo: number, hi: number, places: number, minPlaces = 0): fc.Arbitrary<string> {
  const scale = 10 ** places;
  return fc.tuple(fc.integer({ min: minPlaces, max: places }), fc.integer({ min: Math.ceil(lo * scale), max: Math.floor(hi * scale) })).map(([k, n]) => {
    const cut = 10 ** (places - k);
    let m = Math.trunc(n / cut) * cut; // n with only k decimals kept
    if (m < lo * scale) m += cut;
    return Fraction.of(m <= hi * scale ? m : n, scale).toString();
  });
}
const frac = (lo: number, hi: number, places: number, minPlaces = 0) => decimal(lo, hi, places, minPlaces).map(F);

/** Points with one or two decimals: 0.1 … 3. */
const points = decimal(0.1, 3, 2, 1).filter((t) => !F(t).isZero());

/** 分值: mostly whole, sometimes with as many decimals as the precision allows. */
const maxArb = (s: Setting): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }).map(String) }, { weight: 1, arbitrary: decimal(1, 20, Math.min(s.precision, 2)) });

/** A small offset that probes an edge: 0, ±0.0001 … ±1. */
const nudge = fc.oneof(
  { weight: 3, arbitrary: fc.constant(Fraction.ZERO) },
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()).map(([k, neg]) => (neg ? F(1).div(pow10(k)).neg() : F(1).div(pow10(k)))) },
  { weight: 2, arbitrary: frac(-1, 1, 4) },
);

/** An exact tie at the rubric's precision inside (0, max): (2k + 1) / (2 · 10^p). */
const tieIn = (s: Setting, max: Fraction): fc.Arbitrary<Fraction> => {
  const top = Number(max.times(pow10(s.precision)).floor().toString());
  return fc.integer({ min: 0, max: Math.max(0, top - 1) }).map((k) => Fraction.of(2 * k + 1, 2n * 10n ** BigInt(s.precision)));
};

const opt = <T>(a: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> => fc.option(a, { freq, nil: undefined });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

// ── per_unit ─────────────────────────────────────────────────────────────────────────────────

/**
 * Points for a unit of size `per`: any, or (half the time, when `per` has a factor 3 or 7) a
 * multiple of that factor such as 1.5 for 3 or 2.1 for 7, so diff / per does not terminate
 * while diff / per × points does: the ties that an early rounded quotient gets wrong.
 */
function pointsFor(per: number): fc.Arbitrary<string> {
  const odd = per % 9 === 0 ? 9 : per % 7 === 0 ? 7 : per % 3 === 0 ? 3 : 1;
  if (odd === 1) return points;
  return fc.oneof(points, fc.integer({ min: 1, max: Math.floor(300 / odd) }).map((k) => Fraction.of(k * odd, 100).toString()));
}

/** 以100%为标准，每超过3个百分点扣1.5分，扣完为止 — all directions, units and modes. */
export const perUnitLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      standard: fc.oneof(fc.constantFrom('100', '90', '95', '50', '0'), decimal(0, 120, 2)),
      direction: fc.constantFrom('above' as const, 'below' as const),
      // a unit whose quotient never terminates (3, 6, 7, 9, 12) twice as often as one that does
      per: opt(fc.oneof(fc.constantFrom(...PERS), fc.constantFrom(3, 6, 7, 9, 12), fc.constantFrom(3, 6, 7, 9, 12)), 6),
      mode: opt(fc.constantFrom('proportional' as const, 'whole' as const, 'started' as const), 2),
      percent: fc.boolean(),
      // 最多扣3分 (a cap below the max, or at it: a warning, no effect) and 未完成80%则不得分
      maxDeduction: opt(decimal(0.01, 20, 2), 3),
      zeroOff: opt(decimal(0, 40, 2), 3),
    })
    .chain((r) => pointsFor(r.per ?? 1).map((points) => ({ ...r, points })))
    .map((r): LeafGen => {
      const name = `率${i}`;
      const max = F(r.max);
      const per = F(r.per ?? 1);
      const pts = F(r.points);
      const standard = F(r.standard);
      const span = max.div(pts).times(per); // the diff that loses everything
      const at = (diff: Fraction) => text4(r.direction === 'above' ? standard.plus(diff) : standard.minus(diff));
      const spanN = Number(span.round(4).toString()) * 1.3 + 1;
      const diffs = fc.oneof(
        { weight: 2, arbitrary: nudge },
        { weight: 3, arbitrary: frac(0, spanN, 4) },
        // figures with two decimals, as sheets write them (105.03%)
        { weight: 2, arbitrary: frac(0, spanN, 2, 2) },
        { weight: 1, arbitrary: frac(-spanN, 0, 4) },
        // whole units, and just off them (floor/ceil edges)
        { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: Math.ceil(spanN) }), nudge).map(([u, d]) => per.times(u).plus(d)) },
        // the diff whose exact proportional score is a tie (or the 4-decimal figure nearest it)
        { weight: 4, arbitrary: tieIn(s, max).map((t) => max.minus(t).times(per).div(pts)) },
        // on the no-score line and just off it
        { weight: r.zeroOff === undefined ? 0 : 3, arbitrary: nudge.map((d) => F(r.zeroOff ?? '0').plus(d)) },
      );
      return {
        leaf: {
          id: `指标${i}`,
          name: `指标${i}`,
          max: r.max,
          rule: defined({
            kind: 'per_unit', value: name, standard: r.standard, direction: r.direction, per: r.per, points: r.points, mode: r.mode, maxDeduction: r.maxDeduction,
            zeroBeyond: r.zeroOff === undefined ? undefined : (r.direction === 'above' ? standard.plus(F(r.zeroOff)) : standard.minus(F(r.zeroOff))).toString(),
          }),
        },
        inputs: { [name]: r.percent ? { type: 'percent' } : { type: 'number' } },
        values: diffs.map((d) => ({ [name]: at(d) })),
        division: false,
      };
    });

// ── count ────────────────────────────────────────────────────────────────────────────────────

/** 每出现一例扣0.25分，扣完为止. */
export const countLeaf: LeafArb = (s, i) =>
  fc.record({ max: maxArb(s), points, maxDeduction: opt(decimal(0.01, 20, 2), 4) }).map(({ max, points, maxDeduction }): LeafGen => {
    const name = `例数${i}`;
    const zero = Number(F(max).div(F(points)).floor().toString());
    return {
      // 每出现一例扣0.5分，最多扣2分 (a cap), on a count that deducts
      leaf: { id: `指标${i}`, name: `指标${i}`, max, rule: defined({ kind: 'count', value: name, points, maxDeduction }) },
      inputs: { [name]: { type: 'count' } },
      values: fc.oneof(fc.integer({ min: 0, max: zero + 3 }), fc.integer({ min: Math.max(0, zero - 1), max: zero + 1 }), fc.constant(0)).map((n) => ({ [name]: String(n) })),
      division: false,
    };
  });

/**
 * 获得省级以上表彰每次加1分，最多加5分: `effect: add`, explicit `effect: deduct`, and a count in a
 * 加分项 (even leaves), which adds by default.
 */
export const countEffectLeaf: LeafArb = (s, i) =>
  fc.tuple(countLeaf(s, i), fc.constantFrom('add' as const, 'deduct' as const)).map(([g, effect]): LeafGen => {
    const bonus = i % 2 === 0;
    const { maxDeduction: _, ...rule } = g.leaf.rule;
    // A cap on deductions belongs to a count that deducts; one that adds is capped by its max.
    const r = effect === 'deduct' && !bonus ? g.leaf.rule : rule;
    return { ...g, leaf: bonus ? { ...g.leaf, rule, bonus: true } : { ...g.leaf, rule: { ...r, effect } } };
  });

// ── target ───────────────────────────────────────────────────────────────────────────────────

const REACH = ['≥', '≧', '>=', '不低于', '不少于', '达到', '至少', ''] as const;
const CEILING = ['≤', '≦', '<=', '不超过', '不高于', '控制在', ''] as const;
const STRICT = ['>', '＞', '高于', '超过', '<', '＜', '低于', '少于', '=', '＝', '等于'] as const;

interface TargetFamily {
  decl: InputDecl;
  /** Units a target may be written in, and the factor from it to the value's unit. */
  units: [string, number][];
  goal: fc.Arbitrary<string>;
}
const FAMILIES: TargetFamily[] = [
  { decl: { type: 'percent' }, units: [['%', 1], ['', 1]], goal: decimal(1, 100, 2) },
  { decl: { type: 'number', unit: '份' }, units: [['份', 1]], goal: fc.integer({ min: 1, max: 1000 }).map(String) },
  { decl: { type: 'number', unit: '期' }, units: [['期', 1]], goal: fc.integer({ min: 1, max: 24 }).map(String) },
  { decl: { type: 'number', unit: '件' }, units: [['件', 1], ['', 1]], goal: decimal(1, 500, 1) },
  { decl: { type: 'number', unit: '元' }, units: [['万元', 10000], ['元', 1], ['千元', 1000]], goal: decimal(0.1, 200, 2) },
  { decl: { type: 'number', unit: '万元' }, units: [['万元', 1], ['亿元', 10000]], goal: decimal(0.1, 50, 2) },
];

/** Target text: a comparison word in front or a 以内/以上/以下 after, a number and a unit. */
function targetText(op: string, goal: string, unit: string, suffix: string): string {
  return op === '控制在' ? `控制在${goal}${unit}以内` : `${op}${goal}${unit}${suffix}`;
}

/**
 * 下发文件数量控制在680份以内 · 编印公报12期 · 办结率不低于97%, met or not, all or nothing or
 * in proportion; money targets in 万元 against figures in 元.
 */
export const targetLeaf =
  (mode: 'all_or_nothing' | 'proportional'): LeafArb =>
  (s, i) =>
    fc
      .record({
        max: maxArb(s),
        family: fc.constantFrom(...FAMILIES),
        reach: fc.boolean(),
        strict: fc.integer({ min: 0, max: 5 }),
        word: fc.nat(),
        unitPick: fc.nat(),
        suffix: fc.nat(),
        zero: fc.integer({ min: 0, max: 19 }),
        explicitMode: fc.boolean(),
      })
      .chain((r) => r.family.goal.map((goal) => ({ ...r, goal: mode === 'all_or_nothing' && r.zero === 0 ? '0' : goal })))
      .map((r): LeafGen => {
        const name = `完成值${i}`;
        const [unit, factor] = r.family.units[r.unitPick % r.family.units.length]!;
        const words: readonly string[] = mode === 'all_or_nothing' && r.strict === 0 ? STRICT : r.reach ? REACH : CEILING;
        let op = words[r.word % words.length]!;
        // A ceiling may also be written with 以内/以下 after the number; a bare number is to be reached.
        let suffix = '';
        if (!r.reach && op === '') suffix = r.suffix % 2 ? '以内' : '以下';
        if (r.reach && op === '' && r.suffix % 3 === 0) suffix = '以上';
        const target = targetText(op, r.goal, unit, suffix);
        const max = F(r.max);
        const goal = F(r.goal).times(factor); // in the value's unit
        const lower = !r.reach && !STRICT.includes(op as never);
        const values = fc.oneof(
          { weight: 3, arbitrary: nudge.map((d) => goal.plus(d.times(goal.isZero() ? 1 : Fraction.max(1, goal.div(100).floor())))) },
          { weight: 2, arbitrary: nudge.map((d) => goal.plus(d)) },
          { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((k) => goal.times(Fraction.of(k, 1000))) },
          // the figure whose exact proportional score is a tie: v = T·g/max (reach) or max·g/T (ceiling)
          { weight: 4, arbitrary: tieIn(s, max).map((t) => (lower ? max.times(goal).div(t) : t.times(goal).div(max))) },
          { weight: 1, arbitrary: frac(-5, 0, 2) },
        );
        return {
          leaf: { id: `指标${i}`, name: `指标${i}`, max: r.max, rule: defined({ kind: 'target', value: name, target, mode: mode === 'proportional' || r.explicitMode ? mode : undefined }) },
          inputs: { [name]: r.family.decl },
          values: values.map((v) => ({ [name]: text4(v) })),
          division: false,
        };
      });

/** Proportional targets that cannot be scored in proportion: strict, equal, zero or negative. */
export const invalidProportionalTarget = fc.oneof(
  fc.tuple(fc.constantFrom(...STRICT), decimal(1, 100, 2)).map(([op, g]) => `${op}${g}%`),
  fc.tuple(fc.constantFrom('≥', '≤', '>', '<', '不低于', '不超过', ''), fc.oneof(fc.constant('0'), decimal(-100, 0, 2))).map(([op, g]) => `${op}${g}%`),
);

// ── bands ────────────────────────────────────────────────────────────────────────────────────

const wide = (t: string) => t.replace(/>=/g, '≧').replace(/</g, '＜').replace(/\[/g, '［').replace(/\]/g, '］').replace(/,/g, '，');

/** 重点支出安排率≥90%，计5分；80%（含）-90%，计4分；…低于60%不得分 — with both kinds of edges. */
export const bandsLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      cuts: fc.uniqueArray(decimal(0, 120, 2), { minLength: 1, maxLength: 5, comparator: (a, b) => F(a).eq(F(b)) }),
      upper: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      fractions: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 7, maxLength: 7 }),
      scorePlaces: fc.integer({ min: 0, max: 3 }),
      zeroBand: fc.boolean(),
      bottom: fc.integer({ min: 0, max: 19 }),
      style: fc.integer({ min: 0, max: 3 }),
    })
    .map((r): LeafGen => {
      const name = `安排率${i}`;
      const max = F(r.max);
      const cuts = r.cuts.map(F).sort((a, b) => b.cmp(a)); // highest first, as sheets list them
      const unit = r.style === 1 ? '%' : '';
      const score = (j: number) => max.times(Fraction.of(r.fractions[j]!, 1000)).round(r.scorePlaces, 'down').toString();
      const e = (x: Fraction) => `${x.toString()}${unit}`;
      const bands: { when: string; score: string }[] = [];
      if (r.zeroBand) bands.push({ when: `=${e(cuts[cuts.length - 1]!)}`, score: r.max });
      // The top band, then one band between each pair of cuts; each cut belongs above or below.
      bands.push({ when: r.upper[0] ? `>=${e(cuts[0]!)}` : `>${e(cuts[0]!)}`, score: score(0) });
      for (let j = 1; j < cuts.length; j++) {
        const [hi, lo] = [cuts[j - 1]!, cuts[j]!];
        bands.push({ when: `${r.upper[j] ? '[' : '('}${e(lo)}, ${e(hi)}${r.upper[j - 1] ? ')' : ']'}`, score: score(j) });
      }
      const last = cuts[cuts.length - 1]!;
      // Mostly a band below the lowest cut; else `otherwise`; rarely neither (no_band_matched below it).
      if (r.bottom > 3) bands.push({ when: r.upper[cuts.length - 1] ? `<${e(last)}` : `<=${e(last)}`, score: score(6) });
      const styled = bands.map((b) => (r.style === 2 ? { ...b, when: wide(b.when) } : b));
      const otherwise = (r.bottom >= 1 && r.bottom <= 3) || r.bottom === 4 ? score(5) : undefined;
      const values = fc.oneof(
        { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...cuts), nudge).map(([c, d]) => c.plus(d)) },
        { weight: 2, arbitrary: frac(-10, 130, 4) },
      );
      return {
        leaf: { id: `指标${i}`, name: `指标${i}`, max: r.max, rule: defined({ kind: 'bands', value: name, bands: styled, otherwise }) },
        inputs: { [name]: r.style === 1 ? { type: 'percent' } : { type: 'number' } },
        values: values.map((v) => ({ [name]: text4(v) })),
        division: false,
      };
    });

// ── cases ────────────────────────────────────────────────────────────────────────────────────

/** 无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分 — and conditions with quotients. */
export const casesLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      templates: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 3 }),
      fractions: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
      scorePlaces: fc.integer({ min: 0, max: 3 }),
      c: decimal(0, 100, 2),
      d: fc.constantFrom(...PERS),
      k: decimal(0.1, 3, 2, 1),
      otherwise: fc.integer({ min: 0, max: 9 }),
    })
    .map((r): LeafGen => {
      const [a, b] = [`结余${i}`, `结转${i}`];
      const T = [
        `${a} = 0`,
        `${a} <= ${b}`,
        `${a} > ${b}`,
        `${a} / ${b} >= ${r.k}`,
        `${a} - ${b} < ${r.c}`,
        `${a} * ${r.d} / 7 <= ${b}`,
        `not (${a} > ${b})`,
        `${a} >= ${r.c} and ${b} <= ${r.c} or ${a} = ${b}`,
        `${a} / ${r.d} * ${r.d} = ${a} and ${b} / 3 * 3 >= ${b}`,
      ];
      const max = F(r.max);
      const score = (j: number) => max.times(Fraction.of(r.fractions[j]!, 1000)).round(r.scorePlaces, 'down').toString();
      const cases = r.templates.map((t, j) => ({ when: T[t]!, score: score(j) }));
      const division = r.templates.some((t) => T[t]!.includes('/'));
      const figure = frac(0, 100, 4);
      const values = fc.oneof(
        { weight: 30, arbitrary: fc.tuple(figure, figure) },
        { weight: 20, arbitrary: figure.map((x) => [x, x] as [Fraction, Fraction]) },
        { weight: 10, arbitrary: figure.map((x) => [Fraction.ZERO, x] as [Fraction, Fraction]) },
        { weight: 20, arbitrary: fc.tuple(figure, nudge).map(([x, d]) => [x.times(F(r.k)).plus(d), x] as [Fraction, Fraction]) },
        { weight: 20, arbitrary: fc.tuple(figure, nudge).map(([x, d]) => [F(r.c).plus(x).plus(d), x] as [Fraction, Fraction]) },
        { weight: 10, arbitrary: fc.tuple(figure, nudge).map(([x, d]) => [x.times(7).div(r.d).plus(d), x] as [Fraction, Fraction]) },
        { weight: 3, arbitrary: figure.map((x) => [x, Fraction.ZERO] as [Fraction, Fraction]) },
      );
      return {
        leaf: { id: `指标${i}`, name: `指标${i}`, max: r.max, rule: defined({ kind: 'cases', cases, otherwise: r.otherwise > 0 ? { score: score(3) } : undefined }) },
        inputs: { [a]: { type: 'number' }, [b]: { type: 'number' } },
        values: values.map(([x, y]) => ({ [a]: text4(x), [b]: text4(y) })),
        division,
      };
    });

// ── checklist ────────────────────────────────────────────────────────────────────────────────

/**
 * ①已制定…，1分；②相关管理制度合法、合规、完整，0.5分；③…得到有效执行，1.25分: items with one
 * decimal more than the precision that add up to the max (or over-fill it, a warning), so the
 * points of the items met are often a tie.
 */
export const checklistLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
      named: fc.boolean(),
      over: fc.integer({ min: 0, max: 3 }),
    })
    .map((r): LeafGen => {
      const fine = s.precision + 1;
      const max = F(r.max);
      const total = r.weights.reduce((a, w) => a + w, 0);
      const parts = r.weights.slice(1).map((w) => max.times(Fraction.of(w, total)).round(fine, 'down'));
      const first = max.minus(parts.reduce((a, p) => a.plus(p), Fraction.ZERO));
      // Over-filled: one more item worth a quarter of the max.
      const points = [first, ...parts].filter((p) => p.gt(0)).concat(r.over === 0 ? [max.div(4).round(fine, 'up')] : []);
      const items = points.map((p, j) => (r.named ? { id: `第${j + 1}条`, text: `制度${j + 1}`, points: p.toString() } : { text: `制度${j + 1}`, points: p.toString() }));
      const ids = points.map((_, j) => (r.named ? `第${j + 1}条` : String(j + 1)));
      const id = `指标${i}`;
      return {
        leaf: { id, name: id, max: r.max, rule: { kind: 'checklist', items } },
        inputs: {},
        values: fc.constant({}),
        assessment: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }).map((met) => ({ items: Object.fromEntries(ids.map((k, j) => [k, met[j]!])) })),
        division: false,
      };
    });

/**
 * Checklists as the framework writes them: items worth a share of the max (得到指标分值的20%),
 * a gate (如不具备，该指标分值为0), 每少一项扣N分, and items rated 优/良/中/差 on a scale of shares.
 */
export const checklistShapesLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      shares: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
      shape: fc.constantFrom('share' as const, 'gate' as const, 'perMissing' as const, 'scale' as const),
      per: decimal(0.1, 4, 2),
      scale: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 4 }),
    })
    .map((r): LeafGen => {
      const id = `指标${i}`;
      const n = r.shares.length;
      // shares that add up to exactly 100 (the last takes the rest, at least 1)
      const raw = r.shares.map((x) => Math.max(1, x));
      const sum = raw.slice(0, -1).reduce((a, x) => a + x, 0);
      const shares = sum < 100 ? [...raw.slice(0, -1), 100 - sum] : Array.from({ length: n }, (_, j) => (j === 0 ? 100 - (n - 1) : 1));
      const levels = ['优', '良', '中', '差'].slice(0, r.scale.length);
      const scale = levels.map((level, j) => ({ level, share: String(r.scale[j]) }));
      const items = shares.map((sh, j) =>
        r.shape === 'perMissing' ? { text: `要素${j + 1}` } : { text: `要素${j + 1}`, share: String(sh), ...(r.shape === 'gate' && j === 0 ? { gate: true } : {}) },
      );
      const ids = items.map((_, j) => String(j + 1));
      const rule = { kind: 'checklist', items, ...(r.shape === 'perMissing' ? { perMissing: r.per } : {}), ...(r.shape === 'scale' ? { scale } : {}) };
      const assessment: fc.Arbitrary<Assessment> =
        r.shape === 'scale'
          ? fc.array(fc.constantFrom(...levels), { minLength: n, maxLength: n }).map((lv) => ({ items: Object.fromEntries(ids.map((k, j) => [k, lv[j]!])) }))
          : fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((met) => ({ items: Object.fromEntries(ids.map((k, j) => [k, met[j]!])) }));
      return { leaf: { id, name: id, max: r.max, rule }, inputs: {}, values: fc.constant({}), assessment, division: false };
    });

// ── judgement ────────────────────────────────────────────────────────────────────────────────

/** 相符10分，基本相符6分，调整较大0分: levels named, or given as their points, or points between them. */
export const judgementLevelsLeaf: LeafArb = (s, i) =>
  fc
    .record({ max: maxArb(s), picks: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 4 }) })
    .map(({ max, picks }): LeafGen => {
      const id = `指标${i}`;
      const m = F(max);
      const distinct = [...new Set(picks.map((p) => m.times(Fraction.of(p, 100)).round(s.precision, 'down').toString()))];
      const points = distinct.length >= 2 ? distinct : [...new Set([...distinct, max, '0'])];
      const names = ['相符', '基本相符', '调整较大', '不相符'];
      const levels = points.map((p, j) => ({ level: names[j]!, points: p }));
      const assessment: fc.Arbitrary<Assessment> = fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...levels).map((l) => ({ level: l.level })) },
        { weight: 4, arbitrary: fc.constantFrom(...levels).map((l) => ({ score: l.points, reason: '说明' })) },
        { weight: 1, arbitrary: decimal(0, Number(max), s.precision).map((score) => ({ score, reason: '说明' })) },
      );
      return { leaf: { id, name: id, max, rule: { kind: 'judgement', levels } }, inputs: {}, values: fc.constant({}), assessment, division: false };
    });

/** 绩效目标合理性 3 → 2，“指标细化量化不够…”: scores at, below, beyond the precision and the step. */
export const judgementLeaf: LeafArb = (s, i) =>
  fc.record({ max: maxArb(s), step: opt(fc.constantFrom('0.5', '0.25', '1', '0.1', '0.2'), 2) }).map(({ max, step }): LeafGen => {
    const id = `指标${i}`;
    const m = Number(max);
    const stepped = step ? fc.integer({ min: 0, max: Math.floor(m / Number(step)) }).map((k) => F(step).times(k).toString()) : decimal(0, m, s.precision);
    const score = fc.oneof(
      { weight: 40, arbitrary: stepped.filter((t) => F(t).fitsIn(s.precision)) },
      { weight: 5, arbitrary: fc.constant(max) },
      { weight: 1, arbitrary: decimal(0, m, s.precision + 1) },
      { weight: 1, arbitrary: fc.oneof(decimal(m, m + 1, 2), decimal(-1, 0, 2)) },
    );
    const reason = fc.oneof({ weight: 40, arbitrary: fc.constantFrom('指标细化量化不够，缺乏可考核性', '部分资料不全') }, { weight: 1, arbitrary: fc.constantFrom('', ' ', undefined) });
    return {
      leaf: { id, name: id, max, rule: defined({ kind: 'judgement', step }) },
      inputs: {},
      values: fc.constant({}),
      assessment: fc.record({ score, reason }).map((a) => defined(a)),
      division: false,
    };
  });

// ── formula ──────────────────────────────────────────────────────────────────────────────────

/**
 * Score formulas, most with a division: `10 - v / 12 * 1.5`, `floor(v / 3 * 3)`, `m * a / b`, …
 * `q` is often `d` times a short decimal, so the exact score is often a tie while `v / d` is not
 * a terminating decimal.
 */
export const formulaLeaf: LeafArb = (s, i) =>
  fc
    .record({
      max: maxArb(s),
      t: fc.integer({ min: 0, max: 11 }),
      d: fc.constantFrom(...PERS, 11, 13),
      r: fc.constantFrom('0.5', '0.25', '0.125', '0.2', '0.05', '0.1', '0.375', '1.5'),
      c: decimal(0, 100, 2),
      n: fc.integer({ min: 0, max: 3 }),
    })
    .map((r): LeafGen => {
      const [v, b] = [`实际${i}`, `基数${i}`];
      const q = F(r.d).times(F(r.r)).toString();
      const { max, d, c, n } = r;
      const T: [string, boolean][] = [
        [`${max} - ${v} / ${d} * ${q}`, true],
        [`${max} - max(0, ${v} - ${c}) / ${d} * ${q}`, true],
        [`${max} * ${v} / ${b}`, true],
        [`${max} * (${v} / ${b})`, true],
        [`floor(${v} / ${d} * ${d}) * ${r.r}`, true],
        [`ceil(${v} / ${d}) * ${r.r}`, true],
        [`round(${v} / ${d}, ${n}) * ${q}`, true],
        [`if(${v} > ${c}, ${max} - (${v} - ${c}) / ${d} * ${q}, ${max})`, true],
        [`clamp(${v} / ${b} * ${max}, 0, ${max})`, true],
        [`abs(${v} - ${b}) / ${d} * ${q}`, true],
        [`min(${max}, ${v} * ${r.r} + ${b} / ${d})`, true],
        [`${max} - ${v} * ${r.r}`, false],
      ];
      const [score, division] = T[r.t]!;
      const figure = frac(0, 100, 4);
      const values = fc.oneof(
        { weight: 30, arbitrary: fc.tuple(decimal(0, 100, 2), figure.filter((x) => !x.isZero())).map(([x, y]) => [F(x), y] as [Fraction, Fraction]) },
        { weight: 20, arbitrary: fc.tuple(figure, figure) },
        { weight: 20, arbitrary: fc.tuple(fc.constantFrom(F(c), F(d), F(c).plus(d)), nudge, figure).map(([x, e, y]) => [x.plus(e), y] as [Fraction, Fraction]) },
        { weight: 20, arbitrary: fc.tuple(figure, fc.integer({ min: 1, max: 12 })).map(([x, k]) => [x, x.times(k).div(3)] as [Fraction, Fraction]) },
        { weight: 2, arbitrary: figure.map((x) => [x, Fraction.ZERO] as [Fraction, Fraction]) },
      );
      return {
        leaf: { id: `指标${i}`, name: `指标${i}`, max, rule: { kind: 'formula', score } },
        inputs: { [v]: { type: 'number' }, [b]: { type: 'number' } },
        values: values.map(([x, y]) => ({ [v]: text4(x), [b]: text4(y) })),
        division,
      };
    });

// ── division through metrics ─────────────────────────────────────────────────────────────────

/**
 * 在职人员控制率 = 在职人数 / 编制人数 * 100, read by per_unit, bands, target and formula rules:
 * the quotient is never a terminating decimal when 编制人数 is 3, 7, 9, 12 or 34, while the score
 * often is one, or a tie.
 */
export const metricLeaf: LeafArb = (s, i) =>
  fc
    .record({
      kind: fc.integer({ min: 0, max: 4 }),
      metric: fc.integer({ min: 0, max: 3 }),
      rule: fc.oneof(perUnitLeaf(s, i), bandsLeaf(s, i), targetLeaf('proportional')(s, i), formulaLeaf(s, i)),
      staff: fc.constantFrom(3, 6, 7, 9, 12, 30, 34, 36, 90),
    })
    .map((r): LeafGen => {
      const [a, b, m] = [`在职人数${i}`, `编制人数${i}`, `控制率${i}`];
      const inner = r.rule;
      const read = Object.keys(inner.inputs);
      if (inner.leaf.rule.kind === 'formula') {
        // The formula reads the metric in place of its first figure: a quotient feeding a product.
        const [v, other] = read as [string, string];
        const formula = [`${a} / ${b} * 100`, `(${a} - ${b}) / ${b} * 100 + 100`, `${a} / ${b}`, `${a} * 3 / ${b}`][r.metric]!;
        return {
          leaf: { ...inner.leaf, rule: { ...inner.leaf.rule, score: String(inner.leaf.rule.score).split(v).join(m) } },
          inputs: { [a]: { type: 'number' }, [b]: { type: 'number', min: '0' }, [other]: { type: 'number' } },
          metrics: { [m]: formula },
          values: fc.tuple(inner.values, quotientPair(r.staff)).map(([vals, [x, y]]) => ({ [a]: x, [b]: y, [other]: vals[other]! })),
          division: true,
        };
      }
      // per_unit, bands, target: the rule's value becomes the metric; its figure the quotient's target.
      const name = read[0]!;
      const unit = inner.inputs[name]!.type === 'percent' ? '%' : (inner.inputs[name]!.unit ?? '');
      return {
        leaf: { ...inner.leaf, rule: { ...inner.leaf.rule, value: m } },
        inputs: { [a]: { type: 'number' }, [b]: { type: 'number', min: '0' } },
        metrics: { [m]: unit ? { formula: `${a} / ${b} * 100`, unit } : `${a} / ${b} * 100` },
        values: inner.values.chain((vals) => quotientTo(F(vals[name]!), r.staff)).map(([x, y]) => ({ [a]: x, [b]: y })),
        division: true,
      };
    });

/** Figures a, b with a / b × 100 at (or at the 4-decimal figure nearest) a wanted rate. */
function quotientTo(rate: Fraction, staff: number): fc.Arbitrary<[string, string]> {
  return fc.constantFrom(staff, staff * 2, 1, 3, 7).map((b) => [text4(rate.times(b).div(100)), String(b)] as [string, string]);
}
/** Any figures a, b (b > 0), for formulas that read a quotient. */
function quotientPair(staff: number): fc.Arbitrary<[string, string]> {
  return fc.tuple(frac(0, staff * 1.5, 2), fc.constantFrom(staff, 3, 7, 12)).map(([x, b]) => [x.toString(), String(b)] as [string, string]);
}

// ── Rubrics ──────────────────────────────────────────────────────────────────────────────────

export const setting: fc.Arbitrary<Setting> = fc.record({ precision: fc.integer({ min: 0, max: 4 }), rounding: fc.constantFrom(...ROUNDINGS) });

/** A one-level rubric of `leaves` leaves made by `leafArb`; precision and rounding sometimes left to their defaults. */
export function rubricOf(leafArb: LeafArb, leaves: number): fc.Arbitrary<Case> {
  return fc
    .tuple(setting, fc.boolean(), fc.boolean())
    .chain(([s, sayPrecision, sayRounding]) =>
      fc.tuple(fc.constant(s), fc.tuple(...Array.from({ length: leaves }, (_, i) => leafArb(s, i + 1))), fc.constant(sayPrecision || s.precision !== 2), fc.constant(sayRounding || s.rounding !== 'half-up')),
    )
    .map(([s, gens, sayP, sayR]): Case => {
      const doc: OracleDoc = { id: 'oracle', name: '差异测试评分表', indicators: gens.map((g) => g.leaf) };
      if (sayP) doc.precision = s.precision;
      if (sayR) doc.rounding = s.rounding;
      const inputs = Object.assign({}, ...gens.map((g) => g.inputs));
      if (Object.keys(inputs).length) doc.inputs = inputs;
      const metrics = Object.assign({}, ...gens.map((g) => g.metrics ?? {}));
      if (Object.keys(metrics).length) doc.metrics = metrics;
      const input = fc.tuple(...gens.map((g) => fc.tuple(g.values, g.assessment ?? fc.constant(undefined)))).map((parts): OracleInput => {
        const values = Object.assign({}, ...parts.map(([v]) => v));
        const assessments = Object.fromEntries(parts.flatMap(([, a], j) => (a ? [[gens[j]!.leaf.id, a]] : [])));
        return Object.keys(assessments).length ? { values, assessments } : { values };
      });
      return { doc, input, divisionLeaves: gens.filter((g) => g.division).map((g) => g.leaf.id) };
    });
}
