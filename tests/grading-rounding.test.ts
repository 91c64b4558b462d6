/**
 * Grades (等次), rounding (四舍五入 to 2 decimals by default), sums that add up, bonus items
 * (加分项) and exact decimals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, evaluate, loadRubric, safeLoadRubric, type RubricDocumentInput } from '../src/index.js';
import { decimalText, expectBalanced, expectIssue, expectScore, leaf, nodesOf, type Num } from './helpers.js';

const HUNAN = [
  { grade: '优秀', min: 90 },
  { grade: '良好', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

/** A 100-point sheet whose one leaf scores what the evaluator typed in 得分. */
const graded = (grades: RubricDocumentInput['grades']) =>
  loadRubric({
    id: 'grades', name: '等次测试', ...(grades ? { grades } : {}),
    inputs: { 得分: { type: 'number' } },
    indicators: [{ id: '总分', name: '总分', max: 100, rule: { kind: 'formula', score: '得分' } }],
  });
const hunan = graded(HUNAN);
const gradeOf = (total: Num, rubric = hunan) => {
  const r = evaluate(rubric, { values: { 得分: total } });
  return [r.total, r.grade];
};

describe('优秀 ≥ 90, 良好 80–90, 中 60–80, 差 < 60 — each lower edge inclusive', () => {
  it.each([
    ['100', '优秀'],
    ['90', '优秀'],
    ['89.99', '良好'],
    ['80', '良好'],
    ['79.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ])('%s → %s', (total, grade) => expect(gradeOf(total)).toEqual([total, grade]));
  it('89.995 is rounded to 90 first (half-up) → 优秀', () => expect(gradeOf('89.995')).toEqual(['90', '优秀']));
  it('89.994 is rounded to 89.99 → 良好', () => expect(gradeOf('89.994')).toEqual(['89.99', '良好']));
  it('the Kunming words 优 / 良 / 中 / 差 on the same edges', () => {
    const kunming = graded([{ grade: '优', min: 90 }, { grade: '良', min: 80 }, { grade: '中', min: 60 }, { grade: '差', min: 0 }]);
    expect([gradeOf(96, kunming), gradeOf('79.99', kunming)]).toEqual([['96', '优'], ['79.99', '中']]);
  });
  it('without grades, grade is null', () => expect(gradeOf(96, graded(undefined))).toEqual(['96', null]));
});

const rate = (name = '在职人员控制率') => ({ [name]: { type: 'percent' as const } });
const control = (opts: { precision?: number; rounding?: 'half-up' | 'half-even' | 'down' | 'up' } = {}) =>
  leaf({ kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 }, { inputs: rate(), ...opts });

describe('a leaf is rounded half-up to 2 decimals (四舍五入)', () => {
  it('103.335% → 3.335 × 0.5 = 1.6675 lost → 3.3325 → 3.33', () => expectScore(control(), '103.335', '3.33'));
  it('103.35% → 1.675 lost → 3.325 → 3.33 (half-up, not half-even 3.32)', () => expectScore(control(), '103.35', '3.33'));
  it('103.33% → 1.665 lost → 3.335 → 3.34', () => expectScore(control(), '103.33', '3.34'));
  it('100.01% → 0.005 lost → 4.995 → 5', () => expectScore(control(), '100.01', '5'));
  it('the deduction is what the rounded score lost: 5 − 3.33 = 1.67', () =>
    expect(expectScore(control(), '103.35', '3.33').deductions.map((d) => d.points)).toEqual(['1.67']));
});

describe('precision and rounding options', () => {
  it.each([
    // 103.35% → 3.325
    ['103.35', 2, 'half-up', '3.33'],
    ['103.35', 2, 'half-even', '3.32'],
    ['103.35', 2, 'down', '3.32'],
    ['103.35', 2, 'up', '3.33'],
    ['103.35', 3, 'half-up', '3.325'],
    ['103.35', 1, 'half-up', '3.3'],
    ['103.35', 0, 'half-up', '3'],
    // 103.1% → 3.45
    ['103.1', 1, 'half-up', '3.5'],
    ['103.1', 1, 'half-even', '3.4'],
    ['103.1', 1, 'down', '3.4'],
    ['103.1', 1, 'up', '3.5'],
    ['103.1', 0, 'half-up', '3'],
    // 103.335% → 3.3325
    ['103.335', 2, 'up', '3.34'],
    ['103.335', 3, 'half-up', '3.333'],
    ['103.335', 3, 'half-even', '3.332'],
    ['103.335', 4, 'half-up', '3.3325'],
  ] as const)('%s per cent, precision %i, %s → %s', (value, precision, rounding, score) => {
    expectScore(control({ precision, rounding }), value, score);
  });
  it('precision may be written as a quoted digit', () => expectScore(control({ precision: '1' as never }), '103.35', '3.3'));
  it('precision 7 is refused', () =>
    expectIssue(() => safeLoadRubric({ id: 't', name: 't', precision: 7, indicators: [{ id: 'a', name: 'a', max: 1, rule: { kind: 'judgement' } }] }), {
      path: ['precision'],
    }));
  it('a judgement score with more decimals than the precision is refused (precision 1: 2.25)', () => {
    const j = leaf({ kind: 'judgement' }, { max: 3, precision: 1 });
    expectIssue(() => evaluate(j.rubric, { assessments: { 指标: { score: '2.25', reason: '—' } } }), { code: 'assessment_invalid' });
  });
});

describe('a parent is the sum of its children’s rounded scores, so the sheet adds up', () => {
  const doc = (leaves: { id: string; rule: object; max: number }[], max: number): RubricDocumentInput => ({
    id: 'sum', name: '合计测试',
    inputs: { ...rate('甲率'), ...rate('乙率') },
    indicators: [{ id: '合计', name: '合计', max, children: leaves.map((l) => ({ id: l.id, name: l.id, max: l.max, rule: l.rule as never })) }],
  });
  const perUnit = (value: string) => ({ kind: 'per_unit', value, standard: 100, direction: 'above', points: 0.5 });
  const two = loadRubric(doc([{ id: '甲', max: 5, rule: perUnit('甲率') }, { id: '乙', max: 5, rule: perUnit('乙率') }], 10));
  it('3.3325 + 3.3325: children 3.33 and 3.33, parent 6.66 (not round(6.665) = 6.67)', () => {
    const r = evaluate(two, { values: { 甲率: '103.335', 乙率: '103.335' } });
    expect(r.indicators[0]!.children!.map((c) => c.score)).toEqual(['3.33', '3.33']);
    expect([r.indicators[0]!.score, r.total]).toEqual(['6.66', '6.66']);
  });
  it('the parent’s deductions are its children’s, and add up to max − score', () => {
    const r = evaluate(two, { values: { 甲率: '103.335', 乙率: '103.335' } });
    expect(r.indicators[0]!.deductions.map((d) => d.points)).toEqual(['1.67', '1.67']);
    expectBalanced(r.indicators[0]!);
  });
  const thirds = loadRubric({
    ...doc([1, 2, 3].map((i) => ({ id: `第${i}项`, max: 5, rule: { kind: 'formula', score: '10 / 3' } })), 15),
    inputs: {},
  });
  it('three leaves of 10/3: 3.33 each, total 9.99', () => {
    const r = evaluate(thirds, {});
    expect(r.indicators[0]!.children!.map((c) => c.score)).toEqual(['3.33', '3.33', '3.33']);
    expect(r.total).toBe('9.99');
  });
});

describe('bonus items (加分项): added to the parent, not part of its max', () => {
  const withBonus = (parentMax: number) => ({
    id: 'bonus', name: '加分项测试', grades: HUNAN,
    indicators: [
      {
        id: '效果', name: '效果', max: parentMax,
        children: [
          { id: '满意度', name: '满意度', max: 95, rule: { kind: 'judgement' as const } },
          { id: '创新', name: '工作创新', max: 5, rule: { kind: 'judgement' as const } },
          { id: '表彰', name: '获得上级表彰', max: 3, bonus: true, rule: { kind: 'judgement' as const } },
        ],
      },
    ],
  });
  const rubric = loadRubric(withBonus(100));
  const scored = (满意度: number, 创新: number, 表彰: number) =>
    evaluate(rubric, {
      assessments: {
        满意度: { score: 满意度, ...(满意度 < 95 ? { reason: '满意度调查得分偏低' } : {}) },
        创新: { score: 创新, ...(创新 < 5 ? { reason: '创新不足' } : {}) },
        表彰: { score: 表彰, ...(表彰 < 3 ? { reason: '仅获市级表彰' } : {}) },
      },
    });
  it('the children’s maxima add up without the bonus: 95 + 5 = 100 loads', () => expect(rubric.max.toFixed()).toBe('100'));
  it('counting the bonus in the parent’s max is an error: 95 + 5 ≠ 103', () =>
    expectIssue(() => safeLoadRubric(withBonus(103)), { code: 'children_max_mismatch', path: ['indicators', 0, 'max'] }));
  it('a full sheet plus 3 bonus points totals 103 of 100', () => expect([scored(95, 5, 3).total, scored(95, 5, 3).max]).toEqual(['103', '100']));
  it('the bonus lifts a total over a grade edge: 85 + 3 + 2 = 90 → 优秀', () =>
    expect([scored(85, 3, 2).total, scored(85, 3, 2).grade]).toEqual(['90', '优秀']));
  it('a bonus not fully earned is not a deduction of the parent or the sheet', () => {
    const r = scored(95, 5, 1);
    expect(r.total).toBe('101');
    expect(r.deductions).toEqual([]);
    expect(r.indicators[0]!.deductions).toEqual([]);
  });
  it('the bonus leaf is marked bonus', () => expect(scored(95, 5, 3).indicators[0]!.children![2]!.bonus).toBe(true));
});

describe('exact decimals: 0.1 + 0.2 is 0.3', () => {
  it('checklist items of 0.1 and 0.2 fill a max of 0.3 exactly (no warning, no error)', () => {
    const rubric = loadRubric({ id: 't', name: 't', indicators: [{ id: '指标', name: '指标', max: 0.3, rule: { kind: 'checklist', items: [{ text: '甲', points: 0.1 }, { text: '乙', points: 0.2 }] } }] });
    expect(rubric.warnings).toEqual([]);
    expect(evaluate(rubric, { assessments: { 指标: { items: { 1: true, 2: true } } } }).total).toBe('0.3');
  });
  it('leaves of 0.1 and 0.2 total 0.3', () => {
    const r = loadRubric({
      id: 't', name: 't',
      indicators: [
        { id: '甲', name: '甲', max: 0.1, rule: { kind: 'formula', score: '0.1' } },
        { id: '乙', name: '乙', max: 0.2, rule: { kind: 'formula', score: '0.2' } },
      ],
    });
    expect([evaluate(r, {}).total, r.max.toFixed()]).toEqual(['0.3', '0.3']);
  });
  it('figures passed as JS numbers 0.1 and 0.2 add to 0.3', () => {
    const l = leaf({ kind: 'formula', score: 'a + b' }, { max: 1, inputs: { a: { type: 'number' }, b: { type: 'number' } } });
    expectScore(l, { a: 0.1, b: 0.2 }, '0.3');
  });
  it('0.1 points per unit × 3 units = 0.3 lost → 4.7', () =>
    expectScore(leaf({ kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.1 }, { inputs: rate() }), '103', '4.7'));
  it('1.1 × 3 = 3.3 lost → 1.7', () =>
    expectScore(leaf({ kind: 'count', value: 'n', points: 1.1 }, { inputs: { n: { type: 'count' } } }), 3, '1.7'));
});

describe('properties of a whole sheet', () => {
  const sheet = loadRubric({
    id: 'p', name: '性质测试', grades: HUNAN,
    inputs: { 控制率: { type: 'percent' }, 执行率: { type: 'percent' }, 问题数: { type: 'count' } },
    indicators: [
      {
        id: '投入', name: '投入', max: 50,
        children: [
          { id: '控制', name: '控制', max: 20, rule: { kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', points: 0.7 } },
          { id: '执行', name: '执行', max: 30, rule: { kind: 'per_unit', value: '执行率', standard: 100, direction: 'below', points: 0.3, mode: 'started' } },
        ],
      },
      {
        id: '过程', name: '过程', max: 50,
        children: [
          { id: '问题', name: '问题', max: 25, rule: { kind: 'count', value: '问题数', points: 1.5 } },
          { id: '综合', name: '综合', max: 25, rule: { kind: 'formula', score: '25 - abs(控制率 - 执行率) / 3' } },
        ],
      },
    ],
  });
  const inputs = fc.record({ 控制率: decimalText(0, 200, 3), 执行率: decimalText(0, 200, 3), 问题数: fc.nat(30) });
  it('every parent is the sum of its children; the total the sum of the top level; all within [0, max]', () =>
    fc.assert(
      fc.property(inputs, (values) => {
        const r = evaluate(sheet, { values });
        for (const n of nodesOf(r)) {
          expect(new Decimal(n.score).gte(0) && new Decimal(n.score).lte(n.max)).toBe(true);
          expectBalanced(n);
          if (n.children) expect(n.score).toBe(n.children.reduce((s, c) => s.plus(c.score), new Decimal(0)).toFixed());
        }
        expect(r.total).toBe(r.indicators.reduce((s, c) => s.plus(c.score), new Decimal(0)).toFixed());
        expect(r.deductions.reduce((s, d) => s.plus(d.points), new Decimal(0)).toFixed()).toBe(new Decimal(r.max).minus(r.total).toFixed());
      }),
    ));
  it('the grade is the highest whose edge the total reaches', () =>
    fc.assert(
      fc.property(inputs, (values) => {
        const r = evaluate(sheet, { values });
        expect(r.grade).toBe(HUNAN.find((g) => new Decimal(r.total).gte(g.min))!.grade);
      }),
    ));
  it('the same input gives byte-identical JSON', () =>
    fc.assert(
      fc.property(inputs, (values) => {
        expect(JSON.stringify(evaluate(sheet, { values }))).toBe(JSON.stringify(evaluate(sheet, structuredClone({ values }))));
      }),
    ));
});
