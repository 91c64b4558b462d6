import * as fc from 'fast-check';
import { Decimal, type RubricDocumentInput, type RuleInput, type RuleKind } from '../index.js';
import { arbitraryDecimal } from './inputs.js';

/** A figure a generated rule may read: an input or metric name and what it holds. */
export interface RuleName {
  name: string;
  type: 'number' | 'percent' | 'count';
  /** Unit printed in reasons and used by `target` strings (`%` for percent). */
  unit?: string;
  /** Declared range, if any. */
  min?: string;
  max?: string;
}

/** Where a generated rule will live. */
export interface RuleContext {
  /** The figures it may read (at least one). */
  names: readonly RuleName[];
  /** The indicator's max (分值). */
  max: string | number;
  /** Decimal places of scores (default 2). */
  precision?: number;
  /**
   * `true` (default): every value the names can take is scored — bands cover the whole line,
   * `cases` have `otherwise`, `count` reads a count — and bands rise or fall one way only.
   * `false`: rules may leave gaps and peaks, as real mistakes do (for fuzzing).
   */
  complete?: boolean;
}

/**
 * The eight rule kinds, for `arbitraryRule(kind, …)` over all of them.
 * @example for (const kind of ruleKinds) fc.assert(fc.property(arbitraryRule(kind, ctx), (rule) => …));
 */
export const ruleKinds: readonly RuleKind[] = ['per_unit', 'bands', 'count', 'cases', 'checklist', 'target', 'judgement', 'formula'];

const d = (x: Decimal | string | number) => new Decimal(x);

/** Positive decimals up to `max` with `places` decimals (at least one unit of the last place). */
const positive = (max: Decimal | string, places: number) => {
  const unit = d(1).div(d(10).pow(places));
  const hi = Decimal.max(unit, d(max));
  return arbitraryDecimal({ min: unit, max: hi, places });
};

/** Split `max` into `k` positive parts with at most `places` decimals (fewer parts when max is small). */
function split(max: Decimal, weights: number[], places: number): string[] {
  const unit = d(1).div(d(10).pow(places));
  const total = weights.reduce((a, b) => a + b, 0);
  const parts: Decimal[] = [];
  let left = max;
  for (let i = 0; i < weights.length - 1; i++) {
    const p = max.times(weights[i]!).div(total).toDecimalPlaces(places, Decimal.ROUND_DOWN);
    if (p.lt(unit) || left.minus(p).lt(unit)) break;
    parts.push(p);
    left = left.minus(p);
  }
  parts.push(left);
  return parts.map((p) => p.toFixed());
}

/**
 * Valid parameters for a rule of `kind` reading the given names, within the indicator's max:
 * standards, steps and points for `per_unit`; edges (written `[80, 90)`, `≥90`, `≦60`…) and
 * scores for `bands`; conditions for `cases`; items whose points add up to max for
 * `checklist`; target strings with comparisons and units for `target`; steps for `judgement`;
 * and small formulas. Use it to test code built on rules, or rules themselves.
 * @example
 * fc.assert(fc.property(arbitraryRule('per_unit', { names: [{ name: '控制率', type: 'percent' }], max: 5 }), (rule) => {
 *   const rubric = loadRubric({ id: 't', name: 't', inputs: { 控制率: { type: 'percent' } }, indicators: [{ id: 'x', name: 'x', max: 5, rule }] });
 *   expect(rubric.max.toString()).toBe('5');
 * }));
 */
export function arbitraryRule(kind: RuleKind, ctx: RuleContext): fc.Arbitrary<RuleInput> {
  if (!ctx.names.length) throw new RangeError('arbitraryRule: at least one name is needed');
  const max = d(ctx.max);
  const places = Math.max(0, Math.min(6, ctx.precision ?? 2));
  const complete = ctx.complete ?? true;
  const anyName = fc.constantFrom(...ctx.names);
  const score = arbitraryDecimal({ min: 0, max, places, edges: [max] });
  switch (kind) {
    case 'per_unit':
      return fc
        .record({
          n: anyName,
          standard: arbitraryDecimal({ min: 0, max: 150, places: 1, edges: [100, 0] }),
          direction: fc.constantFrom('above' as const, 'below' as const),
          per: fc.option(fc.constantFrom('0.5', '1', '5', '10'), { nil: undefined }),
          points: positive(Decimal.max(max, 1), 2),
          mode: fc.option(fc.constantFrom('proportional' as const, 'whole' as const, 'started' as const), { nil: undefined }),
          // 最多扣3分, and 未完成80%则不得分 (a line on the losing side of the standard)
          maxDeduction: fc.option(positive(max, 2), { nil: undefined, freq: 3 }),
          zeroOff: fc.option(arbitraryDecimal({ min: 0, max: 50, places: 1, edges: [0, 20] }), { nil: undefined, freq: 3 }),
        })
        .map(({ n, standard, direction, per, points, mode, maxDeduction, zeroOff }) => ({
          kind: 'per_unit' as const,
          value: n.name,
          standard,
          direction,
          points,
          ...(per ? { per } : {}),
          ...(mode ? { mode } : {}),
          ...(maxDeduction ? { maxDeduction } : {}),
          ...(zeroOff !== undefined
            ? { zeroBeyond: (direction === 'above' ? d(standard).plus(zeroOff) : Decimal.max(0, d(standard).minus(zeroOff))).toFixed() }
            : {}),
        }));
    case 'bands':
      return fc
        .record({
          n: anyName,
          edges: fc.uniqueArray(arbitraryDecimal({ min: 0, max: 120, places: 1, edges: [60, 80, 90, 100] }), { minLength: 1, maxLength: 4, comparator: (a, b) => d(a).eq(b) }),
          upper: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          scores: fc.array(score, { minLength: 5, maxLength: 5 }),
          order: fc.constantFrom('up', 'down', 'any'),
          style: fc.constantFrom('ascii', 'math', 'fullwidth'),
          gap: complete ? fc.constant(-1) : fc.integer({ min: -3, max: 4 }),
          otherwise: fc.option(score, { nil: undefined }),
        })
        .map(({ n, edges, upper, scores, order, style, gap, otherwise }) => {
          const e = [...edges].sort((a, b) => d(a).cmp(b));
          const k = e.length;
          let s = scores.slice(0, k + 1);
          if (complete || order !== 'any') s = [...s].sort((a, b) => d(a).cmp(b));
          if (order === 'down') s.reverse();
          const ge = style === 'fullwidth' ? '≧' : style === 'math' ? '≥' : '>=';
          const le = style === 'fullwidth' ? '≦' : style === 'math' ? '≤' : '<=';
          const bands: { when: string; score: string }[] = [];
          // Edge i belongs to the band above it when upper[i], else to the band below.
          bands.push({ when: upper[0] ? `<${e[0]}` : `${le}${e[0]}`, score: s[0]! });
          for (let i = 0; i + 1 < k; i++) bands.push({ when: `${upper[i] ? '[' : '('}${e[i]}, ${e[i + 1]}${upper[i + 1] ? ')' : ']'}`, score: s[i + 1]! });
          bands.push({ when: upper[k - 1] ? `${ge}${e[k - 1]}` : `>${e[k - 1]}`, score: s[k]! });
          if (gap >= 0 && gap < bands.length && bands.length > 1) bands.splice(gap, 1);
          // The highest-scoring band first, as sheets list them.
          if (order !== 'up') bands.reverse();
          return { kind: 'bands' as const, value: n.name, bands, ...(otherwise !== undefined && (!complete || gap >= 0) ? { otherwise } : {}) };
        });
    case 'count': {
      const counts = ctx.names.filter((x) => x.type === 'count');
      return fc
        .record({
          n: complete && counts.length ? fc.constantFrom(...counts) : anyName,
          points: positive(Decimal.max(max, 1), 2),
          item: fc.option(fc.constantFrom('不符合要求的情况', '专项未按进度完成资金下达', '违规事项'), { nil: undefined }),
        })
        .map(({ n, points, item }) => ({ kind: 'count' as const, value: n.name, points, ...(item ? { item } : {}) }));
    }
    case 'cases': {
      const cond = fc.oneof(
        fc.tuple(anyName, arbitraryDecimal({ min: 0, max: 100, places: 1 }), fc.constantFrom('>=', '<=', '<', '>', '=', '≥', '≤')).map(([a, n, op]) => `${a.name} ${op} ${n}`),
        fc.tuple(anyName, anyName, fc.constantFrom('<=', '<', '=', '!=')).map(([a, b, op]) => `${a.name} ${op} ${b.name}`),
        fc.tuple(anyName, anyName, arbitraryDecimal({ min: 0, max: 100, places: 0 })).map(([a, b, n]) => `${a.name} > ${n} and ${b.name} <= ${n}`),
        anyName.map((a) => `${a.name} = 0`),
      );
      return fc
        .record({
          cases: fc.array(fc.record({ when: cond, score, label: fc.option(fc.constantFrom('无结余', '有结余，但不超过上年结转', '达到要求'), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
          otherwise: complete ? score.map((s) => s as string | undefined) : fc.option(score, { nil: undefined }),
        })
        .map(({ cases, otherwise }) => ({
          kind: 'cases' as const,
          cases: cases.map((c) => ({ when: c.when, score: c.score, ...(c.label ? { label: c.label } : {}) })),
          ...(otherwise !== undefined ? { otherwise: { score: otherwise } } : {}),
        }));
    }
    case 'checklist':
      return fc
        .record({
          weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
          texts: fc.constantFrom('已制定或具有预算资金管理办法', '相关管理制度合法、合规、完整', '相关管理制度得到有效执行', '按规定公开预决算信息'),
          extra: complete ? fc.constant(undefined) : fc.option(positive("1", places), { nil: undefined }),
          ids: fc.boolean(),
          // as the framework writes them: 每少一项扣N分, 具备一个得分要素得到指标分值的N%, a gate
          shape: fc.constantFrom('points', 'points', 'points', 'perMissing', 'share', 'gate', 'scale'),
          per: positive(Decimal.max(max, 1), 1),
          // 优/良/中/差 per item, each a share of the item's points
          shares: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 4 }).map((xs) => [...xs].sort((a, b) => b - a)),
        })
        .map(({ weights, texts, extra, ids, shape, per, shares: rated }) => {
          const id = (i: number) => (ids ? { id: `c${i + 1}` } : {});
          const text = (i: number) => `${texts}（${i + 1}）`;
          if (shape === 'perMissing') return { kind: 'checklist' as const, perMissing: per, items: weights.map((_, i) => ({ ...id(i), text: text(i) })) };
          if (shape === 'share' || shape === 'gate') {
            // shares of 100 that add up exactly: 100 / n for n dividing 100, else the rest on the first
            const n = weights.length;
            const each = Math.floor(100 / n);
            const shares = weights.map((_, i) => String(i === 0 ? 100 - each * (n - 1) : each));
            return { kind: 'checklist' as const, items: shares.map((sh, i) => ({ ...id(i), text: text(i), share: sh, ...(shape === 'gate' && i === 0 ? { gate: true } : {}) })) };
          }
          const points = split(max.isZero() ? d(1) : max, weights, places);
          if (extra !== undefined) points.push(extra);
          const scale = shape === 'scale' ? { scale: rated.map((share, i) => ({ level: ['优', '良', '中', '差'][i]!, share: String(share) })) } : {};
          return { kind: 'checklist' as const, items: points.map((p, i) => ({ ...id(i), text: text(i), points: p })), ...scale };
        });
    case 'target':
      return fc
        .record({
          n: anyName,
          op: fc.constantFrom('≥', '≤', '>', '<', '=', '', '不低于', '控制在'),
          goal: arbitraryDecimal({ min: 0, max: 120, places: 1, edges: [0, 100] }),
          withUnit: fc.boolean(),
          proportional: fc.boolean(),
        })
        .map(({ n, op, goal, withUnit, proportional }) => {
          const unit = withUnit ? (n.type === 'percent' ? '%' : (n.unit ?? '')) : '';
          const suffix = op === '控制在' ? '以内' : '';
          // Proportional scoring is defined for ≥g and ≤g with g > 0 only (strict, "equals" and zero targets are refused).
          const ratioOk = proportional && ['≥', '≤', '', '不低于', '控制在'].includes(op) && !new Decimal(goal).isZero();
          return { kind: 'target' as const, value: n.name, target: `${op}${goal}${unit}${suffix}`, ...(ratioOk ? { mode: 'proportional' as const } : {}) };
        });
    case 'judgement': {
      const steps = [undefined, ...(max.times(2).isInteger() && places >= 1 ? ['0.5'] : []), ...(max.isInteger() ? ['1'] : [])];
      // 相符10分、基本相符6分、调整较大0分: two to four levels of distinct points within the max.
      const levels = max.isZero()
        ? fc.constant(undefined)
        : fc.option(
            fc.uniqueArray(arbitraryDecimal({ min: 0, max, places, edges: [max] }), { minLength: 2, maxLength: 4, selector: (v) => d(v).toFixed() })
              .map((ps) => [...ps].sort((a, b) => d(b).cmp(a)).map((points, i) => ({ level: ['相符', '基本相符', '调整较大', '不相符'][i]!, points: d(points).toFixed() }))),
            { nil: undefined },
          );
      return fc
        .record({ step: fc.constantFrom(...steps), guide: fc.option(fc.constantFrom('根据绩效目标的细化量化程度评分', '评价人评分'), { nil: undefined }), levels })
        .map(({ step, guide, levels }) => ({ kind: 'judgement' as const, ...(levels ? { levels } : step ? { step } : {}), ...(guide ? { guide } : {}) }));
    }
    case 'formula':
      return fc
        .tuple(anyName, anyName, arbitraryDecimal({ min: 1, max: 100, places: 0 }), fc.integer({ min: 0, max: 4 }))
        .map(([a, b, n, shape]) => {
          const m = max.toFixed();
          const score = [
            `${m} - max(0, ${a.name} - ${n}) * 0.1`,
            `if(${a.name} >= ${n}, ${m}, ${m} / 2)`,
            `clamp(${a.name} / ${n}, 0, ${m})`,
            `min(${a.name}, ${b.name}) / 100 * ${m}`,
            `round(${m} * abs(${a.name} - ${b.name}) / (abs(${a.name} - ${b.name}) + ${n}), 2)`,
          ][shape]!;
          return { kind: 'formula' as const, score, label: '按公式计分' };
        });
  }
}

/** Shape of {@link arbitraryRubricDocument}. */
export interface RubricDocumentOptions {
  /** Deepest indicator tree (default 3, at most 6). */
  depth?: number;
  /** Most children of one indicator (default 4). */
  children?: number;
  /** Rule kinds to use (default: all eight). */
  kinds?: readonly RuleKind[];
  /**
   * `true` (default): every valid input can be scored (no band gaps, no division by a figure
   * that may be 0, cases with `otherwise`) and bands are monotone. `false`: rubrics that load
   * but may fail to score some inputs, as real drafts do.
   */
  complete?: boolean;
  /**
   * `true` (default): also the scoring policies real sheets use — 不适用 per indicator
   * (`full`, `rescale`, `exclude`) with a `notApplicableLimit`, weighted blocks, 可选项 pools
   * (`pick`, `split`), capped 加分项/扣分项 sections, `maxTotal`, and 一票否决 on a condition with
   * each effect. `false`: the plain tree.
   */
  policies?: boolean;
}

interface InputSpec extends RuleName {
  optional?: boolean;
}

const INPUTS: readonly InputSpec[] = [
  { name: '在职人数', type: 'count', unit: '人', min: '0' },
  { name: '编制人数', type: 'count', unit: '人', min: '1' },
  { name: '执行率', type: 'percent', min: '0', max: '100' },
  { name: '满意度', type: 'percent', min: '0', max: '100' },
  { name: '变动率', type: 'percent' },
  { name: '结余', type: 'number', unit: '万元', min: '0' },
  { name: '上年结转', type: 'number', unit: '万元', min: '0', max: '100000' },
  { name: '例数', type: 'count', unit: '例' },
  { name: '文件数', type: 'count', unit: '份', max: '2000' },
  { name: '资金', type: 'number', unit: '万元', min: '-1000000', max: '100000000' },
];

/** Rule kinds a 扣分项 can be scored with. */
const PENALTY_KINDS: readonly RuleKind[] = ['count', 'formula', 'judgement'];

interface Tree {
  leaf?: { kind: RuleKind; max: string; bonus: boolean; penalty: boolean; rule: RuleInput };
  children?: Tree[];
  /** Policies drawn for this node (used where its shape allows them). */
  policy?: { na: 'forbidden' | 'full' | 'rescale' | 'exclude' | undefined; shape: 'sum' | 'weighted' | 'pool'; weights: number[]; pick: boolean; split: 'weights' | 'equal' };
}

const POLICY = fc.record({
  na: fc.constantFrom(undefined, undefined, undefined, 'forbidden' as const, 'full' as const, 'rescale' as const, 'exclude' as const),
  shape: fc.constantFrom('sum' as const, 'sum' as const, 'sum' as const, 'weighted' as const, 'pool' as const),
  weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
  pick: fc.boolean(),
  split: fc.constantFrom('weights' as const, 'equal' as const),
});

/**
 * Random rubric documents — indicator trees of depth 1 to `depth`, random rule kinds with random
 * parameters ({@link arbitraryRule}), declared inputs of every type with and without ranges,
 * derived metrics, 加分项, a grade scale, 一票否决, and every precision, rounding and 不适用
 * policy. Each one loads; with `complete: true` every valid input can be scored.
 * @example
 * fc.assert(fc.property(arbitraryRubricDocument(), (doc) => {
 *   const rubric = loadRubric(doc);
 *   checkRubricProperties(rubric, { numRuns: 10 });
 * }));
 */
export function arbitraryRubricDocument(opts: RubricDocumentOptions = {}): fc.Arbitrary<RubricDocumentInput> {
  const depth = Math.max(1, Math.min(6, opts.depth ?? 3));
  const width = Math.max(1, opts.children ?? 4);
  const kinds = opts.kinds?.length ? opts.kinds : ruleKinds;
  const complete = opts.complete ?? true;
  const policies = opts.policies ?? true;

  const settings = fc.record({
    precision: fc.constantFrom(0, 1, 2, 2, 3),
    rounding: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const),
    notApplicable: policies ? fc.constantFrom('forbidden' as const, 'full' as const, 'rescale' as const, 'exclude' as const) : fc.constantFrom('forbidden' as const, 'full' as const, 'rescale' as const),
    inputs: fc.subarray([...INPUTS], { minLength: 1 }),
    ratio: fc.boolean(),
  });

  return settings.chain((s) => {
    const inputs = [...s.inputs];
    if (complete && !inputs.some((i) => i.type === 'count')) inputs.push(INPUTS[7]!);
    const names: RuleName[] = [...inputs];
    const metrics: Record<string, { formula: string; unit?: string }> = {};
    const hasStaff = inputs.some((i) => i.name === '在职人数') && inputs.some((i) => i.name === '编制人数');
    if (s.ratio && hasStaff) {
      metrics['在职人员控制率'] = { formula: '在职人数 / 编制人数 * 100', unit: '%' };
      names.push({ name: '在职人员控制率', type: 'percent', unit: '%' });
    }
    if (s.ratio && inputs.some((i) => i.name === '结余') && inputs.some((i) => i.name === '上年结转')) {
      metrics['结余差额'] = { formula: '结余 - 上年结转', unit: '万元' };
      names.push({ name: '结余差额', type: 'number', unit: '万元' });
      // Division by a figure that may be 0: only in rubrics that need not score every input.
      if (!complete) metrics['结余比'] = { formula: '结余 / 上年结转 * 100', unit: '%' };
    }
    const maxPlaces = Math.min(s.precision, 1);
    const leafMax = arbitraryDecimal({ min: 1, max: 20, places: maxPlaces, edges: [5, 10] });
    const leaf = (first: boolean): fc.Arbitrary<Tree> =>
      fc.tuple(fc.constantFrom(...kinds), leafMax, first ? fc.constant(false) : fc.boolean()).chain(([kind, max, bonus]) =>
        fc.tuple(arbitraryRule(kind, { names, max, precision: s.precision, complete }), fc.integer({ min: 0, max: 9 })).map(([rule, dice]) => ({
          // About one leaf in ten is a 加分项, and one in ten of those a 扣分项 can score is one.
          leaf: { kind, max, bonus: bonus && dice === 0, penalty: bonus && dice === 1 && PENALTY_KINDS.includes(kind), rule },
        })),
      );
    const node = (level: number, first: boolean): fc.Arbitrary<Tree> => {
      if (level >= depth) return leaf(first);
      const parent = fc
        .integer({ min: 1, max: width })
        .chain((k) => fc.tuple(fc.tuple(...Array.from({ length: k }, (_, i) => node(level + 1, i === 0))), policies ? POLICY.map((p) => p as Tree['policy']) : fc.constant(undefined)))
        .map(([children, policy]) => (policy ? { children, policy } : { children }));
      return fc.oneof({ weight: 2, arbitrary: leaf(first) }, { weight: 1, arbitrary: parent });
    };
    const top = fc.integer({ min: 1, max: width }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => node(1, i === 0))));
    return fc
      .record({
        top,
        grades: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 0, maxLength: 3 }), { nil: undefined }),
        veto: fc.boolean(),
        extra: policies
          ? fc.record({
              limit: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 2 }),
              maxTotal: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 2 }),
              bonus: fc.option(fc.tuple(fc.array(leafMax, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 99 })), { nil: undefined, freq: 2 }),
              penalty: fc.option(fc.tuple(fc.array(leafMax, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 99 })), { nil: undefined, freq: 2 }),
              when: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('maxTotal', 'zero', 'fail', 'grade')), { nil: undefined, freq: 2 }),
            })
          : fc.constant(undefined),
      })
      .map(({ top: trees, grades, veto, extra }) => {
        let counter = 0;
        const build = (t: Tree): Record<string, unknown> & { max: string; bonus?: boolean; penalty?: boolean } => {
          const n = ++counter;
          const id = `指标${n}`;
          if (t.leaf) {
            return { id, name: `指标${n}`, max: t.leaf.max, ...(t.leaf.bonus ? { bonus: true } : {}), ...(t.leaf.penalty ? { penalty: true } : {}), rule: t.leaf.rule };
          }
          const children = t.children!.map(build);
          const max = children.filter((c) => !c.bonus && !c.penalty).reduce((a, c) => a.plus(c.max), new Decimal(0));
          const node: Record<string, unknown> & { max: string } = { id, name: `指标${n}`, max: max.toFixed(), children };
          const p = t.policy;
          if (p) {
            if (p.na) node.notApplicable = p.na;
            // Weighted blocks and pools hold only ordinary indicators.
            const extraIn = (c: Record<string, unknown>): boolean => c.bonus === true || c.penalty === true || ((c.children as Record<string, unknown>[] | undefined) ?? []).some(extraIn);
            const plain = !children.some(extraIn);
            if (p.shape === 'weighted' && plain) {
              node.combine = 'weighted';
              // Every weight 0 would leave nothing to average: the first is at least 1.
              children.forEach((c, i) => (c.weight = Math.max(i === 0 ? 1 : 0, p.weights[i % p.weights.length]!)));
            } else if (p.shape === 'pool' && plain && max.gt(0)) {
              node.pool = { ...(p.pick ? { pick: 1 } : {}), split: p.split };
            }
          }
          return node;
        };
        const indicators: (Record<string, unknown> & { max: string; bonus?: boolean; penalty?: boolean })[] = trees.map(build);
        const total = indicators.filter((i) => !i.bonus && !i.penalty).reduce((a, c) => a.plus(c.max), new Decimal(0));
        const doc: RubricDocumentInput = {
          id: 'generated',
          name: '随机评分表',
          precision: s.precision,
          rounding: s.rounding,
          notApplicable: s.notApplicable,
          inputs: Object.fromEntries(
            inputs.map((i) => [i.name, { type: i.type, ...(i.unit && i.type !== 'percent' ? { unit: i.unit } : {}), ...(i.min !== undefined ? { min: i.min } : {}), ...(i.max !== undefined ? { max: i.max } : {}) }]),
          ),
          indicators: indicators as RubricDocumentInput['indicators'],
        };
        if (Object.keys(metrics).length) doc.metrics = metrics;
        if (grades) {
          const names = ['优秀', '良好', '中', '差'];
          const mins = [...grades].sort((a, b) => b - a).map((p) => total.times(p).div(100).toDecimalPlaces(1, Decimal.ROUND_DOWN));
          const unique = mins.filter((m, i) => m.gt(0) && (i === 0 || !m.eq(mins[i - 1]!)));
          doc.grades = [...unique.map((m, i) => ({ grade: names[i]!, min: m.toFixed() })), { grade: names[unique.length]!, min: 0 }];
          if (veto) doc.vetoes = [{ id: '重大违纪', name: '发生重大违法违纪问题', grade: names[unique.length]! }];
        }
        if (extra) {
          const judged = kinds.includes('judgement');
          // 加分项 and 扣分项 sections with a cap below what their items can reach.
          const section = (role: 'bonus' | 'penalty', maxes: string[], share: number) => {
            const children = maxes.map((m) => {
              const k = ++counter;
              return { id: `指标${k}`, name: `指标${k}`, max: m, rule: { kind: 'judgement' as const } };
            });
            const sum = maxes.reduce((a, m) => a.plus(m), new Decimal(0));
            const cap = sum.times(share).div(100).toDecimalPlaces(maxPlaces, Decimal.ROUND_DOWN);
            const k = ++counter;
            indicators.push({ id: `指标${k}`, name: role === 'bonus' ? '加分项' : '扣分项', max: sum.toFixed(), [role]: true, ...(cap.gt(0) && cap.lt(sum) ? { cap: cap.toFixed() } : {}), children });
          };
          if (judged && extra.bonus) section('bonus', extra.bonus[0], extra.bonus[1]);
          if (judged && extra.penalty) section('penalty', extra.penalty[0], extra.penalty[1]);
          if (extra.limit !== undefined) doc.notApplicableLimit = total.times(extra.limit).div(100).toDecimalPlaces(maxPlaces, Decimal.ROUND_DOWN).toFixed();
          if (extra.maxTotal !== undefined) doc.maxTotal = total.plus(extra.maxTotal).toFixed();
          const count = inputs.find((i) => i.type === 'count');
          if (extra.when && count) {
            const [k, effect] = extra.when;
            const last = doc.grades?.[doc.grades.length - 1]?.grade;
            const outcome = effect === 'maxTotal' ? { maxTotal: total.times(0.6).toDecimalPlaces(maxPlaces, Decimal.ROUND_DOWN).toFixed() } : effect === 'zero' ? { maxTotal: 0 } : effect === 'grade' && last ? { grade: last } : { fail: true as const };
            (doc.vetoes ??= []).push({ id: '重大违规', name: '发生重大违规问题', when: `${count.name} > ${k}`, ...outcome });
          }
        }
        return doc;
      });
  });
}
