import { describe, expect, it } from 'vitest';
import { evalIssues, expectIssue, expectScore, leaf, resultOf, scoreOf, type Assessments } from '../helpers.js';

const 绩效目标合理性 = leaf({ kind: 'judgement' }, { max: 3, id: '绩效目标合理性' });
const given = (score: number | string, reason?: string): Assessments => ({
  绩效目标合理性: { score, ...(reason !== undefined ? { reason } : {}) },
});
const path = (...rest: string[]) => ['assessments', '绩效目标合理性', ...rest];

describe('绩效目标合理性 3 → 2：指标细化量化不够，缺乏可考核性，故扣除1分', () => {
  it('the evaluator’s score is the score', () => expectScore(绩效目标合理性, {}, '2', given(2, '指标细化量化不够，缺乏可考核性，故扣除1分')));
  it('the evaluator’s reason is the deduction’s reason, for the 1 point lost', () =>
    expect(scoreOf(绩效目标合理性, {}, given(2, '指标细化量化不够，缺乏可考核性，故扣除1分')).deductions).toEqual([
      { indicator: '绩效目标合理性', points: '1', reason: '指标细化量化不够，缺乏可考核性，故扣除1分' },
    ]));
  it('full marks need no reason', () => expect(expectScore(绩效目标合理性, {}, '3', given(3)).deductions).toEqual([]));
  it('at full marks the evaluator’s note is kept as the remark (扣分原因和其他说明)', () =>
    expect(scoreOf(绩效目标合理性, {}, given(3, '绩效目标设定科学合理')).remark).toBe('绩效目标设定科学合理'));
  it('a score may be a decimal string: "2.5"', () => expectScore(绩效目标合理性, {}, '2.5', given('2.5', '部分指标未细化')));
  it('0 with a reason → 0', () => expectScore(绩效目标合理性, {}, '0', given(0, '未设定绩效目标')));
});

describe('what the evaluator must give', () => {
  it('a score below max without a reason is an error at …reason', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given(2)), { code: 'judgement_reason_required', path: path('reason'), indicator: '绩效目标合理性' }));
  it('a blank reason is no reason', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given(2, '  ')), { code: 'judgement_reason_required', path: path('reason') }));
  it('no assessment at all is an error asking for a score', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, {}), { code: 'assessment_missing', path: path(), indicator: '绩效目标合理性' }));
  it('a reason without a score is still missing the score', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, { 绩效目标合理性: { reason: '扣1分' } }), { code: 'assessment_missing' }));
  it('a score above max is out of range', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given(4)), { code: 'judgement_out_of_range', path: path('score'), indicator: '绩效目标合理性' }));
  it('a negative score is out of range', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given(-1, '差')), { code: 'judgement_out_of_range', path: path('score') }));
  it('a score that is not a number is invalid_number', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given('两分', '差')), { code: 'invalid_number', path: path('score') }));
  it('a score with more decimals than the rubric keeps is rejected, not rounded silently', () =>
    expectIssue(evalIssues(绩效目标合理性, {}, given('2.555', '差')), { code: 'assessment_invalid', path: path('score') }));
});

describe('step: 0.5 — 得分须为0.5的整数倍', () => {
  const stepped = leaf({ kind: 'judgement', step: 0.5 }, { max: 3, id: '绩效目标合理性' });
  it('2.5 is accepted', () => expectScore(stepped, {}, '2.5', given('2.5', '部分指标未细化')));
  it('2.3 is an error', () =>
    expectIssue(evalIssues(stepped, {}, given('2.3', '部分指标未细化')), { code: 'judgement_step', path: path('score') }));
});

describe('预算调整：相符10分，基本相符6分，调整较大0分 (levels)', () => {
  const 预算相符性 = leaf(
    { kind: 'judgement', levels: [{ level: '相符', points: 10 }, { level: '基本相符', points: 6 }, { level: '调整较大', points: 0 }] },
    { max: 10 },
  );
  const at = (a: Assessments[string]) => ({ 指标: a });
  it('相符 → 10, no deduction and no reason needed', () => expect(expectScore(预算相符性, {}, '10', at({ level: '相符' })).deductions).toEqual([]));
  it('基本相符 → 6; the level is the reason, the evaluator’s words follow it', () => {
    const r = expectScore(预算相符性, {}, '6', at({ level: '基本相符', reason: '年中追加两次' }));
    expect(r.deductions[0]!.reason).toBe('评为“基本相符”（相符10分、基本相符6分、调整较大0分），年中追加两次，得6分，扣4分');
  });
  it('调整较大 → 0 without a reason of its own', () => expectScore(预算相符性, {}, '0', at({ level: '调整较大' })));
  it('a score equal to a level’s is that level: 6 → 基本相符', () =>
    expect(expectScore(预算相符性, {}, '6', at({ score: 6 })).deductions[0]!.reason).toContain('基本相符'));
  it('a score between the levels is judgement_level: 8 is no level', () =>
    expectIssue(() => resultOf(预算相符性, {}, at({ score: 8, reason: '较好' })), { code: 'judgement_level', path: ['assessments', '指标', 'score'] }));
  it('a level and a score that disagree are refused', () =>
    expectIssue(() => resultOf(预算相符性, {}, at({ level: '相符', score: 6 })), { code: 'assessment_invalid' }));
  it('a level not on the list is level_unknown, listing the levels', () => {
    const i = expectIssue(() => resultOf(预算相符性, {}, at({ level: '比较相符' })), { code: 'level_unknown', path: ['assessments', '指标', 'level'] });
    expect(i.message).toContain('相符、基本相符、调整较大');
  });
  it('neither level nor score is assessment_missing, asking for a level', () =>
    expect(expectIssue(() => resultOf(预算相符性, {}, at({})), { code: 'assessment_missing' }).message).toContain('档次'));
  it('a level on a judgement without levels is refused', () =>
    expectIssue(() => resultOf(leaf({ kind: 'judgement' }, { max: 3 }), {}, at({ level: '相符' })), { code: 'assessment_invalid', path: ['assessments', '指标', 'level'] }));
  it('levels over the max, or two levels with the same points, are refused at load', () => {
    expectIssue(() => leaf({ kind: 'judgement', levels: [{ level: '甲', points: 12 }, { level: '乙', points: 0 }] }, { max: 10 }), { code: 'rule_invalid' });
    expectIssue(() => leaf({ kind: 'judgement', levels: [{ level: '甲', points: 5 }, { level: '乙', points: 5 }] }, { max: 10 }), { code: 'rule_invalid' });
  });
});
