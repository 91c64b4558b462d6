import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, safeLoadRubric, type InputDeclaration } from '../../src/index.js';
import { expectBalanced, expectIssue, expectReason, expectScore, issuesOf, leaf, rubricWith, scoreOf } from '../helpers.js';

type Decl = { type: InputDeclaration['type']; unit?: string };
const target = (name: string, decl: Decl, text: string, opts: { mode?: 'all_or_nothing' | 'proportional'; max?: number | string } = {}) =>
  leaf(
    { kind: 'target', value: name, target: text, ...(opts.mode ? { mode: opts.mode } : {}) },
    { max: opts.max ?? 1, inputs: { [name]: decl } },
  );
const percent: Decl = { type: 'percent' };
const count = (unit: string): Decl => ({ type: 'count', unit });

describe('接电受理满意率在95%以上 — target `≥95%`', () => {
  const 满意率 = target('满意率', percent, '≥95%');
  it('95% → full', () => expectScore(满意率, '95', '1'));
  it('100% → full', () => expectScore(满意率, '100', '1'));
  it('94.99% → 0 (all or nothing)', () => expectScore(满意率, '94.99', '0'));
  it('the reason names the figure and the target', () => expectReason(满意率, '94.99', '满意率94.99%', '≥95%', '扣1分'));
});

describe('市长热线全年交办件办结率不低于97% — proportional', () => {
  const 办结率 = target('办结率', percent, '≥97%', { mode: 'proportional' });
  it('97% → full', () => expectScore(办结率, '97', '1'));
  it('98% → full, never above max', () => expectScore(办结率, '98', '1'));
  it('94% → 1 × 94/97 = 0.969… → 0.97', () => expectScore(办结率, '94', '0.97'));
  it('48.5% → 1 × 48.5/97 = 0.5', () => expectScore(办结率, '48.5', '0.5'));
  it('0% → 0', () => expectScore(办结率, '0', '0'));
  it('the reason gives the completion ratio', () => expectReason(办结率, '94', '办结率94%', '≥97%', '96.91%', '扣0.03分'));
});

describe('下发文件数量控制在680份以内 — target `≤680份`', () => {
  const 文件 = target('下发文件数量', count('份'), '≤680份', { max: '0.5' });
  it('680 → 0.5 (满分为0.50分)', () => expectScore(文件, 680, '0.5'));
  it('600 → 0.5', () => expectScore(文件, 600, '0.5'));
  it('700 → 0 (all or nothing)', () => expectScore(文件, 700, '0'));
  it('the reason names 700份 and the ceiling', () => expectReason(文件, 700, '下发文件数量700份', '≤680份'));
  const 比例 = target('下发文件数量', count('份'), '≤680份', { mode: 'proportional', max: '0.5' });
  it('proportional: 700 → 0.5 × 680/700 = 0.485714… → 0.49', () => expectScore(比例, 700, '0.49'));
  it('proportional: 1360 → 0.5 × 680/1360 = 0.25', () => expectScore(比例, 1360, '0.25'));
  it('proportional: 680 → 0.5', () => expectScore(比例, 680, '0.5'));
  it('`680份以内` means the same ceiling', () => expectScore(target('下发文件数量', count('份'), '680份以内'), 681, '0'));
  it('`680份以内` is met at 680', () => expectScore(target('下发文件数量', count('份'), '680份以内'), 680, '1'));
});

describe('全年编印《昆明市人民政府公报》12期 — target `12期` means ≥ 12', () => {
  const 公报 = target('公报期数', count('期'), '12期', { max: '0.5' });
  it('12 → 0.5', () => expectScore(公报, 12, '0.5'));
  it('13 → 0.5', () => expectScore(公报, 13, '0.5'));
  it('11 → 0 (fails)', () => expectScore(公报, 11, '0'));
  it('the reason says 11期 did not reach 12期', () => expectReason(公报, 11, '公报期数11期', '12期'));
  it('proportional: 11 → 0.5 × 11/12 = 0.4583… → 0.46', () =>
    expectScore(target('公报期数', count('期'), '12期', { mode: 'proportional', max: '0.5' }), 11, '0.46'));
  it('`=12期` is met only by 12', () => {
    const exact = target('公报期数', count('期'), '=12期');
    expectScore(exact, 12, '1');
    expectScore(exact, 13, '0');
  });
});

describe('target `100%`', () => {
  const 完成率 = target('完成率', percent, '100%');
  it('100% → full', () => expectScore(完成率, '100', '1'));
  it('99.9% → 0', () => expectScore(完成率, '99.9', '0'));
});

describe('target `0` means none (≤ 0)', () => {
  const 事故 = target('安全事故数', count('起'), '0');
  it('0 → met', () => expectScore(事故, 0, '1'));
  it('1 → not met', () => expectScore(事故, 1, '0'));
  it('proportional is refused at load: a target of none has no ratio (rule_invalid)', () =>
    expectIssue(issuesOf(() => target('安全事故数', count('起'), '0', { mode: 'proportional' })), { code: 'rule_invalid', path: ['indicators', 0, 'rule', 'mode'] }));
});

describe('target spellings', () => {
  it.each([
    ['≧95%', '95', '1'], ['>=95%', '95', '1'], ['≥95', '94', '0'], ['>95%', '95', '0'], ['＞95%', '95.1', '1'],
    ['<5%', '5', '0'], ['≦5%', '5', '1'], ['不低于97%', '97', '1'], ['不低于97%', '96.9', '0'], ['95%（含）', '95', '1'],
    // The words project forms use, read by the same comparison reader (src/rules/target-spec.ts).
    ['大于等于95%', '95', '1'], ['大于等于95%', '94.99', '0'], ['不小于95%', '95', '1'], ['小于等于5%', '5.01', '0'], ['控制在5%以内', '5', '1'], ['5%之内', '5', '1'],
  ])('%s with %s per cent → %s', (text, value, score) => {
    expectScore(target('率', percent, text), value, score);
  });
});

describe('money units convert: 元 / 千元 / 万元 / 亿元', () => {
  const 资金 = target('到位资金', { type: 'number', unit: '元' }, '≥50万元');
  it('500000元 meets ≥50万元', () => expectScore(资金, 500000, '1'));
  it('499999元 does not', () => expectScore(资金, 499999, '0'));
  it('the reason never shows a figure that would have met the target', () => {
    const reason = expectReason(资金, 499999, '≥50万元');
    expect(reason).toMatch(/499999元|49\.9999万元/);
  });
  const 万元 = target('三公经费', { type: 'number', unit: '万元' }, '≤5300元');
  it('0.53万元 meets ≤5300元', () => expectScore(万元, '0.53', '1'));
  it('0.5301万元 does not', () => expectScore(万元, '0.5301', '0'));
  it('千元 → 元: 12千元 vs 12000元 is met', () => expectScore(target('收入', { type: 'number', unit: '元' }, '≥12千元'), 12000, '1'));
  it('亿元 → 万元: 1.5亿元 = 15000万元', () => expectScore(target('投资', { type: 'number', unit: '万元' }, '≥1.5亿元'), 15000, '1'));
  it('proportional across units: 400000元 of ≥50万元 → 0.8', () =>
    expectScore(target('到位资金', { type: 'number', unit: '元' }, '≥50万元', { mode: 'proportional' }), 400000, '0.8'));
});

describe('targets the rubric cannot use', () => {
  const load = (decl: Decl, text: string, mode?: 'proportional') =>
    safeLoadRubric(rubricWith({ kind: 'target', value: 'x', target: text, ...(mode ? { mode } : {}) }, { max: 1, inputs: { x: decl } }));
  it('a unit that differs from the figure’s (份 vs 期) is unit_mismatch', () =>
    expectIssue(() => load(count('期'), '≤680份'), { code: 'unit_mismatch', path: ['indicators', 0, 'rule', 'target'], indicator: '指标' }));
  it('元 vs 份 is unit_mismatch', () => expectIssue(() => load(count('份'), '≥50万元'), { code: 'unit_mismatch' }));
  it('unreadable text is target_syntax', () =>
    expectIssue(() => load(percent, '大约九成'), { code: 'target_syntax', path: ['indicators', 0, 'rule', 'target'] }));
  it('an `=` target cannot be proportional', () =>
    expectIssue(() => load(count('期'), '=12期', 'proportional'), { code: 'rule_invalid', path: ['indicators', 0, 'rule', 'mode'] }));
});

describe('properties', () => {
  const reach = target('办结率', percent, '≥97%', { mode: 'proportional' });
  const ceiling = target('下发文件数量', { type: 'number', unit: '份' }, '≤680份', { mode: 'proportional' });
  const figure = fc.integer({ min: 0, max: 200000 }).map((n) => new Decimal(n).div(100).toFixed());
  it('proportional scores stay in [0, max] and add up with their deductions', () =>
    fc.assert(
      fc.property(fc.constantFrom(reach, ceiling), figure, (l, v) => {
        const r = scoreOf(l, v);
        expect(new Decimal(r.score).gte(0) && new Decimal(r.score).lte(r.max)).toBe(true);
        expectBalanced(r);
      }),
    ));
  it('a target to reach: more is never worse; a ceiling: more is never better', () =>
    fc.assert(
      fc.property(figure, figure, (a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
        expect(new Decimal(scoreOf(reach, lo).score).lte(scoreOf(reach, hi).score)).toBe(true);
        expect(new Decimal(scoreOf(ceiling, lo).score).gte(scoreOf(ceiling, hi).score)).toBe(true);
      }),
    ));
});
