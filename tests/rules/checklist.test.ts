import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLoadRubric } from '../../src/index.js';
import { expectBalanced, expectIssue, expectScore, leaf, resultOf, rubricWith, scoreOf } from '../helpers.js';

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

// 项目支出绩效评价指标体系框架: checklists as the sheets write them (#10).
const 评价要点 = ['符合法律法规、国民经济发展规划和相关政策', '符合行业发展规划和政策要求', '与部门职责范围相符，属于部门履职所需', '属于公共财政支持范围', '与相关部门同类项目不重复'];

describe('具备一个得分要素，得到指标分值的20% (share)', () => {
  const 立项依据充分性 = leaf({ kind: 'checklist', items: 评价要点.map((text) => ({ text, share: 20 })) }, { max: 3 });
  it('all five → 3', () => expectScore(立项依据充分性, {}, '3', checked(true, true, true, true, true)));
  it('four of five → 3 × 80% = 2.4', () => expectScore(立项依据充分性, {}, '2.4', checked(true, true, false, true, true)));
  it('one → 0.6; each missed item loses 20% of 3 = 0.6, named', () => {
    const r = expectScore(立项依据充分性, {}, '0.6', checked(false, true, false, false, false));
    expect(r.deductions.map((d) => d.points)).toEqual(['0.6', '0.6', '0.6', '0.6']);
    expect(r.deductions[0]!.reason).toContain('①');
  });
  it('shares are exact and rounded once: 3 × 20% of 2.5 = 1.5; 50% of 0.35 = 0.175, an exact tie → 0.18 (half-up)', () => {
    expectScore(leaf({ kind: 'checklist', items: 评价要点.map((text) => ({ text, share: 20 })) }, { max: 2.5 }), {}, '1.5', checked(true, true, true, false, false));
    const r = expectScore(leaf({ kind: 'checklist', items: [{ text: '甲', share: 50 }, { text: '乙', share: 50 }] }, { max: 0.35 }), {}, '0.18', checked(true, false));
    expect(r.deductions.map((d) => d.points)).toEqual(['0.17']);
  });
  it('shares that do not reach 100% are refused (checklist_points_mismatch)', () =>
    expectIssue(() => leaf({ kind: 'checklist', items: [{ text: '甲', share: 50 }, { text: '乙', share: 40 }] }, { max: 5 }), { code: 'checklist_points_mismatch' }));
  it('an item with both points and share, or neither, is refused', () => {
    expectIssue(() => leaf({ kind: 'checklist', items: [{ text: '甲', share: 50, points: 1 }, { text: '乙', share: 50 }] }, { max: 2 }), { code: 'rule_invalid' });
    expectIssue(() => leaf({ kind: 'checklist', items: [{ text: '甲' }, { text: '乙', share: 100 }] }, { max: 2 }), { code: 'rule_invalid' });
  });
});

describe('具备要素①，得到指标分值的40%；如不具备，该指标分值为0。具备要素②③④，分别得到指标分值的20% (gate)', () => {
  const 绩效目标合理性 = leaf(
    {
      kind: 'checklist',
      items: [
        { text: '项目有绩效目标', share: 40, gate: true },
        { text: '绩效目标与实际工作内容具有相关性', share: 20 },
        { text: '预期产出效益和效果符合正常的业绩水平', share: 20 },
        { text: '与预算确定的投资额或资金量相匹配', share: 20 },
      ],
    },
    { max: 5 },
  );
  it('all → 5', () => expectScore(绩效目标合理性, {}, '5', checked(true, true, true, true)));
  it('① and ③ → 2 + 1 = 3', () => expectScore(绩效目标合理性, {}, '3', checked(true, false, true, false)));
  it('only ① → 2', () => expectScore(绩效目标合理性, {}, '2', checked(true, false, false, false)));
  it('② ③ ④ without ① → 0, one deduction naming the gate', () => {
    const r = expectScore(绩效目标合理性, {}, '0', checked(false, true, true, true));
    expect(r.deductions).toHaveLength(1);
    expect(r.deductions[0]!.reason).toContain('必备要素第①项“项目有绩效目标”');
    expect(r.deductions[0]!.reason).toContain('该指标分值为0');
  });
});

describe('每少一项扣1分，扣完为止 (perMissing)', () => {
  const 制度执行有效性 = leaf(
    {
      kind: 'checklist',
      perMissing: 1,
      items: ['遵守相关法律法规和管理规定', '调整及支出调整手续完备', '合同书、验收报告、技术鉴定等资料齐全并及时归档', '人员条件、场地设备、信息支撑等落实到位'].map((text) => ({ text })),
    },
    { max: 3 },
  );
  it('none missing → 3', () => expectScore(制度执行有效性, {}, '3', checked(true, true, true, true)));
  it('one missing → 2', () => expectScore(制度执行有效性, {}, '2', checked(true, false, true, true)));
  it('three missing → 0', () => expectScore(制度执行有效性, {}, '0', checked(false, true, false, false)));
  it('four missing → 0, not −1: the fourth is not deducted (扣完为止)', () => {
    const r = expectScore(制度执行有效性, {}, '0', checked(false, false, false, false));
    expect(r.deductions.map((d) => d.points)).toEqual(['1', '1', '1']);
  });
  it('0.5 per item on 1.2 → three missing: 0.5 + 0.5 + 0.2, the last one 扣完为止', () => {
    const half = leaf({ kind: 'checklist', perMissing: 0.5, items: ['甲', '乙', '丙'].map((text) => ({ text })) }, { max: 1.2 });
    const r = expectScore(half, {}, '0', checked(false, false, false));
    expect(r.deductions.map((d) => d.points)).toEqual(['0.5', '0.5', '0.2']);
    expect(r.deductions[2]!.reason).toContain('扣完为止');
  });
  it('items with points under perMissing are refused', () =>
    expectIssue(() => leaf({ kind: 'checklist', perMissing: 1, items: [{ text: '甲', points: 1 }] }, { max: 1 }), { code: 'rule_invalid' }));
});

describe('优/良/中/差 per item mapped to points (scale)', () => {
  const scale = [{ level: '优', share: 100 }, { level: '良', share: 80 }, { level: '中', share: 60 }, { level: '差', share: 0 }];
  const 档案管理 = leaf({ kind: 'checklist', scale, items: [{ text: '档案齐全', points: 2 }, { text: '归档及时', points: 3 }] }, { max: 5 });
  const rated = (a: string, b: string) => ({ 指标: { items: { 1: a, 2: b } } });
  it('优, 优 → 5', () => expectScore(档案管理, {}, '5', rated('优', '优')));
  it('良, 中 → 1.6 + 1.8 = 3.4, each item’s loss named with its level', () => {
    const r = expectScore(档案管理, {}, '3.4', rated('良', '中'));
    expect(r.deductions.map((d) => d.points)).toEqual(['0.4', '1.2']);
    expect(r.deductions[1]!.reason).toContain('评为中');
  });
  it('差, 优 → 3', () => expectScore(档案管理, {}, '3', rated('差', '优')));
  it('a level not on the scale, or true/false, is level_unknown at the item', () => {
    expectIssue(() => resultOf(档案管理, {}, rated('较好', '优')), { code: 'level_unknown', path: ['assessments', '指标', 'items', '1'] });
    expectIssue(() => resultOf(档案管理, {}, { 指标: { items: { 1: true, 2: '优' } } }), { code: 'level_unknown', path: ['assessments', '指标', 'items', '1'] });
  });
  it('an item not rated is checklist_item_missing, naming the levels', () => {
    const i = expectIssue(() => resultOf(档案管理, {}, { 指标: { items: { 1: '优' } } }), { code: 'checklist_item_missing' });
    expect(i.message).toContain('优、良、中、差');
  });
  it('a plain checklist refuses a level word for an item', () =>
    expectIssue(() => resultOf(管理制度健全性, {}, { 指标: { items: { 1: '优', 2: true, 3: true } } }), { code: 'assessment_invalid', path: ['assessments', '指标', 'items', '1'] }));
});
