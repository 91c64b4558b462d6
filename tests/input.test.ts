/**
 * Evaluation inputs (评价数据): bad figures never yield a silent number; every problem is an
 * issue naming the input path and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, loadRubric, safeEvaluate, type EvaluationInput, type RubricDocumentInput } from '../src/index.js';
import { expectIssue, issuesOf, nodesOf, positionOf, type Values } from './helpers.js';

const doc = (notApplicable?: 'forbidden' | 'full' | 'rescale'): RubricDocumentInput => ({
  id: 'input-test',
  name: '输入校验测试表',
  ...(notApplicable ? { notApplicable } : {}),
  grades: [
    { grade: '优秀', min: 90 },
    { grade: '良好', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  inputs: {
    在职人数: { type: 'count', unit: '人' },
    编制人数: { type: 'count', unit: '人', min: 1 },
    公务卡刷卡率: { type: 'percent', min: 0, max: 100 },
    政府采购执行率: { type: 'percent', min: 0, optional: true },
  },
  metrics: { 在职人员控制率: { formula: '在职人数 / 编制人数 * 100', unit: '%' } },
  vetoes: [
    { id: '重大违纪', name: '发生重大违法违纪问题', grade: '差' },
    { id: '审计问题', name: '审计发现较大问题', grade: '良好' },
  ],
  indicators: [
    {
      id: '投入', name: '投入', max: 40,
      children: [
        { id: '控制率', name: '财政供养人员控制率', max: 20, rule: { kind: 'per_unit', value: '在职人员控制率', standard: 100, direction: 'above', points: 0.5 } },
        { id: '公务卡刷卡率', name: '公务卡刷卡率', max: 20, rule: { kind: 'per_unit', value: '公务卡刷卡率', standard: 50, direction: 'below', points: 0.2 } },
      ],
    },
    {
      id: '过程', name: '过程', max: 60,
      children: [
        { id: '政府采购执行率', name: '政府采购执行率', max: 20, rule: { kind: 'per_unit', value: '政府采购执行率', standard: 100, direction: 'below', points: 0.2 } },
        {
          id: '管理制度健全性', name: '管理制度健全性', max: 20,
          rule: { kind: 'checklist', items: [{ text: '已制定管理制度', points: 10 }, { text: '管理制度合法合规', points: 5 }, { text: '管理制度有效执行', points: 5 }] },
        },
        { id: '绩效目标合理性', name: '绩效目标合理性', max: 20, rule: { kind: 'judgement' } },
      ],
    },
  ],
});
const rubric = loadRubric(doc());

const values: Values = { 在职人数: 31, 编制人数: 34, 公务卡刷卡率: 60, 政府采购执行率: 100 };
const assessments: NonNullable<EvaluationInput['assessments']> = {
  管理制度健全性: { items: { 1: true, 2: true, 3: true } },
  绩效目标合理性: { score: 20 },
};
/** A complete, valid input, with `change` applied on top (a `null` assessment removes it). */
const input = (change: { values?: Values; assessments?: Record<string, unknown>; vetoes?: Record<string, string> } = {}): EvaluationInput => {
  const a: Record<string, unknown> = { ...assessments, ...change.assessments };
  for (const k of Object.keys(a)) if (a[k] === null) delete a[k];
  return {
    values: { ...values, ...change.values },
    assessments: a as EvaluationInput['assessments'],
    ...(change.vetoes ? { vetoes: change.vetoes } : {}),
  };
};
const issues = (change: Parameters<typeof input>[0], r = rubric) => issuesOf(() => safeEvaluate(r, input(change)));
const without = (name: string) => {
  const v = { ...values };
  delete v[name];
  return { ...input(), values: v };
};

describe('a complete input scores', () => {
  it('100 分, 优秀', () => {
    const r = evaluate(rubric, input());
    expect([r.total, r.max, r.grade]).toEqual(['100', '100', '优秀']);
  });
});

describe('figures (values)', () => {
  it('a missing figure is input_missing at values.<name>, saying what was expected', () => {
    const i = expectIssue(() => safeEvaluate(rubric, without('在职人数')), { code: 'input_missing', path: ['values', '在职人数'] });
    expect(i.message).toContain('在职人数');
    expect(i.message).toContain('非负整数');
  });
  it('null is missing', () => expectIssue(issues({ values: { 在职人数: null } }), { code: 'input_missing', path: ['values', '在职人数'] }));
  it('no values at all: every figure an indicator reads is reported, the optional one too (it is read)', () => {
    const codes = issuesOf(() => safeEvaluate(rubric, { assessments })).filter((i) => i.code === 'input_missing').map((i) => i.path[1]);
    expect(codes.sort()).toEqual(['公务卡刷卡率', '在职人数', '政府采购执行率', '编制人数']);
  });
  it.each([
    ['三十一', undefined],
    ['31人', '单位'],
    ['３１', '半角'],
    ['1,031', '千分位'],
    ['0x1F', undefined],
    ['', undefined],
  ])('“%s” is not a number (invalid_number at values.在职人数)', (text, hint) => {
    const i = expectIssue(issues({ values: { 在职人数: text } }), { code: 'invalid_number', path: ['values', '在职人数'] });
    if (hint) expect(i.message).toContain(hint);
  });
  it('“60%” for a percent says to write percentage points', () =>
    expect(expectIssue(issues({ values: { 公务卡刷卡率: '60%' } }), { code: 'invalid_number', path: ['values', '公务卡刷卡率'] }).message).toContain('百分点'));
  it('true is not a number', () =>
    expectIssue(issuesOf(() => safeEvaluate(rubric, { ...input(), values: { ...values, 在职人数: true } as never })), { path: ['values', '在职人数'] }));
  it('a decimal string is a number: "31"', () => expect(evaluate(rubric, input({ values: { 在职人数: '31' } })).total).toBe('100'));
  it('a count below its min: 编制人数 0 (min 1) is out of range', () =>
    expectIssue(issues({ values: { 编制人数: 0 } }), { code: 'input_out_of_range', path: ['values', '编制人数'], params: expect.objectContaining({ received: '0' }) }));
  it('a negative count is out of range', () => expectIssue(issues({ values: { 在职人数: -1 } }), { code: 'input_out_of_range', path: ['values', '在职人数'] }));
  it('a percent above its max: 101 > 100', () => expectIssue(issues({ values: { 公务卡刷卡率: 101 } }), { code: 'input_out_of_range', path: ['values', '公务卡刷卡率'] }));
  it('range edges are inclusive: 公务卡刷卡率 100 and 0 are accepted', () => {
    expect(evaluate(rubric, input({ values: { 公务卡刷卡率: 100 } })).total).toBe('100');
    expect(evaluate(rubric, input({ values: { 公务卡刷卡率: 0 } })).total).toBe('90');
  });
  it('a count that is not whole: 31.5 人', () =>
    expectIssue(issues({ values: { 在职人数: '31.5' } }), { code: 'input_not_integer', path: ['values', '在职人数'] }));
  it('an undeclared figure is input_unknown', () => expectIssue(issues({ values: { 实有人数: 36 } }), { code: 'input_unknown', path: ['values', '实有人数'] }));
  it('a misspelt figure suggests the declared name', () =>
    expect(expectIssue(issues({ values: { 在职人: 31 } }), { code: 'input_unknown', path: ['values', '在职人'] }).message).toContain('在职人数'));
  it('`constructor` and `__proto__` are undeclared figures like any other', () => {
    expectIssue(issues({ values: { constructor: 1 } }), { code: 'input_unknown', path: ['values', 'constructor'] });
    expectIssue(issuesOf(() => safeEvaluate(rubric, '{"values": {"__proto__": 1}}')), { path: ['values', '__proto__'] });
  });
  it('every problem is reported at once', () => {
    const found = issues({ values: { 在职人数: 'x', 编制人数: 0, 实有人数: 36 }, assessments: { 绩效目标合理性: null } });
    expect(found.map((i) => i.code).sort()).toEqual(['assessment_missing', 'input_out_of_range', 'input_unknown', 'invalid_number']);
  });
});

describe('assessments', () => {
  it('an unknown indicator id is assessment_unknown, with a hint', () =>
    expect(expectIssue(issues({ assessments: { 绩效目标合理: { score: 20 } } }), { code: 'assessment_unknown', path: ['assessments', '绩效目标合理'] }).message).toContain('绩效目标合理'));
  it('a judgement without a score is assessment_missing', () =>
    expectIssue(issues({ assessments: { 绩效目标合理性: null } }), { code: 'assessment_missing', path: ['assessments', '绩效目标合理性'], indicator: '过程.绩效目标合理性' }));
  it('a score below max without a reason is judgement_reason_required', () =>
    expectIssue(issues({ assessments: { 绩效目标合理性: { score: 18 } } }), {
      code: 'judgement_reason_required',
      path: ['assessments', '绩效目标合理性', 'reason'],
      indicator: '过程.绩效目标合理性',
    }));
  it('a score for a rule-scored indicator is refused', () =>
    expectIssue(issues({ assessments: { 控制率: { score: 20 } } }), { code: 'assessment_invalid', path: ['assessments', '控制率', 'score'] }));
  it('items for an indicator that is not a checklist are refused', () =>
    expectIssue(issues({ assessments: { 绩效目标合理性: { score: 20, items: { 1: true } } } }), {
      code: 'assessment_invalid',
      path: ['assessments', '绩效目标合理性', 'items'],
    }));
  it('a checklist item left out is checklist_item_missing at …items.<id>', () =>
    expectIssue(issues({ assessments: { 管理制度健全性: { items: { 1: true, 3: true } } } }), {
      code: 'checklist_item_missing',
      path: ['assessments', '管理制度健全性', 'items', '2'],
      indicator: '过程.管理制度健全性',
    }));
  it('a checklist with no assessment: every item is missing', () =>
    expect(issues({ assessments: { 管理制度健全性: null } }).filter((i) => i.code === 'checklist_item_missing')).toHaveLength(3));
  it('an item the checklist does not have is checklist_item_unknown', () =>
    expectIssue(issues({ assessments: { 管理制度健全性: { items: { 1: true, 2: true, 3: true, 4: true } } } }), {
      code: 'checklist_item_unknown',
      path: ['assessments', '管理制度健全性', 'items', '4'],
    }));
  it('an item must be true or false, not “是”', () =>
    expectIssue(issues({ assessments: { 管理制度健全性: { items: { 1: true, 2: '是', 3: true } } } }), {
      path: ['assessments', '管理制度健全性', 'items', '2'],
    }));
  it('an unknown key in the document suggests the right one', () =>
    expect(expectIssue(issuesOf(() => safeEvaluate(rubric, { value: values } as never)), { code: 'unknown_key', path: ['value'] }).message).toContain('values'));
});

describe('an optional figure', () => {
  it('may be omitted only if nothing needs it: the error names the figure and the indicator', () =>
    expectIssue(() => safeEvaluate(rubric, without('政府采购执行率')), {
      code: 'input_missing',
      path: ['values', '政府采购执行率'],
      indicator: '过程.政府采购执行率',
    }));
});

describe('notApplicable: forbidden (the default)', () => {
  it('marking an indicator 不适用 is an error', () =>
    expectIssue(issues({ assessments: { 政府采购执行率: { notApplicable: true, reason: '本年度无政府采购' } } }), {
      code: 'not_applicable_forbidden',
      path: ['assessments', '政府采购执行率', 'notApplicable'],
      indicator: '过程.政府采购执行率',
    }));
});

describe('notApplicable: full — the indicator gets full marks', () => {
  const full = loadRubric(doc('full'));
  const na = { ...without('政府采购执行率'), assessments: { ...assessments, 政府采购执行率: { notApplicable: true, reason: '本年度无政府采购' } } };
  const r = evaluate(full, na);
  const node = nodesOf(r).find((n) => n.id === '政府采购执行率')!;
  it('政府采购执行率 20/20, marked notApplicable, the reason kept as remark', () =>
    expect([node.score, node.notApplicable, node.remark]).toEqual(['20', true, '本年度无政府采购']));
  it('total 100, no rescaling', () => expect([r.total, r.max, r.rescaled]).toEqual(['100', '100', undefined]));
  it('a parent marked 不适用 gives every child full marks', () => {
    const p = evaluate(full, { values: { ...values, 在职人数: 68, 公务卡刷卡率: 0 }, assessments: { ...assessments, 投入: { notApplicable: true } } });
    expect(p.indicators[0]!.score).toBe('40');
    expect(p.indicators[0]!.children!.map((c) => c.score)).toEqual(['20', '20']);
  });
});

describe('notApplicable: rescale — the max is removed and the total rescaled to 100', () => {
  const rescale = loadRubric(doc('rescale'));
  const na = {
    values: { 在职人数: 31, 编制人数: 34, 公务卡刷卡率: 40 },
    assessments: { ...assessments, 政府采购执行率: { notApplicable: true, reason: '本年度无政府采购' } },
  };
  const r = evaluate(rescale, na);
  it('刷卡率 40% loses 10 × 0.2 = 2: raw 78 of an applicable 80', () => expect(r.rescaled).toEqual({ rawTotal: '78', applicableMax: '80' }));
  it('total = 78 × 100 / 80 = 97.5', () => expect([r.total, r.max, r.grade]).toEqual(['97.5', '100', '优秀']));
  it('the 不适用 indicator scores 0 and says so', () => {
    const node = nodesOf(r).find((n) => n.id === '政府采购执行率')!;
    expect([node.score, node.notApplicable]).toEqual(['0', true]);
  });
  it('without any 不适用 item nothing is rescaled', () => expect(evaluate(rescale, input()).rescaled).toBeUndefined());
});

describe('vetoes (一票否决) cap the grade, never the total', () => {
  it('重大违纪 (cap 差) with 100 分 → 差, total still 100', () => {
    const r = evaluate(rubric, input({ vetoes: { 重大违纪: '发生违反中央八项规定精神问题' } }));
    expect([r.total, r.grade]).toEqual(['100', '差']);
    expect(r.vetoes).toEqual([{ id: '重大违纪', name: '发生重大违法违纪问题', grade: '差', reason: '发生违反中央八项规定精神问题' }]);
  });
  it('审计问题 (cap 良好) with 95 分 优秀 → 良好', () =>
    expect(evaluate(rubric, input({ assessments: { 绩效目标合理性: { score: 15, reason: '目标不够具体' } }, vetoes: { 审计问题: '审计发现问题' } })).grade).toBe('良好'));
  it('a cap above the earned grade changes nothing: 75 分 中 stays 中', () =>
    expect(
      evaluate(rubric, input({ values: { 公务卡刷卡率: 0 }, assessments: { 绩效目标合理性: { score: 5, reason: '目标不合理' } }, vetoes: { 审计问题: '审计发现问题' } })).grade,
    ).toBe('中'));
  it('two vetoes: the lower cap wins', () =>
    expect(evaluate(rubric, input({ vetoes: { 审计问题: '审计发现问题', 重大违纪: '违纪' } })).grade).toBe('差'));
  it('no veto triggered → vetoes: []', () => expect(evaluate(rubric, input()).vetoes).toEqual([]));
  it('an unknown veto id is veto_unknown', () => expectIssue(issues({ vetoes: { 重大违法: '…' } }), { code: 'veto_unknown', path: ['vetoes', '重大违法'] }));
  it('a veto needs a reason', () => expectIssue(issues({ vetoes: { 重大违纪: '' } }), { path: ['vetoes', '重大违纪'] }));
});

describe('an input given as JSON or YAML text: issues carry line and column', () => {
  const json = JSON.stringify({ ...input(), values: { ...values, 编制人数: 0 } }, null, 2);
  it('JSON: 编制人数 0 at its line', () =>
    expectIssue(() => safeEvaluate(rubric, json, { file: 'input.json' }), {
      code: 'input_out_of_range',
      path: ['values', '编制人数'],
      source: { file: 'input.json', ...positionOf(json, '"编制人数"') },
    }));
  const text = [
    'values:',
    '  在职人数: 31',
    '  编制人数: 34',
    '  公务卡刷卡率: 六十',
    '  政府采购执行率: 100',
    'assessments:',
    '  管理制度健全性: { items: { "1": true, "2": true, "3": true } }',
    '  绩效目标合理性: { score: 20 }',
  ].join('\n');
  it('YAML: 公务卡刷卡率 六十 at line 4, column 3', () =>
    expectIssue(() => safeEvaluate(rubric, text, { file: 'input.yaml' }), {
      code: 'invalid_number',
      path: ['values', '公务卡刷卡率'],
      source: { file: 'input.yaml', line: 4, column: 3 },
    }));
  it('YAML numbers are read exactly from their text', () =>
    expect(evaluate(rubric, text.replace('六十', '49.9')).total).toBe('99.98'));
});
