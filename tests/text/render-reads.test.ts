/**
 * renderStandard writes every rule as a sentence that parseStandard reads back to the same rule,
 * for every kind and every option (caps, no-score lines, steps, modes, shares, gates, scales, levels,
 * effects): "the same" judged by scoring — both rules, on an indicator of the same 分值, give the same
 * score (or the same refusal) for every generated evaluation, edges of the rule included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, loadRubric, rules, safeEvaluate, type Rule, type RuleInput, type RuleKind } from '../../src/index.js';
import { parseStandard, renderStandard, type FigureNames } from '../../src/entries/authoring.js';
import { arbitraryRule, type RuleName } from '../../src/testing/index.js';
import { toRule } from '../../src/text/compare.js';

const NAMES: RuleName[] = [
  { name: '执行率', type: 'percent', unit: '%' },
  { name: '完成率', type: 'percent', unit: '%' },
  { name: '违规次数', type: 'count' },
  { name: '下发文件数量', type: 'number', unit: '份' },
];
const declare = (n: RuleName) => (n.type === 'number' && n.unit ? { type: 'number' as const, unit: n.unit } : { type: n.type });
const typeOf = new Map(NAMES.map((n) => [n.name, n]));
const names: FigureNames = (f) => {
  const n = typeOf.get(f.replace(/`/g, '').trim());
  return n ? { label: n.name, unit: n.type === 'percent' ? '%' : (n.unit ?? '') } : undefined;
};

/** The names a rule reads, in order of first appearance. */
function namesIn(rule: RuleInput): string[] {
  const text = JSON.stringify(rule);
  return NAMES.map((n) => n.name).filter((n) => text.includes(n)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

/** One evaluation: a value for every figure, the items met (or the level of each), a person's score. */
interface Case {
  values: Record<string, string>;
  met: boolean[];
  levels: number[];
  judged: { score?: string; level?: number };
}

/**
 * The scores `rule` gives evaluations on an indicator of 分值 `max` (or the issues that stop one).
 * `alias` gives names a parsed rule reads (from the sentence) the figure they stand for.
 */
function scorer(rule: RuleInput, max: string, alias: Record<string, string> = {}): (c: Case) => string {
  const inputs: Record<string, ReturnType<typeof declare>> = {};
  for (const n of NAMES) inputs[n.name] = declare(n);
  for (const [as, orig] of Object.entries(alias)) inputs[as] = declare(typeOf.get(orig)!);
  let rubric: ReturnType<typeof loadRubric>;
  try {
    rubric = loadRubric({ id: 't', name: 't', inputs, indicators: [{ id: '指标', name: '指标', max, rule }] });
  } catch (e) {
    const why = `load: ${(e as Error).message.split('\n')[0]}`;
    return () => why;
  }
  return (c) => {
    const values: Record<string, string> = { ...c.values };
    for (const [as, orig] of Object.entries(alias)) values[as] = c.values[orig]!;
    let assessments: Record<string, unknown> | undefined;
    if (rule.kind === 'checklist') {
      const items = Object.fromEntries(
        rule.items.map((it, i) => [String(it.id ?? i + 1), rule.scale ? rule.scale[c.levels[i]! % rule.scale.length]!.level : c.met[i] ?? false]),
      );
      assessments = { 指标: { items } };
    } else if (rule.kind === 'judgement') {
      assessments = { 指标: rule.levels ? { level: rule.levels[c.judged.level! % rule.levels.length]!.level, reason: '评价人说明' } : { score: c.judged.score, reason: '评价人说明' } };
    }
    const r = safeEvaluate(rubric, { values, ...(assessments ? { assessments } : {}) } as never);
    return r.success ? new Decimal(r.value.indicators[0]!.score).toFixed() : r.issues.map((i) => i.code).join(',');
  };
}

// Rules of every kind, with every option the kind has.
const max = fc.constantFrom('1', '2', '2.5', '3', '5', '10', '20');
const ctx = (m: string) => ({ names: NAMES, max: m });
const withMax = (kind: RuleKind) => max.chain((m) => arbitraryRule(kind, ctx(m)).map((rule) => ({ rule, max: m })));
const count = max.chain((m) =>
  fc
    .record({
      points: fc.constantFrom('0.1', '0.5', '1', '2'),
      item: fc.option(fc.constantFrom('不符合要求的情况', '专项未按进度完成资金下达'), { nil: undefined }),
      shape: fc.constantFrom('deduct', 'cap', 'add'),
      cap: fc.constantFrom('0.5', '1', '1.5'),
    })
    .map(({ points, item, shape, cap }) => ({
      max: m,
      rule: {
        kind: 'count', value: '违规次数', points, ...(item ? { item } : {}),
        ...(shape === 'add' ? { effect: 'add' } : shape === 'cap' ? { maxDeduction: cap } : {}),
      } as RuleInput,
    })),
);
// Conditions as formulas (the labels of a cases rule are the author's prose, which says what it says).
const cases = max.chain((m) => {
  const score = fc.constantFrom('0', '0.5', '1', m);
  const cond = fc.constantFrom('执行率 >= 90', '执行率 < 完成率', '执行率 > 50 and 完成率 <= 50', '违规次数 = 0', '完成率 != 100');
  return fc
    .record({ list: fc.uniqueArray(fc.record({ when: cond, score }), { minLength: 1, maxLength: 3, selector: (c) => c.when }), otherwise: score })
    .map(({ list, otherwise }) => ({ max: m, rule: { kind: 'cases', cases: list, otherwise: { score: otherwise } } as RuleInput }));
});
const judgement = max.chain((m) =>
  arbitraryRule('judgement', ctx(m)).map((rule) => ({ max: m, rule })),
);
const anyRule = fc.oneof(withMax('per_unit'), withMax('bands'), count, cases, withMax('checklist'), withMax('target'), judgement, withMax('formula'));

/** Values at and beside every figure the rule names, and some anywhere. */
function evaluations(rule: RuleInput, m: string): fc.Arbitrary<Case[]> {
  const figures = [...JSON.stringify(rule).matchAll(/-?\d+(?:\.\d+)?/g)].map((x) => new Decimal(x[0]));
  const near = figures.flatMap((f) => [f, f.plus('0.01'), f.minus('0.01'), f.plus('0.005'), f.minus('0.005')]).map((d) => d.toFixed());
  const value = (type: string) =>
    type === 'count'
      ? fc.integer({ min: 0, max: 40 }).map(String)
      : fc.oneof(fc.constantFrom('0', '100', ...near.filter((v) => !v.startsWith('-'))), fc.integer({ min: 0, max: 150_000 }).map((n) => new Decimal(n).div(1000).toFixed()));
  const step = rule.kind === 'judgement' && rule.step ? new Decimal(rule.step) : new Decimal('0.01');
  const steps = new Decimal(m).div(step).floor().toNumber();
  const one: fc.Arbitrary<Case> = fc.record({
    values: fc.record(Object.fromEntries(NAMES.map((n) => [n.name, value(n.type)]))) as fc.Arbitrary<Record<string, string>>,
    met: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    levels: fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }),
    judged: fc.record({ score: fc.integer({ min: 0, max: steps }).map((k) => step.times(k).toFixed()), level: fc.nat(3) }),
  });
  return fc.array(one, { minLength: 6, maxLength: 6 });
}

/** The sentence reads back as a rule that scores every evaluation as `rule` does. */
function expectReadsBack(text: string, rule: RuleInput, m: string, cs: Case[]): void {
  const back = parseStandard(text, { max: m });
  expect(back, `${JSON.stringify(rule)}\n→ ${text}`).toBeDefined();
  // Names the sentence gave the figures (每出现一例…扣 names its count by the item) stand for the rule's own.
  const read = back!.inputs.map((i) => i.name).filter((n) => !typeOf.has(n));
  const own = namesIn(rule).filter((n) => !back!.inputs.some((i) => i.name === n));
  const alias = Object.fromEntries(read.map((n, i) => [n, own[i] ?? own[0] ?? '违规次数']));
  const want = scorer(rule, m);
  const got = scorer(back!.rule, m, alias);
  for (const c of cs) expect(got(c), `${JSON.stringify(rule)}\n→ ${text}\n→ ${JSON.stringify(back!.rule)}\n${JSON.stringify(c)}`).toBe(want(c));
}

const generated = anyRule.chain((r) => evaluations(r.rule, r.max).map((cs) => ({ ...r, cs })));

describe('the sentence a rule is written as reads back as that rule, judged by scoring (fast-check)', () => {
  it('renderStandard, with the names and units of the figures: every kind and option, on every generated evaluation', () => {
    fc.assert(
      fc.property(generated, ({ rule, max: m, cs }) => expectReadsBack(renderStandard(toRule(rule), new Decimal(m), names), rule, m, cs)),
      { numRuns: 250 },
    );
  });

  it('the describe of each rule kind (no names, no units) says the same rule', () => {
    fc.assert(
      fc.property(generated, ({ rule, max: m, cs }) => {
        const loaded = toRule(rule);
        const impl = rules[loaded.kind] as unknown as { describe(r: Rule, max: Decimal): string };
        expectReadsBack(impl.describe(loaded, new Decimal(m)), rule, m, cs);
      }),
      { numRuns: 150 },
    );
  });
});
