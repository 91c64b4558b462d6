/**
 * Exact and honest at every edge: ties after a division, digits beyond what is carried,
 * proportional targets that are not met, units of money, 加分项 and 扣分项, 不适用, and input
 * problems reported all at once. Each case is a sentence a sheet writes, with its hand-computed score.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/index.js';
import { loadRubric, safeEvaluate, safeLoadRubric, type RubricDocumentInput } from '../src/index.js';
import { evalIssues, expectIssue, expectScore, issuesOf, leaf, resultOf, scoreOf } from './helpers.js';

const rate = { 执行率: { type: 'percent' as const } };
const money = (unit: string) => ({ type: 'number' as const, unit, min: 0 });

describe('a quotient is carried exactly to the one rounding of the score', () => {
  it('以100%为标准，每超过3个百分点扣1.5分：105.03% → 5 − 5.03/3 × 1.5 = 2.485 → 2.49', () =>
    expectScore(leaf({ kind: 'per_unit', value: '执行率', standard: 100, direction: 'above', per: 3, points: 1.5 }, { inputs: rate }), '105.03', '2.49'));
  it('the same at 105.05 → 2.475 → 2.48 (the tie on the other side)', () =>
    expectScore(leaf({ kind: 'per_unit', value: '执行率', standard: 100, direction: 'above', per: 3, points: 1.5 }, { inputs: rate }), '105.05', '2.48'));
  it('目标90，按完成比例计分（分值3）：22.35 → 3 × 22.35/90 = 0.745 → 0.75', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '≥90', mode: 'proportional' }, { max: 3, inputs: { 完成值: { type: 'number' } } }), '22.35', '0.75'));
  it('formula 10 - v / 12 * 1.5 at 26.84 = 6.645 → 6.65', () =>
    expectScore(leaf({ kind: 'formula', score: '10 - v / 12 * 1.5' }, { max: 10, inputs: { v: { type: 'number' } } }), '26.84', '6.65'));
  it('formula floor(1/3*3) = 1 (one third times three is one)', () =>
    expectScore(leaf({ kind: 'formula', score: 'floor(1/3*3) + 0 * v' }, { max: 5, inputs: { v: { type: 'number' } } }), '0', '1'));
  it('a metric with a division feeds a rule exactly: 在职/编制 = 103/100.5 …', () => {
    // 5 − (x/3 − 100/3) × 1.5 where x = 31/30 × 100: the exact value, rounded once.
    const l = leaf(
      { kind: 'per_unit', value: '控制率', standard: 100, direction: 'above', per: 3, points: 1.5 },
      { inputs: { 在职: { type: 'count' }, 编制: { type: 'count', min: 1 } }, metrics: { 控制率: { formula: '在职 / 编制 * 100', unit: '%' } } },
    );
    // 3009/2900 × 100 = 103.7586…; diff 3.7586…/3 × 1.5 = 1.87931…; 5 − that = 3.12068… → 3.12
    expectScore(l, { 在职: 3009, 编制: 2900 }, '3.12');
  });
  it('half-even at an exact tie: 2.485 → 2.48; down and up go their ways', () => {
    const rule = { kind: 'per_unit' as const, value: '执行率', standard: 100, direction: 'above' as const, per: 3, points: 1.5 };
    expect(scoreOf(leaf(rule, { inputs: rate, rounding: 'half-even' }), '105.03').score).toBe('2.48');
    expect(scoreOf(leaf(rule, { inputs: rate, rounding: 'down' }), '105.03').score).toBe('2.48');
    expect(scoreOf(leaf(rule, { inputs: rate, rounding: 'up' }), '105.01').score).toBe('2.5');
  });
});

describe('what is lost is what the deductions say, rounding included', () => {
  const items = { kind: 'checklist' as const, items: [1, 2, 3, 4].map((i) => ({ text: `要素${i}`, points: 0.25 })) };
  it('checklist of four 0.25 items, three met, at precision 1 rounding down: 0.75 → 0.7, and the 0.05 is a deduction of its own', () => {
    const r = expectScore(leaf(items, { max: 1, precision: 1, rounding: 'down' }), {}, '0.7', { 指标: { items: { 1: true, 2: true, 3: true, 4: false } } });
    expect(r.deductions.map((d) => d.points)).toEqual(['0.25', '0.05']);
    expect(r.deductions[1]!.reason).toContain('舍入');
  });
  it('… rounding half-up: 0.75 → 0.8, the unmet item loses only 0.2', () => {
    const r = expectScore(leaf(items, { max: 1, precision: 1 }), {}, '0.8', { 指标: { items: { 1: true, 2: true, 3: true, 4: false } } });
    expect(r.deductions.map((d) => d.points)).toEqual(['0.2']);
  });
  it('a max with more decimals than the precision is refused (2.5 at precision 0 would score 3)', () => {
    const r = safeLoadRubric({ id: 't', name: 't', precision: 0, indicators: [{ id: 'a', name: 'a', max: 2.5, rule: { kind: 'judgement' } }] });
    expect(r.success).toBe(false);
    if (!r.success) expectIssue(r.issues, { code: 'invalid_value', path: ['indicators', 0, 'max'] });
  });
});

describe('figures with more digits than are carried are refused, not rounded', () => {
  it('"100.00500000000000000000000000000000000000000001" is invalid_number (too_precise), naming 40 digits', () => {
    const i = expectIssue(evalIssues(leaf({ kind: 'per_unit', value: '执行率', standard: 100, direction: 'above', points: 1 }, { inputs: rate }), '100.00500000000000000000000000000000000000000001'), {
      code: 'invalid_number', path: ['values', '执行率'],
    });
    expect(i.params.reason).toBe('too_precise');
    expect(i.message).toContain('40 位有效数字');
  });
  it('40 significant digits are carried exactly', () =>
    expectScore(leaf({ kind: 'formula', score: 'v * 0' }, { inputs: { v: { type: 'number' } } }), '1.000000000000000000000000000000000000001', '0'));
  it('trailing zeros do not count as digits carried', () =>
    expectScore(leaf({ kind: 'formula', score: 'v' }, { inputs: { v: { type: 'number' } } }), '1.00000000000000000000000000000000000000000000000000', '1'));
  it('a rubric constant with too many digits is refused at load', () => {
    const r = safeLoadRubric({ id: 't', name: 't', indicators: [{ id: 'a', name: 'a', max: '5.000000000000000000000000000000000000000001', rule: { kind: 'judgement' } }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.params.reason).toBe('too_precise');
  });
});

describe('an unmet target never scores the maximum', () => {
  const num = { 完成值: { type: 'number' as const } };
  const load = (target: string, inputs: RubricDocumentInput['inputs'] = num) =>
    safeLoadRubric({ id: 't', name: 't', inputs, indicators: [{ id: 'a', name: 'a', max: 5, rule: { kind: 'target', value: '完成值', target, mode: 'proportional' } }] });
  it.each(['>0', '<5%', '≥0', '≥-10', '高于95%', '低于5', '=100%', '0', '≤0'])('proportional “%s” is refused at load (rule_invalid)', (t) => {
    const r = load(t, t.includes('%') ? { 完成值: { type: 'percent' } } : num);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toContain('rule_invalid');
  });
  it.each([
    ['>0', '0', '0'], ['>0', '0.01', '5'],
    ['高于95%', '95', '0'], ['高于95%', '95.01', '5'],
    ['<5%', '5', '0'], ['<5%', '4.99', '5'],
    ['≥0', '-5', '0'], ['≥-10', '-20', '0'], ['≥-10', '-10', '5'],
  ])('all-or-nothing “%s” at %s scores %s', (t, v, s) => {
    expectScore(leaf({ kind: 'target', value: '完成值', target: t }, { inputs: t.includes('%') ? { 完成值: { type: 'percent' } } : num }), v, s);
  });
  it('≥100 proportional at 99.999 would round to 5.00: it is 4.99, one step below', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '≥100', mode: 'proportional' }, { inputs: num }), '99.999', '4.99'));
  it('≤100 proportional at 100.0001 (a ceiling just exceeded): 4.99', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '≤100', mode: 'proportional' }, { inputs: num }), '100.0001', '4.99'));
  it('≤100 proportional at 125: 5 × 100/125 = 4', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '≤100', mode: 'proportional' }, { inputs: num }), '125', '4'));
  it('≥90 proportional at a negative actual scores 0', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '≥90', mode: 'proportional' }, { inputs: num }), '-3', '0'));
  it.each(['不低于95%以下', '≥95%以内', '不超过5%以上', '≤680份以上'])('contradictory wording “%s” is target_syntax', (t) => {
    const r = safeLoadRubric({ id: 't', name: 't', inputs: { 完成值: { type: 'percent' } }, indicators: [{ id: 'a', name: 'a', max: 5, rule: { kind: 'target', value: '完成值', target: t } }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toContain('target_syntax');
  });
  it('wording that agrees (不低于95%以上) reads as ≥95%', () =>
    expectScore(leaf({ kind: 'target', value: '完成值', target: '不低于95%以上' }, { inputs: { 完成值: { type: 'percent' } } }), '95', '5'));
});

describe('money figures convert between 元 and 万元, or the rubric is refused', () => {
  const inputs = { 差旅费: money('元'), 会议费: money('元') };
  const l = leaf({ kind: 'target', value: '差旅费 + 会议费', target: '≤1.5万元' }, { inputs });
  it('差旅费 + 会议费 (元) against ≤1.5万元: 10000 元 is within', () => expectScore(l, { 差旅费: 6000, 会议费: 4000 }, '5'));
  it('… and 15000.01 元 is not', () => expectScore(l, { 差旅费: 11000, 会议费: '4000.01' }, '0'));
  it('the reason shows the sum in 元', () => expect(scoreOf(l, { 差旅费: 11000, 会议费: 5000 }).deductions[0]!.reason).toContain('16000元'));
  it('a sum of 元 and 万元 is refused at load (unit_mismatch)', () => {
    const r = safeLoadRubric({ id: 't', name: 't', inputs: { a: money('元'), b: money('万元') }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'target', value: 'a + b', target: '≤1万元' } }] });
    expect(r.success).toBe(false);
    if (!r.success) expectIssue(r.issues, { code: 'unit_mismatch', path: ['indicators', 0, 'rule', 'value'] });
  });
  it('cases comparing 结余 (万元) with 上年结转 (元) is refused at load (unit_mismatch)', () => {
    const r = safeLoadRubric({
      id: 't', name: 't', inputs: { 结余: money('万元'), 上年结转: money('元') },
      indicators: [{ id: 'x', name: 'x', max: 3, rule: { kind: 'cases', cases: [{ when: '结余 = 0', score: 3 }, { when: '结余 <= 上年结转', score: 2 }], otherwise: { score: 0 } } }],
    });
    expect(r.success).toBe(false);
    if (!r.success) expectIssue(r.issues, { code: 'unit_mismatch', path: ['indicators', 0, 'rule', 'cases', 1, 'when'] });
  });
  it('a metric in 元 compared with a target in 万元 converts', () => {
    const m = leaf({ kind: 'target', value: '三公合计', target: '≤1万元' }, { inputs, metrics: { 三公合计: '差旅费 + 会议费' } });
    expectScore(m, { 差旅费: 5000, 会议费: 5000 }, '5');
    expectScore(m, { 差旅费: 5000, 会议费: '5000.5' }, '0');
  });
  it('a metric declared in 万元 whose formula adds figures in 元 is refused (unit_mismatch at its unit)', () => {
    const r = safeLoadRubric({ id: 't', name: 't', inputs, metrics: { 合计: { formula: '差旅费 + 会议费', unit: '万元' } }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'target', value: '合计', target: '≤1万元' } }] });
    expect(r.success).toBe(false);
    if (!r.success) expectIssue(r.issues, { code: 'unit_mismatch', path: ['metrics', '合计', 'unit'] });
  });
  it('… while (差旅费 + 会议费) / 10000 declared in 万元 is the author’s conversion, and loads', () => {
    const m = leaf({ kind: 'target', value: '合计', target: '≤1万元' }, { inputs, metrics: { 合计: { formula: '(差旅费 + 会议费) / 10000', unit: '万元' } } });
    expectScore(m, { 差旅费: 5000, 会议费: 5000 }, '5');
  });
  it('property: a figure in 元 against a target in 万元 scores as the same figure and target both in 元, or both in 万元', () => {
    const rubric = (valueUnit: string, target: string, mode: 'all_or_nothing' | 'proportional') =>
      loadRubric({ id: 't', name: 't', inputs: { 金额: money(valueUnit) }, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'target', value: '金额', target, mode } }] });
    const score = (r: ReturnType<typeof loadRubric>, v: string) => {
      const out = safeEvaluate(r, { values: { 金额: v } });
      if (!out.success) throw new Error(JSON.stringify(out.issues));
      return out.value.total;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('≤', '≥'), fc.constantFrom('all_or_nothing' as const, 'proportional' as const), (cents, tenthousandths, op, mode) => {
        const yuan = new Decimal(cents).div(100).toFixed();
        const wan = new Decimal(tenthousandths).div(10000);
        const inWan = score(rubric('元', `${op}${wan.toFixed()}万元`, mode), yuan);
        expect(score(rubric('元', `${op}${wan.times(10000).toFixed()}元`, mode), yuan)).toBe(inWan);
        expect(score(rubric('万元', `${op}${wan.toFixed()}万元`, mode), new Decimal(yuan).div(10000).toFixed())).toBe(inWan);
      }),
      { numRuns: 300 },
    );
  });
  it('a money target against a figure of unknown unit (a product) is refused', () => {
    const r = safeLoadRubric({ id: 't', name: 't', inputs, indicators: [{ id: 'x', name: 'x', max: 5, rule: { kind: 'target', value: '差旅费 * 2', target: '≤1万元' } }] });
    expect(r.success).toBe(false);
    if (!r.success) expectIssue(r.issues, { code: 'unit_mismatch' });
  });
});

describe('加分项 add and 扣分项 subtract, and the reasons say so', () => {
  const doc = (extra: NonNullable<RubricDocumentInput['indicators']>, notApplicable?: 'rescale' | 'full'): RubricDocumentInput => ({
    id: 't', name: 't', ...(notApplicable ? { notApplicable } : {}),
    inputs: { 表彰次数: { type: 'count' }, 审计问题数: { type: 'count' }, 完成率: { type: 'percent' } },
    indicators: [
      { id: '基础', name: '基础', max: 60, rule: { kind: 'per_unit', value: '完成率', standard: 100, direction: 'below', points: 1 } },
      { id: '其他', name: '其他', max: 40, rule: { kind: 'judgement' } },
      ...extra,
    ],
  });
  const award = { id: '表彰', name: '获得表彰', max: 5, bonus: true, standard: '获得省级以上表彰每次加1分，最多加5分', rule: { kind: 'count' as const, value: '表彰次数', points: 1 } };
  const audit = { id: '审计', name: '审计问题', max: 10, penalty: true, standard: '每个审计问题扣2分，扣分不超过10分', rule: { kind: 'count' as const, value: '审计问题数', points: 2 } };
  const ok = { 其他: { score: 40 } };
  it('获得省级以上表彰每次加1分，最多加5分: 3 awards add 3, and the reason reads 加3分', () => {
    const r = safeEvaluate(loadRubric(doc([award])), { values: { 表彰次数: 3, 审计问题数: 0, 完成率: 100 }, assessments: ok });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    const b = r.value.indicators[2]!;
    expect(b.score).toBe('3');
    expect(b.deductions).toEqual([]);
    expect(b.additions![0]!.reason).toContain('加3分');
    expect(b.additions![0]!.reason).not.toContain('扣');
    expect(r.value.total).toBe('103');
    expect(r.value.additions).toHaveLength(1);
  });
  it('7 awards add at most 5', () => {
    const r = safeEvaluate(loadRubric(doc([award])), { values: { 表彰次数: 7, 完成率: 100 }, assessments: ok });
    expect(r.success && r.value.total).toBe('105');
    if (r.success) expect(r.value.indicators[2]!.additions![0]!.reason).toContain('以5分为限');
  });
  it('每个审计问题扣2分，扣分不超过10分: 3 problems take 6 off the total, 8 take 10', () => {
    const rb = loadRubric(doc([audit]));
    const r3 = safeEvaluate(rb, { values: { 审计问题数: 3, 完成率: 100 }, assessments: ok });
    if (!r3.success) throw new Error(JSON.stringify(r3.issues));
    expect(r3.value.total).toBe('94');
    expect(r3.value.indicators[2]!.score).toBe('-6');
    expect(r3.value.indicators[2]!.deductions[0]!.reason).toContain('扣6分');
    const r8 = safeEvaluate(rb, { values: { 审计问题数: 8, 完成率: 100 }, assessments: ok });
    expect(r8.success && r8.value.total).toBe('90');
  });
  it('a 减分项 formula 0 - 2*审计问题数 subtracts, capped at the max', () => {
    const f = { ...audit, rule: { kind: 'formula' as const, score: '0 - 2 * 审计问题数' } };
    const rb = loadRubric(doc([f]));
    const r = safeEvaluate(rb, { values: { 审计问题数: 2, 完成率: 100 }, assessments: ok });
    expect(r.success && r.value.total).toBe('96');
    const r9 = safeEvaluate(rb, { values: { 审计问题数: 9, 完成率: 100 }, assessments: ok });
    expect(r9.success && r9.value.total).toBe('90');
    if (r9.success) expect(r9.value.indicators[2]!.deductions[0]!.reason).toContain('最多扣10分');
  });
  it('a 加分项 formula that computes below 0 counts 0, with a bonus_negative warning (never a silent clamp)', () => {
    const f = { ...award, rule: { kind: 'formula' as const, score: '0 - 2 * 审计问题数' } };
    const r = safeEvaluate(loadRubric(doc([f])), { values: { 审计问题数: 2, 完成率: 100 }, assessments: ok });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    expect(r.value.total).toBe('100');
    expect(r.warnings.map((w) => [w.code, w.indicator, w.severity])).toEqual([['bonus_negative', '表彰', 'warning']]);
  });
  it('a 扣分项 scored with per_unit is refused at load', () => {
    const r = safeLoadRubric(doc([{ ...audit, rule: { kind: 'per_unit', value: '完成率', standard: 100, direction: 'below', points: 1 } }]));
    expect(r.success).toBe(false);
  });
  it('notApplicable: rescale rescales the base, then adds the bonus: 55/… of an applicable 60 → 91.67 + 5', () => {
    const rb = loadRubric(doc([award], 'rescale'));
    const r = safeEvaluate(rb, { values: { 表彰次数: 5, 完成率: 95 }, assessments: { 其他: { notApplicable: true } } });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    // base 55 of an applicable 60 → 55 × 100/60 = 91.666… → 91.67; plus 5 bonus = 96.67 (not 110)
    expect(r.value.total).toBe('96.67');
    expect(r.value.rescaled).toEqual({ rawTotal: '55', applicableMax: '60' });
  });
});

describe('不适用 honestly', () => {
  const doc = (notApplicable: 'full' | 'rescale' = 'rescale'): RubricDocumentInput => ({
    id: 't', name: 't', notApplicable,
    inputs: { 预算数: { type: 'number', min: 0 }, 执行数: { type: 'number', min: 0 } },
    metrics: { 执行率: { formula: '执行数 / 预算数 * 100', unit: '%' } },
    indicators: [
      { id: '执行', name: '预算执行率', max: 50, rule: { kind: 'per_unit', value: '执行率', standard: 100, direction: 'below', points: 1 } },
      { id: '质量', name: '质量', max: 50, rule: { kind: 'judgement' } },
    ],
  });
  it('{ score, notApplicable: true } is assessment_invalid, not a dropped score', () =>
    expectIssue(issuesOf(() => safeEvaluate(loadRubric(doc()), { values: { 预算数: 1, 执行数: 1 }, assessments: { 质量: { score: 40, notApplicable: true } } })), {
      code: 'assessment_invalid', path: ['assessments', '质量', 'score'],
    }));
  it('every indicator 不适用 is nothing_assessed, not a total of 0 and 差', () =>
    expectIssue(issuesOf(() => safeEvaluate(loadRubric(doc()), { assessments: { 执行: { notApplicable: true }, 质量: { notApplicable: true } } })), { code: 'nothing_assessed' }));
  it('… nor full marks under notApplicable: full', () =>
    expectIssue(issuesOf(() => safeEvaluate(loadRubric(doc('full')), { assessments: { 执行: { notApplicable: true }, 质量: { notApplicable: true } } })), { code: 'nothing_assessed' }));
  it('a 不适用 indicator with a truthful budget of 0: its metric is not computed, no division_by_zero', () => {
    const r = safeEvaluate(loadRubric(doc()), { values: { 预算数: 0, 执行数: 0 }, assessments: { 执行: { notApplicable: true }, 质量: { score: 45, reason: '资料不全' } } });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    expect(r.value.total).toBe('90');
    expect(r.value.metrics).toEqual({});
  });
  it.each([['spaces', '   '], ['a zero-width space', '\u200b'], ['a BOM and a full-width space', '\ufeff\u3000'], ['a word joiner', '\u2060']])(
    'a reason of only %s is no reason (judgement_reason_required)',
    (_, reason) => {
      expectIssue(issuesOf(() => safeEvaluate(loadRubric(doc()), { values: { 预算数: 1, 执行数: 1 }, assessments: { 质量: { score: 40, reason } } })), {
        code: 'judgement_reason_required', path: ['assessments', '质量', 'reason'],
      });
    },
  );
});

describe('every problem of an input is reported at once, in document order', () => {
  const rb = loadRubric({
    id: 't', name: 't',
    inputs: { a: { type: 'number' }, b: { type: 'number' } },
    indicators: [
      { id: 'x', name: 'x', max: 5, rule: { kind: 'formula', score: 'a' } },
      { id: 'y', name: 'y', max: 5, rule: { kind: 'judgement' } },
      { id: 'z', name: 'z', max: 5, rule: { kind: 'formula', score: '5 / b' } },
    ],
  });
  it('a bad figure, a missing reason and a division by zero come in one round', () => {
    const codes = issuesOf(() => safeEvaluate(rb, { values: { a: 'x1', b: 0 }, assessments: { y: { score: 3 } } })).map((i) => i.code);
    expect(codes).toEqual(['invalid_number', 'division_by_zero', 'judgement_reason_required']);
  });
  it('a value of the wrong type does not hide the rest', () => {
    const codes = issuesOf(() => safeEvaluate(rb, { values: { a: { x: 1 } as never, b: 0 }, assessments: { y: { score: 3 } } })).map((i) => i.code);
    expect(codes).toContain('division_by_zero');
    expect(codes).toContain('judgement_reason_required');
    expect(codes.length).toBe(3);
  });
  it('from text, issues are sorted by line', () => {
    const text = '{\n"assessments": { "y": { "score": 3 } },\n"values": { "a": "x1", "b": 0 }\n}';
    const issues = issuesOf(() => safeEvaluate(rb, text));
    const lines = issues.map((i) => i.source?.line ?? 0);
    expect(lines).toEqual([...lines].sort((p, q) => p - q));
    expect(issues.length).toBe(3);
  });
});

describe('issues found while scoring point at the figure', () => {
  it('no_band_matched points at the input the value reads', () =>
    expectIssue(evalIssues(leaf({ kind: 'bands', value: '率', bands: [{ when: '>=90', score: 5 }] }, { inputs: { 率: { type: 'percent' } } }), '80'), {
      code: 'no_band_matched', path: ['values', '率'],
    }));
  it('division_by_zero in a rule points at the divisor', () => {
    const l = leaf({ kind: 'formula', score: 'a / b' }, { inputs: { a: { type: 'number' }, b: { type: 'number' } } });
    expectIssue(evalIssues(l, { a: 1, b: 0 }), { code: 'division_by_zero', path: ['values', 'b'] });
  });
  it('result of a plain evaluation still works', () => expect(resultOf(leaf({ kind: 'formula', score: 'a' }, { inputs: { a: { type: 'number' } } }), '3').total).toBe('3'));
});
