import { describe, expect, it } from 'vitest';
import { bundledRubricSource } from '../../src/index.js';
import { lintRubric } from '../../src/entries/authoring.js';
import { expectAt, lint, oneLeaf } from './lint-helpers.js';

const pct = '在职人员控制率: { type: percent }';
const STANDARD = '以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。';

describe('lint standard-text: the 评分标准 says what the rule does', () => {
  it('the Hunan sentence and its rule agree', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', { inputs: pct, standard: STANDARD });
    expect(lint(doc, 'standard-text')).toStrictEqual([]);
  });

  it('扣0.5分 in the text, 1 in the rule: a warning at the standard naming both figures', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 1 }', { inputs: pct, standard: STANDARD });
    const issues = lint(doc, 'standard-text');
    expect(issues.map((i) => [i.code, i.severity, i.message])).toStrictEqual([
      ['standard_mismatch', 'warning', '评分标准与评分规则不一致：每单位扣分：评分标准为 0.5，规则为 1'],
    ]);
    expectAt(issues[0], doc, 'standard:');
  });

  it('计5分 in the text on an indicator of 6 points', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', { inputs: pct, standard: STANDARD, max: 6 });
    expect(lint(doc, 'standard-text').map((i) => i.params.detail)).toStrictEqual(['满分：评分标准为 5，规则为 6']);
  });

  it('80%（含）-90% in the text, (80, 90] in the rule: the inclusive edge matters', () => {
    const doc = oneLeaf('{ kind: bands, value: 率, bands: [{ when: "≥90", score: 5 }, { when: "(80, 90)", score: 4 }, { when: "≤80", score: 0 }] }', {
      inputs: '率: { type: percent }', standard: '率≥90%，计5分；80%（含）-90%，计4分；低于80%不得分。',
    });
    expect(lint(doc, 'standard-text').map((i) => i.params.detail)).toStrictEqual([
      '分档：评分标准为 ≥90 5；80（含）-90 4；低于80 0，规则为 ≥90 5；80（不含）-90 4；≤80 0',
    ]);
  });

  it('a standard the parser cannot read is said (info, naming the sentence), so "no problems" means the text was compared', () => {
    const vague = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 1 }', { inputs: pct, standard: '按实际情况酌情扣分。' });
    const issues = lint(vague, 'standard-text');
    expect(issues.map((i) => [i.code, i.severity, i.message])).toStrictEqual([['standard_unread', 'info', '评分标准“按实际情况酌情扣分。”未能读取，未与评分规则比对']]);
    expectAt(issues[0], vague, 'standard:');
    const r = lintRubric(vague, { checks: ['standard-text'] });
    expect([r.errors, r.warnings, r.infos]).toStrictEqual([0, 0, 1]);
  });

  it('a sentence left unread by one clause names that clause', () => {
    const doc = oneLeaf('{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: above, points: 0.5 }', { inputs: pct, standard: `${STANDARD}另扣2分。` });
    expect(lint(doc, 'standard-text').map((i) => i.message)).toStrictEqual([
      `评分标准“${STANDARD}另扣2分。”未能读取，未与评分规则比对（“另扣2分”不在能识别的规则之内）`,
    ]);
  });

  it('judgement and formula rules are an author’s choice: not compared, not reported', () => {
    expect(lint(oneLeaf('{ kind: judgement }', { standard: STANDARD }), 'standard-text')).toStrictEqual([]);
    expect(lint(oneLeaf('{ kind: formula, score: "5" }', { standard: STANDARD }), 'standard-text')).toStrictEqual([]);
  });

  describe('每减少1个百分点扣1分: a sentence without its standard is read for what it says', () => {
    const below = (points: string, standard = '每减少1个百分点扣1分') =>
      oneLeaf(`{ kind: per_unit, value: 在职人员控制率, standard: 100, direction: below, points: ${points} }`, { inputs: pct, standard });
    it('points 1 agree; the standard the text does not state is not compared', () => {
      expect(lint(below('1'), 'standard-text')).toStrictEqual([]);
    });
    it('points 0.1 disagree', () => {
      expect(lint(below('0.1'), 'standard-text').map((i) => [i.code, i.message])).toStrictEqual([['standard_mismatch', '评分标准与评分规则不一致：每单位扣分：评分标准为 1，规则为 0.1']]);
    });
    it('每超过 against a rule that deducts below: the direction disagrees', () => {
      expect(lint(below('1', '每超过1个百分点扣1分'), 'standard-text').map((i) => i.params.detail)).toStrictEqual(['评分标准为超过标准扣分，规则为低于标准扣分']);
    });
    it('每减少2个百分点扣1分 against per 1: the unit size disagrees', () => {
      expect(lint(below('1', '每减少2个百分点扣1分'), 'standard-text').map((i) => i.params.detail)).toStrictEqual(['单位大小：评分标准为 2，规则为 1']);
    });
    it('the importer still does not write a rule from it (no standard to write)', async () => {
      const { parseStandard, readStandard } = await import('../../src/text/parse.js');
      expect(parseStandard('每减少1个百分点扣1分')).toBeUndefined();
      expect(readStandard('每减少1个百分点扣1分')).toMatchObject({ rule: { kind: 'per_unit', direction: 'below', points: '1' }, unstated: ['standard'] });
    });
  });

  it('passes both bundled rubrics: every Hunan standard reads as a rule and agrees with it; what Kunming leaves unread is said, not a warning', () => {
    expect(lintRubric(bundledRubricSource('hunan-department')!, { checks: ['standard-text'] }).issues).toStrictEqual([]);
    const k = lintRubric(bundledRubricSource('kunming-department')!, { checks: ['standard-text'] });
    expect([k.errors, k.warnings]).toStrictEqual([0, 0]);
    // the narrative targets: 基本支出预算执行程度达到要求（…100%）, 本年度未进行预算调整, 全年编印《…公报》12期 …
    expect(k.issues.map((i) => i.indicator!.split('.').pop())).toStrictEqual([
      '基本支出预算执行率', '项目支出预算执行率', '预算调整情况', '政府公报编印情况', '昆明史志出版情况', '全全说应急动画片制作和播放完成情况',
      '组织应急人员培训工作完成情况', '交办与催办工作完成情况', '下发督查通知完成情况', '上报督查专报工作完成情况', '调研报告完成情况',
    ]);
  });
});

describe('property: a clean standard-text means the text was compared', async () => {
  const fc = (await import('fast-check')).default;
  const { arbitraryRule } = await import('../../src/testing/index.js');
  const { renderStandard, figureNamesOf } = await import('../../src/text/render.js');
  const { loadRubric } = await import('../../src/index.js');
  const { Decimal } = await import('../../src/decimal.js');
  const names = [{ name: '执行率', type: 'percent' as const }, { name: '违规例数', type: 'count' as const }];
  const inputs = { 执行率: { type: 'percent' }, 违规例数: { type: 'count' } };
  const doc = (rule: unknown, standard: string) => ({ id: 't', name: 't', inputs, indicators: [{ id: 'x', name: '指标', max: '5', standard, rule }] });

  it('a rule’s own sentence never disagrees with it; the same sentence under twice the points is a mismatch or said unread — never silence', () => {
    fc.assert(
      fc.property(fc.constantFrom('per_unit' as const, 'count' as const), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (kind, seed, more) => {
        const rule = fc.sample(arbitraryRule(kind, { names, max: '5' }), { numRuns: 1, seed })[0]!;
        const r = loadRubric(doc(rule, 'x'));
        // now and then with a clause no rule says (情节严重的另扣2分): then the sentence is not read, and lint says so
        const text = renderStandard(r.byId.get('x')!.rule!, new Decimal(5), figureNamesOf(r)) + (more ? '情节严重的另扣2分。' : '');
        const same = lintRubric(doc(rule, text), { checks: ['standard-text'] }).issues;
        expect(same.filter((i) => i.code === 'standard_mismatch'), text).toStrictEqual([]);
        if (more) expect(same.filter((i) => i.code.startsWith('standard_')).map((i) => [i.code, i.severity]), text).toStrictEqual([['standard_unread', 'info']]);
        const doubled = { ...(rule as Record<string, unknown>), points: new Decimal(String((rule as { points: unknown }).points)).times(2).toFixed() };
        const other = lintRubric(doc(doubled, text), { checks: ['standard-text'] }).issues;
        expect(other.map((i) => i.code).filter((c) => c === 'standard_mismatch' || c === 'standard_unread').length, text).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});
