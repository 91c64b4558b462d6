import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectBalanced, expectIssue, expectScore, leaf, rubricWith, scoreOf } from '../helpers.js';

const items = (...list: [string, number | string][]) => list.map(([text, points]) => ({ text, points }));
const checked = (...met: boolean[]) => ({ 指标: { items: Object.fromEntries(met.map((m, i) => [String(i + 1), m])) } });

const 管理制度健全性 = leaf(
  {
    kind: 'checklist',
    items: items(
      ['已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度', 1],
      ['相关管理制度合法、合规、完整', 1],
      ['相关管理制度得到有效执行', 1],
    ),
  },
  { max: 3 },
);

describe('①已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，1分；②相关管理制度合法、合规、完整，1分；③相关管理制度得到有效执行，1分。', () => {
  it('all met → 3, no deduction', () => expect(expectScore(管理制度健全性, {}, '3', checked(true, true, true)).deductions).toEqual([]));
  it('② unmet → 2', () => expectScore(管理制度健全性, {}, '2', checked(true, false, true)));
  it('the deduction names item ② and its text', () => {
    const r = scoreOf(管理制度健全性, {}, checked(true, false, true));
    expect(r.deductions).toHaveLength(1);
    expect(r.deductions[0]!.points).toBe('1');
    expect(r.deductions[0]!.reason).toContain('②');
    expect(r.deductions[0]!.reason).toContain('相关管理制度合法、合规、完整');
  });
  it('none met → 0, one deduction per item', () =>
    expect(expectScore(管理制度健全性, {}, '0', checked(false, false, false)).deductions.map((d) => /[①-⑳]/.exec(d.reason)?.[0])).toEqual(['①', '②', '③']));
  it('the evaluator’s reason is kept as the remark (扣分原因和其他说明)', () =>
    expect(
      scoreOf(管理制度健全性, {}, { 指标: { items: { 1: true, 2: false, 3: true }, reason: '相关管理制度需进一步健全完善' } }).remark,
    ).toBe('相关管理制度需进一步健全完善'));
});

const 预决算信息公开 = leaf(
  {
    kind: 'checklist',
    items: items(
      ['按规定内容公开预决算信息', 1],
      ['按规定时限公开预决算信息', 0.5],
      ['基础数据信息和会计信息资料真实', 0.5],
      ['基础数据信息和会计信息资料完整', 0.5],
      ['基础数据信息和汇集信息资料准确', 0.5],
    ),
  },
  { max: 3 },
);

describe('①按规定内容公开预决算信息，1分；②按规定时限公开预决算信息，0.5分；③基础数据信息和会计信息资料真实，0.5分；④基础数据信息和会计信息资料完整，0.5分；⑤基础数据信息和汇集信息资料准确，0.5分。', () => {
  it('all met → 3', () => expectScore(预决算信息公开, {}, '3', checked(true, true, true, true, true)));
  it('① unmet → 2', () => expectScore(预决算信息公开, {}, '2', checked(false, true, true, true, true)));
  it('② unmet → 2.5', () => expectScore(预决算信息公开, {}, '2.5', checked(true, false, true, true, true)));
  it('② and ④ unmet → 2, two deductions of 0.5 naming ② and ④', () => {
    const r = expectScore(预决算信息公开, {}, '2', checked(true, false, true, false, true));
    expect(r.deductions.map((d) => d.points)).toEqual(['0.5', '0.5']);
    expect(r.deductions[0]!.reason).toContain('②');
    expect(r.deductions[0]!.reason).toContain('按规定时限公开预决算信息');
    expect(r.deductions[1]!.reason).toContain('④');
    expect(r.deductions[1]!.reason).toContain('基础数据信息和会计信息资料完整');
  });
  it('only ① met → 1', () => expectScore(预决算信息公开, {}, '1', checked(true, false, false, false, false)));
  it('none met → 0', () => expectScore(预决算信息公开, {}, '0', checked(false, false, false, false, false)));
});

describe('item ids', () => {
  const named = leaf({ kind: 'checklist', items: [{ id: '公开', text: '按规定公开', points: 1 }, { id: '及时', text: '按时公开', points: 1 }] }, { max: 2 });
  it('an item with its own id is assessed by that id and named by it', () => {
    const r = expectScore(named, {}, '1', { 指标: { items: { 公开: true, 及时: false } } });
    expect(r.deductions[0]!.reason).toContain('及时');
    expect(r.deductions[0]!.reason).toContain('按时公开');
  });
});

describe('items that add up to more than the max (e.g. 4 × 1 分 on a 3 分 indicator)', () => {
  const rule = { kind: 'checklist' as const, items: items(['甲', 1], ['乙', 1], ['丙', 1], ['丁', 1]) };
  it('load with a warning, not an error', () => {
    const r = safeLoadRubric(rubricWith(rule, { max: 3 }));
    expect(r.success).toBe(true);
    expectIssue(r.success ? r.warnings : [], { code: 'checklist_points_mismatch', severity: 'warning', path: ['indicators', 0, 'rule', 'items'] });
  });
  const over = leaf(rule, { max: 3 });
  it('all met → 3, never above max', () => expectScore(over, {}, '3', checked(true, true, true, true)));
  it('one unmet → still 3, nothing is lost', () => expect(expectScore(over, {}, '3', checked(true, false, true, true)).deductions).toEqual([]));
  it('two unmet → 2, one point lost', () => expectScore(over, {}, '2', checked(false, false, true, true)));
});

describe('items that add up to less than the max', () => {
  it('are an error: the indicator could never reach full marks', () =>
    expectIssue(() => safeLoadRubric(rubricWith({ kind: 'checklist', items: items(['甲', 1], ['乙', 1]) }, { max: 3 })), {
      code: 'checklist_points_mismatch',
      severity: 'error',
      path: ['indicators', 0, 'rule', 'items'],
      indicator: '指标',
    }));
  it('duplicate item ids are an error', () =>
    expectIssue(
      () => safeLoadRubric(rubricWith({ kind: 'checklist', items: [{ id: 'a', text: '甲', points: 1 }, { id: 'a', text: '乙', points: 1 }] }, { max: 2 })),
      { code: 'duplicate_item_id', path: ['indicators', 0, 'rule', 'items', 1, 'id'] },
    ));
});

describe('properties', () => {
  it('the score is the sum of the met items, and max − score the sum of the deductions', () =>
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (met) => {
        const r = scoreOf(预决算信息公开, {}, checked(...met));
        const points = [1, 0.5, 0.5, 0.5, 0.5];
        const expected = met.reduce((s, m, i) => s + (m ? points[i]! * 2 : 0), 0) / 2;
        expect(r.score).toBe(String(expected));
        expectBalanced(r);
        expect(r.deductions).toHaveLength(met.filter((m) => !m).length);
      }),
    ));
});
