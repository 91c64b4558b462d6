import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { bundledRubricSource, evaluate, loadRubric } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { formulaRange } from '../../src/lint/formula-range.js';
import { createLintContext } from '../../src/lint/context.js';
import { QUICK } from '../hostile/helpers.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const found = (doc: string) => lint(doc, 'constant-score');
const codes = (doc: string) => found(doc).map((i) => [i.code, i.severity]);
const formula = (score: string, inputs: string, max = 20) => oneLeaf(`{ kind: formula, score: "${score}" }`, { inputs, max });

describe('lint constant-score: a rule that cannot change over the declared ranges', () => {
  it('得分=20分*执行率 with 执行率 a percent in [0, 100]: 20 from 执行率 = 1 on, certain over 99% of the range', () => {
    const doc = formula('20 * 执行率', '执行率: { type: percent, min: 0, max: 100 }');
    const issues = found(doc);
    expect(issues.map((i) => [i.code, i.severity])).toStrictEqual([['rule_always_max', 'warning']]);
    expect(issues[0]!.message).toBe('按所声明的取值范围，执行率在 [1, 100] 内（声明范围 [0, 100] 的 99%）时公式 20 * 执行率 不小于 20，总是得满分 20 分：百分比按百分点填写（95 表示 95%），公式中是否应除以 100？');
    expectAt(issues[0], doc, 'score: "20 * 执行率"', 1);
  });

  it('with 执行率 declared in [60, 100] it is always the max, everywhere', () => {
    const issues = found(formula('20 * 执行率', '执行率: { type: percent, min: 60, max: 100 }'));
    expect(issues[0]!.message).toBe('按所声明的取值范围，公式 20 * 执行率 不小于 1200，总是得满分 20 分：百分比按百分点填写（95 表示 95%），公式中是否应除以 100？');
  });

  it('20 * 执行率 / 100 is fine; so is any formula over an input without a declared range (nothing is certain)', () => {
    expect(codes(formula('20 * 执行率 / 100', '执行率: { type: percent, min: 0, max: 100 }'))).toStrictEqual([]);
    expect(codes(formula('20 * 执行率', '执行率: { type: percent }'))).toStrictEqual([]);
    expect(codes(formula('20 * 执行率', '执行率: { type: percent, max: 100 }'))).toStrictEqual([]);
  });

  it('a formula that is never above 0 always scores 0 (0 - 2*审计问题数 in an ordinary item)', () => {
    const issues = found(formula('0 - 2 * 审计问题数', '审计问题数: { type: count }', 5));
    expect(issues.map((i) => i.code)).toStrictEqual(['rule_always_zero']);
    expect(issues[0]!.message).toBe('按所声明的取值范围，公式 0 - 2 * 审计问题数 不大于 0，总是得 0 分');
  });

  it('metrics are followed through their formulas; division by a range holding 0 bounds nothing', () => {
    const base = ['id: t', 'name: t', 'inputs:', '  支出: { type: number, min: 0, max: 100 }', '  预算: { type: number, min: 1, max: 100 }', 'metrics:', '  执行率: 支出 / 预算 * 100'];
    const doc = (score: string) => [...base, 'indicators:', `  - { name: 甲, max: 5, rule: { kind: formula, score: "${score}" } }`, ''].join('\n');
    expect(codes(doc('执行率 / 100 * 5'))).toStrictEqual([]);
    expect(codes(doc('执行率 - 10001'))).toStrictEqual([['rule_always_zero', 'warning']]);
    expect(codes(doc('5 / (支出 - 50)'))).toStrictEqual([]);
  });

  it('an all-or-nothing target always met, or never met, over a bare input’s declared range', () => {
    const target = (t: string, inputs: string) => oneLeaf(`{ kind: target, value: 率, target: "${t}" }`, { inputs });
    expect(codes(target('≥0%', '率: { type: percent, min: 0, max: 100 }'))).toStrictEqual([['rule_always_max', 'warning']]);
    expect(codes(target('>100%', '率: { type: percent, min: 0, max: 100 }'))).toStrictEqual([['rule_always_zero', 'warning']]);
    expect(codes(target('≥95%', '率: { type: percent, min: 0, max: 100 }'))).toStrictEqual([]);
    expect(codes(target('≥95%', '率: { type: percent }'))).toStrictEqual([]);
    // whole numbers only: a count in [0, 3] never exceeds 3.5
    expect(codes(target('>3', '率: { type: count, max: 3 }'))).toStrictEqual([['rule_always_zero', 'warning']]);
  });

  it('the bundled rubrics have no such rule', () => {
    for (const id of ['hunan-department', 'kunming-department', 'hunan-county-department'])
      expect(lintRubric(bundledRubricSource(id)!, { checks: ['constant-score'] }).issues).toStrictEqual([]);
  });
});

describe('formula ranges are sound: every value a formula computes lies in its range (fast-check)', () => {
  const shapes = ['a * b', 'a - b / 3', '(a + 1) / (b + 11)', 'min(a, b) * 2 - abs(a)', 'max(a, 1) / 7 * b', 'clamp(a * b, -5, 5)', 'round(a / 3, 2) - floor(b / 7)', 'if(a > b, a, b * 2)', '20 * a / 100'];
  it('over random declared ranges and random points in them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
        (shape, aLo, aW, bLo, bW, s, t) => {
          const inputs = `a: { type: number, min: ${aLo}, max: ${aLo + aW} }\nb: { type: number, min: ${bLo}, max: ${bLo + bW} }`;
          const text = oneLeaf(`{ kind: formula, score: "${shape}" }`, { inputs, max: 100 });
          const rubric = loadRubric(text);
          const ctx = createLintContext(rubric.document, rubric);
          const r = formulaRange(shape, ctx.names)!;
          // A point of the ranges, on a grid of hundredths.
          const a = new Decimal(aLo).plus(new Decimal(aW).times(Math.round(s * 100)).div(100));
          const b = new Decimal(bLo).plus(new Decimal(bW).times(Math.round(t * 100)).div(100));
          const probe = oneLeaf(`{ kind: formula, score: "(${shape}) + 100000" }`, { inputs: inputs.replace(/, min: -?\d+, max: -?\d+/g, ''), max: 10_000_000 });
          let result;
          try {
            result = evaluate(loadRubric(probe), { values: { a: a.toFixed(), b: b.toFixed() } });
          } catch {
            return; // a division by zero at this point: nothing to compare
          }
          const v = new Decimal(result.total).minus(100000);
          // The total is rounded to 2 places: allow that much.
          if (r.lo) expect(v.gte(r.lo.minus('0.005')), `${shape} at a=${a}, b=${b}: ${v} < ${r.lo}`).toBe(true);
          if (r.hi) expect(v.lte(r.hi.plus('0.005')), `${shape} at a=${a}, b=${b}: ${v} > ${r.hi}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bounded work', () => {
  it('600 formula leaves over a chain of 300 metrics lint within the hang guard (each metric bounded once)', () => {
    const metrics = Array.from({ length: 300 }, (_, i) => `  m${i}: ${i ? `m${i - 1} + m${i - 1}` : 'x'}`);
    const leaves = Array.from({ length: 600 }, (_, i) => `  - { id: l${i}, name: l${i}, max: 1, rule: { kind: formula, score: "m299 - m${i % 300}" } }`);
    const text = ['id: t', 'name: t', 'version: "1"', 'inputs:', '  x: { type: number, min: 0, max: 1 }', 'metrics:', ...metrics, 'indicators:', ...leaves, ''].join('\n');
    const r = lintRubric(text, { checks: ['constant-score'], limits: { maxBytes: 10_000_000 } });
    expect(r.issues.filter((i) => i.code.startsWith('rule_always'))).toStrictEqual([]);
  }, QUICK);
});
