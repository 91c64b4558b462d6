import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeLoadRubric, type RubricDocumentInput } from '../../src/index.js';
import { ruleSchema } from '../../src/rules/index.js';
import { indicatorSchema, rubricSchema, vetoSchema } from '../../src/rubric/schema.js';
import { arbitraryAssessments, arbitraryRule, checkRubricProperties } from '../../src/testing/index.js';

// Every option a rubric may use, in a small valid rubric, scored by the property kit: a valid
// option that makes the kit fail (an input it generates wrongly, a check that misreads a result)
// fails here.

const inputs = {
  率: { type: 'percent', min: 0, max: 150 },
  例数: { type: 'count', max: 20 },
  金额: { type: 'number', unit: '万元', min: 0, max: 1000 },
  上年: { type: 'number', unit: '万元', min: 0, max: 1000 },
} as const;

type Ind = Record<string, unknown>;
const leaf = (id: string, max: number, rule: Record<string, unknown>, extra: Ind = {}): Ind => ({ id, name: id, max, rule, ...extra });
const judged = (id: string, max: number, extra: Ind = {}) => leaf(id, max, { kind: 'judgement' }, extra);

/** A rubric of 100 points: the option's indicators (worth `max`) and a judgement filling the rest. */
function rubric(name: string, indicators: Ind[], top: Partial<RubricDocumentInput> = {}): RubricDocumentInput {
  const base = (n: Ind) => !n.bonus && !n.penalty;
  const used = indicators.filter(base).reduce((a, n) => a + Number(n.max), 0);
  const rest = 100 - used;
  return {
    id: name, name, version: '1', inputs: inputs as never,
    grades: [{ grade: '优秀', min: 90 }, { grade: '良好', min: 80 }, { grade: '中', min: 60 }, { grade: '差', min: 0 }],
    indicators: [...indicators, ...(rest > 0 ? [judged('其余', rest)] : [])] as never,
    ...top,
  };
}

const LEVELS = [{ level: '相符', points: 10 }, { level: '基本相符', points: 6 }, { level: '调整较大', points: 0 }];

/** One rubric per option of the format: rule kinds and their options, policies, pools, weighted blocks, vetoes. */
const cases: Record<string, RubricDocumentInput> = {
  'judgement, plain': rubric('j1', [judged('目标', 10)]),
  'judgement, step 0.5 and a guide': rubric('j2', [leaf('目标', 10, { kind: 'judgement', step: 0.5, guide: '评价人评分' })]),
  'judgement, levels 相符10 / 基本相符6 / 调整较大0': rubric('j3', [leaf('调整', 10, { kind: 'judgement', levels: LEVELS })]),
  'judgement, levels that never reach the max (8 / 4.5)': rubric('j4', [leaf('调整', 10, { kind: 'judgement', levels: [{ level: '好', points: 8 }, { level: '差', points: 4.5 }] })]),
  'judgement, levels in a 加分项 and a 扣分项': rubric('j5', [
    { id: '加分', name: '加分项', max: 10, bonus: true, children: [leaf('表彰', 10, { kind: 'judgement', levels: LEVELS })] },
    { id: '扣分', name: '扣分项', max: 10, penalty: true, children: [leaf('通报', 10, { kind: 'judgement', levels: LEVELS })] },
  ]),
  'judgement, levels under rescale and in a pool': rubric('j6', [
    leaf('调整', 10, { kind: 'judgement', levels: LEVELS }, { notApplicable: 'rescale' }),
    { id: '可选', name: '可选', max: 20, pool: { pick: 1, split: 'equal' }, children: [leaf('甲', 10, { kind: 'judgement', levels: LEVELS }), judged('乙', 10)] },
  ]),
  'checklist, points': rubric('c1', [leaf('制度', 3, { kind: 'checklist', items: [{ text: '已制定', points: 1 }, { text: '合规', points: 1.5 }, { text: '执行', points: 0.5 }] })]),
  'checklist, shares and a gate': rubric('c2', [leaf('要素', 5, { kind: 'checklist', items: [{ text: '①', share: 40, gate: true }, { text: '②', share: 30 }, { text: '③', share: 30 }] })]),
  'checklist, perMissing': rubric('c3', [leaf('资料', 4, { kind: 'checklist', perMissing: 1, items: [{ text: '①' }, { text: '②' }, { text: '③' }] })]),
  'checklist, scale 优/良/中/差 with ids': rubric('c4', [leaf('质量', 6, {
    kind: 'checklist', items: [{ id: 'a', text: '①', points: 3 }, { id: 'b', text: '②', points: 3 }], scale: [{ level: '优', share: 100 }, { level: '良', share: 80 }, { level: '中', share: 60 }, { level: '差', share: 0 }],
  })]),
  'per_unit, every option': rubric('p1', [
    leaf('控制率', 5, { kind: 'per_unit', value: '率', standard: 100, direction: 'above', points: 0.5, per: 2, mode: 'whole', maxDeduction: 3 }),
    leaf('执行率', 5, { kind: 'per_unit', value: '率', standard: 100, direction: 'below', points: 0.2, mode: 'started', zeroBeyond: 80 }),
  ]),
  'count, deduct and add': rubric('n1', [
    leaf('违规', 5, { kind: 'count', value: '例数', points: 0.5, item: '违规事项', maxDeduction: 3 }),
    { id: '加分', name: '加分项', max: 5, bonus: true, cap: 3, children: [leaf('表彰', 5, { kind: 'count', value: '例数', points: 1, effect: 'add' })] },
  ]),
  'bands with labels and otherwise': rubric('b1', [leaf('安排率', 5, { kind: 'bands', value: '率', bands: [{ when: '>=90', score: 5, label: '好' }, { when: '[80, 90)', score: 4 }], otherwise: 0 })]),
  'cases with labels and otherwise': rubric('k1', [leaf('结余', 3, { kind: 'cases', cases: [{ when: '金额 = 0', score: 3, label: '无结余' }, { when: '金额 <= 上年', score: 2 }], otherwise: { score: 0, label: '结余超过上年结转' } })]),
  'target, all or nothing and proportional': rubric('t1', [
    leaf('办结率', 5, { kind: 'target', value: '率', target: '≥97%', mode: 'all_or_nothing' }),
    leaf('文件数', 5, { kind: 'target', value: '金额', target: '≤680万元', mode: 'proportional' }),
  ]),
  'formula with a label': rubric('f1', [leaf('执行', 10, { kind: 'formula', score: 'clamp(率 / 10, 0, 10)', label: '按执行率计分' })]),
  '不适用: full, rescale, exclude, forbidden, a limit; the rubric-wide policy': rubric('na', [
    judged('甲', 10, { notApplicable: 'full' }), judged('乙', 10, { notApplicable: 'rescale' }), judged('丙', 10, { notApplicable: 'exclude' }), judged('丁', 10, { notApplicable: 'forbidden' }),
  ], { notApplicable: 'rescale', notApplicableLimit: 15 }),
  'weighted block, number and formula weights': rubric('w1', [
    { id: '预算绩效', name: '预算绩效', max: 50, combine: 'weighted', children: [judged('预算管理', 10, { weight: 75 }), leaf('财务管理', 5, { kind: 'judgement', levels: [{ level: '好', points: 5 }, { level: '差', points: 1 }] }, { weight: 25 })] },
    { id: '资金', name: '资金', max: 20, combine: 'weighted', children: [judged('甲项目', 10, { weight: '金额' }), judged('乙项目', 10, { weight: '上年 + 1' })] },
  ]),
  'pools: pick, split weights and equal': rubric('pool', [
    { id: '二选一', name: '二者择其一', max: 10, pool: { pick: 1 }, children: [judged('甲', 4), judged('乙', 6)] },
    { id: '可选项', name: '可选项', max: 20, pool: { split: 'equal' }, children: [judged('丙', 5), judged('丁', 5), leaf('戊', 5, { kind: 'checklist', items: [{ text: '①', points: 5 }] })] },
  ]),
  '加分项 / 扣分项 with caps, maxTotal': rubric('bp', [
    { id: '加分', name: '加分项', max: 8, bonus: true, cap: 5, children: [judged('甲', 4), judged('乙', 4)] },
    { id: '扣分', name: '扣分项', max: 8, penalty: true, cap: 5, children: [judged('丙', 4), leaf('丁', 4, { kind: 'count', value: '例数', points: 1 })] },
  ], { maxTotal: 100 }),
  'vetoes: grade, maxTotal, fail, on a condition': rubric('veto', [judged('甲', 10)], {
    vetoes: [{ id: 'v1', name: '重大违纪', grade: '中' }, { id: 'v2', name: '审计问题', when: '例数 > 3', maxTotal: 59 }, { id: 'v3', name: '弄虚作假', fail: '不合格' }, { id: 'v4', name: '其他', fail: true }],
  }),
  'metrics with round, precision 1, rounding down': rubric('m1', [leaf('执行率', 10, { kind: 'per_unit', value: '比率', standard: 100, direction: 'below', points: 0.1 })], {
    metrics: { 比率: { formula: '金额 / (上年 + 1) * 100', unit: '%', round: 0 } } as never, precision: 1, rounding: 'down',
  }),
};

describe('checkRubricProperties holds for every option of the format', () => {
  for (const [name, doc] of Object.entries(cases))
    it(name, () => {
      const r = safeLoadRubric(doc);
      if (!r.success) throw new Error(`${name} does not load: ${JSON.stringify(r.issues.map((i) => i.message))}`);
      checkRubricProperties(r.value, { numRuns: 150, seed: 20261207 });
    });

  // (every bundled rubric: tests/testing/kit.test.ts, 'checkRubricProperties')

  it('the cases use every key of every rule kind, every indicator policy and every veto consequence the schema has', () => {
    const used = new Map<string, Set<string>>();
    const note = (where: string, o: object) => Object.keys(o).forEach((k) => (used.get(where) ?? used.set(where, new Set()).get(where)!).add(k));
    const walk = (ns: Ind[]) =>
      ns.forEach((n) => {
        note('indicator', n);
        if (n.pool) note('pool', n.pool as object);
        if (n.rule) note(`rule ${(n.rule as { kind: string }).kind}`, n.rule as object);
        if (n.children) walk(n.children as Ind[]);
      });
    for (const doc of Object.values(cases)) {
      note('rubric', doc);
      walk(doc.indicators as Ind[]);
      for (const v of doc.vetoes ?? []) note('veto', v);
    }
    const keysOf = (s: unknown) => Object.keys((s as { shape: object }).shape);
    const missing: string[] = [];
    const want = (where: string, keys: string[]) => keys.forEach((k) => !used.get(where)?.has(k) && missing.push(`${where}.${k}`));
    for (const o of (ruleSchema as unknown as { options: { shape: { kind: { value: string } } }[] }).options) want(`rule ${o.shape.kind.value}`, keysOf(o));
    // the indicator options that change scoring (rows: the project forms, bundled above)
    want('indicator', keysOf(indicatorSchema).filter((k) => !['standard', 'description', 'rows', 'children'].includes(k)));
    want('pool', ['pick', 'split']);
    want('veto', keysOf(vetoSchema));
    want('rubric', ['notApplicable', 'notApplicableLimit', 'maxTotal', 'vetoes', 'metrics', 'precision', 'rounding']);
    expect(keysOf(rubricSchema)).toEqual(expect.arrayContaining(['notApplicable', 'notApplicableLimit', 'maxTotal', 'vetoes']));
    expect(missing).toStrictEqual([]);
  });
});

describe('level judgements in the generated inputs', () => {
  const r = loadRubric(cases['judgement, levels 相符10 / 基本相符6 / 调整较大0']!);
  it('name a level, give its points, or both — always one of the rubric’s levels — and sometimes a reason', () => {
    const seen = new Set<string>();
    for (const a of fc.sample(arbitraryAssessments(r, { notApplicable: false }), { numRuns: 300, seed: 3 })) {
      const x = a['调整'] as { level?: string; score?: string; reason?: string };
      const level = LEVELS.find((l) => l.level === x.level || String(l.points) === x.score)!;
      expect(level, JSON.stringify(x)).toBeDefined();
      if (x.level !== undefined && x.score !== undefined) expect(String(level.points)).toBe(x.score);
      seen.add(`${x.level !== undefined ? 'level' : ''}${x.score !== undefined ? 'score' : ''}${x.reason !== undefined ? '+reason' : ''}`);
    }
    expect([...seen].sort()).toStrictEqual(['level', 'level+reason', 'levelscore', 'levelscore+reason', 'score', 'score+reason']);
  });

  it('arbitraryRule("judgement") generates levels too, and every one loads', () => {
    const rules = fc.sample(arbitraryRule('judgement', { names: [{ name: '率', type: 'percent' }], max: '10' }), { numRuns: 200, seed: 5 });
    expect(rules.some((x) => 'levels' in x)).toBe(true);
    for (const rule of rules) expect(safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'x', name: 'x', max: 10, rule }] }).success).toBe(true);
  });
});
