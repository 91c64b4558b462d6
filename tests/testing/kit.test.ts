import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRubricIds, Decimal, evaluate, loadBundledRubric, loadRubric, safeEvaluate, safeLoadRubric, type RubricDocumentInput, type ScoreResult } from '../../src/index.js';
import {
  arbitraryAssessments,
  arbitraryDecimal,
  arbitraryInput,
  arbitraryRubricDocument,
  arbitraryRule,
  arbitraryValues,
  checkDeductions,
  checkEvaluation,
  checkGrade,
  checkRubricProperties,
  checkSums,
  checkWithinMax,
  interestingValues,
  monotoneCheck,
  monotoneChecks,
  RubricPropertyError,
  ruleKinds,
} from '../../src/testing/index.js';

// jixiao/testing, used on our own rubrics: the bundled ones and generated ones.

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('arbitraryDecimal', () => {
  it('stays within [min, max] with at most `places` decimals, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 4 }), (lo, width, places) => {
        const min = new Decimal(lo).div(10);
        const max = min.plus(new Decimal(width).div(10));
        if (min.toDecimalPlaces(places, Decimal.ROUND_CEIL).gt(max)) return; // no such number: min is returned as is
        for (const v of fc.sample(arbitraryDecimal({ min, max, places, edges: [min.plus(1)] }), 20)) {
          const d = new Decimal(v);
          expect(d.gte(min) && d.lte(max), `${v} in [${min}, ${max}]`).toBe(true);
          expect(d.decimalPlaces()).toBeLessThanOrEqual(places);
          expect(v).toBe(d.toFixed());
        }
      }),
      { numRuns: 50 },
    );
  });

  it('favours the edges it is given, and the values one step either side', () => {
    const seen = new Set(fc.sample(arbitraryDecimal({ min: 0, max: 100, places: 2, edges: [80, 90] }), { numRuns: 1000, seed: 1 }));
    for (const v of ['0', '100', '80', '79.99', '80.01', '90', '89.99', '90.01']) expect(seen, v).toContain(v);
  });
});

describe('arbitraryValues and arbitraryInput on the bundled rubrics', () => {
  for (const id of bundledRubricIds) {
    const rubric = loadBundledRubric(id);

    it(`${id}: every figure has its declared type and range`, () => {
      for (const values of fc.sample(arbitraryValues(rubric), { numRuns: 200, seed: 7 })) {
        expect(Object.keys(values).sort()).toStrictEqual([...rubric.inputs.keys()].filter((k) => !rubric.inputs.get(k)!.optional || k in values).sort());
        for (const [name, v] of Object.entries(values)) {
          const info = rubric.inputs.get(name)!;
          const d = new Decimal(v);
          if (info.type === 'count') expect(d.isInteger() && !d.isNegative(), `${name} = ${v}`).toBe(true);
          if (info.min) expect(d.gte(info.min), `${name} = ${v} ≥ ${info.min}`).toBe(true);
          if (info.max) expect(d.lte(info.max), `${name} = ${v} ≤ ${info.max}`).toBe(true);
        }
      }
    });

    it(`${id}: generated inputs are valid — scored, or a rate left undefined by a 0 denominator`, () => {
      for (const input of fc.sample(arbitraryInput(rubric), { numRuns: 100, seed: 11 })) {
        const r = safeEvaluate(rubric, input);
        if (!r.success) expect(r.issues.map((i) => i.code), JSON.stringify(input)).toStrictEqual(r.issues.map(() => 'division_by_zero'));
      }
    });
  }

  it('the band edges and standards of the sheet are among the generated figures', () => {
    const rubric = loadBundledRubric('hunan-department');
    const edges = interestingValues(rubric).get('重点支出安排率')!.map((d) => d.toFixed());
    expect(edges).toEqual(expect.arrayContaining(['90', '80', '70', '60']));
    const seen = new Set(fc.sample(arbitraryValues(rubric), { numRuns: 500, seed: 3 }).map((v) => v['重点支出安排率']));
    for (const v of ['90', '89.99', '80', '60', '59.99']) expect(seen, v).toContain(v);
  });

  it('judgement scores respect step and precision, with a reason below max', () => {
    const rubric = loadRubric({ id: 't', name: 't', precision: 1, indicators: [{ id: 'j', name: 'j', max: 3, rule: { kind: 'judgement', step: 0.25 } }] });
    for (const a of fc.sample(arbitraryAssessments(rubric), { numRuns: 200, seed: 5 })) {
      const s = new Decimal(a.j!.score as string);
      expect(s.mod(0.5).isZero(), `${s} is a multiple of 0.25 with one decimal`).toBe(true);
      if (s.lt(3)) expect(a.j!.reason).toBeTruthy();
      expect(safeEvaluate(rubric, { assessments: a }).success).toBe(true);
    }
  });
});

describe('checkRubricProperties', () => {
  for (const id of bundledRubricIds) {
    it(`${id}: every property holds`, () => {
      checkRubricProperties(loadBundledRubric(id), { numRuns: 150, seed: 20261122 });
    });
  }

  it('a project form that treats an empty 指标值 as 不适用: rows without one are generated, and every property holds', () => {
    const rubric = loadRubric(['extends: project-self-evaluation', 'id: na-rows', 'name: 指标值为空按不适用', 'overrides:', '  产出指标:', '    rows: { weights: exact, empty: forbidden, emptyTarget: not_applicable }'].join('\n'));
    const inputs = fc.sample(arbitraryInput(rubric), { numRuns: 200, seed: 9 });
    expect(inputs.some((i) => (i.rows?.['产出指标'] as { target?: string }[] | undefined)?.some((r) => r.target === ''))).toBe(true);
    for (const input of inputs) {
      const r = safeEvaluate(rubric, input);
      if (!r.success) expect(r.issues.map((i) => i.code)).toStrictEqual(r.issues.map(() => 'division_by_zero'));
      else {
        const out = r.value.indicators[1]!;
        const leaves = out.children!.flatMap((g) => g.children ?? [g]);
        const sum = leaves.reduce((a, x) => a.plus(x.max), new Decimal(0));
        expect(sum.toFixed()).toBe(out.max);
        for (const x of leaves) if (x.notApplicable) expect([x.max, x.score]).toEqual(['0', '0']);
      }
    }
    checkRubricProperties(rubric, { numRuns: 100, seed: 20261202 });
  });

  it('the README rubric: every property holds', () => {
    const rubric = loadRubric({
      id: 'demo',
      name: '示例评分表',
      grades: [{ grade: '优秀', min: 9 }, { grade: '良好', min: 8 }, { grade: '中', min: 6 }, { grade: '差', min: 0 }],
      inputs: { 在职人数: { type: 'count', unit: '人' }, 编制人数: { type: 'count', unit: '人', min: 1 }, 重点支出安排率: { type: 'percent' } },
      metrics: { 在职人员控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
      indicators: [
        { name: '财政供养人员控制率', max: 5, rule: { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 } },
        { name: '重点支出安排率', max: 5, rule: { kind: 'bands', value: '重点支出安排率', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 4 }, { when: '<80', score: 0 }] } },
      ],
    });
    checkRubricProperties(rubric, { numRuns: 300 });
  });

  it('names the property, the indicator, a shrunk counterexample and the seed', () => {
    // 80%（含）-90% typed as 2 instead of 4: the bands go down and up again.
    const rubric = loadRubric({
      id: 'typo',
      name: '分档笔误',
      inputs: { 重点支出安排率: { type: 'percent', min: 0, max: 100 } },
      indicators: [{ id: '重点支出安排率', name: '重点支出安排率', max: 5, rule: { kind: 'bands', value: '重点支出安排率', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 2 }, { when: '[70, 80)', score: 3 }, { when: '<70', score: 0 }] } }],
    });
    let error: unknown;
    try {
      checkRubricProperties(rubric, { numRuns: 50, seed: 42 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RubricPropertyError);
    const e = error as RubricPropertyError;
    expect(e.message).toMatch(/rubric "typo" breaks "monotone" at 重点支出安排率/);
    expect(e.message).toMatch(/bands go both up .* and down/);
    expect(e.message).toMatch(/seed 42/);
    expect(e.message).toMatch(/replay: checkRubricProperties\(rubric, \{ seed: 42, numRuns: 50 \}\)/);
    expect(e.violations[0]).toMatchObject({ property: 'monotone', indicator: '重点支出安排率' });
    // The same seed finds the same counterexample.
    let again: unknown;
    try {
      checkRubricProperties(rubric, { numRuns: 50, seed: 42 });
    } catch (x) {
      again = x;
    }
    expect((again as RubricPropertyError).counterexample).toStrictEqual(e.counterexample);
  });

  it('a band gap is a "scorable" failure naming no_band_matched', () => {
    const rubric = loadRubric({
      id: 'gap',
      name: '漏档',
      inputs: { 满意度: { type: 'percent', min: 0, max: 100 } },
      indicators: [{ id: '满意度', name: '满意度', max: 5, rule: { kind: 'bands', value: '满意度', bands: [{ when: '≥90', score: 5 }, { when: '(80, 90)', score: 4 }, { when: '<80', score: 0 }] } }],
    });
    expect(() => checkRubricProperties(rubric, { numRuns: 200, seed: 1 })).toThrow(/property "scorable".*no_band_matched[\s\S]*"满意度":"80"/);
  });

  it('a per-unit rule written in the wrong direction is not caught (it is monotone) — but its deductions read back', () => {
    const rubric = loadRubric({
      id: 'dir',
      name: '方向',
      inputs: { 执行率: { type: 'percent', min: 0, max: 100 } },
      indicators: [{ id: '执行率', name: '执行率', max: 3, rule: { kind: 'per_unit', value: '执行率', standard: 100, direction: 'below', points: 0.2 } }],
    });
    checkRubricProperties(rubric, { numRuns: 100 });
    expect(evaluate(rubric, { values: { 执行率: 95 } }).deductions[0]!.reason).toBe('执行率95%，低于标准5个百分点，扣1分');
  });

  it('properties can be chosen, and bands meant to peak can be excluded from monotone', () => {
    const rubric = loadRubric({
      id: 'peak',
      name: '适中最好',
      inputs: { 预算调整率: { type: 'percent', min: 0, max: 100 } },
      indicators: [{ id: 'x', name: 'x', max: 3, rule: { kind: 'bands', value: '预算调整率', bands: [{ when: '<5', score: 2 }, { when: '[5, 10]', score: 3 }, { when: '>10', score: 0 }] } }],
    });
    expect(() => checkRubricProperties(rubric, { numRuns: 30 })).toThrow(/monotone/);
    checkRubricProperties(rubric, { numRuns: 30, notMonotone: ['x'] });
    checkRubricProperties(rubric, { numRuns: 30, properties: ['sums', 'grade'] });
  });
});

describe('the individual checks catch a tampered result', () => {
  const rubric = loadBundledRubric('hunan-department');
  // A generated input the sheet scores with some deductions.
  const input = fc.sample(arbitraryInput(rubric, { notApplicable: false }), { numRuns: 100, seed: 99 }).find((i) => {
    const r = safeEvaluate(rubric, i);
    return r.success && r.value.deductions.length > 0;
  })!;
  const result = evaluate(rubric, input);
  const firstLeaf = (r: ScoreResult) => r.indicators[0]!.children![0]!.children![0]!;

  it('the untouched result passes every check', () => {
    expect(checkEvaluation(rubric, input).violations).toStrictEqual([]);
  });

  it('a score above max', () => {
    const r = clone(result);
    firstLeaf(r).score = '6';
    expect(checkWithinMax(rubric, r)).toContainEqual(expect.objectContaining({ property: 'within-max', indicator: firstLeaf(r).path }));
  });

  it('a score with a binary-float tail or an exponent', () => {
    const r = clone(result);
    firstLeaf(r).score = '4.300000000000001';
    expect(checkWithinMax(rubric, r).map((v) => v.message)).toContainEqual(expect.stringMatching(/more than 2 decimals/));
    firstLeaf(r).score = '1e0';
    expect(checkWithinMax(rubric, r).map((v) => v.message)).toContainEqual(expect.stringMatching(/plain decimal/));
  });

  it('a parent that does not add up, a total that does not', () => {
    const r = clone(result);
    r.indicators[0]!.score = '14';
    r.total = '1';
    const found = checkSums(rubric, r);
    expect(found).toContainEqual(expect.objectContaining({ property: 'sums', indicator: '投入' }));
    expect(found.map((v) => v.message)).toContainEqual(expect.stringMatching(/^total 1 ≠/));
  });

  it('a grade that does not match the scale, a veto ignored', () => {
    const r = clone(result);
    r.grade = r.grade === '差' ? '优秀' : '差';
    expect(checkGrade(rubric, r, input)).toHaveLength(1);
    const kunming = loadBundledRubric('kunming-department');
    const veto = kunming.vetoes[0];
    if (veto) {
      const kin = fc.sample(arbitraryInput(kunming, { vetoes: false }), { numRuns: 1, seed: 4 })[0]!;
      const kr = evaluate(kunming, kin);
      expect(checkGrade(kunming, kr, { ...kin, vetoes: { [veto.id]: '原因' } }).length).toBeGreaterThan(0);
    }
  });

  it('a deduction without a reason, points that do not add up', () => {
    const r = clone(result);
    const leaf = r.indicators.flatMap(function walk(n): ScoreResult['indicators'] { return n.children ? n.children.flatMap(walk) : [n]; }).find((n) => n.deductions.length)!;
    leaf.deductions[0]!.reason = ' ';
    leaf.deductions[0]!.points = '0';
    const messages = checkDeductions(rubric, r, input).map((v) => v.message);
    expect(messages).toContainEqual(expect.stringMatching(/without a reason/));
    expect(messages).toContainEqual(expect.stringMatching(/positive decimal/));
    expect(messages).toContainEqual(expect.stringMatching(/deductions add up to/));
  });
});

describe('monotoneCheck', () => {
  const rubric = loadBundledRubric('hunan-department');

  it('covers every per_unit, count and bands leaf of the Hunan sheet', () => {
    expect(monotoneChecks(rubric).map((m) => m.kind).sort()).toStrictEqual(
      [...rubric.byId.values()].filter((n) => n.kind === 'per_unit' || n.kind === 'count' || n.kind === 'bands').map((n) => n.kind!).sort(),
    );
  });

  it('每超过一个百分点扣0.5分: never more for a higher rate', () => {
    const m = monotoneCheck(rubric, '财政供养人员控制率')!;
    expect(m.direction).toBe('down');
    expect(m.check(['90', '100', '100.01', '103.4', '110', '200'])).toStrictEqual([]);
  });

  it('a rule that is not monotone is reported with the values that show it', () => {
    const typo = loadRubric({ id: 't', name: 't', inputs: { a: { type: 'percent' } }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'bands', value: 'a', bands: [{ when: '≥90', score: 5 }, { when: '[80, 90)', score: 2 }, { when: '<80', score: 3 }] } }] });
    expect(monotoneCheck(typo, 'x')!.check(['95', '85', '50'])[0]!.message).toMatch(/up \(.*\) and down \(.*\)/);
  });

  it('returns undefined for rules without a direction', () => {
    expect(monotoneCheck(rubric, '绩效目标合理性')).toBeUndefined();
  });
});

describe('arbitraryRule', () => {
  const names = [
    { name: '执行率', type: 'percent' as const, min: '0', max: '100' },
    { name: '例数', type: 'count' as const, unit: '例' },
    { name: '结余', type: 'number' as const, unit: '万元' },
  ];
  const inputs = { 执行率: { type: 'percent' as const, min: 0, max: 100 }, 例数: { type: 'count' as const, unit: '例' }, 结余: { type: 'number' as const, unit: '万元' } };
  for (const kind of ruleKinds) {
    it(`${kind}: every generated rule loads`, () => {
      fc.assert(
        fc.property(arbitraryDecimal({ min: 1, max: 20, places: 1 }).chain((max) => arbitraryRule(kind, { names, max, precision: 2 }).map((rule) => ({ max, rule }))), ({ max, rule }) => {
          const r = safeLoadRubric({ id: 't', name: 't', inputs, indicators: [{ id: 'x', name: 'x', max, rule }] });
          if (!r.success) throw new Error(JSON.stringify(r.issues.map((i) => [i.code, i.message])));
          expect(r.value.indicators[0]!.kind).toBe(kind);
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe('random rubrics', () => {

  it('arbitraryRubricDocument: every document loads', () => {
    fc.assert(
      fc.property(arbitraryRubricDocument({ depth: 4 }), (doc) => {
        const r = safeLoadRubric(doc);
        if (!r.success) throw new Error(JSON.stringify(r.issues.map((i) => [i.code, i.path, i.message])));
      }),
      { numRuns: 200 },
    );
  });

  it('every property holds on generated rubrics', () => {
    fc.assert(
      fc.property(arbitraryRubricDocument(), fc.integer(), (doc, seed) => {
        checkRubricProperties(loadRubric(doc), { numRuns: 10, seed });
      }),
      { numRuns: 120 },
    );
  });
});
